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

/**
 * `text.charCodeAt(i)`. Texts reach the scanner in many internal string representations
 * (flat, concatenated, sliced, one or two bytes per unit), enough for V8 to give up
 * specialising the `text.charCodeAt` lookup and look it up in full for every unit, which
 * cost more than the rest of the scan; called through the prototype, the read is compiled
 * inline for any string.
 */
function unitAt(text: string, i: number): number {
  return String.prototype.charCodeAt.call(text, i);
}

/** Case-, width- and accent-insensitive form for keyword matching (全角 ＡＢＣ → abc, É → e). */
export function foldText(text: string): string {
  // Quick path with the same result: ASCII, CJK unified ideographs and 、。 are their own NFKC
  // and NFD forms and carry no accents, so only A–Z change (to lower case); full-width ASCII
  // (U+FF01–FF5E, ＡＢＣ１，：) and the ideographic space are NFKC-equivalent to plain ASCII
  // and become it. None of these characters combines with its neighbours under NFKC or NFD,
  // so text made only of them folds character by character. Anything else: the full path.
  // (The units of foldUnit.)
  let ascii = true;
  let upper = false;
  let wide = false;
  for (let i = 0; i < text.length; i++) {
    const c = unitAt(text, i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) upper = true;
    } else if ((c >= 0x4e00 && c <= 0x9fff) || c === 0x3001 || c === 0x3002) ascii = false;
    else if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) wide = true;
    else return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  if (wide) return unitByUnit(text);
  return ascii || upper ? text.toLowerCase() : text;
}

/** Text made only of the units of {@link foldUnit}, folded. */
function unitByUnit(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = unitAt(text, i);
    const f = foldUnit(c);
    if (f !== c) {
      out += text.slice(from, i) + String.fromCharCode(f);
      from = i + 1;
    }
  }
  return out + text.slice(from);
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
    const s = foldText(ticketProperty(subject, SUBJECT) as string);
    const d = foldText(ticketProperty(subject, DESCRIPTION) as string);
    subject.folded = { subject: s, description: d, text: `${s}\n${d}` };
  }
  return subject.folded;
}

/** Which part of the folded text a keyword is looked for in (the slot of a needle is `3 × needle + part`). */
export const KEYWORD_SUBJECT = 0;
/** @see KEYWORD_SUBJECT */
export const KEYWORD_DESCRIPTION = 1;
/** @see KEYWORD_SUBJECT */
export const KEYWORD_TEXT = 2;

/**
 * One code unit as {@link foldText} folds text made only of units like it: ASCII (A–Z to lower
 * case), CJK unified ideographs, 、。, full-width ASCII and the ideographic space; -1 for any
 * other unit (foldText must see the whole text: it may combine or expand).
 */
export function foldUnit(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  if ((c >= 0x4e00 && c <= 0x9fff) || c === 0x3001 || c === 0x3002) return c;
  if (c >= 0xff01 && c <= 0xff5e) return c >= 0xff21 && c <= 0xff3a ? c - 0xfee0 + 32 : c - 0xfee0;
  if (c === 0x3000) return 0x20;
  return -1;
}

function pairHash(first: number, second: number): number {
  return (first * 31 + second) | 0;
}

/** Records a match at `at` of `length` units: in the text, and in the subject or description when wholly inside it. */
function mark(found: Float64Array, slot: number, scan: number, at: number, length: number, subjectLength: number) {
  found[slot + KEYWORD_TEXT] = scan;
  if (at + length <= subjectLength) found[slot + KEYWORD_SUBJECT] = scan;
  else if (at > subjectLength) found[slot + KEYWORD_DESCRIPTION] = scan;
}

/** What a subject remembers: the ticket properties read so far, and the last keyword scan of its text. */
interface ScannedSubject extends ConditionSubject {
  /** By TICKET_PROPERTIES index; UNREAD until read. */
  values?: unknown[];
  keywordIndex?: KeywordIndex;
  keywordScan?: number;
}

/**
 * The ticket properties conditions read (a nested field such as `customer.tier` reads its first
 * step here); `readField` and the router read them through {@link ticketProperty}.
 */
