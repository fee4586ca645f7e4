// The router against the plain reference implementation (routing-reference.ts) on random
// tickets, agents, rule sets and contexts: every decision field must agree.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createCalendar,
  createRouter,
  foldText,
  type Agent,
  type AgentLoad,
  type Condition,
  type FieldCondition,
  type GeoPoint,
  type Priority,
  type RouteContext,
  type RoutingActions,
  type RoutingRule,
  type RoutingStrategy,
  type Ticket,
} from '../../src/index.js';
import { buildTicket } from '../../src/testing/index.js';
import { referenceFold, referenceRoute, type ReferenceContext } from './routing-reference.js';

const RUNS = Number(process.env.ROUTING_PROPERTY_RUNS ?? 400);

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
const GROUPS = ['g1', 'g2', 'g3'];
const SKILLS = ['ac', 'washer', 'fridge', 'en'];
const TAGS = ['vip', 'warranty', '以旧换新', 'repeat', 'urgent'];
const AGENT_IDS = Array.from({ length: 12 }, (_, i) => `a${i.toString().padStart(2, '0')}`);
const CITIES: GeoPoint[] = [
  { lat: 31.2304, lng: 121.4737 }, // Shanghai
  { lat: 31.2989, lng: 120.5853 }, // Suzhou
  { lat: 39.9042, lng: 116.4074 }, // Beijing
  { lat: 23.1291, lng: 113.2644 }, // Guangzhou
];
const SUBJECTS = [
  '请开具发票', '发票抬头错了', 'Please send the INVOICE', 'ＩＮＶＯＩＣＥ request', 'invoice', '空调不制冷', 'Air conditioner not cooling',
  '洗衣机漏水', 'Washer leaking', 'Café machine broken', '退货申请', 'Return request', '投诉：安装师傅迟到', 'Complaint about installer',
  '冰箱噪音大', 'fridge NOISE', '安装预约', 'Installation booking',
];
const DESCRIPTIONS = ['', '显示 E1', '订单号 JD20261122', 'Order JD20261122, error E4', 'Le café est froid', '需要上门', 'urgent!! 尽快', 'Ｅ５ code'];
const KEYWORDS = ['发票', 'invoice', 'ＩＮＶＯＩＣＥ', 'Invoice', '空调', 'cooling', '漏水', 'leak', 'cafe', 'CAFÉ', '退货', 'return', '投诉', 'complaint', 'e1', 'Ｅ５', 'jd2026', '安装', 'noise'];
const MODELS = ['KFR-35GW', 'KFR-72LW', 'XQB80', 'BCD-500'];

const NOW_OPTIONS = ['2026-11-22T01:00:00.000Z', '2026-11-23T02:00:00.000Z', '2026-11-23T13:00:00.000Z'];
const workweek: Array<[string, string]> = [['09:00', '18:00']];
const CALENDARS = {
  day: createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: workweek, tue: workweek, wed: workweek, thu: workweek, fri: workweek } }),
  night: createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: [['18:00', '24:00']], tue: [['00:00', '09:00']], sun: [['00:00', '24:00']] } }),
};

// ---------------------------------------------------------------- generators

// Near a city: often within a few km (so distance bands tie), sometimes tens of km out.
const jitter = fc.oneof({ arbitrary: fc.double({ min: -0.05, max: 0.05, noNaN: true }), weight: 3 }, { arbitrary: fc.double({ min: -0.6, max: 0.6, noNaN: true }), weight: 1 });
const point = fc.tuple(fc.constantFrom(...CITIES), jitter, jitter).map(([c, dLat, dLng]) => ({ lat: c.lat + dLat, lng: c.lng + dLng }));

const subset = <T>(items: readonly T[], max = items.length) => fc.subarray([...items], { maxLength: max });

