import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  AftercareError,
  articleFromTicket,
  ConflictError,
  NotFoundError,
  PRIORITIES,
  sameCustomer,
  selectTicketSla,
  SLA_METRICS,
  ticketTimeline,
  ValidationError,
  warrantyStatus,
  WorkflowError,
  workflowForType,
  type Actor,
  type Agent,
  type AftercareClient,
  type AvailableAction,
  type ClientEvent,
  type KnowledgeArticleDraft,
  type KnowledgeSuggestion,
  type Locale,
  type Macro,
  type Priority,
  type Ticket,
  type TicketEvent,
  type TicketSla,
  type Workflow,
} from '../../src/index.js';
import { AftercareAgentElement } from '../base/aftercare-element.js';
import { AttachmentPicker, attachmentLinks, attachmentStyles } from '../base/attachment-picker.js';
import { sharedStyles } from '../base/shared.styles.js';
import '../sla-badge/sla-badge.js';
import '../status-badge/status-badge.js';
import { t } from './ticket-detail.strings.js';
import { ticketDetailStyles } from './ticket-detail.styles.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'ac-ticket-transition': CustomEvent<{ ticketId: string; action: string; status: string }>;
    'ac-ticket-select': CustomEvent<{ ticketId: string }>;
    'ac-article-draft': CustomEvent<{ draft: KnowledgeArticleDraft }>;
  }
}
declare module '../base/aftercare-element.js' {
  interface AftercareEventMap {
    'ac-ticket-transition': CustomEvent<{ ticketId: string; action: string; status: string }>;
    'ac-ticket-select': CustomEvent<{ ticketId: string }>;
    'ac-article-draft': CustomEvent<{ draft: KnowledgeArticleDraft }>;
  }
}

/** What the modal dialog is asking for. */
type Dialog =
  | { kind: 'action'; action: AvailableAction }
  | { kind: 'merge'; candidates?: Ticket[] }
  | { kind: 'split' };

/** The mention list under the note box: which colleagues match what follows the `@`. */
interface Mention {
  /** Where the `@` is in the text. */
  start: number;
  query: string;
  options: Agent[];
  active: number;
}

/** Notes whose text the customer reads (the question, the resolution) and those only colleagues read. */
const PUBLIC_NOTES = new Set(['resolve', 'request_info']);
const NOTE_LABEL = { resolve: 'note.resolve', request_info: 'note.request_info', return_to_queue: 'note.return_to_queue', escalate: 'note.escalate' } as const;

/**
 * @summary An agent's workspace for one ticket: what it is about, its clocks, its history,
 * and everything the agent can do next.
 *
 * @tag ac-ticket-detail
 *
 * Shows the number, the status in the agent's words, priority and escalation, each SLA clock
 * with its due time (`<ac-sla-badge>`), the customer and product (tier; warranty from the
 * warranty end, or the purchase date plus `warranty-months`), assignee, collaborators and
 * related tickets (parent, sub-tasks, merges). The history lists every event; public replies
 * and internal notes look different and say so in words. The composer writes a public reply
 * or an internal note (`@` opens a list of colleagues: arrow keys, Enter, Escape), inserts
 * canned responses (`client.macros`, filled in for this ticket and agent), quotes knowledge
 * suggestions for the ticket's text and attaches files (uploaded with progress first; a note's
 * files stay internal like the note). Every file is listed under its message as a link. Buttons offer what the workflow lets this agent do now
 * (`workflow.actions(ticket, agent)`); actions that need input (a resolution note, a question,
 * a reason, a visit time) ask in a dialog first. Claim, reassign, escalate, merge a duplicate,
 * split a sub-task for another department, and — once resolved — draft a knowledge article
 * (`articleFromTicket`). Everything is done as `agent-id` through the client, and follows
 * changes live. Ticket text is always shown as text, never as HTML.
 *
 * Without `agent-id` the ticket is shown read-only.
 *
 * @event ac-ticket-transition - A workflow action, a claim or a merge succeeded. `detail: { ticketId, action, status }`.
 * @event ac-ticket-select - The agent opened a related ticket (parent, sub-task, merge target). `detail.ticketId`; unless the listener calls `preventDefault()`, the element shows that ticket itself.
 * @event ac-article-draft - The agent submitted a knowledge article drafted from this ticket for review. `detail.draft` (a `KnowledgeArticleDraft`, as edited).
 *
 * @csspart header - Number, subject, status, priority and clocks.
 * @csspart sla - The SLA clocks.
 * @csspart customer - Customer and product.
 * @csspart people - Assignee and collaborators.
 * @csspart links - Related tickets.
 * @csspart actions - The action buttons.
 * @csspart timeline - The history.
 * @csspart reply - A public reply in the history.
 * @csspart note - An internal note in the history.
 * @csspart composer - The reply and note form.
 * @csspart mention-list - The list of colleagues to mention.
 * @csspart suggestions - Knowledge suggestions.
 * @csspart attachments - The composer's file input, previews and progress bars.
 * @csspart dialog - The dialog that asks for an action's input.
 * @csspart kb-draft - The knowledge article draft.
 *
 * @cssproperty --ac-color-accent - Buttons, public replies and the focus ring.
 * @cssproperty --ac-color-note - Border of internal notes.
 * @cssproperty --ac-color-note-bg - Background of internal notes.
 * @cssproperty --ac-color-border - Borders of sections and fields.
 * @cssproperty --ac-color-muted - Secondary text.
 * @cssproperty --ac-color-danger - Errors.
 */
export class AcTicketDetail extends AftercareAgentElement {
  static override styles = [sharedStyles, attachmentStyles, ticketDetailStyles];

  /** The ticket to show. */
  @property({ attribute: 'ticket-id', reflect: true }) ticketId = '';

  /** The agent who works here: every action is theirs (`agentId` of the client's writes). */
  @property({ attribute: 'agent-id', reflect: true }) agentId = '';

  /** Warranty period in months from the purchase date, for products without a recorded warranty end. */
  @property({ type: Number, attribute: 'warranty-months' }) warrantyMonths = 12;

  /** Workflow of the ticket; default the client's for the ticket (`client.workflowFor`). */
  @property({ attribute: false }) workflow?: Workflow;

