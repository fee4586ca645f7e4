// Routing throughput: 100,000 tickets through 50 realistic rules (Chinese and English
// keywords, tier/priority/type/channel rules, location rules, custom fields, a catch-all)
// and 200 agents with mixed strategies, shift calendars, capacities and loads. In the same
// run the plain reference router (test/core/routing-reference.ts) routes a sample, for the
// speed ratio and to check that both take the same decisions.
import {
  computeAgentLoads,
  createCalendar,
  type Agent,
  type Priority,
  type RouteContext,
  type RoutingRule,
  type RoutingStrategy,
  type Ticket,
} from '../src/index.js';
import { buildTicket } from '../src/testing/index.js';
import { referenceRoute } from '../test/core/routing-reference.js';
import { shippedCore, type Metric } from './harness.js';
import { seededRandom } from '../test/support/seeded-random.js';

const TICKETS = 100_000;
const WARMUP = 20_000;
const SAMPLE = 5_000;
const ROUNDS = 5;

/** Small seeded PRNG (mulberry32) so every run routes the same tickets. */
function prng(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const some = <T>(items: readonly T[], max: number): T[] => {
    const n = Math.floor(next() * (max + 1));
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const x = pick(items);
      if (!out.includes(x)) out.push(x);
    }
    return out;
  };
  return { next, pick, chance, some };
}

const CITIES = {
  shanghai: { lat: 31.2304, lng: 121.4737 },
  beijing: { lat: 39.9042, lng: 116.4074 },
  guangzhou: { lat: 23.1291, lng: 113.2644 },
  shenzhen: { lat: 22.5431, lng: 114.0579 },
  chengdu: { lat: 30.5728, lng: 104.0668 },
  hangzhou: { lat: 30.2741, lng: 120.1551 },
};
type City = keyof typeof CITIES;
const CITY_NAMES = Object.keys(CITIES) as City[];

const PRODUCTS = ['空调', '洗衣机', '冰箱', '热水器', '油烟机', 'air conditioner', 'washer', 'fridge', 'water heater'];
const SUBJECT_TEMPLATES = [
  '请开具发票', '发票抬头错误', '需要增值税专用发票', 'Please send the invoice', 'ＩＮＶＯＩＣＥ request for order', 'VAT invoice needed',
  '{p}不制冷', '{p}漏水', '{p}噪音很大', '{p}无法开机', '{p} not cooling', '{p} leaking water', '{p} making loud noise', '{p} will not turn on',
  '申请退货', '我要退款', 'Refund please', 'Return request for {p}', '投诉安装师傅', '对服务不满意', 'Complaint: technician was late',
  '预约安装{p}', '新买的{p}需要安装', 'Installation appointment for {p}', '{p}显示故障码 E1', '{p} shows error E4', '保修期查询',
  'Warranty question about {p}', '以旧换新活动咨询', 'Trade-in program question', '配件购买', 'Need spare parts for {p}',
  '{p}遥控器失灵', 'Remote control not working', '{p}异味', 'Bad smell from the {p}', '紧急：{p}冒烟', 'URGENT: {p} smoking',
];
const DESCRIPTIONS = [
  '', '开机半小时仍然吹热风，显示 E1。', '订单号 JD20261122，已经等了三天。', 'Bought last month, order JD20261122.', '师傅上门后问题依旧。',
  'Still broken after the last visit.', '请尽快处理，家里有老人。', 'Please call before coming.', '在保修期内。', 'Warranty ends next year.',
  '需要发票报销。', 'I need the invoice for reimbursement.', '想换一台新的。', 'Would like a replacement.',
];

