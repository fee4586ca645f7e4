import { PRIORITIES, type Priority } from '../model/constants.js';
import type { Agent, GeoPoint, Ticket } from '../model/types.js';
import {
  compileConditionNode,
  ConditionPrefilter,
  conditionSubject,
  distanceKm,
  evaluate,
  KeywordIndex,
  RuleError,
  TICKET_CUSTOMER,
  TICKET_LOCATION,
  TICKET_PRIORITY,
  TICKET_TAGS,
  ticketProperty,
  type Condition,
  type ConditionNode,
} from '../rules/conditions.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import { toEpochMs } from '../workflow/create-workflow.js';
import type { TimeInput } from '../workflow/types.js';

/** How an agent is picked within a group. An array combines them, earlier ones weigh more. */
export const ROUTING_STRATEGIES = ['round_robin', 'least_loaded', 'skills', 'nearest'] as const;
/** @see ROUTING_STRATEGIES */
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** What a matching rule does. */
export interface RoutingActions {
  group?: string;
  priority?: Priority;
  tags?: string[];
  /** A specific agent; when unavailable, the strategy (if any) or the group queue takes over. */
  assignee?: string;
  strategy?: RoutingStrategy | RoutingStrategy[];
  /** Skills the ticket needs; added to those of earlier matching rules. */
  requiredSkills?: string[];
  /** For `nearest`: how far an engineer may travel; default 50 km. */
  serviceRadiusKm?: number;
}

/** One routing rule: plain JSON, evaluated in order. */
export interface RoutingRule {
  id: string;
  name?: string;
  /** Absent: matches every ticket (a catch-all). */
  when?: Condition;
  actions: RoutingActions;
  /** Keep evaluating later rules after this one matched (e.g. a tagging rule); default false. */
  continue?: boolean;
}

/** Router configuration. */
export interface RouterConfig {
  rules: RoutingRule[];
  /** Weight of one open ticket per priority for `least_loaded`; default low 0.5, normal 1, high 2, urgent 3. */
  priorityWeights?: Partial<Record<Priority, number>>;
  /** When `nearest` is followed by other strategies, distances within this band count as equal; default 5 km. */
  distanceBandKm?: number;
}

/** An agent's current work, for capacity and `least_loaded`. */
export interface AgentLoad {
  /** Open tickets assigned. */
  open: number;
  /** Open tickets weighted by priority; computed from `open` × normal weight when absent. */
  weighted?: number;
}

/** Round-robin pointers per group: the last agent picked. Pass it in, store what comes back. */
export type RoundRobinState = Readonly<Record<string, string>>;

/** What the router needs to know besides the ticket and the agents. */
export interface RouteContext {
  now?: TimeInput;
  /**
   * Open work per agent id; see {@link computeAgentLoads}. The numbers in an entry may change
   * in place between calls, and entries may be added; to replace or remove an agent's entry,
   * pass a new object (the router keeps each agent's entry per loads object).
   */
  loads?: Readonly<Record<string, AgentLoad>>;
  /** Shift calendars by id, as agents name them in `calendarId`; answers are kept per calendars object and `now`. */
  calendars?: Readonly<Record<string, BusinessCalendar>>;
  /** Live positions by agent id; win over `agent.location`. */
  positions?: Readonly<Record<string, GeoPoint>>;
  roundRobin?: RoundRobinState;
}

/** Why a candidate was not chosen. */
export type DropReason = 'offline' | 'off_shift' | 'at_capacity' | 'skills_missing' | 'no_location' | 'out_of_range' | 'outranked';

/** One agent the router looked at. */
export interface CandidateTrace {
  agentId: string;
  chosen: boolean;
  reason?: DropReason;
  /** Words for people: "at capacity (8/8)", "12.4 km away, beyond 10 km". */
  detail: string;
  distanceKm?: number;
  load?: number;
  missingSkills?: string[];
}

/** Why the router decided what it decided, in words and data. */
export interface RouteTrace {
  /** Every rule that matched, in order; the last one decided assignment. */
  matchedRules: Array<{ id: string; name?: string }>;
  /** How many rules were tested. */
  rulesEvaluated: number;
  strategy?: RoutingStrategy[];
  candidates: CandidateTrace[];
  /** Set when no agent was chosen: the ticket waits in the group's queue. */
  queued?: { group?: string; reason: string };
  /** The decision in a sentence or two. */
  explanation: string[];
}

/** A routing decision. */
export interface RouteResult {
  assignee?: string;
  group?: string;
  priority?: Priority;
  tags: string[];
  requiredSkills: string[];
  trace: RouteTrace;
  /** Round-robin state after this decision. */
  roundRobin: RoundRobinState;
}

/** A compiled router. */
export interface Router {
  readonly rules: readonly RoutingRule[];
  /**
   * Decides who gets `ticket`. Agents may change status, capacity or calendar in place between
   * calls on the same array; when agents join or leave, or change id or groups, pass a new
   * array (group membership and round-robin order are kept per array). See docs/routing.md.
   */
  route(ticket: Ticket, agents: readonly Agent[], context?: RouteContext): RouteResult;
  /** "What would these rules do?": routes each ticket in turn, carrying round-robin state and loads forward. */
  dryRun(tickets: readonly Ticket[], agents: readonly Agent[], context?: RouteContext): DryRunReport;
}

/** Result of {@link Router.dryRun}. */
export interface DryRunReport {
  results: Array<{ ticketId: string; number: string; result: RouteResult }>;
  byGroup: Record<string, number>;
  byAssignee: Record<string, number>;
  queued: number;
}

const DEFAULT_WEIGHTS: Record<Priority, number> = { low: 0.5, normal: 1, high: 2, urgent: 3 };

/** Open tickets per agent, weighted by priority, from a list of tickets. */
export function computeAgentLoads(
  tickets: Iterable<Pick<Ticket, 'assigneeId' | 'priority' | 'status'>>,
  options: { weights?: Partial<Record<Priority, number>>; isOpen?: (status: string) => boolean } = {},
): Record<string, AgentLoad> {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const isOpen = options.isOpen ?? ((s: string) => s !== 'resolved' && s !== 'closed');
  const loads: Record<string, AgentLoad> = {};
  for (const t of tickets) {
    if (!t.assigneeId || !isOpen(t.status)) continue;
    const load = (loads[t.assigneeId] ??= { open: 0, weighted: 0 });
    load.open += 1;
    load.weighted = (load.weighted ?? 0) + weights[t.priority];
  }
  return loads;
}


