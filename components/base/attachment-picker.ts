import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import {
  DEFAULT_ATTACHMENT_POLICY,
  type AttachmentMeta,
  type AttachmentPolicy,
  type CustomerClient,
  type Locale,
  type UploadProgress,
  type ValidationIssue,
} from '../../src/index.js';
import { t } from './attachments.strings.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly activeClient: CustomerClient | undefined; readonly resolvedLocale: Locale; readonly renderRoot: HTMLElement | DocumentFragment };

const size = (bytes: number, locale: Locale) =>
  bytes >= 1024 * 1024
    ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)
    : new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024));

/** `images, videos, PDF` from a policy's types, in the locale. */
function typesText(types: readonly string[], locale: Locale): string {
  const names = new Set(types.map((type) => (type.startsWith('image/') ? t(locale, 'image') : type.startsWith('video/') ? t(locale, 'video') : (type.split('/')[1] ?? type).toUpperCase())));
  return [...names].join(locale === 'zh-CN' ? '、' : ', ');
}

/** Browsers show these as images; HEIC and the rest get an icon. */
const PREVIEWABLE = /^image\/(jpeg|png|gif|webp|avif)$/;

/**
 * The files a customer attaches to a ticket or a reply: a labelled file input (and a drop
 * zone), previews (image thumbnails through object URLs, a type badge otherwise), the name as
 * text, a remove button per file named after it, a `<progress>` per file while it uploads, and
 * refusals (too large, wrong type, too many) inline in a live region. Files are checked with
 * the client's policy as they are chosen; what the server refuses later is shown the same way
 * through {@link AttachmentPicker.showIssues}.
 */
export class AttachmentPicker implements ReactiveController {
  /** The files chosen, in order: pass them as `files` to `tickets.create` or `tickets.reply`. */
  files: File[] = [];
  /** Disables the input and the remove buttons (while sending). */
  busy = false;
  private errors: string[] = [];
  private progress: Array<number | undefined> = [];
  private previews = new Map<File, string>();

