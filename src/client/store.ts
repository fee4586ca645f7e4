import {
  configureStore,
  createEntityAdapter,
  createListenerMiddleware,
  createSelector,
  createSlice,
  type PayloadAction,
} from '@reduxjs/toolkit';
import type { Audience, Priority } from '../model/constants.js';
import { ticketTimeline } from '../model/timeline.js';
import type { Ticket, TicketEvent } from '../model/types.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import { evaluateSla } from '../sla/evaluate.js';
import type { SlaMetric, SlaPolicy } from '../sla/policy.js';
import { slaStatement, ticketSlaOf, type TicketSla } from '../sla/statement.js';
import { createQueueIndex, type QueueCounts, type QueueSnapshot } from './queue-index.js';
import { clearTimer, setTimer, type TimerHandle } from './timers.js';
import type { OutboxEntry } from './types.js';

export type { TicketSla };

/** Queues an agent works from. */
export type QueueView = 'mine' | 'unassigned' | 'all' | 'breaching';

export const ticketsAdapter = createEntityAdapter<Ticket>();

const ticketsSlice = createSlice({
  name: 'tickets',
  initialState: ticketsAdapter.getInitialState({
    /** Tickets waiting in the outbox (provisional, not yet confirmed by the server): id → idempotency key. */
    queued: {} as Record<string, string>,
    /**
     * The ids the latest write touched, numbered: views over many tickets (the agent queue)
     * follow `seq` and update just those rows instead of re-reading every ticket.
     */
    changes: { seq: 0, ids: [] as string[] },
  }),
  reducers: {
    upserted(state, action: PayloadAction<Ticket[]>) {
      // An older copy never replaces a newer one (a slow poll after a local write).
      const fresh = action.payload.filter((t) => {
        const have = state.entities[t.id];
        return !have || have.revision <= t.revision;
      });
      // Replaced whole, not merged: a field the server cleared (an assignee, a resolution) must go.
      ticketsAdapter.setMany(state, fresh);
      state.changes = { seq: state.changes.seq + 1, ids: fresh.map((t) => t.id) };
    },
    removed(state, action: PayloadAction<string[]>) {
      ticketsAdapter.removeMany(state, action.payload);
      for (const id of action.payload) delete state.queued[id];
      state.changes = { seq: state.changes.seq + 1, ids: action.payload };
    },
    queued(state, action: PayloadAction<{ ticket: Ticket; key: string }>) {
      ticketsAdapter.setOne(state, action.payload.ticket);
      state.queued[action.payload.ticket.id] = action.payload.key;
      state.changes = { seq: state.changes.seq + 1, ids: [action.payload.ticket.id] };
    },
    /** The server confirmed a queued ticket: the provisional copy gives way to the real one. */
    sent(state, action: PayloadAction<{ provisionalId: string; ticket: Ticket }>) {
      const { provisionalId, ticket } = action.payload;
      delete state.queued[provisionalId];
      if (provisionalId !== ticket.id) ticketsAdapter.removeOne(state, provisionalId);
      const have = state.entities[ticket.id];
      if (!have || have.revision <= ticket.revision) ticketsAdapter.setOne(state, ticket);
      state.changes = { seq: state.changes.seq + 1, ids: provisionalId === ticket.id ? [ticket.id] : [provisionalId, ticket.id] };
    },
  },
});

const slaSlice = createSlice({
  name: 'sla',
  initialState: {
    now: 0,
    byId: {} as Record<string, TicketSla>,
    /** The tickets the latest evaluation changed, numbered like `tickets.changes`. */
    changes: { seq: 0, ids: [] as string[] },
  },
  reducers: {
    evaluated(state, action: PayloadAction<{ now: number; byId: Record<string, TicketSla> }>) {
      state.now = Math.max(state.now, action.payload.now);
      Object.assign(state.byId, action.payload.byId);
      state.changes = { seq: state.changes.seq + 1, ids: Object.keys(action.payload.byId) };
    },
  },
  extraReducers: (builder) => {
    // A ticket that leaves the store takes its clocks with it (else its past deadline would wake the timer forever).
    builder.addCase(ticketsSlice.actions.removed, (state, action) => {
      for (const id of action.payload) delete state.byId[id];
    });
    builder.addCase(ticketsSlice.actions.sent, (state, action) => {
      if (action.payload.provisionalId !== action.payload.ticket.id) delete state.byId[action.payload.provisionalId];
    });
  },
});

