import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  CHANNELS,
  PRIORITIES,
  orderQueue,
  queueComparator,
  queueMatcher,
  selectQueueState,
  updateQueue,
  type Actor,
  type Agent,
  type AvailableAction,
  type ClientStore,
  type Locale,
  type QueueFilter,
  type QueueSort,
  type QueueSpec,
  type QueueView,
  type Ticket,
  type TicketSla,
  type Workflow,
} from '../../src/index.js';
import { AftercareAgentElement } from '../base/aftercare-element.js';
import { formatDateTime } from '../base/format.js';
import { sharedStyles } from '../base/shared.styles.js';
import '../sla-badge/sla-badge.js';
import { t as formStrings } from '../ticket-form/ticket-form.strings.js';
import { t } from './agent-queue.strings.js';
import { agentQueueStyles } from './agent-queue.styles.js';
import { walkChildrenOncePerLayout } from './virtualizer-positions.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'ac-ticket-select': CustomEvent<{ ticketId: string }>;
  }
}
declare module '../base/aftercare-element.js' {
  interface AftercareEventMap {
    'ac-ticket-select': CustomEvent<{ ticketId: string }>;
  }
}

const VIEWS: QueueView[] = ['mine', 'unassigned', 'all', 'breaching'];
const SORTS: QueueSort[] = ['urgency', 'priority', 'age', 'updated'];
const FILTER_FIELDS = ['statuses', 'priorities', 'groupIds', 'types', 'channels', 'tiers', 'tags', 'productModels'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];
const FILTER_LABEL: Record<FilterField, Parameters<typeof t>[1]> = {
  statuses: 'f.status',
  priorities: 'f.priority',
  groupIds: 'f.group',
  types: 'f.type',
  channels: 'f.channel',
  tiers: 'f.tier',
  tags: 'f.tag',
  productModels: 'f.model',
};
/** More changed tickets than this in one go (a page load, an import): recompute the order instead. */
const FULL_REBUILD_AT = 2000;
/** A filtered view shows this many rows at once and finds the rest in slices (no long task). */
const FIRST_SCREEN_ROWS = 120;
/** Time for one slice of a filtered view's scan: well under a frame. */
const SLICE_MS = 6;
/** Cards per board column; the rest are a click away in the list. */
const BOARD_CARDS = 30;

type Dialog =
  | { kind: 'assign'; ids: string[]; suggestion?: Suggestion }
  | { kind: 'note'; ids: string[]; action: AvailableAction };

interface Suggestion {
  assignee?: string;
  explanation: string[];
  candidates: Array<{ agentId: string; chosen: boolean; reason?: string; detail: string }>;
  queued?: { reason: string };
}

const keyOf = (ticket: Ticket) => ticket.id;
/** Guards that only check what the agent enters (a note, an assignee, a date): without that input they never refuse. */
const INPUT_ONLY_GUARDS = new Set(['note_required', 'assignee_required', 'schedule_required']);
/** Formatted update times kept per locale, up to this many. */
const UPDATED_CACHE_SIZE = 4000;

/**
 * @summary An agent's work queue: every ticket of a view, most urgent first, ready to act on.
 *
 * @tag ac-agent-queue
 *
 * Views `mine`, `unassigned`, `all` and `breaching`, narrowed by filters and free text, sorted
 * by SLA urgency (then priority, then age) unless told otherwise. Rows carry a live SLA badge;
 * only visible rows exist (virtual scrolling), so 100,000 tickets scroll smoothly. Live
 * changes from this tab, other tabs and other agents update just the rows they touch, keep
 * the selection and keep the rows in view where they were. Select rows by click, shift-click
 * or keyboard, then claim, assign (with the routing rules' suggestion and reasons) or apply a
 * workflow action to all of them; only actions the workflow allows everyone selected are
 * offered. `layout="board"` shows a kanban board by status or group with each column's backlog.
 *
 * Keyboard, with the list focused: ↑/↓ or k/j move, Home/End, Page Up/Down, Enter opens,
 * Space selects, Shift+↑/↓ extends the selection, Ctrl/⌘+A selects all, Escape clears it.
 *
 * @event ac-ticket-select - The agent opened a ticket (Enter, click). `detail.ticketId`.
 *
 * @csspart toolbar - Views, search, filters, sort and layout.
 * @csspart filters - The filter panel.
 * @csspart bulk - The bar of actions on the selection.
 * @csspart grid - The list (a grid of rows).
 * @csspart row - One ticket's row.
 * @csspart board - The board layout.
 * @csspart column - A board column.
 * @csspart card - A board card.
 * @csspart footer - How many tickets are shown; load more.
 *
 * @cssproperty --ac-queue-height - Height of the scrolling list (default 32rem).
 * @cssproperty --ac-color-accent - Active row, selection and buttons.
 * @cssproperty --ac-color-row-selected - Background of selected rows.
 */
export class AcAgentQueue extends AftercareAgentElement {
  static override styles = [sharedStyles, agentQueueStyles];

  /** The agent using the queue: whose `mine` view it is, and who acts. */
  @property({ attribute: 'agent-id', reflect: true }) agentId = '';

  /** Which tickets: `mine`, `unassigned`, `all` or `breaching`. */
  @property({ reflect: true }) view: QueueView = 'mine';

  /** `list` (default) or `board` (kanban). */
  @property({ reflect: true }) layout: 'list' | 'board' = 'list';

  /** Board columns: `status` (default) or `group`. */
  @property({ attribute: 'board-by', reflect: true }) boardBy: 'status' | 'group' = 'status';

  /** The order: `urgency` (default), `priority`, `age` or `updated`. */
  @property({ reflect: true }) sort: QueueSort = 'urgency';

  /** Filters (status, priority, group, type, channel, tier, tags, product model, free text). */
  @property({ attribute: false }) filter: QueueFilter = {};

  /** Tickets loaded from the backend per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 200;

  /** The tickets shown, in order (the store's maintained queue itself in the default view: never mutated). */
  @state() protected order: readonly Ticket[] = [];
  /** A filtered view is still being scanned beyond its first rows. */
  @state() protected scanning = false;
  @state() protected selection: ReadonlySet<string> = new Set();
  @state() protected activeId?: string;
  @state() protected agents: Agent[] = [];
  @state() protected announcement = '';
  @state() protected filtersOpen = false;
  @state() protected dialog?: Dialog;
  @state() protected busy = false;
  @state() protected counts?: { mine: number; unassigned: number; open: number; breaching: number };

