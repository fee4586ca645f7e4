import { PRIORITIES, type Priority } from '../model/constants.js';
import type { Agent, GeoPoint, Ticket } from '../model/types.js';
import { compileCondition, distanceKm, RuleError, type Condition, type ConditionSubject, type Predicate } from '../rules/conditions.js';
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
  /** Open work per agent id; see {@link computeAgentLoads}. */
  loads?: Readonly<Record<string, AgentLoad>>;
  /** Shift calendars by id, as agents name them in `calendarId`. */
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

interface CompiledRule {
  rule: RoutingRule;
  test: Predicate | undefined;
  strategies: RoutingStrategy[] | undefined;
}

function validateRule(rule: RoutingRule, i: number): CompiledRule {
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
  return { rule, test: rule.when === undefined ? undefined : compileCondition(rule.when, `${path}.when`), strategies };
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

function label(agent: Agent) {
  return agent.name ? `${agent.name} (${agent.id})` : agent.id;
}

/**
 * Compiles routing rules. Rules are validated here (unknown field, bad operator, bad
 * action, a rule that can never be reached after a catch-all) and throw
 * {@link RuleError} naming the path; they stay plain JSON for storage and editing.
 */
export function createRouter(config: RouterConfig): Router {
  if (!config || !Array.isArray(config.rules)) throw new RuleError('rules', 'must be an array');
  const ids = new Set<string>();
  const compiled = config.rules.map((rule, i) => {
    const c = validateRule(rule, i);
    if (ids.has(rule.id)) throw new RuleError(`rules[${i}].id`, `"${rule.id}" is used twice`);
    ids.add(rule.id);
    return c;
  });
  const catchAll = compiled.findIndex((c) => c.test === undefined && !c.rule.continue);
  if (catchAll >= 0 && catchAll < compiled.length - 1) {
    throw new RuleError(`rules[${catchAll + 1}]`, `is unreachable: rule "${compiled[catchAll]!.rule.id}" before it matches every ticket`);
  }
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

  function route(ticket: Ticket, agents: readonly Agent[], context: RouteContext = {}): RouteResult {
    const subject: ConditionSubject = { ticket };
    const matched: CompiledRule[] = [];
    let evaluated = 0;
    for (const c of compiled) {
      evaluated += 1;
      if (c.test && !c.test(subject)) continue;
      matched.push(c);
      if (!c.rule.continue) break;
    }
    let group: string | undefined;
    let priority: Priority | undefined;
    let assigneeWanted: string | undefined;
    let strategies: RoutingStrategy[] | undefined;
    let radius = 50;
    const tags: string[] = [];
    const skills: string[] = [];
    for (const { rule, strategies: s } of matched) {
      const a = rule.actions;
      if (a.group !== undefined) group = a.group;
      if (a.priority !== undefined) priority = a.priority;
      if (a.assignee !== undefined) assigneeWanted = a.assignee;
      if (s !== undefined) strategies = s;
      if (a.serviceRadiusKm !== undefined) radius = a.serviceRadiusKm;
      for (const t of a.tags ?? []) if (!tags.includes(t) && !ticket.tags.includes(t)) tags.push(t);
      for (const k of a.requiredSkills ?? []) if (!skills.includes(k)) skills.push(k);
    }
    const matchedRules: RouteTrace['matchedRules'] = [];
    let names = '';
    for (const { rule } of matched) {
      matchedRules.push(rule.name ? { id: rule.id, name: rule.name } : { id: rule.id });
      names += `${names === '' ? '' : ', '}"${rule.name ? rule.name : rule.id}"`;
    }
    const trace: RouteTrace = { matchedRules, rulesEvaluated: evaluated, candidates: [], explanation: [] };
    trace.explanation.push(matched.length === 0 ? 'No rule matched.' : `Matched ${names}.`);
    const roundRobin = context.roundRobin ?? {};
    const result: RouteResult = { tags, requiredSkills: skills, trace, roundRobin };
    if (group !== undefined) result.group = group;
    if (priority !== undefined && priority !== ticket.priority) result.priority = priority;
    if (assigneeWanted === undefined && strategies === undefined) return result;

    const now = toEpochMs(context.now);
    const isVip = ticket.customer.tier === 'vip';
    const loc = ticket.location;
    const ticketPoint = loc?.lat !== undefined && loc.lng !== undefined ? { lat: loc.lat, lng: loc.lng } : undefined;
    const loads = context.loads;
    const calendars = context.calendars;
    const normalWeight = weights.normal;
    // Every agent on the same calendar gets the same answer at `now`: ask each calendar once per route.
    let shifts: Map<string, boolean> | undefined;
    const onShift = (calendarId: string): boolean => {
      let open = shifts?.get(calendarId);
      if (open === undefined) {
        const cal = calendars?.[calendarId];
        open = !cal || cal.isOpen(now);
        (shifts ??= new Map()).set(calendarId, open);
      }
      return open;
    };

    /** Availability checks shared by every path: the trace entry of an agent who cannot take the ticket, else undefined. */
    const unavailable = (agent: Agent, open: number, weighted: number): CandidateTrace | undefined => {
      if (agent.status !== undefined && agent.status !== 'online') return { agentId: agent.id, chosen: false, reason: 'offline', detail: `${agent.status}` };
      if (agent.calendarId !== undefined && !onShift(agent.calendarId)) {
        return { agentId: agent.id, chosen: false, reason: 'off_shift', detail: `off shift (calendar ${agent.calendarId})` };
      }
      if (agent.capacity !== undefined && open >= agent.capacity) {
        return { agentId: agent.id, chosen: false, reason: 'at_capacity', detail: `at capacity (${open}/${agent.capacity})`, load: weighted };
      }
      return undefined;
    };

    if (assigneeWanted !== undefined) {
      const agent = agents.find((a) => a.id === assigneeWanted);
      const l = agent ? loads?.[agent.id] : undefined;
      const open = l?.open ?? 0;
      const weighted = l?.weighted ?? open * normalWeight;
      const why = agent
        ? unavailable(agent, open, weighted)
        : { agentId: assigneeWanted, chosen: false, reason: 'offline' as const, detail: 'not among the agents given' };
      if (!why && agent) {
        trace.candidates.push({ agentId: agent.id, chosen: true, detail: `named by the rule`, load: weighted });
        trace.explanation.push(`Assigned to ${label(agent)}, named by the rule.`);
        result.assignee = agent.id;
        return result;
      }
      trace.candidates.push(why!);
      trace.explanation.push(`${assigneeWanted} was named by the rule but is unavailable: ${why!.detail}.`);
      if (strategies === undefined) {
        trace.queued = { ...(group !== undefined ? { group } : {}), reason: `named agent unavailable: ${why!.detail}` };
        return result;
      }
    }

    const chain = strategies!;
    trace.strategy = chain;
    const needsSkills = chain.includes('skills') || skills.length > 0;
    const checkSkills = needsSkills && skills.length > 0;
    const useNearest = chain.includes('nearest');
    const useRoundRobin = chain.includes('round_robin');
    type Ranked = { agent: Agent; keys: number[]; entry: CandidateTrace };
    const eligible: Ranked[] = [];
    const pool = membersOf(agents, group);
    // Round robin: order by id, the agent after the last one picked comes first.
    const rrKey = group ?? '*';
    const order = useRoundRobin ? idOrder(pool, group !== undefined) : undefined;
    const count = order ? order.ids.length : 0;
    let lastIndex = -1;
    if (order) {
      // When the last agent picked has left the pool, continue with the id that follows it.
      const last = roundRobin[rrKey];
      const found = last === undefined ? undefined : order.index.get(last);
      if (found !== undefined) lastIndex = found;
      else if (last !== undefined) for (const id of order.ids) if (id < last) lastIndex += 1;
    }
    const positions = context.positions;
    for (let p = 0; p < pool.length; p++) {
      const agent = pool[p]!;
      const l = loads?.[agent.id];
      const open = l?.open ?? 0;
      const weighted = l?.weighted ?? open * normalWeight;
      const why = unavailable(agent, open, weighted);
      if (why) {
        trace.candidates.push(why);
        continue;
      }
      if (checkSkills) {
        let missing: string[] | undefined;
        for (const k of skills) if (!agent.skills.includes(k)) (missing ??= []).push(k);
        if (missing) {
          trace.candidates.push({ agentId: agent.id, chosen: false, detail: `missing skills: ${missing.join(', ')}`, load: weighted, reason: 'skills_missing', missingSkills: missing });
          continue;
        }
      }
      let distance = 0;
      let rounded: number | undefined;
      if (useNearest) {
        const point = positions?.[agent.id] ?? agent.location;
        if (!ticketPoint || !point) {
          trace.candidates.push({ agentId: agent.id, chosen: false, detail: ticketPoint ? 'no known position' : 'the ticket has no coordinates', load: weighted, reason: 'no_location' });
          continue;
        }
        distance = distanceKm(ticketPoint, point);
        rounded = Math.round(distance * 10) / 10;
        if (distance > radius) {
          trace.candidates.push({ agentId: agent.id, chosen: false, detail: `${formatNumber(rounded)} km away, beyond ${formatNumber(radius)} km`, load: weighted, distanceKm: rounded, reason: 'out_of_range' });
          continue;
        }
      }
      const keys: number[] = [];
      for (let position = 0; position < chain.length; position++) {
        switch (chain[position]) {
          case 'skills': {
            const extra = agent.skills.length - skills.length;
            // VIP customers get the most senior qualified agent first; others the closest match.
            keys.push(isVip ? -(agent.seniority ?? 0) * 1000 + extra : extra);
            break;
          }
          case 'nearest':
            keys.push(position === chain.length - 1 ? distance : Math.floor(distance / band));
            break;
          case 'least_loaded':
            keys.push(weighted);
            break;
          case 'round_robin':
            keys.push((order!.positions[p]! - lastIndex - 1 + count) % count);
            break;
        }
      }
      let detail = rounded !== undefined ? `${formatNumber(rounded)} km away, load ${formatNumber(weighted)}` : `load ${formatNumber(weighted)}`;
      if (agent.capacity !== undefined) detail += ` (${open}/${agent.capacity} open)`;
      if (needsSkills) detail += ', has the skills';
      const entry: CandidateTrace = rounded !== undefined
        ? { agentId: agent.id, chosen: false, detail, load: weighted, distanceKm: rounded }
        : { agentId: agent.id, chosen: false, detail, load: weighted };
      eligible.push({ agent, keys, entry });
    }
    const rank = (a: Ranked, b: Ranked) => {
      for (let i = 0; i < a.keys.length; i++) if (a.keys[i] !== b.keys[i]) return a.keys[i]! - b.keys[i]!;
      return a.agent.id < b.agent.id ? -1 : a.agent.id > b.agent.id ? 1 : 0;
    };
    // A stable sort either way; insertion sort is quicker for the usual handful of candidates.
    if (eligible.length > 16) eligible.sort(rank);
    else {
      for (let i = 1; i < eligible.length; i++) {
        const r = eligible[i]!;
        let j = i - 1;
        for (; j >= 0 && rank(eligible[j]!, r) > 0; j--) eligible[j + 1] = eligible[j]!;
        eligible[j + 1] = r;
      }
    }
    const best = eligible[0];
    for (const r of eligible) {
      r.entry.chosen = r === best;
      if (r !== best) {
        r.entry.reason = 'outranked';
        let lostOn = -1;
        for (let i = 0; i < r.keys.length; i++) {
          if (r.keys[i] !== best!.keys[i]) {
            lostOn = i;
            break;
          }
        }
        r.entry.detail += lostOn >= 0 ? `; outranked on ${chain[lostOn]}` : '; outranked on agent id (tie)';
      }
      trace.candidates.push(r.entry);
    }
    if (!best) {
      const reason = pool.length === 0 ? `no agents in group ${group ?? '(any)'}` : 'no available agent';
      trace.queued = { ...(group !== undefined ? { group } : {}), reason };
      trace.explanation.push(`Queued${group !== undefined ? ` in ${group}` : ''}: ${reason}.`);
      return result;
    }
    result.assignee = best.agent.id;
    if (useRoundRobin) result.roundRobin = { ...roundRobin, [rrKey]: best.agent.id };
    trace.explanation.push(
      `Assigned to ${label(best.agent)} by ${chain.join(' → ')} among ${eligible.length} available of ${pool.length}${best.entry.detail ? ` (${best.entry.detail})` : ''}.`,
    );
    return result;
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
