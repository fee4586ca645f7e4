import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createClient,
  createAutomation,
  createCalendar,
  createClientStore,
  clientActions,
  ConflictError,
  createRouter,
  memoryStorage,
  NotFoundError,
  selectCounts,
  selectQueue,
  selectTimeline,
  ValidationError,
  WorkflowError,
  type ClientEvent,
  type NotificationEffect,
  type SlaPolicy,
} from '../../src/index.js';
import { buildAgent, buildTicket, buildTicketInput } from '../../src/testing/index.js';

const T0 = Date.parse('2026-11-23T02:00:00.000Z'); // Monday 10:00 in Shanghai
const fixedClock = (start = T0) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('createClient in local mode (memory storage)', () => {
  it('creates a numbered ticket with an access token, stores it first and tells subscribers', async () => {
    const clock = fixedClock();
    const client = createClient({ storage: 'memory', now: clock.now, numberFormat: { timeZone: 'Asia/Shanghai' } });
    const events: ClientEvent[] = [];
    client.subscribe((e) => events.push(e));
    const r = await client.tickets.create(buildTicketInput());
    assert.equal(r.status, 'created');
    assert.equal(r.ticket.number, 'AC-20261123-0001');
    assert.ok(r.status === 'created' && r.accessToken.length >= 32);
    assert.equal(client.getState().tickets.ids.length, 1);
    assert.ok(events.some((e) => e.type === 'ticket-changed' && e.ticket.id === r.ticket.id));
    // The token goes to the caller only: state is what devtools, persistence and logs see.
    assert.ok(r.status === 'created' && !JSON.stringify(client.getState()).includes(r.accessToken));
    const second = await client.tickets.create(buildTicketInput({ subject: '洗衣机漏水' }));
    assert.equal(second.ticket.number, 'AC-20261123-0002');
    await client.close();
  });

  it('announces each local write once, though it also comes back through the storage watch', async () => {
    const client = createClient({ storage: 'memory', now: fixedClock().now });
    const changed: string[] = [];
    client.subscribe((e) => e.type === 'ticket-changed' && changed.push(`${e.ticket.id}@${e.ticket.revision}`));
    const r = await client.tickets.create(buildTicketInput());
    await client.tickets.transition(r.ticket.id, { action: 'assign', assigneeId: 'agent-1' });
    await client.tickets.get(r.ticket.id);
    // The storage watch reads back asynchronously: let it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(changed, [`${r.ticket.id}@1`, `${r.ticket.id}@2`]);
    await client.close();
  });

  it('makes one ticket for one idempotency key, however often and however concurrently it is submitted', async () => {
    const storage = memoryStorage();
    const client = createClient({ storage });
    const input = buildTicketInput();
    const [a, b] = await Promise.all([client.tickets.create(input, { idempotencyKey: 'draft-1' }), client.tickets.create(input, { idempotencyKey: 'draft-1' })]);
    const c = await client.tickets.create(input, { idempotencyKey: 'draft-1' });
    assert.equal(a.ticket.id, b.ticket.id);
    assert.equal(a.ticket.id, c.ticket.id);
    assert.equal((await storage.list({})).total, 1);
    await client.close();
  });

  it('refuses bad input with a ValidationError listing the fields, and stores nothing', async () => {
    const storage = memoryStorage();
    const client = createClient({ storage });
    await assert.rejects(
      client.tickets.create({ ...buildTicketInput(), subject: '', customer: { name: '', contact: {} } } as never),
      (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path === 'subject') && e.issues.some((i) => i.path.startsWith('customer')),
    );
    assert.equal((await storage.list({})).total, 0);
    await client.close();
  });

  it('gives customers their ticket by access token without internal notes, and nothing for a wrong token', async () => {
    const client = createClient({ storage: 'memory' });
    const created = await client.tickets.create(buildTicketInput());
    assert.ok(created.status === 'created');
    const id = created.ticket.id;
    await client.tickets.note(id, { body: '客户脾气大，内部备注' });
    await client.tickets.reply(id, { body: '您好，师傅明天上门' });
    const view = await client.tickets.get(id, { accessToken: created.accessToken });
    assert.ok(view.events.every((e) => e.visibility === 'public'));
    assert.ok(!JSON.stringify(view).includes('内部备注'));
    assert.ok(JSON.stringify(view).includes('师傅明天上门'));
    await assert.rejects(client.tickets.get(id, { accessToken: 'not-the-token' }), NotFoundError);
    await assert.rejects(client.tickets.get('no-such-id'), NotFoundError);
    // The agent's own view keeps the note.
    assert.ok(JSON.stringify(await client.tickets.get(id)).includes('内部备注'));
    await client.close();
  });

  it('walks a ticket through the workflow and refuses what is not allowed', async () => {
    const client = createClient({ storage: 'memory', actor: { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' } });
    const { ticket } = await client.tickets.create(buildTicketInput());
    const assigned = await client.tickets.assign(ticket.id, { assigneeId: 'agent-1', assigneeName: '王工' });
    assert.equal(assigned.status, 'assigned');
    assert.equal((await client.tickets.transition(ticket.id, { action: 'start' })).status, 'in_progress');
    await assert.rejects(client.tickets.transition(ticket.id, { action: 'close' }), (e: unknown) => e instanceof WorkflowError && e.code === 'INVALID_TRANSITION');
    await assert.rejects(client.tickets.transition(ticket.id, { action: 'resolve' }), (e: unknown) => e instanceof WorkflowError && e.code === 'GUARD_FAILED');
    const current = client.getState().tickets.entities[ticket.id]!;
    await assert.rejects(client.tickets.transition(ticket.id, { action: 'resolve', note: 'x' }, { expectedRevision: current.revision - 1 }), (e: unknown) => e instanceof ConflictError);
    const resolved = await client.tickets.transition(ticket.id, { action: 'resolve', note: '更换了传感器' }, { expectedRevision: current.revision });
    assert.equal(resolved.status, 'resolved');
    const rated = await client.tickets.rate(ticket.id, { score: 5, comment: '很满意' });
    assert.equal(rated.satisfaction?.score, 5);
    await assert.rejects(client.tickets.rate(ticket.id, { score: 4 }), (e: unknown) => e instanceof WorkflowError && e.code === 'ALREADY_RATED');
    assert.equal(client.getState().tickets.entities[ticket.id]?.status, rated.status);
    await client.close();
  });

  it('routes new tickets to an available agent with the rules given', async () => {
    const router = createRouter({ rules: [{ id: 'all', actions: { group: 'repair', strategy: 'least_loaded' } }] });
    const agents = [buildAgent({ id: 'agent-1' }), buildAgent({ id: 'agent-2', status: 'offline' })];
    const client = createClient({ storage: 'memory', router, agents });
    const { ticket } = await client.tickets.create(buildTicketInput());
    assert.equal(ticket.assigneeId, 'agent-1');
    assert.equal(ticket.groupId, 'repair');
    assert.equal(ticket.status, 'assigned');
    await client.close();
  });

  it('shows a ticket created by one client live in another client on the same storage', async () => {
    const storage = memoryStorage();
    const customer = createClient({ storage });
    const agent = createClient({ storage });
    await agent.ready;
    const seen = new Promise<string>((resolve) => agent.subscribe((e) => e.type === 'ticket-changed' && resolve(e.ticket.subject)));
    await customer.tickets.create(buildTicketInput({ subject: '热水器不出热水' }));
    assert.equal(await seen, '热水器不出热水');
    assert.equal(selectQueue(agent.getState(), 'all').length, 1);
    await customer.close();
    await agent.close();
  });

  it('lists with filters and paging, and rejects a bad query', async () => {
    const client = createClient({ storage: 'memory' });
    for (let i = 0; i < 5; i++) await client.tickets.create(buildTicketInput({ subject: `工单 ${i}`, priority: i % 2 ? 'high' : 'normal' }));
    const page = await client.tickets.list({ priority: 'high', limit: 1 });
    assert.equal(page.total, 2);
    assert.equal(page.tickets.length, 1);
    assert.ok(page.next);
    const rest = await client.tickets.list({ priority: 'high', limit: 1, cursor: page.next! });
    assert.notEqual(rest.tickets[0]!.id, page.tickets[0]!.id);
    await assert.rejects(client.tickets.list({ limit: 0 }), ValidationError);
    await assert.rejects(client.tickets.list({ sort: 'random' as never }), ValidationError);
    await client.close();
  });

  it('searches knowledge articles through the client', async () => {
    const client = createClient({ storage: 'memory', knowledge: [{ id: 'kb-1', title: '空调不制冷怎么办', body: '检查滤网是否堵塞，确认模式为制冷。' }] });
    const hits = await client.knowledge.search('空调 制冷');
    assert.equal(hits[0]?.id, 'kb-1');
    await client.close();
  });
});

describe('client store', () => {
  const policy: SlaPolicy = { id: 'default', targets: { first_response: 60 } };

  it('orders the queue by SLA urgency and counts tabs', () => {
    const store = createClientStore({ policies: [policy], now: () => Date.parse('2026-11-22T01:50:00.000Z'), setTimeout: () => 0, clearTimeout: () => {} });
    const older = { ...buildTicket({ subject: 'old' }), id: 'old', createdAt: '2026-11-22T00:30:00.000Z', events: buildTicket().events.map((e) => ({ ...e, at: '2026-11-22T00:30:00.000Z' })) };
    const newer = { ...buildTicket({ subject: 'new', priority: 'urgent' }), id: 'new' };
    const mine = { ...buildTicket({}, [['assign', { assigneeId: 'agent-1' }]]), id: 'mine' };
    store.dispatch(clientActions.tickets.upserted([newer, older, mine]));
    const state = store.getState();
    assert.deepEqual(selectQueue(state, 'all').map((t) => t.id)[0], 'old'); // breached first
    assert.equal(state.sla.byId.old?.state, 'breached');
    assert.deepEqual(selectQueue(state, 'breaching').map((t) => t.id).sort(), ['mine', 'new', 'old'].filter((id) => ['warning', 'breached'].includes(state.sla.byId[id]!.state!)).sort());
    assert.deepEqual(selectQueue(state, 'mine', 'agent-1').map((t) => t.id), ['mine']);
    assert.deepEqual(selectQueue(state, 'unassigned').map((t) => t.id).sort(), ['new', 'old']);
    const counts = selectCounts(state, 'agent-1');
    assert.equal(counts.open, 3);
    assert.equal(counts.mine, 1);
    assert.equal(counts.unassigned, 2);
    store.dispose();
  });

  it('wakes up exactly at the next warning instead of polling, and then shows the warning', () => {
    const ticket = buildTicket();
    let now = Date.parse(ticket.createdAt);
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const store = createClientStore({ policies: [policy], now: () => now, setTimeout: (fn, ms) => (timers.push({ fn, ms }), timers.length), clearTimeout: () => {} });
    store.dispatch(clientActions.tickets.upserted([ticket]));
    assert.equal(store.getState().sla.byId[ticket.id]?.state, 'running');
    const timer = timers.at(-1)!;
    assert.equal(timer.ms, 48 * 60_000); // 80% of 60 minutes
    now += timer.ms;
    timer.fn();
    assert.equal(store.getState().sla.byId[ticket.id]?.state, 'warning');
    assert.equal(timers.at(-1)!.ms, 12 * 60_000); // next: the breach
    store.dispose();
  });

  it('gives customers a timeline without internal events', () => {
    const store = createClientStore();
    const base = buildTicket();
    const note = { ...base.events[0]!, id: 'n1', type: 'note' as const, visibility: 'internal' as const, data: { body: 'secret', mentions: [], attachments: [] } };
    store.dispatch(clientActions.tickets.upserted([{ ...base, events: [...base.events, note] }]));
    assert.equal(selectTimeline(store.getState(), base.id, 'customer').some((e) => e.type === 'note'), false);
    assert.equal(selectTimeline(store.getState(), base.id, 'agent').some((e) => e.type === 'note'), true);
    store.dispose();
  });
});

describe('local mode runs time rules on time', () => {
  it('VIP without first response for 2 business hours: at the breach the lead is notified and priority raised, with no polling', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.parse('2026-11-23T01:00:00.000Z') }); // Monday 09:00 Shanghai
    const office = [['09:00', '18:00']] as Array<[string, string]>;
    const shanghai = createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: office, tue: office, wed: office, thu: office, fri: office } });
    const policies: SlaPolicy[] = [{ id: 'vip', conditions: { tier: ['vip'] }, calendarId: 'shanghai', targets: { first_response: 120 } }];
    const automation = createAutomation({
      policies,
      calendars: { shanghai },
      rules: [
        {
          id: 'vip-no-first-response',
          on: { time: 'sla_breached', metric: 'first_response' },
          when: { field: 'customer.tier', op: 'eq', value: 'vip' },
          actions: [
            { type: 'notify', channel: 'wechat_template', to: ['group_lead'], template: 'vip_no_response' },
            { type: 'set_field', field: 'priority', value: 'urgent' },
          ],
        },
      ],
    });
    const sent: NotificationEffect[] = [];
    const timeouts: number[] = [];
    const realSet = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms: number) => (timeouts.push(ms), realSet(fn, ms))) as typeof setTimeout;
    const settle = async () => {
      for (let i = 0; i < 20; i++) await new Promise<void>((r) => queueMicrotask(r));
    };
    try {
      const client = createClient({ storage: 'memory', automation, policies, calendars: { shanghai }, notify: (n) => sent.push(n) });
      const { ticket } = await client.tickets.create(buildTicketInput({ customer: { name: '陈总', tier: 'vip', contact: { phone: '13700137000' } } }));
      t.mock.timers.tick(100); // the debounce before the wake-up is computed
      await settle();
      // The breach 2 h after creation (set after the 100 ms debounce); the store also wakes at the 80% warning.
      assert.ok(timeouts.includes(120 * 60_000 - 100), `a timer for the breach, got ${timeouts.join(', ')}`);
      assert.ok(timeouts.includes(96 * 60_000), `a timer for the warning, got ${timeouts.join(', ')}`);
      t.mock.timers.tick(119 * 60_000);
      await settle();
      assert.equal(sent.length, 0);
      t.mock.timers.tick(60_000);
      await settle();
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.template, 'vip_no_response');
      assert.deepEqual(sent[0]!.to, ['group_lead']);
      const after = await client.tickets.get(ticket.id);
      assert.equal(after.priority, 'urgent');
      await client.close();
    } finally {
      globalThis.setTimeout = realSet;
    }
  });
});

