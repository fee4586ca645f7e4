import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeAgentLoads,
  createCalendar,
  createRouter,
  foldText,
  RuleError,
  ROUTING_STRATEGIES,
  type Agent,
  type AgentLoad,
  type Condition,
  type RouteResult,
  type RouterConfig,
  type RoutingRule,
  type Ticket,
  type TicketInput,
} from '../../src/index.js';
import { buildAgent, buildTicket, FIXTURE_NOW } from '../../src/testing/index.js';
import { referenceMatches } from './routing-reference.js';

// ---------------------------------------------------------------- helpers

/** A ticket from the fixture builder, then any plain-JSON fields a test wants to force. */
function ticket(input: Partial<TicketInput> = {}, extra: Partial<Ticket> = {}): Ticket {
  return { ...buildTicket(input), ...extra };
}

/** Whether `when` matches `t`, asked through a one-rule router; also checked against the reference. */
function matches(when: Condition, t: Ticket): boolean {
  const router = createRouter({ rules: [{ id: 'probe', when, actions: { group: 'hit' } }] });
  const hit = router.route(t, []).group === 'hit';
  assert.equal(referenceMatches(when, t), hit, `reference disagrees on ${JSON.stringify(when)}`);
  return hit;
}

function yes(when: Condition, t: Ticket = ticket()) {
  assert.equal(matches(when, t), true, `expected ${JSON.stringify(when)} to match`);
}
function no(when: Condition, t: Ticket = ticket()) {
  assert.equal(matches(when, t), false, `expected ${JSON.stringify(when)} not to match`);
}

/** Runs `createRouter` expecting a RuleError at `path`. */
function refused(rules: unknown[], path: string, message?: RegExp, extra: Partial<RouterConfig> = {}) {
  assert.throws(
    () => createRouter({ rules: rules as RoutingRule[], ...extra }),
    (e: unknown) => {
      assert.ok(e instanceof RuleError, `expected RuleError, got ${String(e)}`);
      assert.equal(e.path, path);
      assert.equal(e.code, 'INVALID_RULE');
      if (message) assert.match(e.message, message);
      return true;
    },
  );
}

const agent = (id: string, overrides: Partial<Agent> = {}): Agent => buildAgent({ id, name: `Agent ${id}`, ...overrides });

/** Routes with a single rule sending everything to `group` with `strategy`. */
function routeWith(actions: RoutingRule['actions'], t: Ticket, agents: Agent[], context: Parameters<ReturnType<typeof createRouter>['route']>[2] = {}, config: Partial<RouterConfig> = {}) {
  return createRouter({ rules: [{ id: 'all', actions }], ...config }).route(t, agents, { now: FIXTURE_NOW, ...context });
}

const candidate = (r: RouteResult, id: string) => {
  const found = r.trace.candidates.filter((c) => c.agentId === id);
  assert.equal(found.length, 1, `exactly one trace entry for ${id}`);
  return found[0]!;
};

// Places around Shanghai (People's Square) with their haversine distance from it.
const PEOPLES_SQUARE = { lat: 31.2304, lng: 121.4737 };
const LUJIAZUI = { lat: 31.2397, lng: 121.4998 }; // 2.7 km
const XUJIAHUI = { lat: 31.1955, lng: 121.4365 }; // 5.3 km
const HONGQIAO = { lat: 31.1979, lng: 121.3363 }; // 13.6 km
const SUZHOU = { lat: 31.2989, lng: 120.5853 }; // 84.8 km
const BEIJING = { lat: 39.9042, lng: 116.4074 }; // 1067 km
const onSite = (p: { lat: number; lng: number }) => ({ address: '上海市黄浦区人民大道200号', ...p });

// ---------------------------------------------------------------- conditions

describe('conditions: equality and sets', () => {
  const t = ticket({ type: 'repair', channel: 'wechat', category: 'cooling', customer: { id: 'c-9', name: '李娜', tier: 'vip', contact: { phone: '13900000000' } } });

  it('eq / neq on enum fields compare exactly', () => {
    yes({ field: 'type', op: 'eq', value: 'repair' }, t);
    no({ field: 'type', op: 'eq', value: 'Repair' }, t);
    yes({ field: 'channel', op: 'neq', value: 'email' }, t);
    no({ field: 'channel', op: 'neq', value: 'wechat' }, t);
    yes({ field: 'customer.tier', op: 'eq', value: 'vip' }, t);
    yes({ field: 'customer.id', op: 'eq', value: 'c-9' }, t);
    yes({ field: 'category', op: 'eq', value: 'cooling' }, t);
    yes({ field: 'status', op: 'eq', value: 'new' }, t);
    yes({ field: 'product.model', op: 'eq', value: 'KFR-35GW' }, t);
  });

  it('neq is true for a missing field', () => {
    yes({ field: 'group', op: 'neq', value: 'finance' }, t);
    no({ field: 'group', op: 'eq', value: 'finance' }, t);
    yes({ field: 'group', op: 'eq', value: 'finance' }, ticket({ groupId: 'finance' }));
    yes({ field: 'assignee', op: 'eq', value: 'agent-1' }, ticket({}, { assigneeId: 'agent-1' }));
  });

  it('eq / neq on text fields fold case and width', () => {
    const inv = ticket({ subject: 'ＩＮＶＯＩＣＥ', description: 'Need a Fapiao' });
    yes({ field: 'subject', op: 'eq', value: 'invoice' }, inv);
    yes({ field: 'subject', op: 'eq', value: 'Invoice' }, inv);
    no({ field: 'subject', op: 'neq', value: 'INVOICE' }, inv);
    yes({ field: 'description', op: 'eq', value: 'need a fapiao' }, inv);
  });

  it('in / not_in', () => {
    yes({ field: 'channel', op: 'in', value: ['web', 'wechat'] }, t);
    no({ field: 'channel', op: 'in', value: ['web', 'email'] }, t);
    yes({ field: 'channel', op: 'not_in', value: ['web', 'email'] }, t);
    no({ field: 'type', op: 'not_in', value: ['repair', 'return'] }, t);
    yes({ field: 'priority', op: 'in', value: ['normal', 'high'] }, t);
    yes({ field: 'category', op: 'not_in', value: ['x'] }, ticket()); // missing category is not in the list
  });

  it('exists / not_exists treat missing, null, empty string and empty lists as absent', () => {
    const bare = ticket({ product: undefined, tags: [] });
    yes({ field: 'category', op: 'not_exists' }, bare);
    no({ field: 'category', op: 'exists' }, bare);
    yes({ field: 'product.model', op: 'not_exists' }, bare);
    yes({ field: 'product.model', op: 'exists' }, t);
    yes({ field: 'tags', op: 'not_exists' }, bare);
    yes({ field: 'tags', op: 'exists' }, ticket({ tags: ['x'] }));
    yes({ field: 'location', op: 'not_exists' }, bare);
    yes({ field: 'location', op: 'exists' }, ticket({ location: { address: '北京市朝阳区' } }));
    yes({ field: 'satisfaction.score', op: 'not_exists' }, bare);
    yes({ field: 'customFields.order_no', op: 'not_exists' }, ticket({ customFields: { order_no: '' } }));
    yes({ field: 'customFields.order_no', op: 'not_exists' }, ticket({ customFields: { order_no: null } }));
    yes({ field: 'customFields.order_no', op: 'exists' }, ticket({ customFields: { order_no: 'JD-1' } }));
    yes({ field: 'customFields.count', op: 'exists' }, ticket({ customFields: { count: 0 } }));
    yes({ field: 'customFields.flag', op: 'exists' }, ticket({ customFields: { flag: false } }));
    yes({ field: 'description', op: 'not_exists' }, ticket({ description: '' }));
  });
});