const TICKET_PROPERTIES = ['type', 'category', 'priority', 'channel', 'status', 'groupId', 'assigneeId', 'customer', 'product', 'tags', 'escalationLevel', 'reopenCount', 'satisfaction', 'location', 'subject', 'description', 'customFields'];
// Indexes in TICKET_PROPERTIES beyond the first seven (which match FIELD_CODES).
const CUSTOMER = 7;
const PRODUCT = 8;
const TAGS = 9;
const ESCALATION_LEVEL = 10;
const REOPEN_COUNT = 11;
const SATISFACTION = 12;
const LOCATION = 13;
const SUBJECT = 14;
const DESCRIPTION = 15;
const CUSTOM_FIELDS = 16;
/** @internal Index of `tags` for {@link ticketProperty}. */
export const TICKET_TAGS = TAGS;
/** @internal Index of `priority` for {@link ticketProperty}. */
export const TICKET_PRIORITY = 2;
/** @internal Index of `customer` for {@link ticketProperty}. */
export const TICKET_CUSTOMER = CUSTOMER;
/** @internal Index of `location` for {@link ticketProperty}. */
export const TICKET_LOCATION = LOCATION;

const UNREAD: unknown = Symbol('unread');
const UNREAD_VALUES: unknown[] = TICKET_PROPERTIES.map(() => UNREAD);

/**
 * @internal Property `TICKET_PROPERTIES[p]` of the subject's ticket, read by a key looked up in
 * that table rather than named in the code, and (for a subject made by {@link conditionSubject})
 * once per subject. Tickets come in many shapes (optional fields; in V8 an object given a
 * property after being built by a spread gets a hidden class of its own), and a named read of
 * a shape not met before misses the engine's property cache and takes its slow path, several
 * times the cost of the generic keyed lookup used here. Rules read a dozen properties of
 * every ticket.
 */
export function ticketProperty(s: ConditionSubject, p: number): unknown {
  const values = (s as ScannedSubject).values;
  const ticket = s.ticket as unknown as Record<string, unknown>;
  if (values === undefined) return ticket[TICKET_PROPERTIES[p]!];
  const v = values[p];
  return v !== UNREAD ? v : (values[p] = ticket[TICKET_PROPERTIES[p]!]);
}

/** @internal A subject for `ticket` with room for everything conditions note on it (no reshaping as they do). */
export function conditionSubject(ticket: Ticket): ConditionSubject {
  const subject: ScannedSubject = { ticket, folded: undefined, values: UNREAD_VALUES.slice(), keywordIndex: undefined, keywordScan: 0 };
  return subject;
}

/**
 * @internal Every keyword (`contains`, `contains_any`, `not_contains` on subject, description
 * and text) of a set of conditions, looked for in one pass over the ticket's folded text, so
 * that each keyword test becomes a lookup. Needles are kept by their first UTF-16 code unit;
 * at each position of the text only the needles starting with that unit are compared, so
 * overlapping and nested needles are all found, exactly as `includes` would find each.
 * `text` is `subject + "\n" + description`: one scan answers all three fields, a match
 * wholly before the newline being in the subject and one wholly after it in the description.
 */
export class KeywordIndex {
  /** The folded needles, each once. */
  readonly needles: string[] = [];
  private readonly ids = new Map<string, number>();
  /**
   * Needles of two units or more by a hash of their first two units (`pairs[hash & mask]`), so
   * that at each position of the text only the needles starting with the same pair (and the
   * odd collision) are compared; one-unit needles by their unit, behind a 1024-entry filter.
   */
  private pairs: Array<number[] | undefined> = [];
  private mask = 0;
  private singles = new Map<number, number[]>();
  private singleFilter = new Uint8Array(1024);
  /** Some needle holds a newline, so may match across subject and description. */
  private newline = false;
  private built = true;
  /** `found[slot] === scans` when that needle occurs in that part of the text scanned last. */
  private found = new Float64Array(0);
  /** Scans so far; a double, so it never wraps. */
  private scans = 0;
  /** The folded units of the text being scanned. */
  private units = new Int32Array(256);

  /** Registers a non-empty folded needle; returns its number (the same for the same needle). */
  add(needle: string): number {
    let id = this.ids.get(needle);
    if (id === undefined) {
      id = this.needles.length;
      this.needles.push(needle);
      this.ids.set(needle, id);
      this.built = false;
    }
    return id;
  }

  private build() {
    let size = 256;
    while (size < 4 * this.needles.length) size *= 2;
    this.pairs = new Array<number[] | undefined>(size).fill(undefined);
    this.mask = size - 1;
    this.singles = new Map();
    this.singleFilter = new Uint8Array(1024);
    this.needles.forEach((needle, id) => {
      const c = unitAt(needle, 0);
      if (needle.length === 1) {
        (this.singles.get(c) ?? this.singles.set(c, []).get(c)!).push(id);
        this.singleFilter[c & 1023] = 1;
      } else (this.pairs[pairHash(c, unitAt(needle, 1)) & this.mask] ??= []).push(id);
    });
    this.newline = this.needles.some((needle) => needle.includes('\n'));
    this.found = new Float64Array(this.needles.length * 3);
    this.built = true;
  }

