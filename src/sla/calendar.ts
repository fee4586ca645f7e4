import { AftercareError } from '../errors.js';
import { isCalendarDate } from '../model/text.js';
import { isValidTimeZone, offsetSegments, type OffsetSegment } from './time-zone.js';

/** Days of the week as calendar specs name them. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** @see WEEKDAYS */
export type Weekday = (typeof WEEKDAYS)[number];

/** Open hours of one day: `[['09:00', '12:00'], ['13:30', '18:00']]`; an end may be `'24:00'`. */
export type DayHours = Array<[string, string]>;

/** How a business calendar is described (plain JSON). */
export interface CalendarSpec {
  /** IANA name, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** Weekly open hours in local wall-clock time; a missing day is closed. */
  hours: Partial<Record<Weekday, DayHours>>;
  /** `YYYY-MM-DD` local dates closed all day. */
  holidays?: string[];
  /**
   * Local date → that day's hours (`[]` = closed). Wins over `hours`, `holidays` and
   * `makeUpWorkdays`: half days, extra shifts, make-up workdays with their own hours.
   */
  specialDays?: Record<string, DayHours>;
  /**
   * Make-up workdays (调休上班): weekend dates worked like an ordinary weekday, with
   * `makeUpHours`, or Monday's hours when that is absent. Wins over `holidays`.
   */
  makeUpWorkdays?: string[];
  /** Hours of a make-up workday; default `hours.mon`. */
  makeUpHours?: DayHours;
}

/** A business calendar: exact business-time arithmetic in one time zone. */
export interface BusinessCalendar {
  readonly timeZone: string;
  /** The spec it was made from (frozen copy). */
  readonly spec: Readonly<CalendarSpec>;
  /** Earliest instant `t` with exactly `minutes` business minutes in `[start, t)`; `start` when 0; goes back for negative minutes. */
  add(start: Date | number, minutes: number): Date;
  /** Business minutes in `[from, to)`; negative when `to < from`. */
  minutesBetween(from: Date | number, to: Date | number): number;
  /** Whether `at` lies in business time. */
  isOpen(at: Date | number): boolean;
  /** `at` when open, else the start of the next open interval. */
  nextOpen(at: Date | number): Date;
}

/** A calendar spec is invalid; `field` names the bad part, e.g. `hours.mon[1]`. */
export class CalendarError extends AftercareError {
  declare readonly code: 'INVALID_CALENDAR';
  readonly field: string;

