import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHINA_WORKDAY_ADJUSTMENTS,
  CalendarError,
  chinaWorkdays,
  createCalendar,
  type BusinessCalendar,
  type CalendarSpec,
  type DayHours,
} from '../../src/index.js';

// Every expected instant below was worked out by hand from the calendar's rules and is
// written with the zone's offset, so a reader can check it against a wall clock.

const ms = (iso: string) => Date.parse(iso);
const d = (iso: string) => new Date(iso);

/** Asserts that `actual` is the instant written as `expected` (ISO with offset). */
function same(actual: Date, expected: string, message?: string) {
  assert.ok(actual instanceof Date, 'a Date is returned');
  assert.equal(actual.toISOString(), new Date(expected).toISOString(), message ?? `expected ${expected}`);
}

const day: DayHours = [
  ['09:00', '12:00'],
  ['13:30', '18:00'],
];
const weekdays = { mon: day, tue: day, wed: day, thu: day, fri: day };
const allDay: DayHours = [['00:00', '24:00']];
const always = { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay };

/** Mon–Fri 09:00–12:00 and 13:30–18:00 in Shanghai: 450 business minutes a day. */
const shanghai = createCalendar({ timeZone: 'Asia/Shanghai', hours: weekdays });

describe('Shanghai office hours (09:00–12:00, 13:30–18:00, Mon–Fri)', () => {
  // 2026-11-23 is a Monday; 2026-11-27 a Friday; 2026-11-28/29 the weekend.
  it('adds from inside the morning', () => {
    same(shanghai.add(d('2026-11-23T10:00:00+08:00'), 90), '2026-11-23T11:30:00+08:00');
    same(shanghai.add(d('2026-11-23T10:00:00+08:00'), 150), '2026-11-23T14:00:00+08:00');
    same(shanghai.add(d('2026-11-23T09:00:00+08:00'), 450), '2026-11-23T18:00:00+08:00');
    same(shanghai.add(d('2026-11-23T09:00:00+08:00'), 451), '2026-11-24T09:01:00+08:00');
  });

  it('ending exactly at an interval end returns that end, not the next start', () => {
    same(shanghai.add(d('2026-11-23T10:00:00+08:00'), 120), '2026-11-23T12:00:00+08:00');
    same(shanghai.add(d('2026-11-23T13:30:00+08:00'), 270), '2026-11-23T18:00:00+08:00');
    same(shanghai.add(d('2026-11-23T11:59:00+08:00'), 1), '2026-11-23T12:00:00+08:00');
    same(shanghai.add(d('2026-11-23T11:59:00+08:00'), 2), '2026-11-23T13:31:00+08:00');
    same(shanghai.add(d('2026-11-27T17:00:00+08:00'), 60), '2026-11-27T18:00:00+08:00');
  });

  it('adds from inside lunch, before opening and after closing', () => {
    same(shanghai.add(d('2026-11-23T12:30:00+08:00'), 30), '2026-11-23T14:00:00+08:00');
    same(shanghai.add(d('2026-11-23T12:00:00+08:00'), 1), '2026-11-23T13:31:00+08:00');
    same(shanghai.add(d('2026-11-23T07:00:00+08:00'), 60), '2026-11-23T10:00:00+08:00');
    same(shanghai.add(d('2026-11-23T00:00:00+08:00'), 200), '2026-11-23T13:50:00+08:00');
    same(shanghai.add(d('2026-11-23T19:00:00+08:00'), 60), '2026-11-24T10:00:00+08:00');
    same(shanghai.add(d('2026-11-23T18:00:00+08:00'), 180), '2026-11-24T12:00:00+08:00');
  });

  it('adds over a weekend', () => {
    same(shanghai.add(d('2026-11-27T17:00:00+08:00'), 120), '2026-11-30T10:00:00+08:00');
    // 2 h Friday, 3 h Monday morning, 3 h Monday afternoon.
    same(shanghai.add(d('2026-11-27T16:00:00+08:00'), 480), '2026-11-30T16:30:00+08:00');
    same(shanghai.add(d('2026-11-28T10:00:00+08:00'), 1), '2026-11-30T09:01:00+08:00');
    // A whole business week (5 × 450) from Monday 09:00 ends Friday 18:00.
    same(shanghai.add(d('2026-11-23T09:00:00+08:00'), 2250), '2026-11-27T18:00:00+08:00');
  });

  it('accepts epoch milliseconds and returns a new Date; add(s, 0) is s, even when closed', () => {
    same(shanghai.add(ms('2026-11-23T10:00:00+08:00'), 30), '2026-11-23T10:30:00+08:00');
    for (const at of ['2026-11-23T10:00:00+08:00', '2026-11-23T12:30:00+08:00', '2026-11-28T03:17:00+08:00']) {
      const start = d(at);
      const result = shanghai.add(start, 0);
      assert.equal(result.getTime(), start.getTime());
      assert.notEqual(result, start, 'a fresh Date, not the input');
    }
  });

  it('goes back for negative minutes (the latest instant with that many minutes before start)', () => {
    same(shanghai.add(d('2026-11-23T11:00:00+08:00'), -60), '2026-11-23T10:00:00+08:00');
    same(shanghai.add(d('2026-11-24T14:00:00+08:00'), -60), '2026-11-24T11:30:00+08:00');
    same(shanghai.add(d('2026-11-24T14:00:00+08:00'), -30), '2026-11-24T13:30:00+08:00');
    same(shanghai.add(d('2026-11-30T10:00:00+08:00'), -120), '2026-11-27T17:00:00+08:00');
    same(shanghai.add(d('2026-11-30T10:00:00+08:00'), -60), '2026-11-30T09:00:00+08:00');
    same(shanghai.add(d('2026-11-30T10:00:00+08:00'), -61), '2026-11-27T17:59:00+08:00');
  });

  it('counts minutes between instants across lunch, nights and weekends; negative when reversed', () => {
    const mb = (a: string, b: string) => shanghai.minutesBetween(d(a), d(b));
    assert.equal(mb('2026-11-23T10:00:00+08:00', '2026-11-23T11:00:00+08:00'), 60);
    assert.equal(mb('2026-11-23T10:00:00+08:00', '2026-11-23T14:00:00+08:00'), 150);
    assert.equal(mb('2026-11-23T12:10:00+08:00', '2026-11-23T13:20:00+08:00'), 0);
    assert.equal(mb('2026-11-23T10:00:00+08:00', '2026-11-24T10:00:00+08:00'), 450);
    assert.equal(mb('2026-11-23T00:00:00+08:00', '2026-11-30T00:00:00+08:00'), 2250);
    assert.equal(mb('2026-11-27T17:00:00+08:00', '2026-11-30T10:00:00+08:00'), 120);
    assert.equal(mb('2026-11-23T14:00:00+08:00', '2026-11-23T10:00:00+08:00'), -150);
    assert.equal(mb('2026-11-30T10:00:00+08:00', '2026-11-27T17:00:00+08:00'), -120);
    assert.equal(mb('2026-11-23T10:00:00+08:00', '2026-11-23T10:00:00+08:00'), 0);
    // A reversed range without business time is 0, not -0 (strict equality tells them apart).
    assert.equal(mb('2026-11-23T13:20:00+08:00', '2026-11-23T12:10:00+08:00'), 0);
    assert.equal(mb('2026-11-29T10:00:00+08:00', '2026-11-28T10:00:00+08:00'), 0);
    assert.equal(shanghai.minutesBetween(ms('2026-11-23T09:00:00+08:00'), ms('2026-11-23T09:00:30+08:00')), 0.5);
  });

  it('isOpen: closed at 12:00 and 18:00, open at 11:59, 13:30 and 09:00', () => {
    const open = (iso: string) => shanghai.isOpen(d(iso));
    assert.equal(open('2026-11-23T08:59:00+08:00'), false);
    assert.equal(open('2026-11-23T09:00:00+08:00'), true);
    assert.equal(open('2026-11-23T11:59:00+08:00'), true);
    assert.equal(open('2026-11-23T11:59:59.999+08:00'), true);
    assert.equal(open('2026-11-23T12:00:00+08:00'), false);
    assert.equal(open('2026-11-23T13:29:00+08:00'), false);
    assert.equal(open('2026-11-23T13:30:00+08:00'), true);
    assert.equal(open('2026-11-23T17:59:00+08:00'), true);
    assert.equal(open('2026-11-23T18:00:00+08:00'), false);
    assert.equal(open('2026-11-28T10:00:00+08:00'), false);
    assert.equal(shanghai.isOpen(ms('2026-11-24T10:00:00+08:00')), true);
  });

  it('nextOpen is the instant itself when open, else the next opening', () => {
    same(shanghai.nextOpen(d('2026-11-23T10:00:00+08:00')), '2026-11-23T10:00:00+08:00');
    same(shanghai.nextOpen(d('2026-11-23T12:00:00+08:00')), '2026-11-23T13:30:00+08:00');
    same(shanghai.nextOpen(d('2026-11-23T12:30:00+08:00')), '2026-11-23T13:30:00+08:00');
    same(shanghai.nextOpen(d('2026-11-23T06:00:00+08:00')), '2026-11-23T09:00:00+08:00');
    same(shanghai.nextOpen(d('2026-11-27T18:00:00+08:00')), '2026-11-30T09:00:00+08:00');
    same(shanghai.nextOpen(d('2026-11-29T23:59:00+08:00')), '2026-11-30T09:00:00+08:00');
    // Across the year end: 2027-01-01 is a Friday and an ordinary weekday here.
    same(shanghai.nextOpen(d('2026-12-31T18:30:00+08:00')), '2027-01-01T09:00:00+08:00');
  });

  it('refuses invalid times and durations', () => {
    const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;
    assert.throws(() => shanghai.add(new Date('not a date'), 10), code('INVALID_TIME'));
    assert.throws(() => shanghai.add(d('2026-11-23T10:00:00+08:00'), Number.NaN), code('INVALID_DURATION'));
    assert.throws(() => shanghai.minutesBetween(Number.NaN, 0), code('INVALID_TIME'));
    assert.throws(() => shanghai.isOpen(new Date(Number.NaN)), code('INVALID_TIME'));
  });

  it('exposes its zone and a frozen copy of its spec', () => {
    assert.equal(shanghai.timeZone, 'Asia/Shanghai');
    assert.deepEqual(shanghai.spec.hours.mon, day);
    assert.ok(Object.isFrozen(shanghai.spec));
  });
});