function buildAgents(rand: ReturnType<typeof prng>): Agent[] {
  const teams: Array<{ group: string; n: number; skills: string[]; city?: City; calendar?: string }> = [
    { group: 'finance', n: 14, skills: ['invoice', 'refund', 'english'], calendar: 'office' },
    { group: 'returns', n: 14, skills: ['refund', 'logistics', 'english'], calendar: 'office' },
    { group: 'complaints', n: 12, skills: ['complaint', 'escalation', 'english'], calendar: 'office' },
    { group: 'vip-desk', n: 10, skills: ['complaint', 'invoice', 'air-conditioner', 'washer', 'english'], calendar: 'extended' },
    { group: 'support-ac', n: 24, skills: ['air-conditioner', 'error-codes', 'english'], calendar: 'extended' },
    { group: 'support-appliance', n: 24, skills: ['washer', 'fridge', 'water-heater', 'range-hood', 'english'], calendar: 'extended' },
    { group: 'parts', n: 8, skills: ['parts', 'logistics'], calendar: 'office' },
    { group: 'installation', n: 14, skills: ['installation', 'air-conditioner', 'water-heater'], calendar: 'extended' },
    { group: 'general', n: 20, skills: ['general', 'english'], calendar: 'always' },
  ];
  const agents: Agent[] = [];
  let n = 0;
  for (const team of teams) {
    for (let i = 0; i < team.n; i++) {
      n += 1;
      agents.push({
        id: `agent-${String(n).padStart(3, '0')}`,
        name: `Agent ${n}`,
        role: 'agent',
        groupIds: rand.chance(0.15) ? [team.group, 'general'] : [team.group],
        skills: [...new Set([...team.skills.filter(() => rand.chance(0.8)), ...rand.some(['english', 'cantonese', 'general'], 1)])],
        capacity: rand.pick([6, 8, 10, 12]),
        seniority: Math.floor(rand.next() * 12),
        status: rand.chance(0.85) ? 'online' : rand.pick(['away', 'offline'] as const),
        ...(team.calendar ? { calendarId: team.calendar } : {}),
      });
    }
  }
  // Field engineers: 60, spread over six cities.
  for (let i = 0; i < 60; i++) {
    n += 1;
    const city = CITY_NAMES[i % CITY_NAMES.length]!;
    const c = CITIES[city];
    agents.push({
      id: `agent-${String(n).padStart(3, '0')}`,
      name: `Engineer ${n}`,
      role: 'agent',
      groupIds: [`field-${city}`, 'field'],
      skills: rand.some(['air-conditioner', 'washer', 'fridge', 'water-heater', 'installation', 'electrical'], 4),
      capacity: rand.pick([4, 6, 8]),
      seniority: Math.floor(rand.next() * 20),
      status: rand.chance(0.9) ? 'online' : 'away',
      location: { lat: c.lat + (rand.next() - 0.5) * 0.4, lng: c.lng + (rand.next() - 0.5) * 0.4 },
      calendarId: rand.pick(['extended', 'field-weekend']),
    });
  }
  return agents;
}

