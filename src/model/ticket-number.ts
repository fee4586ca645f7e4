import { AftercareError } from '../errors.js';
import { randomBytes } from './ids.js';

/** How human ticket numbers look: `<prefix>-<YYYYMMDD>-<sequence>`. */
export interface TicketNumberOptions {
  /** Letters before the date; default `AC`. */
  prefix?: string;
  /** IANA zone whose calendar date goes into the number; default `UTC`. */
  timeZone?: string;
  /** Minimum digits of the daily sequence; default 4. */
  digits?: number;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date of `at` in `timeZone` as `YYYYMMDD`. */
export function compactLocalDate(at: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(at).replaceAll('-', '');
}

function checkPrefix(prefix: string): string {
  if (!/^[A-Z][A-Z0-9]{0,9}$/.test(prefix)) {
    throw new AftercareError('INVALID_OPTION', `Ticket number prefix "${prefix}" must be 1–10 capital letters or digits.`);
  }
  return prefix;
}

/** Formats the number of the `sequence`-th ticket of the local day of `at`, e.g. `AC-20261122-0001`. */
export function formatTicketNumber(at: Date, sequence: number, options: TicketNumberOptions = {}): string {
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new AftercareError('INVALID_OPTION', `Ticket sequence must be a positive integer, got ${sequence}.`);
  }
  const prefix = checkPrefix(options.prefix ?? 'AC');
  const date = compactLocalDate(at, options.timeZone ?? 'UTC');
  return `${prefix}-${date}-${String(sequence).padStart(options.digits ?? 4, '0')}`;
}

/** Splits a number made by {@link formatTicketNumber} into its parts; `undefined` when it is not one. */
export function parseTicketNumber(number: string): { prefix: string; date: string; sequence: number } | undefined {
  const m = /^([A-Z][A-Z0-9]{0,9})-(\d{8})-(\d+)$/.exec(number);
  return m ? { prefix: m[1]!, date: m[2]!, sequence: Number(m[3]) } : undefined;
}

/** Hands out sequential numbers, restarting at 1 each local day. */
export interface TicketNumberer {
  next(at: Date): string;
}

/**
 * A sequential numberer for a store. `last` is the highest number the store already
 * holds, so a reloaded store continues where it stopped instead of reusing numbers.
 */
export function createTicketNumberer(options: TicketNumberOptions & { last?: string } = {}): TicketNumberer {
  const prefix = checkPrefix(options.prefix ?? 'AC');
  const parsed = options.last ? parseTicketNumber(options.last) : undefined;
  let day = parsed?.prefix === prefix ? parsed.date : '';
  let sequence = parsed?.prefix === prefix ? parsed.sequence : 0;
  return {
    next(at) {
      const today = compactLocalDate(at, options.timeZone ?? 'UTC');
      // A clock set back must not hand out a number twice: keep counting on the later day.
      if (today > day) {
        day = today;
        sequence = 0;
      }
      sequence += 1;
      return `${prefix}-${day}-${String(sequence).padStart(options.digits ?? 4, '0')}`;
    },
  };
}

// Crockford base 32 without I, L, O, U: readable over the phone.
const READABLE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const LETTERS = READABLE.slice(10);

/**
 * A number for a ticket created where no store sequence is at hand (e.g. offline in a
 * customer's browser): same shape, with 8 random readable characters (about 39 bits)
 * instead of a sequence. The first is always a letter, so it is never read as a sequence.
 */
export function provisionalTicketNumber(at: Date, options: TicketNumberOptions = {}): string {
  const prefix = checkPrefix(options.prefix ?? 'AC');
  const bytes = randomBytes(8);
  const suffix = LETTERS[bytes[0]! % LETTERS.length] + Array.from(bytes.subarray(1), (b) => READABLE[b & 31]).join('');
  return `${prefix}-${compactLocalDate(at, options.timeZone ?? 'UTC')}-${suffix}`;
}