describe('mainland China holidays and make-up workdays (chinaWorkdays)', () => {
  const cn2026 = createCalendar({ timeZone: 'Asia/Shanghai', hours: weekdays, ...chinaWorkdays(2026) });
  const open = (cal: BusinessCalendar, iso: string) => cal.isOpen(d(iso));

  it('returns the published lists', () => {
    const y2026 = chinaWorkdays(2026);
    assert.deepEqual(y2026.makeUpWorkdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const date of ['2026-10-01', '2026-10-07', '2026-09-25', '2026-09-27', '2026-02-15', '2026-02-23', '2026-01-01', '2026-06-19']) {
      assert.ok(y2026.holidays.includes(date), date);
    }
    for (const date of ['2026-10-08', '2026-09-24', '2026-09-28', '2026-02-14', '2026-02-24']) {
      assert.ok(!y2026.holidays.includes(date), date);
    }
    const both = chinaWorkdays([2025, 2026]);
    assert.ok(both.holidays.includes('2025-10-08') && both.holidays.includes('2026-10-07'));
    assert.ok(both.makeUpWorkdays.includes('2025-01-26') && both.makeUpWorkdays.includes('2026-10-10'));
  });

  it('2026 National Day: 10-01..10-07 closed, Sun 09-20 and Sat 10-10 worked with Monday hours', () => {
    for (let day = 1; day <= 7; day++) assert.equal(open(cn2026, `2026-10-0${day}T10:00:00+08:00`), false, `10-0${day}`);
    assert.equal(open(cn2026, '2026-10-08T09:00:00+08:00'), true);
    assert.equal(open(cn2026, '2026-09-20T10:00:00+08:00'), true);
    assert.equal(open(cn2026, '2026-09-20T12:30:00+08:00'), false);
    assert.equal(open(cn2026, '2026-09-20T13:30:00+08:00'), true);
    assert.equal(open(cn2026, '2026-09-20T18:00:00+08:00'), false);
    assert.equal(open(cn2026, '2026-10-10T17:59:00+08:00'), true);
    assert.equal(open(cn2026, '2026-10-11T10:00:00+08:00'), false); // an ordinary Sunday
    assert.equal(open(cn2026, '2026-09-13T10:00:00+08:00'), false); // an ordinary Sunday
  });

  it('8 business hours from Wed 2026-09-30 17:00 land on Thu 2026-10-08 17:30', () => {
    same(cn2026.add(d('2026-09-30T17:00:00+08:00'), 480), '2026-10-08T17:30:00+08:00');
    same(cn2026.add(d('2026-09-30T17:00:00+08:00'), 60), '2026-09-30T18:00:00+08:00');
    same(cn2026.add(d('2026-09-30T17:00:00+08:00'), 61), '2026-10-08T09:01:00+08:00');
    same(cn2026.nextOpen(d('2026-10-01T09:00:00+08:00')), '2026-10-08T09:00:00+08:00');
    same(cn2026.add(d('2026-10-08T09:30:00+08:00'), -60), '2026-09-30T17:30:00+08:00');
    // Wed 09-30, Thu 10-08, Fri 10-09 and the make-up Saturday 10-10.
    assert.equal(cn2026.minutesBetween(d('2026-09-30T00:00:00+08:00'), d('2026-10-11T00:00:00+08:00')), 4 * 450);
    // Friday 10-09 17:00 + 2 h: one hour Friday, one on the make-up Saturday.
    same(cn2026.add(d('2026-10-09T17:00:00+08:00'), 120), '2026-10-10T10:00:00+08:00');
  });

  it('2026 Mid-Autumn (中秋) 09-25..09-27 closed; the make-up Sunday 09-20 opens that week', () => {
    assert.equal(open(cn2026, '2026-09-25T10:00:00+08:00'), false);
    // Sun 09-20 (make-up) + Mon..Thu 09-21..24; Fri 09-25 is the holiday.
    assert.equal(cn2026.minutesBetween(d('2026-09-19T00:00:00+08:00'), d('2026-09-28T00:00:00+08:00')), 5 * 450);
    same(cn2026.add(d('2026-09-24T17:00:00+08:00'), 120), '2026-09-28T10:00:00+08:00');
  });

  it('2026 Spring Festival: 02-15..02-23 closed, Sat 02-14 and Sat 02-28 worked', () => {
    assert.equal(open(cn2026, '2026-02-14T10:00:00+08:00'), true);
    assert.equal(open(cn2026, '2026-02-16T10:00:00+08:00'), false); // a Monday in the holiday
    assert.equal(open(cn2026, '2026-02-23T10:00:00+08:00'), false); // the last day off, a Monday
    assert.equal(open(cn2026, '2026-02-24T10:00:00+08:00'), true);
    assert.equal(open(cn2026, '2026-02-28T10:00:00+08:00'), true);
    assert.equal(open(cn2026, '2026-02-21T10:00:00+08:00'), false);
    same(cn2026.add(d('2026-02-13T17:00:00+08:00'), 120), '2026-02-14T10:00:00+08:00');
    same(cn2026.add(d('2026-02-14T17:00:00+08:00'), 120), '2026-02-24T10:00:00+08:00');
    // Fri 02-13, Sat 02-14, then Tue 02-24 .. Fri 02-27, Sat 02-28.
    assert.equal(cn2026.minutesBetween(d('2026-02-13T00:00:00+08:00'), d('2026-03-01T00:00:00+08:00')), 7 * 450);
  });

  it('2025: Sun 01-26 worked before the Spring Festival; National Day 10-01..10-08', () => {
    const cn2025 = createCalendar({ timeZone: 'Asia/Shanghai', hours: weekdays, ...chinaWorkdays(2025) });
    assert.equal(open(cn2025, '2025-01-26T10:00:00+08:00'), true);
    assert.equal(open(cn2025, '2025-01-27T10:00:00+08:00'), true);
    assert.equal(open(cn2025, '2025-01-28T10:00:00+08:00'), false);
    assert.equal(open(cn2025, '2025-02-04T10:00:00+08:00'), false);
    assert.equal(open(cn2025, '2025-02-05T10:00:00+08:00'), true);
    assert.equal(open(cn2025, '2025-02-08T10:00:00+08:00'), true);
    assert.equal(open(cn2025, '2025-10-08T10:00:00+08:00'), false);
    assert.equal(open(cn2025, '2025-09-28T10:00:00+08:00'), true);
    assert.equal(open(cn2025, '2025-10-11T10:00:00+08:00'), true);
    same(cn2025.add(d('2025-09-30T17:00:00+08:00'), 120), '2025-10-09T10:00:00+08:00');
    same(cn2025.add(d('2025-01-24T17:00:00+08:00'), 120), '2025-01-26T10:00:00+08:00');
  });

  it('two years together carry a clock over New Year 2026 to the make-up Sunday 01-04', () => {
    const cn = createCalendar({ timeZone: 'Asia/Shanghai', hours: weekdays, ...chinaWorkdays([2025, 2026]) });
    same(cn.add(d('2025-12-31T17:00:00+08:00'), 120), '2026-01-04T10:00:00+08:00');
    assert.equal(cn.minutesBetween(d('2025-12-31T17:00:00+08:00'), d('2026-01-05T09:00:00+08:00')), 60 + 450);
  });

  it('throws CalendarError for a year without data; a supplied year works', () => {
    assert.throws(
      () => chinaWorkdays(2030),
      (e: unknown) => e instanceof CalendarError && e.field === 'holidays' && /2030/.test(e.message),
    );
    assert.throws(() => chinaWorkdays([2026, 2030]), CalendarError);
    const data = { ...CHINA_WORKDAY_ADJUSTMENTS, 2027: { holidays: ['2027-10-01'], makeUpWorkdays: ['2027-09-26'] } };
    const y2027 = chinaWorkdays(2027, data);
    assert.deepEqual(y2027, { holidays: ['2027-10-01'], makeUpWorkdays: ['2027-09-26'] });
    const cn2027 = createCalendar({ timeZone: 'Asia/Shanghai', hours: weekdays, ...y2027 });
    assert.equal(open(cn2027, '2027-10-01T10:00:00+08:00'), false); // a Friday
    assert.equal(open(cn2027, '2027-09-26T10:00:00+08:00'), true); // a Sunday
    assert.equal(open(cn2027, '2027-09-30T10:00:00+08:00'), true);
    // Built-in years still resolve when the data is extended.
    assert.deepEqual(chinaWorkdays(2026, data), chinaWorkdays(2026));
  });
});