  /**
   * Finds every needle in `subject + "\n" + description`, folding each code unit on the way
   * when `raw` (see {@link foldUnit}). Returns false, having found nothing usable, when a raw
   * text holds a unit that only {@link foldText} of the whole text can fold.
   */
  private scanParts(subject: string, description: string, raw: boolean): boolean {
    if (!this.built) this.build();
    const scan = ++this.scans;
    // Without a needle holding "\n" no match spans the newline: the parts are scanned apart.
    if (!this.newline) return this.scanPart(subject, KEYWORD_SUBJECT, raw, scan) && this.scanPart(description, KEYWORD_DESCRIPTION, raw, scan);
    const subjectLength = subject.length;
    const n = subjectLength + 1 + description.length;
    if (this.units.length < n) this.units = new Int32Array(Math.max(n, 2 * this.units.length));
    const units = this.units;
    for (let i = 0; i < subjectLength; i++) {
      const c = raw ? foldUnit(unitAt(subject, i)) : unitAt(subject, i);
      if (c < 0) return false;
      units[i] = c;
    }
    units[subjectLength] = 10;
    for (let i = subjectLength + 1, j = 0; i < n; i++, j++) {
      const c = raw ? foldUnit(unitAt(description, j)) : unitAt(description, j);
      if (c < 0) return false;
      units[i] = c;
    }
    const { pairs, mask, singles, singleFilter, needles, found } = this;
    let c = units[0]!;
    for (let i = 0; i < n; i++) {
      const next = i + 1 < n ? units[i + 1]! : -1;
      if (singleFilter[c & 1023] !== 0) {
        const list = singles.get(c);
        if (list !== undefined) for (let j = 0; j < list.length; j++) mark(found, 3 * list[j]!, scan, i, 1, subjectLength);
      }
      const list = pairs[pairHash(c, next) & mask];
      if (list !== undefined) {
        for (let j = 0; j < list.length; j++) {
          const id = list[j]!;
          const needle = needles[id]!;
          const length = needle.length;
          if (i + length > n || unitAt(needle, 0) !== c || unitAt(needle, 1) !== next) continue;
          let k = 2;
          while (k < length && units[i + k] === unitAt(needle, k)) k++;
          if (k === length) mark(found, 3 * id, scan, i, length, subjectLength);
        }
      }
      c = next;
    }
    return true;
  }

  /** One part of the text (`part`: subject or description) when no needle spans parts; see {@link scanParts}. */
  private scanPart(text: string, part: number, raw: boolean, scan: number): boolean {
    const { pairs, mask, singles, singleFilter, needles, found } = this;
    const n = text.length;
    let c = n === 0 ? 0 : raw ? foldUnit(unitAt(text, 0)) : unitAt(text, 0);
    for (let i = 0; i < n; i++) {
      if (c < 0) return false;
      const next = i + 1 === n ? -1 : raw ? foldUnit(unitAt(text, i + 1)) : unitAt(text, i + 1);
      if (singleFilter[c & 1023] !== 0) {
        const list = singles.get(c);
        if (list !== undefined) for (let j = 0; j < list.length; j++) found[3 * list[j]! + part] = found[3 * list[j]! + KEYWORD_TEXT] = scan;
      }
      const list = pairs[pairHash(c, next) & mask];
      if (list !== undefined) {
        for (let j = 0; j < list.length; j++) {
          const id = list[j]!;
          const needle = needles[id]!;
          const length = needle.length;
          if (i + length > n || unitAt(needle, 0) !== c || unitAt(needle, 1) !== next) continue;
          let k = 2;
          while (k < length && (raw ? foldUnit(unitAt(text, i + k)) : unitAt(text, i + k)) === unitAt(needle, k)) k++;
          if (k === length) found[3 * id + part] = found[3 * id + KEYWORD_TEXT] = scan;
        }
      }
      c = next;
    }
    return true;
  }

  /** Finds every needle in the folded subject, description and text (`subject + "\n" + description`); see {@link KeywordIndex.has}. */
  scanTexts(subject: string, description: string): void {
    if (!this.scanParts(subject, description, true)) this.scanParts(foldText(subject), foldText(description), false);
  }

  /** Whether needle `id` occurred in `part` of the text scanned last. */
  has(id: number, part: number): boolean {
    return this.found[3 * id + part] === this.scans;
  }

