// A deliberately plain reference router, written from the routing guide (docs/routing.md)
// without looking at how createRouter is built: conditions are interpreted straight from
// their JSON every time, candidates are found with simple filters and ordered with one
// plain sort. It is slow on purpose and exists only to check the real router against.
// It assumes valid rules (createRouter validates them) and does not build a trace.
import type { Agent, BusinessCalendar, Condition, GeoPoint, Priority, RoutingRule, RoutingStrategy, Ticket } from '../../src/index.js';

/** What the reference needs besides the ticket and the agents (the same shape the router takes). */
export interface ReferenceContext {
  now?: number | Date | string;
  loads?: Readonly<Record<string, { open: number; weighted?: number }>>;
  calendars?: Readonly<Record<string, BusinessCalendar>>;
  positions?: Readonly<Record<string, GeoPoint>>;
  roundRobin?: Readonly<Record<string, string>>;
}

/** Router options the reference understands (same meaning as in RouterConfig). */
export interface ReferenceOptions {
  priorityWeights?: Partial<Record<Priority, number>>;
  distanceBandKm?: number;
}

/** The decision, without the trace. */
export interface ReferenceDecision {
  assignee?: string;
  group?: string;
  priority?: Priority;
  tags: string[];
  requiredSkills: string[];
  /** An assignment was asked for (named agent or strategy) and nobody could take the ticket. */
  queued: boolean;
  roundRobin: Record<string, string>;
}

const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'];
const TEXT_FIELDS = ['subject', 'description', 'text'];
const EARTH_RADIUS_KM = 6371.0088;

/** Case, full-width and accent folding: NFKC, lower case, then drop combining accents. */
export function referenceFold(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of lower.normalize('NFD')) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x300 && code <= 0x36f) continue;
    out += ch;
  }
  return out;
}

/** Haversine distance, written out with atan2. */
function kmBetween(a: GeoPoint, b: GeoPoint): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const x = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
  return EARTH_RADIUS_KM * 2 * Math.atan2(Math.sqrt(x), Math.sqrt(1 - x));
}

