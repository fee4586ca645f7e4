import { AftercareError } from '../errors.js';
import { PRIORITIES } from '../model/constants.js';
import type { Ticket } from '../model/types.js';

/**
 * Conditions over ticket fields, shared by routing and automation rules. Plain JSON so
 * a no-code editor can store them; compiled once into predicates for speed.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | FieldCondition;

/** One test of one field. */
export interface FieldCondition {
  field: ConditionField;
  op: ConditionOperator;
  value?: unknown;
}

/** Fields conditions can read. `customFields.<key>` reads a custom field. */
export type ConditionField =
  | 'type'
  | 'category'
  | 'priority'
  | 'channel'
  | 'status'
  | 'group'
  | 'assignee'
  | 'customer.id'
  | 'customer.tier'
  | 'product.model'
  | 'product.serialNumber'
  | 'tags'
  | 'subject'
  | 'description'
  | 'text'
  | 'location'
  | 'escalationLevel'
  | 'reopenCount'
  | 'satisfaction.score'
  | `customFields.${string}`;

/** Operators; which apply depends on the field's kind (see {@link FIELD_OPERATORS}). */
export type ConditionOperator =
  | 'eq'
  | 'neq'
  | 'in'
  | 'not_in'
  | 'exists'
  | 'not_exists'
  | 'starts_with'
  | 'matches'
  | 'contains'
  | 'contains_any'
  | 'not_contains'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'has'
  | 'has_any'
  | 'has_all'
  | 'within_km';

type FieldKind = 'enum' | 'ordered' | 'number' | 'text' | 'list' | 'geo' | 'custom';

const FIELD_KINDS: Record<string, FieldKind> = {
  type: 'enum',
  category: 'enum',
  channel: 'enum',
  status: 'enum',
  group: 'enum',
  assignee: 'enum',
  'customer.id': 'enum',
  'customer.tier': 'enum',
  'product.model': 'enum',
  'product.serialNumber': 'enum',
  priority: 'ordered',
  escalationLevel: 'number',
  reopenCount: 'number',
  'satisfaction.score': 'number',
  tags: 'list',
  subject: 'text',
  description: 'text',
  text: 'text',
  location: 'geo',
};

const COMMON: ConditionOperator[] = ['exists', 'not_exists'];
/** Operators each kind of field accepts. */
export const FIELD_OPERATORS: Record<FieldKind, readonly ConditionOperator[]> = {
  enum: [...COMMON, 'eq', 'neq', 'in', 'not_in', 'starts_with', 'matches'],
  ordered: [...COMMON, 'eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte'],
  number: [...COMMON, 'eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte'],
  text: [...COMMON, 'contains', 'contains_any', 'not_contains', 'starts_with', 'matches', 'eq', 'neq'],
  list: [...COMMON, 'has', 'has_any', 'has_all'],
  geo: [...COMMON, 'within_km'],
  custom: [...COMMON, 'eq', 'neq', 'in', 'not_in', 'contains', 'contains_any', 'not_contains', 'starts_with', 'matches', 'gt', 'gte', 'lt', 'lte', 'has', 'has_any'],
};

/** A rule or condition is malformed; `path` points at it, e.g. `rules[2].when.all[0].op`. */
export class RuleError extends AftercareError {
  declare readonly code: 'INVALID_RULE';
  readonly path: string;

  constructor(path: string, problem: string) {
    super('INVALID_RULE', `${path}: ${problem}`);
    this.path = path;
  }
}

/** Case-, width- and accent-insensitive form for keyword matching (全角 ＡＢＣ → abc, É → e). */
export function foldText(text: string): string {
  // Quick path with the same result: ASCII, CJK unified ideographs and 、。 are their own NFKC
  // and NFD forms and carry no accents, so only A–Z change (to lower case).
  let ascii = true;
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) upper = true;
    } else if ((c >= 0x4e00 && c <= 0x9fff) || c === 0x3001 || c === 0x3002) ascii = false;
    else return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  return ascii || upper ? text.toLowerCase() : text;
}

/** Facts about the ticket being tested, computed at most once per ticket. */
export interface ConditionSubject {
  ticket: Ticket;
  folded?: { subject: string; description: string; text: string };
}

/** A compiled condition. */
export type Predicate = (subject: ConditionSubject) => boolean;