const baseTicket = buildTicket();
const ticketArb: fc.Arbitrary<Ticket> = fc
  .record(
    {
      type: fc.constantFrom('repair', 'complaint', 'consultation', 'return', 'installation'),
      priority: fc.constantFrom(...PRIORITIES),
      channel: fc.constantFrom('web', 'email', 'wechat', 'phone', 'mini-program' as const),
      tier: fc.constantFrom('vip', 'standard', 'gold'),
      category: fc.option(fc.constantFrom('cooling', 'billing', 'noise'), { nil: undefined }),
      subject: fc.constantFrom(...SUBJECTS),
      description: fc.constantFrom(...DESCRIPTIONS),
      tags: subset(TAGS, 3),
      location: fc.oneof(fc.constant(undefined), fc.constant({ address: '某地' }), point.map((p) => ({ address: '上门地址', ...p }))),
      model: fc.option(fc.constantFrom(...MODELS), { nil: undefined }),
      region: fc.option(fc.constantFrom('east', 'west', 'south', 'East'), { nil: undefined }),
      amount: fc.option(fc.integer({ min: -50, max: 3000 }), { nil: undefined }),
      parts: fc.option(subset(['compressor', 'fan', 'motor'], 2), { nil: undefined }),
      escalationLevel: fc.integer({ min: 0, max: 3 }),
      reopenCount: fc.integer({ min: 0, max: 2 }),
      score: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      groupId: fc.option(fc.constantFrom(...GROUPS), { nil: undefined }),
    },
    { requiredKeys: [] },
  )
  .map((r) => {
    const t: Ticket = {
      ...baseTicket,
      type: r.type ?? 'repair',
      priority: r.priority ?? 'normal',
      channel: r.channel ?? 'web',
      customer: { ...baseTicket.customer, tier: r.tier ?? 'standard' },
      subject: r.subject ?? '空调不制冷',
      description: r.description ?? '',
      tags: r.tags ?? [],
      escalationLevel: r.escalationLevel ?? 0,
      reopenCount: r.reopenCount ?? 0,
      customFields: {},
    };
    if (r.category !== undefined) t.category = r.category;
    if (r.location !== undefined) t.location = r.location;
    if (r.model !== undefined) t.product = { model: r.model, serialNumber: `SN${r.model.length}0001` };
    else delete t.product;
    if (r.region !== undefined) t.customFields.region = r.region;
    if (r.amount !== undefined) t.customFields.amount = r.amount;
    if (r.parts !== undefined) t.customFields.parts = r.parts;
    if (r.score !== undefined) t.satisfaction = { score: r.score, at: baseTicket.createdAt };
    if (r.groupId !== undefined) t.groupId = r.groupId;
    return t;
  });