describe('conditions: text (Chinese and English, folded)', () => {
  const fapiao = ticket({ subject: '请开具发票', description: '订单号 JD20261122，抬头：上海某某公司' });
  const invoice = ticket({ subject: 'Please send the INVOICE', description: 'Order JD20261122' });
  const fullWidth = ticket({ subject: 'ＩＮＶＯＩＣＥ ｒｅｑｕｅｓｔ', description: '' });
  const accented = ticket({ subject: 'Café machine broken', description: 'Le café est froid' });

  it('contains: Chinese keyword in the subject', () => {
    yes({ field: 'subject', op: 'contains', value: '发票' }, fapiao);
    no({ field: 'subject', op: 'contains', value: '发票' }, invoice);
    no({ field: 'description', op: 'contains', value: '发票' }, fapiao);
  });

  it('contains: English keyword in any case and width', () => {
    yes({ field: 'subject', op: 'contains', value: 'invoice' }, invoice);
    yes({ field: 'subject', op: 'contains', value: 'Invoice' }, invoice);
    yes({ field: 'subject', op: 'contains', value: 'invoice' }, fullWidth);
    yes({ field: 'subject', op: 'contains', value: 'ＩＮＶＯＩＣＥ' }, invoice);
    yes({ field: 'subject', op: 'contains', value: 'ｉｎｖｏｉｃｅ' }, invoice);
    assert.equal(foldText('ＩＮＶＯＩＣＥ'), 'invoice');
  });

  it('contains: accents are ignored both ways', () => {
    yes({ field: 'subject', op: 'contains', value: 'cafe' }, accented);
    yes({ field: 'subject', op: 'contains', value: 'CAFÉ' }, accented);
    yes({ field: 'description', op: 'contains', value: 'cafe est' }, accented);
  });

  it('text searches subject and description', () => {
    yes({ field: 'text', op: 'contains', value: 'jd20261122' }, invoice);
    yes({ field: 'text', op: 'contains', value: '抬头' }, fapiao);
    no({ field: 'subject', op: 'contains', value: '抬头' }, fapiao);
  });

  it('contains_any mixes Chinese and English keywords', () => {
    const kw: Condition = { field: 'text', op: 'contains_any', value: ['发票', 'invoice', '开票'] };
    yes(kw, fapiao);
    yes(kw, invoice);
    yes(kw, fullWidth);
    no(kw, ticket({ subject: '空调漏水', description: 'water leaking' }));
    yes({ field: 'subject', op: 'contains_any', value: ['ＲＥＱＵＥＳＴ'] }, fullWidth);
  });

  it('contains_any keywords are literal text, not patterns', () => {
    const t = ticket({ subject: 'A/C (E1) broken', description: 'c++ [x] $5 a.b' });
    yes({ field: 'subject', op: 'contains_any', value: ['a/c'] }, t);
    yes({ field: 'subject', op: 'contains_any', value: ['zz', '(e1)'] }, t);
    yes({ field: 'description', op: 'contains_any', value: ['c++'] }, t);
    yes({ field: 'description', op: 'contains_any', value: ['[x]'] }, t);
    yes({ field: 'description', op: 'contains_any', value: ['$5'] }, t);
    yes({ field: 'description', op: 'contains_any', value: ['a.b'] }, t);
    no({ field: 'description', op: 'contains_any', value: ['a.c', '.*', 'x|y', '^c', '\\d'] }, t);
    yes({ field: 'customFields.note', op: 'contains_any', value: ['(VIP)'] }, ticket({ customFields: { note: 'Customer (vip) again' } }));
  });

  it('not_contains', () => {
    yes({ field: 'subject', op: 'not_contains', value: '发票' }, invoice);
    no({ field: 'subject', op: 'not_contains', value: 'INVOICE' }, fullWidth);
  });

  it('starts_with folds text fields but is exact on enum fields', () => {
    yes({ field: 'subject', op: 'starts_with', value: '请开' }, fapiao);
    yes({ field: 'subject', op: 'starts_with', value: 'PLEASE' }, invoice);
    no({ field: 'subject', op: 'starts_with', value: 'send' }, invoice);
    yes({ field: 'text', op: 'starts_with', value: 'please send' }, invoice);
    yes({ field: 'product.model', op: 'starts_with', value: 'KFR' });
    no({ field: 'product.model', op: 'starts_with', value: 'kfr' });
    no({ field: 'product.model', op: 'starts_with', value: 'GW' });
  });

  it('matches: case-insensitive regular expressions; on text fields against the folded text', () => {
    yes({ field: 'product.serialNumber', op: 'matches', value: '^SN\\d{11}$' });
    yes({ field: 'product.serialNumber', op: 'matches', value: '^sn\\d+' });
    no({ field: 'product.serialNumber', op: 'matches', value: '^X' });
    yes({ field: 'description', op: 'matches', value: 'E\\d' }); // '显示 E1'
    yes({ field: 'subject', op: 'matches', value: '发票|invoice' }, fapiao);
    yes({ field: 'subject', op: 'matches', value: '^invoice\\s+request$' }, fullWidth);
    yes({ field: 'text', op: 'matches', value: 'jd\\d{8}' }, invoice);
    no({ field: 'subject', op: 'matches', value: '^\\d' }, invoice);
  });
});

describe('conditions: ordering and numbers', () => {
  const at = (priority: Ticket['priority']) => ticket({ priority });

  it('priority compares in the order low < normal < high < urgent', () => {
    yes({ field: 'priority', op: 'gte', value: 'high' }, at('high'));
    yes({ field: 'priority', op: 'gte', value: 'high' }, at('urgent'));
    no({ field: 'priority', op: 'gte', value: 'high' }, at('normal'));
    yes({ field: 'priority', op: 'gt', value: 'normal' }, at('high'));
    no({ field: 'priority', op: 'gt', value: 'urgent' }, at('urgent'));
    yes({ field: 'priority', op: 'lt', value: 'normal' }, at('low'));
    no({ field: 'priority', op: 'lt', value: 'low' }, at('low'));
    yes({ field: 'priority', op: 'lte', value: 'normal' }, at('normal'));
    no({ field: 'priority', op: 'lte', value: 'normal' }, at('high'));
    yes({ field: 'priority', op: 'eq', value: 'urgent' }, at('urgent'));
    yes({ field: 'priority', op: 'neq', value: 'urgent' }, at('low'));
    // alphabetically 'urgent' > 'normal' > 'low' > 'high': make sure that order is not used
    yes({ field: 'priority', op: 'gt', value: 'normal' }, at('high'));
    no({ field: 'priority', op: 'lt', value: 'high' }, at('urgent'));
  });

  it('numeric fields: escalationLevel, reopenCount, satisfaction.score', () => {
    const t = ticket({}, { escalationLevel: 2, reopenCount: 0, satisfaction: { score: 2, at: FIXTURE_NOW } });
    yes({ field: 'escalationLevel', op: 'gte', value: 2 }, t);
    no({ field: 'escalationLevel', op: 'gt', value: 2 }, t);
    yes({ field: 'escalationLevel', op: 'in', value: [1, 2] }, t);
    yes({ field: 'reopenCount', op: 'lt', value: 1 }, t);
    yes({ field: 'reopenCount', op: 'eq', value: 0 }, t);
    yes({ field: 'satisfaction.score', op: 'lte', value: 2 }, t);
    no({ field: 'satisfaction.score', op: 'gt', value: 3 }, t);
  });

  it('a missing number satisfies no comparison', () => {
    const t = ticket();
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      no({ field: 'satisfaction.score', op, value: 3 }, t);
      no({ field: 'customFields.amount', op, value: 0 }, t);
    }
    no({ field: 'customFields.amount', op: 'lt', value: 10 }, ticket({ customFields: { amount: '5' } }));
  });
});

