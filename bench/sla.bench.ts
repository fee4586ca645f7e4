// SLA arithmetic: due dates (`calendar.add`) and whole-ticket SLA evaluation, timed on a
// realistic mix, with two baselines measured in the same run on the same inputs:
//   - a minute-stepping reference kept here (what a naive implementation does), which is
//     also the correctness oracle for our calendar, make-up workdays included;
//   - dayjs-business-time, a peer library, on the calendar it can express (no make-up
//     workdays: it only knows weekly hours and holidays), run with TZ=Asia/Shanghai.
import dayjs from 'dayjs';
import businessTime from 'dayjs-business-time';
import {
  chinaWorkdays,
  createCalendar,
  createTicket,
  evaluateSla,
  standardWorkflow,
  WEEKDAYS,
  type Actor,
  type BusinessCalendar,
  type CalendarSpec,
  type DayHours,
  type EscalationAction,
  type Priority,
  type SlaEvaluation,
  type SlaPolicy,
  type Ticket,
} from '../src/index.js';
import { buildTicketInput } from '../src/testing/index.js';
import type { Metric } from './harness.js';
import { seededRandom } from '../test/support/seeded-random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const CALLS = 100_000; // timed calls per pass, for add and for evaluateSla
const PASSES = 5; // timed passes; the median is reported
const SAMPLE = 1_000; // calls for the slow baselines (reference, peer)

// ---------------------------------------------------------------------------------------
// Calendars and policies

const SHANGHAI_DAY: DayHours = [
  ['09:00', '12:00'],
  ['13:30', '18:00'],
];
const weekdays = (hours: DayHours) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const china2026 = chinaWorkdays(2026);

/** Office hours in Shanghai with the 2026 public holidays and make-up workdays (调休). */
const shanghaiSpec: CalendarSpec = { timeZone: 'Asia/Shanghai', hours: weekdays(SHANGHAI_DAY), ...china2026 };
/** The same without make-up workdays: what the peer library can express. */
const shanghaiPeerSpec: CalendarSpec = { timeZone: 'Asia/Shanghai', hours: weekdays(SHANGHAI_DAY), holidays: china2026.holidays };
/** Service hours of the standard desk: Mon–Sat 08:30–20:30, same holidays and make-up days. */
const serviceSpec: CalendarSpec = {
  timeZone: 'Asia/Shanghai',
  hours: { ...weekdays([['08:30', '20:30']]), sat: [['08:30', '20:30']] },
  ...china2026,
};

const notifyAssignee: EscalationAction = { type: 'notify', to: ['assignee'], channel: 'in_app' };
const notifyLead: EscalationAction = { type: 'notify', to: ['group_lead'], channel: 'wechat' };

const policies: SlaPolicy[] = [
  {
    id: 'vip',
    conditions: { tier: ['vip'] },
    calendarId: 'shanghai',
    targets: { first_response: 30, next_response: 60, periodic_update: 240, resolution: 960 },
    escalations: [
      { at: 'warning', actions: [notifyAssignee] },
      { at: 'breach', actions: [notifyLead, { type: 'raise_priority' }] },
      { at: { afterBreach: 120 }, metrics: ['resolution'], actions: [{ type: 'reassign_group', groupId: 'vip-desk' }] },
    ],
  },
  {
    id: 'urgent',
    conditions: { priority: ['urgent'] },
    // No calendarId: around the clock.
    targets: { first_response: 15, next_response: 30, resolution: 240 },
    warningAt: 0.5,
    escalations: [
      { at: 'warning', actions: [notifyAssignee] },
      { at: 'breach', actions: [notifyLead] },
    ],
  },
  {
    id: 'high',
    conditions: { priority: ['high'] },
    calendarId: 'service',
    targets: { first_response: 60, resolution: 1440 },
    escalations: [{ at: 'breach', actions: [notifyLead, { type: 'raise_priority', to: 'urgent' }] }],
  },
  {
    id: 'standard',
    calendarId: 'service',
    targets: { first_response: 240, next_response: 480, resolution: 2880 },
    pauseStatuses: ['pending_customer', 'pending_parts'],
    escalations: [{ at: 'breach', metrics: ['resolution'], actions: [notifyLead] }],
  },
];