const fieldCondition: fc.Arbitrary<FieldCondition> = fc.oneof(
  fc.record({ field: fc.constantFrom('type' as const), op: fc.constantFrom('eq' as const, 'neq' as const), value: fc.constantFrom('repair', 'complaint', 'return') }),
  fc.record({ field: fc.constantFrom('channel' as const, 'type' as const), op: fc.constantFrom('in' as const, 'not_in' as const), value: subset(['web', 'email', 'wechat', 'repair', 'installation']).filter((a) => a.length > 0) }),
  fc.record({ field: fc.constantFrom('customer.tier' as const), op: fc.constantFrom('eq' as const, 'neq' as const), value: fc.constantFrom('vip', 'gold') }),
  fc.record({ field: fc.constantFrom('category' as const, 'product.model' as const, 'group' as const, 'location' as const, 'tags' as const, 'satisfaction.score' as const, 'customFields.region' as const, 'customFields.parts' as const, 'description' as const), op: fc.constantFrom('exists' as const, 'not_exists' as const) }),
  fc.record({ field: fc.constantFrom('product.model' as const), op: fc.constantFrom('starts_with' as const), value: fc.constantFrom('KFR', 'kfr', 'XQ', 'BCD-') }),
  fc.record({ field: fc.constantFrom('product.serialNumber' as const, 'product.model' as const), op: fc.constantFrom('matches' as const), value: fc.constantFrom('^SN8', '^kfr-\\d+', 'GW$', '^(XQB|BCD)') }),
  fc.record({ field: fc.constantFrom('priority' as const), op: fc.constantFrom('eq' as const, 'neq' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const), value: fc.constantFrom(...PRIORITIES) }),
  fc.record({ field: fc.constantFrom('priority' as const), op: fc.constantFrom('in' as const, 'not_in' as const), value: subset(PRIORITIES).filter((a) => a.length > 0) }),
  fc.record({ field: fc.constantFrom('escalationLevel' as const, 'reopenCount' as const, 'satisfaction.score' as const, 'customFields.amount' as const), op: fc.constantFrom('eq' as const, 'neq' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const), value: fc.integer({ min: -10, max: 5 }) }),
  fc.record({ field: fc.constantFrom('subject' as const, 'description' as const, 'text' as const, 'customFields.region' as const), op: fc.constantFrom('contains' as const, 'not_contains' as const, 'starts_with' as const), value: fc.constantFrom(...KEYWORDS, 'EA', 'please', '请') }),
  fc.record({ field: fc.constantFrom('subject' as const, 'text' as const), op: fc.constantFrom('contains_any' as const), value: subset(KEYWORDS, 3).filter((a) => a.length > 0) }),
  fc.record({ field: fc.constantFrom('subject' as const, 'description' as const, 'text' as const), op: fc.constantFrom('matches' as const), value: fc.constantFrom('发票|invoice', '^please', 'e\\d', 'jd\\d{8}', '^ＩＮＶ', 'caf[eé]') }),
  fc.record({ field: fc.constantFrom('subject' as const), op: fc.constantFrom('eq' as const, 'neq' as const), value: fc.constantFrom('INVOICE', 'invoice', '请开具发票', 'ｉｎｖｏｉｃｅ') }),
  fc.record({ field: fc.constantFrom('tags' as const), op: fc.constantFrom('has' as const), value: fc.constantFrom(...TAGS) }),
  fc.record({ field: fc.constantFrom('tags' as const), op: fc.constantFrom('has_any' as const, 'has_all' as const), value: subset(TAGS, 3).filter((a) => a.length > 0) }),
  fc.record({ field: fc.constantFrom('customFields.parts' as const), op: fc.constantFrom('has' as const), value: fc.constantFrom('fan', 'motor') }),
  fc.record({ field: fc.constantFrom('customFields.region' as const), op: fc.constantFrom('eq' as const, 'in' as const), value: fc.constantFrom('east', 'East') }).map((c) => (c.op === 'in' ? { ...c, value: [c.value] } : c)),
  fc.record({ field: fc.constantFrom('location' as const), op: fc.constantFrom('within_km' as const), value: fc.record({ lat: fc.constantFrom(...CITIES.map((c) => c.lat)), lng: fc.constantFrom(...CITIES.map((c) => c.lng)), km: fc.constantFrom(10, 30, 80, 2000) }) }),
);

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ cond: Condition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: fieldCondition, weight: 5 },
    { arbitrary: fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })), weight: 1 },
    { arbitrary: fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })), weight: 1 },
    { arbitrary: tie('cond').map((not) => ({ not })), weight: 1 },
  ),
})).cond;

const strategyArb: fc.Arbitrary<RoutingStrategy | RoutingStrategy[]> = fc.oneof(
  fc.constantFrom<RoutingStrategy>('round_robin', 'least_loaded', 'skills', 'nearest'),
  fc.shuffledSubarray<RoutingStrategy>(['round_robin', 'least_loaded', 'skills', 'nearest'], { minLength: 1 }),
);

/** `arb` in `percent` % of cases, otherwise undefined. */
const maybe = <T>(arb: fc.Arbitrary<T>, percent: number) =>
  fc.oneof({ arbitrary: arb, weight: percent }, { arbitrary: fc.constant(undefined), weight: 100 - percent });

const actionsArb: fc.Arbitrary<RoutingActions> = fc
  .record({
    group: maybe(fc.constantFrom(...GROUPS, 'empty'), 60),
    priority: maybe(fc.constantFrom(...PRIORITIES), 25),
    tags: maybe(subset(TAGS, 2).filter((a) => a.length > 0), 25),
    assignee: maybe(fc.constantFrom(...AGENT_IDS.slice(0, 10), 'ghost'), 15),
    strategy: maybe(strategyArb, 65),
    requiredSkills: maybe(fc.subarray(SKILLS, { minLength: 1, maxLength: 2 }), 30),
    serviceRadiusKm: maybe(fc.constantFrom(5, 20, 60, 200), 30),
  })
  .map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as RoutingActions)
  .filter((a) => Object.keys(a).length > 0);