  /**
   * Scans the subject's text unless it was the last one scanned: the folded text when already
   * folded, else the ticket's own text folded unit by unit, which saves folding it at all when
   * no other condition needs it (and falls back to folding when a unit needs the full path).
   */
  ensure(s: ConditionSubject): void {
    const subject = s as ScannedSubject;
    if (subject.keywordIndex !== this || subject.keywordScan !== this.scans) {
      const folded = subject.folded;
      if (folded) this.scanParts(folded.subject, folded.description, false);
      else {
        const text = ticketProperty(subject, SUBJECT);
        const description = ticketProperty(subject, DESCRIPTION);
        if (typeof text !== 'string' || typeof description !== 'string' || !this.scanParts(text, description, true)) {
          const f = fold(subject);
          this.scanParts(f.subject, f.description, false);
        }
      }
      subject.keywordIndex = this;
      subject.keywordScan = this.scans;
    }
  }

  /** Whether the slot `3 × id + part` was found in the subject's text. */
  hasSlot(s: ConditionSubject, slot: number): boolean {
    this.ensure(s);
    return this.found[slot] === this.scans;
  }

  /** Whether any of the slots was found in the subject's text. */
  hasAnySlot(s: ConditionSubject, slots: readonly number[]): boolean {
    this.ensure(s);
    const { found, scans } = this;
    for (let i = 0; i < slots.length; i++) if (found[slots[i]!] === scans) return true;
    return false;
  }
}

/** How to read a field, chosen once when the condition is compiled. */
const FIELD_CODES = ['type', 'category', 'priority', 'channel', 'status', 'group', 'assignee', 'customer.id', 'customer.tier', 'product.model', 'product.serialNumber', 'tags', 'escalationLevel', 'reopenCount', 'satisfaction.score', 'location', 'subject', 'description', 'text'];

/** Field FIELD_CODES[code] (`customFields.<key>` for a negative code) of the subject's ticket. */
function readField(s: ConditionSubject, code: number, key: string): unknown {
  switch (code) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
      return ticketProperty(s, code);
    case 7: return (ticketProperty(s, CUSTOMER) as Ticket['customer']).id;
    case 8: return (ticketProperty(s, CUSTOMER) as Ticket['customer']).tier;
    case 9: return (ticketProperty(s, PRODUCT) as Ticket['product'])?.model;
    case 10: return (ticketProperty(s, PRODUCT) as Ticket['product'])?.serialNumber;
    case 11: return ticketProperty(s, TAGS);
    case 12: return ticketProperty(s, ESCALATION_LEVEL);
    case 13: return ticketProperty(s, REOPEN_COUNT);
    case 14: return (ticketProperty(s, SATISFACTION) as Ticket['satisfaction'])?.score;
    case 15: return ticketProperty(s, LOCATION);
    case 16: return fold(s).subject;
    case 17: return fold(s).description;
    case 18: return fold(s).text;
    default: return (ticketProperty(s, CUSTOM_FIELDS) as Ticket['customFields'])[key];
  }
}

const rank = (v: unknown) => (typeof v === 'string' ? PRIORITIES.indexOf(v as (typeof PRIORITIES)[number]) : -1);

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

function requireList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw new RuleError(`${path}.value`, 'must be a non-empty array');
  return value;
}

// What a compiled condition tests: ConditionNode.kind.
const ALL = 0;
const ANY = 1;
const NOT = 2;
const EXISTS = 3;
const NOT_EXISTS = 4;
const EQ = 5;
const NEQ = 6;
const IN = 7;
const NOT_IN = 8;
const GT = 9;
const GTE = 10;
const LT = 11;
const LTE = 12;
/** contains / not_contains / contains_any on subject, description or text: looked up in the keyword index. */
const KEYWORD = 13;
const NO_KEYWORD = 14;
const ANY_KEYWORD = 15;
/** contains / not_contains / starts_with read from the field (custom and enum fields, and starts_with on text). */
const CONTAINS = 16;
const NOT_CONTAINS = 17;
const STARTS_WITH = 18;
/** contains_any as one regular expression (custom fields; a keyword that folds to nothing). */
const CONTAINS_ANY = 19;
const MATCHES = 20;
const HAS_ANY = 21;
const HAS_ALL = 22;
const WITHIN_KM = 23;

/**
 * @internal A compiled condition as data, run by {@link evaluate}: one function runs every
 * kind of test, so no call site sees dozens of different closures (which V8 runs slower).
 */
