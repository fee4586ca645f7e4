import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { QueuedError, WorkflowError, type RatingInput, type Ticket } from '../../src/index.js';
import { AftercareClientElement } from '../base/aftercare-element.js';
import { sharedStyles } from '../base/shared.styles.js';
import { t } from './satisfaction.strings.js';
import { satisfactionStyles } from './satisfaction.styles.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'ac-rated': CustomEvent<{ ticketId: string; score: number; comment?: string }>;
  }
}
declare module '../base/aftercare-element.js' {
  interface AftercareEventMap {
    'ac-rated': CustomEvent<{ ticketId: string; score: number; comment?: string }>;
  }
}

/** The seed checklists' dimensions; a page may ask for others. */
export const DEFAULT_DIMENSIONS = ['timeliness', 'professionalism', 'attitude'] as const;

type Phase = 'loading' | 'form' | 'sending' | 'thanks' | 'already' | 'not-yet' | 'queued' | 'error';

/**
 * @summary The customer's rating of a resolved ticket: 1–5 and optional details, once.
 *
 * @tag ac-satisfaction
 *
 * The score is a real radio group (arrow keys move, every choice has a label). A ticket is
 * rated once: a second rating, from this page or another, shows the thank-you state. The
 * rating goes through the client's outbox, so it survives a lost connection.
 *
 * @event ac-rated - The rating was accepted. `detail.ticketId`, `detail.score`, `detail.comment`.
 *
 * @csspart form - The form.
 * @csspart scale - The 1–5 choices.
 * @csspart submit - The send button.
 * @csspart state - The thank-you, already-rated or not-yet message.
 *
 * @cssproperty --ac-color-accent - Chosen score, button and focus ring.
 * @cssproperty --ac-color-danger - Errors.
 */
export class AcSatisfaction extends AftercareClientElement {
  static override styles = [sharedStyles, satisfactionStyles];

  /** The ticket to rate. */
  @property({ attribute: 'ticket-id', reflect: true }) ticketId = '';

  /** The customer's access token for this ticket. */
  @property({ attribute: 'access-token' }) accessToken?: string;

  /** Detail dimensions to ask for (each 1–5, optional); empty for none. */
  @property({ attribute: false }) dimensions: readonly string[] = DEFAULT_DIMENSIONS;

  /** The ticket, when the page already has it (skips loading it). */
  @property({ attribute: false }) ticket?: Ticket;

  @state() private phase: Phase = 'loading';
  @state() private score = 0;
  @state() private details: Record<string, number> = {};
  @state() private comment = '';
  @state() private error = '';