describe('conditions: tags, location and custom fields', () => {
  const tagged = ticket({ tags: ['vip', 'warranty', '以旧换新'] });

  it('has / has_any / has_all', () => {
    yes({ field: 'tags', op: 'has', value: 'vip' }, tagged);
    yes({ field: 'tags', op: 'has', value: '以旧换新' }, tagged);
    no({ field: 'tags', op: 'has', value: 'VIP' }, tagged);
    yes({ field: 'tags', op: 'has_any', value: ['x', 'warranty'] }, tagged);
    no({ field: 'tags', op: 'has_any', value: ['x', 'y'] }, tagged);
    yes({ field: 'tags', op: 'has_all', value: ['vip', 'warranty'] }, tagged);
    no({ field: 'tags', op: 'has_all', value: ['vip', 'x'] }, tagged);
    no({ field: 'tags', op: 'has', value: 'vip' }, ticket());
  });

  it('within_km uses the great-circle distance from a centre', () => {
    const centre = { ...PEOPLES_SQUARE, km: 10 };
    yes({ field: 'location', op: 'within_km', value: centre }, ticket({ location: onSite(LUJIAZUI) }));
    yes({ field: 'location', op: 'within_km', value: centre }, ticket({ location: onSite(XUJIAHUI) }));
    no({ field: 'location', op: 'within_km', value: centre }, ticket({ location: onSite(HONGQIAO) }));
    yes({ field: 'location', op: 'within_km', value: { ...PEOPLES_SQUARE, km: 14 } }, ticket({ location: onSite(HONGQIAO) }));
    no({ field: 'location', op: 'within_km', value: { ...PEOPLES_SQUARE, km: 13.5 } }, ticket({ location: onSite(HONGQIAO) }));
    no({ field: 'location', op: 'within_km', value: { ...PEOPLES_SQUARE, km: 1000 } }, ticket({ location: onSite(BEIJING) }));
    // an address without coordinates, and no location at all
    no({ field: 'location', op: 'within_km', value: centre }, ticket({ location: { address: '上海市黄浦区' } }));
    no({ field: 'location', op: 'within_km', value: centre }, ticket());
  });

  it('customFields.* by the value they hold', () => {
    const t = ticket({ customFields: { order_no: 'JD-2026-ＡＢ', amount: 1299, parts: ['compressor', 'fan'], region: 'east', rush: true } });
    yes({ field: 'customFields.region', op: 'eq', value: 'east' }, t);
    yes({ field: 'customFields.region', op: 'neq', value: 'west' }, t);
    yes({ field: 'customFields.region', op: 'in', value: ['east', 'south'] }, t);
    yes({ field: 'customFields.region', op: 'not_in', value: ['west'] }, t);
    yes({ field: 'customFields.rush', op: 'eq', value: true }, t);
    yes({ field: 'customFields.amount', op: 'gt', value: 1000 }, t);
    yes({ field: 'customFields.amount', op: 'gte', value: 1299 }, t);
    yes({ field: 'customFields.amount', op: 'lt', value: 1300 }, t);
    no({ field: 'customFields.amount', op: 'lte', value: 1298 }, t);
    yes({ field: 'customFields.order_no', op: 'starts_with', value: 'jd-' }, t);
    yes({ field: 'customFields.order_no', op: 'contains', value: 'ab' }, t);
    yes({ field: 'customFields.order_no', op: 'contains_any', value: ['zz', '2026'] }, t);
    yes({ field: 'customFields.order_no', op: 'not_contains', value: 'tb' }, t);
    yes({ field: 'customFields.order_no', op: 'matches', value: '^JD-\\d{4}' }, t);
    yes({ field: 'customFields.parts', op: 'has', value: 'fan' }, t);
    yes({ field: 'customFields.parts', op: 'has_any', value: ['motor', 'compressor'] }, t);
    no({ field: 'customFields.parts', op: 'has', value: 'motor' }, t);
    no({ field: 'customFields.missing', op: 'eq', value: 'x' }, t);
    no({ field: 'customFields.missing', op: 'contains', value: 'x' }, t);
    yes({ field: 'customFields.missing', op: 'not_contains', value: 'x' }, t);
  });

  it('negative custom numbers compare like numbers', () => {
    const cold = ticket({ customFields: { room_temp: -5 } });
    yes({ field: 'customFields.room_temp', op: 'lt', value: 0 }, cold);
    yes({ field: 'customFields.room_temp', op: 'lte', value: -5 }, cold);
    no({ field: 'customFields.room_temp', op: 'gt', value: 0 }, cold);
  });
});

describe('conditions: all / any / not', () => {
  const vipRepair = ticket({ type: 'repair', priority: 'high', customer: { name: '李娜', tier: 'vip', contact: { phone: '13900000000' } } });

  it('nest to any depth', () => {
    const when: Condition = {
      all: [
        { field: 'type', op: 'eq', value: 'repair' },
        { any: [{ field: 'customer.tier', op: 'eq', value: 'vip' }, { field: 'priority', op: 'eq', value: 'urgent' }] },
        { not: { field: 'channel', op: 'eq', value: 'email' } },
      ],
    };
    yes(when, vipRepair);
    no(when, ticket({ type: 'repair' }));
    no(when, { ...vipRepair, channel: 'email' });
    yes(when, ticket({ type: 'repair', priority: 'urgent' }));
    yes({ not: { not: { field: 'type', op: 'eq', value: 'repair' } } }, vipRepair);
    yes({ any: [{ all: [{ field: 'type', op: 'eq', value: 'x' }] }, { not: { any: [{ field: 'type', op: 'eq', value: 'x' }] } }] }, vipRepair);
  });

  it('all with one failing part fails; any with one passing part passes', () => {
    no({ all: [{ field: 'type', op: 'eq', value: 'repair' }, { field: 'type', op: 'eq', value: 'return' }] }, vipRepair);
    yes({ any: [{ field: 'type', op: 'eq', value: 'return' }, { field: 'type', op: 'eq', value: 'repair' }] }, vipRepair);
  });
});

// ---------------------------------------------------------------- rules

describe('rules: order, continue, actions', () => {
  const rules: RoutingRule[] = [
    { id: 'vip-tag', name: 'VIP 标记', when: { field: 'customer.tier', op: 'eq', value: 'vip' }, actions: { tags: ['vip', 'priority-care'], priority: 'high' }, continue: true },
    { id: 'invoice', name: '发票 → 财务', when: { field: 'subject', op: 'contains_any', value: ['发票', 'invoice'] }, actions: { group: 'finance' } },
    { id: 'invoice-2', when: { field: 'subject', op: 'contains', value: '发票' }, actions: { group: 'never' } },
    { id: 'default', actions: { group: 'service' } },
  ];
  const router = createRouter({ rules });

  it('subject contains 发票 → finance group; the first match wins', () => {
    const r = router.route(ticket({ subject: '请开具发票' }), []);
    assert.equal(r.group, 'finance');
    assert.deepEqual(r.trace.matchedRules, [{ id: 'invoice', name: '发票 → 财务' }]);
    assert.equal(r.trace.rulesEvaluated, 2);
    assert.deepEqual(r.tags, []);
    assert.equal(r.priority, undefined);
    assert.equal(r.assignee, undefined);
    assert.equal(r.trace.queued, undefined, 'no assignment was asked for, so nothing is queued');
    assert.match(r.trace.explanation[0]!, /Matched "发票 → 财务"/);
  });

  it('ＩＮＶＯＩＣＥ in full width goes to finance too', () => {
    assert.equal(router.route(ticket({ subject: 'ＩＮＶＯＩＣＥ for order 42' }), []).group, 'finance');
  });

  it('continue: true lets later rules decide and accumulates tags and priority', () => {
    const vip = ticket({ subject: 'invoice please', tags: ['vip'], customer: { name: '李娜', tier: 'vip', contact: { phone: '13900000000' } } });
    const r = router.route(vip, []);
    assert.equal(r.group, 'finance');
    assert.equal(r.priority, 'high');
    assert.deepEqual(r.tags, ['priority-care'], 'tags the ticket already has are not repeated');
    assert.deepEqual(r.trace.matchedRules.map((m) => m.id), ['vip-tag', 'invoice']);
  });

  it('the catch-all takes what nothing else matched', () => {
    const r = router.route(ticket({ subject: '空调漏水' }), []);
    assert.equal(r.group, 'service');
    assert.deepEqual(r.trace.matchedRules, [{ id: 'default' }]);
    assert.equal(r.trace.rulesEvaluated, 4);
  });

  it('no rule matched', () => {
    const r = createRouter({ rules: [rules[1]!] }).route(ticket(), []);
    assert.equal(r.group, undefined);
    assert.deepEqual(r.trace.matchedRules, []);
    assert.deepEqual(r.trace.explanation, ['No rule matched.']);
  });

  it('priority is reported only when it changes; later rules override earlier ones', () => {
    const r = createRouter({
      rules: [
        { id: 'a', actions: { priority: 'normal', group: 'g1', tags: ['a'] }, continue: true },
        { id: 'b', actions: { group: 'g2', tags: ['b', 'a'] } },
      ],
    }).route(ticket({ priority: 'normal' }), []);
    assert.equal(r.priority, undefined);
    assert.equal(r.group, 'g2');
    assert.deepEqual(r.tags, ['a', 'b']);
  });

  it('requiredSkills add up across matching rules', () => {
    const r = createRouter({
      rules: [
        { id: 'a', actions: { requiredSkills: ['washer'] }, continue: true },
        { id: 'b', actions: { requiredSkills: ['washer', 'english'], group: 'g' } },
      ],
    }).route(ticket(), []);
    assert.deepEqual(r.requiredSkills, ['washer', 'english']);
  });

  it('route does not mutate its inputs', () => {
    const t = Object.freeze(ticket());
    const agents = Object.freeze([Object.freeze(agent('a1'))]);
    const state = Object.freeze({ repair: 'a0' });
    const r = createRouter({ rules: [{ id: 'rr', actions: { group: 'repair', strategy: 'round_robin' } }] }).route(t, agents, { roundRobin: state, now: FIXTURE_NOW });
    assert.equal(r.assignee, 'a1');
    assert.deepEqual(state, { repair: 'a0' });
  });
});

// ---------------------------------------------------------------- strategies

