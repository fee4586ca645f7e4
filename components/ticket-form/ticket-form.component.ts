import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  generateId,
  RECOMMENDED_MIN_CONFIDENCE,
  TICKET_TYPES,
  ValidationError,
  type ClientEvent,
  type CustomFieldValue,
  type Locale,
  type Ticket,
  type TicketInput,
  type ValidationIssue,
} from '../../src/index.js';
import type { checkTicketInput as CheckTicketInput } from '../../src/model/customer-checks.js';
import { AftercareClientElement } from '../base/aftercare-element.js';
import { AttachmentPicker, attachmentStyles } from '../base/attachment-picker.js';
import { t as tFiles } from '../base/attachments.strings.js';
import { sharedStyles } from '../base/shared.styles.js';
import { t, type TicketFormKey } from './ticket-form.strings.js';
import { ticketFormStyles } from './ticket-form.styles.js';

/** A custom field of the form, described by the host page. */
export interface TicketFormField {
  /** Key in `customFields` (lower case, digits, `_ . -`). */
  key: string;
  /** Label, one string or one per locale. */
  label: string | Partial<Record<Locale, string>>;
  type: 'text' | 'number' | 'select' | 'date' | 'checkbox';
  required?: boolean;
  /** For text: a regular expression the whole value must match. */
  pattern?: string;
  /** For number: bounds; for date: `YYYY-MM-DD` bounds. */
  min?: number | string;
  max?: number | string;
  /** For select. */
  options?: Array<{ value: string; label: string | Partial<Record<Locale, string>> }>;
  /** Help shown under the field. */
  hint?: string | Partial<Record<Locale, string>>;
}

/** What the form holds while the customer types: strings as typed, checkboxes as booleans. */
interface FormValues {
  name: string;
  phone: string;
  email: string;
  type: string;
  subject: string;
  description: string;
  priority: 'normal' | 'high' | 'urgent';
  model: string;
  serial: string;
  purchaseDate: string;
  address: string;
  custom: Record<string, string | boolean>;
}

interface Draft {
  values: FormValues;
  /** One key per draft: a resubmission after a reload cannot make a second ticket. */
  idempotencyKey: string;
  savedAt: number;
  /** Names of the files that were attached: the bytes are not kept in a draft, the customer is told to add them again. */
  files?: string[];
}

interface Suggestion {
  id: string;
  title: string;
}

type Phase = 'editing' | 'sending' | 'created' | 'queued' | 'deflected';

const EMPTY: FormValues = { name: '', phone: '', email: '', type: 'repair', subject: '', description: '', priority: 'normal', model: '', serial: '', purchaseDate: '', address: '', custom: {} };
const ON_SITE = new Set(['repair', 'installation']);
const DRAFT_PREFIX = 'aftercare:draft:';

declare global {
  interface GlobalEventHandlersEventMap {
    'ac-ticket-created': CustomEvent<{ ticket: Ticket }>;
    'ac-ticket-queued': CustomEvent<{ ticket: Ticket }>;
    'ac-ticket-deflected': CustomEvent<{ articleId: string; query: string }>;
    'ac-article-open': CustomEvent<{ articleId: string }>;
  }
}
declare module '../base/aftercare-element.js' {
  interface AftercareEventMap {
    'ac-ticket-created': CustomEvent<{ ticket: Ticket }>;
    'ac-ticket-queued': CustomEvent<{ ticket: Ticket }>;
    'ac-ticket-deflected': CustomEvent<{ articleId: string; query: string }>;
    'ac-article-open': CustomEvent<{ articleId: string }>;
  }
}

// The contract's check of a ticket input (the lean schemas the customer client uses too) loads
// on the customer's first edit or submission, not with the page; a check asked for meanwhile
// runs once it is here.
let checkTicketInput: typeof CheckTicketInput | undefined;
let checkLoading: Promise<unknown> | undefined;
const loadCheck = () =>
  (checkLoading ??= import('../../src/model/customer-checks.js').then(
    (m) => {
      checkTicketInput = m.checkTicketInput;
    },
    (error: unknown) => {
      checkLoading = undefined; // A download that failed is tried again next time.
      throw error;
    },
  ));

const text = (value: string | Partial<Record<Locale, string>> | undefined, locale: Locale): string =>
  value === undefined ? '' : typeof value === 'string' ? value : (value[locale] ?? value.en ?? Object.values(value)[0] ?? '');

