import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createCalendar, type CalendarSpec, type DayHours, type Weekday } from '../../src/index.js';

// Differential test: the calendar (precomputed year blocks, binary searches) against a
// reference that steps through real time one minute at a time and asks Intl for each
// minute's local wall clock, applying the SPEC rules literally.

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Minutes of real time the reference classifies per run (5 days). */
const SPAN = 5 * 1440;
const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata'] as const;
const WEEKDAY_KEYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// ---------------------------------------------------------------------------------------
// Reference implementation

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local wall clock of instant `t` in `zone`, written as if it were a UTC instant. */
function wallClock(zone: string, t: number): number {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formats.set(zone, f);
  }
  const parts = f.formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
}

const toMinute = (hhmm: string) => (hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));

/** Open intervals of a local date, by the SPEC's order: specialDays, make-up workdays, holidays, weekly hours. */
function hoursFor(spec: CalendarSpec, date: string, weekday: number): DayHours {
  if (spec.specialDays && Object.prototype.hasOwnProperty.call(spec.specialDays, date)) return spec.specialDays[date]!;
  if (spec.makeUpWorkdays?.includes(date)) return spec.makeUpHours ?? spec.hours.mon ?? [];
  if (spec.holidays?.includes(date)) return [];
  return spec.hours[WEEKDAY_KEYS[weekday]!] ?? [];
}

function openAtWall(spec: CalendarSpec, wall: number): boolean {
  const date = new Date(wall);
  const minuteOfDay = date.getUTCHours() * 60 + date.getUTCMinutes();
  return hoursFor(spec, date.toISOString().slice(0, 10), date.getUTCDay()).some(([s, e]) => toMinute(s) <= minuteOfDay && minuteOfDay < toMinute(e));
}

/**
 * `flags[k]` is 1 when the real minute [start + k min, start + k + 1 min) is business time.
 * Intl is slow (µs per call), so it is asked at both ends of each 15-minute stretch; when
 * the offset is the same at both ends (zone offsets never change and change back within
 * 15 minutes) the minutes between follow by addition, otherwise every minute is asked.
 */
function referenceFlags(spec: CalendarSpec, start: number, minutes: number): Uint8Array {
  const flags = new Uint8Array(minutes);
  for (let k = 0; k < minutes; ) {
    const len = Math.min(15, minutes - k);
    const t0 = start + k * MINUTE;
    const w0 = wallClock(spec.timeZone, t0);
    const steady = wallClock(spec.timeZone, t0 + (len - 1) * MINUTE) - w0 === (len - 1) * MINUTE;
    for (let j = 0; j < len; j++) {
      const wall = steady ? w0 + j * MINUTE : wallClock(spec.timeZone, t0 + j * MINUTE);
      flags[k + j] = openAtWall(spec, wall) ? 1 : 0;
    }
    k += len;
  }
  return flags;
}

/** prefix[k] = business minutes in [start, start + k min). */
function prefixOf(flags: Uint8Array): Int32Array {
  const prefix = new Int32Array(flags.length + 1);
  for (let k = 0; k < flags.length; k++) prefix[k + 1] = prefix[k]! + flags[k]!;
  return prefix;
}

/** Smallest k ≥ from with prefix[k] - prefix[from] === m (the earliest instant). */
function firstIndexWith(prefix: Int32Array, from: number, m: number): number {
  for (let k = from; k < prefix.length; k++) if (prefix[k]! - prefix[from]! === m) return k;
  throw new Error('not reachable inside the span');
}

/** Largest k ≤ to with prefix[to] - prefix[k] === m (the latest instant going back). */
function lastIndexWith(prefix: Int32Array, to: number, m: number): number {
  for (let k = to; k >= 0; k--) if (prefix[to]! - prefix[k]! === m) return k;
  throw new Error('not reachable inside the span');
}

// ---------------------------------------------------------------------------------------
// Generators

const hhmm = (halfHours: number) => (halfHours === 48 ? '24:00' : `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 ? '30' : '00'}`);