export class ConditionNode {
  kind = 0;
  /** Field read (index in FIELD_CODES; -1 for `customFields.<key>`). */
  field = -1;
  key = '';
  /** How a string read from the field is matched: 0 as is, 1 already folded (text), 2 folded when read (custom). */
  fold = 0;
  /** The value compared with, the bound, the needle or the slot. */
  value: unknown = undefined;
  bound = 0;
  ordered = false;
  set: Set<unknown> | undefined = undefined;
  list: readonly unknown[] = [];
  parts: ConditionNode[] = [];
  re: RegExp | undefined = undefined;
  keywords: KeywordIndex | undefined = undefined;
  lat = 0;
  lng = 0;

  constructor(kind: number) {
    this.kind = kind;
  }
}

function leaf(kind: number, field: string): ConditionNode {
  const node = new ConditionNode(kind);
  node.field = FIELD_CODES.indexOf(field);
  node.key = node.field < 0 ? field.slice('customFields.'.length) : '';
  return node;
}

/** @internal Runs a compiled condition against a subject. */
export function evaluate(n: ConditionNode, s: ConditionSubject): boolean {
  switch (n.kind) {
    case ALL: {
      const parts = n.parts;
      for (let i = 0; i < parts.length; i++) if (!evaluate(parts[i]!, s)) return false;
      return true;
    }
    case ANY: {
      const parts = n.parts;
      for (let i = 0; i < parts.length; i++) if (evaluate(parts[i]!, s)) return true;
      return false;
    }
    case NOT:
      return !evaluate(n.parts[0]!, s);
    case EXISTS: {
      const v = readField(s, n.field, n.key);
      return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
    }
    case NOT_EXISTS: {
      const v = readField(s, n.field, n.key);
      return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    }
    case EQ:
      return readField(s, n.field, n.key) === n.value;
    case NEQ:
      return readField(s, n.field, n.key) !== n.value;
    case IN:
      return n.set!.has(readField(s, n.field, n.key));
    case NOT_IN:
      return !n.set!.has(readField(s, n.field, n.key));
    case GT:
      return numberOf(n, s) > n.bound;
    case GTE:
      return numberOf(n, s) >= n.bound;
    case LT:
      return numberOf(n, s) < n.bound;
    case LTE:
      return numberOf(n, s) <= n.bound;
    case KEYWORD:
      return n.keywords!.hasSlot(s, n.bound);
    case NO_KEYWORD:
      return !n.keywords!.hasSlot(s, n.bound);
    case ANY_KEYWORD:
      return n.keywords!.hasAnySlot(s, n.list as number[]);
    case CONTAINS:
    case NOT_CONTAINS:
    case STARTS_WITH: {
      const v = readField(s, n.field, n.key);
      const found = typeof v === 'string' && (n.kind === STARTS_WITH ? asMatched(n, v).startsWith(n.value as string) : asMatched(n, v).includes(n.value as string));
      return n.kind === NOT_CONTAINS ? !found : found;
    }
    case CONTAINS_ANY: {
      const v = readField(s, n.field, n.key);
      return typeof v === 'string' && n.re!.test(asMatched(n, v));
    }
    case MATCHES: {
      const v = readField(s, n.field, n.key);
      return typeof v === 'string' && n.re!.test(v);
    }
    case HAS_ANY: {
      const v = readField(s, n.field, n.key);
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < n.list.length; i++) if (v.includes(n.list[i])) return true;
      return false;
    }
    case HAS_ALL: {
      const v = readField(s, n.field, n.key);
      const list: unknown[] = Array.isArray(v) ? v : [];
      for (let i = 0; i < n.list.length; i++) if (!list.includes(n.list[i])) return false;
      return true;
    }
    default: {
      // WITHIN_KM
      const loc = ticketProperty(s, LOCATION) as Ticket['location'];
      if (loc?.lat === undefined || loc.lng === undefined) return false;
      // A great-circle distance is at least the distance between the two latitudes: far apart
      // in latitude is out of range without the trigonometry (latitudes within ±90°).
      const dLat = Math.abs(loc.lat - n.lat);
      if (dLat * KM_PER_DEGREE > n.bound * (1 + 1e-9) && Math.abs(loc.lat) <= 90 && Math.abs(n.lat) <= 90) return false;
      return distanceKm(n, loc as { lat: number; lng: number }) <= n.bound;
    }
  }
}

/** The field as a number for gt…lte: an unknown priority or a non-number is NaN, false for every comparison (negative numbers compare normally). */
function numberOf(n: ConditionNode, s: ConditionSubject): number {
  const v = readField(s, n.field, n.key);
  if (n.ordered) {
    const r = rank(v);
    return r < 0 ? NaN : r;
  }
  return typeof v === 'number' ? v : NaN;
}