// Strategies as numbers (their place in ROUTING_STRATEGIES), for ranking without string compares.
const ROUND_ROBIN = 0;
const LEAST_LOADED = 1;
const SKILLS = 2;
const NEAREST = 3;

/**
 * A validated rule, its actions copied into one shape: rules written as JSON come in many
 * shapes (optional name, continue, actions), which would make every read of them slow.
 */
interface CompiledRule {
  rule: RoutingRule;
  id: string;
  name: string | undefined;
  continues: boolean;
  group: string | undefined;
  priority: Priority | undefined;
  assignee: string | undefined;
  tags: readonly string[] | undefined;
  requiredSkills: readonly string[] | undefined;
  serviceRadiusKm: number | undefined;
  test: ConditionNode | undefined;
  strategies: RoutingStrategy[] | undefined;
  /** `strategies` as numbers (ROUND_ROBIN, LEAST_LOADED, SKILLS, NEAREST); empty without. */
  chain: number[];
  ranksBySkills: boolean;
  usesNearest: boolean;
  usesRoundRobin: boolean;
}

function validateRule(rule: RoutingRule, i: number, keywords: KeywordIndex): CompiledRule {
  const path = `rules[${i}]`;
  if (!rule || typeof rule !== 'object') throw new RuleError(path, 'must be an object');
  if (typeof rule.id !== 'string' || rule.id === '') throw new RuleError(`${path}.id`, 'is required');
  const a = rule.actions;
  if (!a || typeof a !== 'object') throw new RuleError(`${path}.actions`, 'is required');
  const known = new Set(['group', 'priority', 'tags', 'assignee', 'strategy', 'requiredSkills', 'serviceRadiusKm']);
  for (const key of Object.keys(a)) if (!known.has(key)) throw new RuleError(`${path}.actions.${key}`, 'unknown action');
  if (Object.keys(a).length === 0) throw new RuleError(`${path}.actions`, 'does nothing');
  if (a.priority !== undefined && !PRIORITIES.includes(a.priority)) throw new RuleError(`${path}.actions.priority`, `must be one of ${PRIORITIES.join(', ')}`);
  for (const key of ['group', 'assignee'] as const) {
    if (a[key] !== undefined && (typeof a[key] !== 'string' || a[key] === '')) throw new RuleError(`${path}.actions.${key}`, 'must be a non-empty string');
  }
  for (const key of ['tags', 'requiredSkills'] as const) {
    const list = a[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || x === ''))) {
      throw new RuleError(`${path}.actions.${key}`, 'must be an array of non-empty strings');
    }
  }
  if (a.serviceRadiusKm !== undefined && !(typeof a.serviceRadiusKm === 'number' && a.serviceRadiusKm > 0)) {
    throw new RuleError(`${path}.actions.serviceRadiusKm`, 'must be a positive number');
  }
  let strategies: RoutingStrategy[] | undefined;
  if (a.strategy !== undefined) {
    strategies = Array.isArray(a.strategy) ? a.strategy : [a.strategy];
    if (strategies.length === 0) throw new RuleError(`${path}.actions.strategy`, 'must name at least one strategy');
    strategies.forEach((s, j) => {
      if (!ROUTING_STRATEGIES.includes(s)) throw new RuleError(`${path}.actions.strategy${Array.isArray(a.strategy) ? `[${j}]` : ''}`, `unknown strategy "${s}" (use ${ROUTING_STRATEGIES.join(', ')})`);
    });
    if (new Set(strategies).size !== strategies.length) throw new RuleError(`${path}.actions.strategy`, 'names a strategy twice');
  }
  const chain = strategies ? strategies.map((s) => ROUTING_STRATEGIES.indexOf(s)) : [];
  return {
    rule,
    id: rule.id,
    name: rule.name,
    continues: Boolean(rule.continue),
    group: a.group,
    priority: a.priority,
    assignee: a.assignee,
    tags: a.tags ? [...a.tags] : undefined,
    requiredSkills: a.requiredSkills ? [...a.requiredSkills] : undefined,
    serviceRadiusKm: a.serviceRadiusKm,
    test: rule.when === undefined ? undefined : compileConditionNode(rule.when, `${path}.when`, keywords),
    strategies,
    chain,
    ranksBySkills: chain.includes(SKILLS),
    usesNearest: chain.includes(NEAREST),
    usesRoundRobin: chain.includes(ROUND_ROBIN),
  };
}

/**
 * `String(x)`, faster for the numbers traces are full of (loads and distances in tenths):
 * a double equal to t/10 for a whole t prints as its whole part and one decimal.
 */
function formatNumber(x: number): string {
  const t = Math.round(x * 10);
  if (t / 10 === x && t >= 0 && t < 1e14) {
    const whole = Math.floor(t / 10);
    const tenth = t - whole * 10;
    return tenth === 0 ? `${whole}` : `${whole}.${tenth}`;
  }
  return `${x}`;
}

function label(name: unknown, id: unknown) {
  return name ? `${name} (${id})` : id;
}

// What became of each agent the router looked at; the trace words them when it is read.
const OFFLINE = 0;
const OFF_SHIFT = 1;
const AT_CAPACITY = 2;
const SKILLS_MISSING = 3;
const NO_LOCATION = 4;
const OUT_OF_RANGE = 5;
/** Could take the ticket: ranked (chosen or outranked). */
const ELIGIBLE = 6;
/** The named agent, available and assigned. */
const NAMED = 7;
/** The named agent is not among the agents given. */
const NOT_LISTED = 8;
const AVAILABLE = -1;

/**
 * The raw facts of one decision, recorded while routing: values are copied (ids, loads,
 * distances, the agent's status or capacity as it was), never words. {@link writeTrace} turns
 * them into the {@link RouteTrace}, the first time `result.trace` is read.
 */
