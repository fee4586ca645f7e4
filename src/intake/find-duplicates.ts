/**
 * Spots a customer writing again about a problem already on record ("wrote three times,
 * we recorded once") so that agents merge or link instead of working it twice.
 */
import { AftercareError } from '../errors.js';
import type { ContactInfo, IsoDateTime, Product } from '../model/types.js';
import { foldText } from '../rules/conditions.js';
import { toEpochMs } from '../workflow/create-workflow.js';
import type { TimeInput } from '../workflow/types.js';

/** The new request: a `TicketInput`, a created `Ticket`, or anything with these fields. */
export interface DuplicateProbe {
  /** When the probe is itself a stored ticket, it is not reported as its own duplicate. */
  id?: string;
  subject: string;
  description?: string;
  customer: { id?: string; contact: ContactInfo };
  product?: Product;
}

/** What {@link findDuplicates} reads of a recent ticket; a full `Ticket` fits. */
export interface DuplicateCheckTicket {
  id: string;
  number: string;
  subject: string;
  description?: string;
  status: string;
  customer: { id?: string; contact: ContactInfo };
  product?: Product;
  createdAt: IsoDateTime;
  closedAt?: IsoDateTime;
  statusChangedAt?: IsoDateTime;
}

/** Why a ticket was flagged. */
export type DuplicateReason = 'same_customer' | 'same_serial' | 'same_model' | 'similar_text' | 'recently_closed';

/** A likely earlier record of the same request. */
export interface DuplicateCandidate {
  ticketId: string;
  number: string;
  /** 0–1, see {@link findDuplicates}. */
  score: number;
  /** Text similarity alone, 0–1 (bigram Dice coefficient). */
  similarity: number;
  /** Which customer detail matched. */
  customerMatch: 'id' | 'phone' | 'email' | 'wechat';
  reasons: DuplicateReason[];
}

/** Options of {@link findDuplicates}. */
export interface FindDuplicatesOptions {
  /** Default now. */
  now?: TimeInput;
  /** How far back a ticket may have been created; default 72. */
  windowHours?: number;
  /** Minimum score to report; default 0.35. */
  threshold?: number;
  /** Closed tickets: `'within_window'` (default) reports those closed inside the window, `'exclude'` never. */
  closed?: 'within_window' | 'exclude';
  /** Whether a ticket is closed; default `status === 'closed'`. Pass one for custom workflows. */
  isClosed?: (ticket: DuplicateCheckTicket) => boolean;
  /** Most candidates to return; default all. */
  limit?: number;
}

const SERIAL_BONUS = 0.3;
const MODEL_BONUS = 0.15;
// Enough text to judge similarity; bounds the cost of pasted logs.
const MAX_TEXT = 2_000;

// Words that every English request shares; their bigrams would make unrelated requests look alike.
const STOP_WORDS = new Set(
  ('a an the is are was were be been am my our your its it i we you he she they me us them to of and or in on at for with ' +
    'this that these there here please hi hello dear thanks thank regards still again has have had do does did can could ' +
    'would will just so but from as by about any some very').split(' '),
);
// Chinese particles and pronouns act as separators for the same reason ("我的洗衣机" ≈ "洗衣机").
const ZH_FUNCTION = /[的了吗呢吧啊呀嘛哦您你我他她请]/u;