/** What the client knows of one queue view loaded from the backend. */
export interface QueueState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Ids in the backend's order, pages appended. */
  ids: string[];
  /** Matching tickets on the backend. */
  total: number;
  /** Cursor of the next page, when there is one. */
  next?: string;
  error?: ErrorInfo;
  /** Epoch ms of the last load. */
  loadedAt?: number;
}

/** The key of a queue view in `state.queues`: `mine:agent-1`, `unassigned`, … */
export function queueKey(view: QueueView, agentId?: string): string {
  return view === 'mine' ? `mine:${agentId ?? ''}` : view;
}

const queuesSlice = createSlice({
  name: 'queues',
  initialState: {} as Record<string, QueueState>,
  reducers: {
    loading(state, action: PayloadAction<string>) {
      const q = state[action.payload];
      if (q) q.status = 'loading';
      else state[action.payload] = { status: 'loading', ids: [], total: 0 };
    },
    loaded(state, action: PayloadAction<{ key: string; ids: string[]; total: number; next?: string; append: boolean; at: number }>) {
      const { key, ids, total, next, append, at } = action.payload;
      const before = append ? (state[key]?.ids ?? []) : [];
      state[key] = { status: 'ready', ids: [...before, ...ids.filter((id) => !before.includes(id))], total, loadedAt: at, ...(next ? { next } : {}) };
    },
    failed(state, action: PayloadAction<{ key: string; error: ErrorInfo }>) {
      const q = state[action.payload.key] ?? { ids: [], total: 0, status: 'error' };
      state[action.payload.key] = { ...q, status: 'error', error: action.payload.error };
    },
  },
});

/** Errors as plain data (Redux state must be serialisable). */
export interface ErrorInfo {
  code: string;
  message: string;
}

const outboxSlice = createSlice({
  name: 'outbox',
  initialState: {
    entries: [] as Array<Pick<OutboxEntry, 'key' | 'op' | 'ticketId' | 'state' | 'attempts' | 'notBefore' | 'lastError' | 'createdAt'>>,
    /** Whether queued writes survive a reload (IndexedDB) or live only in this page. */
    durable: true,
    storageError: undefined as ErrorInfo | undefined,
  },
  reducers: {
    changed(state, action: PayloadAction<OutboxEntry[]>) {
      state.entries = action.payload.map(({ key, op, ticketId, state: s, attempts, notBefore, lastError, createdAt }) => ({
        key,
        op,
        ticketId,
        state: s,
        attempts,
        notBefore,
        createdAt,
        ...(lastError ? { lastError } : {}),
      }));
    },
    storageFailed(state, action: PayloadAction<ErrorInfo>) {
      state.durable = false;
      state.storageError = action.payload;
    },
  },
});

const connectionSlice = createSlice({
  name: 'connection',
  initialState: {
    mode: 'local' as 'local' | 'remote',
    online: true,
    syncing: false,
    cursor: undefined as string | undefined,
    lastSyncAt: undefined as number | undefined,
    error: undefined as ErrorInfo | undefined,
  },
  reducers: {
    modeSet(state, action: PayloadAction<'local' | 'remote'>) {
      state.mode = action.payload;
    },
    onlineChanged(state, action: PayloadAction<boolean>) {
      state.online = action.payload;
    },
    syncStarted(state) {
      state.syncing = true;
    },
    synced(state, action: PayloadAction<{ cursor: string; at: number }>) {
      state.syncing = false;
      state.cursor = action.payload.cursor;
      state.lastSyncAt = action.payload.at;
      state.error = undefined;
    },
    failed(state, action: PayloadAction<ErrorInfo>) {
      state.syncing = false;
      state.error = action.payload;
    },
  },
});

