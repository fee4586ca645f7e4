import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  AftercareError,
  createTicketNumberer,
  formatTicketNumber,
  parseTicketNumber,
  provisionalTicketNumber,
} from '../../src/index.js';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function throwsOption(fn: () => unknown) {
  assert.throws(fn, (e: unknown) => e instanceof AftercareError && e.code === 'INVALID_OPTION');
}

describe('formatTicketNumber', () => {
  it('formats prefix, local date and a padded sequence', () => {
    assert.equal(formatTicketNumber(at('2026-11-22T08:30:00Z'), 1), 'AC-20261122-0001');
    assert.equal(formatTicketNumber(at('2026-11-22T08:30:00Z'), 42), 'AC-20261122-0042');
    assert.equal(formatTicketNumber(at('2026-11-22T08:30:00Z'), 12345), 'AC-20261122-12345');
    assert.equal(formatTicketNumber(at('2026-11-22T08:30:00Z'), 7, { prefix: 'RMA', digits: 6 }), 'RMA-20261122-000007');
    assert.equal(formatTicketNumber(at('2026-01-05T00:00:00Z'), 1, { prefix: 'S1' }), 'S1-20260105-0001');
  });

  it('takes the date in the given time zone (default UTC)', () => {
    const evening = at('2026-11-22T17:00:00Z');
    assert.equal(formatTicketNumber(evening, 1), 'AC-20261122-0001');
    assert.equal(formatTicketNumber(evening, 1, { timeZone: 'UTC' }), 'AC-20261122-0001');
    assert.equal(formatTicketNumber(evening, 1, { timeZone: 'Asia/Shanghai' }), 'AC-20261123-0001');
    assert.equal(formatTicketNumber(at('2026-11-22T03:00:00Z'), 1, { timeZone: 'America/Los_Angeles' }), 'AC-20261121-0001');
    // The last and first minute of a Shanghai day.
    assert.equal(formatTicketNumber(at('2026-11-22T15:59:59.999Z'), 1, { timeZone: 'Asia/Shanghai' }), 'AC-20261122-0001');
    assert.equal(formatTicketNumber(at('2026-11-22T16:00:00Z'), 1, { timeZone: 'Asia/Shanghai' }), 'AC-20261123-0001');
    // New year in Shanghai while still the old year in UTC.
    assert.equal(formatTicketNumber(at('2026-12-31T16:30:00Z'), 3, { timeZone: 'Asia/Shanghai' }), 'AC-20270101-0003');
  });

  it('refuses a bad prefix', () => {
    for (const prefix of ['', 'ac', 'A-C', '1AC', 'A C', 'ABCDEFGHIJK', '工单', 'AC\n'])
      throwsOption(() => formatTicketNumber(at('2026-11-22T00:00:00Z'), 1, { prefix }));
    assert.equal(formatTicketNumber(at('2026-11-22T00:00:00Z'), 1, { prefix: 'ABCDEFGHIJ' }), 'ABCDEFGHIJ-20261122-0001');
  });

  it('refuses a sequence that is not a positive integer', () => {
    for (const sequence of [0, -1, 1.5, Number.NaN, Infinity]) throwsOption(() => formatTicketNumber(at('2026-11-22T00:00:00Z'), sequence));
  });
});