describe('strategy: round_robin', () => {
  const router = createRouter({
    rules: [
      { id: 'finance', when: { field: 'subject', op: 'contains', value: '发票' }, actions: { group: 'finance', strategy: 'round_robin' } },
      { id: 'repair', actions: { group: 'repair', strategy: 'round_robin' } },
    ],
  });
  const agents = [agent('r3'), agent('r1'), agent('r2'), agent('f1', { groupIds: ['finance'] }), agent('f2', { groupIds: ['finance'] })];

  it('rotates fairly over repeated calls with the returned state', () => {
    let state = {};
    const picks: string[] = [];
    for (let i = 0; i < 9; i++) {
      const r = router.route(ticket(), agents, { roundRobin: state, now: FIXTURE_NOW });
      picks.push(r.assignee!);
      state = r.roundRobin;
    }
    assert.deepEqual(picks, ['r1', 'r2', 'r3', 'r1', 'r2', 'r3', 'r1', 'r2', 'r3']);
    assert.deepEqual(state, { repair: 'r3' });
  });

  it('keeps one pointer per group', () => {
    let state = {};
    const picks: string[] = [];
    for (const subject of ['发票', '空调', '发票', '空调', '发票', '空调']) {
      const r = router.route(ticket({ subject }), agents, { roundRobin: state, now: FIXTURE_NOW });
      picks.push(r.assignee!);
      state = r.roundRobin;
    }
    assert.deepEqual(picks, ['f1', 'r1', 'f2', 'r2', 'f1', 'r3']);
    assert.deepEqual(state, { finance: 'f1', repair: 'r3' });
  });

  it('without state it starts at the first id; the same state gives the same answer', () => {
    assert.equal(router.route(ticket(), agents, { now: FIXTURE_NOW }).assignee, 'r1');
    assert.equal(router.route(ticket(), agents, { roundRobin: { repair: 'r1' }, now: FIXTURE_NOW }).assignee, 'r2');
    assert.equal(router.route(ticket(), agents, { roundRobin: { repair: 'r1' }, now: FIXTURE_NOW }).assignee, 'r2');
    assert.equal(router.route(ticket(), agents, { roundRobin: { repair: 'r3' }, now: FIXTURE_NOW }).assignee, 'r1');
  });

  it('skips unavailable agents without losing its place', () => {
    const some = agents.map((a) => (a.id === 'r2' ? { ...a, status: 'away' as const } : a));
    const r = router.route(ticket(), some, { roundRobin: { repair: 'r1' }, now: FIXTURE_NOW });
    assert.equal(r.assignee, 'r3');
    assert.equal(candidate(r, 'r2').reason, 'offline');
  });

  it('continues after the last agent picked even when that agent has left the group', () => {
    const without = agents.filter((a) => a.id !== 'r2');
    // r2 was picked last and is gone: the next in turn is r3, not r1 again.
    assert.equal(router.route(ticket(), without, { roundRobin: { repair: 'r2' }, now: FIXTURE_NOW }).assignee, 'r3');
  });

  it('a ticket with no group uses the "*" pointer over every agent', () => {
    const r = routeWith({ strategy: 'round_robin' }, ticket(), agents, { roundRobin: { '*': 'f2' } });
    assert.equal(r.assignee, 'r1');
    assert.deepEqual(r.roundRobin, { '*': 'r1' });
  });
});

describe('strategy: least_loaded', () => {
  const agents = [agent('a1'), agent('a2'), agent('a3')];

  it('weights open tickets by priority (computeAgentLoads)', () => {
    const open = [
      { assigneeId: 'a1', priority: 'low' as const, status: 'in_progress' },
      { assigneeId: 'a1', priority: 'low' as const, status: 'assigned' },
      { assigneeId: 'a1', priority: 'low' as const, status: 'pending_customer' },
      { assigneeId: 'a2', priority: 'urgent' as const, status: 'in_progress' },
      { assigneeId: 'a3', priority: 'high' as const, status: 'assigned' },
      { assigneeId: 'a3', priority: 'urgent' as const, status: 'resolved' },
      { assigneeId: 'a3', priority: 'urgent' as const, status: 'closed' },
      { priority: 'urgent' as const, status: 'new' },
    ];
    const loads = computeAgentLoads(open);
    assert.deepEqual(loads, { a1: { open: 3, weighted: 1.5 }, a2: { open: 1, weighted: 3 }, a3: { open: 1, weighted: 2 } });
    const r = routeWith({ group: 'repair', strategy: 'least_loaded' }, ticket(), agents, { loads });
    assert.equal(r.assignee, 'a1', 'three low tickets weigh less than one urgent');
    assert.equal(candidate(r, 'a1').load, 1.5);
    assert.equal(candidate(r, 'a2').reason, 'outranked');
    assert.match(candidate(r, 'a2').detail, /outranked on least_loaded/);
  });

  it('custom weights and custom open statuses', () => {
    const open = [
      { assigneeId: 'a1', priority: 'low' as const, status: 'in_progress' },
      { assigneeId: 'a2', priority: 'urgent' as const, status: 'waiting' },
    ];
    assert.deepEqual(computeAgentLoads(open, { weights: { low: 4 }, isOpen: (s) => s === 'in_progress' }), { a1: { open: 1, weighted: 4 } });
    const loads = computeAgentLoads(open, { weights: { low: 4 } });
    assert.equal(routeWith({ group: 'repair', strategy: 'least_loaded' }, ticket(), agents.slice(0, 2), { loads }).assignee, 'a2');
  });

  it('without weighted loads it uses open × the normal weight; agents with no load count zero', () => {
    const loads: Record<string, AgentLoad> = { a1: { open: 2 }, a2: { open: 1 } };
    assert.equal(routeWith({ group: 'repair', strategy: 'least_loaded' }, ticket(), agents, { loads }).assignee, 'a3');
    assert.equal(routeWith({ group: 'repair', strategy: 'least_loaded' }, ticket(), agents.slice(0, 2), { loads }).assignee, 'a2');
  });

  it('breaks ties by agent id', () => {
    const r = routeWith({ group: 'repair', strategy: 'least_loaded' }, ticket(), [agent('b'), agent('a'), agent('c')]);
    assert.equal(r.assignee, 'a');
    assert.match(candidate(r, 'b').detail, /outranked on agent id \(tie\)/);
  });

  it('respects capacity caps', () => {
    const loads = { a1: { open: 10, weighted: 1 }, a2: { open: 3, weighted: 6 } };
    const r = routeWith({ group: 'repair', strategy: 'least_loaded' }, ticket(), agents.slice(0, 2), { loads });
    assert.equal(r.assignee, 'a2');
    assert.equal(candidate(r, 'a1').reason, 'at_capacity');
    assert.equal(candidate(r, 'a1').detail, 'at capacity (10/10)');
  });
});

describe('strategy: skills', () => {
  const agents = [
    agent('generalist', { skills: ['air-conditioner', 'washer', 'fridge', 'english'], seniority: 2 }),
    agent('specialist', { skills: ['washer'], seniority: 1 }),
    agent('washer-en', { skills: ['washer', 'english'], seniority: 9 }),
    agent('ac-only', { skills: ['air-conditioner'], seniority: 20 }),
  ];
  const actions = { group: 'repair', strategy: 'skills' as const, requiredSkills: ['washer'] };

  it('keeps agents holding every required skill and prefers the closest match', () => {
    const r = routeWith(actions, ticket(), agents);
    assert.equal(r.assignee, 'specialist');
    const dropped = candidate(r, 'ac-only');
    assert.equal(dropped.reason, 'skills_missing');
    assert.deepEqual(dropped.missingSkills, ['washer']);
    assert.equal(dropped.detail, 'missing skills: washer');
    assert.equal(candidate(r, 'washer-en').reason, 'outranked');
    assert.match(candidate(r, 'washer-en').detail, /outranked on skills/);
  });

  it('several required skills must all be held', () => {
    const r = routeWith({ ...actions, requiredSkills: ['washer', 'english'] }, ticket(), agents);
    assert.equal(r.assignee, 'washer-en');
    assert.deepEqual(candidate(r, 'specialist').missingSkills, ['english']);
  });

  it('VIP customers get the most senior qualified agent', () => {
    const vip = ticket({ customer: { name: '李娜', tier: 'vip', contact: { phone: '13900000000' } } });
    const r = routeWith(actions, vip, agents);
    assert.equal(r.assignee, 'washer-en', 'seniority 9 beats the closer match with seniority 1; ac-only is senior but unqualified');
    const r2 = routeWith(actions, vip, agents.map((a) => ({ ...a, seniority: 3 })));
    assert.equal(r2.assignee, 'specialist', 'equal seniority falls back to the closest match');
  });

  it('required skills filter candidates for every strategy, not only skills', () => {
    const r = routeWith({ group: 'repair', strategy: 'least_loaded', requiredSkills: ['fridge'] }, ticket(), agents);
    assert.equal(r.assignee, 'generalist');
  });

  it('nobody qualified → queued', () => {
    const r = routeWith({ ...actions, requiredSkills: ['dishwasher'] }, ticket(), agents);
    assert.equal(r.assignee, undefined);
    assert.deepEqual(r.trace.queued, { group: 'repair', reason: 'no available agent' });
    assert.equal(r.trace.candidates.length, 4);
    assert.ok(r.trace.candidates.every((c) => c.reason === 'skills_missing' && !c.chosen));
  });
});