/** Actions of the client store, for integrators who drive it in tests or extend it. */
export const clientActions = {
  tickets: ticketsSlice.actions,
  sla: slaSlice.actions,
  outbox: outboxSlice.actions,
  connection: connectionSlice.actions,
  queues: queuesSlice.actions,
};

/** The SLA summary of one ticket at `now`. */
export function summarizeSla(ticket: Ticket, policies: readonly SlaPolicy[], calendars: Record<string, BusinessCalendar>, now: number): TicketSla {
  if (policies.length === 0) return {};
  const evaluation = evaluateSla(ticket, policies, { calendars, now });
  if (!evaluation) return {};
  const calendarId = policies.find((p) => p.id === evaluation.policyId)?.calendarId;
  return {
    ...ticketSlaOf(slaStatement(evaluation, now)),
    ...(calendarId !== undefined ? { calendarId } : {}),
    ...(evaluation.nextChangeAt ? { nextChangeAt: Date.parse(evaluation.nextChangeAt) } : {}),
  };
}

/** What the client store needs from its client. */
export interface ClientStoreOptions {
  policies?: readonly SlaPolicy[];
  calendars?: Record<string, BusinessCalendar>;
  now?: () => number;
  /** Timer functions (injectable for tests); default the global ones. */
  setTimeout?: (fn: () => void, ms: number) => TimerHandle;
  clearTimeout?: (handle: TimerHandle) => void;
  /** Whether a ticket is open (in agents' queues); default: not `resolved` or `closed`. The client passes its workflows' status categories. */
  isOpen?: (ticket: Ticket) => boolean;
}

/**
 * The Redux store of one client. A listener re-evaluates the SLA of every ticket that
 * changes, and one timer wakes the store at the next SLA moment of any ticket (a warning,
 * a breach) — never a poll over every ticket.
 */