const rulesArb: fc.Arbitrary<RoutingRule[]> = fc
  .array(fc.record({ when: fc.option(conditionArb, { nil: undefined, freq: 4 }), actions: actionsArb, continue: fc.boolean() }), { minLength: 1, maxLength: 8 })
  .map((rs) =>
    rs.map((r, i) => {
      const rule: RoutingRule = { id: `r${i}`, actions: r.actions };
      if (r.when !== undefined) rule.when = r.when;
      // A catch-all may only be last unless it continues.
      if (r.continue || (r.when === undefined && i < rs.length - 1)) rule.continue = true;
      return rule;
    }),
  );

const agentsArb: fc.Arbitrary<Agent[]> = fc
  .uniqueArray(
    fc.record(
      {
        id: fc.constantFrom(...AGENT_IDS),
        groupIds: fc.subarray(GROUPS, { minLength: 1, maxLength: 2 }),
        skills: fc.subarray(SKILLS, { minLength: 1 }),
        capacity: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        seniority: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        status: fc.option(fc.constantFrom('online' as const, 'online' as const, 'online' as const, 'away' as const, 'offline' as const), { nil: undefined, freq: 2 }),
        location: fc.option(point, { nil: undefined, freq: 5 }),
        calendarId: fc.option(fc.constantFrom('day', 'night', 'unknown'), { nil: undefined, freq: 4 }),
      },
      { requiredKeys: ['id', 'groupIds', 'skills'] },
    ),
    { selector: (a) => a.id, minLength: 2, maxLength: 12, size: 'large' },
  )
  .map((list) => list.map((a) => ({ name: a.id, role: 'agent' as const, ...a })) as Agent[]);

const loadArb: fc.Arbitrary<AgentLoad> = fc.oneof(
  fc.record({ open: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ open: fc.integer({ min: 0, max: 6 }), weighted: fc.integer({ min: 0, max: 20 }).map((w) => w / 2) }),
);

const contextArb: fc.Arbitrary<RouteContext & ReferenceContext> = fc
  .record({
    now: fc.constantFrom(...NOW_OPTIONS),
    loads: fc.dictionary(fc.constantFrom(...AGENT_IDS), loadArb, { maxKeys: 8 }),
    roundRobin: fc.dictionary(fc.constantFrom(...GROUPS, '*'), fc.constantFrom(...AGENT_IDS, 'a05x', ''), { maxKeys: 4 }),
    positions: fc.dictionary(fc.constantFrom(...AGENT_IDS), point, { maxKeys: 3 }),
    withCalendars: fc.boolean(),
  })
  .map(({ withCalendars, ...c }) => (withCalendars ? { ...c, calendars: CALENDARS } : c));

const configArb = fc.record({
  priorityWeights: fc.option(fc.record({ low: fc.constantFrom(0.5, 1), urgent: fc.constantFrom(3, 5) }), { nil: undefined }),
  distanceBandKm: fc.option(fc.constantFrom(1, 5, 20), { nil: undefined }),
});

// ---------------------------------------------------------------- properties

function decisionOf(r: { assignee?: string; group?: string; priority?: Priority; tags: string[]; requiredSkills: string[]; roundRobin: object }, queued: boolean) {
  return { assignee: r.assignee, group: r.group, priority: r.priority, tags: r.tags, requiredSkills: r.requiredSkills, queued, roundRobin: { ...r.roundRobin } };
}