describe('strategy: nearest', () => {
  const agents = [
    agent('lujiazui', { location: LUJIAZUI }),
    agent('xujiahui', { location: XUJIAHUI }),
    agent('hongqiao', { location: HONGQIAO }),
    agent('suzhou', { location: SUZHOU }),
    agent('nowhere'),
  ];
  const t = ticket({ location: onSite(PEOPLES_SQUARE) });

  it('picks the closest within the service radius (default 50 km)', () => {
    const r = routeWith({ group: 'repair', strategy: 'nearest' }, t, agents);
    assert.equal(r.assignee, 'lujiazui');
    assert.equal(candidate(r, 'lujiazui').distanceKm, 2.7);
    assert.equal(candidate(r, 'suzhou').reason, 'out_of_range');
    assert.equal(candidate(r, 'suzhou').detail, '84.8 km away, beyond 50 km');
    assert.equal(candidate(r, 'nowhere').reason, 'no_location');
    assert.match(r.trace.explanation.at(-1)!, /Assigned to Agent lujiazui \(lujiazui\) by nearest among 3 available of 5 \(2\.7 km away/);
  });

  it('serviceRadiusKm narrows the range', () => {
    const r = routeWith({ group: 'repair', strategy: 'nearest', serviceRadiusKm: 10 }, t, agents);
    assert.equal(candidate(r, 'hongqiao').reason, 'out_of_range');
    assert.equal(candidate(r, 'hongqiao').detail, '13.6 km away, beyond 10 km');
    assert.equal(candidate(r, 'hongqiao').distanceKm, 13.6);
    const none = routeWith({ group: 'repair', strategy: 'nearest', serviceRadiusKm: 1 }, t, agents);
    assert.equal(none.assignee, undefined);
    assert.deepEqual(none.trace.queued, { group: 'repair', reason: 'no available agent' });
  });

  it('live positions win over the base location', () => {
    const r = routeWith({ group: 'repair', strategy: 'nearest' }, t, agents, { positions: { suzhou: PEOPLES_SQUARE } });
    assert.equal(r.assignee, 'suzhou');
    assert.equal(candidate(r, 'suzhou').distanceKm, 0);
  });

  it('a ticket without coordinates cannot use nearest', () => {
    const r = routeWith({ group: 'repair', strategy: 'nearest' }, ticket({ location: { address: '上海市黄浦区' } }), agents);
    assert.equal(r.assignee, undefined);
    assert.ok(r.trace.candidates.every((c) => c.reason === 'no_location' && c.detail === 'the ticket has no coordinates'));
  });

  it('followed by another strategy, distances within the 5 km band count as equal', () => {
    const loads = { lujiazui: { open: 3, weighted: 3 }, xujiahui: { open: 1, weighted: 1 } };
    // lujiazui 2.7 km and xujiahui 5.3 km fall in different bands: nearest decides.
    assert.equal(routeWith({ group: 'repair', strategy: ['nearest', 'least_loaded'] }, t, agents, { loads }).assignee, 'lujiazui');
    // With a 10 km band they tie on distance and the lighter load wins.
    assert.equal(routeWith({ group: 'repair', strategy: ['nearest', 'least_loaded'] }, t, agents, { loads }, { distanceBandKm: 10 }).assignee, 'xujiahui');
    // Move xujiahui's engineer to 4.9 km: same 0–5 km band as lujiazui.
    const near = { lat: 31.2304, lng: 121.4737 + 4.9 / (111.2 * Math.cos((31.2304 * Math.PI) / 180)) };
    const r = routeWith({ group: 'repair', strategy: ['nearest', 'least_loaded'] }, t, agents, { loads, positions: { xujiahui: near } });
    assert.equal(r.assignee, 'xujiahui');
    assert.match(candidate(r, 'lujiazui').detail, /outranked on least_loaded/);
  });
});

describe('strategy combinations', () => {
  const t = ticket({ location: onSite(PEOPLES_SQUARE) });
  const agents = [
    agent('e1', { skills: ['air-conditioner'], location: LUJIAZUI }),
    agent('e2', { skills: ['air-conditioner', 'washer'], location: { lat: 31.2304, lng: 121.4737 + 0.02 } }), // ~1.9 km
    agent('e3', { skills: ['washer'], location: PEOPLES_SQUARE }),
    agent('e4', { skills: ['air-conditioner'], location: HONGQIAO }),
    agent('e5', { skills: ['air-conditioner'], location: XUJIAHUI }),
  ];
  const loads = { e1: { open: 4, weighted: 4 }, e2: { open: 1, weighted: 1 }, e4: { open: 0, weighted: 0 }, e5: { open: 0, weighted: 0 } };

  it('skills → nearest → least_loaded: skills filter, then the distance band, then the load', () => {
    const r = routeWith({ group: 'repair', strategy: ['skills', 'nearest', 'least_loaded'], requiredSkills: ['air-conditioner'] }, t, agents, { loads });
    // e3 lacks the skill; e1 is the closest match (no extra skill) and e1/e5 differ on band;
    // skills ranks e1,e4,e5 (0 extra) above e2 (1 extra); among them nearest band: e1 (0–5) beats e5 (5–10) and e4 (10–15).
    assert.equal(r.assignee, 'e1');
    assert.equal(candidate(r, 'e3').reason, 'skills_missing');
    assert.match(candidate(r, 'e2').detail, /outranked on skills/);
    assert.match(candidate(r, 'e5').detail, /outranked on nearest/);
    assert.deepEqual(r.trace.strategy, ['skills', 'nearest', 'least_loaded']);
  });

  it('order matters: nearest → least_loaded → skills', () => {
    const r = routeWith({ group: 'repair', strategy: ['nearest', 'least_loaded', 'skills'], requiredSkills: ['air-conditioner'] }, t, agents, { loads });
    // e1 and e2 share the 0–5 km band; e2 is less loaded.
    assert.equal(r.assignee, 'e2');
    assert.match(candidate(r, 'e1').detail, /outranked on least_loaded/);
  });

  it('least_loaded → round_robin rotates among the equally loaded', () => {
    const even = [agent('x1'), agent('x2'), agent('x3', { capacity: 10 })];
    const l = { x3: { open: 1, weighted: 1 } };
    let state = {};
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = routeWith({ group: 'repair', strategy: ['least_loaded', 'round_robin'] }, ticket(), even, { loads: l, roundRobin: state });
      picks.push(r.assignee!);
      state = r.roundRobin;
    }
    assert.deepEqual(picks, ['x1', 'x2', 'x1', 'x2']);
  });
});

// ---------------------------------------------------------------- availability

describe('availability', () => {
  const weekdays = [['09:00', '18:00']] as Array<[string, string]>;
  const dayShift = createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays } });
  const weekend = createCalendar({ timeZone: 'Asia/Shanghai', hours: { sat: [['08:00', '20:00']], sun: [['08:00', '20:00']] } });
  const calendars = { dayShift, weekend };
  const sunday9am = FIXTURE_NOW; // 2026-11-22 09:00 Shanghai, a Sunday
  const monday10am = '2026-11-23T02:00:00.000Z';

  it('offline and away agents are skipped; status unset counts as online', () => {
    const agents = [agent('a1', { status: 'offline' }), agent('a2', { status: 'away' }), agent('a3', { status: undefined })];
    const r = routeWith({ group: 'repair', strategy: 'least_loaded' }, ticket(), agents);
    assert.equal(r.assignee, 'a3');
    assert.deepEqual({ reason: candidate(r, 'a1').reason, detail: candidate(r, 'a1').detail }, { reason: 'offline', detail: 'offline' });
    assert.deepEqual({ reason: candidate(r, 'a2').reason, detail: candidate(r, 'a2').detail }, { reason: 'offline', detail: 'away' });
    assert.equal(candidate(r, 'a3').chosen, true);
  });

  it('agents outside their shift calendar are skipped (agent.calendarId, context.calendars, now)', () => {
    const agents = [agent('weekday', { calendarId: 'dayShift' }), agent('weekender', { calendarId: 'weekend' })];
    const sun = routeWith({ group: 'repair', strategy: 'round_robin' }, ticket(), agents, { calendars, now: sunday9am });
    assert.equal(sun.assignee, 'weekender');
    assert.equal(candidate(sun, 'weekday').reason, 'off_shift');
    assert.equal(candidate(sun, 'weekday').detail, 'off shift (calendar dayShift)');
    const mon = routeWith({ group: 'repair', strategy: 'round_robin' }, ticket(), agents, { calendars, now: monday10am });
    assert.equal(mon.assignee, 'weekday');
    assert.equal(candidate(mon, 'weekender').reason, 'off_shift');
    const night = routeWith({ group: 'repair', strategy: 'round_robin' }, ticket(), agents, { calendars, now: new Date('2026-11-23T12:00:00.000Z') });
    assert.equal(night.assignee, undefined, 'Monday 20:00 in Shanghai: both off shift');
    assert.deepEqual(night.trace.queued, { group: 'repair', reason: 'no available agent' });
  });

  it('agents at capacity are skipped, with "(8/8)" in the trace', () => {
    const agents = [agent('full', { capacity: 8 }), agent('free', { capacity: 8 })];
    const r = routeWith({ group: 'repair', strategy: 'least_loaded' }, ticket(), agents, { loads: { full: { open: 8, weighted: 2 }, free: { open: 7, weighted: 9 } } });
    assert.equal(r.assignee, 'free');
    const full = candidate(r, 'full');
    assert.equal(full.reason, 'at_capacity');
    assert.equal(full.detail, 'at capacity (8/8)');
    assert.equal(full.chosen, false);
    assert.match(candidate(r, 'free').detail, /\(7\/8 open\)/);
  });

  it('nobody available → queued in the group with a reason', () => {
    const agents = [agent('a1', { status: 'offline' }), agent('a2', { capacity: 1 })];
    const r = routeWith({ group: 'repair', strategy: 'least_loaded' }, ticket(), agents, { loads: { a2: { open: 1 } } });
    assert.equal(r.assignee, undefined);
    assert.equal(r.group, 'repair');
    assert.deepEqual(r.trace.queued, { group: 'repair', reason: 'no available agent' });
    assert.equal(r.trace.explanation.at(-1), 'Queued in repair: no available agent.');
  });

  it('an empty group → queued, saying the group has nobody', () => {
    const r = routeWith({ group: 'installers', strategy: 'round_robin' }, ticket(), [agent('a1')]);
    assert.deepEqual(r.trace.queued, { group: 'installers', reason: 'no agents in group installers' });
    assert.deepEqual(r.trace.candidates, []);
    assert.deepEqual(r.roundRobin, {}, 'state unchanged when nobody was picked');
  });
});