describe('specialDays and makeUpHours', () => {
  it('a half day on 2026-12-31', () => {
    const cal = createCalendar({ timeZone: 'Asia/Shanghai', hours: weekdays, specialDays: { '2026-12-31': [['09:00', '12:00']] } });
    assert.equal(cal.isOpen(d('2026-12-31T11:00:00+08:00')), true);
    assert.equal(cal.isOpen(d('2026-12-31T14:00:00+08:00')), false);
    assert.equal(cal.isOpen(d('2026-12-30T14:00:00+08:00')), true);
    same(cal.add(d('2026-12-31T11:00:00+08:00'), 120), '2027-01-01T10:00:00+08:00');
    assert.equal(cal.minutesBetween(d('2026-12-31T00:00:00+08:00'), d('2027-01-01T00:00:00+08:00')), 180);
  });

  it('[] closes a weekday', () => {
    const cal = createCalendar({ timeZone: 'Asia/Shanghai', hours: weekdays, specialDays: { '2026-11-24': [] } });
    assert.equal(cal.isOpen(d('2026-11-24T10:00:00+08:00')), false);
    assert.equal(cal.minutesBetween(d('2026-11-23T00:00:00+08:00'), d('2026-11-25T00:00:00+08:00')), 450);
    same(cal.add(d('2026-11-23T17:00:00+08:00'), 120), '2026-11-25T10:00:00+08:00');
  });

  it('beats make-up workdays and holidays; opens a weekend day', () => {
    const cal = createCalendar({
      timeZone: 'Asia/Shanghai',
      hours: weekdays,
      ...chinaWorkdays(2026),
      specialDays: { '2026-10-10': [], '2026-10-02': [['10:00', '12:00']], '2026-11-29': [['20:00', '24:00']] },
    });
    assert.equal(cal.isOpen(d('2026-10-10T10:00:00+08:00')), false);
    assert.equal(cal.isOpen(d('2026-10-02T09:30:00+08:00')), false);
    assert.equal(cal.isOpen(d('2026-10-02T10:30:00+08:00')), true);
    assert.equal(cal.isOpen(d('2026-11-29T23:59:00+08:00')), true);
    same(cal.add(d('2026-11-29T23:00:00+08:00'), 61), '2026-11-30T09:01:00+08:00');
    // 2026-10-02 (2 h) then nothing until Thu 10-08.
    assert.equal(cal.minutesBetween(d('2026-10-01T00:00:00+08:00'), d('2026-10-11T00:00:00+08:00')), 120 + 2 * 450);
  });

  it('make-up workdays use Monday hours by default and makeUpHours when given', () => {
    const mondayHours: DayHours = [['08:00', '12:00']];
    const byMonday = createCalendar({ timeZone: 'Asia/Shanghai', hours: { ...weekdays, mon: mondayHours }, makeUpWorkdays: ['2026-09-20'] });
    assert.equal(byMonday.isOpen(d('2026-09-20T08:00:00+08:00')), true);
    assert.equal(byMonday.isOpen(d('2026-09-20T14:00:00+08:00')), false);
    assert.equal(byMonday.minutesBetween(d('2026-09-20T00:00:00+08:00'), d('2026-09-21T00:00:00+08:00')), 240);

    const own = createCalendar({
      timeZone: 'Asia/Shanghai',
      hours: weekdays,
      ...chinaWorkdays(2026),
      makeUpHours: [['10:00', '16:00']],
    });
    assert.equal(own.isOpen(d('2026-09-20T09:30:00+08:00')), false);
    assert.equal(own.isOpen(d('2026-09-20T10:00:00+08:00')), true);
    assert.equal(own.isOpen(d('2026-09-20T15:59:00+08:00')), true);
    assert.equal(own.isOpen(d('2026-09-20T16:00:00+08:00')), false);
    assert.equal(own.minutesBetween(d('2026-09-20T00:00:00+08:00'), d('2026-09-21T00:00:00+08:00')), 360);
    // Ordinary weekdays keep their hours.
    assert.equal(own.isOpen(d('2026-09-21T09:30:00+08:00')), true);
  });

  it('a make-up workday wins over a holiday on the same date', () => {
    const cal = createCalendar({ timeZone: 'Asia/Shanghai', hours: weekdays, holidays: ['2026-11-28'], makeUpWorkdays: ['2026-11-28'] });
    assert.equal(cal.isOpen(d('2026-11-28T10:00:00+08:00')), true);
  });
});