/**
 * @summary The customer's form for a repair, complaint, question, return or installation.
 *
 * @tag ac-ticket-form
 *
 * What is typed is kept as a draft in this browser and restored after a reload; the ticket is
 * stored (local database or offline outbox) before it is sent, and sent once. Knowledge
 * articles matching the description are suggested as the customer types; "This solved my
 * problem" records a deflection instead of a ticket. Photos, videos and PDFs can be attached
 * (file input or drag and drop), checked against the client's attachment policy as they are
 * chosen, previewed, and uploaded with a progress bar each when the form is sent; offline they
 * wait in the outbox with the ticket. A restored draft names the files to add again (their
 * bytes are not kept in the draft). QR codes can prefill the product:
 * `?model=KFR-35GW&sn=SN123&purchase=2024-06-01&type=installation`.
 *
 * @event ac-ticket-created - The ticket was stored (local mode) or accepted by the server. `detail.ticket`.
 * @event ac-ticket-queued - No connection: the ticket is kept on the device and will be sent. `detail.ticket`.
 * @event ac-ticket-deflected - An article solved the problem; no ticket. `detail.articleId`, `detail.query`.
 * @event ac-article-open - The customer wants to read a suggested article. `detail.articleId`.
 *
 * @csspart form - The form.
 * @csspart field - Each field wrapper.
 * @csspart label - Each label.
 * @csspart input - Each input, select and textarea.
 * @csspart error - Each inline error message.
 * @csspart attachments - The file input, previews and progress bars.
 * @csspart suggestions - The suggested articles.
 * @csspart submit - The submit button.
 * @csspart result - The success, queued or deflected message.
 *
 * @cssproperty --ac-color-accent - Buttons and focus ring.
 * @cssproperty --ac-color-danger - Errors.
 * @cssproperty --ac-color-surface - Background of the form.
 * @cssproperty --ac-color-text - Text colour.
 * @cssproperty --ac-radius - Corner radius of inputs and buttons.
 */
export class AcTicketForm extends AftercareClientElement {
  static override styles = [sharedStyles, attachmentStyles, ticketFormStyles];

  /** Fixes the type of request (`repair`, `installation`…) and hides the choice. */
  @property({ attribute: 'ticket-type', reflect: true }) ticketType?: string;

  /** Custom fields to ask for, after the built-in ones. */
  @property({ attribute: false }) fields: TicketFormField[] = [];

  /** Values to start with (the page knows the customer, the product…); a restored draft wins. */
  @property({ attribute: false }) prefill?: Partial<TicketInput>;

  /** Name of the draft kept in this browser; forms on different pages keep different drafts. */
  @property({ attribute: 'draft-key' }) draftKey = 'default';

  /** Link to follow a ticket; `{id}`, `{number}` and `{token}` are filled in. */
  @property({ attribute: 'tracking-url' }) trackingUrl?: string;

  /** Do not read product details from the page URL (QR codes). */
  @property({ type: Boolean, attribute: 'ignore-url' }) ignoreUrl = false;

  /** The fixed type, if `ticket-type` holds one (an empty attribute fixes nothing). */
  private get fixedType(): string | undefined {
    return this.ticketType?.trim() || undefined;
  }

  @state() private values: FormValues = { ...EMPTY, custom: {} };
  @state() private errors: Record<string, string> = {};
  @state() private touched = new Set<string>();
  @state() private phase: Phase = 'editing';
  @state() private sendError?: string;
  @state() private summary = '';
  @state() private suggestions: Suggestion[] = [];
  @state() private result?: { ticket: Ticket; accessToken?: string; durable?: boolean };
  @state() private restored = false;
  /** Files named in the restored draft, to be added again. */
  @state() private draftFiles: string[] = [];

  private readonly picker = new AttachmentPicker(this, 'f-files', () => this.afterChange('files'));