/** Up to three sorted intervals on a 30-minute grid; gaps may be 0 (touching intervals); ends may be 24:00. */
const dayHoursArb: fc.Arbitrary<DayHours> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 24 })), { maxLength: 3 }).map((pairs) => {
    const out: DayHours = [];
    let at = 0;
    for (const [gap, len] of pairs) {
      const s = at + gap;
      if (s >= 48) break;
      const e = Math.min(s + len, 48);
      out.push([hhmm(s), hhmm(e)]);
      at = e;
    }
    return out;
  }) },
  { weight: 1, arbitrary: fc.constant<DayHours>([['00:00', '24:00']]) },
);

const weeklyArb = fc.record(
  Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, fc.option(dayHoursArb, { nil: undefined })])) as Record<Weekday, fc.Arbitrary<DayHours | undefined>>,
);

/** Instants near which trouble lives: daylight-saving changes of each zone and New Year. */
const YEAR_ENDS = ['2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'];
const HOT: Record<(typeof ZONES)[number], string[]> = {
  UTC: YEAR_ENDS,
  'Asia/Shanghai': YEAR_ENDS,
  'Asia/Kolkata': YEAR_ENDS,
  'America/New_York': [...YEAR_ENDS, '2025-03-09T07:00:00Z', '2025-11-02T06:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'Europe/Berlin': [...YEAR_ENDS, '2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  'Australia/Lord_Howe': [...YEAR_ENDS, '2025-04-05T15:00:00Z', '2025-10-04T15:30:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'],
};

const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 0, 1);

function startArb(zone: (typeof ZONES)[number]): fc.Arbitrary<number> {
  const uniform = fc.integer({ min: 0, max: (TO - FROM) / MINUTE - 1 }).map((m) => FROM + m * MINUTE);
  // From four days before a hot instant to one day after, so the 5-day span covers it.
  const hot = fc
    .tuple(fc.constantFrom(...HOT[zone]), fc.integer({ min: -4 * 1440, max: 1440 }))
    .map(([iso, m]) => Date.parse(iso) + m * MINUTE);
  return fc.oneof({ weight: 1, arbitrary: uniform }, { weight: 2, arbitrary: hot });
}

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

interface Case {
  spec: CalendarSpec;
  start: number;
}

const caseArb: fc.Arbitrary<Case> = fc
  .constantFrom(...ZONES)
  .chain((zone) => fc.tuple(fc.constant(zone), startArb(zone)))
  .chain(([zone, start]) => {
    const near = fc.integer({ min: -2, max: 7 }).map((o) => isoDate(start + o * DAY));
    return fc
      .record({
        hours: weeklyArb,
        holidays: fc.option(fc.uniqueArray(near, { maxLength: 4 }), { nil: undefined }),
        makeUpWorkdays: fc.option(fc.uniqueArray(near, { maxLength: 3 }), { nil: undefined }),
        makeUpHours: fc.option(dayHoursArb, { nil: undefined }),
        specialDays: fc.option(fc.array(fc.tuple(near, dayHoursArb), { maxLength: 3 }), { nil: undefined }),
      })
      .map(({ hours, holidays, makeUpWorkdays, makeUpHours, specialDays }): Case => {
        const spec: CalendarSpec = { timeZone: zone, hours: {} };
        for (const d of WEEKDAY_KEYS) if (hours[d] !== undefined) spec.hours[d] = hours[d];
        if (holidays) spec.holidays = holidays;
        if (specialDays) spec.specialDays = Object.fromEntries(specialDays);
        if (makeUpWorkdays) spec.makeUpWorkdays = makeUpWorkdays;
        if (makeUpHours) spec.makeUpHours = makeUpHours;
        // Keep the spec valid: open at least sometimes, and make-up days need hours.
        const opens = (h: DayHours | undefined) => (h ?? []).length > 0;
        if (!WEEKDAY_KEYS.some((d) => opens(spec.hours[d])) && !Object.values(spec.specialDays ?? {}).some(opens) && !spec.makeUpWorkdays?.length) {
          spec.hours.mon = [['09:00', '17:00']];
        }
        if (spec.makeUpWorkdays?.length && !opens(spec.makeUpHours ?? spec.hours.mon)) spec.makeUpHours = [['09:00', '17:00']];
        return { spec, start };
      });
  });

const iso = (t: number | Date) => new Date(t).toISOString();

// ---------------------------------------------------------------------------------------