class RouteFacts {
  /** Id and name of each matched rule, in turn. */
  readonly rules: unknown[] = [];
  rulesEvaluated = 0;
  /** An assignment was asked for (a named agent or a strategy). */
  assign = false;
  group: string | undefined = undefined;
  /** The agent the rules named; its record comes first. */
  named: string | undefined = undefined;
  strategy: RoutingStrategy[] | undefined = undefined;
  /** Records of agents looked at, five values each: id, what became of them (OFFLINE …), open tickets, capacity, and the status, calendar id, missing skills or name. */
  agents: unknown[] = NONE;
  /** Two numbers per record: weighted load and distance in km (rounded to 0.1). */
  numbers: number[] = NONE_NUMBERS;
  /** Ranking keys of the ELIGIBLE agents, in the order met, one per strategy each. */
  keys: number[] = NONE_NUMBERS;
  /** Records so far. */
  count = 0;
  poolSize = 0;
  /** Number (among the ELIGIBLE, in the order met) of the one chosen; -1 for none. */
  best = -1;
  bestName: unknown = undefined;
  /** The ELIGIBLE ranked, when that was decided while routing (see `route`). */
  order: number[] | undefined = undefined;
  /** Ranking keys per ELIGIBLE agent (one per strategy). */
  strategyWidth = 0;
  needsSkills = false;
  measured = false;
  hasPoint = false;
  radius = 50;
  /**
   * When the pool's records were not written while routing: the availability they come from
   * (see {@link materialize}), with the member chosen, the strategies as numbers and the
   * round-robin ranks.
   */
  availability: Availability | undefined = undefined;
  chosen = -1;
  chain: readonly number[] = NONE_NUMBERS;
  rrPositions: readonly number[] = NONE_NUMBERS;
  lastIndex = -1;
  rrCount = 0;
  /**
   * When skills or distances were weighed: what became of each available member (in the
   * order of `availability.available`: SKILLS_MISSING, NO_LOCATION, OUT_OF_RANGE or
   * ELIGIBLE), its missing skills and its distance; `keys` then holds the ELIGIBLE ranking keys.
   */
  outcomes: number[] | undefined = undefined;
  missing: unknown[] | undefined = undefined;
  kms: number[] = NONE_NUMBERS;

  /** Room for `records` records and `keys` ranking keys, allocated once. */
  reserve(records: number, keys: number) {
    this.agents = records === 0 ? NONE : new Array<unknown>(5 * records);
    this.numbers = records === 0 ? NONE_NUMBERS : doubles(2 * records);
    this.keys = keys === 0 ? NONE_NUMBERS : doubles(keys);
  }

  /** Room for `records` more records, keeping the records so far (none or the named agent's), and `keys` ranking keys (-1: keep the keys). */
  extend(records: number, keys: number) {
    const agents = this.agents;
    const numbers = this.numbers;
    const kept = this.keys;
    this.reserve(this.count + records, keys < 0 ? 0 : keys);
    if (keys < 0) this.keys = kept;
    for (let i = 0; i < 5 * this.count; i++) this.agents[i] = agents[i];
    for (let i = 0; i < 2 * this.count; i++) this.numbers[i] = numbers[i]!;
  }

  add(agentId: unknown, what: number, open: unknown, capacity: unknown, extra: unknown, load: number, km: number) {
    const i = this.count++;
    const agents = this.agents;
    agents[5 * i] = agentId;
    agents[5 * i + 1] = what;
    agents[5 * i + 2] = open;
    agents[5 * i + 3] = capacity;
    agents[5 * i + 4] = extra;
    this.numbers[2 * i] = load;
    this.numbers[2 * i + 1] = km;
  }
}

let doubleTemplate = Array.from({ length: 256 }, () => 0.5);
/** An array of `n` doubles in one allocation (a growing or `new Array(n)` one is reallocated on the way). */
function doubles(n: number): number[] {
  if (n > doubleTemplate.length) doubleTemplate = Array.from({ length: 2 * n }, () => 0.5);
  return doubleTemplate.slice(0, n);
}

// Shared empty arrays; frozen, so that a record written without room throws instead of
// writing into every decision's facts.
const NONE = Object.freeze([]) as unknown as unknown[];
const NONE_NUMBERS = Object.freeze([]) as unknown as number[];
const NONE_AGENTS: readonly Agent[] = [];

/** The trace entry of agent record `i`, as the router has always worded it. */
function candidateTrace(f: RouteFacts, i: number): CandidateTrace {
  const agentId = f.agents[5 * i] as string;
  const what = f.agents[5 * i + 1] as number;
  const open = f.agents[5 * i + 2];
  const capacity = f.agents[5 * i + 3];
  const extra = f.agents[5 * i + 4];
  const load = f.numbers[2 * i]!;
  const km = f.numbers[2 * i + 1]!;
  switch (what) {
    case OFFLINE:
      return { agentId, chosen: false, reason: 'offline', detail: `${extra as string}` };
    case OFF_SHIFT:
      return { agentId, chosen: false, reason: 'off_shift', detail: `off shift (calendar ${extra as string})` };
    case AT_CAPACITY:
      return { agentId, chosen: false, reason: 'at_capacity', detail: `at capacity (${open as number}/${capacity as number})`, load };
    case SKILLS_MISSING: {
      const missing = extra as string[];
      return { agentId, chosen: false, detail: `missing skills: ${missing.join(', ')}`, load, reason: 'skills_missing', missingSkills: missing };
    }
    case NO_LOCATION:
      return { agentId, chosen: false, detail: f.hasPoint ? 'no known position' : 'the ticket has no coordinates', load, reason: 'no_location' };
    case OUT_OF_RANGE:
      return { agentId, chosen: false, detail: `${formatNumber(km)} km away, beyond ${formatNumber(f.radius)} km`, load, distanceKm: km, reason: 'out_of_range' };
    case NAMED:
      return { agentId, chosen: true, detail: `named by the rule`, load };
    case NOT_LISTED:
      return { agentId, chosen: false, reason: 'offline', detail: 'not among the agents given' };
    default: {
      let detail = f.measured ? `${formatNumber(km)} km away, load ${formatNumber(load)}` : `load ${formatNumber(load)}`;
      if (capacity !== undefined) detail += ` (${open as number}/${capacity as number} open)`;
      if (f.needsSkills) detail += ', has the skills';
      return f.measured ? { agentId, chosen: false, detail, load, distanceKm: km } : { agentId, chosen: false, detail, load };
    }
  }
}

