import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientActions, compileTextQuery, createClientStore, orderQueue, queueMatcher, selectQueue, updateQueue, type QueueSpec, type Ticket, type TicketSla } from '../../src/index.js';
import { createQueueIndex } from '../../src/client/queue-index.js';
import { queueTickets } from '../support/queue-tickets.js';
import { seededRandom } from '../support/seeded-random.js';

const { tickets, sla } = queueTickets(3000);
const byId = new Map(tickets.map((t) => [t.id, t]));
const ids = (list: readonly Ticket[]) => list.map((t) => t.id);

/** Random edits to random tickets: new priority, status, group, update time and SLA, or removal. */
function randomChanges(random: () => number, current: Map<string, Ticket>, currentSla: Record<string, TicketSla>, round: number, most: number): string[] {
  const changed: string[] = [];
  const n = 1 + Math.floor(random() * most);
  for (let k = 0; k < n; k++) {
    const t = tickets[Math.floor(random() * tickets.length)]!;
    const roll = random();
    if (roll < 0.15) {
      current.delete(t.id);
      delete currentSla[t.id];
    } else {
      const at = new Date(Date.parse('2026-11-23T02:00:00.000Z') + round * 1000).toISOString();
      current.set(t.id, { ...t, priority: (['low', 'normal', 'high', 'urgent'] as const)[Math.floor(random() * 4)]!, status: roll < 0.3 ? 'resolved' : t.status, groupId: roll < 0.4 ? 'install' : 'repair', updatedAt: at });
      const state = (['breached', 'warning', 'running', 'paused'] as const)[Math.floor(random() * 4)]!;
      currentSla[t.id] = { state, dueAt: Date.parse(at) + Math.floor((random() - 0.5) * 1e6) };
    }
    changed.push(t.id);
  }
  return changed;
}

describe('queue views and filters', () => {
  it('mine, unassigned, all and breaching hold open tickets only, as the store selector does', () => {
    const state = { tickets: { ids: tickets.map((t) => t.id), entities: Object.fromEntries(byId) }, sla: { byId: sla } } as never;
    for (const view of ['mine', 'unassigned', 'all', 'breaching'] as const) {
      const ours = orderQueue(tickets, sla, { view, agentId: 'agent-3' });
      assert.deepEqual(ids(ours), ids(selectQueue(state, view, 'agent-3')), view);
      assert.ok(ours.length > 0, view);
      assert.ok(ours.every((t) => t.status !== 'resolved' && t.status !== 'closed'));
    }
    assert.ok(orderQueue(tickets, sla, { view: 'mine', agentId: 'agent-3' }).every((t) => t.assigneeId === 'agent-3'));
    assert.deepEqual(orderQueue(tickets, sla, { view: 'mine' }), [], 'mine without an agent is empty');
    assert.ok(orderQueue(tickets, sla, { view: 'breaching' }).every((t) => ['warning', 'breached'].includes(sla[t.id]!.state!)));
  });

  it('every filter field narrows; alternatives within a field widen', () => {
    const all = orderQueue(tickets, sla, { view: 'all' });
    const cases: Array<[QueueSpec['filter'], (t: Ticket) => boolean]> = [
      [{ statuses: ['pending_customer'] }, (t) => t.status === 'pending_customer'],
      [{ priorities: ['urgent', 'high'] }, (t) => t.priority === 'urgent' || t.priority === 'high'],
      [{ groupIds: ['billing'] }, (t) => t.groupId === 'billing'],
      [{ channels: ['wechat'] }, (t) => t.channel === 'wechat'],
      [{ tiers: ['vip'] }, (t) => t.customer.tier === 'vip'],
      [{ tags: ['回访'] }, (t) => t.tags.includes('回访')],
      [{ productModels: ['KFR-35GW'] }, (t) => t.product?.model === 'KFR-35GW'],
      [{ types: ['repair'] }, () => true],
      [{ types: ['complaint'] }, () => false],
      [{ priorities: ['urgent'], tiers: ['vip'] }, (t) => t.priority === 'urgent' && t.customer.tier === 'vip'],
    ];
    for (const [filter, expected] of cases) {
      const got = orderQueue(tickets, sla, { view: 'all', filter });
      assert.deepEqual(ids(got), ids(all.filter(expected)), JSON.stringify(filter));
    }
  });

  it('free text finds Chinese by character pairs, English by stemmed word and the word being typed by prefix', () => {
    const count = (text: string) => orderQueue(tickets, sla, { view: 'all', filter: { text } }).length;
    const open = orderQueue(tickets, sla, { view: 'all' });
    assert.equal(count('发票'), open.filter((t) => t.subject.includes('发票')).length);
    assert.ok(count('发票') > 0);
    assert.equal(count('漏水 洗衣机'), open.filter((t) => t.subject.includes('洗衣机漏水')).length);
    assert.equal(count('printers jam'), open.filter((t) => t.subject.startsWith('Printer jams')).length, 'stemmed');
    assert.equal(count('flick'), open.filter((t) => t.subject.includes('flickers')).length, 'prefix of the last word');
    assert.equal(count('kfr-35gw'), open.filter((t) => t.product?.model === 'KFR-35GW').length, 'model code');
    assert.equal(count('AC-000042'), open.some((t) => t.number === 'AC-000042') ? 1 : 0);
    assert.equal(count('發票'), count('发票'), 'traditional characters fold to simplified');
    assert.equal(count('冰箱 refund'), 0, 'every term must occur');
    assert.equal(compileTextQuery('  ，。 '), undefined);
  });

  it('a custom isOpen decides what counts as open', () => {
    const spec: QueueSpec = { view: 'all', isOpen: (t) => t.status === 'closed' };
    assert.ok(queueMatcher(spec)(tickets.find((t) => t.status === 'closed')!, undefined));
    assert.ok(orderQueue(tickets, sla, spec).every((t) => t.status === 'closed'));
  });
});