function buildRules(): RoutingRule[] {
  const kw = (id: string, name: string, words: string[], group: string, strategy: RoutingStrategy | RoutingStrategy[], extra: Partial<RoutingRule['actions']> = {}): RoutingRule => ({
    id,
    name,
    when: { field: 'text', op: 'contains_any', value: words },
    actions: { group, strategy, ...extra },
  });
  const rules: RoutingRule[] = [
    // Tagging and priority rules that let later rules decide.
    { id: 'vip-tag', name: 'VIP 客户', when: { field: 'customer.tier', op: 'eq', value: 'vip' }, actions: { tags: ['vip'] }, continue: true },
    { id: 'urgent-words', name: '紧急关键词', when: { field: 'subject', op: 'contains_any', value: ['紧急', 'urgent', '冒烟', 'smoking', '漏电', 'sparks'] }, actions: { priority: 'urgent', tags: ['safety'] }, continue: true },
    { id: 'repeat', name: '重复报修', when: { field: 'reopenCount', op: 'gte', value: 1 }, actions: { tags: ['repeat'], priority: 'high' }, continue: true },
    { id: 'escalated', when: { field: 'escalationLevel', op: 'gte', value: 2 }, actions: { tags: ['escalated'] }, continue: true },
    { id: 'warranty-tag', when: { field: 'text', op: 'contains_any', value: ['保修', 'warranty'] }, actions: { tags: ['warranty'] }, continue: true },
    { id: 'wechat-tag', when: { field: 'channel', op: 'in', value: ['wechat', 'mini-program'] }, actions: { tags: ['wechat'] }, continue: true },
    { id: 'big-order', when: { field: 'customFields.order_amount', op: 'gte', value: 10000 }, actions: { tags: ['big-order'] }, continue: true },
    { id: 'enterprise', when: { field: 'customer.tier', op: 'eq', value: 'enterprise' }, actions: { tags: ['enterprise'], priority: 'high' }, continue: true },
    // Deciding rules.
    { id: 'vip-complaint', name: 'VIP 投诉', when: { all: [{ field: 'customer.tier', op: 'eq', value: 'vip' }, { any: [{ field: 'type', op: 'eq', value: 'complaint' }, { field: 'text', op: 'contains_any', value: ['投诉', 'complaint', '不满意'] }] }] }, actions: { group: 'vip-desk', strategy: ['skills', 'least_loaded'], requiredSkills: ['complaint'] } },
    kw('invoice', '发票 → 财务', ['发票', 'invoice', '开票', '增值税', 'fapiao'], 'finance', 'round_robin'),
    { id: 'refund-big', when: { all: [{ field: 'text', op: 'contains_any', value: ['退款', 'refund'] }, { field: 'customFields.order_amount', op: 'gt', value: 5000 }] }, actions: { group: 'finance', strategy: ['skills', 'least_loaded'], requiredSkills: ['refund'], priority: 'high' } },
    kw('refund', '退款', ['退款', 'refund', '退钱'], 'returns', 'least_loaded'),
    { id: 'return-type', when: { field: 'type', op: 'eq', value: 'return' }, actions: { group: 'returns', strategy: 'round_robin' } },
    kw('return-words', '退货', ['退货', 'return request', '换货'], 'returns', 'round_robin'),
    { id: 'complaint-escalated', when: { all: [{ field: 'type', op: 'eq', value: 'complaint' }, { field: 'escalationLevel', op: 'gte', value: 1 }] }, actions: { group: 'complaints', strategy: ['skills', 'least_loaded'], requiredSkills: ['escalation'] } },
    { id: 'complaint-type', when: { field: 'type', op: 'eq', value: 'complaint' }, actions: { group: 'complaints', strategy: 'least_loaded' } },
    kw('complaint-words', '投诉关键词', ['投诉', 'complaint', '不满意', 'unhappy', 'terrible'], 'complaints', ['least_loaded', 'round_robin']),
    { id: 'low-score', when: { field: 'satisfaction.score', op: 'lte', value: 2 }, actions: { group: 'complaints', strategy: 'least_loaded', priority: 'high' } },
    // On-site work by city.
    ...CITY_NAMES.map((city): RoutingRule => ({
      id: `onsite-${city}`,
      name: `上门 ${city}`,
      when: { all: [{ field: 'type', op: 'in', value: ['repair', 'installation'] }, { field: 'location', op: 'within_km', value: { ...CITIES[city], km: 60 } }, { not: { field: 'channel', op: 'eq', value: 'email' } }] },
      actions: { group: `field-${city}`, strategy: ['skills', 'nearest', 'least_loaded'], serviceRadiusKm: 40 },
    })),
    { id: 'onsite-far', when: { all: [{ field: 'type', op: 'in', value: ['repair', 'installation'] }, { field: 'location', op: 'exists' }] }, actions: { group: 'field', strategy: ['nearest', 'least_loaded'], serviceRadiusKm: 300 } },
    // Product and keyword rules.
    { id: 'install-ac', when: { all: [{ field: 'type', op: 'eq', value: 'installation' }, { field: 'product.model', op: 'starts_with', value: 'KFR' }] }, actions: { group: 'installation', strategy: ['skills', 'least_loaded'], requiredSkills: ['air-conditioner'] } },
    { id: 'install', when: { field: 'type', op: 'eq', value: 'installation' }, actions: { group: 'installation', strategy: 'round_robin' } },
    kw('install-words', '安装', ['安装', 'installation', 'install'], 'installation', 'round_robin'),
    { id: 'error-codes', name: '故障码', when: { field: 'text', op: 'matches', value: '\\b(e|f|p)\\d{1,2}\\b|故障码' }, actions: { group: 'support-ac', strategy: ['skills', 'least_loaded'], requiredSkills: ['error-codes'] } },
    { id: 'ac-model', when: { field: 'product.model', op: 'matches', value: '^KF[RD]-\\d+' }, actions: { group: 'support-ac', strategy: 'least_loaded' } },
    kw('ac-words', '空调', ['空调', 'air conditioner', 'a/c', '制冷', 'cooling'], 'support-ac', ['least_loaded', 'round_robin']),
    kw('washer-words', '洗衣机', ['洗衣机', 'washer', 'washing machine', '脱水'], 'support-appliance', ['skills', 'least_loaded'], { requiredSkills: ['washer'] }),
    kw('fridge-words', '冰箱', ['冰箱', 'fridge', 'refrigerator', '冷藏'], 'support-appliance', ['skills', 'least_loaded'], { requiredSkills: ['fridge'] }),
    kw('heater-words', '热水器', ['热水器', 'water heater', 'boiler'], 'support-appliance', ['skills', 'least_loaded'], { requiredSkills: ['water-heater'] }),
    kw('hood-words', '油烟机', ['油烟机', 'range hood', 'cooker hood'], 'support-appliance', 'least_loaded'),
    kw('parts', '配件', ['配件', 'spare part', 'parts', '零件'], 'parts', 'round_robin'),
    kw('remote', '遥控器', ['遥控器', 'remote control'], 'parts', 'round_robin'),
    kw('smell', '异味', ['异味', 'smell', '臭'], 'support-appliance', 'least_loaded'),
    kw('trade-in', '以旧换新', ['以旧换新', 'trade-in', 'trade in'], 'returns', 'round_robin'),
    kw('noise-words', '噪音', ['噪音', 'noise', '异响'], 'support-appliance', ['skills', 'round_robin']),
    kw('no-power', '无法开机', ['无法开机', 'will not turn on', "won't turn on", '不通电'], 'support-ac', ['least_loaded', 'round_robin']),
    { id: 'billing-category', when: { field: 'category', op: 'in', value: ['billing', 'payment'] }, actions: { group: 'finance', strategy: 'least_loaded' } },
    // Tier, priority, type and channel rules.
    { id: 'vip-any', when: { field: 'customer.tier', op: 'eq', value: 'vip' }, actions: { group: 'vip-desk', strategy: ['skills', 'least_loaded'] } },
    { id: 'urgent', when: { field: 'priority', op: 'eq', value: 'urgent' }, actions: { group: 'general', strategy: 'least_loaded' } },
    { id: 'high-phone', when: { all: [{ field: 'priority', op: 'gte', value: 'high' }, { field: 'channel', op: 'eq', value: 'phone' }] }, actions: { group: 'general', strategy: ['least_loaded', 'round_robin'] } },
    { id: 'consultation', when: { field: 'type', op: 'eq', value: 'consultation' }, actions: { group: 'general', strategy: 'round_robin' } },
    { id: 'email-en', when: { all: [{ field: 'channel', op: 'eq', value: 'email' }, { not: { field: 'subject', op: 'matches', value: '[\\u4e00-\\u9fff]' } }] }, actions: { group: 'general', strategy: ['skills', 'round_robin'], requiredSkills: ['english'] } },
    { id: 'serial-bad', when: { field: 'product.serialNumber', op: 'not_exists' }, actions: { group: 'general', strategy: 'round_robin', tags: ['no-serial'] } },
    { id: 'api', when: { field: 'channel', op: 'eq', value: 'api' }, actions: { group: 'general', assignee: 'agent-180', strategy: 'least_loaded' } },
    { id: 'default', name: '默认', actions: { group: 'general', strategy: 'least_loaded' } },
  ];
  return rules;
}