describe('calendar agrees with a minute-stepping reference (fast-check)', () => {
  it('reference sanity: a fixed spec classifies known minutes', () => {
    const spec: CalendarSpec = { timeZone: 'America/New_York', hours: { sun: [['01:00', '02:00']] } };
    const start = Date.parse('2026-11-01T04:00:00Z'); // 00:00 EDT on the fall-back Sunday
    const prefix = prefixOf(referenceFlags(spec, start, 240));
    assert.equal(prefix[240], 120); // 01:00–02:00 happens twice
    assert.equal(prefix[60], 0);
    assert.equal(prefix[180], 120);
  });

  it('minutesBetween, add (forward and back), isOpen and nextOpen match the reference', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 0, max: SPAN }),
        fc.integer({ min: 0, max: SPAN }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.boolean(),
        ({ spec, start }, i, j, mRaw, m2Raw, onBoundary) => {
          const cal = createCalendar(spec);
          const flags = referenceFlags(spec, start, SPAN);
          const prefix = prefixOf(flags);
          const total = prefix[SPAN]!;
          const at = (k: number) => start + k * MINUTE;
          const x = Math.min(i, j);
          const y = Math.max(i, j);

          // minutesBetween over [start, start + i) and [x, y), both ways.
          assert.equal(cal.minutesBetween(start, at(i)), prefix[i], `minutesBetween(${iso(start)}, ${iso(at(i))})`);
          assert.equal(cal.minutesBetween(at(x), at(y)), prefix[y]! - prefix[x]!, `minutesBetween(${iso(at(x))}, ${iso(at(y))})`);
          assert.equal(cal.minutesBetween(at(y), at(x)), prefix[x]! - prefix[y]!);

          // add from start: the earliest instant with m business minutes before it. With
          // onBoundary, m is the count up to a random instant, which in a closed stretch
          // makes the answer the end of an open interval (not the next opening).
          const m = onBoundary ? prefix[i]! : mRaw <= total ? mRaw : mRaw % (total + 1);
          const expected = m === 0 ? start : at(firstIndexWith(prefix, 0, m));
          const added = cal.add(start, m);
          assert.equal(iso(added), iso(expected), `add(${iso(start)}, ${m})`);
          assert.equal(cal.minutesBetween(start, added), m);

          // add from inside the span.
          const left = total - prefix[x]!;
          const m2 = onBoundary ? prefix[y]! - prefix[x]! : m2Raw <= left ? m2Raw : m2Raw % (left + 1);
          assert.equal(iso(cal.add(at(x), m2)), iso(m2 === 0 ? at(x) : at(firstIndexWith(prefix, x, m2))), `add(${iso(at(x))}, ${m2})`);

          // add going back from y: the latest instant with m3 business minutes between it and y.
          const m3 = onBoundary ? prefix[y]! - prefix[x]! : m2Raw % (prefix[y]! + 1);
          assert.equal(iso(cal.add(at(y), -m3)), iso(at(lastIndexWith(prefix, y, m3))), `add(${iso(at(y))}, -${m3})`);

          // A calendar open only on special or make-up days runs out of business time (add and
          // nextOpen then throw NEVER_OPEN after scanning 50 empty years, which is slow), so the
          // checks beyond the reference's span are for calendars with weekly hours.
          const weekly = WEEKDAY_KEYS.some((w) => (spec.hours[w] ?? []).length > 0);

          // The identity holds for any m, even beyond what the reference covers.
          if (weekly) assert.equal(cal.minutesBetween(start, cal.add(start, mRaw)), mRaw);

          // isOpen at every minute of the span, and half a minute in.
          for (let k = 0; k < SPAN; k++) {
            if (cal.isOpen(at(k)) !== (flags[k] === 1)) assert.fail(`isOpen(${iso(at(k))}) should be ${flags[k] === 1}`);
          }
          if (x < SPAN) assert.equal(cal.isOpen(at(x) + 30_000), flags[x] === 1);

          // nextOpen from x.
          let k = x;
          while (k < SPAN && flags[k] !== 1) k++;
          if (k < SPAN) assert.equal(iso(cal.nextOpen(at(x))), iso(at(k)), `nextOpen(${iso(at(x))})`);
          else if (weekly) assert.ok(cal.nextOpen(at(x)).getTime() >= at(SPAN));
        },
      ),
      { numRuns: 200 },
    );
  });
});