// ---------------------------------------------------------------------------------------
// Helpers

/** Deterministic PRNG, so every run measures the same inputs. */
const prng = seededRandom;

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

function weighted<T>(rand: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Microseconds per call of `body(i)` over `calls` calls, median of `passes` timed passes. */
function timePerCall(calls: number, passes: number, body: (i: number) => number): { us: number; checksum: number } {
  let checksum = 0;
  const perPass: number[] = [];
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) checksum += body(i);
    perPass.push(((performance.now() - t0) * 1000) / calls);
  }
  return { us: median(perPass), checksum };
}

// ---------------------------------------------------------------------------------------
// The minute-stepping reference: walks one real minute at a time and asks whether that
// minute's local wall clock lies in the open hours of its local date. It reads the spec
// itself (no code shared with createCalendar) and works for whole minutes from
// minute-aligned starts. Offsets come from Intl: once at each end of a UTC day, and for
// every minute of a day whose two ends differ (a transition day). So it stays simple and
// exact while the stepping, not Intl, is what it costs.

function referenceAdder(spec: CalendarSpec): (start: number, minutes: number) => number {
  const toMinutes = (hhmm: string) => (hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)));
  const parse = (hours: DayHours | undefined) => (hours ?? []).map(([s, e]) => [toMinutes(s), toMinutes(e)] as const);
  const weekly = WEEKDAYS.map((d) => parse(spec.hours[d]));
  const holidays = new Set(spec.holidays ?? []);
  const makeUp = new Set(spec.makeUpWorkdays ?? []);
  const makeUpHours = spec.makeUpHours ? parse(spec.makeUpHours) : weekly[1]!;
  const special = new Map(Object.entries(spec.specialDays ?? {}).map(([d, h]) => [d, parse(h)]));
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: spec.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const offsetAt = (at: number) => {
    const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - at;
  };
  let utcDay = NaN;
  let dayOffset: number | undefined; // undefined on a transition day: ask Intl every minute
  let dayNumber = NaN;
  let dayHours: ReadonlyArray<readonly [number, number]> = [];

  const isOpenMinute = (t: number) => {
    const u = Math.floor(t / DAY);
    if (u !== utcDay) {
      const first = offsetAt(u * DAY);
      dayOffset = first === offsetAt((u + 1) * DAY - MINUTE) ? first : undefined;
      utcDay = u;
    }
    const wall = t + (dayOffset ?? offsetAt(t));
    const day = Math.floor(wall / DAY);
    if (day !== dayNumber) {
      const date = new Date(day * DAY);
      const ymd = date.toISOString().slice(0, 10);
      dayHours = special.get(ymd) ?? (makeUp.has(ymd) ? makeUpHours : holidays.has(ymd) ? [] : weekly[date.getUTCDay()]!);
      dayNumber = day;
    }
    const m = (wall - day * DAY) / MINUTE;
    for (const [s, e] of dayHours) if (m >= s && m < e) return true;
    return false;
  };

  return (start, minutes) => {
    let t = start;
    for (let counted = 0; counted < minutes; t += MINUTE) if (isOpenMinute(t)) counted++;
    return t;
  };
}

// ---------------------------------------------------------------------------------------
// Inputs

/** Start instants and SLA-like durations for `add`: anywhere in 2026 (nights, weekends, holidays included). */
function addInputs(n: number, seed: number) {
  const rand = prng(seed);
  const from = Date.parse('2026-01-01T00:00:00+08:00');
  const to = Date.parse('2026-12-31T00:00:00+08:00');
  const minutes = [15, 30, 60, 120, 240, 480, 960, 1440, 2880] as const;
  const starts = new Float64Array(n);
  const durations = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = from + Math.floor((rand() * (to - from)) / MINUTE) * MINUTE; // whole minutes, so the baselines can follow
    durations[i] = pick(rand, minutes);
  }
  return { starts, durations };
}

type Step = 'assign' | 'start' | 'agent_reply' | 'customer_reply' | 'request_info' | 'wait_parts' | 'resume' | 'resolve' | 'reopen' | 'rate' | 'escalate' | 'return';