function buildTickets(rand: ReturnType<typeof prng>, count: number): Ticket[] {
  const base = buildTicket();
  const tickets: Ticket[] = [];
  const priorities: Priority[] = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'];
  for (let i = 0; i < count; i++) {
    const product = rand.pick(PRODUCTS);
    const subject = rand.pick(SUBJECT_TEMPLATES).replace('{p}', product) + (rand.chance(0.3) ? ` #${i % 997}` : '');
    const t: Ticket = {
      ...base,
      id: `t-${i}`,
      number: `AC-20261122-${String(i).padStart(5, '0')}`,
      type: rand.pick(['repair', 'repair', 'repair', 'complaint', 'consultation', 'return', 'installation']),
      subject,
      description: rand.pick(DESCRIPTIONS),
      priority: rand.pick(priorities),
      channel: rand.pick(['web', 'email', 'chat', 'phone', 'wechat', 'mini-program', 'qr', 'api'] as const),
      customer: { ...base.customer, id: `c-${i % 5000}`, tier: rand.pick(['standard', 'standard', 'standard', 'vip', 'enterprise']) },
      tags: rand.chance(0.2) ? [rand.pick(['warranty', 'repeat', 'vip', '以旧换新'])] : [],
      escalationLevel: rand.chance(0.1) ? Math.floor(rand.next() * 3) + 1 : 0,
      reopenCount: rand.chance(0.1) ? 1 : 0,
      customFields: rand.chance(0.5) ? { order_amount: Math.floor(rand.next() * 20000) } : {},
    };
    if (rand.chance(0.85)) t.product = { model: rand.pick(['KFR-35GW', 'KFR-72LW', 'KFD-50', 'XQB80', 'BCD-500', 'JSQ25', 'CXW-200']), serialNumber: `SN${100000 + (i % 90000)}` };
    else delete t.product;
    if (rand.chance(0.45)) {
      const c = CITIES[rand.pick(CITY_NAMES)];
      const spread = rand.chance(0.9) ? 0.5 : 4;
      t.location = { address: '上门地址', lat: c.lat + (rand.next() - 0.5) * spread, lng: c.lng + (rand.next() - 0.5) * spread };
    }
    if (rand.chance(0.05)) t.satisfaction = { score: 1 + Math.floor(rand.next() * 5), at: base.createdAt };
    tickets.push(t);
  }
  return tickets;
}