function fold(subject: ConditionSubject) {
  if (!subject.folded) {
    const s = foldText(subject.ticket.subject);
    const d = foldText(subject.ticket.description);
    subject.folded = { subject: s, description: d, text: `${s}\n${d}` };
  }
  return subject.folded;
}

/** How to read a field, chosen once when the condition is compiled. */
function reader(field: string): (subject: ConditionSubject) => unknown {
  switch (field) {
    case 'type': return (s) => s.ticket.type;
    case 'category': return (s) => s.ticket.category;
    case 'priority': return (s) => s.ticket.priority;
    case 'channel': return (s) => s.ticket.channel;
    case 'status': return (s) => s.ticket.status;
    case 'group': return (s) => s.ticket.groupId;
    case 'assignee': return (s) => s.ticket.assigneeId;
    case 'customer.id': return (s) => s.ticket.customer.id;
    case 'customer.tier': return (s) => s.ticket.customer.tier;
    case 'product.model': return (s) => s.ticket.product?.model;
    case 'product.serialNumber': return (s) => s.ticket.product?.serialNumber;
    case 'tags': return (s) => s.ticket.tags;
    case 'escalationLevel': return (s) => s.ticket.escalationLevel;
    case 'reopenCount': return (s) => s.ticket.reopenCount;
    case 'satisfaction.score': return (s) => s.ticket.satisfaction?.score;
    case 'location': return (s) => s.ticket.location;
    case 'subject': return (s) => fold(s).subject;
    case 'description': return (s) => fold(s).description;
    case 'text': return (s) => fold(s).text;
    default: {
      const key = field.slice('customFields.'.length);
      return (s) => s.ticket.customFields[key];
    }
  }
}

const rank = (v: unknown) => (typeof v === 'string' ? PRIORITIES.indexOf(v as (typeof PRIORITIES)[number]) : -1);

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function requireList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw new RuleError(`${path}.value`, 'must be a non-empty array');
  return value;
}