  constructor(field: string, problem: string) {
    super('INVALID_CALENDAR', `Invalid calendar ${field}: ${problem}`);
    this.field = field;
  }
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
// Blocks are built for years in this range; beyond it a ticket's clock is meaningless.
const FIRST_YEAR = 1970;
const LAST_YEAR = 2200;

function minutesOf(text: unknown, field: string, isEnd: boolean): number {
  if (isEnd && text === '24:00') return 1440;
  const m = typeof text === 'string' ? TIME.exec(text) : null;
  if (!m) throw new CalendarError(field, `"${String(text)}" is not a time (HH:mm${isEnd ? " or '24:00'" : ''})`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Validates one day's intervals and returns them as sorted [startMinute, endMinute) pairs. */
function parseDay(hours: unknown, field: string): Array<[number, number]> {
  if (!Array.isArray(hours)) throw new CalendarError(field, 'must be an array of [start, end] pairs');
  const out = hours.map((pair, i): [number, number] => {
    const where = `${field}[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2) throw new CalendarError(where, 'must be a [start, end] pair');
    const start = minutesOf(pair[0], where, false);
    const end = minutesOf(pair[1], where, true);
    if (end <= start) throw new CalendarError(where, `ends (${pair[1]}) before it starts (${pair[0]})`);
    return [start, end];
  });
  for (let i = 1; i < out.length; i++) {
    if (out[i]![0] < out[i - 1]![1]) throw new CalendarError(`${field}[${i}]`, 'overlaps the interval before it (list intervals in order)');
  }
  return out;
}

function parseDates(dates: unknown, field: string): Set<string> {
  if (dates === undefined) return new Set();
  if (!Array.isArray(dates)) throw new CalendarError(field, 'must be an array of YYYY-MM-DD dates');
  dates.forEach((d, i) => {
    if (typeof d !== 'string' || !isCalendarDate(d)) throw new CalendarError(`${field}[${i}]`, `"${String(d)}" is not a YYYY-MM-DD date`);
  });
  return new Set(dates as string[]);
}

/** Open intervals of one local year as real instants, with running business totals. */
interface YearBlock {
  year: number;
  /** Real instants where the block begins and the next begins. */
  from: number;
  to: number;
  starts: Float64Array;
  ends: Float64Array;
  /** Business ms in this block before interval i. */
  before: Float64Array;
  total: number;
}

/**
 * Creates a business calendar. Business time is the set of real instants whose local
 * wall-clock time lies inside an open interval of that local date, so a daylight-saving
 * day counts the real minutes that pass. Each local year is precomputed once into
 * sorted open intervals with running totals; `add` and `minutesBetween` are binary
 * searches, never minute stepping. Throws {@link CalendarError} naming the bad field.
 */
export function createCalendar(spec: CalendarSpec): BusinessCalendar {
  if (!spec || typeof spec !== 'object') throw new CalendarError('spec', 'must be an object');
  if (!isValidTimeZone(spec.timeZone)) throw new CalendarError('timeZone', `"${String(spec.timeZone)}" is not an IANA time zone`);
  const timeZone = spec.timeZone;
  if (!spec.hours || typeof spec.hours !== 'object') throw new CalendarError('hours', 'must map weekdays to intervals');
  const weekly: Array<Array<[number, number]>> = WEEKDAYS.map(() => []);
  for (const [day, hours] of Object.entries(spec.hours)) {
    const index = WEEKDAYS.indexOf(day as Weekday);
    if (index < 0) throw new CalendarError(`hours.${day}`, `unknown weekday (use ${WEEKDAYS.join(', ')})`);
    weekly[index] = parseDay(hours, `hours.${day}`);
  }
  const holidays = parseDates(spec.holidays, 'holidays');
  const makeUp = parseDates(spec.makeUpWorkdays, 'makeUpWorkdays');
  const makeUpHours = spec.makeUpHours === undefined ? weekly[1]! : parseDay(spec.makeUpHours, 'makeUpHours');
  if (makeUp.size > 0 && makeUpHours.length === 0) throw new CalendarError('makeUpHours', 'make-up workdays need hours (makeUpHours or hours.mon)');
  const special = new Map<string, Array<[number, number]>>();
  if (spec.specialDays !== undefined) {
    if (typeof spec.specialDays !== 'object' || spec.specialDays === null) throw new CalendarError('specialDays', 'must map dates to intervals');
    for (const [date, hours] of Object.entries(spec.specialDays)) {
      if (!isCalendarDate(date)) throw new CalendarError(`specialDays.${date}`, `"${date}" is not a YYYY-MM-DD date`);
      special.set(date, parseDay(hours, `specialDays.${date}`));
    }
  }
  const weeklyOpen = weekly.some((d) => d.length > 0);
  const extraOpen = [...special.values()].some((d) => d.length > 0) || makeUp.size > 0;
  if (!weeklyOpen && !extraOpen) throw new CalendarError('hours', 'the calendar is never open');

  const hoursOf = (date: string, weekday: number) =>
    special.get(date) ?? (makeUp.has(date) ? makeUpHours : holidays.has(date) ? [] : weekly[weekday]!);

  const blocks = new Map<number, YearBlock>();
  let last: YearBlock | undefined;

  /** First real instant whose wall clock is at or after `wall`, given the zone's segments. */
  const instantOf = (wall: number, segments: OffsetSegment[]) => {
    for (const s of segments) {
      const t = wall - s.offset;
      if (t < s.to) return Math.max(t, s.from);
    }
    return wall - segments[segments.length - 1]!.offset;
  };

  function buildBlock(year: number): YearBlock {
    if (year < FIRST_YEAR || year > LAST_YEAR) throw new AftercareError('OUT_OF_RANGE', `Calendar arithmetic is supported from ${FIRST_YEAR} to ${LAST_YEAR}, not ${year}.`);
    const firstDay = Date.UTC(year, 0, 1);
    const nextYear = Date.UTC(year + 1, 0, 1);
    // Offsets lie within ±14 h, so two days of margin cover every wall time of the year.
    const segments = offsetSegments(timeZone, firstDay - 2 * DAY, nextYear + 2 * DAY);
    const from = instantOf(firstDay, segments);
    const to = instantOf(nextYear, segments);
    const pieces: Array<[number, number]> = [];
    for (let day = firstDay; day < nextYear; day += DAY) {
      const date = new Date(day);
      const hours = hoursOf(date.toISOString().slice(0, 10), date.getUTCDay());
      for (const [s, e] of hours) {
        const wallStart = day + s * MINUTE;
        const wallEnd = day + e * MINUTE;
        for (const seg of segments) {
          const a = Math.max(wallStart - seg.offset, seg.from, from);
          const b = Math.min(wallEnd - seg.offset, seg.to, to);
          if (a < b) pieces.push([a, b]);
        }
      }
    }
    pieces.sort((x, y) => x[0] - y[0]);
    const merged: Array<[number, number]> = [];
    for (const p of pieces) {
      const prev = merged[merged.length - 1];
      if (prev && p[0] <= prev[1]) prev[1] = Math.max(prev[1], p[1]);
      else merged.push([p[0], p[1]]);
    }
    const n = merged.length;
    const block: YearBlock = { year, from, to, starts: new Float64Array(n), ends: new Float64Array(n), before: new Float64Array(n), total: 0 };
    let running = 0;
    merged.forEach(([a, b], i) => {
      block.starts[i] = a;
      block.ends[i] = b;
      block.before[i] = running;
      running += b - a;
    });
    block.total = running;
    return block;
  }

  function yearBlock(year: number): YearBlock {
    let block = blocks.get(year);
    if (!block) {
      block = buildBlock(year);
      blocks.set(year, block);
    }
    return block;
  }

  function blockAt(t: number): YearBlock {
    if (last && t >= last.from && t < last.to) return last;
    let block = yearBlock(new Date(t).getUTCFullYear());
    while (t < block.from) block = yearBlock(block.year - 1);
    while (t >= block.to) block = yearBlock(block.year + 1);
    last = block;
    return block;
  }

  /** Index of the last interval starting at or before t, or -1. */
  function lastStartAtOrBefore(block: YearBlock, t: number): number {
    let lo = 0;
    let hi = block.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (block.starts[mid]! <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Business ms in the block before t. */
  function elapsedInBlock(block: YearBlock, t: number): number {
    const i = lastStartAtOrBefore(block, t);
    if (i < 0) return 0;
    return block.before[i]! + Math.min(t, block.ends[i]!) - block.starts[i]!;
  }

  /** Earliest instant in the block with `target` business ms before it (0 < target ≤ total). */
  function instantAfter(block: YearBlock, target: number): number {
    // Last interval whose `before` is below target: the target's minute falls inside it.
    let lo = 0;
    let hi = block.before.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (block.before[mid]! < target) lo = mid;
      else hi = mid - 1;
    }
    return block.starts[lo]! + (target - block.before[lo]!);
  }

  /** Latest instant in the block with `target` business ms before it (0 ≤ target < total). */
  function instantBefore(block: YearBlock, target: number): number {
    let lo = 0;
    let hi = block.before.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (block.before[mid]! <= target) lo = mid;
      else hi = mid - 1;
    }
    return block.starts[lo]! + (target - block.before[lo]!);
  }

  const toMs = (time: Date | number, what: string) => {
    const ms = typeof time === 'number' ? time : time instanceof Date ? time.getTime() : NaN;
    if (!Number.isFinite(ms)) throw new AftercareError('INVALID_TIME', `${what} is not a valid time: ${String(time)}`);
    return ms;
  };

  // Guards loops over years without business time (e.g. a calendar open only on special days).
  const MAX_EMPTY_YEARS = 50;

  const calendar: BusinessCalendar = {
    timeZone,
    spec: Object.freeze(JSON.parse(JSON.stringify(spec)) as CalendarSpec),
    add(start, minutes) {
      const t = toMs(start, 'start');
      if (!Number.isFinite(minutes)) throw new AftercareError('INVALID_DURATION', `Not a number of minutes: ${minutes}`);
      if (minutes === 0) return new Date(t);
      let block = blockAt(t);
      let remaining = Math.round(Math.abs(minutes) * MINUTE);
      let empty = 0;
      if (minutes > 0) {
        let target = elapsedInBlock(block, t) + remaining;
        while (target > block.total) {
          remaining = target - block.total;
          empty = block.total === 0 ? empty + 1 : 0;
          if (empty > MAX_EMPTY_YEARS) throw new AftercareError('NEVER_OPEN', 'The calendar has no business time ahead.');
          block = yearBlock(block.year + 1);
          target = remaining;
        }
        return new Date(instantAfter(block, target));
      }
      let target = elapsedInBlock(block, t) - remaining;
      while (target < 0) {
        empty = block.total === 0 ? empty + 1 : 0;
        if (empty > MAX_EMPTY_YEARS) throw new AftercareError('NEVER_OPEN', 'The calendar has no business time before.');
        block = yearBlock(block.year - 1);
        target += block.total;
      }
      return new Date(instantBefore(block, target));
    },
    minutesBetween(fromTime, toTime) {
      const a = toMs(fromTime, 'from');
      const b = toMs(toTime, 'to');
      if (b < a) return 0 - calendar.minutesBetween(b, a); // 0 - x: an empty range gives 0, not -0
      const first = blockAt(a);
      const lastBlock = blockAt(b);
      if (first === lastBlock) return (elapsedInBlock(first, b) - elapsedInBlock(first, a)) / MINUTE;
      let ms = first.total - elapsedInBlock(first, a);
      for (let y = first.year + 1; y < lastBlock.year; y++) ms += yearBlock(y).total;
      return (ms + elapsedInBlock(lastBlock, b)) / MINUTE;
    },
    isOpen(at) {
      const t = toMs(at, 'at');
      const block = blockAt(t);
      const i = lastStartAtOrBefore(block, t);
      return i >= 0 && t < block.ends[i]!;
    },
    nextOpen(at) {
      const t = toMs(at, 'at');
      let block = blockAt(t);
      const i = lastStartAtOrBefore(block, t);
      if (i >= 0 && t < block.ends[i]!) return new Date(t);
      if (i + 1 < block.starts.length) return new Date(block.starts[i + 1]!);
      for (let n = 0; n <= MAX_EMPTY_YEARS; n++) {
        block = yearBlock(block.year + 1);
        if (block.starts.length > 0) return new Date(block.starts[0]!);
      }
      throw new AftercareError('NEVER_OPEN', 'The calendar has no business time ahead.');
    },
  };
  return Object.freeze(calendar);
}

/** Open around the clock, every day, in UTC: the calendar of policies that name none. */
export const ALWAYS_OPEN: CalendarSpec = Object.freeze({
  timeZone: 'UTC',
  hours: Object.fromEntries(WEEKDAYS.map((d) => [d, [['00:00', '24:00']]])) as CalendarSpec['hours'],
});