  constructor(
    private readonly host: Host,
    private readonly id: string,
    /** Called after the customer added or removed a file. */
    private readonly onChange: () => void = () => undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const url of this.previews.values()) URL.revokeObjectURL(url);
    this.previews.clear();
  }

  private get policy(): AttachmentPolicy {
    return this.host.activeClient?.attachments.policy ?? DEFAULT_ATTACHMENT_POLICY;
  }

  private message(code: string, name: string): string {
    const loc = this.host.resolvedLocale;
    const p = this.policy;
    const vars = { name, size: size(p.maxBytes, loc), n: p.maxFiles, types: typesText(p.types, loc) };
    return code === 'too_large' || code === 'type_not_allowed' || code === 'too_short' || code === 'too_many' ? t(loc, `err.${code}`, vars) : t(loc, 'err.other', vars);
  }

  /** Adds files the policy accepts; says why each other one was refused. */
  add(list: Iterable<File>): void {
    const client = this.host.activeClient;
    const errors: string[] = [];
    const files = [...this.files];
    for (const file of list) {
      if (files.length >= this.policy.maxFiles) {
        errors.push(this.message('too_many', file.name));
        break;
      }
      const issue = client?.attachments.check(file)[0];
      if (issue) errors.push(this.message(issue.code, file.name));
      else files.push(file);
    }
    this.files = files;
    this.errors = errors;
    this.host.requestUpdate();
    this.onChange();
  }

  remove(index: number): void {
    const [gone] = this.files.splice(index, 1);
    const url = gone && this.previews.get(gone);
    if (url) URL.revokeObjectURL(url);
    if (gone) this.previews.delete(gone);
    this.files = [...this.files];
    this.errors = [];
    this.host.requestUpdate();
    this.onChange();
    // The button is gone: keyboard focus goes back to the input, not to the page's start.
    void this.host.updateComplete.then(() => (this.host.renderRoot.querySelector(`#${this.id}`) as HTMLElement | null)?.focus());
  }

  /** Forgets every file (after the write was accepted or queued). */
  clear(): void {
    this.hostDisconnected();
    this.files = [];
    this.errors = [];
    this.progress = [];
    this.host.requestUpdate();
  }

  /** For `onProgress` of `tickets.create` / `tickets.reply`. */
  readonly onProgress = (p: UploadProgress): void => {
    this.progress[p.index] = p.total > 0 ? p.loaded / p.total : 1;
    this.host.requestUpdate();
  };

  /** Ends the progress bars (the send is over, whatever its outcome). */
  done(): void {
    this.progress = [];
    this.host.requestUpdate();
  }

  /** Shows the issues about files (`files`, `files.<i>.…`) of a refused write; tells whether there were any. */
  showIssues(issues: readonly ValidationIssue[]): boolean {
    const mine = issues.filter((i) => i.path === 'files' || i.path.startsWith('files.'));
    this.errors = mine.map((i) => this.message(i.code, this.files[Number(i.path.split('.')[1])]?.name ?? ''));
    this.host.requestUpdate();
    return mine.length > 0;
  }

  private preview(file: File) {
    if (!PREVIEWABLE.test(file.type)) return html`<span class="file-icon" aria-hidden="true">${(file.type.split('/')[1] ?? '?').slice(0, 4).toUpperCase()}</span>`;
    let url = this.previews.get(file);
    if (!url) this.previews.set(file, (url = URL.createObjectURL(file)));
    return html`<img class="thumb" src=${url} alt="" width="48" height="48" />`;
  }

  render(label = t(this.host.resolvedLocale, 'label')) {
    const loc = this.host.resolvedLocale;
    const p = this.policy;
    const id = this.id;
    return html`<div part="attachments" class="attachments"
      @dragover=${(e: DragEvent) => e.preventDefault()}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        if (!this.busy && e.dataTransfer) this.add(e.dataTransfer.files);
      }}>
      <label part="label" for=${id}>${label}<span class="opt">${t(loc, 'optional')}</span></label>
      <input part="input" id=${id} type="file" multiple accept=${p.types.join(',')} ?disabled=${this.busy} aria-describedby="${id}-hint ${id}-error"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          this.add(input.files ?? []);
          input.value = '';
        }} />
      <div class="hint" id="${id}-hint">${t(loc, 'hint', { types: typesText(p.types, loc), size: size(p.maxBytes, loc), n: p.maxFiles })}</div>
      <div part="error" class="error" id="${id}-error" aria-live="assertive">${this.errors.map((e) => html`<div>${e}</div>`)}</div>
      ${this.files.length > 0
        ? html`<ul class="files" aria-label=${t(loc, 'chosen')}>
            ${this.files.map((file, i) => {
              const done = this.progress[i];
              return html`<li>
                ${this.preview(file)}
                <span class="file-name">${file.name}</span>
                <span class="hint">${size(file.size, loc)}</span>
                ${done !== undefined ? html`<progress max="1" .value=${done} aria-label=${t(loc, 'uploading', { name: file.name })}></progress>` : nothing}
                <button type="button" class="link" ?disabled=${this.busy} aria-label=${t(loc, 'remove', { name: file.name })} @click=${() => this.remove(i)}>✕</button>
              </li>`;
            })}
          </ul>`
        : nothing}
    </div>`;
  }
}

/**
 * Attachments of a ticket or a message as links: the name as text, the link only to a URL the
 * client vouches for (`client.attachments.url`: https, http, blob — never `javascript:`).
 */
export function attachmentLinks(list: readonly AttachmentMeta[], urls: Readonly<Record<string, string>>, locale: Locale) {
  if (list.length === 0) return nothing;
  return html`<ul class="attached" aria-label=${t(locale, 'list')}>
    ${list.map((a) => {
      const url = urls[a.id];
      return html`<li>${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${a.name}</a>` : html`<span>${a.name}</span>`} <span class="hint">${size(a.size, locale)}</span></li>`;
    })}
  </ul>`;
}

/** Styles of the picker and the links; elements add them to their own. */
export const attachmentStyles = css`
  .attachments {
    display: grid;
    gap: 0.3rem;
    grid-column: 1 / -1;
  }
  .attachments input[type='file'] {
    min-block-size: auto;
  }
  .files,
  .attached {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
  }
  .files li {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .thumb,
  .file-icon {
    inline-size: 48px;
    block-size: 48px;
    object-fit: cover;
    border-radius: var(--ac-radius, 6px);
    flex: none;
  }
  .file-icon {
    display: grid;
    place-items: center;
    font-size: 0.75em;
    font-weight: 600;
    border: 1px solid var(--ac-color-border, #8a8f98);
  }
  .file-name,
  .attached a,
  .attached span {
    overflow-wrap: anywhere;
    min-inline-size: 0;
  }
  .file-name {
    flex: 1 1 8rem;
  }
  .files progress {
    flex: 1 1 6rem;
  }
`;