function compileField(c: FieldCondition, path: string): Predicate {
  if (typeof c.field !== 'string') throw new RuleError(`${path}.field`, 'is required');
  const kind: FieldKind | undefined = FIELD_KINDS[c.field] ?? (c.field.startsWith('customFields.') && c.field.length > 13 ? 'custom' : undefined);
  if (!kind) throw new RuleError(`${path}.field`, `unknown field "${c.field}"`);
  if (!FIELD_OPERATORS[kind].includes(c.op)) {
    throw new RuleError(`${path}.op`, `operator "${String(c.op)}" does not apply to ${c.field} (use ${FIELD_OPERATORS[kind].join(', ')})`);
  }
  const get = reader(c.field);
  const isText = kind === 'text';
  // Text fields are folded when read, so keywords are folded once here.
  const norm = (v: unknown) => (isText && typeof v === 'string' ? foldText(v) : v);
  const value = c.value;
  switch (c.op) {
    case 'exists':
      return (s) => { const v = get(s); return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0); };
    case 'not_exists':
      return (s) => { const v = get(s); return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0); };
    case 'eq':
    case 'neq': {
      if (value === undefined) throw new RuleError(`${path}.value`, 'is required');
      if (kind === 'ordered' && rank(value) < 0) throw new RuleError(`${path}.value`, `"${String(value)}" is not a priority`);
      const expected = norm(value);
      const eq = (s: ConditionSubject) => get(s) === expected;
      return c.op === 'eq' ? eq : (s) => !eq(s);
    }
    case 'in':
    case 'not_in': {
      const set = new Set(requireList(value, path).map(norm));
      if (kind === 'ordered') for (const v of set) if (rank(v) < 0) throw new RuleError(`${path}.value`, `"${String(v)}" is not a priority`);
      return c.op === 'in' ? (s) => set.has(get(s)) : (s) => !set.has(get(s));
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = kind === 'ordered' ? rank(value) : value;
      if (typeof bound !== 'number' || !Number.isFinite(bound) || (kind === 'ordered' && bound < 0)) {
        throw new RuleError(`${path}.value`, kind === 'ordered' ? 'must be a priority' : 'must be a number');
      }
      // An unknown priority or a non-number compares as NaN: false for every operator (negative numbers compare normally).
      const num = kind === 'ordered' ? (s: ConditionSubject) => { const r = rank(get(s)); return r < 0 ? NaN : r; } : (s: ConditionSubject) => { const v = get(s); return typeof v === 'number' ? v : NaN; };
      if (c.op === 'gt') return (s) => num(s) > bound;
      if (c.op === 'gte') return (s) => num(s) >= bound;
      if (c.op === 'lt') return (s) => num(s) < bound;
      return (s) => num(s) <= bound;
    }
    case 'contains':
    case 'not_contains':
    case 'starts_with': {
      if (typeof value !== 'string' || value === '') throw new RuleError(`${path}.value`, 'must be a non-empty string');
      const needle = isText || kind === 'custom' ? foldText(value) : value;
      const text = (s: ConditionSubject) => { const v = get(s); return typeof v === 'string' ? (isText ? v : kind === 'custom' ? foldText(v) : v) : undefined; };
      if (c.op === 'starts_with') return (s) => text(s)?.startsWith(needle) ?? false;
      const has = (s: ConditionSubject) => text(s)?.includes(needle) ?? false;
      return c.op === 'contains' ? has : (s) => !has(s);
    }
    case 'contains_any': {
      const needles = requireList(value, path).map((v, i) => {
        if (typeof v !== 'string' || v === '') throw new RuleError(`${path}.value[${i}]`, 'must be a non-empty string');
        return foldText(v);
      });
      // One pass over the text for all keywords: an alternation of the escaped (literal) needles.
      const any = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
      return (s) => {
        const v = get(s);
        if (typeof v !== 'string') return false;
        return any.test(isText ? v : foldText(v));
      };
    }
    case 'matches': {
      if (typeof value !== 'string') throw new RuleError(`${path}.value`, 'must be a regular expression source');
      let re: RegExp;
      try {
        re = new RegExp(value, 'iu');
      } catch (e) {
        throw new RuleError(`${path}.value`, `invalid regular expression: ${(e as Error).message}`);
      }
      return (s) => { const v = get(s); return typeof v === 'string' && re.test(v); };
    }
    case 'has':
    case 'has_any':
    case 'has_all': {
      const wanted = c.op === 'has' ? [value] : requireList(value, path);
      if (wanted.some((w) => typeof w !== 'string')) throw new RuleError(`${path}.value`, 'must name tags as strings');
      const list = (s: ConditionSubject) => { const v = get(s); return Array.isArray(v) ? v : []; };
      return c.op === 'has_all' ? (s) => wanted.every((w) => list(s).includes(w)) : (s) => wanted.some((w) => list(s).includes(w));
    }
    case 'within_km': {
      const v = value as { lat?: unknown; lng?: unknown; km?: unknown } | undefined;
      if (!v || typeof v.lat !== 'number' || typeof v.lng !== 'number' || typeof v.km !== 'number' || !(v.km > 0)) {
        throw new RuleError(`${path}.value`, 'must be { lat, lng, km } with km > 0');
      }
      const centre = { lat: v.lat, lng: v.lng };
      const km = v.km;
      return (s) => {
        const loc = s.ticket.location;
        return loc?.lat !== undefined && loc.lng !== undefined && distanceKm(centre, { lat: loc.lat, lng: loc.lng }) <= km;
      };
    }
    default:
      throw new RuleError(`${path}.op`, `unknown operator "${String(c.op)}"`);
  }
}

/** Validates and compiles a condition; throws {@link RuleError} with the path of the first problem. */
export function compileCondition(condition: Condition, path = 'when'): Predicate {
  if (!condition || typeof condition !== 'object') throw new RuleError(path, 'must be a condition object');
  if ('all' in condition) {
    if (!Array.isArray(condition.all) || condition.all.length === 0) throw new RuleError(`${path}.all`, 'must be a non-empty array');
    const parts = condition.all.map((c, i) => compileCondition(c, `${path}.all[${i}]`));
    return (s) => {
      for (const p of parts) if (!p(s)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    if (!Array.isArray(condition.any) || condition.any.length === 0) throw new RuleError(`${path}.any`, 'must be a non-empty array');
    const parts = condition.any.map((c, i) => compileCondition(c, `${path}.any[${i}]`));
    return (s) => {
      for (const p of parts) if (p(s)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, `${path}.not`);
    return (s) => !inner(s);
  }
  return compileField(condition, path);
}