/** Ticket histories, by weight: new, assigned, answered, waiting for the customer or parts, resolved, reopened, closed. */
const SCENARIOS: ReadonlyArray<readonly [Step[], number]> = [
  [[], 12],
  [['assign'], 10],
  [['assign', 'start', 'agent_reply'], 14],
  [['assign', 'start', 'agent_reply', 'customer_reply'], 10],
  [['assign', 'start', 'agent_reply', 'request_info'], 12],
  [['assign', 'start', 'request_info', 'customer_reply', 'agent_reply', 'customer_reply'], 8],
  [['assign', 'start', 'agent_reply', 'wait_parts'], 6],
  [['assign', 'start', 'agent_reply', 'wait_parts', 'resume', 'agent_reply'], 4],
  [['assign', 'start', 'agent_reply', 'customer_reply', 'agent_reply', 'resolve'], 12],
  [['assign', 'start', 'agent_reply', 'resolve', 'reopen', 'agent_reply'], 6],
  [['assign', 'start', 'agent_reply', 'resolve', 'rate'], 4],
  [['assign', 'escalate', 'return', 'assign', 'start', 'agent_reply'], 2],
];

function buildTickets(n: number, seed: number): Ticket[] {
  const rand = prng(seed);
  const agent: Actor = { kind: 'agent', id: 'agent-1', name: '王工' };
  const from = Date.parse('2026-01-05T00:00:00+08:00');
  const to = Date.parse('2026-11-20T00:00:00+08:00');
  const tickets: Ticket[] = [];
  for (let i = 0; i < n; i++) {
    const tier = rand() < 0.25 ? 'vip' : 'standard';
    const priority = weighted<Priority>(rand, [
      ['low', 15],
      ['normal', 55],
      ['high', 20],
      ['urgent', 10],
    ]);
    const customerId = `cust-${i % 500}`;
    const input = buildTicketInput({ priority, customer: { id: customerId, name: '张伟', tier, contact: { phone: '13800138000' } } });
    let at = from + rand() * (to - from);
    let ticket = createTicket(input, { now: at, workflow: standardWorkflow });
    const customer: Actor = { kind: 'customer', id: customerId, name: '张伟' };
    for (const step of weighted(rand, SCENARIOS)) {
      at += Math.exp(Math.log(2 * MINUTE) + rand() * Math.log((30 * HOUR) / (2 * MINUTE))); // 2 min to 30 h, log-uniform
      const now = Math.round(at);
      const w = standardWorkflow;
      switch (step) {
        case 'assign':
          ticket = w.transition(ticket, 'assign', { actor: agent, now, assigneeId: 'agent-1', assigneeName: '王工' }).ticket;
          break;
        case 'start':
          ticket = w.transition(ticket, 'start', { actor: agent, now }).ticket;
          break;
        case 'agent_reply':
          ticket = w.reply(ticket, { body: '您好，工程师已在处理，请保持电话畅通。' }, { actor: agent, now }).ticket;
          break;
        case 'customer_reply':
          ticket = w.reply(ticket, { body: '好的，照片已上传。' }, { actor: customer, now }).ticket;
          break;
        case 'request_info':
          ticket = w.transition(ticket, 'request_info', { actor: agent, now, note: '请上传铭牌和故障代码的照片。' }).ticket;
          break;
        case 'wait_parts':
          ticket = w.transition(ticket, 'wait_parts', { actor: agent, now }).ticket;
          break;
        case 'resume':
          ticket = w.transition(ticket, 'resume', { actor: agent, now }).ticket;
          break;
        case 'resolve':
          ticket = w.transition(ticket, 'resolve', { actor: agent, now, note: '已更换压缩机电容，试机正常。' }).ticket;
          break;
        case 'reopen':
          ticket = w.transition(ticket, 'reopen', { actor: customer, now }).ticket;
          break;
        case 'rate':
          ticket = w.rate(ticket, { score: 5 }, { actor: customer, now }).ticket;
          break;
        case 'escalate':
          ticket = w.transition(ticket, 'escalate', { actor: agent, now }).ticket;
          break;
        case 'return':
          ticket = w.transition(ticket, 'return_to_queue', { actor: agent, now, note: '不在服务区域，退回队列。' }).ticket;
          break;
      }
    }
    tickets.push(ticket);
  }
  return tickets;
}