/**
 * The ELIGIBLE agents (numbered in the order met; `records[e]` is the record of number e) in
 * rank order: by the keys, then the agent id. The same comparison and the same sorts (both
 * stable) as the router has always used, so even odd keys (NaN) order the same way.
 */
function rankEligible(f: RouteFacts, records: readonly number[], width: number): number[] {
  const keys = f.keys;
  const agents = f.agents;
  const rank = (a: number, b: number) => {
    for (let i = 0; i < width; i++) if (keys[a * width + i] !== keys[b * width + i]) return keys[a * width + i]! - keys[b * width + i]!;
    const idA = agents[5 * records[a]!] as string;
    const idB = agents[5 * records[b]!] as string;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };
  const order = records.map((_, e) => e);
  // A stable sort either way; insertion sort is quicker for the usual handful of candidates.
  if (order.length > 16) order.sort(rank);
  else {
    for (let i = 1; i < order.length; i++) {
      const r = order[i]!;
      let j = i - 1;
      for (; j >= 0 && rank(order[j]!, r) > 0; j--) order[j + 1] = order[j]!;
      order[j + 1] = r;
    }
  }
  return order;
}

/**
 * Writes the pool's records from the availability they were decided on (and, when skills or
 * distances were weighed, what became of each available member), as they have always been
 * written: one per member in pool order, with the ranking keys of the ELIGIBLE.
 */
function materialize(f: RouteFacts): void {
  const st = f.availability!;
  f.availability = undefined;
  const width = f.strategyWidth;
  const outcomes = f.outcomes;
  // Without notes the members available were all ELIGIBLE and their keys are worked out here.
  f.extend(st.ids.length, outcomes === undefined ? width * st.available.length : -1);
  const keys = f.keys;
  let keyCount = 0;
  let eligible = 0;
  let k = 0;
  for (let p = 0; p < st.ids.length; p++) {
    const id = st.ids[p];
    const what = st.what[p];
    if (what === OFFLINE) f.add(id, OFFLINE, 0, undefined, st.statuses[p], 0, 0);
    else if (what === OFF_SHIFT) f.add(id, OFF_SHIFT, 0, undefined, st.calendarIds[p], 0, 0);
    else if (what === AT_CAPACITY) f.add(id, AT_CAPACITY, st.open[p], st.capacities[p], undefined, st.weighted[p]!, 0);
    else {
      const outcome = outcomes === undefined ? ELIGIBLE : outcomes[k]!;
      if (outcome === SKILLS_MISSING) f.add(id, SKILLS_MISSING, st.open[p], st.capacities[p], f.missing![k], st.weighted[p]!, 0);
      else if (outcome === NO_LOCATION) f.add(id, NO_LOCATION, st.open[p], st.capacities[p], undefined, st.weighted[p]!, 0);
      else if (outcome === OUT_OF_RANGE) f.add(id, OUT_OF_RANGE, st.open[p], st.capacities[p], undefined, st.weighted[p]!, f.kms[k]!);
      else {
        if (outcomes === undefined) {
          for (let i = 0; i < width; i++) keys[keyCount++] = f.chain[i] === LEAST_LOADED ? st.weighted[p]! : (f.rrPositions[p]! - f.lastIndex - 1 + f.rrCount) % f.rrCount;
          if (p === f.chosen) f.best = eligible;
        }
        f.add(id, ELIGIBLE, st.open[p], st.capacities[p], undefined, st.weighted[p]!, outcomes === undefined ? 0 : f.kms[k]!);
        eligible += 1;
      }
      k += 1;
    }
  }
}

/** Words the facts of a decision: the trace `route` has always returned. */
function writeTrace(f: RouteFacts): RouteTrace {
  if (f.availability !== undefined) materialize(f);
  const matchedRules: RouteTrace['matchedRules'] = [];
  let names = '';
  for (let i = 0; i < f.rules.length; i += 2) {
    const id = f.rules[i] as string;
    const name = f.rules[i + 1] as string | undefined;
    matchedRules.push(name ? { id, name } : { id });
    names += `${names === '' ? '' : ', '}"${name ? name : id}"`;
  }
  const trace: RouteTrace = { matchedRules, rulesEvaluated: f.rulesEvaluated, candidates: [], explanation: [] };
  trace.explanation.push(f.rules.length === 0 ? 'No rule matched.' : `Matched ${names}.`);
  if (!f.assign) return trace;
  const group = f.group;
  let first = 0;
  if (f.named !== undefined) {
    const named = candidateTrace(f, 0);
    trace.candidates.push(named);
    if (named.chosen) {
      trace.explanation.push(`Assigned to ${label(f.agents[4], named.agentId)}, named by the rule.`);
      return trace;
    }
    trace.explanation.push(`${f.named} was named by the rule but is unavailable: ${named.detail}.`);
    if (f.strategy === undefined) {
      trace.queued = { ...(group !== undefined ? { group } : {}), reason: `named agent unavailable: ${named.detail}` };
      return trace;
    }
    first = 1;
  }
  const chain = f.strategy!;
  trace.strategy = chain;
  const records: number[] = [];
  for (let i = first; i < f.count; i++) {
    if (f.agents[5 * i + 1] === ELIGIBLE) records.push(i);
    else trace.candidates.push(candidateTrace(f, i));
  }
  const width = f.strategyWidth;
  const order = f.order ?? rankEligible(f, records, width);
  const best = f.best;
  let chosen: CandidateTrace | undefined;
  for (const e of order) {
    const entry = candidateTrace(f, records[e]!);
    entry.chosen = e === best;
    if (e === best) chosen = entry;
    else {
      entry.reason = 'outranked';
      let lostOn = -1;
      for (let i = 0; i < width; i++) {
        if (f.keys[e * width + i] !== f.keys[best * width + i]) {
          lostOn = i;
          break;
        }
      }
      entry.detail += lostOn >= 0 ? `; outranked on ${chain[lostOn]}` : '; outranked on agent id (tie)';
    }
    trace.candidates.push(entry);
  }
  if (!chosen) {
    const reason = f.poolSize === 0 ? `no agents in group ${group ?? '(any)'}` : 'no available agent';
    trace.queued = { ...(group !== undefined ? { group } : {}), reason };
    trace.explanation.push(`Queued${group !== undefined ? ` in ${group}` : ''}: ${reason}.`);
    return trace;
  }
  trace.explanation.push(
    `Assigned to ${label(f.bestName, chosen.agentId)} by ${chain.join(' → ')} among ${records.length} available of ${f.poolSize}${chosen.detail ? ` (${chosen.detail})` : ''}.`,
  );
  return trace;
}