export function createClientStore(options: ClientStoreOptions = {}) {
  const policies = options.policies ?? [];
  const calendars = options.calendars ?? {};
  const now = options.now ?? (() => Date.now());
  const set = options.setTimeout ?? setTimer;
  const clear = options.clearTimeout ?? clearTimer;
  const listener = createListenerMiddleware();

  const store = configureStore({
    reducer: {
      tickets: ticketsSlice.reducer,
      sla: slaSlice.reducer,
      outbox: outboxSlice.reducer,
      connection: connectionSlice.reducer,
      queues: queuesSlice.reducer,
    },
    middleware: (getDefault) => getDefault({ serializableCheck: false, immutableCheck: false }).prepend(listener.middleware),
  });

  // The default queue follows every write; after a big one it is recomputed once, in a
  // microtask, so bulk writes in a row (tickets, then their SLA) cost one sort.
  const queue = createQueueIndex(options.isOpen ?? isOpen);
  let queueRebuild = false;
  const unsubscribeQueue = store.subscribe(() => {
    if (queue.follow(store.getState() as ClientState) || queueRebuild) return;
    queueRebuild = true;
    // A microtask (the core has no DOM or Node globals: a resolved promise).
    void Promise.resolve().then(() => {
      queueRebuild = false;
      queue.snapshot(store.getState() as ClientState);
    });
  });

  let timer: TimerHandle;
  let timerAt: number | undefined;
  const schedule = () => {
    const state = store.getState() as ClientState;
    let next: number | undefined;
    for (const [id, s] of Object.entries(state.sla.byId)) {
      if (s.nextChangeAt !== undefined && state.tickets.entities[id] && (next === undefined || s.nextChangeAt < next)) next = s.nextChangeAt;
    }
    if (next === timerAt) return;
    if (timer !== undefined) clear(timer);
    timer = undefined;
    timerAt = next;
    if (next === undefined) return;
    // Timers cap at about 24.8 days; a later moment is reached in steps.
    const ms = Math.min(Math.max(0, next - now()), 2 ** 31 - 1);
    timer = set(() => {
      timer = undefined;
      timerAt = undefined;
      evaluateDue();
    }, ms);
  };
  /** Re-evaluates every ticket whose next SLA moment has come. */
  const evaluateDue = () => {
    const at = now();
    const s = store.getState() as ClientState;
    const due = Object.entries(s.sla.byId).filter(([id, v]) => v.nextChangeAt !== undefined && v.nextChangeAt <= at && s.tickets.entities[id]).map(([id]) => id);
    if (due.length > 0) evaluate(due, at);
    else schedule();
  };
  const evaluate = (ids: readonly string[], at: number) => {
    const state = store.getState() as ClientState;
    const byId: Record<string, TicketSla> = {};
    for (const id of ids) {
      const t = state.tickets.entities[id];
      if (t) byId[id] = summarizeSla(t, policies, calendars, at);
    }
    store.dispatch(slaSlice.actions.evaluated({ now: at, byId }));
    schedule();
  };

  if (policies.length > 0) {
    listener.startListening({
      matcher: (a): a is PayloadAction<unknown> =>
        ticketsSlice.actions.upserted.match(a) || ticketsSlice.actions.queued.match(a) || ticketsSlice.actions.sent.match(a),
      effect: (action) => {
        const p = action.payload as Ticket[] | { ticket: Ticket };
        evaluate(Array.isArray(p) ? p.map((t) => t.id) : [p.ticket.id], now());
      },
    });
    listener.startListening({ actionCreator: ticketsSlice.actions.removed, effect: () => schedule() });
  }

  return Object.assign(store, {
    /** The client's clock (epoch ms): what SLA states and countdowns are measured against. */
    now,
    /**
     * Business minutes from `at` until a ticket's SLA is due (its earliest running clock, or
     * `metric`'s), on the policy's calendar: negative once overdue, undefined without a clock.
     * Countdowns call this on every tick instead of re-evaluating the whole SLA.
     */
    businessMinutesLeft(ticketId: string, at: number = now(), metric?: SlaMetric): number | undefined {
      const sla = (store.getState() as ClientState).sla.byId[ticketId];
      const due = metric ? sla?.metrics?.[metric]?.dueAt : sla?.dueAt;
      if (sla === undefined || due === undefined) return undefined;
      const calendar = sla.calendarId === undefined ? undefined : calendars[sla.calendarId];
      return calendar ? calendar.minutesBetween(at, due) : (due - at) / 60_000;
    },
    /**
     * Brings SLA states up to the clock now: tickets whose warning or breach moment has passed
     * are re-evaluated. The store's timer does this on time; countdowns call it when they see
     * a moment pass first (a throttled background tab, a device waking from sleep, a test's clock).
     */
    evaluateDue,
    /**
     * The agents' default queue, kept in order as tickets change: every open ticket, most
     * urgent first (as `orderQueue` with `{ view: 'all' }`), and the views' counts. A queue
     * opens on it without sorting; other views filter it.
     */
    queue: {
      /** Whether a ticket is open, as the queue decides it. */
      isOpen: queue.isOpen,
      /** The order now, and the state it reflects. */
      snapshot: (): QueueSnapshot => queue.snapshot(store.getState() as ClientState),
      /** Open tickets per view now; `mine` is `agentId`'s. */
      counts: (agentId?: string): QueueCounts => queue.counts(store.getState() as ClientState, agentId),
    },
    /** Stops the SLA timer and the listeners. */
    dispose() {
      if (timer !== undefined) clear(timer);
      timer = undefined;
      listener.clearListeners();
      unsubscribeQueue();
    },
  });
}