/** A string read from the field, folded as the node's keywords are (text fields are folded when read). */
function asMatched(n: ConditionNode, v: string): string {
  return n.fold === 2 ? foldText(v) : v;
}

function compileField(c: FieldCondition, path: string, keywords: KeywordIndex): ConditionNode {
  if (typeof c.field !== 'string') throw new RuleError(`${path}.field`, 'is required');
  const kind: FieldKind | undefined = FIELD_KINDS[c.field] ?? (c.field.startsWith('customFields.') && c.field.length > 13 ? 'custom' : undefined);
  if (!kind) throw new RuleError(`${path}.field`, `unknown field "${c.field}"`);
  if (!FIELD_OPERATORS[kind].includes(c.op)) {
    throw new RuleError(`${path}.op`, `operator "${String(c.op)}" does not apply to ${c.field} (use ${FIELD_OPERATORS[kind].join(', ')})`);
  }
  const field = c.field;
  const isText = kind === 'text';
  // Text fields are folded when read, so keywords are folded once here.
  const norm = (v: unknown) => (isText && typeof v === 'string' ? foldText(v) : v);
  const value = c.value;
  switch (c.op) {
    case 'exists':
      return leaf(EXISTS, field);
    case 'not_exists':
      return leaf(NOT_EXISTS, field);
    case 'eq':
    case 'neq': {
      if (value === undefined) throw new RuleError(`${path}.value`, 'is required');
      if (kind === 'ordered' && rank(value) < 0) throw new RuleError(`${path}.value`, `"${String(value)}" is not a priority`);
      const node = leaf(c.op === 'eq' ? EQ : NEQ, field);
      node.value = norm(value);
      return node;
    }
    case 'in':
    case 'not_in': {
      const set = new Set(requireList(value, path).map(norm));
      if (kind === 'ordered') for (const v of set) if (rank(v) < 0) throw new RuleError(`${path}.value`, `"${String(v)}" is not a priority`);
      const node = leaf(c.op === 'in' ? IN : NOT_IN, field);
      node.set = set;
      return node;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = kind === 'ordered' ? rank(value) : value;
      if (typeof bound !== 'number' || !Number.isFinite(bound) || (kind === 'ordered' && bound < 0)) {
        throw new RuleError(`${path}.value`, kind === 'ordered' ? 'must be a priority' : 'must be a number');
      }
      const node = leaf(c.op === 'gt' ? GT : c.op === 'gte' ? GTE : c.op === 'lt' ? LT : LTE, field);
      node.bound = bound;
      node.ordered = kind === 'ordered';
      return node;
    }
    case 'contains':
    case 'not_contains':
    case 'starts_with': {
      if (typeof value !== 'string' || value === '') throw new RuleError(`${path}.value`, 'must be a non-empty string');
      const needle = isText || kind === 'custom' ? foldText(value) : value;
      if (isText && c.op !== 'starts_with' && needle !== '') {
        // Looked up in the scan of the folded text (a text field is always a string).
        const node = leaf(c.op === 'contains' ? KEYWORD : NO_KEYWORD, field);
        node.keywords = keywords;
        node.bound = 3 * keywords.add(needle) + textPart(field);
        return node;
      }
      const node = leaf(c.op === 'contains' ? CONTAINS : c.op === 'not_contains' ? NOT_CONTAINS : STARTS_WITH, field);
      node.value = needle;
      node.fold = kind === 'custom' ? 2 : isText ? 1 : 0;
      return node;
    }
    case 'contains_any': {
      const needles = requireList(value, path).map((v, i) => {
        if (typeof v !== 'string' || v === '') throw new RuleError(`${path}.value[${i}]`, 'must be a non-empty string');
        return foldText(v);
      });
      if (isText && !needles.includes('')) {
        const node = leaf(ANY_KEYWORD, field);
        node.keywords = keywords;
        const part = textPart(field);
        node.list = [...new Set(needles.map((n) => 3 * keywords.add(n) + part))];
        return node;
      }
      // One pass over the text for all keywords: an alternation of the escaped (literal) needles.
      const node = leaf(CONTAINS_ANY, field);
      node.re = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
      node.fold = isText ? 1 : 2;
      return node;
    }
    case 'matches': {
      if (typeof value !== 'string') throw new RuleError(`${path}.value`, 'must be a regular expression source');
      const node = leaf(MATCHES, field);
      try {
        node.re = new RegExp(value, 'iu');
      } catch (e) {
        throw new RuleError(`${path}.value`, `invalid regular expression: ${(e as Error).message}`);
      }
      return node;
    }
    case 'has':
    case 'has_any':
    case 'has_all': {
      const wanted = c.op === 'has' ? [value] : requireList(value, path);
      if (wanted.some((w) => typeof w !== 'string')) throw new RuleError(`${path}.value`, 'must name tags as strings');
      const node = leaf(c.op === 'has_all' ? HAS_ALL : HAS_ANY, field);
      node.list = wanted;
      return node;
    }
    case 'within_km': {
      const v = value as { lat?: unknown; lng?: unknown; km?: unknown } | undefined;
      if (!v || typeof v.lat !== 'number' || typeof v.lng !== 'number' || typeof v.km !== 'number' || !(v.km > 0)) {
        throw new RuleError(`${path}.value`, 'must be { lat, lng, km } with km > 0');
      }
      const node = leaf(WITHIN_KM, field);
      node.lat = v.lat;
      node.lng = v.lng;
      node.bound = v.km;
      return node;
    }
    default:
      throw new RuleError(`${path}.op`, `unknown operator "${String(c.op)}"`);
  }
}

