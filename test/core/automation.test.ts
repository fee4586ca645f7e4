import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTOMATION_EVENTS,
  chinaWorkdays,
  createAutomation,
  createCalendar,
  createRouter,
  createTicket,
  createWorkflow,
  evaluateSla,
  RuleError,
  standardWorkflow,
  standardWorkflowDefinition,
  ticketTimeline,
  updateTicket,
  type Actor,
  type Agent,
  type AutomationEvent,
  type AutomationFiredEvent,
  type AutomationResult,
  type AutomationRule,
  type DayHours,
  type SlaPolicy,
  type Ticket,
  type TicketEvent,
  type TicketInput,
  type TransitionResult,
} from '../../src/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (t: number | string) => new Date(t).toISOString();
const ms = (t: string) => Date.parse(t);

const WORKDAY: DayHours = [
  ['09:00', '12:00'],
  ['13:30', '18:00'],
];
/** Shanghai office hours with the State Council's 2026 holidays and make-up workdays. */
const shanghai = createCalendar({
  timeZone: 'Asia/Shanghai',
  hours: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY },
  ...chinaWorkdays(2026),
});

const agent: Actor = { kind: 'agent', id: 'agent-1', name: '王工' };
const customer: Actor = { kind: 'customer', id: 'cust-1', name: '张伟' };
const wf = standardWorkflow;

function newTicket(at: number | string, overrides: Partial<TicketInput> = {}): Ticket {
  return createTicket(
    {
      subject: '空调不制冷',
      description: '开机半小时仍然吹热风。',
      customer: { id: 'cust-1', name: '张伟', contact: { phone: '13800138000' } },
      groupId: 'repair',
      ...overrides,
    },
    { now: at, number: 'AC-20261120-0001' },
  );
}

function vipTicket(at: number | string, overrides: Partial<TicketInput> = {}): Ticket {
  return newTicket(at, { customer: { id: 'cust-vip', name: '李总', tier: 'vip', contact: { phone: '13900139000' } }, ...overrides });
}

/** A ticket assigned to agent-1 and in progress, all at `at`. */
function inProgress(at: number, overrides: Partial<TicketInput> = {}): Ticket {
  let t = newTicket(at, overrides);
  t = wf.transition(t, 'assign', { actor: agent, now: at, assigneeId: 'agent-1' }).ticket;
  return wf.transition(t, 'start', { actor: agent, now: at }).ticket;
}

function assertNothing(result: AutomationResult, input: Ticket, message?: string) {
  assert.equal(result.ticket, input, message);
  assert.deepEqual(result.events, [], message);
  assert.deepEqual(result.effects, [], message);
  assert.deepEqual(result.fired, [], message);
  assert.deepEqual(result.skipped, [], message);
}

const ruleIds = (r: AutomationResult) => r.fired.map((f) => f.ruleId);
const types = (events: readonly TicketEvent[]) => events.map((e) => e.type);
const automationEvents = (t: Ticket) => t.events.filter((e): e is AutomationFiredEvent => e.type === 'automation');

function ruleError(fn: () => unknown): RuleError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof RuleError, `expected RuleError, got ${String(error)}`);
    assert.equal(error.code, 'INVALID_RULE');
    assert.ok(error.message.startsWith(`${error.path}: `), error.message);
    return error;
  }
  assert.fail('expected a RuleError');
}

// ---------------------------------------------------------------------------------------------