describe('named assignee', () => {
  const agents = [agent('wang'), agent('li'), agent('zhao', { groupIds: ['vip-desk'] })];

  it('is assigned when available', () => {
    const r = routeWith({ group: 'repair', assignee: 'zhao' }, ticket(), agents);
    assert.equal(r.assignee, 'zhao');
    assert.deepEqual(r.trace.candidates.map((c) => [c.agentId, c.chosen, c.detail]), [['zhao', true, 'named by the rule']]);
    assert.equal(r.trace.explanation.at(-1), 'Assigned to Agent zhao (zhao), named by the rule.');
  });

  it('unavailable → falls back to the strategy', () => {
    const busy = agents.map((a) => (a.id === 'zhao' ? { ...a, status: 'offline' as const } : a));
    const r = routeWith({ group: 'repair', assignee: 'zhao', strategy: 'round_robin' }, ticket(), busy);
    assert.equal(r.assignee, 'li');
    assert.equal(r.trace.candidates[0]!.agentId, 'zhao');
    assert.equal(r.trace.candidates[0]!.reason, 'offline');
    assert.match(r.trace.explanation.join(' '), /zhao was named by the rule but is unavailable: offline\./);
  });

  it('unavailable without a strategy → queued with the reason', () => {
    const r = routeWith({ group: 'repair', assignee: 'zhao' }, ticket(), agents, { loads: { zhao: { open: 10 } } });
    assert.equal(r.assignee, undefined);
    assert.deepEqual(r.trace.queued, { group: 'repair', reason: 'named agent unavailable: at capacity (10/10)' });
  });

  it('an agent that is not in the list is unavailable', () => {
    const r = routeWith({ assignee: 'ghost' }, ticket(), agents);
    assert.equal(r.assignee, undefined);
    assert.equal(r.trace.queued?.reason, 'named agent unavailable: not among the agents given');
  });
});

// ---------------------------------------------------------------- trace

describe('trace', () => {
  it('names the matched rule, lists every candidate with why, and exactly one chosen', () => {
    const router = createRouter({
      rules: [
        { id: 'vip', name: 'VIP', when: { field: 'customer.tier', op: 'eq', value: 'vip' }, actions: { tags: ['vip'] }, continue: true },
        { id: 'field', name: '上门维修', when: { field: 'location', op: 'exists' }, actions: { group: 'field', strategy: ['skills', 'nearest', 'least_loaded'], requiredSkills: ['washer'], serviceRadiusKm: 10 } },
        { id: 'default', actions: { group: 'service', strategy: 'least_loaded' } },
      ],
    });
    const agents = [
      agent('f-off', { groupIds: ['field'], skills: ['washer'], status: 'offline', location: LUJIAZUI }),
      agent('f-full', { groupIds: ['field'], skills: ['washer'], capacity: 8, location: LUJIAZUI }),
      agent('f-noskill', { groupIds: ['field'], skills: ['fridge'], location: LUJIAZUI }),
      agent('f-far', { groupIds: ['field'], skills: ['washer'], location: HONGQIAO }),
      agent('f-nopos', { groupIds: ['field'], skills: ['washer'] }),
      agent('f-near', { groupIds: ['field'], skills: ['washer'], location: LUJIAZUI }),
      agent('f-near2', { groupIds: ['field'], skills: ['washer'], location: XUJIAHUI }),
      agent('s1', { groupIds: ['service'] }),
    ];
    const t = ticket({ location: onSite(PEOPLES_SQUARE), customer: { name: '李娜', tier: 'vip', contact: { phone: '13900000000' } } });
    const r = router.route(t, agents, { now: FIXTURE_NOW, loads: { 'f-full': { open: 8, weighted: 8 } } });
    assert.equal(r.assignee, 'f-near');
    assert.deepEqual(r.trace.matchedRules, [{ id: 'vip', name: 'VIP' }, { id: 'field', name: '上门维修' }]);
    assert.deepEqual(r.tags, ['vip']);
    const reasons = Object.fromEntries(r.trace.candidates.map((c) => [c.agentId, c.reason ?? 'chosen']));
    assert.deepEqual(reasons, {
      'f-off': 'offline',
      'f-full': 'at_capacity',
      'f-noskill': 'skills_missing',
      'f-far': 'out_of_range',
      'f-nopos': 'no_location',
      'f-near': 'chosen',
      'f-near2': 'outranked',
    });
    assert.equal(r.trace.candidates.filter((c) => c.chosen).length, 1);
    assert.equal(candidate(r, 'f-full').detail, 'at capacity (8/8)');
    assert.equal(candidate(r, 'f-far').detail, '13.6 km away, beyond 10 km');
    assert.equal(candidate(r, 'f-far').distanceKm, 13.6);
    assert.equal(candidate(r, 'f-noskill').detail, 'missing skills: washer');
    assert.equal(r.trace.candidates.some((c) => c.agentId === 's1'), false);
    assert.equal(candidate(r, 'f-near').detail, '2.7 km away, load 0 (0/10 open), has the skills');
    assert.match(candidate(r, 'f-near2').detail, /^5\.3 km away, load 0 \(0\/10 open\), has the skills; outranked on nearest$/);
    assert.deepEqual(r.trace.explanation, [
      'Matched "VIP", "上门维修".',
      'Assigned to Agent f-near (f-near) by skills → nearest → least_loaded among 2 available of 7 (2.7 km away, load 0 (0/10 open), has the skills).',
    ]);
  });
});

// ---------------------------------------------------------------- between calls