function fieldValue(ticket: Ticket, field: string): unknown {
  if (field.startsWith('customFields.')) return ticket.customFields[field.substring('customFields.'.length)];
  if (field === 'type') return ticket.type;
  if (field === 'category') return ticket.category;
  if (field === 'priority') return ticket.priority;
  if (field === 'channel') return ticket.channel;
  if (field === 'status') return ticket.status;
  if (field === 'group') return ticket.groupId;
  if (field === 'assignee') return ticket.assigneeId;
  if (field === 'customer.id') return ticket.customer.id;
  if (field === 'customer.tier') return ticket.customer.tier;
  if (field === 'product.model') return ticket.product ? ticket.product.model : undefined;
  if (field === 'product.serialNumber') return ticket.product ? ticket.product.serialNumber : undefined;
  if (field === 'tags') return ticket.tags;
  if (field === 'subject') return ticket.subject;
  if (field === 'description') return ticket.description;
  if (field === 'text') return ticket.subject + '\n' + ticket.description;
  if (field === 'location') return ticket.location;
  if (field === 'escalationLevel') return ticket.escalationLevel;
  if (field === 'reopenCount') return ticket.reopenCount;
  if (field === 'satisfaction.score') return ticket.satisfaction ? ticket.satisfaction.score : undefined;
  throw new Error(`reference: unknown field ${field}`);
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Evaluates one condition against the ticket, reading the JSON as it goes. */
export function referenceMatches(condition: Condition, ticket: Ticket): boolean {
  if ('all' in condition) {
    for (const c of condition.all) if (!referenceMatches(c, ticket)) return false;
    return true;
  }
  if ('any' in condition) {
    for (const c of condition.any) if (referenceMatches(c, ticket)) return true;
    return false;
  }
  if ('not' in condition) return !referenceMatches(condition.not, ticket);

  const { field, op, value } = condition;
  const isText = TEXT_FIELDS.includes(field);
  const isCustom = field.startsWith('customFields.');
  const raw = fieldValue(ticket, field);
  // Text fields compare folded; custom fields fold only for substring operators.
  const actual = isText && typeof raw === 'string' ? referenceFold(raw) : raw;
  const expect = (v: unknown) => (isText && typeof v === 'string' ? referenceFold(v) : v);
  const asString = (): string | undefined => {
    if (typeof raw !== 'string') return undefined;
    return isText || isCustom ? referenceFold(raw) : raw;
  };
  const asNeedle = (v: string) => (isText || isCustom ? referenceFold(v) : v);
  const asNumber = (v: unknown): number | undefined => {
    if (field === 'priority') return typeof v === 'string' && PRIORITY_ORDER.includes(v) ? PRIORITY_ORDER.indexOf(v) : undefined;
    return typeof v === 'number' ? v : undefined;
  };

  switch (op) {
    case 'exists':
      return !isEmpty(actual);
    case 'not_exists':
      return isEmpty(actual);
    case 'eq':
      return actual === expect(value);
    case 'neq':
      return actual !== expect(value);
    case 'in':
      return (value as unknown[]).some((v) => expect(v) === actual);
    case 'not_in':
      return !(value as unknown[]).some((v) => expect(v) === actual);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = asNumber(raw);
      const b = asNumber(value);
      if (a === undefined || b === undefined) return false;
      if (op === 'gt') return a > b;
      if (op === 'gte') return a >= b;
      if (op === 'lt') return a < b;
      return a <= b;
    }
    case 'contains': {
      const s = asString();
      return s !== undefined && s.includes(asNeedle(value as string));
    }
    case 'not_contains': {
      const s = asString();
      return !(s !== undefined && s.includes(asNeedle(value as string)));
    }
    case 'starts_with': {
      const s = asString();
      return s !== undefined && s.startsWith(asNeedle(value as string));
    }
    case 'contains_any': {
      const s = asString();
      return s !== undefined && (value as string[]).some((n) => s.includes(referenceFold(n)));
    }
    case 'matches': {
      const s = isText ? actual : raw;
      return typeof s === 'string' && new RegExp(value as string, 'iu').test(s);
    }
    case 'has':
      return Array.isArray(raw) && raw.includes(value);
    case 'has_any':
      return Array.isArray(raw) && (value as unknown[]).some((v) => raw.includes(v));
    case 'has_all':
      return (value as unknown[]).every((v) => Array.isArray(raw) && raw.includes(v));
    case 'within_km': {
      const loc = ticket.location;
      const centre = value as { lat: number; lng: number; km: number };
      if (!loc || typeof loc.lat !== 'number' || typeof loc.lng !== 'number') return false;
      return kmBetween({ lat: centre.lat, lng: centre.lng }, { lat: loc.lat, lng: loc.lng }) <= centre.km;
    }
    default:
      throw new Error(`reference: unknown operator ${String(op)}`);
  }
}

function epochMs(now: ReferenceContext['now']): number {
  if (now === undefined) return Date.now();
  if (now instanceof Date) return now.getTime();
  if (typeof now === 'number') return now;
  return Date.parse(now);
}