interface Decision {
  assignee?: string;
  group?: string;
  priority?: Priority;
  tags: string[];
  queued: boolean;
}

const same = (a: Decision, b: Decision) =>
  a.assignee === b.assignee && a.group === b.group && a.priority === b.priority && a.queued === b.queued && a.tags.join('\u0000') === b.tags.join('\u0000');

/** The routing scenario: 50 rules, 200 agents, shift calendars, loads and the tickets to route. */
export function scenario(ticketCount = TICKETS) {
  const rand = prng(20261122);
  const agents = buildAgents(rand);
  const rules = buildRules();
  const tickets = buildTickets(rand, ticketCount);
  const office = [['09:00', '18:00']] as Array<[string, string]>;
  const extended = [['08:00', '22:00']] as Array<[string, string]>;
  const allDay = [['00:00', '24:00']] as Array<[string, string]>;
  const calendars = {
    office: createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: office, tue: office, wed: office, thu: office, fri: office } }),
    extended: createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: extended, tue: extended, wed: extended, thu: extended, fri: extended, sat: extended, sun: extended } }),
    always: createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay } }),
    'field-weekend': createCalendar({ timeZone: 'Asia/Shanghai', hours: { sat: extended, sun: extended } }),
  };
  // Open work: 800 tickets spread over the agents (4 each on average; some reach capacity).
  const open = Array.from({ length: 800 }, () => ({ assigneeId: rand.pick(agents).id, priority: rand.pick(['low', 'normal', 'high', 'urgent'] as const), status: 'in_progress' }));
  const loads = computeAgentLoads(open);
  const now = Date.parse('2026-11-23T02:00:00.000Z'); // Monday 10:00 in Shanghai: weekend field shifts are off
  if (rules.length !== 50) throw new Error(`expected 50 rules, built ${rules.length}`);
  if (agents.length !== 200) throw new Error(`expected 200 agents, built ${agents.length}`);
  return { agents, rules, tickets, calendars, loads, now };
}