describe('queue order', () => {
  const urgency = (s: TicketSla | undefined) => ({ breached: 0, warning: 1, running: 2, paused: 3, met: 4 })[s?.state ?? 'met'];
  const rank = { urgent: 0, high: 1, normal: 2, low: 3 };

  it('urgency: breached, warning, then soonest due, then priority, then oldest', () => {
    const list = orderQueue(tickets, sla, { view: 'all' });
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      const [sa, sb] = [sla[a.id], sla[b.id]];
      const key = (t: Ticket, s: TicketSla | undefined) => [urgency(s), s?.dueAt ?? Infinity, rank[t.priority], t.createdAt] as const;
      const [ka, kb] = [key(a, sa), key(b, sb)];
      const cmp = ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || (ka[3] < kb[3] ? -1 : ka[3] > kb[3] ? 1 : 0);
      assert.ok(cmp <= 0, `${a.id} before ${b.id}`);
    }
  });

  it('priority, age and updated orders', () => {
    const p = orderQueue(tickets, sla, { view: 'all', sort: 'priority' });
    for (let i = 1; i < p.length; i++) assert.ok(rank[p[i - 1]!.priority] <= rank[p[i]!.priority]);
    const age = orderQueue(tickets, sla, { view: 'all', sort: 'age' });
    for (let i = 1; i < age.length; i++) assert.ok(age[i - 1]!.createdAt <= age[i]!.createdAt);
    const updated = orderQueue(tickets, sla, { view: 'all', sort: 'updated' });
    for (let i = 1; i < updated.length; i++) assert.ok(updated[i - 1]!.updatedAt >= updated[i]!.updatedAt);
  });

  it('updateQueue after changes gives exactly the order a full recompute gives', () => {
    const random = seededRandom(11);
    for (const sort of ['urgency', 'priority', 'age', 'updated'] as const) {
      const spec: QueueSpec = { view: 'all', sort, filter: { groupIds: ['repair', 'billing'] } };
      const current = new Map(byId);
      const currentSla = { ...sla };
      let order = orderQueue(current.values(), currentSla, spec);
      for (let round = 0; round < 40; round++) {
        const changed = randomChanges(random, current, currentSla, round, 5);
        order = updateQueue(order, changed, (id) => current.get(id), currentSla, spec);
        assert.deepEqual(ids(order), ids(orderQueue(current.values(), currentSla, spec)), `${sort} round ${round}`);
      }
    }
  });

  it('updateQueue with the previous state finds old places by binary search and gives the same order, for few changes and many', () => {
    const random = seededRandom(23);
    for (const sort of ['urgency', 'priority', 'age', 'updated'] as const) {
      for (const spec of [{ view: 'all', sort }, { view: 'unassigned', sort, filter: { groupIds: ['repair', 'billing'] } }] as QueueSpec[]) {
        let current = new Map(byId);
        let currentSla = { ...sla };
        let order = orderQueue(current.values(), currentSla, spec);
        for (let round = 0; round < 30; round++) {
          const before = current;
          const slaBefore = currentSla;
          current = new Map(current);
          currentSla = { ...currentSla };
          // Mostly a few changes (spliced), sometimes dozens (merged).
          const changed = randomChanges(random, current, currentSla, round, round % 5 === 4 ? 60 : 4);
          order = updateQueue(order, changed, (id) => current.get(id), currentSla, spec, { lookup: (id) => before.get(id), slaById: slaBefore });
          assert.deepEqual(ids(order), ids(orderQueue(current.values(), currentSla, spec)), `${spec.view} ${sort} round ${round}`);
        }
      }
    }
  });
});