/** Which ticket each evaluation looks at, and when: from creation to a few days after its last event; a third poll with `since`. */
function evaluateInputs(tickets: Ticket[], n: number, seed: number) {
  const rand = prng(seed);
  const which = new Uint32Array(n);
  const nows = new Float64Array(n);
  const sinces = new Float64Array(n); // NaN = no `since`
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rand() * tickets.length);
    const t = tickets[k]!;
    const created = Date.parse(t.createdAt);
    const last = Date.parse(t.updatedAt);
    which[i] = k;
    nows[i] = Math.round(created + rand() * (last - created + 5 * DAY));
    sinces[i] = rand() < 0.33 ? nows[i]! - 15 * MINUTE : NaN;
  }
  return { which, nows, sinces };
}

const evaluationChecksum = (r: SlaEvaluation | undefined) =>
  r === undefined ? 0 : r.effects.length + (r.nextChangeAt?.length ?? 0) + (r.metrics.resolution?.elapsed ?? 0) + (r.metrics.first_response?.remaining ?? 0);

// ---------------------------------------------------------------------------------------

export async function run(): Promise<Record<string, Metric>> {
  const shanghai = createCalendar(shanghaiSpec);
  const shanghaiPeer = createCalendar(shanghaiPeerSpec);
  const calendars: Record<string, BusinessCalendar> = { shanghai, service: createCalendar(serviceSpec) };
  const sink: number[] = []; // checksums are kept so no timed work is dead code

  // --- calendar.add on the Shanghai calendar -------------------------------------------
  const { starts, durations } = addInputs(CALLS, 2026);
  const addOne = (cal: BusinessCalendar) => (i: number) => cal.add(starts[i]!, durations[i]!).getTime();
  timePerCall(CALLS, 2, addOne(shanghai)); // warm-up: JIT, and every year block the inputs touch
  const add = timePerCall(CALLS, PASSES, addOne(shanghai));
  sink.push(add.checksum);

  // --- minute-stepping reference on the first SAMPLE inputs -----------------------------
  const reference = referenceAdder(shanghaiSpec);
  for (let i = 0; i < 50; i++) reference(starts[i]!, durations[i]!);
  const refResults = new Float64Array(SAMPLE);
  const r0 = performance.now();
  for (let i = 0; i < SAMPLE; i++) refResults[i] = reference(starts[i]!, durations[i]!);
  const referenceUs = ((performance.now() - r0) * 1000) / SAMPLE;
  // Ours on exactly the same inputs, repeated to get a stable figure.
  const oursOnSample = timePerCall(CALLS, PASSES, (i) => shanghai.add(starts[i % SAMPLE]!, durations[i % SAMPLE]!).getTime());
  sink.push(oursOnSample.checksum);
  let referenceMismatches = 0;
  let makeUpMatters = 0; // sample calls whose due date the make-up workdays move: the check covers them
  for (let i = 0; i < SAMPLE; i++) {
    const due = shanghai.add(starts[i]!, durations[i]!).getTime();
    if (due !== refResults[i]) referenceMismatches++;
    if (due !== shanghaiPeer.add(starts[i]!, durations[i]!).getTime()) makeUpMatters++;
  }

  // --- peer: dayjs-business-time, in the process's local zone set to Asia/Shanghai ----
  const savedTz = process.env.TZ;
  process.env.TZ = 'Asia/Shanghai'; // dayjs works in local time; Node re-reads TZ when it is assigned
  let peerUs: number;
  let oursPeerUs: number;
  let peerMismatches = 0;
  try {
    if (new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() !== -480) throw new Error('TZ=Asia/Shanghai did not take effect');
    dayjs.extend(businessTime);
    const segments = SHANGHAI_DAY.map(([start, end]) => ({ start: `${start}:00`, end: `${end}:00` }));
    dayjs.setBusinessTime({ sunday: null, monday: segments, tuesday: segments, wednesday: segments, thursday: segments, friday: segments, saturday: null });
    dayjs.setHolidays(shanghaiPeerSpec.holidays!);
    const peerAdd = (i: number) => dayjs(starts[i]!).addBusinessMinutes(durations[i]!).valueOf();
    for (let i = 0; i < 50; i++) peerAdd(i);
    const peerResults = new Float64Array(SAMPLE);
    const p0 = performance.now();
    for (let i = 0; i < SAMPLE; i++) peerResults[i] = peerAdd(i);
    peerUs = ((performance.now() - p0) * 1000) / SAMPLE;
    const ours = timePerCall(CALLS, PASSES, (i) => shanghaiPeer.add(starts[i % SAMPLE]!, durations[i % SAMPLE]!).getTime());
    sink.push(ours.checksum);
    oursPeerUs = ours.us;
    for (let i = 0; i < SAMPLE; i++) if (shanghaiPeer.add(starts[i]!, durations[i]!).getTime() !== peerResults[i]) peerMismatches++;
  } finally {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  }

  // --- evaluateSla on a realistic mix ---------------------------------------------------
  const tickets = buildTickets(2_000, 7);
  const { which, nows, sinces } = evaluateInputs(tickets, CALLS, 11);
  const evaluateOne = (i: number) => {
    const since = sinces[i]!;
    const options = Number.isNaN(since) ? { calendars, now: nows[i]! } : { calendars, now: nows[i]!, since };
    return evaluationChecksum(evaluateSla(tickets[which[i]!]!, policies, options));
  };
  timePerCall(CALLS, 1, evaluateOne); // warm-up
  const evaluate = timePerCall(CALLS, PASSES, evaluateOne);
  sink.push(evaluate.checksum);
  const mix = tickets.reduce<Record<string, number>>((m, t) => ((m[t.status] = (m[t.status] ?? 0) + 1), m), {});
  const vip = tickets.filter((t) => t.customer.tier === 'vip').length;

  if (sink.some((x) => !Number.isFinite(x))) throw new Error(`bad checksum: ${sink.join(', ')}`);

  const sample = `${SAMPLE} calls, same starts and durations`;
  return {
    add_us: {
      value: add.us,
      unit: 'µs',
      better: 'lower',
      target: 1,
      note: `calendar.add, Asia/Shanghai 09–12 + 13:30–18 Mon–Fri, China 2026 holidays + make-up days; 15 min–2 days; median of ${PASSES}×${CALLS / 1000}k`,
    },
    evaluate_us: {
      value: evaluate.us,
      unit: 'µs',
      better: 'lower',
      target: 50,
      note: `evaluateSla, 4 policies, 2,000 tickets (${vip} VIP; ${Object.entries(mix)
        .map(([s, c]) => `${s} ${c}`)
        .join(', ')}), varied now, ⅓ with since; median of ${PASSES}×${CALLS / 1000}k`,
    },
    reference_us: { value: referenceUs, unit: 'µs', better: 'lower', note: `minute-stepping reference, ${sample}` },
    vs_reference_ratio: {
      value: referenceUs / oursOnSample.us,
      unit: '×',
      better: 'higher',
      note: `reference µs / ours (${oursOnSample.us.toFixed(3)} µs on the same ${SAMPLE} inputs)`,
    },
    reference_mismatches: { value: referenceMismatches, unit: 'calls', better: 'lower', target: 0, note: `ours vs reference, ${sample}; make-up days move ${makeUpMatters} of them` },
    peer_us: {
      value: peerUs,
      unit: 'µs',
      better: 'lower',
      note: `dayjs-business-time addBusinessMinutes, TZ=Asia/Shanghai, calendar without make-up days (peer cannot express them), ${sample}`,
    },
    vs_peer_ratio: {
      value: peerUs / oursPeerUs,
      unit: '×',
      better: 'higher',
      target: 500,
      note: `peer µs / ours (${oursPeerUs.toFixed(3)} µs, same calendar without make-up days, same inputs)`,
    },
    peer_mismatches: { value: peerMismatches, unit: 'calls', better: 'lower', target: 0, note: `ours vs dayjs-business-time as instants, ${sample}` },
  };
}