describe('automation: VIP without first response for 2 business hours', () => {
  const VIP_RULE: AutomationRule = {
    id: 'vip-no-first-response',
    name: 'VIP 2 小时未首响',
    on: { time: 'sla_breached', metric: 'first_response' },
    when: { field: 'customer.tier', op: 'eq', value: 'vip' },
    actions: [
      { type: 'notify', channel: 'wechat_template', to: ['group_lead'], template: 'vip_no_response', data: { hours: 2 } },
      { type: 'set_field', field: 'priority', value: 'urgent' },
    ],
  };
  const policies: SlaPolicy[] = [
    { id: 'vip', conditions: { tier: ['vip'] }, calendarId: 'shanghai', targets: { first_response: 120 } },
    { id: 'standard', calendarId: 'shanghai', targets: { first_response: 120 } },
  ];
  const automation = createAutomation({ rules: [VIP_RULE], policies, calendars: { shanghai } });
  // Friday 2026-11-20 16:30 in Shanghai: 90 business minutes left that day, the weekend is closed,
  // so the 120th minute ends on Monday 2026-11-23 at 09:30 Shanghai time.
  const CREATED = '2026-11-20T08:30:00.000Z';
  const BREACH = '2026-11-23T01:30:00.000Z';
  const KEY = `vip-no-first-response:first_response:${CREATED}:sla_breached`;

  it('the SLA clock is due on Monday 09:30 Shanghai', () => {
    const t = vipTicket(CREATED);
    const sla = evaluateSla(t, policies, { calendars: { shanghai }, now: CREATED });
    assert.equal(sla?.policyId, 'vip');
    assert.equal(sla?.metrics.first_response?.dueAt, BREACH);
  });

  it('nextWakeUp points to the exact breach instant', () => {
    const t = vipTicket(CREATED);
    assert.deepEqual(automation.nextWakeUp([t], { now: CREATED }), { at: BREACH, ticketId: t.id });
    // Saturday, and Monday morning before the breach: still the breach instant.
    assert.deepEqual(automation.nextWakeUp([t], { now: '2026-11-21T04:00:00.000Z' }), { at: BREACH, ticketId: t.id });
    assert.deepEqual(automation.nextWakeUp([t], { now: '2026-11-23T01:20:00.000Z' }), { at: BREACH, ticketId: t.id });
  });

  it('a tick just before the breach does nothing', () => {
    const t = vipTicket(CREATED);
    assertNothing(automation.tick(t, { now: ms(BREACH) - 1 }), t);
    assertNothing(automation.tick(t, { now: '2026-11-22T12:00:00.000Z' }), t, 'the weekend does not count');
  });

  it('a tick at the breach fires once: notify the group lead, raise to urgent, log it', () => {
    const t = vipTicket(CREATED);
    const r = automation.tick(t, { now: BREACH });
    assert.deepEqual(r.fired, [{ ruleId: 'vip-no-first-response', key: KEY }]);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(r.effects, [
      {
        type: 'notify',
        key: `${t.id}:${KEY}:0:wechat_template:vip_no_response`,
        ruleId: 'vip-no-first-response',
        ticketId: t.id,
        ticketNumber: 'AC-20261120-0001',
        channel: 'wechat_template',
        to: ['group_lead'],
        template: 'vip_no_response',
        data: { hours: 2 },
        groupId: 'repair',
        customerId: 'cust-vip',
      },
    ]);
    assert.equal(r.ticket.priority, 'urgent');
    assert.deepEqual(types(r.events), ['field_changed', 'automation']);
    const [changed, fired] = r.events;
    assert.deepEqual(changed!.data, { field: 'priority', from: 'normal', to: 'urgent' });
    assert.deepEqual(changed!.actor, { kind: 'system', id: 'automation:vip-no-first-response', name: 'VIP 2 小时未首响' });
    assert.equal(changed!.visibility, 'internal');
    assert.equal(changed!.at, BREACH);
    assert.deepEqual(fired!.data, { ruleId: 'vip-no-first-response', key: KEY, actions: ['notify', 'set_field'] });
    assert.equal(fired!.visibility, 'internal');
    assert.equal(fired!.at, BREACH);
    assert.deepEqual(r.ticket.events, [...t.events, ...r.events]);
    assert.equal(r.ticket.revision, t.revision + 1);
    // Customers see none of it.
    assert.deepEqual(types(ticketTimeline(r.ticket, 'customer')), ['created']);
  });

  it('a later tick does not fire again, and there is nothing left to wake up for', () => {
    const fired = automation.tick(vipTicket(CREATED), { now: BREACH }).ticket;
    for (const now of [BREACH, '2026-11-23T01:31:00.000Z', '2026-11-24T08:00:00.000Z', '2026-12-31T00:00:00.000Z']) {
      assertNothing(automation.tick(fired, { now }), fired, `tick at ${now}`);
    }
    assert.equal(automation.nextWakeUp([fired], { now: BREACH }), undefined);
  });

  it('a late tick fires the same notification (same key, so a notifier sends it once)', () => {
    const t = vipTicket(CREATED);
    const onTime = automation.tick(t, { now: BREACH });
    const late = automation.tick(t, { now: '2026-11-23T03:00:00.000Z' });
    assert.deepEqual(late.fired, onTime.fired);
    assert.equal(late.effects.length, 1);
    assert.equal(late.effects[0]!.key, onTime.effects[0]!.key);
    assert.equal(late.ticket.priority, 'urgent');
  });

  it('nextWakeUp reports a breach the scheduler slept through, so tick still runs it', () => {
    const t = vipTicket(CREATED);
    assert.deepEqual(automation.nextWakeUp([t], { now: '2026-11-23T02:00:00.000Z' }), { at: BREACH, ticketId: t.id });
    const fired = automation.tick(t, { now: '2026-11-23T02:00:00.000Z' }).ticket;
    assert.equal(automation.nextWakeUp([fired], { now: '2026-11-23T02:00:00.000Z' }), undefined);
  });

  it('nothing fires when an agent replies publicly in time', () => {
    const t = vipTicket(CREATED);
    const replied = wf.reply(t, { body: '您好，工程师周一上午联系您。' }, { actor: agent, now: '2026-11-23T01:10:00.000Z' }).ticket;
    assert.equal(automation.nextWakeUp([replied], { now: '2026-11-23T01:10:00.000Z' }), undefined);
    for (const now of [BREACH, '2026-11-23T08:00:00.000Z', '2026-11-30T00:00:00.000Z']) {
      assertNothing(automation.tick(replied, { now }), replied, `tick at ${now}`);
    }
  });

  it('nothing fires for a standard customer: the rule is for VIPs only', () => {
    const t = newTicket(CREATED);
    assert.equal(evaluateSla(t, policies, { calendars: { shanghai }, now: BREACH })?.metrics.first_response?.state, 'breached');
    assertNothing(automation.tick(t, { now: BREACH }), t);
    assertNothing(automation.tick(t, { now: '2026-11-24T00:00:00.000Z' }), t);
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: event triggers', () => {
  const probe = (event: AutomationEvent): AutomationRule => ({
    id: `on-${event}`,
    on: { event },
    actions: [{ type: 'notify', channel: 'in_app', to: ['assignee'], template: event }],
  });
  const automation = createAutomation({ rules: AUTOMATION_EVENTS.map(probe) });
  const T0 = ms('2026-11-23T02:00:00.000Z');

  /** Runs the probes on what an operation produced; checks each rule fired once, with its notification. */
  function probes(result: TransitionResult, now: number) {
    const r = automation.handle(result.ticket, result.events, { now });
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(types(r.events), r.fired.map(() => 'automation'), 'notify-only rules write nothing but their log entry');
    assert.deepEqual(r.effects.map((e) => e.template), r.fired.map((f) => f.ruleId.slice('on-'.length)));
    assert.equal(new Set(r.fired.map((f) => f.key)).size, r.fired.length);
    return { fired: ruleIds(r), result: r };
  }

  it('created', () => {
    const t = newTicket(T0);
    const { fired, result } = probes({ ticket: t, events: t.events }, T0);
    assert.deepEqual(fired, ['on-created']);
    assert.deepEqual(result.fired, [{ ruleId: 'on-created', key: `on-created:${t.events[0]!.id}` }]);
  });

  it('status_changed (and updated) on a workflow transition', () => {
    const t = newTicket(T0);
    const assigned = wf.transition(t, 'assign', { actor: agent, now: T0 + MINUTE, assigneeId: 'agent-1' });
    assert.deepEqual(types(assigned.events), ['assigned', 'status_changed']);
    assert.deepEqual(probes(assigned, T0 + MINUTE).fired, ['on-updated', 'on-status_changed']);
  });

  it('updated only, when nothing moves the status', () => {
    const t = inProgress(T0);
    assert.deepEqual(probes(updateTicket(t, { priority: 'high', addTags: ['noise'] }, { actor: agent, now: T0 + MINUTE }), T0 + MINUTE).fired, ['on-updated']);
    assert.deepEqual(probes(wf.transition(t, 'escalate', { actor: agent, now: T0 + MINUTE }), T0 + MINUTE).fired, ['on-updated']);
    assert.deepEqual(probes(wf.reply(t, { body: '我们明天上门。' }, { actor: agent, now: T0 + MINUTE }), T0 + MINUTE).fired, ['on-updated']);
    assert.deepEqual(probes(wf.note(t, { body: '备件已订' }, { actor: agent, now: T0 + MINUTE }), T0 + MINUTE).fired, ['on-updated']);
  });

  it('customer_replied', () => {
    const t = inProgress(T0);
    const replied = wf.reply(t, { body: '还是不制冷。' }, { actor: customer, now: T0 + MINUTE });
    assert.deepEqual(probes(replied, T0 + MINUTE).fired, ['on-updated', 'on-customer_replied']);
  });

  it('customer_replied and status_changed when the reply resumes a pending ticket', () => {
    const pending = wf.transition(inProgress(T0), 'request_info', { actor: agent, now: T0, note: '请提供购买凭证。' }).ticket;
    const replied = wf.reply(pending, { body: '凭证见附件。' }, { actor: customer, now: T0 + HOUR });
    assert.deepEqual(types(replied.events), ['reply', 'status_changed']);
    assert.equal(replied.ticket.status, 'in_progress');
    assert.deepEqual(probes(replied, T0 + HOUR).fired, ['on-updated', 'on-status_changed', 'on-customer_replied']);
  });

  it('rated (the rating also closes the ticket)', () => {
    const resolved = wf.transition(inProgress(T0), 'resolve', { actor: agent, now: T0 + HOUR, note: '更换了电容。' }).ticket;
    const rated = wf.rate(resolved, { score: 5 }, { actor: customer, now: T0 + 2 * HOUR });
    assert.deepEqual(types(rated.events), ['rated', 'status_changed']);
    assert.deepEqual(probes(rated, T0 + 2 * HOUR).fired, ['on-updated', 'on-status_changed', 'on-rated']);
  });

  it('fires once per triggering event: the same events handled again do nothing', () => {
    const t = newTicket(T0);
    const assigned = wf.transition(t, 'assign', { actor: agent, now: T0, assigneeId: 'agent-1' });
    const first = automation.handle(assigned.ticket, assigned.events, { now: T0 });
    assert.equal(first.fired.length, 2);
    assertNothing(automation.handle(first.ticket, assigned.events, { now: T0 + MINUTE }), first.ticket);
    // A new event is a new period.
    const again = wf.transition(first.ticket, 'start', { actor: agent, now: T0 + 2 * MINUTE });
    assert.deepEqual(ruleIds(automation.handle(again.ticket, again.events, { now: T0 + 2 * MINUTE })), ['on-updated', 'on-status_changed']);
    assert.equal(automation.handle(t, [], { now: T0 }).fired.length, 0);
  });

  it('automation log entries trigger nothing', () => {
    const t = newTicket(T0);
    const first = automation.handle(t, t.events, { now: T0 });
    const logged = first.events.filter((e) => e.type === 'automation');
    assert.equal(logged.length, 1);
    assertNothing(automation.handle(first.ticket, logged, { now: T0 }), first.ticket);
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: conditions', () => {
  const T0 = ms('2026-11-23T02:00:00.000Z');

  it('a rule fires only when its `when` holds', () => {
    const automation = createAutomation({
      rules: [
        {
          id: 'urgent-vip',
          on: { event: 'created' },
          when: { all: [{ field: 'priority', op: 'gte', value: 'high' }, { field: 'tags', op: 'has', value: 'vip' }] },
          actions: [{ type: 'notify', channel: 'sms', to: ['group_lead'], template: 'urgent_vip' }],
        },
      ],
    });
    const cases: Array<[Partial<TicketInput>, string[]]> = [
      [{ priority: 'high', tags: ['vip'] }, ['urgent-vip']],
      [{ priority: 'urgent', tags: ['vip', 'noise'] }, ['urgent-vip']],
      [{ priority: 'high', tags: [] }, []],
      [{ priority: 'normal', tags: ['vip'] }, []],
    ];
    for (const [overrides, expected] of cases) {
      const t = newTicket(T0, overrides);
      const r = automation.handle(t, t.events, { now: T0 });
      assert.deepEqual(ruleIds(r), expected, JSON.stringify(overrides));
      assert.equal(r.effects.length, expected.length);
      if (expected.length === 0) assertNothing(r, t);
    }
  });

  it('conditions see what earlier rules did to the ticket', () => {
    const automation = createAutomation({
      rules: [
        { id: 'vip-urgent', on: { event: 'created' }, when: { field: 'customer.tier', op: 'eq', value: 'vip' }, actions: [{ type: 'set_field', field: 'priority', value: 'urgent' }] },
        { id: 'urgent-page', on: { event: 'created' }, when: { field: 'priority', op: 'eq', value: 'urgent' }, actions: [{ type: 'notify', channel: 'sms', to: ['group_lead'], template: 'page' }] },
      ],
    });
    const vip = vipTicket(T0);
    assert.deepEqual(ruleIds(automation.handle(vip, vip.events, { now: T0 })), ['vip-urgent', 'urgent-page']);
    const std = newTicket(T0);
    assertNothing(automation.handle(std, std.events, { now: T0 }), std);
  });

  it('a rated rule with a score condition', () => {
    const automation = createAutomation({
      rules: [{ id: 'happy', on: { event: 'rated' }, when: { field: 'satisfaction.score', op: 'gte', value: 4 }, actions: [{ type: 'add_tags', tags: ['happy'] }] }],
    });
    const resolved = wf.transition(inProgress(T0), 'resolve', { actor: agent, now: T0 + HOUR, note: '已修复。' }).ticket;
    const good = wf.rate(resolved, { score: 4 }, { actor: customer, now: T0 + 2 * HOUR });
    const r = automation.handle(good.ticket, good.events, { now: T0 + 2 * HOUR });
    assert.deepEqual(ruleIds(r), ['happy']);
    assert.deepEqual(r.ticket.tags, ['happy']);
    const bad = wf.rate(resolved, { score: 2, comment: '太慢了' }, { actor: customer, now: T0 + 2 * HOUR });
    assertNothing(automation.handle(bad.ticket, bad.events, { now: T0 + 2 * HOUR }), bad.ticket);
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: actions', () => {
  const T0 = ms('2026-11-23T02:00:00.000Z');
  const onCreated = (id: string, actions: AutomationRule['actions'], extra: Partial<AutomationRule> = {}): AutomationRule => ({ id, on: { event: 'created' }, actions, ...extra });
  const run = (rules: AutomationRule[], t: Ticket, context: Parameters<ReturnType<typeof createAutomation>['handle']>[2] = {}) =>
    createAutomation({ rules }).handle(t, t.events, { now: T0, ...context });

  it('set_field: priority, category, group and a custom field', () => {
    const t = newTicket(T0, { customFields: { floor: 3 } });
    const r = run(
      [
        onCreated('triage', [
          { type: 'set_field', field: 'priority', value: 'high' },
          { type: 'set_field', field: 'category', value: 'air-conditioning' },
          { type: 'set_field', field: 'group', value: 'vip-desk' },
          { type: 'set_field', field: 'customFields.model_year', value: 2024 },
          { type: 'set_field', field: 'customFields.floor', value: 3 }, // unchanged: no event
        ]),
      ],
      t,
    );
    assert.deepEqual(r.skipped, []);
    assert.equal(r.ticket.priority, 'high');
    assert.equal(r.ticket.category, 'air-conditioning');
    assert.equal(r.ticket.groupId, 'vip-desk');
    assert.deepEqual(r.ticket.customFields, { floor: 3, model_year: 2024 });
    assert.deepEqual(
      r.events.map((e) => (e.type === 'field_changed' ? e.data : e.type)),
      [
        { field: 'priority', from: 'normal', to: 'high' },
        { field: 'category', from: undefined, to: 'air-conditioning' },
        { field: 'groupId', from: 'repair', to: 'vip-desk' },
        { field: 'customFields.model_year', from: undefined, to: 2024 },
        'automation',
      ],
    );
    for (const e of r.events) assert.deepEqual(e.actor, { kind: 'system', id: 'automation:triage' });
  });

  it('set_field: null clears category and group', () => {
    const t = newTicket(T0, { category: 'air-conditioning' });
    const r = run([onCreated('clear', [{ type: 'set_field', field: 'category', value: null }, { type: 'set_field', field: 'group', value: null }])], t);
    assert.equal('category' in r.ticket, false);
    assert.equal('groupId' in r.ticket, false);
    assert.deepEqual(types(r.events), ['field_changed', 'field_changed', 'automation']);
  });

  it('set_field: a value the ticket refuses is skipped, not thrown', () => {
    const t = newTicket(T0);
    const r = run([onCreated('bad-category', [{ type: 'set_field', field: 'category', value: 'Not A Slug' }, { type: 'add_tags', tags: ['checked'] }])], t);
    assert.equal(r.skipped.length, 1);
    assert.equal(r.skipped[0]!.ruleId, 'bad-category');
    assert.equal(r.skipped[0]!.action, 'set_field');
    assert.match(r.skipped[0]!.reason, /^VALIDATION_FAILED: /);
    assert.deepEqual(r.ticket.tags, ['checked'], 'the other actions still run');
  });

  it('add_tags and remove_tags, with dedupe', () => {
    const t = newTicket(T0, { tags: ['vip', 'noise'] });
    const r = run([onCreated('tags', [{ type: 'add_tags', tags: ['vip', 'urgent', 'urgent'] }, { type: 'remove_tags', tags: ['noise', 'absent'] }])], t);
    assert.deepEqual(r.ticket.tags, ['vip', 'urgent']);
    assert.deepEqual(
      r.events.filter((e) => e.type === 'field_changed').map((e) => e.data),
      [
        { field: 'tags', from: ['vip', 'noise'], to: ['vip', 'noise', 'urgent'] },
        { field: 'tags', from: ['vip', 'noise', 'urgent'], to: ['vip', 'urgent'] },
      ],
    );
  });

  it('assign a named agent (a workflow assign taken by the system)', () => {
    const t = newTicket(T0);
    const r = run([onCreated('to-wang', [{ type: 'assign', agentId: 'agent-7', groupId: 'install' }])], t);
    assert.deepEqual(r.skipped, []);
    assert.equal(r.ticket.status, 'assigned');
    assert.equal(r.ticket.assigneeId, 'agent-7');
    assert.equal(r.ticket.groupId, 'install');
    assert.deepEqual(types(r.events), ['assigned', 'status_changed', 'automation']);
    assert.deepEqual(r.events[0]!.data, { from: undefined, to: 'agent-7', groupFrom: 'repair', groupTo: 'install' });
    assert.deepEqual(r.events[1]!.data, { action: 'assign', from: 'new', to: 'assigned' });
    assert.deepEqual(r.events[1]!.actor, { kind: 'system', id: 'automation:to-wang' });
  });

  it('assign a group only', () => {
    const t = newTicket(T0);
    const r = run([onCreated('to-group', [{ type: 'assign', groupId: 'vip-desk' }])], t);
    assert.equal(r.ticket.status, 'new');
    assert.equal(r.ticket.assigneeId, undefined);
    assert.equal(r.ticket.groupId, 'vip-desk');
    assert.deepEqual(r.events[0]!.data, { field: 'groupId', from: 'repair', to: 'vip-desk' });
  });

  it('assign via the router (route: true)', () => {
    const router = createRouter({
      rules: [
        { id: 'vip', when: { field: 'customer.tier', op: 'eq', value: 'vip' }, actions: { group: 'vip-desk', strategy: 'least_loaded' } },
        { id: 'rest', actions: { group: 'general' } },
      ],
    });
    const person = (id: string, groupIds: string[]): Agent => ({ id, name: id, role: 'agent', groupIds, skills: [], capacity: 10, status: 'online' });
    const agents = [person('busy', ['vip-desk']), person('free', ['vip-desk']), person('other', ['general'])];
    const routeContext = { loads: { busy: { open: 6 }, free: { open: 1 }, other: { open: 0 } } };
    const rules = [onCreated('route', [{ type: 'assign', route: true }])];

    const vip = vipTicket(T0);
    const r = run(rules, vip, { router, agents, routeContext });
    assert.deepEqual(r.skipped, []);
    assert.equal(r.ticket.assigneeId, 'free');
    assert.equal(r.ticket.groupId, 'vip-desk');
    assert.equal(r.ticket.status, 'assigned');

    // No strategy for the rest: the ticket goes to the group's queue, unassigned.
    const std = newTicket(T0, { groupId: undefined });
    const q = run(rules, std, { router, agents, routeContext });
    assert.equal(q.ticket.assigneeId, undefined);
    assert.equal(q.ticket.groupId, 'general');
    assert.equal(q.ticket.status, 'new');

    // Without a router the action is skipped, not thrown.
    const missing = run(rules, vip);
    assert.deepEqual(missing.fired.map((f) => f.ruleId), ['route']);
    assert.equal(missing.skipped.length, 1);
    assert.equal(missing.skipped[0]!.action, 'assign');
    assert.match(missing.skipped[0]!.reason, /^ROUTER_MISSING: /);
    assert.equal(missing.ticket.assigneeId, undefined);
  });

  it('transition with a note, taken as the system', () => {
    const t = inProgress(T0);
    const automation = createAutomation({
      rules: [{ id: 'confirm-fixed', name: '客户确认即结单', on: { event: 'customer_replied' }, actions: [{ type: 'transition', action: 'resolve', note: '客户确认已修复，自动结单。' }] }],
    });
    const replied = wf.reply(t, { body: '已经好了，谢谢！' }, { actor: customer, now: T0 + HOUR });
    const r = automation.handle(replied.ticket, replied.events, { now: T0 + HOUR });
    assert.deepEqual(r.skipped, []);
    assert.equal(r.ticket.status, 'resolved');
    assert.equal(r.ticket.resolvedAt, iso(T0 + HOUR));
    assert.deepEqual(r.ticket.resolution, { note: '客户确认已修复，自动结单。', at: iso(T0 + HOUR), by: 'automation:confirm-fixed' });
    const changed = r.events[0]!;
    assert.equal(changed.type, 'status_changed');
    assert.deepEqual(changed.data, { action: 'resolve', from: 'in_progress', to: 'resolved', note: '客户确认已修复，自动结单。' });
    assert.deepEqual(changed.actor, { kind: 'system', id: 'automation:confirm-fixed', name: '客户确认即结单' });
    assert.equal(changed.visibility, 'public');
  });

  it('add_note writes an internal note customers never see', () => {
    const t = vipTicket(T0);
    const r = run([onCreated('vip-note', [{ type: 'add_note', body: '@组长 VIP 客户，请优先处理。' }])], t);
    assert.deepEqual(types(r.events), ['note', 'automation']);
    const note = r.events[0]!;
    assert.equal(note.visibility, 'internal');
    assert.deepEqual(note.data, { body: '@组长 VIP 客户，请优先处理。', mentions: [], attachments: [] });
    assert.deepEqual(note.actor, { kind: 'system', id: 'automation:vip-note' });
    assert.deepEqual(types(ticketTimeline(r.ticket, 'customer')), ['created']);
    assert.deepEqual(types(ticketTimeline(r.ticket, 'agent')), ['created', 'note', 'automation']);
  });

  it('notify only returns an effect, with a stable key and the rule’s channel, recipients, template and data', () => {
    const t = newTicket(T0);
    const assigned = wf.transition(t, 'assign', { actor: agent, now: T0, assigneeId: 'agent-1' });
    const automation = createAutomation({
      rules: [
        {
          id: 'tell',
          on: { event: 'status_changed' },
          actions: [
            { type: 'notify', channel: 'sms', to: ['customer'], template: 'engineer_assigned', data: { eta_hours: 4, vip: false, engineer: '王工' } },
            { type: 'notify', channel: 'sms', to: ['agent-9'], template: 'engineer_assigned' },
            { type: 'notify', channel: 'webhook', to: ['assignee', 'group_lead'], template: 'crm_sync' },
          ],
        },
      ],
    });
    const r = automation.handle(assigned.ticket, assigned.events, { now: T0 });
    const key = `tell:${assigned.events[1]!.id}`;
    assert.deepEqual(r.fired, [{ ruleId: 'tell', key }]);
    const common = { type: 'notify', ruleId: 'tell', ticketId: t.id, ticketNumber: 'AC-20261120-0001', assigneeId: 'agent-1', groupId: 'repair', customerId: 'cust-1' };
    assert.deepEqual(r.effects, [
      { ...common, key: `${t.id}:${key}:0:sms:engineer_assigned`, channel: 'sms', to: ['customer'], template: 'engineer_assigned', data: { eta_hours: 4, vip: false, engineer: '王工' } },
      { ...common, key: `${t.id}:${key}:1:sms:engineer_assigned`, channel: 'sms', to: ['agent-9'], template: 'engineer_assigned', data: {} },
      { ...common, key: `${t.id}:${key}:2:webhook:crm_sync`, channel: 'webhook', to: ['assignee', 'group_lead'], template: 'crm_sync', data: {} },
    ]);
    assert.deepEqual(types(r.events), ['automation'], 'notifying changes nothing on the ticket but its log');
    // Pure and stable: the same input gives the same keys.
    assert.deepEqual(automation.handle(assigned.ticket, assigned.events, { now: T0 + MINUTE }).effects.map((e) => e.key), r.effects.map((e) => e.key));
  });

  it('notification keys of time rules differ between tickets', () => {
    const automation = createAutomation({
      rules: [{ id: 'remind', on: { time: 'in_status', status: 'new', minutes: 60 }, actions: [{ type: 'notify', channel: 'email', to: ['group_lead'], template: 'unassigned' }] }],
    });
    const a = newTicket(T0);
    const b = newTicket(T0);
    const ea = automation.tick(a, { now: T0 + HOUR }).effects;
    const eb = automation.tick(b, { now: T0 + HOUR }).effects;
    assert.equal(ea.length, 1);
    assert.equal(eb.length, 1);
    assert.notEqual(ea[0]!.key, eb[0]!.key, 'a notifier would drop the second ticket’s message');
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: idle (business minutes since a person last touched the ticket)', () => {
  const automation = createAutomation({
    calendars: { shanghai },
    rules: [
      {
        id: 'idle',
        on: { time: 'idle', minutes: 150, calendarId: 'shanghai' },
        when: { field: 'status', op: 'not_in', value: ['resolved', 'closed'] },
        actions: [
          { type: 'notify', channel: 'in_app', to: ['assignee'], template: 'idle_reminder' },
          { type: 'add_tags', tags: ['idle'] },
        ],
      },
    ],
  });
  // Monday 2026-11-23, 10:00 Shanghai.
  const CREATED = '2026-11-23T02:00:00.000Z';
  const ASSIGNED = '2026-11-23T02:30:00.000Z'; // 10:30: 90 minutes until lunch, 60 after 13:30
  const DUE = '2026-11-23T06:30:00.000Z'; // 14:30

  function setUp() {
    let t = newTicket(CREATED);
    t = wf.transition(t, 'assign', { actor: agent, now: ASSIGNED, assigneeId: 'agent-1' }).ticket;
    // An integration writes a note as the system: not a person, so the clock keeps running.
    t = wf.note(t, { body: 'CRM 已同步' }, { actor: { kind: 'system', id: 'crm' }, now: '2026-11-23T05:00:00.000Z' }).ticket;
    return t;
  }

  it('wakes up after N business minutes since the last person’s event; system events do not reset it', () => {
    const t = setUp();
    assert.deepEqual(automation.nextWakeUp([t], { now: '2026-11-23T05:00:00.000Z' }), { at: DUE, ticketId: t.id });
    assertNothing(automation.tick(t, { now: ms(DUE) - 1 }), t);
    const r = automation.tick(t, { now: DUE });
    const key = `idle:idle:${ms(ASSIGNED)}`;
    assert.deepEqual(r.fired, [{ ruleId: 'idle', key }]);
    assert.deepEqual(r.ticket.tags, ['idle']);
    assert.deepEqual(types(r.events), ['field_changed', 'automation']);
    assert.equal(r.effects.length, 1);
    assert.equal(r.effects[0]!.template, 'idle_reminder');
    assert.equal(r.effects[0]!.assigneeId, 'agent-1');
    assert.equal(r.effects[0]!.key, `${t.id}:${key}:0:in_app:idle_reminder`);
    // Its own events are not a person's: it does not fire again in this stretch.
    assertNothing(automation.tick(r.ticket, { now: '2026-11-23T09:00:00.000Z' }), r.ticket);
    assertNothing(automation.tick(r.ticket, { now: '2026-11-25T09:00:00.000Z' }), r.ticket);
    assert.equal(automation.nextWakeUp([r.ticket], { now: DUE }), undefined);
  });

  it('never fires on a resolved ticket, even without a condition', () => {
    const unconditioned = createAutomation({
      calendars: { shanghai },
      rules: [{ id: 'idle', on: { time: 'idle', minutes: 150, calendarId: 'shanghai' }, actions: [{ type: 'add_tags', tags: ['idle'] }] }],
    });
    let t = setUp();
    t = wf.transition(t, 'resolve', { actor: agent, now: '2026-11-23T05:10:00.000Z', note: '已远程解决' }).ticket;
    assertNothing(unconditioned.tick(t, { now: '2026-11-25T09:00:00.000Z' }), t);
    assert.equal(unconditioned.nextWakeUp([t], { now: '2026-11-23T05:10:00.000Z' }), undefined);
  });

  it('a person’s event starts a new stretch', () => {
    const fired = automation.tick(setUp(), { now: DUE }).ticket;
    // The agent replies at 15:00: 150 business minutes later is 17:30.
    const replied = wf.reply(fired, { body: '配件明天到。' }, { actor: agent, now: '2026-11-23T07:00:00.000Z' }).ticket;
    assert.deepEqual(automation.nextWakeUp([replied], { now: '2026-11-23T07:00:00.000Z' }), { at: '2026-11-23T09:30:00.000Z', ticketId: replied.id });
    const again = automation.tick(replied, { now: '2026-11-23T09:30:00.000Z' });
    assert.deepEqual(again.fired, [{ ruleId: 'idle', key: `idle:idle:${ms('2026-11-23T07:00:00.000Z')}` }]);
    assert.deepEqual(types(again.events), ['automation'], 'the tag is already there');
    assert.equal(again.effects.length, 1);
    // The customer writes at 18:00 (closed): the stretch starts Tuesday 09:00 and ends 11:30.
    const customerWrote = wf.reply(again.ticket, { body: '请尽快。' }, { actor: customer, now: '2026-11-23T10:00:00.000Z' }).ticket;
    assert.deepEqual(automation.nextWakeUp([customerWrote], { now: '2026-11-23T10:00:00.000Z' }), { at: '2026-11-24T03:30:00.000Z', ticketId: customerWrote.id });
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: pending_customer → remind after 3 days, auto-resolve after 7, close 3 days later', () => {
  const RESOLVE_NOTE = '客户 7 天未回复，自动结单';
  const automation = createAutomation({
    rules: [
      { id: 'remind', on: { time: 'in_status', status: 'pending_customer', minutes: 3 * 1440 }, actions: [{ type: 'notify', channel: 'sms', to: ['customer'], template: 'please_reply' }] },
      { id: 'auto-resolve', on: { time: 'in_status', status: 'pending_customer', minutes: 7 * 1440 }, actions: [{ type: 'transition', action: 'resolve', note: RESOLVE_NOTE }] },
      { id: 'auto-close', on: { time: 'in_status', status: 'resolved', minutes: 3 * 1440 }, actions: [{ type: 'transition', action: 'close' }] },
    ],
  });
  const T = ms('2026-11-23T02:00:00.000Z');

  function pending(): Ticket {
    let t = newTicket(T - HOUR);
    t = wf.transition(t, 'assign', { actor: agent, now: T - 50 * MINUTE, assigneeId: 'agent-1' }).ticket;
    t = wf.transition(t, 'start', { actor: agent, now: T - 40 * MINUTE }).ticket;
    return wf.transition(t, 'request_info', { actor: agent, now: T, note: '请提供购买凭证照片。' }).ticket;
  }

  it('walks the whole way on schedule', () => {
    const t = pending();
    assert.equal(t.status, 'pending_customer');
    assert.deepEqual(automation.nextWakeUp([t], { now: T }), { at: iso(T + 3 * DAY), ticketId: t.id });
    assertNothing(automation.tick(t, { now: T + 3 * DAY - 1 }), t);

    const r1 = automation.tick(t, { now: T + 3 * DAY });
    assert.deepEqual(r1.fired, [{ ruleId: 'remind', key: `remind:in_status:${T}` }]);
    assert.deepEqual(r1.effects, [
      {
        type: 'notify',
        key: `${t.id}:remind:in_status:${T}:0:sms:please_reply`,
        ruleId: 'remind',
        ticketId: t.id,
        ticketNumber: 'AC-20261120-0001',
        channel: 'sms',
        to: ['customer'],
        template: 'please_reply',
        data: {},
        assigneeId: 'agent-1',
        groupId: 'repair',
        customerId: 'cust-1',
      },
    ]);
    assert.equal(r1.ticket.status, 'pending_customer');
    assert.deepEqual(types(r1.events), ['automation']);
    assertNothing(automation.tick(r1.ticket, { now: T + 4 * DAY }), r1.ticket, 'reminded once');
    assert.deepEqual(automation.nextWakeUp([r1.ticket], { now: T + 3 * DAY }), { at: iso(T + 7 * DAY), ticketId: t.id });

    const r2 = automation.tick(r1.ticket, { now: T + 7 * DAY });
    assert.deepEqual(ruleIds(r2), ['auto-resolve']);
    assert.deepEqual(r2.skipped, []);
    assert.equal(r2.ticket.status, 'resolved');
    assert.equal(r2.ticket.resolvedAt, iso(T + 7 * DAY));
    assert.deepEqual(r2.ticket.resolution, { note: RESOLVE_NOTE, at: iso(T + 7 * DAY), by: 'automation:auto-resolve' });
    assert.deepEqual(types(r2.events), ['status_changed', 'automation']);
    assert.deepEqual(r2.events[0]!.data, { action: 'resolve', from: 'pending_customer', to: 'resolved', note: RESOLVE_NOTE });
    assert.deepEqual(r2.effects, []);
    // The customer is told why the ticket was resolved.
    assert.equal(ticketTimeline(r2.ticket, 'customer').at(-1)!.type, 'status_changed');
    assert.deepEqual(automation.nextWakeUp([r2.ticket], { now: T + 7 * DAY }), { at: iso(T + 10 * DAY), ticketId: t.id });

    // `close` is the system's, 3 days after resolution (or after a rating).
    assertNothing(automation.tick(r2.ticket, { now: T + 10 * DAY - 1 }), r2.ticket);
    const r3 = automation.tick(r2.ticket, { now: T + 10 * DAY });
    assert.deepEqual(ruleIds(r3), ['auto-close']);
    assert.deepEqual(r3.skipped, []);
    assert.equal(r3.ticket.status, 'closed');
    assert.equal(r3.ticket.closedAt, iso(T + 10 * DAY));
    assert.equal(automation.nextWakeUp([r3.ticket], { now: T + 10 * DAY }), undefined);
    assert.deepEqual(automationEvents(r3.ticket).map((e) => e.data.ruleId), ['remind', 'auto-resolve', 'auto-close']);
  });

  it('a late tick catches up in order: remind, then resolve', () => {
    const t = pending();
    const r = automation.tick(t, { now: T + 8 * DAY });
    assert.deepEqual(ruleIds(r), ['remind', 'auto-resolve']);
    assert.equal(r.effects.length, 1);
    assert.equal(r.ticket.status, 'resolved');
    assert.equal(r.ticket.resolvedAt, iso(T + 8 * DAY));
  });

  it('a customer reply ends the pending stretch: nothing fires', () => {
    const replied = wf.reply(pending(), { body: '凭证已上传。' }, { actor: customer, now: T + 2 * DAY }).ticket;
    assert.equal(replied.status, 'in_progress');
    assert.equal(automation.nextWakeUp([replied], { now: T + 2 * DAY }), undefined);
    for (const now of [T + 3 * DAY, T + 7 * DAY, T + 30 * DAY]) assertNothing(automation.tick(replied, { now }), replied);
  });

  it('a new stay in the status is a new period', () => {
    const t = pending();
    const reminded = automation.tick(t, { now: T + 3 * DAY }).ticket;
    let back = wf.reply(reminded, { body: '这是凭证。' }, { actor: customer, now: T + 4 * DAY }).ticket;
    back = wf.transition(back, 'request_info', { actor: agent, now: T + 5 * DAY, note: '照片看不清，请重拍。' }).ticket;
    assert.deepEqual(automation.nextWakeUp([back], { now: T + 5 * DAY }), { at: iso(T + 8 * DAY), ticketId: t.id });
    const r = automation.tick(back, { now: T + 8 * DAY });
    assert.deepEqual(r.fired, [{ ruleId: 'remind', key: `remind:in_status:${T + 5 * DAY}` }]);
  });

  it('closing when rated works once the workflow leaves closing to automation', () => {
    const manualClose = createWorkflow(standardWorkflowDefinition({ closeOnRating: false }));
    const closer = createAutomation({
      workflows: { standard: manualClose },
      rules: [{ id: 'close-rated', on: { event: 'rated' }, actions: [{ type: 'transition', action: 'close' }] }],
    });
    const resolved = manualClose.transition(inProgress(T), 'resolve', { actor: agent, now: T + HOUR, note: '已修复。' }).ticket;
    const rated = manualClose.rate(resolved, { score: 5 }, { actor: customer, now: T + 2 * HOUR });
    assert.equal(rated.ticket.status, 'resolved');
    const r = closer.handle(rated.ticket, rated.events, { now: T + 2 * HOUR });
    assert.deepEqual(r.skipped, []);
    assert.equal(r.ticket.status, 'closed');
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: SLA warning rules', () => {
  const policies: SlaPolicy[] = [{ id: 'std', targets: { first_response: 100, resolution: 600 } }];
  const automation = createAutomation({
    policies,
    rules: [{ id: 'warn', on: { time: 'sla_warning' }, actions: [{ type: 'notify', channel: 'in_app', to: ['assignee'], template: 'sla_warning' }] }],
  });
  const T0 = ms('2026-11-23T02:00:00.000Z');

  it('fires at each clock’s warning threshold (80 % by default), once', () => {
    const t = wf.transition(newTicket(T0), 'assign', { actor: agent, now: T0, assigneeId: 'agent-1' }).ticket;
    assert.deepEqual(automation.nextWakeUp([t], { now: T0 }), { at: iso(T0 + 80 * MINUTE), ticketId: t.id });
    assertNothing(automation.tick(t, { now: T0 + 80 * MINUTE - 1 }), t);
    const r = automation.tick(t, { now: T0 + 80 * MINUTE });
    assert.deepEqual(r.fired, [{ ruleId: 'warn', key: `warn:first_response:${iso(T0)}:sla_warning` }]);
    assert.equal(r.effects.length, 1);
    // The breach is not this rule's business: the next thing to do is the resolution clock's warning.
    assert.deepEqual(automation.nextWakeUp([r.ticket], { now: T0 + 80 * MINUTE }), { at: iso(T0 + 480 * MINUTE), ticketId: t.id });
    assertNothing(automation.tick(r.ticket, { now: T0 + 100 * MINUTE }), r.ticket);
    const r2 = automation.tick(r.ticket, { now: T0 + 480 * MINUTE });
    assert.deepEqual(r2.fired, [{ ruleId: 'warn', key: `warn:resolution:${iso(T0)}:sla_warning` }]);
  });

  it('a clock met before its warning never warns', () => {
    const t = wf.reply(newTicket(T0), { body: '收到，马上处理。' }, { actor: agent, now: T0 + 30 * MINUTE }).ticket;
    const r = automation.tick(t, { now: T0 + 100 * MINUTE });
    assert.deepEqual(r.fired, [], 'first response was met at 30 minutes');
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: SLA policy escalation steps', () => {
  const policies: SlaPolicy[] = [
    {
      id: 'std',
      targets: { first_response: 60 },
      escalations: [
        { at: 'warning', actions: [{ type: 'notify', to: ['assignee'], channel: 'wechat' }] },
        { at: 'breach', actions: [{ type: 'raise_priority' }] },
        { at: { afterBreach: 30 }, actions: [{ type: 'reassign_group', groupId: 'tier2' }, { type: 'notify', to: ['group_lead'] }] },
      ],
    },
  ];
  const automation = createAutomation({ rules: [], policies });
  const T0 = ms('2026-11-23T02:00:00.000Z');
  const assigned = () => wf.transition(newTicket(T0), 'assign', { actor: agent, now: T0, assigneeId: 'agent-1' }).ticket;

  it('applies each step once, at its moment, recording its key', () => {
    const t = assigned();
    const key = (step: number, action: number) => `${t.id}:std:first_response:${T0}:${step}:${action}`;
    assert.deepEqual(automation.nextWakeUp([t], { now: T0 }), { at: iso(T0 + 48 * MINUTE), ticketId: t.id });
    assertNothing(automation.tick(t, { now: T0 + 48 * MINUTE - 1 }), t);

    const warn = automation.tick(t, { now: T0 + 48 * MINUTE });
    assert.deepEqual(warn.effects, [
      {
        type: 'notify',
        key: key(0, 0),
        ruleId: 'sla:std',
        ticketId: t.id,
        ticketNumber: 'AC-20261120-0001',
        channel: 'wechat_template',
        to: ['assignee'],
        template: 'sla_warning',
        data: { metric: 'first_response', at: iso(T0 + 48 * MINUTE) },
        assigneeId: 'agent-1',
        groupId: 'repair',
        customerId: 'cust-1',
      },
    ]);
    assert.deepEqual(warn.fired, [{ ruleId: 'sla:std', key: key(0, 0) }]);
    assert.deepEqual(types(warn.events), ['automation']);
    assert.equal(warn.ticket.priority, 'normal');
    assertNothing(automation.tick(warn.ticket, { now: T0 + 59 * MINUTE }), warn.ticket);
    assert.deepEqual(automation.nextWakeUp([warn.ticket], { now: T0 + 48 * MINUTE }), { at: iso(T0 + 60 * MINUTE), ticketId: t.id });

    const breach = automation.tick(warn.ticket, { now: T0 + 60 * MINUTE });
    assert.deepEqual(breach.fired, [{ ruleId: 'sla:std', key: key(1, 0) }]);
    assert.equal(breach.ticket.priority, 'high');
    assert.deepEqual(types(breach.events), ['field_changed', 'automation']);
    assert.deepEqual(breach.events[0]!.data, { field: 'priority', from: 'normal', to: 'high' });
    assert.deepEqual(breach.events[0]!.actor, { kind: 'system', id: 'automation:sla:std' });
    assert.deepEqual(breach.effects, []);
    assert.deepEqual(automation.nextWakeUp([breach.ticket], { now: T0 + 60 * MINUTE }), { at: iso(T0 + 90 * MINUTE), ticketId: t.id });

    const after = automation.tick(breach.ticket, { now: T0 + 90 * MINUTE });
    assert.deepEqual(after.fired, [
      { ruleId: 'sla:std', key: key(2, 0) },
      { ruleId: 'sla:std', key: key(2, 1) },
    ]);
    assert.equal(after.ticket.groupId, 'tier2');
    assert.deepEqual(types(after.events), ['field_changed', 'automation', 'automation']);
    assert.deepEqual(after.events[0]!.data, { field: 'groupId', from: 'repair', to: 'tier2' });
    assert.equal(after.effects.length, 1);
    assert.deepEqual(
      { ...after.effects[0]!, key: after.effects[0]!.key },
      {
        type: 'notify',
        key: key(2, 1),
        ruleId: 'sla:std',
        ticketId: t.id,
        ticketNumber: 'AC-20261120-0001',
        channel: 'in_app',
        to: ['group_lead'],
        template: 'sla_after_breach',
        data: { metric: 'first_response', at: iso(T0 + 90 * MINUTE) },
        assigneeId: 'agent-1',
        groupId: 'tier2', // the lead of the group it now belongs to
        customerId: 'cust-1',
      },
    );
    for (const now of [T0 + 90 * MINUTE, T0 + 3 * HOUR, T0 + 2 * DAY]) assertNothing(automation.tick(after.ticket, { now }), after.ticket);
    assert.equal(automation.nextWakeUp([after.ticket], { now: T0 + 90 * MINUTE }), undefined);
    assert.deepEqual(automationEvents(after.ticket).map((e) => e.data.key), [key(0, 0), key(1, 0), key(2, 0), key(2, 1)]);
  });

  it('a late tick applies every step due, in order, once', () => {
    const t = assigned();
    const r = automation.tick(t, { now: T0 + 2 * HOUR });
    assert.equal(r.fired.length, 4);
    assert.deepEqual(r.effects.map((e) => e.template), ['sla_warning', 'sla_after_breach']);
    assert.equal(r.ticket.priority, 'high');
    assert.equal(r.ticket.groupId, 'tier2');
    assertNothing(automation.tick(r.ticket, { now: T0 + 3 * HOUR }), r.ticket);
  });

  it('two raise_priority steps raise twice, whether ticked on time or late', () => {
    const twice = createAutomation({
      rules: [],
      policies: [{ id: 'raise', targets: { first_response: 60 }, escalations: [{ at: 'warning', actions: [{ type: 'raise_priority' }] }, { at: 'breach', actions: [{ type: 'raise_priority' }] }] }],
    });
    const t = assigned();
    const onTime = twice.tick(twice.tick(t, { now: T0 + 48 * MINUTE }).ticket, { now: T0 + 60 * MINUTE }).ticket;
    assert.equal(onTime.priority, 'urgent');
    const late = twice.tick(t, { now: T0 + 2 * HOUR });
    assert.equal(late.ticket.priority, 'urgent');
    assert.deepEqual(
      late.events.filter((e) => e.type === 'field_changed').map((e) => e.data),
      [
        { field: 'priority', from: 'normal', to: 'high' },
        { field: 'priority', from: 'high', to: 'urgent' },
      ],
    );
  });

  it('are left alone with applyPolicyEscalations: false', () => {
    const off = createAutomation({ rules: [], policies, applyPolicyEscalations: false });
    const t = assigned();
    assertNothing(off.tick(t, { now: T0 + 2 * HOUR }), t);
    assert.equal(off.nextWakeUp([t], { now: T0 }), undefined);
  });

  it('stop when the agent answers in time', () => {
    const t = wf.reply(assigned(), { body: '您好，已安排。' }, { actor: agent, now: T0 + 10 * MINUTE }).ticket;
    assertNothing(automation.tick(t, { now: T0 + 2 * HOUR }), t);
    assert.equal(automation.nextWakeUp([t], { now: T0 + 10 * MINUTE }), undefined);
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: no loops', () => {
  const T0 = ms('2026-11-23T02:00:00.000Z');
  /** An agent edit: the event that starts everything. */
  const agentEdit = (t: Ticket, subject: string, at: number) => updateTicket(t, { subject }, { actor: agent, now: at });

  it('a rule on updated that changes a field does not retrigger itself', () => {
    const automation = createAutomation({
      rules: [{ id: 'self', on: { event: 'updated' }, actions: [{ type: 'set_field', field: 'priority', value: 'high' }, { type: 'add_tags', tags: ['touched'] }] }],
    });
    const edit = agentEdit(newTicket(T0), '空调不制冷（加急）', T0);
    const r = automation.handle(edit.ticket, edit.events, { now: T0 });
    assert.deepEqual(ruleIds(r), ['self']);
    assert.deepEqual(types(r.events), ['field_changed', 'field_changed', 'automation']);
    assert.equal(r.ticket.priority, 'high');
    // A client that feeds everything that happened back to `handle` still gets no second run.
    assertNothing(automation.handle(r.ticket, r.events, { now: T0 }), r.ticket);
    assert.equal(automationEvents(r.ticket).length, 1);
    // A person's next edit is a new triggering event.
    const next = agentEdit(r.ticket, '空调不制冷（已加急）', T0 + MINUTE);
    assert.deepEqual(ruleIds(automation.handle(next.ticket, next.events, { now: T0 + MINUTE })), ['self']);
  });

  it('two rules that ping-pong stop within maxCascade and never exceed maxRunsPerTicket', () => {
    const automation = createAutomation({
      rules: [
        { id: 'A', on: { event: 'updated' }, actions: [{ type: 'set_field', field: 'priority', value: 'high' }] },
        { id: 'B', on: { event: 'updated' }, actions: [{ type: 'set_field', field: 'priority', value: 'low' }] },
      ],
    });
    const runs = (t: Ticket, id: string) => automationEvents(t).filter((e) => e.data.ruleId === id).length;
    const edit = agentEdit(newTicket(T0), 'edit 1', T0);
    const r1 = automation.handle(edit.ticket, edit.events, { now: T0 });
    // Default maxCascade 5: each rule fires once per round, on the other's change.
    assert.deepEqual(ruleIds(r1), ['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B']);
    assert.deepEqual(r1.skipped, []);
    assert.equal(r1.ticket.priority, 'low');
    assert.equal(runs(r1.ticket, 'A'), 5);
    assert.equal(runs(r1.ticket, 'B'), 5);

    const edit2 = agentEdit(r1.ticket, 'edit 2', T0 + MINUTE);
    const r2 = automation.handle(edit2.ticket, edit2.events, { now: T0 + MINUTE });
    assert.equal(r2.fired.length, 10);
    assert.equal(runs(r2.ticket, 'A'), 10);
    assert.equal(runs(r2.ticket, 'B'), 10);

    // Default maxRunsPerTicket 10: that is all they will ever do on this ticket.
    const edit3 = agentEdit(r2.ticket, 'edit 3', T0 + 2 * MINUTE);
    const r3 = automation.handle(edit3.ticket, edit3.events, { now: T0 + 2 * MINUTE });
    assert.deepEqual(r3.fired, []);
    assert.deepEqual(r3.events, []);
    assert.deepEqual(r3.skipped, [
      { ruleId: 'A', action: '*', reason: 'reached maxRunsPerTicket (10)' },
      { ruleId: 'B', action: '*', reason: 'reached maxRunsPerTicket (10)' },
    ]);
    // Even fed its own output back, forever, the engine settles.
    let state = r3.ticket;
    let last = r2.events;
    for (let i = 0; i < 5; i++) {
      const r = automation.handle(state, last, { now: T0 + 3 * MINUTE });
      state = r.ticket;
      last = r.events;
    }
    assert.equal(runs(state, 'A'), 10);
    assert.equal(runs(state, 'B'), 10);
  });

  it('maxCascade and maxRunsPerTicket are configurable', () => {
    const automation = createAutomation({
      maxCascade: 2,
      rules: [
        { id: 'A', on: { event: 'updated' }, maxRunsPerTicket: 3, actions: [{ type: 'set_field', field: 'priority', value: 'high' }] },
        { id: 'B', on: { event: 'updated' }, maxRunsPerTicket: 3, actions: [{ type: 'set_field', field: 'priority', value: 'low' }] },
      ],
    });
    const edit = agentEdit(newTicket(T0), 'edit 1', T0);
    const r1 = automation.handle(edit.ticket, edit.events, { now: T0 });
    assert.deepEqual(ruleIds(r1), ['A', 'B', 'A', 'B']);
    const edit2 = agentEdit(r1.ticket, 'edit 2', T0 + MINUTE);
    const r2 = automation.handle(edit2.ticket, edit2.events, { now: T0 + MINUTE });
    assert.deepEqual(ruleIds(r2), ['A', 'B']);
    assert.deepEqual(r2.skipped, [
      { ruleId: 'A', action: '*', reason: 'reached maxRunsPerTicket (3)' },
      { ruleId: 'B', action: '*', reason: 'reached maxRunsPerTicket (3)' },
    ]);
  });

  it('a time rule fires once per period even if its actions produce events', () => {
    const automation = createAutomation({
      rules: [
        { id: 'escalate-new', on: { time: 'in_status', status: 'new', minutes: 30 }, actions: [{ type: 'transition', action: 'escalate', note: '30 分钟无人接单' }, { type: 'set_field', field: 'priority', value: 'high' }] },
      ],
    });
    const t = newTicket(T0);
    const r = automation.tick(t, { now: T0 + 30 * MINUTE });
    assert.deepEqual(ruleIds(r), ['escalate-new']);
    assert.equal(r.ticket.escalationLevel, 1);
    assert.equal(r.ticket.status, 'new');
    assertNothing(automation.tick(r.ticket, { now: T0 + 2 * HOUR }), r.ticket);
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: refused workflow actions', () => {
  const T0 = ms('2026-11-23T02:00:00.000Z');

  it('a transition the workflow does not allow from this status is reported in skipped', () => {
    const automation = createAutomation({ rules: [{ id: 'too-soon', on: { event: 'created' }, actions: [{ type: 'transition', action: 'resolve', note: 'x' }, { type: 'add_tags', tags: ['seen'] }] }] });
    const t = newTicket(T0);
    const r = automation.handle(t, t.events, { now: T0 });
    assert.deepEqual(ruleIds(r), ['too-soon']);
    assert.equal(r.skipped.length, 1);
    assert.equal(r.skipped[0]!.ruleId, 'too-soon');
    assert.equal(r.skipped[0]!.action, 'transition');
    assert.match(r.skipped[0]!.reason, /^INVALID_TRANSITION: /);
    assert.equal(r.ticket.status, 'new');
    assert.deepEqual(r.ticket.tags, ['seen']);
  });

  it('a guard refusal (no resolution note; close before 3 days) is reported in skipped', () => {
    const automation = createAutomation({
      rules: [
        { id: 'resolve-bare', on: { event: 'customer_replied' }, actions: [{ type: 'transition', action: 'resolve' }] },
        { id: 'close-early', on: { time: 'in_status', status: 'resolved', minutes: 1440 }, actions: [{ type: 'transition', action: 'close' }] },
        { id: 'agent-only', on: { event: 'customer_replied' }, actions: [{ type: 'transition', action: 'start' }] },
      ],
    });
    const replied = wf.reply(inProgress(T0), { body: '怎么样了？' }, { actor: customer, now: T0 });
    const r = automation.handle(replied.ticket, replied.events, { now: T0 });
    assert.deepEqual(r.skipped.map((s) => [s.ruleId, s.action, s.reason.split(':')[0]]), [
      ['resolve-bare', 'transition', 'GUARD_FAILED'],
      ['agent-only', 'transition', 'INVALID_TRANSITION'],
    ]);
    assert.equal(r.ticket.status, 'in_progress');

    const resolved = wf.transition(inProgress(T0), 'resolve', { actor: agent, now: T0, note: '已修复。' }).ticket;
    const early = automation.tick(resolved, { now: T0 + DAY });
    assert.deepEqual(ruleIds(early), ['close-early']);
    assert.deepEqual(early.skipped.map((s) => [s.ruleId, s.action, s.reason.split(':')[0]]), [['close-early', 'transition', 'GUARD_FAILED']]);
    assert.equal(early.ticket.status, 'resolved');
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: rule validation', () => {
  const ok = { type: 'add_tags', tags: ['x'] } as const;
  const compile = (rules: unknown[], extra: Record<string, unknown> = {}) => () => createAutomation({ rules: rules as AutomationRule[], ...extra });
  const pathOf = (rules: unknown[], extra: Record<string, unknown> = {}) => ruleError(compile(rules, extra)).path;

  it('names the bad trigger', () => {
    assert.equal(pathOf([{ id: 'r', on: { event: 'deleted' }, actions: [ok] }]), 'rules[0].on.event');
    assert.equal(pathOf([{ id: 'r', on: { time: 'hourly' }, actions: [ok] }]), 'rules[0].on');
    assert.equal(pathOf([{ id: 'r', on: {}, actions: [ok] }]), 'rules[0].on');
    assert.equal(pathOf([{ id: 'r', actions: [ok] }]), 'rules[0].on');
    assert.equal(pathOf([{ id: 'r', on: { time: 'idle', minutes: 0 }, actions: [ok] }]), 'rules[0].on.minutes');
    assert.equal(pathOf([{ id: 'r', on: { time: 'idle', minutes: -5 }, actions: [ok] }]), 'rules[0].on.minutes');
    assert.equal(pathOf([{ id: 'r', on: { time: 'idle' }, actions: [ok] }]), 'rules[0].on.minutes');
    assert.equal(pathOf([{ id: 'r', on: { time: 'in_status', minutes: 60 }, actions: [ok] }]), 'rules[0].on.status');
    assert.equal(pathOf([{ id: 'r', on: { time: 'sla_breached', metric: 'first_reply' }, actions: [ok] }]), 'rules[0].on.metric');
    const e = ruleError(compile([ok].map(() => ({ id: 'r', on: { event: 'deleted' }, actions: [ok] }))));
    assert.match(e.message, /unknown event "deleted"/);
  });

  it('refuses an unknown calendarId', () => {
    const calendars = { shanghai };
    assert.equal(pathOf([{ id: 'r', on: { time: 'idle', minutes: 60, calendarId: 'beijing' }, actions: [ok] }], { calendars }), 'rules[0].on.calendarId');
    assert.equal(pathOf([{ id: 'r', on: { time: 'in_status', status: 'new', minutes: 60, calendarId: 'beijing' }, actions: [ok] }]), 'rules[0].on.calendarId');
    assert.doesNotThrow(compile([{ id: 'r', on: { time: 'idle', minutes: 60, calendarId: 'shanghai' }, actions: [ok] }], { calendars }));
  });

  it('names the bad action', () => {
    const rule = (action: unknown) => [{ id: 'r', on: { event: 'created' }, actions: [ok, action] }];
    assert.equal(pathOf(rule({ type: 'delete_ticket' })), 'rules[0].actions[1].type');
    assert.equal(pathOf(rule({ type: 'notify', channel: 'sms', to: [], template: 't' })), 'rules[0].actions[1].to');
    assert.equal(pathOf(rule({ type: 'notify', channel: 'sms', template: 't' })), 'rules[0].actions[1].to');
    assert.equal(pathOf(rule({ type: 'notify', channel: 'fax', to: ['customer'], template: 't' })), 'rules[0].actions[1].channel');
    assert.equal(pathOf(rule({ type: 'notify', channel: 'sms', to: ['customer'] })), 'rules[0].actions[1].template');
    assert.equal(pathOf(rule({ type: 'set_field', field: 'priority', value: 'asap' })), 'rules[0].actions[1].value');
    assert.equal(pathOf(rule({ type: 'set_field', field: 'status', value: 'closed' })), 'rules[0].actions[1].field');
    assert.equal(pathOf(rule({ type: 'add_tags', tags: [] })), 'rules[0].actions[1].tags');
    assert.equal(pathOf(rule({ type: 'assign' })), 'rules[0].actions[1]');
    assert.equal(pathOf(rule({ type: 'transition' })), 'rules[0].actions[1].action');
    assert.equal(pathOf(rule({ type: 'add_note', body: '  ' })), 'rules[0].actions[1].body');
    assert.equal(pathOf([{ id: 'r', on: { event: 'created' }, actions: [] }]), 'rules[0].actions');
  });

  it('refuses duplicate ids, missing ids, bad conditions and caps', () => {
    const rule = (id: string) => ({ id, on: { event: 'created' }, actions: [ok] });
    const dup = ruleError(compile([rule('a'), rule('b'), rule('a')]));
    assert.equal(dup.path, 'rules[2].id');
    assert.match(dup.message, /"a" is used twice/);
    assert.equal(pathOf([{ on: { event: 'created' }, actions: [ok] }]), 'rules[0].id');
    // A rule acts as `automation:<id>`: an id the workflow would refuse as an actor is refused here.
    assert.equal(pathOf([rule('vip note')]), 'rules[0].id');
    assert.equal(pathOf([rule('x'.repeat(118))]), 'rules[0].id');
    const longest = createAutomation({ rules: [{ id: 'x'.repeat(117), on: { event: 'created' }, actions: [{ type: 'add_note', body: 'note' }] }] });
    const t = newTicket('2026-11-23T02:00:00.000Z');
    const r = longest.handle(t, t.events, { now: '2026-11-23T02:00:00.000Z' });
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(types(r.events), ['note', 'automation']);
    assert.equal(pathOf([{ ...rule('a'), name: 'n'.repeat(101) }]), 'rules[0].name');
    assert.doesNotThrow(compile([{ ...rule('a'), name: 'VIP 2 小时未首响' }]));
    assert.equal(pathOf([rule('a'), { ...rule('b'), when: { field: 'colour', op: 'eq', value: 'red' } }]), 'rules[1].when.field');
    assert.equal(pathOf([{ ...rule('a'), when: { field: 'priority', op: 'eq', value: 'asap' } }]), 'rules[0].when.value');
    assert.equal(pathOf([{ ...rule('a'), maxRunsPerTicket: 0 }]), 'rules[0].maxRunsPerTicket');
    assert.equal(pathOf([{ ...rule('a'), maxRunsPerTicket: 1.5 }]), 'rules[0].maxRunsPerTicket');
    assert.equal(ruleError(() => createAutomation({ rules: 'none' as unknown as AutomationRule[] })).path, 'rules');
  });
});

// ---------------------------------------------------------------------------------------------

describe('automation: nextWakeUp across tickets', () => {
  const T = ms('2026-11-23T02:00:00.000Z');
  const automation = createAutomation({
    calendars: { shanghai },
    policies: [{ id: 'vip', conditions: { tier: ['vip'] }, calendarId: 'shanghai', targets: { first_response: 120 } }],
    rules: [
      { id: 'remind', on: { time: 'in_status', status: 'pending_customer', minutes: 3 * 1440 }, actions: [{ type: 'notify', channel: 'sms', to: ['customer'], template: 'please_reply' }] },
      { id: 'vip-breach', on: { time: 'sla_breached', metric: 'first_response' }, actions: [{ type: 'notify', channel: 'sms', to: ['group_lead'], template: 'vip' }] },
    ],
  });
  const pendingSince = (at: number) =>
    wf.transition(inProgress(at - HOUR), 'request_info', { actor: agent, now: at, note: '请补充信息。' }).ticket;

  it('returns the earliest moment and its ticket', () => {
    const a = pendingSince(T);
    const b = pendingSince(T - DAY);
    const c = newTicket(T); // nothing to do
    assert.deepEqual(automation.nextWakeUp([a, b, c], { now: T }), { at: iso(T + 2 * DAY), ticketId: b.id });
    assert.deepEqual(automation.nextWakeUp(new Set([c, a]), { now: T }), { at: iso(T + 3 * DAY), ticketId: a.id });
    // Monday 10:00 Shanghai + 120 business minutes = 12:00, the last minute before lunch: earlier than any reminder.
    const vip = vipTicket(T);
    assert.deepEqual(automation.nextWakeUp([a, b, vip, c], { now: T }), { at: '2026-11-23T04:00:00.000Z', ticketId: vip.id });
    // Created at 11:00, the clock stops for lunch: 60 minutes before, 60 after 13:30, due at 14:30.
    const vipLater = vipTicket(T + HOUR);
    assert.deepEqual(automation.nextWakeUp([a, vipLater], { now: T + HOUR }), { at: '2026-11-23T06:30:00.000Z', ticketId: vipLater.id });
    // Once b is reminded, a is next.
    const bDone = automation.tick(b, { now: T + 2 * DAY }).ticket;
    assert.deepEqual(automation.nextWakeUp([a, bDone, c], { now: T + 2 * DAY }), { at: iso(T + 3 * DAY), ticketId: a.id });
  });

  it('returns undefined when nothing is scheduled', () => {
    assert.equal(automation.nextWakeUp([], { now: T }), undefined);
    assert.equal(automation.nextWakeUp([newTicket(T)], { now: T }), undefined);
  });
});