  @query('lit-virtualizer') private virtualizer?: LitVirtualizer<Ticket>;
  @query('dialog') private dialogElement?: HTMLDialogElement;
  @query('[role="grid"]') private grid?: HTMLElement;

  private store?: ClientStore;
  private unsubscribe?: () => void;
  private ticketSeq = 0;
  private slaSeq = 0;
  private pending = new Set<string>();
  private fullRebuild = false;
  private scheduled = false;
  /** What `order` was computed from: updates find a changed ticket's old place under its old key. */
  private basis?: { entities: Readonly<Record<string, Ticket | undefined>>; slaById: Readonly<Record<string, TicketSla>> };
  /** The order is the store's maintained default queue (view `all`, urgency, no filter). */
  private followsStoreQueue = false;
  /** The running scan of a filtered view; a new scan or a detach ends it. */
  private scan?: { source: readonly Ticket[]; next: number; found: Ticket[]; matches: (t: Ticket, sla: TicketSla | undefined) => boolean; timer?: ReturnType<typeof setTimeout> };
  private anchorId?: string;
  private firstVisible = 0;
  private lastVisible = 0;
  private loadedKey?: string;
  private searchTimer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detach();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reattached: subscribe again on the next update.
    if (this.store) this.requestUpdate();
  }

  private detach() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = undefined;
    this.loadedKey = undefined;
    this.stopScan();
    clearTimeout(this.searchTimer);
  }

  /** What the view shows, for the queue model. */
  private get spec(): QueueSpec {
    return {
      view: this.view,
      ...(this.agentId ? { agentId: this.agentId } : {}),
      filter: this.filter,
      sort: this.sort,
      // Open as the store's queue decides it (the workflows' status categories), so both agree.
      ...(this.store ? { isOpen: this.store.queue.isOpen } : {}),
    };
  }

  /** Whether the view is the store's maintained queue as it stands: every open ticket, most urgent first. */
  private get isDefaultView(): boolean {
    return this.view === 'all' && this.sort === 'urgency' && !FILTER_FIELDS.some((f) => (this.filter[f]?.length ?? 0) > 0) && !this.filter.text;
  }

  private get actor(): Actor {
    const me = this.agents.find((a) => a.id === this.agentId);
    return { kind: 'agent', id: this.agentId, ...(me ? { name: me.publicName ?? me.name, role: me.role } : { role: 'agent' }) };
  }

  protected override willUpdate(changed: PropertyValues): void {
    const client = this.activeClient;
    if (client?.store !== this.store && this.isConnected) {
      this.detach();
      if (client) this.attach();
    } else if (this.store && (changed.has('view') || changed.has('agentId') || changed.has('filter') || changed.has('sort'))) {
      this.rebuild();
      if (changed.has('view') || changed.has('agentId')) this.load();
    }
    if (changed.has('agentId') && client) void this.loadAgents();
  }

  private attach() {
    const client = this.activeClient!;
    const store = client.store;
    this.store = store;
    const state = store.getState();
    this.ticketSeq = state.tickets.changes.seq;
    this.slaSeq = state.sla.changes.seq;
    this.pending.clear();
    this.fullRebuild = false;
    this.unsubscribe = store.subscribe(this.onStoreChange);
    this.rebuild();
    this.load();
    void this.loadAgents();
  }

  private async loadAgents() {
    try {
      this.agents = (await this.activeClient?.agents.list()) ?? [];
    } catch {
      // Without the directory the queue still works; names fall back to ids.
      this.agents = [];
    }
  }

  private load(more = false) {
    const client = this.activeClient;
    if (!client) return;
    const key = `${this.view}:${this.agentId}`;
    if (!more && this.loadedKey === key) return;
    this.loadedKey = key;
    client.queues.load(this.view, { ...(this.agentId ? { agentId: this.agentId } : {}), limit: this.pageSize, more }).then(
      () => this.requestUpdate(),
      () => this.requestUpdate(), // the error is in the queue state, shown with a retry button
    );
    this.requestUpdate();
  }

  /** Follows the store's change journal: the ids each write touched. */
  private onStoreChange = () => {
    const state = this.store!.getState();
    const { tickets, sla } = state;
    if (tickets.changes.seq !== this.ticketSeq) {
      if (tickets.changes.seq === this.ticketSeq + 1) for (const id of tickets.changes.ids) this.pending.add(id);
      else this.fullRebuild = true;
      this.ticketSeq = tickets.changes.seq;
    }
    if (sla.changes.seq !== this.slaSeq) {
      if (sla.changes.seq === this.slaSeq + 1) for (const id of sla.changes.ids) this.pending.add(id);
      else this.fullRebuild = true;
      this.slaSeq = sla.changes.seq;
    }
    if (this.pending.size > FULL_REBUILD_AT) this.fullRebuild = true;
    if (!this.scheduled && (this.pending.size > 0 || this.fullRebuild)) {
      this.scheduled = true;
      queueMicrotask(() => this.applyChanges());
    }
    this.requestUpdate(); // queue state (loading, totals) lives in the store too
  };

  private applyChanges() {
    this.scheduled = false;
    // A filtered view still being scanned takes the changes when the scan ends.
    if (!this.store || this.scan) return;
    const anchor = this.captureAnchor();
    const changed = [...this.pending];
    this.pending.clear();
    if (this.followsStoreQueue) {
      // The store's queue has followed the same journal: take its order as it is now.
      const snapshot = this.store.queue.snapshot();
      this.order = snapshot.order;
      this.basis = snapshot;
      // After a gap in the journal the changed ids are not all known: check every selected one.
      this.forgetGone(this.fullRebuild ? undefined : changed);
      this.fullRebuild = false;
    } else if (this.fullRebuild) {
      this.fullRebuild = false;
      this.rebuild();
    } else {
      const state = this.store.getState();
      const { entities } = state.tickets;
      const slaById = state.sla.byId;
      const basis = this.basis;
      this.order = updateQueue(
        this.order,
        changed,
        (id) => entities[id],
        slaById,
        this.spec,
        basis ? { lookup: (id) => basis.entities[id], slaById: basis.slaById } : undefined,
      );
      this.basis = { entities, slaById };
      this.forgetGone(changed);
    }
    this.updateCounts();
    if (anchor) void this.restoreAnchor(anchor);
  }

  /** Selected or active tickets that left the view leave the selection; the rest stay. `changed` undefined: check them all. */
  private forgetGone(changed: readonly string[] | undefined) {
    if (this.selection.size === 0 && this.activeId === undefined) return;
    const state = this.store!.getState();
    const matches = queueMatcher(this.spec);
    const isGone = (id: string) => {
      const ticket = state.tickets.entities[id];
      return !ticket || !matches(ticket, state.sla.byId[id]);
    };
    const candidates = changed ?? [...this.selection, ...(this.activeId ? [this.activeId] : [])];
    const gone = new Set(candidates.filter((id) => (this.selection.has(id) || id === this.activeId) && isGone(id)));
    if (gone.size === 0) return;
    if ([...this.selection].some((id) => gone.has(id))) this.selection = new Set([...this.selection].filter((id) => !gone.has(id)));
    if (this.activeId && gone.has(this.activeId)) this.activeId = this.order[Math.min(this.firstVisible, this.order.length - 1)]?.id;
  }

  /**
   * Recomputes the view from the store's maintained queue: the default view is that queue
   * itself; a filtered one scans it (already in urgency order) and shows its first rows at
   * once; other orders sort the open tickets it holds.
   */
  private rebuild() {
    const store = this.store!;
    this.stopScan();
    const snapshot = store.queue.snapshot();
    // The store's queue holds open tickets only: no need to ask the workflow again for each.
    const spec: QueueSpec = { ...this.spec, isOpen: () => true };
    this.basis = snapshot;
    this.followsStoreQueue = this.isDefaultView;
    if (this.followsStoreQueue) {
      this.order = snapshot.order;
    } else if (this.sort === 'urgency') {
      this.scan = { source: snapshot.order, next: 0, found: [], matches: queueMatcher(spec) };
      this.scanSlice(FIRST_SCREEN_ROWS);
    } else {
      this.order = orderQueue(snapshot.order, snapshot.slaById, spec);
    }
    this.forgetGone(undefined);
    this.updateCounts();
  }

  /** One slice of a filtered view's scan: until `rows` more rows are found or the slice's time is up. */
  private scanSlice(rows = Infinity) {
    const scan = this.scan!;
    const { source, found, matches } = scan;
    const slaById = this.basis!.slaById;
    const until = performance.now() + SLICE_MS;
    const enough = found.length + rows;
    let i = scan.next;
    while (i < source.length && found.length < enough) {
      const t = source[i++]!;
      if (matches(t, slaById[t.id])) found.push(t);
      if ((i & 255) === 0 && performance.now() > until) break;
    }
    scan.next = i;
    if (i < source.length) {
      // The first rows show at once; the rest arrive together when the scan ends (each new
      // array makes the virtualizer measure its rows again).
      if (rows !== Infinity) this.order = found.slice();
      this.scanning = true;
      scan.timer = setTimeout(() => this.scanSlice(), 0);
      return;
    }
    this.scan = undefined;
    this.scanning = false;
    this.order = found;
    // Changes that came during the scan apply now, against the state it started from.
    if (this.pending.size > 0 || this.fullRebuild) this.applyChanges();
    else this.forgetGone(undefined);
  }

  private stopScan() {
    clearTimeout(this.scan?.timer);
    this.scan = undefined;
    this.scanning = false;
  }

  /** The views' counts: the store's queue keeps them as tickets change. */
  private updateCounts() {
    const counts = this.store!.queue.counts(this.agentId || undefined);
    const have = this.counts;
    if (!have || have.open !== counts.open || have.mine !== counts.mine || have.unassigned !== counts.unassigned || have.breaching !== counts.breaching) this.counts = counts;
  }

  /** The first visible row that did not change, and where it sits, to keep it in place. */
  private captureAnchor(): { id: string; top: number; scrollTop: number } | undefined {
    const scroller = this.virtualizer;
    if (!scroller || scroller.scrollTop === 0) return undefined;
    const rows = scroller.querySelectorAll<HTMLElement>('[role="row"]');
    const top = scroller.getBoundingClientRect().top;
    for (const row of rows) {
      const id = row.dataset.id!;
      const box = row.getBoundingClientRect();
      if (box.bottom > top && !this.pending.has(id)) return { id, top: box.top - top, scrollTop: scroller.scrollTop };
    }
    return undefined;
  }

  private async restoreAnchor(anchor: { id: string; top: number; scrollTop: number }) {
    await this.updateComplete;
    const scroller = this.virtualizer;
    if (!scroller) return;
    await scroller.updateComplete;
    // The virtualizer lays rows out over the next frames and corrects its size estimates as it
    // measures; follow it for a few frames until the anchor row stays put.
    let expected = anchor.scrollTop;
    for (let attempt = 0; attempt < 4; attempt++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      // Scrolled by the agent (or the page) meanwhile: where they went wins over the old anchor.
      if (Math.abs(scroller.scrollTop - expected) > 1) return;
      const row = scroller.querySelector<HTMLElement>(`[data-id="${CSS.escape(anchor.id)}"]`);
      // Not rendered in this frame yet (rows are recycled as data changes): look again next frame.
      if (!row) continue;
      const drift = row.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.top;
      if (Math.abs(drift) < 1) return;
      scroller.scrollTop += drift;
      expected = scroller.scrollTop;
    }
  }

  // ---- selection and keyboard ----

  private indexCache?: { order: readonly Ticket[]; id: string; index: number };

  /** A ticket's place in the order; remembered until the order or the id changes (renders ask often). */
  private indexOf(id: string | undefined): number {
    if (id === undefined) return -1;
    const cached = this.indexCache;
    if (cached && cached.order === this.order && cached.id === id) return cached.index;
    const index = this.searchOrder(id) ?? this.order.findIndex((x) => x.id === id);
    this.indexCache = { order: this.order, id, index };
    return index;
  }

  /** Binary search for a ticket under the order's own key (the order is sorted by what `basis` holds). */
  private searchOrder(id: string): number | undefined {
    const ticket = this.basis?.entities[id];
    if (!ticket) return undefined;
    const compare = queueComparator(this.sort, this.basis!.slaById);
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.order[mid]!, ticket) < 0) lo = mid + 1;
      else hi = mid;
    }
    return this.order[lo]?.id === id ? lo : undefined;
  }

  private moveTo(index: number, extend: boolean) {
    if (this.order.length === 0) return;
    const i = Math.max(0, Math.min(this.order.length - 1, index));
    const id = this.order[i]!.id;
    if (extend) {
      this.selectRange(this.anchorId ?? this.activeId ?? id, id);
    } else {
      this.anchorId = id;
    }
    this.activeId = id;
    if (i < this.firstVisible || i > this.lastVisible) void this.reveal(i);
  }

  /**
   * Scrolls row `index` into view. A far row is not rendered yet: jump near it by its share of
   * the list, let the virtualizer render there, then align the row itself.
   */
  private async reveal(index: number) {
    const scroller = this.virtualizer;
    if (!scroller) return;
    const rendered = () => scroller.querySelector<HTMLElement>(`[aria-rowindex="${index + 2}"]`);
    if (!rendered()) {
      scroller.scrollTop = Math.max(0, (index / this.order.length) * scroller.scrollHeight - scroller.clientHeight / 2);
      for (let frame = 0; frame < 6 && !rendered(); frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    rendered()?.scrollIntoView({ block: 'nearest' });
  }

  private selectRange(fromId: string, toId: string) {
    const a = this.indexOf(fromId);
    const b = this.indexOf(toId);
    if (a < 0 || b < 0) return;
    const next = new Set(this.selection);
    for (let i = Math.min(a, b); i <= Math.max(a, b); i++) next.add(this.order[i]!.id);
    this.selection = next;
  }

  private toggle(id: string) {
    const next = new Set(this.selection);
    if (!next.delete(id)) next.add(id);
    this.selection = next;
    this.anchorId = id;
  }

  private open(id: string) {
    this.activeId = id;
    this.emit('ac-ticket-select', { ticketId: id });
  }

  private onGridKey(e: KeyboardEvent) {
    const current = Math.max(0, this.indexOf(this.activeId));
    const page = Math.max(1, this.lastVisible - this.firstVisible);
    const stop = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        stop();
        this.moveTo(this.activeId === undefined ? 0 : current + 1, e.shiftKey);
        break;
      case 'ArrowUp':
      case 'k':
        stop();
        this.moveTo(current - 1, e.shiftKey);
        break;
      case 'PageDown':
        stop();
        this.moveTo(current + page, e.shiftKey);
        break;
      case 'PageUp':
        stop();
        this.moveTo(current - page, e.shiftKey);
        break;
      case 'Home':
        stop();
        this.moveTo(0, e.shiftKey);
        break;
      case 'End':
        stop();
        this.moveTo(this.order.length - 1, e.shiftKey);
        break;
      case 'Enter':
        if (this.activeId) {
          stop();
          this.open(this.activeId);
        }
        break;
      case ' ':
        stop();
        if (this.activeId === undefined) this.moveTo(0, false);
        if (this.activeId) this.toggle(this.activeId);
        break;
      case 'Escape':
        if (this.selection.size > 0) {
          stop();
          this.selection = new Set();
        }
        break;
      case 'a':
        if (e.ctrlKey || e.metaKey) {
          stop();
          this.selection = new Set(this.order.map(keyOf));
        }
        break;
      default:
    }
  }

  private onRowClick(e: MouseEvent, ticket: Ticket) {
    if ((e.target as HTMLElement).closest('input, button')) return;
    if (e.shiftKey) {
      this.selectRange(this.anchorId ?? ticket.id, ticket.id);
      this.activeId = ticket.id;
      return;
    }
    this.anchorId = ticket.id;
    this.open(ticket.id);
  }

  private onCheckboxClick(e: MouseEvent, ticket: Ticket) {
    e.stopPropagation();
    if (e.shiftKey && this.anchorId) {
      e.preventDefault();
      this.selectRange(this.anchorId, ticket.id);
    } else {
      this.toggle(ticket.id);
    }
    this.activeId = ticket.id;
  }

  // ---- actions ----

  /** Tickets the bulk bar acts on: the selection, in queue order. */
  private get chosen(): Ticket[] {
    const entities = this.store?.getState().tickets.entities ?? {};
    return [...this.selection].map((id) => entities[id]).filter((x): x is Ticket => x !== undefined);
  }

  /** Actions the workflow allows on every chosen ticket, for this agent. */
  private commonActions(tickets: readonly Ticket[]): AvailableAction[] {
    const client = this.activeClient;
    if (!client || tickets.length === 0 || !this.agentId) return [];
    const actor = this.actor;
    let common: AvailableAction[] | undefined;
    for (const ticket of tickets) {
      const allowed = client.workflowFor(ticket).actions(ticket, actor);
      common = common ? common.filter((a) => allowed.some((b) => b.id === a.id)) : allowed;
      if (common.length === 0) break;
    }
    return common ?? [];
  }

  /**
   * Claimability, remembered for the current agent and role: per workflow and status when the
   * workflow's `assign` has only input guards (then nothing else about the ticket matters),
   * else per ticket object. Rows ask on every render, and while scrolling every row is new;
   * `workflow.actions` builds an error for each action it refuses.
   */
  private claimCache?: { agent: string; role: string | undefined; byStatus: WeakMap<Workflow, Map<string, boolean>>; byTicket: WeakMap<Ticket, boolean> };

  private canClaim(ticket: Ticket): boolean {
    const client = this.activeClient;
    if (!client || !this.agentId || ticket.assigneeId === this.agentId) return false;
    const actor = this.actor;
    let cache = this.claimCache;
    if (!cache || cache.agent !== this.agentId || cache.role !== actor.role) {
      cache = this.claimCache = { agent: this.agentId, role: actor.role, byStatus: new WeakMap(), byTicket: new WeakMap() };
    }
    const workflow = client.workflowFor(ticket);
    const assign = workflow.definition.actions.find((a) => a.id === 'assign');
    if (!assign) return false;
    const decide = () => workflow.actions(ticket, actor).some((a) => a.id === 'assign');
    if ((assign.guards ?? []).every((g) => INPUT_ONLY_GUARDS.has(g.kind))) {
      let byStatus = cache.byStatus.get(workflow);
      if (!byStatus) cache.byStatus.set(workflow, (byStatus = new Map()));
      let yes = byStatus.get(ticket.status);
      if (yes === undefined) byStatus.set(ticket.status, (yes = decide()));
      return yes;
    }
    let yes = cache.byTicket.get(ticket);
    if (yes === undefined) cache.byTicket.set(ticket, (yes = decide()));
    return yes;
  }

  private updatedTexts = new Map<string, string>();
  private updatedLocale?: Locale;

  /** A row's update time, formatted once per value (rows come and go while scrolling; Intl formatting is not free). */
  private updatedText(at: string, locale: Locale): string {
    if (this.updatedLocale !== locale || this.updatedTexts.size > UPDATED_CACHE_SIZE) {
      this.updatedTexts.clear();
      this.updatedLocale = locale;
    }
    let text = this.updatedTexts.get(at);
    if (text === undefined) this.updatedTexts.set(at, (text = formatDateTime(Date.parse(at), locale)));
    return text;
  }

  private agentName(id: string | undefined): string {
    if (!id) return t(this.resolvedLocale, 'unassigned');
    const agent = this.agents.find((a) => a.id === id);
    return agent ? agent.name : id;
  }

  private async runAll(ids: readonly string[], act: (id: string) => Promise<unknown>, done: string) {
    const client = this.activeClient;
    if (!client) return;
    this.busy = true;
    const results = await Promise.allSettled(ids.map((id) => act(id)));
    this.busy = false;
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    const locale = this.resolvedLocale;
    const message = failed[0] ? String((failed[0].reason as Error)?.message ?? failed[0].reason) : '';
    if (failed.length === 0) {
      this.announcement = done;
      this.selection = new Set();
    } else if (failed.length === ids.length) {
      this.announcement = t(locale, 'a.failed', { message });
    } else {
      this.announcement = t(locale, 'a.partial', { ok: ids.length - failed.length, failed: failed.length, message });
      // Keep what failed selected, so the agent can retry it.
      const failedIds = new Set(ids.filter((_, i) => results[i]!.status === 'rejected'));
      this.selection = failedIds;
    }
  }

  private claim(ids: readonly string[]) {
    const me = this.agents.find((a) => a.id === this.agentId);
    const name = me ? (me.publicName ?? me.name) : undefined;
    const numbers = this.chosenNumbers(ids);
    return this.runAll(
      ids,
      (id) => this.activeClient!.tickets.assign(id, { assigneeId: this.agentId, ...(name ? { assigneeName: name } : {}) }, this.actOptions()),
      ids.length === 1 ? t(this.resolvedLocale, 'a.claimed', { number: numbers[0] ?? '' }) : t(this.resolvedLocale, 'a.assigned', { n: ids.length, name: name ?? this.agentId }),
    );
  }

  private assign(ids: readonly string[], agentId: string) {
    const agent = this.agents.find((a) => a.id === agentId);
    return this.runAll(
      ids,
      (id) => this.activeClient!.tickets.assign(id, { assigneeId: agentId, ...(agent ? { assigneeName: agent.publicName ?? agent.name } : {}) }, this.actOptions()),
      t(this.resolvedLocale, 'a.assigned', { n: ids.length, name: agent?.name ?? agentId }),
    );
  }

  private transition(ids: readonly string[], action: AvailableAction, note?: string) {
    const locale = this.resolvedLocale;
    return this.runAll(
      ids,
      (id) => this.activeClient!.tickets.transition(id, { action: action.id, ...(note ? { note } : {}) }, this.actOptions()),
      t(locale, 'a.transitioned', { action: action.labels[locale], n: ids.length }),
    );
  }

  /** Who acts: this element's agent (the client checks it against its directory). */
  private actOptions(): { agentId?: string } {
    return this.agentId ? { agentId: this.agentId } : {};
  }

  private chosenNumbers(ids: readonly string[]): string[] {
    const entities = this.store?.getState().tickets.entities ?? {};
    return ids.map((id) => entities[id]?.number ?? id);
  }

  private async openAssign(ids: string[]) {
    this.dialog = { kind: 'assign', ids };
    await this.updateComplete;
    this.dialogElement?.showModal();
    const suggest = this.activeClient?.tickets.suggestAssignee;
    if (ids.length === 1 && suggest) {
      try {
        const result = await suggest(ids[0]!);
        if (this.dialog?.kind === 'assign' && this.dialog.ids === ids) {
          this.dialog = {
            ...this.dialog,
            suggestion: {
              ...(result.assignee ? { assignee: result.assignee } : {}),
              explanation: result.trace.explanation,
              candidates: result.trace.candidates,
              ...(result.trace.queued ? { queued: result.trace.queued } : {}),
            },
          };
        }
      } catch {
        // No suggestion: the agent picks by hand.
      }
    }
  }

  private async openNote(ids: string[], action: AvailableAction) {
    this.dialog = { kind: 'note', ids, action };
    await this.updateComplete;
    this.dialogElement?.showModal();
  }

  private closeDialog() {
    this.dialogElement?.close();
    this.dialog = undefined;
    this.grid?.focus();
  }

  private async onDialogSubmit(e: SubmitEvent) {
    e.preventDefault();
    const dialog = this.dialog;
    if (!dialog) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    if (dialog.kind === 'assign') {
      const agentId = String(data.get('agent') ?? '');
      if (!agentId) return;
      this.closeDialog();
      await this.assign(dialog.ids, agentId);
    } else {
      const note = String(data.get('note') ?? '').trim();
      if (!note) {
        form.querySelector('textarea')?.setAttribute('aria-invalid', 'true');
        return;
      }
      this.closeDialog();
      await this.transition(dialog.ids, dialog.action, note);
    }
  }

  private onBulkAction(e: Event) {
    const select = e.target as HTMLSelectElement;
    const id = select.value;
    select.value = '';
    const ids = [...this.selection];
    const action = this.commonActions(this.chosen).find((a) => a.id === id);
    if (!action) return;
    if (action.id === 'assign' || action.requires.includes('assignee')) void this.openAssign(ids);
    else if (action.requires.includes('note')) void this.openNote(ids, action);
    else void this.transition(ids, action);
  }

  // ---- filters ----

  private setFilter(field: FilterField | 'text', value: string) {
    const next: QueueFilter = { ...this.filter };
    if (field === 'text') {
      if (value) next.text = value;
      else delete next.text;
    } else if (value) {
      (next as Record<string, readonly string[]>)[field] = [value];
    } else {
      delete next[field];
    }
    this.filter = next;
  }

  private onSearchInput(e: Event) {
    const value = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.setFilter('text', value.trim()), 200);
  }

  /** The values a filter can take: fixed lists, or what the loaded tickets hold. */
  private filterOptions(field: FilterField): Array<[string, string]> {
    const locale = this.resolvedLocale;
    const entities = Object.values(this.store?.getState().tickets.entities ?? {}) as Ticket[];
    const distinct = (pick: (x: Ticket) => Array<string | undefined>) => {
      const values = new Set<string>();
      for (const x of entities) for (const v of pick(x)) if (v) values.add(v);
      return [...values].sort();
    };
    switch (field) {
      case 'statuses': {
        const sample = entities[0];
        const workflow = sample && this.activeClient ? this.activeClient.workflowFor(sample) : undefined;
        return distinct((x) => [x.status]).map((s) => [s, workflow?.status(s) ? workflow.label(s, 'agent', locale) : s]);
      }
      case 'priorities':
        return [...PRIORITIES].reverse().map((p) => [p, t(locale, `p.${p}`)]);
      case 'channels':
        return CHANNELS.map((c) => [c, t(locale, `ch.${c}`)]);
      case 'types':
        return distinct((x) => [x.type]).map((v) => [v, this.typeLabel(v, locale)]);
      case 'tiers':
        return distinct((x) => [x.customer.tier]).map((v) => [v, this.tierLabel(v, locale)]);
      case 'groupIds':
        return distinct((x) => [x.groupId]).map((v) => [v, v]);
      case 'tags':
        return distinct((x) => x.tags).map((v) => [v, v]);
      default:
        return distinct((x) => [x.product?.model]).map((v) => [v, v]);
    }
  }

  private typeLabel(type: string, locale: Locale): string {
    const key = `type.${type}` as Parameters<typeof formStrings>[1];
    const label = formStrings(locale, key);
    return label === key || label === undefined ? type : label;
  }

  private tierLabel(tier: string, locale: Locale): string {
    return tier === 'vip' || tier === 'standard' ? t(locale, `tier.${tier}`) : tier;
  }

  // ---- rendering ----

  override render() {
    const locale = this.resolvedLocale;
    const client = this.activeClient;
    const queueState = this.store ? selectQueueState(this.store.getState(), this.view, this.agentId || undefined) : undefined;
    return html`
      ${this.renderToolbar(locale)} ${this.filtersOpen ? this.renderFilters(locale) : nothing} ${this.renderBulk(locale)}
      ${!client
        ? html`<p class="status">${t(locale, 'loading')}</p>`
        : this.layout === 'board'
          ? this.renderBoard(locale)
          : this.renderList(locale, (queueState?.status === 'loading' || this.scanning) && this.order.length === 0)}
      ${this.renderFooter(locale, queueState)} ${this.renderDialog(locale)}
      <div class="sr" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderToolbar(locale: Locale) {
    const counts = this.counts;
    const count = (v: QueueView) => (counts ? { mine: counts.mine, unassigned: counts.unassigned, all: counts.open, breaching: counts.breaching }[v] : undefined);
    const activeFilters = FILTER_FIELDS.filter((f) => (this.filter[f]?.length ?? 0) > 0).length;
    return html`<div part="toolbar" class="toolbar">
      <div role="group" aria-label=${t(locale, 'views')} class="views">
        ${VIEWS.map(
          (v) =>
            html`<button type="button" class="secondary" aria-pressed=${String(this.view === v)} @click=${() => (this.view = v)}>
              ${t(locale, `view.${v}`)}${count(v) !== undefined ? html` <span class="count">${count(v)}</span>` : nothing}
            </button>`,
        )}
      </div>
      <label class="search"
        ><span class="sr">${t(locale, 'search')}</span
        ><input type="search" placeholder=${t(locale, 'searchHint')} aria-label=${t(locale, 'search')} .value=${this.filter.text ?? ''} @input=${this.onSearchInput}
      /></label>
      <button type="button" class="secondary" aria-expanded=${String(this.filtersOpen)} aria-controls="filters" @click=${() => (this.filtersOpen = !this.filtersOpen)}>
        ${t(locale, 'filters')}${activeFilters ? html` <span class="count">${activeFilters}</span>` : nothing}
      </button>
      <label class="inline"
        >${t(locale, 'sort')}
        <select @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as QueueSort)}>
          ${SORTS.map((s) => html`<option value=${s} ?selected=${this.sort === s}>${t(locale, `sort.${s}`)}</option>`)}
        </select></label
      >
      <div role="group" aria-label=${t(locale, 'layout')} class="views">
        ${(['list', 'board'] as const).map(
          (l) => html`<button type="button" class="secondary" aria-pressed=${String(this.layout === l)} @click=${() => (this.layout = l)}>${t(locale, `layout.${l}`)}</button>`,
        )}
      </div>
      ${this.layout === 'board'
        ? html`<label class="inline"
            >${t(locale, 'boardBy')}
            <select @change=${(e: Event) => (this.boardBy = (e.target as HTMLSelectElement).value as 'status' | 'group')}>
              <option value="status" ?selected=${this.boardBy === 'status'}>${t(locale, 'boardBy.status')}</option>
              <option value="group" ?selected=${this.boardBy === 'group'}>${t(locale, 'boardBy.group')}</option>
            </select></label
          >`
        : nothing}
    </div>`;
  }

  private renderFilters(locale: Locale) {
    return html`<fieldset id="filters" part="filters" class="filters">
      <legend class="sr">${t(locale, 'filters')}</legend>
      ${FILTER_FIELDS.map(
        (field) =>
          html`<label
            >${t(locale, FILTER_LABEL[field])}
            <select @change=${(e: Event) => this.setFilter(field, (e.target as HTMLSelectElement).value)}>
              <option value="">${t(locale, 'any')}</option>
              ${this.filterOptions(field).map(([value, label]) => html`<option value=${value} ?selected=${this.filter[field]?.[0] === value}>${label}</option>`)}
            </select></label
          >`,
      )}
      <button type="button" class="secondary" @click=${() => (this.filter = this.filter.text ? { text: this.filter.text } : {})}>${t(locale, 'clearFilters')}</button>
    </fieldset>`;
  }

  private renderBulk(locale: Locale) {
    // The bar keeps its place when nothing is selected, so selecting never shifts the list.
    if (this.selection.size === 0) return html`<div class="bulk idle"><span class="hint">${t(locale, 'selectHint')}</span></div>`;
    const chosen = this.chosen;
    const ids = chosen.map(keyOf);
    const actions = this.commonActions(chosen);
    const claimable = chosen.length > 0 && chosen.every((x) => this.canClaim(x));
    const transitions = actions.filter((a) => !a.requires.includes('schedule'));
    return html`<div part="bulk" class="bulk" role="toolbar" aria-label=${t(locale, 'selected', { n: this.selection.size })}>
      <strong>${t(locale, 'selected', { n: this.selection.size })}</strong>
      ${claimable ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.claim(ids)}>${t(locale, 'claim')}</button>` : nothing}
      ${actions.some((a) => a.id === 'assign')
        ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.openAssign(ids)}>${t(locale, 'assignTo')}</button>`
        : nothing}
      ${transitions.length > 0
        ? html`<label class="inline"
            >${t(locale, 'transition')}
            <select ?disabled=${this.busy} @change=${this.onBulkAction}>
              <option value="">${t(locale, 'chooseAction')}</option>
              ${transitions.filter((a) => a.id !== 'assign').map((a) => html`<option value=${a.id}>${a.labels[locale]}</option>`)}
            </select></label
          >`
        : nothing}
      <button type="button" class="secondary" @click=${() => (this.selection = new Set())}>${t(locale, 'clearSelection')}</button>
    </div>`;
  }

  private renderList(locale: Locale, loading: boolean) {
    const filtered = FILTER_FIELDS.some((f) => (this.filter[f]?.length ?? 0) > 0) || Boolean(this.filter.text);
    const activeIndex = this.indexOf(this.activeId);
    const activeRendered = activeIndex >= this.firstVisible - 2 && activeIndex <= this.lastVisible + 2 && activeIndex >= 0;
    return html`<div
      part="grid"
      role="grid"
      tabindex="0"
      aria-label=${`${t(locale, 'label')}: ${t(locale, `view.${this.view}`)}`}
      aria-rowcount=${this.order.length + 1}
      aria-multiselectable="true"
      aria-describedby="keys"
      aria-activedescendant=${activeRendered ? `row-${this.activeId}` : nothing}
      @keydown=${this.onGridKey}
      @rangeChanged=${this.onRangeChanged}
      @focus=${() => {
        if (this.activeId === undefined && this.order.length > 0) this.activeId = this.order[Math.min(this.firstVisible, this.order.length - 1)]!.id;
      }}
    >
      <div role="rowgroup" class="head">
        <div role="row" aria-rowindex="1" class="row">
          ${(['select', 'number', 'subject', 'customer', 'status', 'priority', 'assignee', 'sla', 'updated', 'actions'] as const).map(
            (c) => html`<span role="columnheader" class=${`c-${c}`}>${c === 'select' ? html`<span class="sr">${t(locale, 'col.select')}</span>` : t(locale, `col.${c}`)}</span>`,
          )}
        </div>
      </div>
      ${this.order.length === 0
        ? html`<div role="rowgroup" class="rows empty">
            <div role="row"><span role="gridcell">${loading ? t(locale, 'loading') : filtered ? t(locale, 'emptyFiltered') : t(locale, 'empty')}</span></div>
          </div>`
        : html`<lit-virtualizer
            scroller
            role="rowgroup"
            class="rows"
            .items=${this.order}
            .renderItem=${this.renderItem}
            @visibilityChanged=${(e: Event & { first: number; last: number }) => {
              this.firstVisible = e.first;
              this.lastVisible = e.last;
              // aria-activedescendant may only name a rendered row.
              if (this.activeId !== undefined) this.requestUpdate();
            }}
          ></lit-virtualizer>`}
    </div>
    <p id="keys" class="sr">${t(locale, 'keys')}</p>`;
  }

  private renderItem = (ticket: Ticket, index: number): TemplateResult => this.renderRow(ticket, index);

  /** On the grid, in the capture phase: before the virtualizer itself hears of the new range and renders it. */
  private onRangeChanged = {
    capture: true,
    handleEvent: (e: Event) => {
      if ((e.target as Element).localName === 'lit-virtualizer') walkChildrenOncePerLayout(e.target as Element);
    },
  };

  protected override updated(changed: PropertyValues): void {
    // Row content depends on more than the ticket (selection, active row, names, locale): the
    // virtualizer redraws its visible rows — only those — when any of it changes.
    if (['selection', 'activeId', 'agents', 'busy', 'locale', 'providerLocale'].some((k) => changed.has(k))) this.virtualizer?.requestUpdate();
  }

  private renderRow(ticket: Ticket, index: number): TemplateResult {
    const locale = this.resolvedLocale;
    const selected = this.selection.has(ticket.id);
    const client = this.activeClient;
    const workflow = client?.workflowFor(ticket);
    const tier = ticket.customer.tier;
    return html`<div
      role="row"
      part="row"
      id=${`row-${ticket.id}`}
      data-id=${ticket.id}
      aria-rowindex=${index + 2}
      aria-selected=${String(selected)}
      class=${`row${ticket.id === this.activeId ? ' active' : ''}${selected ? ' selected' : ''}`}
      @click=${(e: MouseEvent) => this.onRowClick(e, ticket)}
    >
      <span role="gridcell" class="c-select"
        ><input
          type="checkbox"
          tabindex="-1"
          aria-label=${t(locale, 'selectRow', { number: ticket.number })}
          .checked=${selected}
          @click=${(e: MouseEvent) => this.onCheckboxClick(e, ticket)}
      /></span>
      <span role="gridcell" class="c-number">${ticket.number}</span>
      <span role="gridcell" class="c-subject">${ticket.subject}</span>
      <span role="gridcell" class="c-customer"
        >${ticket.customer.name}${tier && tier !== 'standard' ? html` <span class="tier" data-tier=${tier}>${this.tierLabel(tier, locale)}</span>` : nothing}</span
      >
      <span role="gridcell" class="c-status"
        ><span class="status-label" data-category=${workflow?.status(ticket.status) ? workflow.category(ticket.status) : 'open'}
          >${workflow?.status(ticket.status) ? workflow.label(ticket.status, 'agent', locale) : ticket.status}</span
        ></span
      >
      <span role="gridcell" class="c-priority" data-priority=${ticket.priority}>${t(locale, `p.${ticket.priority}`)}</span>
      <span role="gridcell" class="c-assignee">${this.agentName(ticket.assigneeId)}</span>
      <span role="gridcell" class="c-sla"><ac-sla-badge ticket-id=${ticket.id} locale=${locale} .client=${client}></ac-sla-badge></span>
      <span role="gridcell" class="c-updated"><time datetime=${ticket.updatedAt}>${this.updatedText(ticket.updatedAt, locale)}</time></span>
      <span role="gridcell" class="c-actions"
        >${ticket.assigneeId === undefined && this.canClaim(ticket)
          ? html`<button type="button" class="secondary" tabindex="-1" aria-label=${t(locale, 'claimNamed', { number: ticket.number })} ?disabled=${this.busy} @click=${() => this.claim([ticket.id])}>
              ${t(locale, 'claim')}
            </button>`
          : nothing}</span
      >
    </div>`;
  }

  private renderBoard(locale: Locale) {
    const columns = new Map<string, Ticket[]>();
    const byStatus = this.boardBy === 'status';
    const sample = this.order[0];
    const workflow = sample && this.activeClient ? this.activeClient.workflowFor(sample) : undefined;
    // Status columns in the workflow's order, so the board reads left to right like the process.
    if (byStatus && workflow) for (const s of workflow.definition.statuses) if (this.spec.isOpen!({ ...sample!, status: s.id })) columns.set(s.id, []);
    for (const ticket of this.order) {
      const key = byStatus ? ticket.status : (ticket.groupId ?? '');
      let list = columns.get(key);
      if (!list) columns.set(key, (list = []));
      list.push(ticket);
    }
    const title = (key: string) => (byStatus ? (workflow?.status(key) ? workflow.label(key, 'agent', locale) : key) : key || t(locale, 'noGroup'));
    return html`<div part="board" class="board">
      ${[...columns].map(
        ([key, tickets]) => html`<section part="column" class="column" aria-labelledby=${`col-${key || 'none'}`}>
          <h3 id=${`col-${key || 'none'}`}>${title(key)} <span class="count">${t(locale, 'backlog', { n: tickets.length })}</span></h3>
          <ul role="list">
            ${tickets.slice(0, BOARD_CARDS).map(
              (ticket) => html`<li part="card" class="card" data-priority=${ticket.priority}>
                <button type="button" class="card-open" @click=${() => this.open(ticket.id)}>
                  <span class="c-number">${ticket.number}</span> <span class="c-subject">${ticket.subject}</span>
                </button>
                <span class="meta"
                  ><span class="c-priority" data-priority=${ticket.priority}>${t(locale, `p.${ticket.priority}`)}</span>
                  <ac-sla-badge ticket-id=${ticket.id} locale=${locale} .client=${this.activeClient}></ac-sla-badge>
                  <span>${this.agentName(ticket.assigneeId)}</span></span
                >
              </li>`,
            )}
          </ul>
          ${tickets.length > BOARD_CARDS
            ? html`<button
                type="button"
                class="link"
                @click=${() => {
                  this.filter = byStatus ? { ...this.filter, statuses: [key] } : { ...this.filter, groupIds: [key] };
                  this.layout = 'list';
                }}
              >
                ${t(locale, 'showAll', { n: tickets.length })}
              </button>`
            : nothing}
        </section>`,
      )}
    </div>`;
  }

  private renderFooter(locale: Locale, queueState: ReturnType<typeof selectQueueState> | undefined) {
    if (!queueState) return nothing;
    return html`<div part="footer" class="footer">
      ${queueState.status === 'error'
        ? html`<p class="error" role="alert">
            ${t(locale, 'error', { message: queueState.error?.message ?? '' })}
            <button type="button" @click=${() => this.load(true)}>${t(locale, 'retry')}</button>
          </p>`
        : nothing}
      <span>${t(locale, 'showing', { shown: this.order.length, total: Math.max(queueState.total, this.order.length) })}</span>
      ${queueState.next
        ? html`<button type="button" ?disabled=${queueState.status === 'loading'} @click=${() => this.load(true)}>${t(locale, 'loadMore')}</button>`
        : nothing}
    </div>`;
  }

  private renderDialog(locale: Locale) {
    const dialog = this.dialog;
    return html`<dialog
      aria-labelledby="dialog-title"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.closeDialog();
      }}
    >
      ${dialog?.kind === 'assign'
        ? html`<form @submit=${this.onDialogSubmit}>
            <h2 id="dialog-title">${t(locale, 'assignTo')} <span class="hint">${t(locale, 'a.count', { n: dialog.ids.length })}</span></h2>
            <label
              >${t(locale, 'chooseAgent')}
              <select name="agent" required>
                ${this.agents.map(
                  (a) =>
                    html`<option value=${a.id} ?selected=${dialog.suggestion?.assignee === a.id}>
                      ${a.name}${dialog.suggestion?.assignee === a.id ? t(locale, 'suggested') : ''}
                    </option>`,
                )}
              </select></label
            >
            ${dialog.suggestion ? this.renderSuggestion(locale, dialog.suggestion) : nothing}
            <div class="actions">
              <button type="submit">${t(locale, 'assign')}</button>
              <button type="button" class="secondary" @click=${() => this.closeDialog()}>${t(locale, 'cancel')}</button>
            </div>
          </form>`
        : dialog?.kind === 'note'
          ? html`<form @submit=${this.onDialogSubmit}>
              <h2 id="dialog-title">${t(locale, 'noteFor', { action: dialog.action.labels[locale] })}</h2>
              <label>${t(locale, 'note')} <textarea name="note" required rows="3"></textarea></label>
              <div class="actions">
                <button type="submit">${t(locale, 'apply')}</button>
                <button type="button" class="secondary" @click=${() => this.closeDialog()}>${t(locale, 'cancel')}</button>
              </div>
            </form>`
          : nothing}
    </dialog>`;
  }

  private renderSuggestion(locale: Locale, s: Suggestion) {
    return html`<section class="suggestion" aria-labelledby="suggestion-title">
      <h3 id="suggestion-title">${t(locale, 'suggestion')}</h3>
      ${s.assignee ? nothing : html`<p>${t(locale, 'noSuggestion')}</p>`}
      ${s.explanation.length > 0 ? html`<p class="hint">${s.explanation.join(' ')}</p>` : nothing}
      ${s.candidates.length > 0
        ? html`<ul>
            ${s.candidates.map(
              (c) =>
                html`<li>
                  <strong>${this.agentName(c.agentId)}</strong> — ${c.chosen ? t(locale, 'chosen') : c.reason ? t(locale, `drop.${c.reason}` as Parameters<typeof t>[1]) : ''}${c.detail
                    ? html` <span class="hint">(${c.detail})</span>`
                    : nothing}
                </li>`,
            )}
          </ul>`
        : nothing}
    </section>`;
  }
}
