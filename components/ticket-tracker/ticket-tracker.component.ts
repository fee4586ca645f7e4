import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  AftercareError,
  builtInStatuses,
  NotFoundError,
  QueuedError,
  ValidationError,
  ticketTimeline,
  type ClientEvent,
  type StatusVocabulary,
  type Ticket,
  type TicketEvent,
  type Workflow,
} from '../../src/index.js';
import { AftercareClientElement } from '../base/aftercare-element.js';
import { AttachmentPicker, attachmentLinks, attachmentStyles } from '../base/attachment-picker.js';
import { formatDuration as duration } from '../base/format.js';
import { sharedStyles } from '../base/shared.styles.js';
import '../satisfaction/satisfaction.js';
import '../status-badge/status-badge.js';
import { t } from './ticket-tracker.strings.js';
import { ticketTrackerStyles } from './ticket-tracker.styles.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'ac-ticket-reply': CustomEvent<{ ticketId: string }>;
    'ac-ticket-reopen': CustomEvent<{ ticketId: string }>;
  }
}
declare module '../base/aftercare-element.js' {
  interface AftercareEventMap {
    'ac-ticket-reply': CustomEvent<{ ticketId: string }>;
    'ac-ticket-reopen': CustomEvent<{ ticketId: string }>;
  }
}

const STEP_OF: Record<string, number> = { new: 0, assigned: 1, scheduled: 1, in_progress: 2, pending_customer: 2, pending_parts: 2, resolved: 3, closed: 3 };
const CUSTOMER = { kind: 'customer' } as const;

/**
 * @summary A customer's view of one ticket: where it stands, who handles it, what was said.
 *
 * @tag ac-ticket-tracker
 *
 * Shows the customer's wording of the status, a step indicator, the public history (internal
 * notes never, whatever the data holds), the engineer's public name, promised times with a
 * live countdown, a reply box with photos, videos and PDFs (previews, limits, a progress bar
 * per file; kept offline with the reply), "reopen" while the workflow allows it, and the
 * satisfaction survey once resolved. The submission's and the replies' files are listed as
 * links under their entries: names as text, URLs only from `client.attachments.url` (https,
 * http, blob — never `javascript:`), opening in a new tab. Follows changes as they happen
 * (and checks every `refresh-seconds`).
 *
 * @event ac-ticket-reply - The customer's reply was accepted (or queued offline). `detail.ticketId`.
 * @event ac-ticket-reopen - The customer reopened the ticket. `detail.ticketId`.
 *
 * @csspart header - Number and status.
 * @csspart steps - The step indicator.
 * @csspart promises - Promised times.
 * @csspart timeline - The history.
 * @csspart reply - The reply form.
 * @csspart attachments - The reply's file input, previews and progress bars.
 * @csspart reopen - The reopen button.
 * @csspart merged - Where a duplicate merged into another ticket continues, with a button that opens it.
 *
 * @cssproperty --ac-color-accent - Current step, buttons and focus ring.
 * @cssproperty --ac-color-danger - Overdue promises and errors.
 */
export class AcTicketTracker extends AftercareClientElement {
  static override styles = [sharedStyles, attachmentStyles, ticketTrackerStyles];

  /** The ticket to show. */
  @property({ attribute: 'ticket-id', reflect: true }) ticketId = '';

  /** The customer's access token for the ticket (from the confirmation or the link). */
  @property({ attribute: 'access-token' }) accessToken?: string;

  /** How often to check for news when the client does not push them; 0 turns it off. */
  @property({ type: Number, attribute: 'refresh-seconds' }) refreshSeconds = 30;

  /**
   * Workflow of the ticket's statuses, for a custom workflow's words; default the built-in
   * statuses. Whether the customer may reopen comes from the desk (`ticket.customerActions`),
   * else from this workflow when set.
   */
  @property({ attribute: false }) workflow?: Workflow;

  @state() private ticket?: Ticket;
  @state() private phase: 'loading' | 'ready' | 'not-found' | 'error' = 'loading';
  @state() private replyText = '';
  @state() private replyState: 'idle' | 'sending' | 'sent' | 'queued' = 'idle';
  @state() private replyError = '';
  /** Displayable URLs of the ticket's public attachments, by id, from `client.attachments.url` (never `javascript:`). */
  @state() private urls: Record<string, string> = {};