  private idempotencyKey = generateId();
  private composing = false;
  private suggestTimer?: ReturnType<typeof setTimeout>;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private suggestRun = 0;
  private unsubscribe?: () => void;
  private subscribedTo?: object;

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadInitialValues();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.suggestTimer);
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveDraft();
    }
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('ticketType') && this.fixedType) this.values = { ...this.values, type: this.fixedType };
    // A queued ticket becomes a created one when the client sends it, even minutes later.
    const client = this.activeClient;
    if (client !== this.subscribedTo) {
      this.unsubscribe?.();
      this.subscribedTo = client;
      this.unsubscribe = client?.subscribe((e) => this.onClientEvent(e));
    }
  }

  private onClientEvent(e: ClientEvent) {
    if (e.type === 'ticket-sent' && this.phase === 'queued' && this.result?.ticket.id === e.provisionalId) {
      this.result = { ticket: e.ticket, accessToken: e.accessToken };
      this.phase = 'created';
      this.emit('ac-ticket-created', { ticket: e.ticket });
    }
  }

  /** Draft, else prefill and URL parameters. */
  private loadInitialValues() {
    const draft = this.readDraft();
    if (draft) {
      this.values = { ...EMPTY, ...draft.values, custom: { ...draft.values.custom } };
      this.idempotencyKey = draft.idempotencyKey;
      this.restored = true;
      this.draftFiles = Array.isArray(draft.files) ? draft.files.filter((n) => typeof n === 'string') : [];
      return;
    }
    const p = this.prefill;
    const v: FormValues = { ...EMPTY, custom: {} };
    if (p) {
      v.name = p.customer?.name ?? '';
      v.phone = p.customer?.contact?.phone ?? '';
      v.email = p.customer?.contact?.email ?? '';
      v.type = p.type ?? v.type;
      v.subject = p.subject ?? '';
      v.description = p.description ?? '';
      v.priority = p.priority === 'high' || p.priority === 'urgent' ? p.priority : 'normal';
      v.model = p.product?.model ?? '';
      v.serial = p.product?.serialNumber ?? '';
      v.purchaseDate = p.product?.purchaseDate ?? '';
      v.address = p.location?.address ?? '';
      for (const [k, value] of Object.entries(p.customFields ?? {})) if (typeof value === 'string' || typeof value === 'boolean') v.custom[k] = value;
      for (const [k, value] of Object.entries(p.customFields ?? {})) if (typeof value === 'number') v.custom[k] = String(value);
    }
    if (!this.ignoreUrl && typeof location !== 'undefined') {
      const params = new URLSearchParams(location.search);
      const read = (...names: string[]) => names.map((n) => params.get(n)?.trim()).find((x) => x) ?? '';
      v.model = read('model') || v.model;
      v.serial = read('sn', 'serial') || v.serial;
      const purchase = read('purchase', 'purchaseDate');
      if (/^\d{4}-\d{2}-\d{2}$/.test(purchase)) v.purchaseDate = purchase;
      const type = read('type');
      if ((TICKET_TYPES as readonly string[]).includes(type)) v.type = type;
    }
    if (this.fixedType) v.type = this.fixedType;
    this.values = v;
  }

  private storage(): Storage | undefined {
    try {
      return globalThis.localStorage ?? undefined;
    } catch {
      return undefined; // Blocked by privacy settings: drafts are not kept, nothing breaks.
    }
  }

  private readDraft(): Draft | undefined {
    try {
      const raw = this.storage()?.getItem(DRAFT_PREFIX + this.draftKey);
      const draft = raw ? (JSON.parse(raw) as Draft) : undefined;
      return draft && typeof draft.idempotencyKey === 'string' && draft.values && typeof draft.values === 'object' ? draft : undefined;
    } catch {
      return undefined;
    }
  }

  private saveDraft() {
    this.saveTimer = undefined;
    try {
      const draft: Draft = { values: this.values, idempotencyKey: this.idempotencyKey, savedAt: Date.now(), files: this.picker.files.map((f) => f.name) };
      this.storage()?.setItem(DRAFT_PREFIX + this.draftKey, JSON.stringify(draft));
    } catch {
      // Storage full or blocked: the form still holds everything.
    }
  }

  private clearDraft() {
    try {
      this.storage()?.removeItem(DRAFT_PREFIX + this.draftKey);
    } catch {
      // Nothing to do.
    }
  }

  /** Starts again with an empty form and a new draft. */
  reset(): void {
    this.clearDraft();
    this.idempotencyKey = generateId();
    this.values = { ...EMPTY, custom: {}, ...(this.fixedType ? { type: this.fixedType } : {}) };
    this.errors = {};
    this.touched = new Set();
    this.phase = 'editing';
    this.result = undefined;
    this.sendError = undefined;
    this.summary = '';
    this.suggestions = [];
    this.restored = false;
    this.draftFiles = [];
    this.picker.clear();
  }

  private set(field: keyof Omit<FormValues, 'custom'>, value: string) {
    this.values = { ...this.values, [field]: value };
    this.afterChange(field);
  }

  private setCustom(key: string, value: string | boolean) {
    this.values = { ...this.values, custom: { ...this.values.custom, [key]: value } };
    this.afterChange(`custom.${key}`);
  }

  private afterChange(field: string) {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveDraft(), 300);
    // Errors update as the customer corrects a field they already left.
    if (this.touched.has(field) || this.errors[field]) this.validate(false);
    if (field === 'description' || field === 'subject') this.scheduleSuggestions();
  }

  private onBlur(field: string) {
    this.touched = new Set([...this.touched, field]);
    this.validate(false);
  }

  // --- knowledge suggestions ---------------------------------------------------------------

  private scheduleSuggestions() {
    clearTimeout(this.suggestTimer);
    // Not while an IME is composing: the text is not what the customer means yet.
    if (this.composing) return;
    this.suggestTimer = setTimeout(() => void this.suggest(), 350);
  }

  private async suggest() {
    const client = this.activeClient;
    const query = `${this.values.subject} ${this.values.description}`.trim();
    const run = ++this.suggestRun;
    if (!client || query.length < 2) {
      this.suggestions = [];
      return;
    }
    try {
      const hits = await client.knowledge.search(query, { limit: 3 });
      if (run !== this.suggestRun) return;
      this.suggestions = hits.filter((h) => h.confidence >= RECOMMENDED_MIN_CONFIDENCE).map((h) => ({ id: h.id, title: h.title }));
    } catch {
      // Suggestions are a help, not a requirement: the form goes on without them.
      if (run === this.suggestRun) this.suggestions = [];
    }
  }

  private deflect(articleId: string) {
    const query = `${this.values.subject} ${this.values.description}`.trim();
    this.activeClient?.knowledge.recordDeflection(articleId, query);
    this.clearDraft();
    this.phase = 'deflected';
    this.emit('ac-ticket-deflected', { articleId, query });
  }

  // --- validation ----------------------------------------------------------------------------

  private label(field: string): string {
    const loc = this.resolvedLocale;
    if (field.startsWith('custom.')) return text(this.fields.find((f) => `custom.${f.key}` === field)?.label, loc);
    const keys: Record<string, TicketFormKey> = { name: 'name', phone: 'phone', email: 'email', subject: 'subject', description: 'description', model: 'model', serial: 'serial', purchaseDate: 'purchaseDate', address: 'address', type: 'type', priority: 'urgency' };
    return t(loc, keys[field] ?? 'subject');
  }

  private input(): TicketInput {
    const v = this.values;
    const trimmed = (s: string) => s.trim();
    const customFields: Record<string, CustomFieldValue> = {};
    for (const f of this.fields) {
      const value = v.custom[f.key];
      if (f.type === 'checkbox') customFields[f.key] = value === true;
      else if (typeof value === 'string' && value.trim() !== '') customFields[f.key] = f.type === 'number' ? Number(value) : value.trim();
    }
    const product = { ...(trimmed(v.model) ? { model: trimmed(v.model) } : {}), ...(trimmed(v.serial) ? { serialNumber: trimmed(v.serial) } : {}), ...(v.purchaseDate ? { purchaseDate: v.purchaseDate } : {}) };
    return {
      type: this.fixedType ?? v.type,
      subject: trimmed(v.subject),
      description: v.description.trim(),
      priority: v.priority,
      channel: 'web',
      customer: { name: trimmed(v.name), contact: { ...(trimmed(v.phone) ? { phone: trimmed(v.phone) } : {}), ...(trimmed(v.email) ? { email: trimmed(v.email) } : {}) } },
      ...(Object.keys(product).length > 0 ? { product } : {}),
      ...(trimmed(v.address) && ON_SITE.has(this.fixedType ?? v.type) ? { location: { address: trimmed(v.address) } } : {}),
      customFields,
    };
  }

  /** Field of the form an issue of the core's validation belongs to. */
  private fieldOf(issue: ValidationIssue): string {
    const p = issue.path;
    if (p === 'customer.name') return 'name';
    if (p === 'customer.contact.email') return 'email';
    if (p.startsWith('customer.contact')) return 'phone';
    if (p === 'product.model') return 'model';
    if (p === 'product.serialNumber') return 'serial';
    if (p === 'product.purchaseDate') return 'purchaseDate';
    if (p.startsWith('location')) return 'address';
    if (p.startsWith('customFields.')) return `custom.${p.slice('customFields.'.length)}`;
    return p.split('.')[0] || 'subject';
  }

  private message(field: string, issue: Pick<ValidationIssue, 'code' | 'path'>): string {
    const loc = this.resolvedLocale;
    const name = this.label(field);
    if (issue.path.startsWith('customer.contact') && issue.code === 'required') return t(loc, 'err.contact');
    switch (issue.code) {
      case 'required':
      case 'too_short':
        return t(loc, 'err.required', { field: name });
      case 'too_long':
        return t(loc, 'err.tooLong', { field: name });
      case 'out_of_range':
        return field === 'purchaseDate' ? t(loc, 'err.future', { field: name }) : t(loc, 'err.range', { field: name });
      default:
        return field === 'phone' ? t(loc, 'err.phone') : field === 'email' ? t(loc, 'err.email') : t(loc, 'err.format', { field: name });
    }
  }

  /** Checks everything; shows errors for fields left (or all, on submit). Returns the input when valid. */
  private validate(all: boolean): TicketInput | undefined {
    if (!checkTicketInput) {
      void loadCheck().then(
        () => this.validate(all),
        () => undefined,
      );
      return undefined;
    }
    const loc = this.resolvedLocale;
    const errors: Record<string, string> = {};
    const input = this.input();
    try {
      checkTicketInput(input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) {
        const field = this.fieldOf(issue);
        errors[field] ??= this.message(field, issue);
      }
    }
    for (const f of this.fields) {
      const field = `custom.${f.key}`;
      const value = this.values.custom[f.key];
      const name = text(f.label, loc);
      const empty = f.type === 'checkbox' ? value !== true : typeof value !== 'string' || value.trim() === '';
      if (empty) {
        if (f.required) errors[field] = t(loc, 'err.required', { field: name });
        continue;
      }
      const s = String(value).trim();
      if (f.type === 'text' && f.pattern && !new RegExp(`^(?:${f.pattern})$`, 'u').test(s)) errors[field] = t(loc, 'err.pattern', { field: name });
      if (f.type === 'number') {
        const n = Number(s);
        if (!Number.isFinite(n)) errors[field] = t(loc, 'err.format', { field: name });
        else if (f.min !== undefined && n < Number(f.min)) errors[field] = t(loc, 'err.min', { field: name, n: f.min });
        else if (f.max !== undefined && n > Number(f.max)) errors[field] = t(loc, 'err.max', { field: name, n: f.max });
      }
      if (f.type === 'date') {
        if (f.min !== undefined && s < String(f.min)) errors[field] = t(loc, 'err.min', { field: name, n: f.min });
        if (f.max !== undefined && s > String(f.max)) errors[field] = t(loc, 'err.max', { field: name, n: f.max });
      }
    }
    this.errors = all ? errors : Object.fromEntries(Object.entries(errors).filter(([k]) => this.touched.has(k)));
    return Object.keys(errors).length === 0 ? input : undefined;
  }

  // --- submit --------------------------------------------------------------------------------

  private async onSubmit(e: Event) {
    e.preventDefault();
    if (this.phase === 'sending') return;
    const loc = this.resolvedLocale;
    this.sendError = undefined;
    if (!checkTicketInput) {
      try {
        await loadCheck();
      } catch (error) {
        this.sendError = t(loc, 'err.send', { message: error instanceof Error ? error.message : String(error) });
        return;
      }
    }
    const input = this.validate(true);
    if (!input) {
      const n = Object.keys(this.errors).length;
      this.summary = t(loc, 'err.summary', { n });
      await this.updateComplete;
      (this.renderRoot.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    this.summary = '';
    const client = this.activeClient;
    if (!client) return;
    this.phase = 'sending';
    this.picker.busy = true;
    try {
      const r = await client.tickets.create(input, { idempotencyKey: this.idempotencyKey, files: this.picker.files, onProgress: this.picker.onProgress });
      this.clearDraft();
      this.picker.clear();
      this.suggestions = [];
      if (r.status === 'created') {
        this.result = { ticket: r.ticket, accessToken: r.accessToken };
        this.phase = 'created';
        this.emit('ac-ticket-created', { ticket: r.ticket });
      } else {
        this.result = { ticket: r.ticket, durable: r.durable };
        this.phase = 'queued';
        this.emit('ac-ticket-queued', { ticket: r.ticket });
      }
      await this.updateComplete;
      (this.renderRoot.querySelector('[part="result"]') as HTMLElement | null)?.focus();
    } catch (error) {
      // Nothing typed is lost: the form keeps every value, every file and the same draft key.
      this.phase = 'editing';
      if (error instanceof ValidationError) {
        const errors: Record<string, string> = {};
        for (const issue of error.issues) if (!issue.path.startsWith('files')) errors[this.fieldOf(issue)] ??= this.message(this.fieldOf(issue), issue);
        this.errors = errors;
        const files = this.picker.showIssues(error.issues) ? 1 : 0;
        this.summary = t(loc, 'err.summary', { n: Object.keys(errors).length + files });
      } else {
        this.sendError = t(loc, 'err.send', { message: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      this.picker.busy = false;
      this.picker.done();
    }
  }

  // --- rendering -----------------------------------------------------------------------------

  private field(name: keyof Omit<FormValues, 'custom'>, control: (id: string, describedBy: string) => TemplateResult, options: { required?: boolean; hint?: string } = {}) {
    const loc = this.resolvedLocale;
    const id = `f-${name}`;
    const error = this.errors[name];
    const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div part="field" class="field ${error ? 'invalid' : ''}">
      <label part="label" for=${id}>${this.label(name)}${options.required ? html`<span class="req" aria-hidden="true">*</span>` : html`<span class="opt">${t(loc, 'optional')}</span>`}</label>
      ${control(id, describedBy)}
      ${options.hint ? html`<div class="hint" id="${id}-hint">${options.hint}</div>` : nothing}
      ${error ? html`<div part="error" class="error" id="${id}-error">${error}</div>` : nothing}
    </div>`;
  }

  private textInput(name: 'name' | 'phone' | 'email' | 'subject' | 'model' | 'serial' | 'purchaseDate', type: string, extra: { required?: boolean; hint?: string; autocomplete?: string; inputmode?: string } = {}) {
    return this.field(
      name,
      (id, describedBy) => html`<input
        part="input"
        id=${id}
        name=${name}
        type=${type}
        .value=${live(this.values[name])}
        ?required=${extra.required ?? false}
        autocomplete=${extra.autocomplete ?? 'off'}
        inputmode=${(extra.inputmode ?? nothing) as string}
        aria-invalid=${this.errors[name] ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @input=${(e: Event) => this.set(name, (e.target as HTMLInputElement).value)}
        @blur=${() => this.onBlur(name)}
      />`,
      extra,
    );
  }

  private customField(f: TicketFormField) {
    const loc = this.resolvedLocale;
    const key = `custom.${f.key}`;
    const id = `f-custom-${f.key}`;
    const error = this.errors[key];
    const hint = text(f.hint, loc);
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    const value = this.values.custom[f.key];
    const common = { invalid: error ? 'true' : 'false' };
    let control: TemplateResult;
    if (f.type === 'checkbox') {
      control = html`<input part="input" id=${id} type="checkbox" .checked=${live(value === true)} aria-invalid=${common.invalid} aria-describedby=${describedBy}
        @change=${(e: Event) => this.setCustom(f.key, (e.target as HTMLInputElement).checked)} @blur=${() => this.onBlur(key)} />`;
    } else if (f.type === 'select') {
      control = html`<select part="input" id=${id} .value=${live(typeof value === 'string' ? value : '')} ?required=${f.required ?? false} aria-invalid=${common.invalid} aria-describedby=${describedBy}
        @change=${(e: Event) => this.setCustom(f.key, (e.target as HTMLSelectElement).value)} @blur=${() => this.onBlur(key)}>
        <option value="">—</option>
        ${(f.options ?? []).map((o) => html`<option value=${o.value} ?selected=${value === o.value}>${text(o.label, loc)}</option>`)}
      </select>`;
    } else {
      control = html`<input part="input" id=${id} type=${f.type} .value=${live(typeof value === 'string' ? value : '')} ?required=${f.required ?? false}
        min=${(f.min ?? nothing) as string} max=${(f.max ?? nothing) as string} inputmode=${f.type === 'number' ? 'decimal' : nothing}
        aria-invalid=${common.invalid} aria-describedby=${describedBy}
        @input=${(e: Event) => this.setCustom(f.key, (e.target as HTMLInputElement).value)} @blur=${() => this.onBlur(key)} />`;
    }
    const label = html`<label part="label" for=${id}>${text(f.label, loc)}${f.required ? html`<span class="req" aria-hidden="true">*</span>` : html`<span class="opt">${t(loc, 'optional')}</span>`}</label>`;
    return html`<div part="field" class="field ${f.type === 'checkbox' ? 'check' : ''} ${error ? 'invalid' : ''}">
      ${f.type === 'checkbox' ? html`${control}${label}` : html`${label}${control}`}
      ${hint ? html`<div class="hint" id="${id}-hint">${hint}</div>` : nothing}
      ${error ? html`<div part="error" class="error" id="${id}-error">${error}</div>` : nothing}
    </div>`;
  }

  private renderResult() {
    const loc = this.resolvedLocale;
    if (this.phase === 'deflected') {
      return html`<div part="result" class="result" tabindex="-1" role="status">
        <h2>${t(loc, 'deflected.title')}</h2>
        <p>${t(loc, 'deflected.body')}</p>
        <button type="button" class="secondary" @click=${() => this.reset()}>${t(loc, 'deflected.back')}</button>
      </div>`;
    }
    const r = this.result!;
    if (this.phase === 'queued') {
      return html`<div part="result" class="result queued" tabindex="-1" role="status">
        <h2>${t(loc, 'queued.title')}</h2>
        <p>${t(loc, 'queued.body')}</p>
        ${r.durable === false ? html`<p class="warn">${t(loc, 'queued.memoryOnly')}</p>` : nothing}
      </div>`;
    }
    const ticket = r.ticket;
    const client = this.activeClient;
    // Computed by the core: the client's own policies (local mode), else the desk's statement on the ticket.
    const firstResponse = client?.sla(ticket)?.metrics?.first_response;
    const promise =
      firstResponse?.dueAt !== undefined
        ? t(loc, 'created.promise', {
            duration: firstResponse.target % 60 === 0 ? t(loc, 'created.promiseHours', { n: firstResponse.target / 60 }) : `${firstResponse.target} min`,
            due: new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' }).format(firstResponse.dueAt),
          })
        : '';
    const link = this.trackingUrl && r.accessToken
      ? this.trackingUrl.replace('{id}', encodeURIComponent(ticket.id)).replace('{number}', encodeURIComponent(ticket.number)).replace('{token}', encodeURIComponent(r.accessToken))
      : undefined;
    return html`<div part="result" class="result created" tabindex="-1" role="status">
      <h2>${t(loc, 'created.title')}</h2>
      <p>${t(loc, 'created.number')}: <strong class="number">${ticket.number}</strong></p>
      ${promise ? html`<p class="promise">${promise}</p>` : nothing}
      ${link ? html`<p><a href=${link}>${t(loc, 'created.track')}</a></p><p class="hint">${t(loc, 'created.token')}</p>` : nothing}
      <button type="button" class="secondary" @click=${() => this.reset()}>${t(loc, 'created.another')}</button>
    </div>`;
  }

  override render() {
    const loc = this.resolvedLocale;
    if (this.phase !== 'editing' && this.phase !== 'sending') return this.renderResult();
    const v = this.values;
    const type = this.fixedType ?? v.type;
    const sending = this.phase === 'sending';
    return html`<form part="form" novalidate @submit=${this.onSubmit} aria-busy=${sending ? 'true' : 'false'}>
      ${this.restored
        ? html`<div class="notice" role="status">${t(loc, 'draftRestored')} <button type="button" class="link" @click=${() => this.reset()}>${t(loc, 'discardDraft')}</button>
            ${this.draftFiles.length > 0 ? html`<p class="draft-files">${tFiles(loc, 'draftFiles', { names: this.draftFiles.join(loc === 'zh-CN' ? '、' : ', ') })}</p>` : nothing}</div>`
        : nothing}
      <fieldset>
        <legend>${t(loc, 'legend.issue')}</legend>
        ${this.fixedType
          ? nothing
          : this.field('type', (id) => html`<select part="input" id=${id} .value=${live(v.type)} @change=${(e: Event) => this.set('type', (e.target as HTMLSelectElement).value)}>
              ${TICKET_TYPES.map((x) => html`<option value=${x} ?selected=${v.type === x}>${t(loc, `type.${x}` as TicketFormKey)}</option>`)}
            </select>`, { required: true })}
        ${this.textInput('subject', 'text', { required: true })}
        ${this.field(
          'description',
          (id, describedBy) => html`<textarea
            part="input"
            id=${id}
            rows="5"
            .value=${live(v.description)}
            aria-invalid=${this.errors.description ? 'true' : 'false'}
            aria-describedby=${describedBy || nothing}
            @input=${(e: Event) => this.set('description', (e.target as HTMLTextAreaElement).value)}
            @compositionstart=${() => (this.composing = true)}
            @compositionend=${() => {
              this.composing = false;
              this.scheduleSuggestions();
            }}
            @blur=${() => this.onBlur('description')}
          ></textarea>`,
          { hint: t(loc, 'descriptionHint') },
        )}
        <div part="suggestions" class="suggestions" aria-live="polite">
          ${this.suggestions.length > 0
            ? html`<h3 id="suggest-title">${t(loc, 'suggest.title')}</h3>
                <ul aria-labelledby="suggest-title">
                  ${this.suggestions.map(
                    (s) => html`<li>
                      <span class="article">${s.title}</span>
                      <button type="button" class="link" @click=${() => this.emit('ac-article-open', { articleId: s.id })}>${t(loc, 'suggest.open')}<span class="sr"> ${s.title}</span></button>
                      <button type="button" class="secondary" @click=${() => this.deflect(s.id)}>${t(loc, 'suggest.solved')}<span class="sr"> — ${s.title}</span></button>
                    </li>`,
                  )}
                </ul>`
            : nothing}
        </div>
        ${this.picker.render()}
        ${this.field('priority', (id) => html`<select part="input" id=${id} .value=${live(v.priority)} @change=${(e: Event) => this.set('priority', (e.target as HTMLSelectElement).value)}>
          ${(['normal', 'high', 'urgent'] as const).map((p) => html`<option value=${p} ?selected=${v.priority === p}>${t(loc, `urgency.${p}`)}</option>`)}
        </select>`)}
      </fieldset>
      <fieldset>
        <legend>${t(loc, 'legend.contact')}</legend>
        ${this.textInput('name', 'text', { required: true, autocomplete: 'name' })}
        ${this.textInput('phone', 'tel', { autocomplete: 'tel', inputmode: 'tel', hint: t(loc, 'contactHint') })}
        ${this.textInput('email', 'email', { autocomplete: 'email', inputmode: 'email' })}
        ${ON_SITE.has(type)
          ? this.field(
              'address',
              (id, describedBy) => html`<textarea part="input" id=${id} rows="2" autocomplete="street-address" .value=${live(v.address)}
                aria-invalid=${this.errors.address ? 'true' : 'false'} aria-describedby=${describedBy || nothing}
                @input=${(e: Event) => this.set('address', (e.target as HTMLTextAreaElement).value)} @blur=${() => this.onBlur('address')}></textarea>`,
              { hint: t(loc, 'addressHint') },
            )
          : nothing}
      </fieldset>
      <fieldset>
        <legend>${t(loc, 'legend.product')}</legend>
        ${this.textInput('model', 'text')} ${this.textInput('serial', 'text')} ${this.textInput('purchaseDate', 'date')}
      </fieldset>
      ${this.fields.length > 0 ? html`<fieldset><legend>${t(loc, 'legend.more')}</legend>${this.fields.map((f) => this.customField(f))}</fieldset>` : nothing}
      <div class="summary" role="alert">${this.summary}</div>
      ${this.sendError ? html`<div class="send-error" role="alert">${this.sendError}</div>` : nothing}
      <div class="actions">
        <button part="submit" type="submit" ?disabled=${sending}>${t(loc, 'submit')}</button>
        <span class="sending" role="status">${sending ? t(loc, 'sending') : ''}</span>
      </div>
    </form>`;
  }
}