export async function run(): Promise<Record<string, Metric>> {
  const { agents, rules, tickets, calendars, loads, now } = scenario();

  // Timed: the router as shipped (see shippedCore); its decisions are checked against the reference below.
  const core = await shippedCore();
  const router = core.createRouter({ rules });
  const context: RouteContext = { now, loads, calendars, roundRobin: {} };
  const routeAll = (list: readonly Ticket[]) => {
    let assigned = 0;
    for (const t of list) {
      const r = router.route(t, agents, context);
      context.roundRobin = r.roundRobin;
      if (r.assignee !== undefined) assigned += 1;
    }
    return assigned;
  };

  // Warm up, then time whole passes over the 100,000 tickets; report the median pass.
  routeAll(tickets.slice(0, WARMUP));
  const passes: number[] = [];
  let assigned = 0;
  for (let round = 0; round < ROUNDS; round++) {
    context.roundRobin = {};
    const start = performance.now();
    assigned = routeAll(tickets);
    passes.push(performance.now() - start);
  }
  passes.sort((a, b) => a - b);
  const ms = passes[Math.floor(passes.length / 2)]!;
  const perSecond = (TICKETS / ms) * 1000;

  // Reference and comparison on a sample, each ticket given the same context to both.
  const sample = tickets.slice(0, SAMPLE);
  let mismatches = 0;
  const refContext = { now, loads, calendars, roundRobin: {} as Readonly<Record<string, string>> };
  const routerContext: RouteContext = { now, loads, calendars, roundRobin: {} };
  for (const t of sample) {
    const r = router.route(t, agents, routerContext);
    const e = referenceRoute(rules, t, agents, { ...refContext, roundRobin: routerContext.roundRobin });
    const actual: Decision = { assignee: r.assignee, group: r.group, priority: r.priority, tags: r.tags, queued: r.trace.queued !== undefined };
    if (!same(actual, e)) {
      mismatches += 1;
      if (mismatches <= 5) console.error('mismatch', t.id, JSON.stringify(actual), JSON.stringify(e));
    }
    routerContext.roundRobin = r.roundRobin;
  }
  for (const t of sample.slice(0, 500)) referenceRoute(rules, t, agents, refContext); // warm-up
  let state: Readonly<Record<string, string>> = {};
  const refStart = performance.now();
  for (const t of sample) state = referenceRoute(rules, t, agents, { ...refContext, roundRobin: state }).roundRobin;
  const refMs = performance.now() - refStart;
  const refPerSecond = (SAMPLE / refMs) * 1000;

  return {
    tickets_per_s: { value: perSecond, unit: 'tickets/s', better: 'higher', target: 200_000, note: `median of ${ROUNDS} passes over ${TICKETS.toLocaleString('en')} tickets, 50 rules, 200 agents` },
    us_per_ticket: { value: (ms * 1000) / TICKETS, unit: 'µs', better: 'lower', note: 'createRouter().route, trace included' },
    reference_tickets_per_s: { value: refPerSecond, unit: 'tickets/s', better: 'higher', note: `plain reference router, ${SAMPLE.toLocaleString('en')}-ticket sample` },
    reference_us_per_ticket: { value: (refMs * 1000) / SAMPLE, unit: 'µs', better: 'lower', note: 'reference, no trace' },
    speedup_vs_reference: { value: perSecond / refPerSecond, unit: '×', better: 'higher', note: 'router / reference throughput' },
    decision_mismatches: { value: mismatches, unit: 'tickets', better: 'lower', target: 0, note: `assignee, group, priority, tags, queued on the ${SAMPLE.toLocaleString('en')}-ticket sample` },
    assigned_pct: { value: (assigned / TICKETS) * 100, unit: '%', better: 'higher', note: 'share of tickets given an agent (rest queued or group-only)' },
  };
}