  private readonly picker = new AttachmentPicker(this, 'reply-files');
  @state() private announcement = '';
  @state() private now = Date.now();

  private loadedFor?: string;
  private unsubscribe?: () => void;
  private subscribedTo?: object;
  private clock?: ReturnType<typeof setInterval>;
  private refresher?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    // One clock for the countdowns, a minute at a time.
    this.clock = setInterval(() => (this.now = Date.now()), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    clearInterval(this.refresher);
    this.refresher = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
    this.loadedFor = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('ticket') && this.ticket) void this.resolveUrls(this.ticket);
    const client = this.activeClient;
    if (client !== this.subscribedTo) {
      this.unsubscribe?.();
      this.subscribedTo = client;
      this.unsubscribe = client?.subscribe((e) => this.onClientEvent(e));
    }
    const key = `${this.ticketId}|${this.accessToken ?? ''}`;
    if (client && this.ticketId && (key !== this.loadedFor || changed.has('client') || changed.has('providerClient'))) {
      this.loadedFor = key;
      void this.load(false);
    }
    if (changed.has('refreshSeconds') || changed.has('ticketId')) {
      clearInterval(this.refresher);
      this.refresher = this.refreshSeconds > 0 && this.isConnected ? setInterval(() => void this.load(true), this.refreshSeconds * 1000) : undefined;
    }
  }

  private onClientEvent(e: ClientEvent) {
    if (e.type === 'ticket-changed' && e.ticket.id === this.ticketId && this.ticket && e.ticket.revision > this.ticket.revision) void this.load(true);
  }

  /** Words of the ticket's statuses: the `workflow` property's, else the built-in workflows' (no workflow engine needed). */
  private get statusWords(): StatusVocabulary {
    return this.workflow ?? builtInStatuses;
  }

  private async load(quiet: boolean) {
    const client = this.activeClient;
    if (!client || !this.ticketId) return;
    if (!quiet) this.phase = 'loading';
    try {
      const next = await client.tickets.get(this.ticketId, this.accessToken ? { accessToken: this.accessToken } : {});
      const before = this.ticket;
      this.ticket = next;
      this.phase = 'ready';
      if (quiet && before && before.status !== next.status) {
        this.announcement = t(this.resolvedLocale, 'updated', { status: this.statusWords.label(next.status, 'customer', this.resolvedLocale) });
      }
    } catch (error) {
      if (quiet && this.ticket) return; // Keep showing what we have; the next check may succeed.
      this.phase = error instanceof NotFoundError ? 'not-found' : 'error';
    }
  }

  private async resolveUrls(ticket: Ticket) {
    const client = this.activeClient;
    const missing = client ? ticket.attachments.filter((a) => !(a.id in this.urls)) : [];
    if (missing.length === 0) return;
    const found = await Promise.all(missing.map(async (a) => [a.id, await client!.attachments.url(a).catch(() => undefined)] as const));
    this.urls = { ...this.urls, ...Object.fromEntries(found.filter((entry): entry is readonly [string, string] => entry[1] !== undefined)) };
  }

  private async sendReply(e: Event) {
    e.preventDefault();
    const loc = this.resolvedLocale;
    const body = this.replyText.trim();
    if (!body) {
      this.replyError = t(loc, 'err.empty');
      return;
    }
    const client = this.activeClient;
    if (!client || !this.ticket || this.replyState === 'sending') return;
    this.replyError = '';
    this.replyState = 'sending';
    this.picker.busy = true;
    try {
      const files = { files: this.picker.files, onProgress: this.picker.onProgress };
      this.ticket = await client.tickets.reply(this.ticket.id, { body }, this.accessToken ? { accessToken: this.accessToken, ...files } : files);
      this.picker.clear();
      this.replyText = '';
      this.replyState = 'sent';
      this.emit('ac-ticket-reply', { ticketId: this.ticket.id });
    } catch (error) {
      if (error instanceof QueuedError) {
        this.replyText = '';
        this.picker.clear();
        this.replyState = 'queued';
        this.emit('ac-ticket-reply', { ticketId: this.ticketId });
      } else {
        this.replyState = 'idle';
        if (!(error instanceof ValidationError && this.picker.showIssues(error.issues))) {
          this.replyError = t(loc, 'err.send', { message: error instanceof Error ? error.message : String(error) });
        }
      }
    } finally {
      this.picker.busy = false;
      this.picker.done();
    }
  }

  private async reopen() {
    const client = this.activeClient;
    if (!client || !this.ticket) return;
    try {
      this.ticket = await client.tickets.transition(this.ticket.id, { action: 'reopen' }, this.accessToken ? { accessToken: this.accessToken } : {});
      this.announcement = t(this.resolvedLocale, 'reopened');
      this.emit('ac-ticket-reopen', { ticketId: this.ticket.id });
    } catch (error) {
      this.replyError = error instanceof AftercareError ? error.message : String(error);
    }
  }

  private describe(event: TicketEvent): { who: string; what: string; body?: string } {
    const loc = this.resolvedLocale;
    const fromCustomer = event.actor.kind === 'customer';
    const who = fromCustomer ? t(loc, 'you') : (event.actor.name ?? t(loc, 'team'));
    switch (event.type) {
      case 'created':
        return { who, what: t(loc, 'ev.created') };
      case 'status_changed':
        return { who, what: t(loc, 'ev.status', { status: this.statusWords.label(event.data.to, 'customer', loc) }), ...(event.data.note ? { body: event.data.note } : {}) };
      case 'assigned':
        return { who, what: t(loc, 'ev.assigned', { name: event.data.assigneeName ?? t(loc, 'team') }) };
      case 'reply':
        return { who, what: fromCustomer ? t(loc, 'ev.reply.customer') : t(loc, 'ev.reply.agent', { name: who }), body: event.data.body };
      case 'rated':
        return { who, what: t(loc, 'ev.rated', { score: event.data.score }) };
      case 'field_changed':
        return { who, what: t(loc, 'ev.field') };
      case 'merged':
        return { who, what: event.data.into ? t(loc, 'ev.merged.into', { number: event.data.into.number }) : t(loc, 'ev.merged.from', { number: event.data.from?.number ?? '' }) };
      default:
        return { who, what: t(loc, 'ev.other') };
    }
  }

  override render() {
    const loc = this.resolvedLocale;
    if (this.phase === 'loading' && !this.ticket) return html`<p role="status" class="placeholder">${t(loc, 'loading')}</p>`;
    if (this.phase === 'not-found' || (this.phase === 'error' && !this.ticket)) return html`<p role="alert">${t(loc, 'notFound')}</p>`;
    const ticket = this.ticket!;
    const workflow = this.statusWords;
    const category = workflow.status(ticket.status)?.category ?? 'open';
    const step = STEP_OF[ticket.status] ?? (category === 'open' ? 1 : category === 'pending' ? 2 : 3);
    const steps = ['step.submitted', 'step.assigned', 'step.progress', 'step.resolved'] as const;
    // Whatever the client returned, only public events reach the page.
    const events = ticketTimeline(ticket, 'customer');
    const fromReplies = new Set(events.flatMap((e) => (e.type === 'reply' ? (e.data.attachments ?? []).map((a) => a.id) : [])));
    const engineer = [...events].reverse().find((e) => e.type === 'assigned');
    const engineerName = engineer?.type === 'assigned' ? engineer.data.assigneeName : undefined;
    // A duplicate merged into another ticket: say where it continues; the same access token opens it.
    const into = events.find((e) => e.type === 'merged' && e.data.into?.id === ticket.mergedIntoId);
    const mergedInto = ticket.mergedIntoId ? { id: ticket.mergedIntoId, number: into?.type === 'merged' ? (into.data.into?.number ?? '') : '' } : undefined;
    const sla = this.activeClient?.sla(ticket);
    const promises = Object.entries(sla?.metrics ?? {}).filter(([, m]) => m && m.dueAt !== undefined);
    // What the desk says the customer may do (customer views); else what the `workflow` property allows.
    const canReopen = (ticket.customerActions ?? this.workflow?.actions(ticket, CUSTOMER).map((a) => a.id) ?? []).includes('reopen');
    const solved = ticket.status === 'resolved' || ticket.status === 'closed';
    const fmt = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' });
    return html`
      <div class="sr" role="status" aria-live="polite">${this.announcement}</div>
      <header part="header">
        <div>${t(loc, 'number')} <strong class="number">${ticket.number}</strong></div>
        <h2 class="subject">${ticket.subject}</h2>
        <ac-status-badge status=${ticket.status} audience="customer" locale=${loc} .workflow=${workflow}></ac-status-badge>
        ${engineerName ? html`<p class="engineer">${t(loc, 'engineer', { name: engineerName })}</p>` : nothing}
        ${mergedInto
          ? html`<p part="merged" class="merged">
              ${t(loc, 'merged', { number: mergedInto.number })}
              <button type="button" class="link" @click=${() => (this.ticketId = mergedInto.id)}>${t(loc, 'follow', { number: mergedInto.number })}</button>
            </p>`
          : nothing}
      </header>
      <ol part="steps" class="steps" aria-label=${t(loc, 'steps')}>
        ${steps.map((key, i) => html`<li class=${i < step ? 'done' : i === step ? 'current' : ''} aria-current=${i === step ? 'step' : nothing}>${t(loc, key)}</li>`)}
      </ol>
      ${promises.length > 0 && !solved
        ? html`<ul part="promises" class="promises">
            ${promises.map(([metric, m]) => {
              const left = m!.dueAt! - this.now;
              const status = m!.state === 'met' ? t(loc, 'met') : m!.state === 'paused' ? t(loc, 'paused') : left >= 0 ? t(loc, 'left', { time: duration(left, loc) }) : t(loc, 'overdue', { time: duration(-left, loc) });
              return html`<li class=${left < 0 && m!.state !== 'met' ? 'late' : ''}>
                ${t(loc, `promise.${metric}` as 'promise.resolution')}: <time datetime=${new Date(m!.dueAt!).toISOString()}>${fmt.format(m!.dueAt!)}</time> — ${status}
              </li>`;
            })}
          </ul>`
        : nothing}
      <section part="timeline" class="timeline" aria-labelledby="timeline-title">
        <h3 id="timeline-title">${t(loc, 'timeline')}</h3>
        <ol>
          ${[...events].reverse().map((event) => {
            const d = this.describe(event);
            // A reply lists its own files; the submission, the ticket's files no reply brought.
            const files = event.type === 'reply' ? (event.data.attachments ?? []) : event.type === 'created' ? ticket.attachments.filter((a) => !fromReplies.has(a.id)) : [];
            return html`<li class=${event.actor.kind === 'customer' ? 'mine' : ''}>
              <div class="meta"><time datetime=${event.at}>${fmt.format(new Date(event.at))}</time> · <span class="who">${d.who}</span></div>
              <div class="what">${d.what}</div>
              ${d.body ? html`<p class="body">${d.body}</p>` : nothing}
              ${attachmentLinks(files, this.urls, loc)}
            </li>`;
          })}
        </ol>
      </section>
      ${ticket.status !== 'closed'
        ? html`<form part="reply" class="reply" @submit=${this.sendReply} novalidate>
            <label for="reply">${t(loc, 'replyLabel')}</label>
            <textarea id="reply" rows="3" .value=${this.replyText} placeholder=${t(loc, 'reply')} aria-invalid=${this.replyError ? 'true' : 'false'}
              aria-describedby=${this.replyError ? 'reply-error' : nothing} @input=${(e: Event) => (this.replyText = (e.target as HTMLTextAreaElement).value)}></textarea>
            <div id="reply-error" class="error" role="alert">${this.replyError}</div>
            ${this.picker.render()}
            <div class="actions">
              <button type="submit" ?disabled=${this.replyState === 'sending'}>${t(loc, 'send')}</button>
              <span role="status">${this.replyState === 'sending' ? t(loc, 'sending') : this.replyState === 'sent' ? t(loc, 'sent') : this.replyState === 'queued' ? t(loc, 'queued') : ''}</span>
            </div>
          </form>`
        : nothing}
      ${canReopen
        ? html`<div class="reopen"><button part="reopen" type="button" class="secondary" @click=${this.reopen}>${t(loc, 'reopen')}</button></div>`
        : nothing}
      ${solved && !ticket.satisfaction
        ? html`<ac-satisfaction .client=${this.activeClient} .ticket=${ticket} ticket-id=${ticket.id} access-token=${this.accessToken ?? nothing} locale=${loc}
            @ac-rated=${() => void this.load(true)}></ac-satisfaction>`
        : nothing}
    `;
  }
}