  @state() private ticket?: Ticket;
  @state() private phase: 'loading' | 'ready' | 'not-found' | 'error' = 'loading';
  @state() private loadError = '';
  @state() private sla?: TicketSla;
  @state() private agents: Agent[] = [];
  @state() private macros: Macro[] = [];
  @state() private suggestions: KnowledgeSuggestion[] = [];
  @state() private mode: 'reply' | 'note' = 'reply';
  @state() private text = '';
  @state() private sending = false;
  @state() private composeError = '';
  @state() private composeStatus = '';
  @state() private missing: string[] = [];
  @state() private mention?: Mention;
  @state() private macroId = '';
  @state() private busy = false;
  @state() private actionError = '';
  @state() private dialog?: Dialog;
  @state() private dialogError = '';
  @state() private draft?: KnowledgeArticleDraft;
  @state() private announcement = '';
  /** Displayable URLs of the ticket's and its messages' files, by id, from `client.attachments.url` (never `javascript:`). */
  @state() private urls: Record<string, string> = {};

  @query('dialog') private dialogElement?: HTMLDialogElement;
  @query('#compose-text') private textarea?: HTMLTextAreaElement;

  private loadedFor?: string;
  private subscribedTo?: AftercareClient;
  private unsubscribe: Array<() => void> = [];
  private returnFocus?: HTMLElement;
  private suggestedFor?: string;
  private readonly picker = new AttachmentPicker(this, 'compose-files');
  private macrosFor?: string;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening();
    this.loadedFor = undefined;
  }

  private stopListening() {
    for (const stop of this.unsubscribe) stop();
    this.unsubscribe = [];
    this.subscribedTo = undefined;
    this.macrosFor = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const client = this.activeClient;
    if (client !== this.subscribedTo) {
      this.stopListening();
      this.subscribedTo = client;
      if (client) {
        this.unsubscribe.push(client.subscribe((e) => this.onClientEvent(e)));
        // SLA clocks change without the ticket changing (a warning, a breach): follow the store.
        this.unsubscribe.push(client.store.subscribe(() => this.readSla()));
        void client.agents.list().then(
          (agents) => (this.agents = agents),
          () => (this.agents = []),
        );
      }
    }
    // Canned responses in the agent's language (and those without one).
    const macroKey = client ? this.resolvedLocale : undefined;
    if (client && macroKey !== this.macrosFor) {
      this.macrosFor = macroKey;
      void client.macros.list({ locale: this.resolvedLocale }).then(
        (macros) => (this.macros = macros),
        () => (this.macros = []),
      );
    }
    if (client && this.ticketId && (this.ticketId !== this.loadedFor || changed.has('client') || changed.has('providerClient'))) {
      this.loadedFor = this.ticketId;
      this.ticket = undefined;
      this.draft = undefined;
      this.readSla();
      void this.load(false);
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('ticket') && this.ticket) void this.resolveUrls(this.ticket);
    const dialog = this.dialogElement;
    if (this.dialog && dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('textarea, select, input')?.focus();
    }
  }

  /** Every file of the ticket: the submission's, replies' and notes' (notes' files are internal, as notes are). */
  private async resolveUrls(ticket: Ticket) {
    const client = this.activeClient;
    if (!client) return;
    const files = [...ticket.attachments, ...ticket.events.flatMap((e) => (e.type === 'reply' || e.type === 'note' ? (e.data.attachments ?? []) : []))];
    const missing = files.filter((a, i) => !(a.id in this.urls) && files.findIndex((b) => b.id === a.id) === i);
    if (missing.length === 0) return;
    const found = await Promise.all(missing.map(async (a) => [a.id, await client.attachments.url(a).catch(() => undefined)] as const));
    this.urls = { ...this.urls, ...Object.fromEntries(found.filter((entry): entry is readonly [string, string] => entry[1] !== undefined)) };
  }

  private readSla() {
    const client = this.activeClient;
    const sla = client && this.ticketId ? selectTicketSla(client.getState(), this.ticketId) : undefined;
    if (sla !== this.sla) this.sla = sla;
  }

  private onClientEvent(e: ClientEvent) {
    if (e.type !== 'ticket-changed' || e.ticket.id !== this.ticketId) return;
    if (!this.ticket || e.ticket.revision > this.ticket.revision) void this.load(true);
  }

  private workflowOf(ticket: Ticket): Workflow {
    // Without a client (the provider went away) the built-in workflow still labels what is shown.
    return this.workflow ?? this.activeClient?.workflowFor(ticket) ?? workflowForType(ticket.type);
  }

  /** The agent of `agent-id` as the workflow sees them; unknown to the directory: a plain agent. */
  private get actor(): Actor | undefined {
    if (!this.agentId) return undefined;
    const agent = this.agents.find((a) => a.id === this.agentId);
    return agent ? { kind: 'agent', id: agent.id, name: agent.publicName ?? agent.name, role: agent.role } : { kind: 'agent', id: this.agentId, role: 'agent' };
  }

  private agentName(id: string | undefined): string {
    if (!id) return '';
    const agent = this.agents.find((a) => a.id === id);
    return agent ? agent.name : id;
  }

  /** The agent view of the ticket, always from the client (a customer page on the same client may have put its own view in the store). */
  private async load(quiet: boolean) {
    const client = this.activeClient;
    const id = this.ticketId;
    if (!client || !id) return;
    if (!quiet) this.phase = 'loading';
    try {
      const next = await client.tickets.get(id);
      if (id !== this.ticketId) return;
      const before = this.ticket;
      if (before && next.revision < before.revision) return;
      this.ticket = next;
      this.phase = 'ready';
      if (quiet && before && before.status !== next.status) {
        this.announcement = t(this.resolvedLocale, 'updated', { status: this.workflowOf(next).label(next.status, 'agent', this.resolvedLocale) });
      }
      this.suggest(next);
    } catch (error) {
      if (quiet && this.ticket) return;
      this.phase = error instanceof NotFoundError ? 'not-found' : 'error';
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  private suggest(ticket: Ticket) {
    const client = this.activeClient;
    if (!client || this.suggestedFor === ticket.id) return;
    this.suggestedFor = ticket.id;
    void client.knowledge.suggest(`${ticket.subject} ${ticket.description}`.slice(0, 1000), { limit: 3, locale: this.resolvedLocale }).then(
      (hits) => {
        if (this.ticketId === ticket.id) this.suggestions = hits;
      },
      () => (this.suggestions = []),
    );
  }

  private errorText(error: unknown): string {
    const loc = this.resolvedLocale;
    if (error instanceof ConflictError) return t(loc, 'err.conflict');
    if (error instanceof WorkflowError) {
      if (error.reason === 'same_customer') return t(loc, 'err.same_customer');
      if (error.reason === 'target_status') return t(loc, 'err.target_status');
      if (error.code === 'GUARD_FAILED') return t(loc, 'err.guard', { reason: error.reason });
      return t(loc, 'err.invalid', { message: error.message });
    }
    if (error instanceof ValidationError) return t(loc, 'err.action', { message: error.issues.map((i) => `${i.path} ${i.message}`).join('; ') });
    return t(loc, 'err.action', { message: error instanceof AftercareError || error instanceof Error ? error.message : String(error) });
  }

  /** Runs a write as this agent; the ticket on screen is the one the write answers with. */
  private async act(run: (client: AftercareClient, ticket: Ticket) => Promise<Ticket>, done: (ticket: Ticket) => string, action?: string): Promise<boolean> {
    const client = this.activeClient;
    const ticket = this.ticket;
    if (!client || !ticket || this.busy) return false;
    this.busy = true;
    this.actionError = '';
    try {
      const next = await run(client, ticket);
      if (next.id === this.ticketId) this.ticket = next;
      this.announcement = done(next);
      if (action) this.emit('ac-ticket-transition', { ticketId: ticket.id, action, status: next.status });
      return true;
    } catch (error) {
      const text = this.errorText(error);
      if (this.dialog) this.dialogError = text;
      else this.actionError = text;
      if (error instanceof ConflictError) void this.load(true);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private transition(action: AvailableAction, extra: { note?: string; scheduledAt?: string; priority?: Priority } = {}) {
    const loc = this.resolvedLocale;
    return this.act(
      (client, ticket) => client.tickets.transition(ticket.id, { action: action.id, ...extra }, { agentId: this.agentId, expectedRevision: ticket.revision }),
      (next) => t(loc, 'done', { action: action.labels[loc], status: this.workflowOf(next).label(next.status, 'agent', loc) }),
      action.id,
    );
  }

  private claim() {
    return this.act(
      (client, ticket) => client.tickets.assign(ticket.id, { assigneeId: this.agentId }, { agentId: this.agentId, expectedRevision: ticket.revision }),
      () => t(this.resolvedLocale, 'claimed', { name: this.agentName(this.agentId) }),
      'assign',
    );
  }

  private reassign(e: Event) {
    e.preventDefault();
    const select = (e.target as HTMLFormElement).querySelector('select')!;
    const assigneeId = select.value;
    if (!assigneeId) return;
    void this.act(
      (client, ticket) => client.tickets.assign(ticket.id, { assigneeId }, { agentId: this.agentId, expectedRevision: ticket.revision }),
      () => t(this.resolvedLocale, 'assigned', { name: this.agentName(assigneeId) }),
      'assign',
    );
  }

  private changeCollaborators(change: { add?: string[]; remove?: string[] }) {
    const id = change.add?.[0] ?? change.remove?.[0] ?? '';
    return this.act(
      (client, ticket) => client.tickets.updateCollaborators(ticket.id, change, { agentId: this.agentId, expectedRevision: ticket.revision }),
      () => t(this.resolvedLocale, change.add ? 'collaboratorAdded' : 'collaboratorRemoved', { name: this.agentName(id) }),
    );
  }

  private addCollaborator(e: Event) {
    e.preventDefault();
    const select = (e.target as HTMLFormElement).querySelector('select')!;
    if (select.value) void this.changeCollaborators({ add: [select.value] });
  }

  // --- dialogs --------------------------------------------------------------------------------

  private open(dialog: Dialog, e: Event) {
    this.returnFocus = e.currentTarget as HTMLElement;
    this.dialogError = '';
    this.actionError = '';
    this.dialog = dialog;
    if (dialog.kind === 'merge') void this.loadMergeCandidates();
  }

  /** Closes the dialog; forgetting it first keeps a render before the `close` event from opening it again. */
  private closeDialog() {
    this.dialog = undefined;
    this.dialogElement?.close();
  }

  /** The dialog closed (a button, Escape): give focus back to the button that opened it. */
  private onDialogClose() {
    this.dialog = undefined;
    this.dialogError = '';
    const back = this.returnFocus;
    this.returnFocus = undefined;
    void this.updateComplete.then(() => (back?.isConnected ? back : this.renderRoot.querySelector<HTMLElement>('[part="actions"] button'))?.focus());
  }

  private async loadMergeCandidates() {
    const client = this.activeClient;
    const ticket = this.ticket;
    const asked = this.dialog;
    if (!client || !ticket) return;
    let candidates: Ticket[] = [];
    try {
      const page = await client.tickets.list({ category: ['open', 'pending', 'solved'], sort: 'created', limit: 200 });
      candidates = page.tickets.filter((other) => other.id !== ticket.id && other.mergedIntoId === undefined && sameCustomer(ticket, other));
    } catch (error) {
      this.dialogError = this.errorText(error);
    }
    if (this.dialog === asked) this.dialog = { kind: 'merge', candidates };
  }

  private async submitDialog(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const dialog = this.dialog;
    const loc = this.resolvedLocale;
    if (!dialog) return;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null)?.value ?? '';
    const required = (name: string, label: string): string | undefined => {
      const value = field(name).trim();
      if (value) return value;
      this.dialogError = t(loc, 'err.required', { label });
      (form.elements.namedItem(name) as HTMLElement | null)?.focus();
      return undefined;
    };
    let ok: boolean;
    if (dialog.kind === 'action') {
      const { action } = dialog;
      const extra: { note?: string; scheduledAt?: string; priority?: Priority } = {};
      if (action.requires.includes('note')) {
        const note = required('note', this.noteLabel(action.id));
        if (note === undefined) return;
        extra.note = note;
      } else if (field('note').trim()) extra.note = field('note').trim();
      if (action.requires.includes('schedule')) {
        const at = required('schedule', t(loc, 'schedule'));
        if (at === undefined) return;
        extra.scheduledAt = new Date(at).toISOString();
      }
      const priority = field('priority');
      if ((PRIORITIES as readonly string[]).includes(priority)) extra.priority = priority as Priority;
      ok = await this.transition(action, extra);
    } else if (dialog.kind === 'merge') {
      const targetId = required('target', t(loc, 'mergeTarget'));
      if (targetId === undefined) return;
      const target = dialog.candidates?.find((c) => c.id === targetId);
      ok = await this.act(
        async (client, ticket) => (await client.tickets.merge(ticket.id, { targetId }, { agentId: this.agentId, expectedRevision: ticket.revision })).source,
        () => t(loc, 'merged', { number: target?.number ?? targetId }),
        'merge',
      );
    } else {
      const groupId = required('group', t(loc, 'group'));
      if (groupId === undefined) return;
      const subject = required('subject', t(loc, 'splitSubject'));
      if (subject === undefined) return;
      const description = field('description').trim();
      let number = '';
      ok = await this.act(
        async (client, ticket) => {
          const r = await client.tickets.split(ticket.id, { groupId, subject, ...(description ? { description } : {}) }, { agentId: this.agentId, expectedRevision: ticket.revision });
          number = r.child.number;
          return r.parent;
        },
        () => t(loc, 'splitDone', { number }),
      );
    }
    if (ok) this.closeDialog();
  }

  private noteLabel(action: string): string {
    return t(this.resolvedLocale, NOTE_LABEL[action as keyof typeof NOTE_LABEL] ?? 'note.other');
  }

  // --- composer -------------------------------------------------------------------------------

  private onInput(e: Event) {
    const box = e.target as HTMLTextAreaElement;
    this.text = box.value;
    this.composeError = '';
    this.composeStatus = '';
    this.updateMention(box);
  }

  /** Opens, narrows or closes the mention list from the text before the caret (notes only). */
  private updateMention(box: HTMLTextAreaElement) {
    const before = box.value.slice(0, box.selectionStart ?? box.value.length);
    const match = this.mode === 'note' ? /(?:^|\s)@([^\s@]{0,30})$/u.exec(before) : null;
    if (!match) {
      this.mention = undefined;
      return;
    }
    const q = match[1]!.toLowerCase();
    const options = this.agents.filter((a) => a.id !== this.agentId && [a.name, a.publicName ?? '', a.id].some((n) => n.toLowerCase().includes(q)));
    this.mention = { start: before.length - match[1]!.length - 1, query: match[1]!, options, active: 0 };
    this.announcement = options.length > 0 ? t(this.resolvedLocale, 'mentionCount', { n: options.length }) : t(this.resolvedLocale, 'mentionNone');
  }

  private chooseMention(agent: Agent) {
    const box = this.textarea;
    const m = this.mention;
    if (!box || !m) return;
    const insert = `@${agent.name} `;
    const end = m.start + 1 + m.query.length;
    this.text = `${this.text.slice(0, m.start)}${insert}${this.text.slice(end)}`;
    this.mention = undefined;
    this.announcement = t(this.resolvedLocale, 'mentioned', { name: agent.name });
    const caret = m.start + insert.length;
    void this.updateComplete.then(() => {
      box.focus();
      box.setSelectionRange(caret, caret);
    });
  }

  private onKeyDown(e: KeyboardEvent) {
    const m = this.mention;
    if (m && m.options.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        this.mention = { ...m, active: (m.active + step + m.options.length) % m.options.length };
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        this.chooseMention(m.options[m.active]!);
        return;
      }
    }
    if (m && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.mention = undefined;
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void this.send();
    }
  }

  private setMode(mode: 'reply' | 'note') {
    this.mode = mode;
    this.mention = undefined;
    this.composeStatus = '';
  }

  /** Inserts text at the caret (or the end), as the agent would have typed it. */
  private insertText(text: string) {
    const box = this.textarea;
    const at = box ? (box.selectionStart ?? this.text.length) : this.text.length;
    const before = this.text.slice(0, at);
    const glue = before && !before.endsWith('\n') ? '\n' : '';
    this.text = `${before}${glue}${text}${this.text.slice(at)}`;
    this.composeError = '';
  }

  private async insertMacro(e: Event) {
    e.preventDefault();
    const client = this.activeClient;
    const ticket = this.ticket;
    if (!client || !ticket || !this.macroId) return;
    const agent = this.agents.find((a) => a.id === this.agentId);
    const rendering = await client.macros.render(this.macroId, ticket, agent ?? { name: this.agentId });
    this.insertText(rendering.text);
    this.missing = rendering.missing;
  }

  private async send() {
    const loc = this.resolvedLocale;
    const client = this.activeClient;
    const ticket = this.ticket;
    const body = this.text.trim();
    if (!body) {
      this.composeError = t(loc, 'err.empty');
      this.textarea?.focus();
      return;
    }
    if (!client || !ticket || this.sending) return;
    this.sending = true;
    this.picker.busy = true;
    this.composeError = '';
    this.composeStatus = t(loc, 'sending');
    const mode = this.mode;
    const options = { agentId: this.agentId, files: this.picker.files, onProgress: this.picker.onProgress };
    try {
      let next: Ticket;
      if (mode === 'note') {
        // Who is mentioned is what the text says now: a name deleted after picking it is no mention.
        const mentions = this.agents.filter((a) => body.includes(`@${a.name}`)).map((a) => a.id);
        next = await client.tickets.note(ticket.id, { body, mentions }, options);
      } else {
        next = await client.tickets.reply(ticket.id, { body }, options);
      }
      if (next.id === this.ticketId && (!this.ticket || next.revision >= this.ticket.revision)) this.ticket = next;
      this.text = '';
      this.missing = [];
      this.picker.clear();
      this.composeStatus = t(loc, mode === 'note' ? 'sent.note' : 'sent.reply');
    } catch (error) {
      this.composeStatus = '';
      // Refused files are said next to the file list; anything else under the text.
      if (!(error instanceof ValidationError && this.picker.showIssues(error.issues))) {
        this.composeError = t(loc, 'err.send', { message: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      this.sending = false;
      this.picker.busy = false;
      this.picker.done();
    }
  }

  // --- knowledge draft ------------------------------------------------------------------------

  private startDraft() {
    if (!this.ticket) return;
    this.draft = articleFromTicket(this.ticket, { locale: this.resolvedLocale });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#draft-title')?.focus());
  }

  private submitDraft(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value.trim();
    if (!this.draft) return;
    const draft: KnowledgeArticleDraft = {
      ...this.draft,
      title: value('title') || this.draft.title,
      body: value('body') || this.draft.body,
      tags: value('tags').split(/[,，]/).map((s) => s.trim()).filter(Boolean),
    };
    this.emit('ac-article-draft', { draft });
    this.announcement = t(this.resolvedLocale, 'draftSaved', { title: draft.title });
    this.draft = undefined;
  }

  private openRelated(ticketId: string) {
    if (this.emit('ac-ticket-select', { ticketId })) this.ticketId = ticketId;
  }

  // --- rendering ------------------------------------------------------------------------------

  private who(event: TicketEvent, ticket: Ticket): string {
    const loc = this.resolvedLocale;
    if (event.actor.kind === 'customer') return event.actor.name ?? ticket.customer.name;
    if (event.actor.kind === 'system') return event.actor.name ?? t(loc, 'system');
    if (event.actor.id && event.actor.id === this.agentId) return `${this.agentName(event.actor.id)} (${t(loc, 'you')})`;
    return event.actor.id ? this.agentName(event.actor.id) : (event.actor.name ?? t(loc, 'system'));
  }

  private describe(event: TicketEvent, workflow: Workflow): string {
    const loc = this.resolvedLocale;
    const status = (s: string) => workflow.label(s, 'agent', loc);
    switch (event.type) {
      case 'created':
        return t(loc, 'ev.created');
      case 'status_changed':
        return t(loc, 'ev.status', { action: event.data.action === 'merge' ? t(loc, 'action.merge') : workflow.actionLabel(event.data.action, loc), from: status(event.data.from), to: status(event.data.to) });
      case 'assigned':
        if (event.data.to && event.data.to !== event.data.from) return t(loc, 'ev.assigned', { name: this.agents.find((a) => a.id === event.data.to)?.name ?? event.data.assigneeName ?? event.data.to });
        if (event.data.groupTo && event.data.groupTo !== event.data.groupFrom) return t(loc, 'ev.group', { group: event.data.groupTo });
        return t(loc, 'ev.unassigned');
      case 'field_changed':
        return t(loc, 'ev.field', { field: event.data.field });
      case 'escalated':
        return t(loc, 'ev.escalated', { level: event.data.level });
      case 'rated':
        return t(loc, 'ev.rated', { score: event.data.score });
      case 'automation':
        return t(loc, 'ev.automation', { rule: event.data.ruleId });
      case 'merged':
        return event.data.into ? t(loc, 'ev.mergedInto', { number: event.data.into.number }) : t(loc, 'ev.mergedFrom', { number: event.data.from?.number ?? '' });
      case 'linked':
        return event.data.child ? t(loc, 'ev.linkedChild', { number: event.data.child.number, group: event.data.child.groupId ?? '' }) : t(loc, 'ev.linkedParent', { number: event.data.parent?.number ?? '' });
      default:
        return t(loc, 'ev.other');
    }
  }

  /** Extra text of an event worth reading in full: a status note, a reason, a rating comment. */
  private detailOf(event: TicketEvent): string | undefined {
    switch (event.type) {
      case 'status_changed':
        return event.data.note;
      case 'escalated':
        return event.data.reason;
      case 'rated':
        return event.data.comment;
      case 'field_changed': {
        const show = (v: unknown) => (Array.isArray(v) ? v.map((x) => (event.data.field === 'collaboratorIds' ? this.agentName(String(x)) : String(x))).join(', ') : v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
        return `${show(event.data.from)} → ${show(event.data.to)}`;
      }
      default:
        return undefined;
    }
  }

  private renderEvent(event: TicketEvent, ticket: Ticket, workflow: Workflow, fmt: Intl.DateTimeFormat): TemplateResult {
    const loc = this.resolvedLocale;
    const meta = html`<div class="meta"><span class="who">${this.who(event, ticket)}</span> · <time datetime=${event.at}>${fmt.format(new Date(event.at))}</time></div>`;
    if (event.type === 'reply') {
      return html`<li part="reply" class="message reply ${event.actor.kind === 'customer' ? 'from-customer' : 'from-agent'}">
        <div class="kind"><span aria-hidden="true">💬</span> ${t(loc, 'kind.reply')}</div>
        ${meta}
        <p class="body">${event.data.body}</p>
        ${attachmentLinks(event.data.attachments ?? [], this.urls, loc)}
      </li>`;
    }
    if (event.type === 'note') {
      const names = event.data.mentions.map((id) => this.agentName(id));
      return html`<li part="note" class="message note">
        <div class="kind"><span aria-hidden="true">🔒</span> ${t(loc, 'kind.note')}</div>
        ${meta}
        <p class="body">${event.data.body}</p>
        ${names.length > 0 ? html`<p class="mentions">${t(loc, 'mentions', { names: names.map((n) => `@${n}`).join(' ') })}</p>` : nothing}
        ${attachmentLinks(event.data.attachments ?? [], this.urls, loc)}
      </li>`;
    }
    const detail = this.detailOf(event);
    // The submission's own files: the ticket's files that no message brought.
    const submitted = event.type === 'created' ? ticket.attachments.filter((a) => !ticket.events.some((e) => (e.type === 'reply' || e.type === 'note') && (e.data.attachments ?? []).some((b) => b.id === a.id))) : [];
    return html`<li class="event ${event.visibility}">
      <div><span class="who">${this.who(event, ticket)}</span> ${this.describe(event, workflow)} · <time datetime=${event.at}>${fmt.format(new Date(event.at))}</time></div>
      ${detail ? html`<p class="body">${detail}</p>` : nothing}
      ${attachmentLinks(submitted, this.urls, loc)}
    </li>`;
  }

  private renderHeader(ticket: Ticket, workflow: Workflow) {
    const loc = this.resolvedLocale;
    const fmt = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' });
    const metrics = SLA_METRICS.filter((m) => this.sla?.metrics?.[m]);
    return html`<header part="header">
      <div class="title-row">
        <span class="number">${t(loc, 'number')} <strong>${ticket.number}</strong></span>
        <ac-status-badge status=${ticket.status} audience="agent" locale=${loc} .workflow=${workflow}></ac-status-badge>
        <span class="priority" data-priority=${ticket.priority}>${t(loc, 'priority')}: ${t(loc, `priority.${ticket.priority}`)}</span>
        ${ticket.escalationLevel > 0 ? html`<span class="escalated">${t(loc, 'escalated', { n: ticket.escalationLevel })}</span>` : nothing}
      </div>
      <h2 class="subject">${ticket.subject}</h2>
      ${ticket.description ? html`<p class="description">${ticket.description}</p>` : nothing}
      ${metrics.length > 0
        ? html`<section part="sla" class="sla" aria-labelledby="sla-title">
            <h3 id="sla-title" class="sr">${t(loc, 'sla')}</h3>
            <ul>
              ${metrics.map((metric) => {
                const m = this.sla!.metrics![metric]!;
                return html`<li>
                  <span class="metric">${t(loc, `metric.${metric}`)}</span>
                  <ac-sla-badge .client=${this.activeClient} ticket-id=${ticket.id} metric=${metric} locale=${loc}></ac-sla-badge>
                  ${m.dueAt !== undefined ? html`<span class="due">${t(loc, 'due')} <time datetime=${new Date(m.dueAt).toISOString()}>${fmt.format(m.dueAt)}</time></span>` : nothing}
                </li>`;
              })}
            </ul>
          </section>`
        : nothing}
    </header>`;
  }

  private renderCustomer(ticket: Ticket) {
    const loc = this.resolvedLocale;
    const c = ticket.customer;
    const p = ticket.product;
    const now = this.activeClient?.store.now() ?? Date.now();
    const warranty = warrantyStatus(p, { now, months: this.warrantyMonths });
    const tier = c.tier === 'vip' || c.tier === 'standard' ? t(loc, `tier.${c.tier as 'vip' | 'standard'}`) : c.tier;
    const row = (label: string, value: unknown) => (value === undefined || value === '' ? nothing : html`<dt>${label}</dt><dd>${value}</dd>`);
    return html`<section part="customer" class="card" aria-labelledby="customer-title">
      <h3 id="customer-title">${t(loc, 'customer')}</h3>
      <dl>
        ${row(t(loc, 'name'), html`${c.name} <span class="tier" data-tier=${c.tier}>${tier}</span>`)}
        ${row(t(loc, 'organization'), c.organization)} ${row(t(loc, 'phone'), c.contact.phone)} ${row(t(loc, 'email'), c.contact.email)} ${row(t(loc, 'wechat'), c.contact.wechat)}
      </dl>
      ${p
        ? html`<h3>${t(loc, 'product')}</h3>
            <dl>
              ${row(t(loc, 'model'), p.model)} ${row(t(loc, 'serial'), p.serialNumber)} ${row(t(loc, 'purchased'), p.purchaseDate)}
              ${row(t(loc, 'warranty'), html`<span class="warranty" data-state=${warranty.state}>${t(loc, `warranty.${warranty.state}`, { date: warranty.until ?? '' })}</span>`)}
            </dl>`
        : nothing}
    </section>`;
  }

  private renderPeople(ticket: Ticket, canAssign: boolean) {
    const loc = this.resolvedLocale;
    const assigned = [...ticket.events].reverse().find((e) => e.type === 'assigned' && e.data.to === ticket.assigneeId);
    const assigneeName = ticket.assigneeId ? (this.agents.find((a) => a.id === ticket.assigneeId)?.name ?? (assigned?.type === 'assigned' ? assigned.data.assigneeName : undefined) ?? ticket.assigneeId) : t(loc, 'unassigned');
    const others = this.agents.filter((a) => !ticket.collaboratorIds.includes(a.id) && a.id !== ticket.assigneeId);
    const acting = Boolean(this.agentId);
    return html`<section part="people" class="card" aria-labelledby="people-title">
      <h3 id="people-title">${t(loc, 'people')}</h3>
      <dl>
        <dt>${t(loc, 'assignee')}</dt>
        <dd class="assignee">${assigneeName}${ticket.groupId ? html` · <span class="group">${ticket.groupId}</span>` : nothing}</dd>
      </dl>
      ${acting && canAssign && this.agents.length > 0
        ? html`<form class="inline" @submit=${this.reassign}>
            <label for="assign-to">${t(loc, 'assignTo')}</label>
            <select id="assign-to">
              ${this.agents.filter((a) => a.id !== ticket.assigneeId).map((a) => html`<option value=${a.id}>${a.name}</option>`)}
            </select>
            <button type="submit" class="secondary" ?disabled=${this.busy}>${t(loc, 'assign')}</button>
          </form>`
        : nothing}
      <h4 id="collab-title">${t(loc, 'collaborators')}</h4>
      ${ticket.collaboratorIds.length > 0
        ? html`<ul class="collaborators" aria-labelledby="collab-title">
            ${ticket.collaboratorIds.map(
              (id) => html`<li>
                ${this.agentName(id)}
                ${acting
                  ? html`<button type="button" class="link" aria-label=${t(loc, 'removeCollaborator', { name: this.agentName(id) })} ?disabled=${this.busy}
                      @click=${() => this.changeCollaborators({ remove: [id] })}>×</button>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="hint">${t(loc, 'noCollaborators')}</p>`}
      ${acting && others.length > 0
        ? html`<form class="inline" @submit=${this.addCollaborator}>
            <label for="collab-add">${t(loc, 'addCollaborator')}</label>
            <select id="collab-add">
              ${others.map((a) => html`<option value=${a.id}>${a.name}</option>`)}
            </select>
            <button type="submit" class="secondary" ?disabled=${this.busy}>${t(loc, 'add')}</button>
          </form>`
        : nothing}
    </section>`;
  }

  private renderLinks(ticket: Ticket) {
    const loc = this.resolvedLocale;
    const links: Array<{ id: string; text: string; number: string }> = [];
    const refs = new Map<string, string>();
    for (const e of ticket.events) {
      if (e.type === 'merged') {
        if (e.data.into) links.push({ id: e.data.into.id, number: e.data.into.number, text: t(loc, 'mergedInto', { number: e.data.into.number }) });
        if (e.data.from) links.push({ id: e.data.from.id, number: e.data.from.number, text: t(loc, 'mergedFrom', { number: e.data.from.number }) });
      }
      if (e.type === 'linked') {
        if (e.data.parent) refs.set(e.data.parent.id, e.data.parent.number);
        if (e.data.child) links.push({ id: e.data.child.id, number: e.data.child.number, text: t(loc, 'child', { number: e.data.child.number, group: e.data.child.groupId ?? '' }) });
      }
    }
    if (ticket.parentId) links.unshift({ id: ticket.parentId, number: refs.get(ticket.parentId) ?? ticket.parentId, text: t(loc, 'parent', { number: refs.get(ticket.parentId) ?? ticket.parentId }) });
    if (links.length === 0) return nothing;
    return html`<section part="links" class="card" aria-labelledby="links-title">
      <h3 id="links-title">${t(loc, 'links')}</h3>
      <ul>
        ${links.map(
          (l) => html`<li><button type="button" class="link" aria-label=${`${l.text} — ${t(loc, 'openTicket', { number: l.number })}`} @click=${() => this.openRelated(l.id)}>${l.text}</button></li>`,
        )}
      </ul>
    </section>`;
  }

  private renderActions(ticket: Ticket, workflow: Workflow, available: AvailableAction[]) {
    const loc = this.resolvedLocale;
    if (!this.agentId) return html`<p class="hint" part="actions">${t(loc, 'readOnly')}</p>`;
    const category = workflow.status(ticket.status) ? workflow.category(ticket.status) : 'open';
    const canClaim = ticket.assigneeId !== this.agentId && available.some((a) => a.id === 'assign');
    const solved = (category === 'solved' || category === 'closed') && Boolean(ticket.resolution?.note);
    return html`<section part="actions" class="actions-bar" aria-labelledby="actions-title">
      <h3 id="actions-title" class="sr">${t(loc, 'actions')}</h3>
      ${canClaim ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.claim()}>${t(loc, 'claim')}</button>` : nothing}
      ${available
        .filter((a) => a.id !== 'assign')
        .map((action) => {
          const asks = action.requires.length > 0 || action.id === 'escalate';
          return html`<button type="button" class=${asks ? 'secondary' : ''} data-action=${action.id} ?disabled=${this.busy}
            aria-haspopup=${asks ? 'dialog' : nothing}
            @click=${(e: Event) => (asks ? this.open({ kind: 'action', action }, e) : void this.transition(action))}>${action.labels[loc]}${asks ? '…' : ''}</button>`;
        })}
      ${category !== 'closed' && !ticket.mergedIntoId
        ? html`<button type="button" class="secondary" aria-haspopup="dialog" ?disabled=${this.busy} @click=${(e: Event) => this.open({ kind: 'merge' }, e)}>${t(loc, 'merge')}</button>
            <button type="button" class="secondary" aria-haspopup="dialog" ?disabled=${this.busy} @click=${(e: Event) => this.open({ kind: 'split' }, e)}>${t(loc, 'split')}</button>`
        : nothing}
      ${solved && !this.draft ? html`<button type="button" class="secondary" @click=${this.startDraft}>${t(loc, 'kbAdd')}</button>` : nothing}
      <div class="error" role="alert">${this.actionError}</div>
    </section>`;
  }

  private renderDialog(ticket: Ticket) {
    const loc = this.resolvedLocale;
    const d = this.dialog;
    let title = '';
    let body: unknown = nothing;
    let confirm = '';
    if (d?.kind === 'action') {
      const { action } = d;
      title = action.labels[loc];
      confirm = action.labels[loc];
      const noteRequired = action.requires.includes('note');
      const asksNote = noteRequired || action.id === 'escalate';
      body = html`
        ${asksNote
          ? html`<label for="dlg-note">${this.noteLabel(action.id)}</label>
              <textarea id="dlg-note" name="note" rows="4" ?required=${noteRequired} aria-required=${noteRequired ? 'true' : 'false'} aria-describedby="dlg-note-hint"
                aria-invalid=${this.dialogError ? 'true' : 'false'}></textarea>
              <p id="dlg-note-hint" class="hint">${t(loc, PUBLIC_NOTES.has(action.id) ? 'hint.public' : 'hint.internal')}</p>`
          : nothing}
        ${action.requires.includes('schedule') ? html`<label for="dlg-schedule">${t(loc, 'schedule')}</label><input id="dlg-schedule" name="schedule" type="datetime-local" required />` : nothing}
        ${action.id === 'escalate'
          ? html`<label for="dlg-priority">${t(loc, 'raisePriority')}</label>
              <select id="dlg-priority" name="priority">
                <option value="">${t(loc, 'keepPriority')}</option>
                ${PRIORITIES.map((p) => html`<option value=${p}>${t(loc, `priority.${p}`)}</option>`)}
              </select>`
          : nothing}
      `;
    } else if (d?.kind === 'merge') {
      title = t(loc, 'mergeTitle');
      confirm = t(loc, 'mergeConfirm');
      body = html`<p class="hint">${t(loc, 'mergeHelp')}</p>
        ${d.candidates === undefined
          ? html`<p role="status">${t(loc, 'mergeLoading')}</p>`
          : d.candidates.length === 0
            ? html`<p role="status">${t(loc, 'mergeNone')}</p>`
            : html`<label for="dlg-target">${t(loc, 'mergeTarget')}</label>
                <select id="dlg-target" name="target" required>
                  ${d.candidates.map((c) => html`<option value=${c.id}>${c.number} · ${c.subject} (${this.workflowOf(c).label(c.status, 'agent', loc)})</option>`)}
                </select>`}`;
    } else if (d?.kind === 'split') {
      title = t(loc, 'splitTitle');
      confirm = t(loc, 'splitConfirm');
      const groups = [...new Set(this.agents.flatMap((a) => a.groupIds))].filter((g) => g !== ticket.groupId);
      body = html`<label for="dlg-group">${t(loc, 'group')}</label>
        ${groups.length > 0
          ? html`<select id="dlg-group" name="group" required>
              <option value="">${t(loc, 'groupPick')}</option>
              ${groups.map((g) => html`<option value=${g}>${g}</option>`)}
            </select>`
          : html`<input id="dlg-group" name="group" required />`}
        <label for="dlg-subject">${t(loc, 'splitSubject')}</label>
        <input id="dlg-subject" name="subject" required .value=${ticket.subject} />
        <label for="dlg-description">${t(loc, 'splitDescription')}</label>
        <textarea id="dlg-description" name="description" rows="3"></textarea>`;
    }
    const disabled = this.busy || (d?.kind === 'merge' && !d.candidates?.length);
    return html`<dialog part="dialog" aria-labelledby="dlg-title" @cancel=${() => (this.dialog = undefined)} @close=${this.onDialogClose}>
      ${d
        ? html`<form @submit=${this.submitDialog} novalidate>
            <h3 id="dlg-title">${title}</h3>
            ${body}
            <div class="error" role="alert">${this.dialogError}</div>
            <div class="actions">
              <button type="submit" ?disabled=${disabled}>${confirm}</button>
              <button type="button" class="secondary" @click=${this.closeDialog}>${t(loc, 'cancel')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  private renderComposer() {
    const loc = this.resolvedLocale;
    if (!this.agentId) return nothing;
    const m = this.mention;
    const listOpen = this.mode === 'note' && m !== undefined;
    const activeId = listOpen && m.options.length > 0 ? `mention-${m.options[m.active]!.id}` : undefined;
    return html`<form part="composer" class="composer ${this.mode}" @submit=${(e: Event) => (e.preventDefault(), void this.send())} novalidate>
      <fieldset class="modes">
        <legend>${t(loc, 'compose')}</legend>
        <label><input type="radio" name="mode" value="reply" .checked=${live(this.mode === 'reply')} @change=${() => this.setMode('reply')} /> ${t(loc, 'mode.reply')}</label>
        <label><input type="radio" name="mode" value="note" .checked=${live(this.mode === 'note')} @change=${() => this.setMode('note')} /> ${t(loc, 'mode.note')}</label>
      </fieldset>
      <label for="compose-text">${t(loc, this.mode === 'note' ? 'label.note' : 'label.reply')}</label>
      <div class="box">
        <textarea id="compose-text" rows="4" .value=${live(this.text)} @input=${this.onInput} @keydown=${this.onKeyDown} @blur=${() => setTimeout(() => (this.mention = undefined), 150)}
          aria-autocomplete=${this.mode === 'note' ? 'list' : nothing} aria-controls=${listOpen ? 'mention-list' : nothing} aria-activedescendant=${activeId ?? nothing}
          aria-describedby="compose-hint compose-error" aria-invalid=${this.composeError ? 'true' : 'false'}></textarea>
        ${listOpen
          ? html`<ul id="mention-list" part="mention-list" class="mention-list" role="listbox" aria-label=${t(loc, 'mentionList')}>
              ${m.options.length === 0
                ? html`<li class="none" role="option" aria-disabled="true" aria-selected="false">${t(loc, 'mentionNone')}</li>`
                : m.options.map(
                    (a, i) => html`<li id=${`mention-${a.id}`} role="option" aria-selected=${i === m.active ? 'true' : 'false'} class=${i === m.active ? 'active' : ''}
                      @mousedown=${(e: Event) => (e.preventDefault(), this.chooseMention(a))}>${a.name}${a.publicName ? html` <span class="hint">(${a.publicName})</span>` : nothing}</li>`,
                  )}
            </ul>`
          : nothing}
      </div>
      ${this.picker.render(t(loc, 'files'))}
      <p id="compose-hint" class="hint">${t(loc, this.mode === 'note' ? 'hint.internal' : 'hint.public')} ${t(loc, 'shortcut')}</p>
      ${this.missing.length > 0 ? html`<p class="missing" role="status">${t(loc, 'missing', { names: this.missing.map((p) => `{{${p}}}`).join(listSeparator(loc)) })}</p>` : nothing}
      <div id="compose-error" class="error" role="alert">${this.composeError}</div>
      <div class="actions">
        <button type="submit" ?disabled=${this.sending}>${t(loc, this.mode === 'note' ? 'send.note' : 'send.reply')}</button>
        <span role="status">${this.composeStatus}</span>
      </div>
    </form>
    ${this.macros.length > 0
      ? html`<form class="inline macros" @submit=${this.insertMacro}>
          <label for="macro">${t(loc, 'macros')}</label>
          <select id="macro" @change=${(e: Event) => (this.macroId = (e.target as HTMLSelectElement).value)}>
            <option value="">${t(loc, 'macroPick')}</option>
            ${this.macros.map((mac) => html`<option value=${mac.id} ?selected=${mac.id === this.macroId}>${mac.name}</option>`)}
          </select>
          <button type="submit" class="secondary" ?disabled=${!this.macroId}>${t(loc, 'insert')}</button>
        </form>`
      : nothing}
    ${this.suggestions.length > 0
      ? html`<section part="suggestions" class="suggestions" aria-labelledby="kb-title">
          <h4 id="kb-title">${t(loc, 'suggestions')}</h4>
          <ul>
            ${this.suggestions.map(
              (s) => html`<li>
                <span>${s.title}</span>
                <button type="button" class="link" aria-label=${t(loc, 'insertArticle', { title: s.title })} @click=${() => this.insertText(t(loc, 'articleRef', { title: s.title }))}>${t(loc, 'insert')}</button>
              </li>`,
            )}
          </ul>
        </section>`
      : nothing}`;
  }

  private renderDraft() {
    const loc = this.resolvedLocale;
    const d = this.draft;
    if (!d) return nothing;
    return html`<form part="kb-draft" class="card draft" aria-labelledby="draft-heading" @submit=${this.submitDraft}>
      <h3 id="draft-heading">${t(loc, 'draftTitle')}</h3>
      ${d.review.map((r) => html`<p class="hint review">⚠ ${t(loc, `review.${r}`)}</p>`)}
      <label for="draft-title">${t(loc, 'draftHeading')}</label>
      <input id="draft-title" name="title" .value=${d.title} />
      <label for="draft-body">${t(loc, 'draftBody')}</label>
      <textarea id="draft-body" name="body" rows="6" .value=${d.body}></textarea>
      <label for="draft-tags">${t(loc, 'draftTags')}</label>
      <input id="draft-tags" name="tags" .value=${d.tags.join(', ')} />
      <div class="actions">
        <button type="submit">${t(loc, 'draftSave')}</button>
        <button type="button" class="secondary" @click=${() => (this.draft = undefined)}>${t(loc, 'draftDiscard')}</button>
      </div>
    </form>`;
  }

  override render() {
    const loc = this.resolvedLocale;
    const region = html`<div class="sr" role="status" aria-live="polite">${this.announcement}</div>`;
    if (!this.ticket) {
      if (this.phase === 'not-found') return html`${region}<p role="alert">${t(loc, 'notFound')}</p>`;
      if (this.phase === 'error') return html`${region}<p role="alert">${t(loc, 'error', { message: this.loadError })}</p>`;
      return html`${region}<p role="status" class="placeholder">${t(loc, 'loading')}</p>`;
    }
    const ticket = this.ticket;
    const workflow = this.workflowOf(ticket);
    const actor = this.actor;
    const now = this.activeClient?.store.now() ?? Date.now();
    const available = actor ? workflow.actions(ticket, actor, { now }) : [];
    const fmt = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' });
    return html`
      ${region}
      ${this.renderHeader(ticket, workflow)}
      <div class="cards">${this.renderCustomer(ticket)} ${this.renderPeople(ticket, available.some((a) => a.id === 'assign'))} ${this.renderLinks(ticket)}</div>
      ${this.renderActions(ticket, workflow, available)}
      ${this.renderDraft()}
      <section part="timeline" class="timeline" aria-labelledby="timeline-title">
        <h3 id="timeline-title">${t(loc, 'timeline')}</h3>
        <ol>
          ${ticketTimeline(ticket, 'agent').map((event) => this.renderEvent(event, ticket, workflow, fmt))}
        </ol>
      </section>
      ${this.renderComposer()}
      ${this.renderDialog(ticket)}
    `;
  }
}

/** The list separator of a locale. */
function listSeparator(loc: Locale): string {
  return loc === 'zh-CN' ? '、' : ', ';
}
