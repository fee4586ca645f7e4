import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { HighlightRanges, KnowledgeHit } from '../../src/index.js';
import { AftercareClientElement } from '../base/aftercare-element.js';
import { sharedStyles } from '../base/shared.styles.js';
import { t } from './kb-search.strings.js';
import { kbSearchStyles } from './kb-search.styles.js';

/** Text with highlight ranges as `<mark>`s; the text itself is never HTML. */
export function highlighted(text: string, ranges: HighlightRanges): Array<string | TemplateResult> {
  const out: Array<string | TemplateResult> = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start) continue;
    out.push(text.slice(at, start), html`<mark>${text.slice(start, end)}</mark>`);
    at = end;
  }
  out.push(text.slice(at));
  return out;
}

/**
 * @summary Self-service search in the help articles, with an article view.
 *
 * @tag ac-kb-search
 *
 * Results show the matched words marked in title and snippet (as text, never as HTML).
 * Article bodies may hold HTML: it is rebuilt from an allow-list before it is shown (no
 * scripts, event handlers, styles, forms, frames or embedded objects; links and images over
 * `https:`/`http:` only, links also `mailto:` and `tel:`).
 *
 * @event ac-article-open - An article was opened. `detail.articleId`.
 *
 * @csspart form - The search form.
 * @csspart results - The result list.
 * @csspart article - The open article.
 *
 * @cssproperty --ac-color-accent - Links, marks and focus ring.
 */
export class AcKbSearch extends AftercareClientElement {
  static override styles = [sharedStyles, kbSearchStyles];

  /** Placeholder of the search box; default a localised example. */
  @property() placeholder?: string;

  /** Most results to show; default 10. */
  @property({ type: Number }) limit = 10;

  @state() private query = '';
  @state() private hits?: KnowledgeHit[];
  @state() private searching = false;
  @state() private error = '';
  @state() private open?: { hit: KnowledgeHit; body?: DocumentFragment };

  private run = 0;

  /** Runs a search for `query` (as if the customer typed it and pressed Search). */
  async search(query: string): Promise<void> {
    this.query = query;
    const q = query.trim();
    const run = ++this.run;
    this.open = undefined;
    if (!q || !this.activeClient) {
      this.hits = undefined;
      return;
    }
    this.searching = true;
    this.error = '';
    try {
      const hits = await this.activeClient.knowledge.search(q, { limit: this.limit });
      if (run === this.run) this.hits = hits;
    } catch (error) {
      if (run === this.run) this.error = t(this.resolvedLocale, 'error', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (run === this.run) this.searching = false;
    }
  }

  private async openArticle(hit: KnowledgeHit) {
    this.open = { hit };
    this.emit('ac-article-open', { articleId: hit.id });
    // The sanitiser loads when the first article opens.
    const { sanitizeHtml } = await import('./sanitize-html.js');
    if (this.open?.hit === hit) this.open = { hit, body: sanitizeHtml(hit.article.body) };
    await this.updateComplete;
    (this.renderRoot.querySelector('article') as HTMLElement | null)?.focus();
  }

  private async back() {
    const id = this.open?.hit.id;
    this.open = undefined;
    await this.updateComplete;
    (this.renderRoot.querySelector(`[data-id="${CSS.escape(id ?? '')}"]`) as HTMLElement | null)?.focus();
  }

  override render() {
    const loc = this.resolvedLocale;
    if (this.open) {
      const { hit, body } = this.open;
      return html`<article part="article" tabindex="-1" aria-labelledby="article-title">
        <button type="button" class="link" @click=${this.back}>← ${t(loc, 'back')}</button>
        <h2 id="article-title">${hit.title}</h2>
        ${body === undefined ? html`<p role="status">${t(loc, 'loadingArticle')}</p>` : html`<div class="body">${body}</div>`}
      </article>`;
    }
    return html`
      <form part="form" role="search" @submit=${(e: Event) => (e.preventDefault(), void this.search(this.query))}>
        <label for="q">${t(loc, 'label')}</label>
        <div class="row">
          <input id="q" type="search" .value=${this.query} placeholder=${this.placeholder ?? t(loc, 'placeholder')} autocomplete="off"
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
          <button type="submit">${t(loc, 'search')}</button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        ${this.searching ? t(loc, 'searching') : this.error ? this.error : this.hits === undefined ? '' : this.hits.length === 0 ? t(loc, 'none') : t(loc, 'count', { n: this.hits.length })}
      </div>
      ${this.hits && this.hits.length > 0
        ? html`<ol part="results" aria-label=${t(loc, 'results')}>
            ${this.hits.map(
              (hit) => html`<li>
                <button type="button" class="link" data-id=${hit.id} @click=${() => void this.openArticle(hit)}>${highlighted(hit.title, hit.titleHighlights)}</button>
                ${hit.snippet.text ? html`<p class="snippet">${highlighted(hit.snippet.text, hit.snippet.highlights)}</p>` : nothing}
              </li>`,
            )}
          </ol>`
        : nothing}
    `;
  }
}