/** Routes one ticket the slow, obvious way. */
export function referenceRoute(
  rules: readonly RoutingRule[],
  ticket: Ticket,
  agents: readonly Agent[],
  context: ReferenceContext = {},
  options: ReferenceOptions = {},
): ReferenceDecision {
  const weights: Record<string, number> = { low: 0.5, normal: 1, high: 2, urgent: 3, ...options.priorityWeights };
  const band = options.distanceBandKm ?? 5;
  const roundRobin: Record<string, string> = { ...context.roundRobin };

  // 1. Rules, in order; the first match stops unless it says continue.
  const matched: RoutingRule[] = [];
  for (const rule of rules) {
    if (rule.when === undefined || referenceMatches(rule.when, ticket)) {
      matched.push(rule);
      if (rule.continue !== true) break;
    }
  }

  // 2. Merge the actions of every matched rule; later rules win, tags and skills add up.
  let group: string | undefined;
  let priority: Priority | undefined;
  let named: string | undefined;
  let strategy: RoutingStrategy[] | undefined;
  let radius = 50;
  const tags: string[] = [];
  const skills: string[] = [];
  for (const rule of matched) {
    const a = rule.actions;
    if (a.group !== undefined) group = a.group;
    if (a.priority !== undefined) priority = a.priority;
    if (a.assignee !== undefined) named = a.assignee;
    if (a.strategy !== undefined) strategy = typeof a.strategy === 'string' ? [a.strategy] : a.strategy;
    if (a.serviceRadiusKm !== undefined) radius = a.serviceRadiusKm;
    for (const tag of a.tags ?? []) if (!ticket.tags.includes(tag) && !tags.includes(tag)) tags.push(tag);
    for (const skill of a.requiredSkills ?? []) if (!skills.includes(skill)) skills.push(skill);
  }

  const decision: ReferenceDecision = { tags, requiredSkills: skills, queued: false, roundRobin };
  if (group !== undefined) decision.group = group;
  if (priority !== undefined && priority !== ticket.priority) decision.priority = priority;
  if (named === undefined && strategy === undefined) return decision;

  // 3. Who can take work at all.
  const now = epochMs(context.now);
  const openOf = (agent: Agent) => context.loads?.[agent.id]?.open ?? 0;
  const weightedOf = (agent: Agent) => {
    const load = context.loads?.[agent.id];
    if (!load) return 0;
    return load.weighted !== undefined ? load.weighted : load.open * weights.normal!;
  };
  const isAvailable = (agent: Agent) => {
    if (agent.status === 'away' || agent.status === 'offline') return false;
    if (agent.calendarId !== undefined && context.calendars && context.calendars[agent.calendarId]) {
      if (!context.calendars[agent.calendarId]!.isOpen(now)) return false;
    }
    if (agent.capacity !== undefined && openOf(agent) >= agent.capacity) return false;
    return true;
  };

  // 4. A named agent, when available.
  if (named !== undefined) {
    const agent = agents.find((a) => a.id === named);
    if (agent && isAvailable(agent)) {
      decision.assignee = agent.id;
      return decision;
    }
    if (strategy === undefined) {
      decision.queued = true;
      return decision;
    }
  }
  const chain = strategy!;

  // 5. Candidates: the group's available agents with every required skill (and in range for nearest).
  const ticketPoint =
    ticket.location && typeof ticket.location.lat === 'number' && typeof ticket.location.lng === 'number'
      ? { lat: ticket.location.lat, lng: ticket.location.lng }
      : undefined;
  const positionOf = (agent: Agent): GeoPoint | undefined => context.positions?.[agent.id] ?? agent.location;
  const distance = new Map<string, number>();
  let candidates = agents.filter((a) => group === undefined || a.groupIds.includes(group));
  candidates = candidates.filter(isAvailable);
  candidates = candidates.filter((a) => skills.every((k) => a.skills.includes(k)));
  if (chain.includes('nearest')) {
    candidates = candidates.filter((a) => {
      const p = positionOf(a);
      if (!ticketPoint || !p) return false;
      const km = kmBetween(ticketPoint, p);
      distance.set(a.id, km);
      return km <= radius;
    });
  }
  if (candidates.length === 0) {
    decision.queued = true;
    return decision;
  }

  // 6. One plain sort: strategies in order, then the agent id.
  const rrKey = group ?? '*';
  const last = roundRobin[rrKey];
  const rrPosition = (id: string) => {
    // Ids after the last one picked come first (in id order), then the rest from the top.
    const ids = candidates.map((a) => a.id).sort();
    const rotated = last === undefined ? ids : [...ids.filter((x) => x > last), ...ids.filter((x) => x <= last)];
    return rotated.indexOf(id);
  };
  const extraSkills = (a: Agent) => a.skills.filter((s) => !skills.includes(s)).length;
  const vip = ticket.customer.tier === 'vip';
  const compare = (a: Agent, b: Agent): number => {
    for (let i = 0; i < chain.length; i++) {
      const s = chain[i];
      let diff = 0;
      if (s === 'skills') {
        if (vip) diff = (b.seniority ?? 0) - (a.seniority ?? 0);
        if (diff === 0) diff = extraSkills(a) - extraSkills(b);
      } else if (s === 'least_loaded') {
        diff = weightedOf(a) - weightedOf(b);
      } else if (s === 'nearest') {
        const da = distance.get(a.id)!;
        const db = distance.get(b.id)!;
        diff = i === chain.length - 1 ? da - db : Math.floor(da / band) - Math.floor(db / band);
      } else if (s === 'round_robin') {
        diff = rrPosition(a.id) - rrPosition(b.id);
      }
      if (diff !== 0) return diff;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  const sorted = [...candidates].sort(compare);
  decision.assignee = sorted[0]!.id;
  if (chain.includes('round_robin')) roundRobin[rrKey] = sorted[0]!.id;
  return decision;
}