/** The client store. */
export type ClientStore = ReturnType<typeof createClientStore>;
/** The client store's state. */
export interface ClientState {
  tickets: ReturnType<typeof ticketsSlice.reducer>;
  sla: ReturnType<typeof slaSlice.reducer>;
  outbox: ReturnType<typeof outboxSlice.reducer>;
  connection: ReturnType<typeof connectionSlice.reducer>;
  queues: ReturnType<typeof queuesSlice.reducer>;
}

const entitySelectors = ticketsAdapter.getSelectors((s: ClientState) => s.tickets);
const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
const SLA_RANK: Record<string, number> = { breached: 0, warning: 1, running: 2, paused: 3, met: 4 };
const isOpen = (t: Ticket) => t.status !== 'resolved' && t.status !== 'closed';

/** Every ticket the client holds. */
export const selectAllTickets = entitySelectors.selectAll;
/** One ticket, or undefined. */
export const selectTicket = (state: ClientState, id: string): Ticket | undefined => entitySelectors.selectById(state, id);
/** A ticket's SLA summary. */
export const selectTicketSla = (state: ClientState, id: string): TicketSla | undefined => state.sla.byId[id];
/** Whether a ticket waits in the outbox. */
export const selectIsQueued = (state: ClientState, id: string): boolean => id in state.tickets.queued;

/** The events `audience` may see; customers never get internal ones. */
export const selectTimeline = createSelector(
  [(state: ClientState, id: string) => entitySelectors.selectById(state, id), (_: ClientState, __: string, audience: Audience) => audience],
  (ticket, audience): TicketEvent[] => (ticket ? ticketTimeline(ticket, audience) : []),
);

/**
 * An agent's queue, most urgent first: breached, then warning, then by SLA due time,
 * then priority, then oldest. `breaching` holds tickets in warning or breached.
 */
export const selectQueue = createSelector(
  [
    selectAllTickets,
    (state: ClientState) => state.sla.byId,
    (_: ClientState, view: QueueView) => view,
    (_: ClientState, __: QueueView, agentId?: string) => agentId,
  ],
  (tickets, sla, view, agentId): Ticket[] => {
    const chosen = tickets.filter((t) => {
      if (!isOpen(t)) return false;
      switch (view) {
        case 'mine':
          return agentId !== undefined && t.assigneeId === agentId;
        case 'unassigned':
          return t.assigneeId === undefined;
        case 'breaching': {
          const s = sla[t.id]?.state;
          return s === 'warning' || s === 'breached';
        }
        default:
          return true;
      }
    });
    const key = (t: Ticket) => sla[t.id];
    return chosen.sort((a, b) => {
      const sa = key(a);
      const sb = key(b);
      return (
        (SLA_RANK[sa?.state ?? 'met'] ?? 5) - (SLA_RANK[sb?.state ?? 'met'] ?? 5) ||
        (sa?.dueAt ?? Infinity) - (sb?.dueAt ?? Infinity) ||
        PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id)
      );
    });
  },
);

/** Counts for tabs and badges. */
export const selectCounts = createSelector(
  [selectAllTickets, (state: ClientState) => state.sla.byId, (_: ClientState, agentId?: string) => agentId],
  (tickets, sla, agentId) => {
    const byStatus: Record<string, number> = {};
    let mine = 0;
    let unassigned = 0;
    let open = 0;
    let breaching = 0;
    for (const t of tickets) {
      byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
      if (!isOpen(t)) continue;
      open += 1;
      if (t.assigneeId === undefined) unassigned += 1;
      else if (t.assigneeId === agentId) mine += 1;
      const s = sla[t.id]?.state;
      if (s === 'warning' || s === 'breached') breaching += 1;
    }
    return { byStatus, open, mine, unassigned, breaching };
  },
);

/** Loading state of a queue view (`client.queues.load`): status, total on the backend, next page. */
export const selectQueueState = (state: ClientState, view: QueueView, agentId?: string): QueueState =>
  state.queues[queueKey(view, agentId)] ?? { status: 'idle', ids: [], total: 0 };