describe('daylight saving time: the calendar counts the minutes that really pass', () => {
  const ny24 = createCalendar({ timeZone: 'America/New_York', hours: always });
  const ny9to5 = createCalendar({
    timeZone: 'America/New_York',
    hours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
  });

  it('New York spring-forward Sunday 2026-03-08 has 23 hours', () => {
    assert.equal(ny24.minutesBetween(d('2026-03-08T00:00:00-05:00'), d('2026-03-09T00:00:00-04:00')), 23 * 60);
    same(ny24.add(d('2026-03-08T01:30:00-05:00'), 60), '2026-03-08T03:30:00-04:00');
    same(ny24.add(d('2026-03-08T01:59:00-05:00'), 1), '2026-03-08T03:00:00-04:00');
    same(ny24.add(d('2026-03-08T00:00:00-05:00'), 23 * 60), '2026-03-09T00:00:00-04:00');
    const night = createCalendar({ timeZone: 'America/New_York', hours: { sun: [['01:00', '04:00']] } });
    assert.equal(night.minutesBetween(d('2026-03-08T00:00:00-05:00'), d('2026-03-09T00:00:00-04:00')), 120);
    assert.equal(night.minutesBetween(d('2026-03-01T00:00:00-05:00'), d('2026-03-02T00:00:00-05:00')), 180);
    same(night.add(d('2026-03-08T00:00:00-05:00'), 61), '2026-03-08T03:01:00-04:00');
    same(night.add(d('2026-03-08T00:00:00-05:00'), 120), '2026-03-08T04:00:00-04:00');
  });

  it('New York fall-back Sunday 2026-11-01 has 25 hours; 01:00–01:30 happens twice', () => {
    assert.equal(ny24.minutesBetween(d('2026-11-01T00:00:00-04:00'), d('2026-11-02T00:00:00-05:00')), 25 * 60);
    same(ny24.add(d('2026-11-01T01:30:00-04:00'), 60), '2026-11-01T01:30:00-05:00');
    // 00:30–01:30: 00:30–01:00 happens once and 01:00–01:30 twice, so 30 + 2 × 30 = 90 real minutes.
    const night = createCalendar({ timeZone: 'America/New_York', hours: { sun: [['00:30', '01:30']] } });
    assert.equal(night.minutesBetween(d('2026-11-01T00:00:00-04:00'), d('2026-11-02T00:00:00-05:00')), 90);
    assert.equal(night.minutesBetween(d('2026-10-25T00:00:00-04:00'), d('2026-10-26T00:00:00-04:00')), 60);
    same(night.add(d('2026-11-01T00:30:00-04:00'), 60), '2026-11-01T01:30:00-04:00');
    same(night.add(d('2026-11-01T00:30:00-04:00'), 61), '2026-11-01T01:01:00-05:00');
    same(night.add(d('2026-11-01T00:30:00-04:00'), 90), '2026-11-01T01:30:00-05:00');
    // 01:00–02:00 happens twice: 120 real minutes.
    const repeated = createCalendar({ timeZone: 'America/New_York', hours: { sun: [['01:00', '02:00']] } });
    assert.equal(repeated.minutesBetween(d('2026-11-01T00:00:00-04:00'), d('2026-11-02T00:00:00-05:00')), 120);
    same(repeated.add(d('2026-11-01T00:00:00-04:00'), 120), '2026-11-01T02:00:00-05:00');
    assert.equal(night.isOpen(d('2026-11-01T01:45:00-04:00')), false);
    assert.equal(night.isOpen(d('2026-11-01T01:15:00-05:00')), true);
    same(night.nextOpen(d('2026-11-01T01:45:00-04:00')), '2026-11-01T01:00:00-05:00');
  });

  it('a 09:00–17:00 New York calendar keeps 8 local hours across both changes', () => {
    same(ny9to5.add(d('2026-03-06T16:00:00-05:00'), 120), '2026-03-09T10:00:00-04:00');
    assert.equal(ny9to5.minutesBetween(d('2026-03-06T09:00:00-05:00'), d('2026-03-09T17:00:00-04:00')), 960);
    same(ny9to5.add(d('2026-10-30T16:00:00-04:00'), 120), '2026-11-02T10:00:00-05:00');
    assert.equal(ny9to5.minutesBetween(d('2026-10-30T09:00:00-04:00'), d('2026-11-02T17:00:00-05:00')), 960);
    assert.equal(ny9to5.isOpen(d('2026-03-09T09:00:00-04:00')), true);
    assert.equal(ny9to5.isOpen(d('2026-03-09T08:30:00-04:00')), false);
  });

  it('Europe/Berlin: 2026-03-29 has 23 hours, 2026-10-25 has 25', () => {
    const berlin = createCalendar({ timeZone: 'Europe/Berlin', hours: always });
    assert.equal(berlin.minutesBetween(d('2026-03-29T00:00:00+01:00'), d('2026-03-30T00:00:00+02:00')), 23 * 60);
    assert.equal(berlin.minutesBetween(d('2026-10-25T00:00:00+02:00'), d('2026-10-26T00:00:00+01:00')), 25 * 60);
    same(berlin.add(d('2026-03-29T01:30:00+01:00'), 60), '2026-03-29T03:30:00+02:00');
    const spring = createCalendar({ timeZone: 'Europe/Berlin', hours: { sun: [['01:00', '04:00']] } });
    assert.equal(spring.minutesBetween(d('2026-03-29T00:00:00+01:00'), d('2026-03-30T00:00:00+02:00')), 120);
    const autumn = createCalendar({ timeZone: 'Europe/Berlin', hours: { sun: [['02:00', '03:00']] } });
    assert.equal(autumn.minutesBetween(d('2026-10-25T00:00:00+02:00'), d('2026-10-26T00:00:00+01:00')), 120);
    same(autumn.add(d('2026-10-25T02:00:00+02:00'), 90), '2026-10-25T02:30:00+01:00');
  });

  it('Australia/Lord_Howe shifts by 30 minutes: 2026-04-05 has 24.5 h, 2026-10-04 has 23.5 h', () => {
    // Checked with Intl: 2026-04-05 02:00 (+11:00) becomes 01:30 (+10:30); 2026-10-04 02:00 (+10:30) becomes 02:30 (+11:00).
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: 'Australia/Lord_Howe', timeZoneName: 'longOffset' });
    const offset = (iso: string) => fmt.formatToParts(d(iso)).find((p) => p.type === 'timeZoneName')!.value;
    assert.equal(offset('2026-04-04T14:59:00Z'), 'GMT+11:00');
    assert.equal(offset('2026-04-04T15:00:00Z'), 'GMT+10:30');
    assert.equal(offset('2026-10-03T15:29:00Z'), 'GMT+10:30');
    assert.equal(offset('2026-10-03T15:30:00Z'), 'GMT+11:00');

    const lh = createCalendar({ timeZone: 'Australia/Lord_Howe', hours: always });
    assert.equal(lh.minutesBetween(d('2026-04-05T00:00:00+11:00'), d('2026-04-06T00:00:00+10:30')), 24.5 * 60);
    assert.equal(lh.minutesBetween(d('2026-10-04T00:00:00+10:30'), d('2026-10-05T00:00:00+11:00')), 23.5 * 60);
    same(lh.add(d('2026-10-04T01:45:00+10:30'), 30), '2026-10-04T02:45:00+11:00');
    const night = createCalendar({ timeZone: 'Australia/Lord_Howe', hours: { sun: [['01:00', '03:00']] } });
    // 01:00–02:00 at +11:00, then 01:30–03:00 at +10:30.
    assert.equal(night.minutesBetween(d('2026-04-05T00:00:00+11:00'), d('2026-04-06T00:00:00+10:30')), 150);
    // 01:00–02:00 at +10:30, then 02:30–03:00 at +11:00.
    assert.equal(night.minutesBetween(d('2026-10-04T00:00:00+10:30'), d('2026-10-05T00:00:00+11:00')), 90);
    same(night.add(d('2026-04-05T01:00:00+11:00'), 61), '2026-04-05T01:31:00+10:30');
  });
});