// Crude English stemming: "draining"/"drains" share "drain" instead of the "in"/"ng" every -ing word has.
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function features(text: string): Set<string> {
  const out = new Set<string>();
  const folded = foldText(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text).replace(/['’]/g, '');
  for (const token of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (token === '' || STOP_WORDS.has(token)) continue;
    for (const part of token.split(ZH_FUNCTION)) {
      const latin = /^[a-z0-9]+$/.test(part);
      const chars = Array.from(latin ? stem(part) : part);
      // A lone Han character still means something (门, 水); a lone Latin letter does not.
      if (chars.length === 1 && !latin) out.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    }
  }
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * Similarity of two texts, 0 (nothing shared) to 1 (same): the Dice coefficient of their
 * character-bigram sets after NFKC folding and lowercasing. Needs no word segmentation,
 * so it serves Chinese, English and mixed text (model numbers) alike. Common English
 * words and Chinese particles are left out and English words lightly stemmed, which keeps
 * unrelated English requests apart (they share many bigrams otherwise).
 */
export function textSimilarity(a: string, b: string): number {
  return dice(features(a), features(b));
}

/** Digits of a phone number without the China country code or a trunk `0`: `+86 138-0013-8000` → `13800138000`. */
function normalizePhone(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const trimmed = phone.normalize('NFKC').trim();
  let digits = trimmed.replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (trimmed.startsWith('+86') || (digits.length === 13 && digits.startsWith('861'))) digits = digits.slice(2);
  if (/^0[1-9]/.test(digits)) digits = digits.slice(1);
  return digits.length >= 5 ? digits : undefined;
}

function lower(value: string | undefined): string | undefined {
  const v = value?.normalize('NFKC').trim().toLowerCase();
  return v ? v : undefined;
}

interface CustomerKeys {
  id?: string;
  phone?: string;
  email?: string;
  wechat?: string;
}

function customerKeys(customer: DuplicateProbe['customer'] | undefined): CustomerKeys {
  const contact = customer?.contact ?? {};
  return {
    id: customer?.id || undefined,
    phone: normalizePhone(contact.phone),
    email: lower(contact.email),
    wechat: lower(contact.wechat),
  };
}

function sameCustomer(a: CustomerKeys, b: CustomerKeys): DuplicateCandidate['customerMatch'] | undefined {
  for (const key of ['id', 'phone', 'email', 'wechat'] as const) {
    if (a[key] !== undefined && a[key] === b[key]) return key;
  }
  return undefined;
}

function productKey(value: string | undefined): string | undefined {
  const key = value?.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  return key ? key : undefined;
}

/** `'different'` rules a ticket out; `'unknown'` when one side does not say. */
function compareProducts(a: Product | undefined, b: Product | undefined): 'same_serial' | 'same_model' | 'different' | 'unknown' {
  const [sa, sb] = [productKey(a?.serialNumber), productKey(b?.serialNumber)];
  if (sa && sb) return sa === sb ? 'same_serial' : 'different';
  const [ma, mb] = [productKey(a?.model), productKey(b?.model)];
  if (ma && mb) return ma === mb ? 'same_model' : 'different';
  return 'unknown';
}

/**
 * Recent tickets that probably record the same request as `input`, best first.
 *
 * A ticket is considered only when all of these hold:
 * - same customer: same `customer.id`, or same phone (digits only, `+86`/`0086` and a
 *   trunk `0` removed), or same e-mail or WeChat id (case-insensitive);
 * - still open (however old: a customer writing again about a ticket that has dragged on
 *   for a week is the repeat this is for), or created within `windowHours` (72) before
 *   `now`; a closed one only when closed within that window (never, with `closed: 'exclude'`);
 * - not about a different product: serial numbers differ when both are known, or else
 *   models differ when both are known. No product on one side does not rule it out.
 *
 * Its score is the text similarity of subject + description ({@link textSimilarity},
 * 0–1) plus a product bonus: +0.3 for the same serial number (the same unit), +0.15 for
 * the same model; capped at 1. It is reported when the score reaches `threshold` (0.35).
 * So a same-unit ticket needs little textual overlap, a same-model one some, and one
 * without product details needs clearly similar text. The customer match is a
 * precondition, not part of the score: the same words from another customer are not a repeat.
 *
 * Cost is linear in `recentTickets`; text is only compared for the same customer's tickets.
 */
export function findDuplicates(
  input: DuplicateProbe,
  recentTickets: readonly DuplicateCheckTicket[],
  options: FindDuplicatesOptions = {},
): DuplicateCandidate[] {
  const windowHours = options.windowHours ?? 72;
  const threshold = options.threshold ?? 0.35;
  if (!(windowHours > 0)) throw new AftercareError('INVALID_OPTION', `windowHours must be positive, got ${windowHours}.`);
  if (!(threshold >= 0 && threshold <= 1)) throw new AftercareError('INVALID_OPTION', `threshold must be between 0 and 1, got ${threshold}.`);
  const since = toEpochMs(options.now) - windowHours * 3_600_000;
  const isClosed = options.isClosed ?? ((t: DuplicateCheckTicket) => t.status === 'closed');
  // Resolved tickets still take follow-ups (they reopen); only these statuses are done with.
  const isOpen = (t: DuplicateCheckTicket) => t.status !== 'resolved' && !isClosed(t);
  const keys = customerKeys(input.customer);
  let probeText: Set<string> | undefined;

  const found: Array<DuplicateCandidate & { at: number }> = [];
  for (const ticket of recentTickets) {
    if (input.id !== undefined && ticket.id === input.id) continue;
    const at = Date.parse(ticket.createdAt);
    const closed = isClosed(ticket);
    if (closed ? false : !(at >= since) && !isOpen(ticket)) continue;
    const customerMatch = sameCustomer(keys, customerKeys(ticket.customer));
    if (!customerMatch) continue;
    if (closed) {
      const closedAt = Date.parse(ticket.closedAt ?? ticket.statusChangedAt ?? ticket.createdAt);
      if (options.closed === 'exclude' || !(closedAt >= since)) continue;
    }
    const reasons: DuplicateReason[] = ['same_customer'];
    const product = compareProducts(input.product, ticket.product);
    if (product === 'different') continue;
    let bonus = 0;
    if (product === 'same_serial') {
      bonus = SERIAL_BONUS;
      reasons.push('same_serial');
      if (productKey(input.product?.model) && productKey(input.product?.model) === productKey(ticket.product?.model)) reasons.push('same_model');
    } else if (product === 'same_model') {
      bonus = MODEL_BONUS;
      reasons.push('same_model');
    }
    probeText ??= features(`${input.subject}\n${input.description ?? ''}`);
    const similarity = dice(probeText, features(`${ticket.subject}\n${ticket.description ?? ''}`));
    if (similarity >= threshold) reasons.push('similar_text');
    const score = Math.min(1, similarity + bonus);
    if (score < threshold) continue;
    if (closed) reasons.push('recently_closed');
    found.push({ ticketId: ticket.id, number: ticket.number, score: round(score), similarity: round(similarity), customerMatch, reasons, at });
  }
  found.sort((a, b) => b.score - a.score || b.at - a.at);
  return found.slice(0, options.limit ?? found.length).map(({ at: _at, ...candidate }) => candidate);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