  private loadedFor?: string;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('ticket') && this.ticket) this.showFor(this.ticket);
    const key = `${this.ticketId}|${this.accessToken ?? ''}|${this.activeClient ? 'c' : ''}`;
    if (!this.ticket && this.ticketId && this.activeClient && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  private showFor(ticket: Ticket) {
    if (ticket.satisfaction) this.phase = 'already';
    else if (ticket.status === 'resolved' || ticket.status === 'closed') this.phase = this.phase === 'sending' ? 'sending' : 'form';
    else this.phase = 'not-yet';
  }

  private async load() {
    this.phase = 'loading';
    try {
      const ticket = await this.activeClient!.tickets.get(this.ticketId, this.accessToken ? { accessToken: this.accessToken } : {});
      this.showFor(ticket);
    } catch (error) {
      this.phase = 'error';
      this.error = t(this.resolvedLocale, 'err.load', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async onSubmit(e: Event) {
    e.preventDefault();
    const loc = this.resolvedLocale;
    if (this.phase === 'sending') return;
    if (this.score < 1) {
      this.error = t(loc, 'err.score');
      await this.updateComplete;
      (this.renderRoot.querySelector('input[name="score"]') as HTMLInputElement | null)?.focus();
      return;
    }
    this.error = '';
    const rating: RatingInput = { score: this.score };
    if (this.comment.trim()) rating.comment = this.comment.trim();
    if (Object.keys(this.details).length > 0) rating.dimensions = { ...this.details };
    const ticketId = this.ticket?.id ?? this.ticketId;
    this.phase = 'sending';
    try {
      // One key per ticket: a repeat (double click, retry, another tab) is the same rating.
      await this.activeClient!.tickets.rate(ticketId, rating, { idempotencyKey: `rate:${ticketId}`, ...(this.accessToken ? { accessToken: this.accessToken } : {}) });
      this.phase = 'thanks';
      this.emit('ac-rated', { ticketId, score: rating.score, ...(rating.comment ? { comment: rating.comment } : {}) });
    } catch (error) {
      if (error instanceof WorkflowError && error.code === 'ALREADY_RATED') this.phase = 'already';
      else if (error instanceof QueuedError) {
        this.phase = 'queued';
        this.emit('ac-rated', { ticketId, score: rating.score, ...(rating.comment ? { comment: rating.comment } : {}) });
      } else {
        this.phase = 'form';
        this.error = t(loc, 'err.send', { message: error instanceof Error ? error.message : String(error) });
      }
    }
    await this.updateComplete;
    (this.renderRoot.querySelector('[part="state"]') as HTMLElement | null)?.focus();
  }

  private scale(name: string, value: number, onPick: (n: number) => void, labelled: string) {
    const loc = this.resolvedLocale;
    return html`<div part="scale" class="scale">
      ${[1, 2, 3, 4, 5].map(
        (n) => html`<label
          ><input type="radio" name=${name} value=${n} .checked=${value === n} @change=${() => onPick(n)} aria-describedby=${labelled || nothing} /><span
            class="stars"
            aria-hidden="true"
            >${'★'.repeat(n)}</span
          >
          ${t(loc, `score.${n}` as 'score.1')}</label
        >`,
      )}
    </div>`;
  }

  override render() {
    const loc = this.resolvedLocale;
    switch (this.phase) {
      case 'loading':
        return html`<p part="state" class="state" role="status">${t(loc, 'loading')}</p>`;
      case 'error':
        return html`<p part="state" class="state error" role="alert">${this.error}</p>`;
      case 'not-yet':
        return html`<p part="state" class="state" role="status" tabindex="-1">${t(loc, 'notYet')}</p>`;
      case 'already':
        return html`<div part="state" class="state" role="status" tabindex="-1"><h2>${t(loc, 'already')}</h2></div>`;
      case 'thanks':
      case 'queued':
        return html`<div part="state" class="state" role="status" tabindex="-1">
          <h2>${t(loc, 'thanks')}</h2>
          <p>${this.phase === 'queued' ? t(loc, 'queued') : t(loc, 'thanksBody')}</p>
        </div>`;
      default: {
        const sending = this.phase === 'sending';
        const dimLabel = (d: string) => (d === 'timeliness' || d === 'professionalism' || d === 'attitude' ? t(loc, `dim.${d}`) : d);
        return html`<form part="form" novalidate @submit=${this.onSubmit} aria-busy=${sending ? 'true' : 'false'}>
          <fieldset>
            <legend>${t(loc, 'legend')}</legend>
            ${this.scale('score', this.score, (n) => {
              this.score = n;
              this.error = '';
            }, this.error ? 'score-error' : '')}
            <div id="score-error" class="error" role="alert">${this.error}</div>
          </fieldset>
          ${this.dimensions.length > 0
            ? html`<div class="dims">
                <div>${t(loc, 'dimensions')}</div>
                ${this.dimensions.map(
                  (d) => html`<fieldset>
                    <legend>${dimLabel(d)}</legend>
                    ${this.scale(`dim-${d}`, this.details[d] ?? 0, (n) => (this.details = { ...this.details, [d]: n }), '')}
                  </fieldset>`,
                )}
              </div>`
            : nothing}
          <label class="comment"
            >${t(loc, 'comment')} <span class="opt">${t(loc, 'optional')}</span>
            <textarea rows="3" maxlength="2000" .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
          </label>
          <button part="submit" type="submit" ?disabled=${sending}>${t(loc, 'submit')}</button>
          <span role="status">${sending ? t(loc, 'sending') : ''}</span>
        </form>`;
      }
    }
  }
}
