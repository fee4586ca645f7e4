/**
 * UTC offsets of an IANA zone from `Intl` (the only zone database every runtime has).
 * Slow (microseconds per call), so calendars call this only while precomputing a year.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at instant `t`, in milliseconds (wall clock = t + offset). */
export function offsetAt(timeZone: string, t: number): number {
  const parts = formatFor(timeZone).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const wall = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const whole = Math.floor(t / 1000) * 1000; // Intl drops milliseconds
  return wall - whole;
}

/** A stretch of real time over which the zone's offset is constant. */
export interface OffsetSegment {
  /** Real instants [from, to). */
  from: number;
  to: number;
  offset: number;
}

const SAMPLE_MS = 6 * 3_600_000;

/**
 * The zone's offset segments covering [from, to): offsets sampled every 6 hours, each
 * change located to the second by bisection. Transitions closer together than the
 * sampling step do not occur in the tz database's modern data.
 */
export function offsetSegments(timeZone: string, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let start = from;
  let offset = offsetAt(timeZone, from);
  let prev = from;
  while (prev < to) {
    const probe = Math.min(prev + SAMPLE_MS, to);
    if (offsetAt(timeZone, probe) === offset) {
      prev = probe;
      continue;
    }
    // offset(lo) is the old offset, offset(hi) is not: bisect to the second (callers pass whole seconds).
    let lo = prev;
    let hi = probe;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (mid === lo) break;
      if (offsetAt(timeZone, mid) === offset) lo = mid;
      else hi = mid;
    }
    segments.push({ from: start, to: hi, offset });
    start = hi;
    offset = offsetAt(timeZone, hi);
    prev = hi;
  }
  segments.push({ from: start, to, offset });
  return segments;
}