/** Fields a prefilter may read (FIELD_CODES): plain values compared with `===`, not text, tags or location. */
const PREFILTER_FIELDS = new Set(['type', 'category', 'priority', 'channel', 'status', 'group', 'assignee', 'customer.id', 'customer.tier', 'product.model', 'product.serialNumber', 'escalationLevel', 'reopenCount', 'satisfaction.score'].map((f) => FIELD_CODES.indexOf(f)));

/**
 * The values a leaf allows its field, when it is a plain equality test: `eq` (`===`), `in`, or a
 * comparison of the ordered priority (true for a subset of PRIORITIES; any other value is
 * false); undefined for any other leaf.
 */
function allowedValues(n: ConditionNode): Set<unknown> | undefined {
  if (!PREFILTER_FIELDS.has(n.field)) return undefined;
  switch (n.kind) {
    case EQ:
      // `===` and the prefilter's Map agree on every value but NaN, which `===` never matches.
      return n.value === n.value ? new Set([n.value]) : undefined;
    case IN:
      return n.set;
    case GT:
    case GTE:
    case LT:
    case LTE: {
      if (!n.ordered) return undefined;
      const test = n.kind === GT ? (r: number) => r > n.bound : n.kind === GTE ? (r: number) => r >= n.bound : n.kind === LT ? (r: number) => r < n.bound : (r: number) => r <= n.bound;
      return new Set(PRIORITIES.filter((p) => test(rank(p))));
    }
    default:
      return undefined;
  }
}

/** What a prefilter knows of one condition: the values it allows per field, and whether that is all it tests. */
interface Requirements {
  byField: Map<number, Set<unknown>>;
  /** The condition is exactly these requirements: when they hold it holds, without evaluating it. */
  complete: boolean;
}

/** A leaf, or an `all` of leaves, that plain equality tests require; nested `any` and `not` require nothing. */
function requirementsOf(node: ConditionNode): Requirements {
  const byField = new Map<number, Set<unknown>>();
  let complete = true;
  for (const part of node.kind === ALL ? node.parts : [node]) {
    const allowed = allowedValues(part);
    if (!allowed) {
      complete = false;
      continue;
    }
    const before = byField.get(part.field);
    byField.set(part.field, before ? new Set([...before].filter((v) => allowed.has(v))) : allowed);
  }
  return { byField, complete };
}

/** Largest number of combinations a prefilter keeps an answer for. */
const PREFILTER_COMBINATIONS = 4096;

/**
 * @internal Which of a list of conditions (a router's rules, in order) can hold for a ticket,
 * decided from a few fields that rules test for exact values (`type`, `channel`,
 * `customer.tier`, `priority` …): a rule requiring `type` in `['return']` cannot hold for a
 * repair ticket, whatever else it tests, so it is not evaluated at all. The answer depends
 * only on which of the values named by rules each of those fields holds (any other value
 * counts as one more "other" value), so it is worked out once per combination met and kept.
 */
export class ConditionPrefilter {
  /** The fields read (FIELD_CODES) and, for each, the values rules name: value i is class i + 1, any other value class 0. */
  private readonly fields: number[] = [];
  private readonly values: unknown[][] = [];
  private readonly classes: Array<Map<unknown, number>> = [];
  /** Classes per field (values + 1). */
  private readonly sizes: number[] = [];
  private readonly requirements: Array<Requirements | undefined>;
  /** Per combination of classes: see {@link ConditionPrefilter.candidates}. */
  private readonly answers: Array<Int32Array | undefined>;