describe('between calls: what the router keeps and what it reads again', () => {
  const leastLoaded: RoutingRule[] = [{ id: 'll', actions: { group: 'repair', strategy: 'least_loaded' } }];
  const bySkills: RoutingRule[] = [{ id: 'sk', actions: { group: 'repair', strategy: ['skills', 'least_loaded'], requiredSkills: ['washer'] } }];

  for (const [name, rules] of [['least_loaded', leastLoaded], ['skills → least_loaded', bySkills]] as const) {
    it(`an agent going offline between two calls on the same array is honoured (${name})`, () => {
      const router = createRouter({ rules });
      const agents = [agent('a1', { skills: ['washer'] }), agent('a2', { skills: ['washer'] })];
      const context = { now: FIXTURE_NOW, loads: { a1: { open: 0, weighted: 0 }, a2: { open: 1, weighted: 1 } } };
      const first = router.route(ticket(), agents, context);
      assert.equal(first.assignee, 'a1');
      agents[0]!.status = 'offline';
      const second = router.route(ticket(), agents, context);
      assert.equal(second.assignee, 'a2');
      assert.equal(candidate(second, 'a1').reason, 'offline');
      agents[0]!.status = 'online';
      assert.equal(router.route(ticket(), agents, context).assignee, 'a1', 'and back online');
    });

    it(`capacity and load numbers changed in place are honoured (${name})`, () => {
      const router = createRouter({ rules });
      const agents = [agent('a1', { skills: ['washer'] }), agent('a2', { skills: ['washer'] })];
      const loads: Record<string, AgentLoad> = { a1: { open: 1, weighted: 1 }, a2: { open: 2, weighted: 2 } };
      const context = { now: FIXTURE_NOW, loads };
      assert.equal(router.route(ticket(), agents, context).assignee, 'a1');
      loads.a1!.open = 5;
      loads.a1!.weighted = 5;
      assert.equal(router.route(ticket(), agents, context).assignee, 'a2');
      agents[1]!.capacity = 2;
      const r = router.route(ticket(), agents, context);
      assert.equal(r.assignee, 'a1');
      assert.equal(candidate(r, 'a2').detail, 'at capacity (2/2)');
    });
  }

  it('an agent without a load entry is looked up again: an entry added to the same loads object is seen', () => {
    const router = createRouter({ rules: leastLoaded });
    const agents = [agent('a1'), agent('a2')];
    const loads: Record<string, AgentLoad> = { a2: { open: 1 } };
    assert.equal(router.route(ticket(), agents, { now: FIXTURE_NOW, loads }).assignee, 'a1');
    loads.a1 = { open: 3 };
    assert.equal(router.route(ticket(), agents, { now: FIXTURE_NOW, loads }).assignee, 'a2');
  });

  it('a new loads object is read afresh', () => {
    const router = createRouter({ rules: leastLoaded });
    const agents = [agent('a1'), agent('a2')];
    assert.equal(router.route(ticket(), agents, { now: FIXTURE_NOW, loads: { a1: { open: 2 } } }).assignee, 'a2');
    assert.equal(router.route(ticket(), agents, { now: FIXTURE_NOW, loads: { a2: { open: 2 } } }).assignee, 'a1');
  });

  it('shifts follow `now` and the calendar an agent is on, with the same calendars object', () => {
    const weekdays = [['09:00', '18:00']] as Array<[string, string]>;
    const calendars = {
      dayShift: createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays } }),
      weekend: createCalendar({ timeZone: 'Asia/Shanghai', hours: { sat: [['08:00', '20:00']], sun: [['08:00', '20:00']] } }),
    };
    const router = createRouter({ rules: [{ id: 'rr', actions: { group: 'repair', strategy: 'round_robin' } }] });
    const agents = [agent('weekday', { calendarId: 'dayShift' }), agent('weekender', { calendarId: 'weekend' })];
    assert.equal(router.route(ticket(), agents, { calendars, now: FIXTURE_NOW }).assignee, 'weekender', 'Sunday');
    assert.equal(router.route(ticket(), agents, { calendars, now: '2026-11-23T02:00:00.000Z' }).assignee, 'weekday', 'Monday');
    agents[0]!.calendarId = 'weekend';
    const r = router.route(ticket(), agents, { calendars, now: '2026-11-23T02:00:00.000Z' });
    assert.equal(r.assignee, undefined, 'Monday, both on the weekend calendar');
    assert.equal(candidate(r, 'weekday').detail, 'off shift (calendar weekend)');
  });

  for (const [name, rules] of [['round_robin', [{ id: 'rr', actions: { group: 'repair', strategy: 'round_robin' } }]], ['skills → least_loaded', bySkills]] as const) {
    it(`a trace read later shows the agents and loads as they were when the ticket was routed (${name})`, () => {
      const make = () => ({
        agents: [agent('a1', { skills: ['washer'] }), agent('a2', { skills: ['washer'], capacity: 3 }), agent('a3', { skills: ['washer'], status: 'away' })],
        loads: { a1: { open: 2, weighted: 2.5 }, a2: { open: 1, weighted: 1 } } as Record<string, AgentLoad>,
      });
      const router = createRouter({ rules: [...rules] });
      const { agents, loads } = make();
      const r = router.route(ticket(), agents, { now: FIXTURE_NOW, loads, roundRobin: { repair: 'a1' } });
      // Everything changes before the trace is first read.
      agents[0]!.status = 'offline';
      agents[1]!.capacity = 1;
      agents[2]!.status = 'online';
      loads.a1!.open = 9;
      loads.a1!.weighted = 9;
      loads.a2 = { open: 7 };
      router.route(ticket(), agents, { now: FIXTURE_NOW, loads, roundRobin: { repair: 'a1' } });
      const fresh = make();
      const expected = createRouter({ rules: [...rules] }).route(ticket(), fresh.agents, { now: FIXTURE_NOW, loads: fresh.loads, roundRobin: { repair: 'a1' } });
      assert.deepEqual(r.trace, expected.trace);
      assert.equal(r.assignee, 'a2');
      assert.match(candidate(r, 'a1').detail, /^load 2\.5 \(2\/10 open\)/);
      assert.equal(candidate(r, 'a3').reason, 'offline');
    });
  }

  it('rules are compiled when the router is created: changing them afterwards has no effect', () => {
    const rules: RoutingRule[] = [{ id: 'only', actions: { group: 'repair', tags: ['x'] } }];
    const router = createRouter({ rules });
    rules[0]!.actions.group = 'elsewhere';
    rules[0]!.actions.tags!.push('y');
    rules.push({ id: 'late', actions: { group: 'late' } });
    const r = router.route(ticket(), []);
    assert.equal(r.group, 'repair');
    assert.deepEqual(r.tags, ['x']);
  });

  it('rules skipped for the type, channel, tier or priority they require still count as tested, in order', () => {
    const router = createRouter({
      rules: [
        { id: 'returns', when: { field: 'type', op: 'eq', value: 'return' }, actions: { group: 'returns' } },
        { id: 'mail', when: { all: [{ field: 'channel', op: 'in', value: ['email'] }, { field: 'subject', op: 'contains', value: '发票' }] }, actions: { group: 'mail' } },
        { id: 'vip', when: { field: 'customer.tier', op: 'eq', value: 'vip' }, actions: { tags: ['vip'] }, continue: true },
        { id: 'high', when: { field: 'priority', op: 'gte', value: 'high' }, actions: { group: 'fast' } },
        { id: 'default', actions: { group: 'repair' } },
      ],
    });
    const plain = router.route(ticket({ priority: 'normal', channel: 'web' }), []);
    assert.deepEqual([plain.group, plain.trace.rulesEvaluated, plain.trace.matchedRules.map((m) => m.id)], ['repair', 5, ['default']]);
    const urgent = router.route(ticket({ priority: 'urgent', channel: 'web' }), []);
    assert.deepEqual([urgent.group, urgent.trace.rulesEvaluated], ['fast', 4]);
    const mailed = router.route(ticket({ channel: 'email', subject: '请开具发票' }), []);
    assert.deepEqual([mailed.group, mailed.trace.rulesEvaluated], ['mail', 2]);
    const vip = router.route(ticket({ customer: { name: '李娜', tier: 'vip', contact: { phone: '13900000000' } } }), []);
    assert.deepEqual(vip.trace.matchedRules.map((m) => m.id), ['vip', 'default']);
    assert.deepEqual(vip.tags, ['vip']);
  });
});

// ---------------------------------------------------------------- dryRun

