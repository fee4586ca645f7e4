// The agents' default queue kept in order as tickets change, outside Redux: every open ticket,
// most urgent first, and the view counts. Sorting 100,000 tickets when a queue opens costs
// about 100 ms; keeping the order as the store's change journal reports each write costs work
// in proportion to the write, so a queue opens on an order that is already there.
import type { Ticket } from '../model/types.js';
import { orderQueue, updateQueue, type QueueSpec } from './queue-model.js';
import type { TicketSla } from './store.js';

/** What the index reads from the store's state. */
export interface QueueIndexSource {
  tickets: { entities: Readonly<Record<string, Ticket | undefined>>; ids: readonly string[]; changes: { seq: number; ids: readonly string[] } };
  sla: { byId: Readonly<Record<string, TicketSla>>; changes: { seq: number; ids: readonly string[] } };
}

/** Open tickets per view, as the queue's tabs show them. */
export interface QueueCounts {
  open: number;
  mine: number;
  unassigned: number;
  breaching: number;
}

/** The default queue at one moment, with what it was computed from. */
export interface QueueSnapshot {
  /** Open tickets, most urgent first (`orderQueue` with `{ view: 'all' }` and the index's `isOpen`). Never mutated: a change gives a new array. */
  order: readonly Ticket[];
  /** The tickets and SLA summaries the order reflects (the store state's own objects). */
  entities: Readonly<Record<string, Ticket | undefined>>;
  slaById: Readonly<Record<string, TicketSla>>;
  /** The change journal positions the order reflects. */
  ticketSeq: number;
  slaSeq: number;
}

/** A maintained default queue: see {@link createQueueIndex}. */
export interface QueueIndex {
  /** Whether a ticket counts as open (in queues): the same test the order uses. */
  readonly isOpen: (ticket: Ticket) => boolean;
  /** The order as of `state` (catching up with its journal first). */
  snapshot(state: QueueIndexSource): QueueSnapshot;
  /** Counts as of `state`; `mine` is `agentId`'s. */
  counts(state: QueueIndexSource, agentId?: string): QueueCounts;
  /**
   * Follows the journal to `state` when that is a small step; answers false when the index is
   * stale (a big write, a gap) and waits for the next read to recompute.
   */
  follow(state: QueueIndexSource): boolean;
}

/** More changed tickets than this in one write (a load, an import): recompute rather than update. */
export const QUEUE_REBUILD_AT = 2000;

const isBreaching = (sla: TicketSla | undefined) => sla?.state === 'warning' || sla?.state === 'breached';

/**
 * A default queue that follows the store's change journal (`state.tickets.changes`,
 * `state.sla.changes`). Small writes update the order and counts at once (`updateQueue` with
 * the previous state, so each change is found by binary search); a big write, or a gap in the
 * journal, marks it stale and it is recomputed once when next read — several bulk writes in a
 * row cost one sort.
 */
export function createQueueIndex(isOpen: (ticket: Ticket) => boolean): QueueIndex {
  const spec: QueueSpec = { view: 'all', isOpen };
  let current: QueueSnapshot | undefined;
  let open = 0;
  let unassigned = 0;
  let breaching = 0;
  const byAssignee = new Map<string, number>();

  const count = (t: Ticket | undefined, sla: TicketSla | undefined, sign: 1 | -1) => {
    if (!t || !isOpen(t)) return;
    open += sign;
    if (t.assigneeId === undefined) unassigned += sign;
    else byAssignee.set(t.assigneeId, (byAssignee.get(t.assigneeId) ?? 0) + sign);
    if (isBreaching(sla)) breaching += sign;
  };

  const rebuild = (state: QueueIndexSource): QueueSnapshot => {
    const { entities, ids } = state.tickets;
    const slaById = state.sla.byId;
    const tickets: Ticket[] = [];
    open = unassigned = breaching = 0;
    byAssignee.clear();
    for (const id of ids) {
      const t = entities[id];
      if (!t) continue;
      tickets.push(t);
      count(t, slaById[id], 1);
    }
    return { order: orderQueue(tickets, slaById, spec), entities, slaById, ticketSeq: state.tickets.changes.seq, slaSeq: state.sla.changes.seq };
  };

  /** The ids changed between the snapshot and `state`, or undefined when the journal has a gap or too many. */
  const changedSince = (from: QueueSnapshot, state: QueueIndexSource): Set<string> | undefined => {
    const ticketSteps = state.tickets.changes.seq - from.ticketSeq;
    const slaSteps = state.sla.changes.seq - from.slaSeq;
    if (ticketSteps > 1 || slaSteps > 1 || ticketSteps < 0 || slaSteps < 0) return undefined;
    const ids = new Set<string>();
    if (ticketSteps === 1) for (const id of state.tickets.changes.ids) ids.add(id);
    if (slaSteps === 1) for (const id of state.sla.changes.ids) ids.add(id);
    return ids.size > QUEUE_REBUILD_AT ? undefined : ids;
  };

  const apply = (from: QueueSnapshot, ids: ReadonlySet<string>, state: QueueIndexSource): QueueSnapshot => {
    const { entities } = state.tickets;
    const slaById = state.sla.byId;
    for (const id of ids) {
      count(from.entities[id], from.slaById[id], -1);
      count(entities[id], slaById[id], 1);
    }
    const order = updateQueue(from.order, ids, (id) => entities[id], slaById, spec, { lookup: (id) => from.entities[id], slaById: from.slaById });
    return { order, entities, slaById, ticketSeq: state.tickets.changes.seq, slaSeq: state.sla.changes.seq };
  };

  let stale = true;
  // Journal positions, not object identity: a write that changed nothing still moves `seq`.
  const caughtUp = (from: QueueSnapshot, state: QueueIndexSource) => from.ticketSeq === state.tickets.changes.seq && from.slaSeq === state.sla.changes.seq;
  const upToDate = (state: QueueIndexSource): QueueSnapshot => {
    if (current && !stale && caughtUp(current, state)) return current;
    const ids = current && !stale ? changedSince(current, state) : undefined;
    current = ids ? apply(current!, ids, state) : rebuild(state);
    stale = false;
    return current;
  };

  return {
    isOpen,
    snapshot: upToDate,
    counts(state, agentId) {
      upToDate(state);
      return { open, unassigned, breaching, mine: agentId === undefined ? 0 : (byAssignee.get(agentId) ?? 0) };
    },
    follow(state) {
      if (stale || !current) return false;
      if (caughtUp(current, state)) return true;
      const ids = changedSince(current, state);
      if (ids) current = apply(current, ids, state);
      else stale = true;
      return !stale;
    },
  };
}