describe('24/7 calendars lose no minute at midnight or at the year end', () => {
  const utc = createCalendar({ timeZone: 'UTC', hours: always });
  const sh24 = createCalendar({ timeZone: 'Asia/Shanghai', hours: always });

  it('midnight and New Year', () => {
    same(utc.add(d('2026-11-23T23:59:00Z'), 1), '2026-11-24T00:00:00Z');
    same(utc.add(d('2026-11-23T23:59:00Z'), 2), '2026-11-24T00:01:00Z');
    same(utc.add(d('2026-12-31T23:59:00Z'), 1), '2027-01-01T00:00:00Z');
    same(utc.add(d('2026-12-31T23:59:00Z'), 2), '2027-01-01T00:01:00Z');
    same(utc.add(d('2027-01-01T00:01:00Z'), -2), '2026-12-31T23:59:00Z');
    same(sh24.add(d('2026-12-31T23:59:00+08:00'), 2), '2027-01-01T00:01:00+08:00');
    same(sh24.add(d('2027-01-01T00:01:00+08:00'), -2), '2026-12-31T23:59:00+08:00');
    assert.equal(sh24.minutesBetween(d('2026-12-31T23:30:00+08:00'), d('2027-01-01T00:30:00+08:00')), 60);
    assert.equal(utc.isOpen(d('2027-01-01T00:00:00Z')), true);
  });

  it('whole years', () => {
    assert.equal(utc.minutesBetween(d('2026-01-01T00:00:00Z'), d('2027-01-01T00:00:00Z')), 525_600);
    assert.equal(utc.minutesBetween(d('2027-01-01T00:00:00Z'), d('2026-01-01T00:00:00Z')), -525_600);
    assert.equal(utc.minutesBetween(d('2028-01-01T00:00:00Z'), d('2029-01-01T00:00:00Z')), 527_040); // leap year
    assert.equal(sh24.minutesBetween(d('2026-01-01T00:00:00+08:00'), d('2027-01-01T00:00:00+08:00')), 525_600);
    const ny24 = createCalendar({ timeZone: 'America/New_York', hours: always });
    assert.equal(ny24.minutesBetween(d('2026-01-01T00:00:00-05:00'), d('2027-01-01T00:00:00-05:00')), 525_600);
    assert.equal(utc.minutesBetween(d('2025-06-01T12:00:00Z'), d('2027-06-01T12:00:00Z')), 2 * 525_600);
    same(utc.add(d('2025-06-01T12:00:00Z'), 2 * 525_600), '2027-06-01T12:00:00Z');
    same(utc.add(d('2027-06-01T12:00:00Z'), -2 * 525_600), '2025-06-01T12:00:00Z');
    assert.equal(shanghai.minutesBetween(d('2026-01-01T00:00:00+08:00'), d('2027-01-01T00:00:00+08:00')), 261 * 450);
  });
});