describe('parseTicketNumber', () => {
  it('splits a number into its parts', () => {
    assert.deepEqual(parseTicketNumber('AC-20261122-0042'), { prefix: 'AC', date: '20261122', sequence: 42 });
    assert.deepEqual(parseTicketNumber('RMA2-20270101-123456'), { prefix: 'RMA2', date: '20270101', sequence: 123456 });
  });

  it('returns undefined for what is not a ticket number', () => {
    for (const text of ['', 'AC', 'AC-2026112-0001', 'ac-20261122-0001', 'AC-20261122-', 'AC-20261122-00A1', ' AC-20261122-0001', 'AC-20261122-0001 ', 'AC_20261122_0001', 'AC-20261122-7K3M9Q'])
      assert.equal(parseTicketNumber(text), undefined, JSON.stringify(text));
  });

  it('round-trips whatever formatTicketNumber makes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.stringMatching(/^[A-Z][A-Z0-9]{0,9}$/),
        fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati'),
        fc.integer({ min: 1, max: 8 }),
        (date, sequence, prefix, timeZone, digits) => {
          const number = formatTicketNumber(date, sequence, { prefix, timeZone, digits });
          const parsed = parseTicketNumber(number);
          assert.ok(parsed, number);
          assert.equal(parsed.prefix, prefix);
          assert.equal(parsed.sequence, sequence);
          assert.match(parsed.date, /^\d{8}$/);
          // The date part is the local calendar date.
          const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
          assert.equal(parsed.date, local.replaceAll('-', ''));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('createTicketNumberer', () => {
  it('hands out sequential numbers within a day', () => {
    const numberer = createTicketNumberer();
    const t = at('2026-11-22T01:00:00Z');
    assert.deepEqual(
      [numberer.next(t), numberer.next(t), numberer.next(new Date(t.getTime() + HOUR))],
      ['AC-20261122-0001', 'AC-20261122-0002', 'AC-20261122-0003'],
    );
  });

  it('restarts at 1 on each new local day', () => {
    const numberer = createTicketNumberer({ timeZone: 'Asia/Shanghai', prefix: 'SH' });
    assert.equal(numberer.next(at('2026-11-22T15:58:00Z')), 'SH-20261122-0001');
    assert.equal(numberer.next(at('2026-11-22T15:59:59Z')), 'SH-20261122-0002');
    // 16:00Z is midnight in Shanghai, still the 22nd in UTC.
    assert.equal(numberer.next(at('2026-11-22T16:00:00Z')), 'SH-20261123-0001');
    assert.equal(numberer.next(at('2026-11-23T01:00:00Z')), 'SH-20261123-0002');
    assert.equal(numberer.next(at('2026-11-25T01:00:00Z')), 'SH-20261125-0001');
  });

  it('keeps numberers independent', () => {
    const a = createTicketNumberer();
    const b = createTicketNumberer();
    const t = at('2026-11-22T01:00:00Z');
    a.next(t);
    a.next(t);
    assert.equal(b.next(t), 'AC-20261122-0001');
  });

  it('continues from the last number the store holds', () => {
    const numberer = createTicketNumberer({ last: 'AC-20261122-0041' });
    assert.equal(numberer.next(at('2026-11-22T10:00:00Z')), 'AC-20261122-0042');
    assert.equal(numberer.next(at('2026-11-22T11:00:00Z')), 'AC-20261122-0043');
    assert.equal(numberer.next(at('2026-11-23T00:00:00Z')), 'AC-20261123-0001');
  });

  it('starts over when `last` is from an earlier day, another prefix or not a number', () => {
    assert.equal(createTicketNumberer({ last: 'AC-20261121-0099' }).next(at('2026-11-22T10:00:00Z')), 'AC-20261122-0001');
    assert.equal(createTicketNumberer({ last: 'RMA-20261122-0099' }).next(at('2026-11-22T10:00:00Z')), 'AC-20261122-0001');
    assert.equal(createTicketNumberer({ prefix: 'RMA', last: 'RMA-20261122-0099' }).next(at('2026-11-22T10:00:00Z')), 'RMA-20261122-0100');
    assert.equal(createTicketNumberer({ last: 'garbage' }).next(at('2026-11-22T10:00:00Z')), 'AC-20261122-0001');
  });

  it('never repeats a number when the clock goes backwards', () => {
    const numberer = createTicketNumberer({ timeZone: 'Asia/Shanghai' });
    const first = numberer.next(at('2026-11-23T02:00:00Z'));
    const back = numberer.next(at('2026-11-22T02:00:00Z')); // a day earlier
    const again = numberer.next(at('2026-11-23T03:00:00Z'));
    assert.deepEqual([first, back, again], ['AC-20261123-0001', 'AC-20261123-0002', 'AC-20261123-0003']);
    // `last` from the future (a clock that was ahead) is respected too.
    assert.equal(createTicketNumberer({ last: 'AC-20261130-0005' }).next(at('2026-11-22T10:00:00Z')), 'AC-20261130-0006');
  });

  it('is unique and ordered whatever the clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3 * DAY, max: 3 * DAY }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom('UTC', 'Asia/Shanghai', 'America/Los_Angeles'),
        (jumps, timeZone) => {
          const numberer = createTicketNumberer({ timeZone });
          let now = Date.parse('2026-11-22T12:00:00Z');
          const seen = new Set<string>();
          let previous: { date: string; sequence: number } | undefined;
          for (const jump of jumps) {
            now += jump;
            const number = numberer.next(new Date(now));
            assert.ok(!seen.has(number), `repeated ${number}`);
            seen.add(number);
            const parsed = parseTicketNumber(number)!;
            assert.ok(parsed);
            if (previous) {
              assert.ok(parsed.date >= previous.date, 'dates never go back');
              if (parsed.date === previous.date) assert.equal(parsed.sequence, previous.sequence + 1);
              else assert.equal(parsed.sequence, 1);
            }
            previous = parsed;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a bad prefix up front', () => {
    throwsOption(() => createTicketNumberer({ prefix: 'a-b' }));
  });
});

describe('provisionalTicketNumber', () => {
  const SHAPE = /^AC-(\d{8})-([ABCDEFGHJKMNPQRSTVWXYZ][0-9ABCDEFGHJKMNPQRSTVWXYZ]{7})$/;

  it('has the shape of a ticket number with 8 readable random characters, the first a letter', () => {
    const number = provisionalTicketNumber(at('2026-11-22T01:00:00Z'));
    const m = SHAPE.exec(number);
    assert.ok(m, number);
    assert.equal(m[1], '20261122');
    assert.doesNotMatch(m[2]!, /[ILOU]/, 'no look-alike letters');
    assert.equal(parseTicketNumber(number), undefined, 'never mistaken for a sequence number');
  });

  it('follows prefix and time zone', () => {
    assert.match(provisionalTicketNumber(at('2026-11-22T17:00:00Z'), { prefix: 'TMP', timeZone: 'Asia/Shanghai' }), /^TMP-20261123-[A-Z][0-9A-Z]{7}$/);
    throwsOption(() => provisionalTicketNumber(at('2026-11-22T17:00:00Z'), { prefix: 'tmp' }));
  });

  it('does not repeat over 1000 draws and uses the whole alphabet', () => {
    const t = at('2026-11-22T01:00:00Z');
    const numbers = Array.from({ length: 1000 }, () => provisionalTicketNumber(t));
    assert.equal(new Set(numbers).size, 1000);
    for (const n of numbers) assert.match(n, SHAPE);
    const chars = new Set(numbers.flatMap((n) => [...n.slice(-7)]));
    assert.equal(chars.size, 32, 'every readable character appears');
  });
});