  /** `conditions[i]` undefined: condition i always holds. */
  constructor(conditions: ReadonlyArray<ConditionNode | undefined>) {
    this.requirements = conditions.map((c) => (c === undefined ? undefined : requirementsOf(c)));
    // The fields most conditions require values of first, as long as the combinations stay few.
    const values = new Map<number, Set<unknown>>();
    const uses = new Map<number, number>();
    for (const r of this.requirements) {
      if (!r) continue;
      for (const [field, allowed] of r.byField) {
        const known = values.get(field) ?? values.set(field, new Set()).get(field)!;
        for (const v of allowed) known.add(v);
        uses.set(field, (uses.get(field) ?? 0) + 1);
      }
    }
    // A field only one condition tests is left to that condition: reading it for every ticket
    // would cost about what it saves.
    let combinations = 1;
    for (const field of [...uses.keys()].sort((a, b) => uses.get(b)! - uses.get(a)! || a - b)) {
      if (uses.get(field)! < 2) break;
      const size = values.get(field)!.size + 1;
      if (combinations * size > PREFILTER_COMBINATIONS) continue;
      combinations *= size;
      const named = [...values.get(field)!];
      this.fields.push(field);
      this.values.push(named);
      this.classes.push(new Map(named.map((v, i) => [v, i + 1])));
      this.sizes.push(size);
    }
    this.answers = new Array<Int32Array | undefined>(combinations).fill(undefined);
  }

  /**
   * The conditions that may hold for the subject, in order: `i` for one to evaluate, `~i`
   * (negative) for one that holds for certain (it tests nothing but the fields read here).
   */
  candidates(s: ConditionSubject): Int32Array {
    let key = 0;
    const { fields, classes, sizes } = this;
    for (let f = 0; f < fields.length; f++) key = key * sizes[f]! + (classes[f]!.get(readField(s, fields[f]!, '')) ?? 0);
    return this.answers[key] ?? this.answer(key);
  }

  private answer(key: number): Int32Array {
    // The class each field holds in this combination.
    const held: number[] = [];
    for (let f = this.fields.length - 1, rest = key; f >= 0; f--) {
      held[f] = rest % this.sizes[f]!;
      rest = Math.floor(rest / this.sizes[f]!);
    }
    const list: number[] = [];
    this.requirements.forEach((r, i) => {
      if (!r) {
        list.push(~i);
        return;
      }
      let sure = r.complete;
      for (const [field, allowed] of r.byField) {
        const f = this.fields.indexOf(field);
        if (f < 0) sure = false;
        else if (held[f] === 0 || !allowed.has(this.values[f]![held[f]! - 1])) return;
      }
      list.push(sure ? ~i : i);
    });
    return (this.answers[key] = Int32Array.from(list));
  }
}

function textPart(field: string): number {
  return field === 'subject' ? KEYWORD_SUBJECT : field === 'description' ? KEYWORD_DESCRIPTION : KEYWORD_TEXT;
}

/** Validates and compiles a condition; throws {@link RuleError} with the path of the first problem. */
export function compileCondition(condition: Condition, path = 'when'): Predicate {
  const node = compileNode(condition, path, new KeywordIndex());
  return (s) => evaluate(node, s);
}

/**
 * @internal {@link compileCondition} for several conditions tested against the same ticket
 * (a router's rules), as data for {@link evaluate}: their keywords share one index, so the
 * text is scanned once per ticket.
 */
export function compileConditionNode(condition: Condition, path: string, keywords: KeywordIndex): ConditionNode {
  return compileNode(condition, path, keywords);
}

function compileNode(condition: Condition, path: string, keywords: KeywordIndex): ConditionNode {
  if (!condition || typeof condition !== 'object') throw new RuleError(path, 'must be a condition object');
  if ('all' in condition) {
    if (!Array.isArray(condition.all) || condition.all.length === 0) throw new RuleError(`${path}.all`, 'must be a non-empty array');
    const node = new ConditionNode(ALL);
    node.parts = condition.all.map((c, i) => compileNode(c, `${path}.all[${i}]`, keywords));
    return node;
  }
  if ('any' in condition) {
    if (!Array.isArray(condition.any) || condition.any.length === 0) throw new RuleError(`${path}.any`, 'must be a non-empty array');
    const node = new ConditionNode(ANY);
    node.parts = condition.any.map((c, i) => compileNode(c, `${path}.any[${i}]`, keywords));
    return node;
  }
  if ('not' in condition) {
    const node = new ConditionNode(NOT);
    node.parts = [compileNode(condition.not, `${path}.not`, keywords)];
    return node;
  }
  return compileField(condition, path, keywords);
}