describe('router = reference (random rules, tickets, agents, contexts)', () => {
  it(`route agrees with referenceRoute on assignee, group, priority, tags, queue and state (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(rulesArb, fc.array(ticketArb, { minLength: 1, maxLength: 4 }), agentsArb, contextArb, configArb, (rules, tickets, agents, context, config) => {
        const options = { ...(config.priorityWeights ? { priorityWeights: config.priorityWeights } : {}), ...(config.distanceBandKm !== undefined ? { distanceBandKm: config.distanceBandKm } : {}) };
        const router = createRouter({ rules, ...options });
        for (const t of tickets) {
          const actual = router.route(t, agents, context);
          const expected = referenceRoute(rules, t, agents, context, options);
          const { queued: expectedQueued, ...rest } = expected;
          assert.deepEqual(decisionOf(actual, actual.trace.queued !== undefined), { ...decisionOf(rest, expectedQueued) }, `ticket ${t.subject}`);
          // The trace agrees with the decision.
          const chosen = actual.trace.candidates.filter((c) => c.chosen);
          if (actual.assignee !== undefined) {
            assert.deepEqual(chosen.map((c) => c.agentId), [actual.assignee]);
            assert.equal(actual.trace.queued, undefined);
          } else assert.equal(chosen.length, 0);
          assert.ok(actual.trace.matchedRules.length <= rules.length);
          for (const c of actual.trace.candidates) assert.ok(c.chosen || c.reason !== undefined, `${c.agentId} has a reason`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('dryRun agrees with routing the reference ticket by ticket, carrying loads and round-robin state', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(ticketArb, { minLength: 1, maxLength: 12 }), agentsArb, contextArb, (rules, tickets, agents, context) => {
        const report = createRouter({ rules }).dryRun(tickets, agents, context);
        const loads: Record<string, { open: number; weighted?: number }> = Object.fromEntries(Object.entries(context.loads ?? {}).map(([k, v]) => [k, { ...v }]));
        let roundRobin = context.roundRobin ?? {};
        const weights: Record<Priority, number> = { low: 0.5, normal: 1, high: 2, urgent: 3 };
        let queued = 0;
        tickets.forEach((t, i) => {
          const expected = referenceRoute(rules, t, agents, { ...context, loads, roundRobin });
          const actual = report.results[i]!.result;
          assert.equal(actual.assignee, expected.assignee, `ticket ${i}`);
          assert.equal(actual.group, expected.group);
          roundRobin = expected.roundRobin;
          if (expected.assignee === undefined) queued += 1;
          else {
            const before = loads[expected.assignee];
            const weighted = before === undefined ? 0 : before.weighted ?? before.open * weights.normal;
            loads[expected.assignee] = { open: (before?.open ?? 0) + 1, weighted: weighted + weights[expected.priority ?? t.priority] };
          }
        });
        assert.equal(report.queued, queued);
        assert.equal(Object.values(report.byAssignee).reduce((a, b) => a + b, 0), tickets.length - queued);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('one router across calls on the same agents array and loads object, changed in place between calls, agrees with the reference on every call', () => {
    // What the contract lets change in place (docs/routing.md, "Speed"): an agent's status,
    // capacity and calendar, the numbers in a load entry, a new entry for an agent that had
    // none; and `now` from call to call.
    const change = fc.oneof(
      fc.record({ kind: fc.constant('status' as const), agent: fc.nat(11), status: fc.constantFrom('online' as const, 'away' as const, 'offline' as const, undefined) }),
      fc.record({ kind: fc.constant('capacity' as const), agent: fc.nat(11), capacity: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }) }),
      fc.record({ kind: fc.constant('calendar' as const), agent: fc.nat(11), calendarId: fc.constantFrom('day', 'night', 'unknown', undefined) }),
      fc.record({ kind: fc.constant('load' as const), id: fc.constantFrom(...AGENT_IDS), open: fc.integer({ min: 0, max: 6 }), weighted: fc.option(fc.integer({ min: 0, max: 20 }).map((w) => w / 2), { nil: undefined }) }),
      fc.record({ kind: fc.constant('now' as const), now: fc.constantFrom(...NOW_OPTIONS) }),
    );
    fc.assert(
      fc.property(rulesArb, fc.array(fc.tuple(ticketArb, fc.array(change, { maxLength: 3 })), { minLength: 2, maxLength: 6 }), agentsArb, contextArb, (rules, steps, generated, generatedContext) => {
        // Copies: the property changes them in place.
        const agents: Agent[] = structuredClone(generated);
        const loads: Record<string, AgentLoad> = structuredClone(generatedContext.loads ?? {});
        const context = { ...generatedContext, loads };
        const router = createRouter({ rules });
        for (const [t, changes] of steps) {
          for (const c of changes) {
            if (c.kind === 'status') agents[c.agent % agents.length]!.status = c.status;
            else if (c.kind === 'capacity') agents[c.agent % agents.length]!.capacity = c.capacity;
            else if (c.kind === 'calendar') agents[c.agent % agents.length]!.calendarId = c.calendarId;
            else if (c.kind === 'now') context.now = c.now;
            else {
              const entry = loads[c.id];
              if (entry === undefined) loads[c.id] = c.weighted === undefined ? { open: c.open } : { open: c.open, weighted: c.weighted };
              else {
                entry.open = c.open;
                if (c.weighted === undefined) delete entry.weighted;
                else entry.weighted = c.weighted;
              }
            }
          }
          const expected = referenceRoute(rules, t, agents, context);
          const actual = router.route(t, agents, context);
          const { queued: expectedQueued, ...rest } = expected;
          assert.deepEqual(decisionOf(actual, actual.trace.queued !== undefined), decisionOf(rest, expectedQueued), `ticket ${t.subject}`);
          context.roundRobin = actual.roundRobin;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('ranking: strategy chains over a crowd of available agents near the ticket agree with the reference', () => {
    const near = fc.tuple(fc.double({ min: -0.08, max: 0.08, noNaN: true }), fc.double({ min: -0.08, max: 0.08, noNaN: true })).map(([a, b]) => ({ lat: 31.23 + a, lng: 121.47 + b }));
    const crowd = fc.uniqueArray(
      fc.record({ id: fc.constantFrom(...AGENT_IDS), skills: fc.subarray(SKILLS, { minLength: 1 }), seniority: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), location: near }),
      { selector: (a) => a.id, minLength: 2, maxLength: 12 },
    );
    fc.assert(
      fc.property(
        strategyArb,
        fc.option(fc.subarray(SKILLS, { minLength: 1, maxLength: 1 }), { nil: undefined }),
        crowd,
        near,
        fc.boolean(),
        fc.dictionary(fc.constantFrom(...AGENT_IDS), fc.integer({ min: 0, max: 4 }).map((w) => ({ open: w, weighted: w / 2 })), { maxKeys: 6 }),
        fc.constantFrom(...AGENT_IDS, 'a05x'),
        fc.constantFrom(1, 2, 5),
        (strategy, requiredSkills, people, where, vip, loads, last, distanceBandKm) => {
          const rules: RoutingRule[] = [{ id: 'one', actions: { group: 'g', strategy, ...(requiredSkills ? { requiredSkills } : {}) } }];
          const agents: Agent[] = people.map((p) => ({ ...p, name: p.id, role: 'agent', groupIds: ['g'] }));
          const t: Ticket = { ...baseTicket, location: { address: '上海', ...where }, customer: { ...baseTicket.customer, tier: vip ? 'vip' : 'standard' } };
          const context = { now: NOW_OPTIONS[0], loads, roundRobin: { g: last } };
          const actual = createRouter({ rules, distanceBandKm }).route(t, agents, context);
          const expected = referenceRoute(rules, t, agents, context, { distanceBandKm });
          assert.equal(actual.assignee, expected.assignee);
          assert.deepEqual(actual.roundRobin, expected.roundRobin);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('foldText = NFKC, lower case, accents dropped, on text mixing scripts, widths, accents and symbols', () => {
    const units = [...'AZaz09 #\n\t.,-/()é', 'É', 'İ', 'Σ', 'ß', '\u0301', '\u3000', '、', '。', '，', '：', 'Ａ', 'ｚ', '１', '发', '票', '\u4e00', '\u9fff', '\u3400', '\ua000', '㈱', '①', 'ﬁ', '😀', '가', 'Ω', 'ｶ', '\u0300', '\u036f'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        assert.equal(foldText(text), referenceFold(text), JSON.stringify(text));
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('round robin over many tickets gives every available agent a fair share', () => {
    fc.assert(
      fc.property(agentsArb.filter((a) => a.length > 0), fc.integer({ min: 1, max: 40 }), (agents, n) => {
        const plain = agents.map((a) => ({ ...a, status: 'online' as const, capacity: undefined, calendarId: undefined, groupIds: ['g'] }));
        const router = createRouter({ rules: [{ id: 'rr', actions: { group: 'g', strategy: 'round_robin' } }] });
        let state = {};
        const counts = new Map<string, number>();
        for (let i = 0; i < n; i++) {
          const r = router.route(baseTicket, plain, { roundRobin: state, now: NOW_OPTIONS[0] });
          counts.set(r.assignee!, (counts.get(r.assignee!) ?? 0) + 1);
          state = r.roundRobin;
        }
        const values = plain.map((a) => counts.get(a.id) ?? 0);
        assert.ok(Math.max(...values) - Math.min(...values) <= 1, `uneven: ${values.join(',')}`);
      }),
      { numRuns: 100 },
    );
  });
});