describe('dryRun', () => {
  const router = createRouter({
    rules: [
      { id: 'finance', when: { field: 'text', op: 'contains_any', value: ['发票', 'invoice'] }, actions: { group: 'finance', strategy: 'round_robin' } },
      { id: 'urgent', when: { field: 'priority', op: 'eq', value: 'urgent' }, actions: { group: 'repair', strategy: 'least_loaded', priority: 'urgent' } },
      { id: 'default', actions: { group: 'repair', strategy: 'least_loaded' } },
    ],
  });
  const agents = [
    agent('f1', { groupIds: ['finance'] }),
    agent('f2', { groupIds: ['finance'] }),
    agent('r1', { capacity: 2 }),
    agent('r2', { capacity: 2 }),
  ];

  it('carries round-robin state and loads forward and counts per group and assignee', () => {
    const tickets = [
      ticket({ subject: '发票 1' }),
      ticket({ subject: 'invoice 2' }),
      ticket({ subject: '发票 3' }),
      ticket({ subject: '空调 1' }),
      ticket({ subject: '空调 2' }),
      ticket({ subject: '空调 3' }),
      ticket({ subject: '空调 4' }),
      ticket({ subject: '空调 5' }),
    ];
    const report = router.dryRun(tickets, agents, { now: FIXTURE_NOW });
    assert.deepEqual(report.results.map((x) => x.result.assignee ?? '-'), ['f1', 'f2', 'f1', 'r1', 'r2', 'r1', 'r2', '-']);
    assert.deepEqual(report.byGroup, { finance: 3, repair: 5 });
    assert.deepEqual(report.byAssignee, { f1: 2, f2: 1, r1: 2, r2: 2 });
    assert.equal(report.queued, 1);
    assert.equal(report.results[7]!.result.trace.candidates.every((c) => c.reason === 'at_capacity'), true);
    assert.equal(report.results[0]!.number, 'AC-20261122-0001');
  });

  it('starts from the given state and loads and does not change them', () => {
    const loads = { r1: { open: 1, weighted: 1 } };
    const roundRobin = { finance: 'f1' };
    const report = router.dryRun([ticket({ subject: '发票' }), ticket()], agents, { now: FIXTURE_NOW, loads, roundRobin });
    assert.deepEqual(report.results.map((x) => x.result.assignee), ['f2', 'r2']);
    assert.deepEqual(loads, { r1: { open: 1, weighted: 1 } });
    assert.deepEqual(roundRobin, { finance: 'f1' });
  });

  it('adds the routed priority weight to the load it carries forward', () => {
    const loads = { r1: { open: 0, weighted: 2.5 } };
    // urgent adds 3 to r2 (0 → 3), so the next ticket goes to r1 (2.5).
    const report = router.dryRun([ticket({ priority: 'urgent' }), ticket()], [agents[2]!, agents[3]!], { now: FIXTURE_NOW, loads });
    assert.deepEqual(report.results.map((x) => x.result.assignee), ['r2', 'r1']);
  });

  it('loads given as open counts only keep their implied weight as tickets are added', () => {
    // r1 has 3 open (weight 3 at normal) and r2 has none; r2 takes the first two tickets,
    // and only when it reaches 3 does r1 win the tie on id.
    const a = [agent('r1', { capacity: 10 }), agent('r2', { capacity: 10 })];
    const report = router.dryRun([ticket(), ticket(), ticket(), ticket(), ticket()], a, { now: FIXTURE_NOW, loads: { r1: { open: 3 } } });
    assert.deepEqual(report.results.map((x) => x.result.assignee), ['r2', 'r2', 'r2', 'r1', 'r2']);
  });
});

// ---------------------------------------------------------------- validation

describe('validation at creation', () => {
  const ok = { group: 'g' };

  it('unknown field', () => {
    refused([{ id: 'a', when: { field: 'colour', op: 'eq', value: 'red' }, actions: ok }], 'rules[0].when.field', /unknown field "colour"/);
    refused([{ id: 'a', when: { field: 'customFields.', op: 'eq', value: 'x' }, actions: ok }], 'rules[0].when.field');
    refused([{ id: 'a', when: { all: [{ field: 'type', op: 'eq', value: 'x' }, { field: 'subjet', op: 'contains', value: 'x' }] }, actions: ok }], 'rules[0].when.all[1].field');
  });

  it('operator that does not apply to the field, or no such operator', () => {
    refused([{ id: 'a', when: { field: 'tags', op: 'contains', value: 'x' }, actions: ok }], 'rules[0].when.op', /does not apply to tags/);
    refused([{ id: 'a', when: { field: 'type', op: 'gt', value: 'x' }, actions: ok }], 'rules[0].when.op');
    refused([{ id: 'a', when: { field: 'subject', op: 'has', value: 'x' }, actions: ok }], 'rules[0].when.op');
    refused([{ id: 'a', when: { field: 'location', op: 'eq', value: 'x' }, actions: ok }], 'rules[0].when.op');
    refused([{ id: 'a', when: { any: [{ not: { field: 'type', op: 'like', value: 'x' } }] }, actions: ok }], 'rules[0].when.any[0].not.op', /"like"/);
  });

  it('bad values', () => {
    refused([{ id: 'a', when: { field: 'subject', op: 'matches', value: '([' }, actions: ok }], 'rules[0].when.value', /invalid regular expression/);
    refused([{ id: 'a', when: { field: 'priority', op: 'gte', value: 'critical' }, actions: ok }], 'rules[0].when.value', /priority/);
    refused([{ id: 'a', when: { field: 'priority', op: 'in', value: ['high', 'p1'] }, actions: ok }], 'rules[0].when.value');
    refused([{ id: 'a', when: { field: 'reopenCount', op: 'gt', value: '2' }, actions: ok }], 'rules[0].when.value', /number/);
    refused([{ id: 'a', when: { field: 'channel', op: 'in', value: [] }, actions: ok }], 'rules[0].when.value', /non-empty array/);
    refused([{ id: 'a', when: { field: 'subject', op: 'contains', value: '' }, actions: ok }], 'rules[0].when.value');
    refused([{ id: 'a', when: { field: 'text', op: 'contains_any', value: ['发票', 3] }, actions: ok }], 'rules[0].when.value[1]');
    refused([{ id: 'a', when: { field: 'type', op: 'eq' }, actions: ok }], 'rules[0].when.value', /required/);
    refused([{ id: 'a', when: { field: 'location', op: 'within_km', value: { lat: 31, lng: 121, km: 0 } }, actions: ok }], 'rules[0].when.value', /km > 0/);
    refused([{ id: 'a', when: { field: 'tags', op: 'has', value: 1 }, actions: ok }], 'rules[0].when.value');
  });

  it('empty all / any, and a condition that is not an object', () => {
    refused([{ id: 'a', when: { all: [] }, actions: ok }], 'rules[0].when.all', /non-empty array/);
    refused([{ id: 'a', when: { any: [] }, actions: ok }], 'rules[0].when.any');
    refused([{ id: 'a', when: { all: [{ any: [] }] }, actions: ok }], 'rules[0].when.all[0].any');
    refused([{ id: 'a', when: { not: null }, actions: ok }], 'rules[0].when.not');
  });

  it('unknown strategy, repeated strategy, unknown action key and bad actions', () => {
    refused([{ id: 'a', actions: { strategy: 'random' } }], 'rules[0].actions.strategy', /unknown strategy "random"/);
    refused([{ id: 'a', actions: { strategy: ['skills', 'closest'] } }], 'rules[0].actions.strategy[1]');
    refused([{ id: 'a', actions: { strategy: [] } }], 'rules[0].actions.strategy');
    refused([{ id: 'a', actions: { strategy: ['skills', 'skills'] } }], 'rules[0].actions.strategy', /twice/);
    refused([{ id: 'a', actions: { group: 'g', assign: 'wang' } }], 'rules[0].actions.assign', /unknown action/);
    refused([{ id: 'a', actions: {} }], 'rules[0].actions', /does nothing/);
    refused([{ id: 'a' }], 'rules[0].actions');
    refused([{ id: 'a', actions: { priority: 'p1' } }], 'rules[0].actions.priority');
    refused([{ id: 'a', actions: { group: '' } }], 'rules[0].actions.group');
    refused([{ id: 'a', actions: { tags: ['ok', ''] } }], 'rules[0].actions.tags');
    refused([{ id: 'a', actions: { requiredSkills: 'washer' } }], 'rules[0].actions.requiredSkills');
    refused([{ id: 'a', actions: { serviceRadiusKm: -1 } }], 'rules[0].actions.serviceRadiusKm');
    assert.deepEqual([...ROUTING_STRATEGIES], ['round_robin', 'least_loaded', 'skills', 'nearest']);
  });

  it('ids: required and unique', () => {
    refused([{ actions: ok }], 'rules[0].id');
    refused([{ id: 'a', when: { field: 'type', op: 'eq', value: 'x' }, actions: ok }, { id: 'a', actions: ok }], 'rules[1].id', /"a" is used twice/);
    refused(['nope'], 'rules[0]');
    assert.throws(() => createRouter({} as RouterConfig), (e: unknown) => e instanceof RuleError && e.path === 'rules');
  });

  it('a rule after a catch-all is unreachable; a catch-all with continue is fine', () => {
    refused(
      [{ id: 'default', actions: ok }, { id: 'late', when: { field: 'type', op: 'eq', value: 'x' }, actions: ok }],
      'rules[1]',
      /unreachable: rule "default" before it matches every ticket/,
    );
    refused([{ id: 'x', when: { field: 'type', op: 'eq', value: 'x' }, actions: ok }, { id: 'default', actions: ok }, { id: 'late', actions: ok }], 'rules[2]');
    assert.doesNotThrow(() => createRouter({ rules: [{ id: 'tag-all', actions: { tags: ['t'] }, continue: true }, { id: 'default', actions: ok }] }));
    assert.doesNotThrow(() => createRouter({ rules: [] }));
  });

  it('the error names the path in its message', () => {
    try {
      createRouter({ rules: [{ id: 'a', when: { field: 'tags', op: 'eq', value: 'x' } as Condition, actions: ok }] });
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof RuleError);
      assert.match(e.message, /^rules\[0\]\.when\.op: operator "eq" does not apply to tags \(use exists, not_exists, has, has_any, has_all\)$/);
    }
  });
});