describe('invalid specs throw CalendarError naming the field', () => {
  const bad = (spec: unknown, field: string) =>
    assert.throws(
      () => createCalendar(spec as CalendarSpec),
      (e: unknown) => {
        assert.ok(e instanceof CalendarError, `CalendarError, got ${String(e)}`);
        assert.equal(e.code, 'INVALID_CALENDAR');
        assert.equal(e.field, field);
        return true;
      },
    );

  it('names the bad field', () => {
    bad({ timeZone: 'Mars/Olympus_Mons', hours: weekdays }, 'timeZone');
    bad({ timeZone: '', hours: weekdays }, 'timeZone');
    bad({ hours: weekdays }, 'timeZone');
    bad({ timeZone: 'UTC', hours: { mon: [['25:00', '26:00']] } }, 'hours.mon[0]');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '25:00']] } }, 'hours.mon[0]');
    bad({ timeZone: 'UTC', hours: { mon: [['9:00', '12:00']] } }, 'hours.mon[0]');
    bad({ timeZone: 'UTC', hours: { mon: [['24:00', '24:00']] } }, 'hours.mon[0]');
    bad({ timeZone: 'UTC', hours: { mon: [['12:00', '09:00']] } }, 'hours.mon[0]');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '09:00']] } }, 'hours.mon[0]');
    bad({ timeZone: 'UTC', hours: { tue: [['09:00', '12:00'], ['11:00', '13:00']] } }, 'hours.tue[1]');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '12:00'], ['11:00', '13:00']] } }, 'hours.mon[1]');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '12:00']] }, holidays: ['2026-02-30'] }, 'holidays[0]');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '12:00']] }, holidays: ['2026-01-01', '2026/01/02'] }, 'holidays[1]');
    bad({ timeZone: 'UTC', hours: { xyz: [['09:00', '12:00']] } }, 'hours.xyz');
    bad({ timeZone: 'UTC', hours: { Monday: [['09:00', '12:00']] } }, 'hours.Monday');
    bad({ timeZone: 'UTC', hours: {} }, 'hours');
    bad({ timeZone: 'UTC', hours: { mon: [], sun: [] } }, 'hours');
    bad({ timeZone: 'UTC' }, 'hours');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '12:00']] }, specialDays: { '2026-02-30': [] } }, 'specialDays.2026-02-30');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '12:00']] }, specialDays: { '31/12/2026': [] } }, 'specialDays.31/12/2026');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '12:00']] }, specialDays: { '2026-12-31': [['13:00', '12:00']] } }, 'specialDays.2026-12-31[0]');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '12:00']] }, makeUpWorkdays: ['2026-13-01'] }, 'makeUpWorkdays[0]');
    bad({ timeZone: 'UTC', hours: { tue: [['09:00', '12:00']] }, makeUpWorkdays: ['2026-09-20'] }, 'makeUpHours');
    bad({ timeZone: 'UTC', hours: { mon: [['09:00', '12:00']] }, makeUpHours: [['08:00']] }, 'makeUpHours[0]');
  });

  it('accepts what is valid: 24:00 ends, touching intervals, a calendar open only on special days', () => {
    const cal = createCalendar({ timeZone: 'UTC', hours: { mon: [['00:00', '12:00'], ['12:00', '24:00']] } });
    assert.equal(cal.minutesBetween(d('2026-11-23T00:00:00Z'), d('2026-11-24T00:00:00Z')), 1440);
    same(cal.add(d('2026-11-23T11:59:00Z'), 2), '2026-11-23T12:01:00Z');
    const special = createCalendar({ timeZone: 'UTC', hours: {}, specialDays: { '2026-12-24': [['10:00', '11:00']] } });
    same(special.add(d('2026-01-01T00:00:00Z'), 30), '2026-12-24T10:30:00Z');
    same(special.nextOpen(d('2026-01-01T00:00:00Z')), '2026-12-24T10:00:00Z');
    assert.equal(special.isOpen(d('2026-12-24T10:59:00Z')), true);
    // After its last open day such a calendar has no business time ahead.
    const never = (e: unknown) => (e as { code?: string }).code === 'NEVER_OPEN';
    assert.throws(() => special.nextOpen(d('2026-12-25T00:00:00Z')), never);
    assert.throws(() => special.add(d('2026-12-24T10:30:00Z'), 31), never);
    same(special.add(d('2026-12-24T10:30:00Z'), 30), '2026-12-24T11:00:00Z');
  });
});