describe('the maintained default queue', () => {
  const spec: QueueSpec = { view: 'all' };
  const countsOf = (list: Iterable<Ticket>, bySla: Record<string, TicketSla>, agentId: string) => {
    const open = [...list].filter((t) => t.status !== 'resolved' && t.status !== 'closed');
    return {
      open: open.length,
      unassigned: open.filter((t) => t.assigneeId === undefined).length,
      mine: open.filter((t) => t.assigneeId === agentId).length,
      breaching: open.filter((t) => ['warning', 'breached'].includes(bySla[t.id]?.state ?? '')).length,
    };
  };

  it('follows the store through upserts, removals and SLA changes with exactly the order and counts a full recompute gives', async () => {
    const random = seededRandom(5);
    const store = createClientStore();
    store.dispatch(clientActions.tickets.upserted(tickets));
    store.dispatch(clientActions.sla.evaluated({ now: 0, byId: sla }));
    const check = (label: string) => {
      const state = store.getState();
      const all = Object.values(state.tickets.entities) as Ticket[];
      assert.deepEqual(ids(store.queue.snapshot().order), ids(orderQueue(all, state.sla.byId, spec)), label);
      assert.deepEqual(store.queue.counts('agent-3'), countsOf(all, state.sla.byId, 'agent-3'), label);
    };
    check('after the bulk load');
    for (let round = 0; round < 60; round++) {
      const state = store.getState();
      const current = new Map(Object.entries(state.tickets.entities) as Array<[string, Ticket]>);
      const currentSla = { ...state.sla.byId };
      const changed = randomChanges(random, current, currentSla, round, round % 10 === 9 ? 40 : 3);
      const gone = changed.filter((id) => !current.has(id) && state.tickets.entities[id]);
      const kept = [...new Set(changed)].filter((id) => current.has(id)).map((id) => ({ ...current.get(id)!, revision: (state.tickets.entities[id]?.revision ?? 0) + 1 }));
      if (gone.length > 0) store.dispatch(clientActions.tickets.removed(gone));
      if (kept.length > 0) store.dispatch(clientActions.tickets.upserted(kept));
      if (round % 3 === 0) check(`round ${round}, tickets only`);
      const bySla = Object.fromEntries(kept.map((t) => [t.id, currentSla[t.id]!]));
      store.dispatch(clientActions.sla.evaluated({ now: 0, byId: bySla }));
      check(`round ${round}`);
    }
    // A write nobody followed step by step (several at once) is recomputed on the next read.
    await Promise.resolve();
    check('after the microtask');
    store.dispose();
  });

  it('recomputes after a gap in the journal or a write too big to follow, and a custom isOpen decides what is open', () => {
    const index = createQueueIndex((t) => t.status === 'closed');
    const state = (list: readonly Ticket[], seq: number, bySla: Record<string, TicketSla>) => ({
      tickets: { entities: Object.fromEntries(list.map((t) => [t.id, t])), ids: list.map((t) => t.id), changes: { seq, ids: list.slice(0, 1).map((t) => t.id) } },
      sla: { byId: bySla, changes: { seq: 0, ids: [] } },
    });
    const first = state(tickets.slice(0, 1000), 1, sla);
    const closed = (list: readonly Ticket[]) => ids(orderQueue(list, sla, { view: 'all', isOpen: (t) => t.status === 'closed' }));
    assert.deepEqual(ids(index.snapshot(first).order), closed(tickets.slice(0, 1000)));
    // Seq 1 → 3: a write was missed, so the order is recomputed, not patched.
    const later = state(tickets.slice(500, 2000), 3, sla);
    assert.equal(index.follow(later), false);
    assert.deepEqual(ids(index.snapshot(later).order), closed(tickets.slice(500, 2000)));
    assert.equal(index.counts(later).open, tickets.slice(500, 2000).filter((t) => t.status === 'closed').length);
  });
});