describe('review regressions', () => {
  it('replaces a ticket in the store instead of merging: a cleared assignee is gone', () => {
    const store = createClientStore();
    const t = buildTicket({}, [['assign', { assigneeId: 'agent-1' }]]);
    store.dispatch(clientActions.tickets.upserted([t]));
    const { assigneeId: _gone, ...rest } = t;
    store.dispatch(clientActions.tickets.upserted([{ ...rest, status: 'new', revision: t.revision + 1 }]));
    assert.equal(store.getState().tickets.entities[t.id]!.assigneeId, undefined);
    store.dispatch(clientActions.tickets.upserted([t])); // an older copy arrives late
    assert.equal(store.getState().tickets.entities[t.id]!.revision, t.revision + 1);
    store.dispatch(clientActions.tickets.removed([t.id]));
    store.dispose();
  });

  it('forgets the clocks of a provisional ticket once the real one replaces it (no timer firing forever)', () => {
    let now = Date.parse(buildTicket().createdAt);
    const fired: number[] = [];
    const pending: Array<() => void> = [];
    const store = createClientStore({
      policies: [{ id: 'p', targets: { first_response: 60 } }],
      now: () => now,
      setTimeout: (fn, ms) => (fired.push(ms), pending.push(fn), pending.length),
      clearTimeout: () => {},
    });
    const provisional = buildTicket();
    store.dispatch(clientActions.tickets.queued({ ticket: provisional, key: 'k' }));
    const real = { ...buildTicket(), id: 'server-id' };
    store.dispatch(clientActions.tickets.sent({ provisionalId: provisional.id, ticket: real }));
    assert.equal(store.getState().sla.byId[provisional.id], undefined);
    now += 3 * 3_600_000; // long past every deadline of both
    const before = fired.length;
    pending.at(-1)!();
    // The real ticket is re-evaluated once; nothing schedules a 0 ms timer again and again.
    assert.ok(fired.slice(before).every((ms) => ms > 0), `timers after firing: ${fired.slice(before).join(', ')}`);
    store.dispose();
  });

  it('shows customers an allow-list of fields: no tags, custom fields, internal priority or escalation, no agent ids', async () => {
    const client = createClient({ storage: 'memory' });
    const r = await client.tickets.create(buildTicketInput({ customFields: { cost_center: 'X-1' }, tags: ['vip-watch'] }));
    assert.ok(r.status === 'created');
    await client.tickets.transition(r.ticket.id, { action: 'escalate', note: '客户要求经理回电' });
    await client.tickets.assign(r.ticket.id, { assigneeId: 'agent-7', assigneeName: '王工' });
    await client.tickets.transition(r.ticket.id, { action: 'start' });
    await client.tickets.transition(r.ticket.id, { action: 'resolve', note: '已更换主板' });
    const view = await client.tickets.get(r.ticket.id, { accessToken: r.accessToken });
    const json = JSON.stringify(view);
    for (const secret of ['X-1', 'vip-watch', 'agent-7', '客户要求经理回电', 'local-agent']) assert.ok(!json.includes(secret), `leaks ${secret}`);
    assert.equal(view.escalationLevel, 0);
    assert.equal(view.priority, 'normal');
    assert.equal(view.resolution?.note, '已更换主板');
    await client.close();
  });

  it('refuses an idempotency key reused for a different request', async () => {
    const client = createClient({ storage: 'memory' });
    await client.tickets.create(buildTicketInput({ subject: 'A' }), { idempotencyKey: 'k1' });
    await assert.rejects(client.tickets.create(buildTicketInput({ subject: 'B' }), { idempotencyKey: 'k1' }), ConflictError);
    const again = await client.tickets.create(buildTicketInput({ subject: 'A' }), { idempotencyKey: 'k1' });
    assert.equal(again.ticket.subject, 'A');
    await client.tickets.reply(again.ticket.id, { body: '补充说明' }, { idempotencyKey: 'k2' });
    await assert.rejects(client.tickets.rate(again.ticket.id, { score: 5 }, { idempotencyKey: 'k2' }), ConflictError);
    await client.close();
  });

  it('refuses work after close', async () => {
    const client = createClient({ storage: 'memory' });
    await client.close();
    await assert.rejects(client.tickets.create(buildTicketInput()), (e: unknown) => e instanceof Error && (e as { code?: string }).code === 'CLOSED');
  });
});