/** Returns what it is given, so that a subclass can put its private field on any object. */
class Carrier {
  constructor(target: object) {
    return target as Carrier;
  }
}

/**
 * Keeps a result's trace in a private field of the (plain) result object: the facts until
 * the trace is first read, then the trace itself. Private fields are invisible to
 * `JSON.stringify`, `Object.keys`, spreading and deep equality, and cost one hidden-class
 * step where `WeakMap` entries or a second `defineProperty` cost several times more.
 */
class LazyTrace extends Carrier {
  #trace: RouteFacts | RouteTrace;

  constructor(result: object, facts: RouteFacts) {
    super(result);
    this.#trace = facts;
  }

  static read(result: object): RouteTrace | undefined {
    if (!(#trace in result)) return undefined;
    const held = (result as LazyTrace).#trace;
    if (!(held instanceof RouteFacts)) return held;
    return ((result as LazyTrace).#trace = writeTrace(held));
  }

  static write(result: object, trace: RouteTrace): void {
    if (#trace in result) (result as LazyTrace).#trace = trace;
    else Object.defineProperty(result, 'trace', { value: trace, writable: true, enumerable: true, configurable: true });
  }
}

/**
 * `result.trace`: an enumerable own property (JSON, spreading and deep equality see the trace
 * as before) whose words are written when it is first read, then kept; assigning replaces it.
 */
const TRACE_PROPERTY: PropertyDescriptor = {
  get(this: object) {
    return LazyTrace.read(this);
  },
  set(this: object, trace: RouteTrace) {
    LazyTrace.write(this, trace);
  },
  enumerable: true,
  configurable: true,
};

/** A result with its keys in the order they have always had: tags, requiredSkills, trace, roundRobin. */
function newResult(tags: string[], requiredSkills: string[], facts: RouteFacts, roundRobin: RoundRobinState): RouteResult {
  const result = { tags, requiredSkills } as RouteResult;
  new LazyTrace(result, facts);
  Object.defineProperty(result, 'trace', TRACE_PROPERTY);
  result.roundRobin = roundRobin;
  return result;
}

/**
 * Each shift calendar asked once at `now`: every agent on it gets the same answer. Kept by the
 * router while calls bring the same calendars object and the same `now`.
 */
class Shifts {
  private readonly ids: string[] = [];
  private readonly open: boolean[] = [];

  constructor(
    readonly calendars: Readonly<Record<string, BusinessCalendar>> | undefined,
    readonly now: number,
  ) {}

  isOn(calendarId: string): boolean {
    const ids = this.ids;
    for (let i = 0; i < ids.length; i++) if (ids[i] === calendarId) return this.open[i]!;
    const cal = this.calendars?.[calendarId];
    const open = !cal || cal.isOpen(this.now);
    ids.push(calendarId);
    this.open.push(open);
    return open;
  }
}

/**
 * What the router keeps of one pool (a group's members, or all the agents given) between
 * calls: each member's load entry and whether its shift is on, for one loads object and one
 * {@link Shifts}, and the availability last worked out from them. A member is read again
 * when its id or calendar changed, and the load of a member that had none is looked up again
 * (see docs/routing.md, "Speed").
 */
class PoolView {
  readonly ids: unknown[] = [];
  readonly calendarIds: unknown[] = [];
  readonly onShift: boolean[] = [];
  readonly entries: Array<AgentLoad | undefined> = [];
  /** The members' availability when last asked; see {@link PoolView.availability}. */
  private last: Availability | undefined = undefined;

  constructor(
    readonly pool: readonly Agent[],
    readonly loads: Readonly<Record<string, AgentLoad>> | undefined,
    readonly shifts: Shifts,
  ) {
    for (let p = 0; p < pool.length; p++) this.read(p, pool[p]!);
  }

  /** (Re)reads member `p`. */
  read(p: number, agent: Agent): void {
    this.ids[p] = agent.id;
    this.calendarIds[p] = agent.calendarId;
    this.onShift[p] = agent.calendarId === undefined || this.shifts.isOn(agent.calendarId);
    this.entries[p] = this.loads?.[agent.id];
  }

  /** The load entry of member `p` (its id is current): looked up again while it has none. */
  entry(p: number, id: string): AgentLoad | undefined {
    const l = this.entries[p];
    return l !== undefined || this.loads === undefined ? l : (this.entries[p] = this.loads[id]);
  }

  /** The members' availability now: the last one while every member still reads the same. */
  availability(normalWeight: number): Availability {
    const last = this.last;
    if (last !== undefined && last.holds(this, normalWeight)) return last;
    return (this.last = new Availability(this, normalWeight));
  }
}

/**
 * What became of each member of a pool (OFFLINE, OFF_SHIFT, AT_CAPACITY or AVAILABLE) and the
 * values its trace record shows, in pool order. Never changed once made, so a decision's
 * facts can point to it and write the records when the trace is read.
 */
class Availability {
  readonly ids: string[] = [];
  readonly statuses: unknown[] = [];
  readonly calendarIds: unknown[] = [];
  readonly capacities: unknown[] = [];
  readonly what: number[] = [];
  readonly open: number[] = [];
  readonly weighted: number[] = [];
  /** Members AVAILABLE, in pool order. */
  readonly available: number[] = [];
  /** Every AVAILABLE member has a string id and a load that is a number (not NaN): ranked as plain numbers. */
  plain = true;

  constructor(view: PoolView, normalWeight: number) {
    const pool = view.pool;
    for (let p = 0; p < pool.length; p++) {
      const agent = pool[p]!;
      const id = agent.id;
      if (id !== view.ids[p] || agent.calendarId !== view.calendarIds[p]) view.read(p, agent);
      this.ids.push(id);
      this.statuses.push(agent.status);
      this.calendarIds.push(agent.calendarId);
      this.capacities.push(agent.capacity);
      let what = AVAILABLE;
      let open = 0;
      let weighted = 0;
      // Status, then shift, then capacity; the load only of those on duty (the trace of an
      // agent off duty shows none).
      if (agent.status !== undefined && agent.status !== 'online') what = OFFLINE;
      else if (!view.onShift[p]) what = OFF_SHIFT;
      else {
        const l = view.entry(p, id);
        open = l?.open ?? 0;
        weighted = l?.weighted ?? open * normalWeight;
        if (agent.capacity !== undefined && open >= agent.capacity) what = AT_CAPACITY;
        else {
          this.available.push(p);
          if (typeof id !== 'string' || typeof weighted !== 'number' || weighted !== weighted) this.plain = false;
        }
      }
      this.what.push(what);
      this.open.push(open);
      this.weighted.push(weighted);
    }
  }

  /**
   * Whether every member of the view's pool still reads as it did: id, status, calendar,
   * capacity and load (what the availability depends on; another object reading the same
   * makes no difference).
   */
  holds(view: PoolView, normalWeight: number): boolean {
    const pool = view.pool;
    const { ids, statuses, calendarIds, capacities, what, open, weighted } = this;
    if (pool.length !== ids.length) return false;
    for (let p = 0; p < pool.length; p++) {
      const agent = pool[p]!;
      const id = agent.id;
      if (id !== ids[p] || agent.status !== statuses[p] || agent.calendarId !== calendarIds[p] || agent.capacity !== capacities[p]) return false;
      if (what[p] === OFFLINE || what[p] === OFF_SHIFT) continue;
      const l = view.entry(p, id);
      const o = l?.open ?? 0;
      if (o !== open[p] || (l?.weighted ?? o * normalWeight) !== weighted[p]) return false;
    }
    return true;
  }
}

/**
 * The first availability checks of the agent a rule names (the capacity check follows, once
 * the load is known), as {@link Availability} checks a pool's members: OFFLINE, OFF_SHIFT or
 * AVAILABLE. The trace of an agent off duty shows no load, so the load is looked up only for
 * agents on duty.
 */
function offDuty(agent: Agent, shifts: Shifts): number {
  if (agent.status !== undefined && agent.status !== 'online') return OFFLINE;
  if (agent.calendarId !== undefined && !shifts.isOn(agent.calendarId)) return OFF_SHIFT;
  return AVAILABLE;
}

/** Gives the ticket to `agent`, chosen by the strategies of rule `c`, and moves round robin on. */
function assign(result: RouteResult, agent: Agent, facts: RouteFacts, c: CompiledRule, rrKey: string, roundRobin: RoundRobinState): RouteResult {
  facts.bestName = agent.name;
  result.assignee = agent.id;
  if (c.usesRoundRobin) {
    // As `{ ...roundRobin, [rrKey]: id }`, which V8 runs several times slower; assigning
    // "__proto__" would set the prototype, so that key keeps the literal.
    if (rrKey === '__proto__') result.roundRobin = { ...roundRobin, [rrKey]: agent.id };
    else {
      const next: Record<string, string> = { ...roundRobin };
      next[rrKey] = agent.id;
      result.roundRobin = next;
    }
  }
  return result;
}

/**
 * Compiles routing rules. Rules are validated here (unknown field, bad operator, bad
 * action, a rule that can never be reached after a catch-all) and throw
 * {@link RuleError} naming the path; they stay plain JSON for storage and editing.
 */
export function createRouter(config: RouterConfig): Router {
  if (!config || !Array.isArray(config.rules)) throw new RuleError('rules', 'must be an array');
  const ids = new Set<string>();
  // One keyword index for all rules: the ticket's text is scanned once for every keyword.
  const keywords = new KeywordIndex();
  const compiled = config.rules.map((rule, i) => {
    const c = validateRule(rule, i, keywords);
    if (ids.has(rule.id)) throw new RuleError(`rules[${i}].id`, `"${rule.id}" is used twice`);
    ids.add(rule.id);
    return c;
  });
  const catchAll = compiled.findIndex((c) => c.test === undefined && !c.rule.continue);
  if (catchAll >= 0 && catchAll < compiled.length - 1) {
    throw new RuleError(`rules[${catchAll + 1}]`, `is unreachable: rule "${compiled[catchAll]!.rule.id}" before it matches every ticket`);
  }
  // Rules that test type, channel, tier, priority … for exact values are skipped (or known to
  // match) by those values alone, without evaluating their conditions.
  const prefilter = new ConditionPrefilter(compiled.map((c) => c.test));
  const weights = { ...DEFAULT_WEIGHTS, ...config.priorityWeights };
  const band = config.distanceBandKm ?? 5;
  const groupIndex = new WeakMap<readonly Agent[], Map<string, Agent[]>>();

  const membersOf = (agents: readonly Agent[], group: string | undefined): readonly Agent[] => {
    if (group === undefined) return agents;
    let index = groupIndex.get(agents);
    if (!index) {
      index = new Map();
      for (const agent of agents) for (const g of agent.groupIds) (index.get(g) ?? index.set(g, []).get(g)!).push(agent);
      groupIndex.set(agents, index);
    }
    return index.get(group) ?? [];
  };

  let shifts: Shifts | undefined;
  /** The shifts at `now`: the last ones while calendars and `now` stay the same. */
  const shiftsAt = (calendars: RouteContext['calendars'], now: number): Shifts => {
    if (shifts === undefined || shifts.calendars !== calendars || shifts.now !== now) shifts = new Shifts(calendars, now);
    return shifts;
  };
  const views = new WeakMap<readonly Agent[], PoolView>();
  /** The pool's view for these loads and shifts: the last one while they and the pool's size stay the same. */
  const viewOf = (pool: readonly Agent[], loads: RouteContext['loads'], at: Shifts): PoolView => {
    let view = views.get(pool);
    if (view === undefined || view.loads !== loads || view.shifts !== at || view.ids.length !== pool.length) {
      view = new PoolView(pool, loads, at);
      views.set(pool, view);
    }
    return view;
  };

  const idOrders = new WeakMap<readonly Agent[], { ids: string[]; index: Map<string, number>; positions: number[] }>();
  /**
   * A pool's agent ids in sorted order, each id's first position there, and that position for
   * each pool member in pool order; cached for the router's own group lists.
   */
  const idOrder = (pool: readonly Agent[], cacheable: boolean) => {
    let order = cacheable ? idOrders.get(pool) : undefined;
    if (!order) {
      const ids = pool.map((a) => a.id).sort();
      const index = new Map<string, number>();
      ids.forEach((id, i) => {
        if (!index.has(id)) index.set(id, i);
      });
      order = { ids, index, positions: pool.map((a) => index.get(a.id)!) };
      if (cacheable) idOrders.set(pool, order);
    }
    return order;
  };

  // No function is created per call (closures cost allocations, and more under tools that
  // wrap every function created to keep its name): helpers live at module or router level.
  function route(ticket: Ticket, agents: readonly Agent[], context: RouteContext = {}): RouteResult {
    const subject = conditionSubject(ticket);
    const facts = new RouteFacts();
    // Rules up to the one that decided count as tested, the ones the prefilter ruled out too.
    let evaluated = compiled.length;
    let group: string | undefined;
    let priority: Priority | undefined;
    let assigneeWanted: string | undefined;
    /** The last matching rule with a strategy: its strategies decide. */
    let decider: CompiledRule | undefined;
    let radius = 50;
    const tags: string[] = [];
    const skills: string[] = [];
    const candidates = prefilter.candidates(subject);
    for (let j = 0; j < candidates.length; j++) {
      let i = candidates[j]!;
      if (i < 0) i = ~i;
      else if (!evaluate(compiled[i]!.test!, subject)) continue;
      const c = compiled[i]!;
      facts.rules.push(c.id, c.name);
      // Matching rules merge in turn: later ones win, tags and skills add up.
      if (c.group !== undefined) group = c.group;
      if (c.priority !== undefined) priority = c.priority;
      if (c.assignee !== undefined) assigneeWanted = c.assignee;
      if (c.strategies !== undefined) decider = c;
      if (c.serviceRadiusKm !== undefined) radius = c.serviceRadiusKm;
      const ruleTags = c.tags;
      if (ruleTags !== undefined) {
        const ticketTags = ticketProperty(subject, TICKET_TAGS) as string[];
        for (let k = 0; k < ruleTags.length; k++) {
          const t = ruleTags[k]!;
          if (!tags.includes(t) && !ticketTags.includes(t)) tags.push(t);
        }
      }
      const ruleSkills = c.requiredSkills;
      if (ruleSkills !== undefined) {
        for (let k = 0; k < ruleSkills.length; k++) if (!skills.includes(ruleSkills[k]!)) skills.push(ruleSkills[k]!);
      }
      if (!c.continues) {
        evaluated = i + 1;
        break;
      }
    }
    facts.rulesEvaluated = evaluated;
    const roundRobin = context.roundRobin ?? {};
    const result = newResult(tags, skills, facts, roundRobin);
    if (group !== undefined) result.group = group;
    if (priority !== undefined && priority !== ticketProperty(subject, TICKET_PRIORITY)) result.priority = priority;
    if (assigneeWanted === undefined && decider === undefined) return result;
    facts.assign = true;
    facts.group = group;

    const now = toEpochMs(context.now);
    const isVip = (ticketProperty(subject, TICKET_CUSTOMER) as Ticket['customer']).tier === 'vip';
    const loads = context.loads;
    const normalWeight = weights.normal;
    const shifts = shiftsAt(context.calendars, now);
    const pool = decider !== undefined ? membersOf(agents, group) : NONE_AGENTS;
    // Strategies that weigh nothing but load and turn (no skills, no distances) decide from
    // the members' availability alone; their records are written when the trace is read.
    const byAvailability = decider !== undefined && !decider.ranksBySkills && !decider.usesNearest && skills.length === 0;
    facts.reserve(assigneeWanted !== undefined ? 1 : 0, 0);

    if (assigneeWanted !== undefined) {
      facts.named = assigneeWanted;
      let agent: Agent | undefined;
      for (let i = 0; i < agents.length; i++) {
        if (agents[i]!.id === assigneeWanted) {
          agent = agents[i];
          break;
        }
      }
      if (agent) {
        const why = offDuty(agent, shifts);
        if (why !== AVAILABLE) facts.add(agent.id, why, 0, undefined, why === OFFLINE ? agent.status : agent.calendarId, 0, 0);
        else {
          const l = loads?.[agent.id];
          const open = l?.open ?? 0;
          const weighted = l?.weighted ?? open * normalWeight;
          if (agent.capacity !== undefined && open >= agent.capacity) facts.add(agent.id, AT_CAPACITY, open, agent.capacity, undefined, weighted, 0);
          else {
            facts.add(agent.id, NAMED, open, agent.capacity, agent.name, weighted, 0);
            result.assignee = agent.id;
            return result;
          }
        }
      } else facts.add(assigneeWanted, NOT_LISTED, 0, undefined, undefined, 0, 0);
      if (decider === undefined) return result;
    }

    const c = decider!;
    const chain = c.chain;
    const width = chain.length;
    facts.strategy = c.strategies;
    const needsSkills = c.ranksBySkills || skills.length > 0;
    const checkSkills = needsSkills && skills.length > 0;
    const useNearest = c.usesNearest;
    facts.needsSkills = needsSkills;
    facts.measured = useNearest;
    let ticketPoint: GeoPoint | undefined;
    if (useNearest) {
      const loc = ticketProperty(subject, TICKET_LOCATION) as Ticket['location'];
      if (loc?.lat !== undefined && loc.lng !== undefined) ticketPoint = { lat: loc.lat, lng: loc.lng };
    }
    facts.hasPoint = ticketPoint !== undefined;
    facts.radius = radius;
    facts.strategyWidth = width;
    facts.poolSize = pool.length;
    // Round robin: order by id, the agent after the last one picked comes first.
    const rrKey = group ?? '*';
    const order = c.usesRoundRobin ? idOrder(pool, group !== undefined) : undefined;
    const count = order ? order.ids.length : 0;
    let lastIndex = -1;
    if (order) {
      // When the last agent picked has left the pool, continue with the id that follows it.
      const last = roundRobin[rrKey];
      const found = last === undefined ? undefined : order.index.get(last);
      if (found !== undefined) lastIndex = found;
      else if (last !== undefined) for (const id of order.ids) if (id < last) lastIndex += 1;
    }
    const st = viewOf(pool, loads, shifts).availability(normalWeight);
    const available = st.available;
    // The pool's records are written from these facts when the trace is read (materialize).
    facts.availability = st;
    facts.chain = chain;
    if (order) facts.rrPositions = order.positions;
    facts.lastIndex = lastIndex;
    facts.rrCount = count;
    if (byAvailability && st.plain) {
      // The same choice as the pass below: the first available member in pool order that no
      // later one outranks, by load and turn, then id.
      const { weighted, ids } = st;
      let chosen = -1;
      for (let k = 0; k < available.length; k++) {
        const p = available[k]!;
        if (chosen < 0) {
          chosen = p;
          continue;
        }
        let diff = 0;
        for (let i = 0; i < width && diff === 0; i++) {
          const a = chain[i] === LEAST_LOADED ? weighted[p]! : (order!.positions[p]! - lastIndex - 1 + count) % count;
          const b = chain[i] === LEAST_LOADED ? weighted[chosen]! : (order!.positions[chosen]! - lastIndex - 1 + count) % count;
          if (a !== b) diff = a - b;
        }
        if (diff < 0 || (diff === 0 && ids[p]! < ids[chosen]!)) chosen = p;
      }
      facts.chosen = chosen;
      if (chosen < 0) return result;
      return assign(result, pool[chosen]!, facts, c, rrKey, roundRobin);
    }

    // Each available member weighed for this ticket: its skills, its distance, its keys; what
    // became of it is noted (records are written from the notes if the trace is read).
    const positions = context.positions;
    const n = available.length;
    const outcomes = new Array<number>(n);
    const kms = doubles(n);
    let missingSkills: unknown[] | undefined;
    const keys = (facts.keys = doubles(width * n));
    let keyCount = 0;
    // The best so far, found in one pass: the first member in pool order that no later one
    // outranks is where the stable sort of the trace puts it, first. That holds while keys
    // are plain numbers and ids strings; otherwise (NaN…) the trace's own sort decides.
    let best = -1;
    let bestMember = -1;
    let eligible = 0;
    let plain = true;
    for (let k = 0; k < n; k++) {
      const p = available[k]!;
      const agent = pool[p]!;
      const id = st.ids[p]!;
      kms[k] = 0;
      if (checkSkills) {
        let missing: string[] | undefined;
        for (const s of skills) if (!agent.skills.includes(s)) (missing ??= []).push(s);
        if (missing) {
          outcomes[k] = SKILLS_MISSING;
          (missingSkills ??= new Array<unknown>(n))[k] = missing;
          continue;
        }
      }
      let distance = 0;
      if (useNearest) {
        const point = positions?.[id] ?? agent.location;
        if (!ticketPoint || !point) {
          outcomes[k] = NO_LOCATION;
          continue;
        }
        distance = distanceKm(ticketPoint, point);
        kms[k] = Math.round(distance * 10) / 10;
        if (distance > radius) {
          outcomes[k] = OUT_OF_RANGE;
          continue;
        }
      }
      for (let position = 0; position < width; position++) {
        let key: number;
        switch (chain[position]) {
          case SKILLS: {
            const extra = agent.skills.length - skills.length;
            // VIP customers get the most senior qualified agent first; others the closest match.
            key = isVip ? -(agent.seniority ?? 0) * 1000 + extra : extra;
            break;
          }
          case NEAREST:
            key = position === width - 1 ? distance : Math.floor(distance / band);
            break;
          case LEAST_LOADED:
            key = st.weighted[p]!;
            break;
          default:
            key = (order!.positions[p]! - lastIndex - 1 + count) % count;
        }
        if (typeof key !== 'number' || key !== key) plain = false;
        keys[keyCount++] = key;
      }
      if (typeof id !== 'string') plain = false;
      outcomes[k] = ELIGIBLE;
      const e = eligible++;
      if (best < 0) {
        best = e;
        bestMember = p;
      } else if (plain) {
        let diff = 0;
        for (let i = 0; i < width && diff === 0; i++) {
          const a = keys[e * width + i]!;
          const b = keys[best * width + i]!;
          if (a !== b) diff = a - b;
        }
        if (diff < 0 || (diff === 0 && id < st.ids[bestMember]!)) {
          best = e;
          bestMember = p;
        }
      }
    }
    facts.outcomes = outcomes;
    facts.missing = missingSkills;
    facts.kms = kms;
    if (!plain && eligible > 0) {
      // Records follow the pool (after the named agent's, if any): record i is pool[i - first].
      materialize(facts);
      const first = assigneeWanted !== undefined ? 1 : 0;
      const records: number[] = [];
      for (let i = first; i < facts.count; i++) if (facts.agents[5 * i + 1] === ELIGIBLE) records.push(i);
      facts.order = rankEligible(facts, records, width);
      best = facts.order[0]!;
      bestMember = records[best]! - first;
    }
    facts.best = best;
    if (best < 0) return result;
    return assign(result, pool[bestMember]!, facts, c, rrKey, roundRobin);
  }

  return {
    rules: config.rules,
    route,
    dryRun(tickets, agents, context = {}) {
      const loads: Record<string, AgentLoad> = Object.fromEntries(Object.entries(context.loads ?? {}).map(([k, v]) => [k, { ...v }]));
      let roundRobin = context.roundRobin ?? {};
      const report: DryRunReport = { results: [], byGroup: {}, byAssignee: {}, queued: 0 };
      for (const ticket of tickets) {
        const result = route(ticket, agents, { ...context, loads, roundRobin });
        roundRobin = result.roundRobin;
        report.results.push({ ticketId: ticket.id, number: ticket.number, result });
        if (result.group !== undefined) report.byGroup[result.group] = (report.byGroup[result.group] ?? 0) + 1;
        if (result.assignee !== undefined) {
          report.byAssignee[result.assignee] = (report.byAssignee[result.assignee] ?? 0) + 1;
          const load = (loads[result.assignee] ??= { open: 0, weighted: 0 });
          // A load given as `open` only weighs open × normal (as in route); keep that when adding.
          load.weighted = (load.weighted ?? load.open * weights.normal) + weights[result.priority ?? ticket.priority];
          load.open += 1;
        } else report.queued += 1;
      }
      return report;
    },
  };
}
