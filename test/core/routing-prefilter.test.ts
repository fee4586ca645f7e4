// The keyword index behind contains / contains_any / not_contains (src/rules/conditions.ts):
// one scan of a ticket's text answers every keyword of every rule. Checked against plain
// `includes` on the folded text, on random text mixing Chinese, full-width and accented
// characters, newlines and overlapping needles; and foldUnit / foldText against the
// reference fold.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRouter, type Condition, type Ticket } from '../../src/index.js';
import { foldText, foldUnit, KeywordIndex, KEYWORD_DESCRIPTION, KEYWORD_SUBJECT, KEYWORD_TEXT } from '../../src/rules/conditions.js';
import { buildTicket } from '../../src/testing/index.js';
import { referenceFold, referenceMatches } from './routing-reference.js';

const RUNS = Number(process.env.ROUTING_PROPERTY_RUNS ?? 400);

// Few distinct units, so needles overlap, nest and repeat often; some fold (Ａ, É), some only
// fold with their neighbours or expand (ﬁ, a combining accent, ｶ + ﾞ), some are surrogates.
const UNITS = ['a', 'b', 'A', 'B', 'ab', ' ', '\n', '发', '票', '发票', '空', '调', 'Ａ', 'ｂ', '，', '\u3000', 'É', 'e\u0301', 'ﬁ', 'ｶﾞ', '😀', '、', '。', '１', '1', 'invoice', 'ＩＮＶ'];
const textArb = fc.array(fc.constantFrom(...UNITS), { maxLength: 14 }).map((parts) => parts.join(''));
const needleArb = fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

/** What the index must answer: `includes` on the folded subject, description and text. */
function expected(subject: string, description: string, needle: string) {
  const s = foldText(subject);
  const d = foldText(description);
  return [s.includes(needle), d.includes(needle), `${s}\n${d}`.includes(needle)];
}

function answered(index: KeywordIndex, id: number) {
  return [index.has(id, KEYWORD_SUBJECT), index.has(id, KEYWORD_DESCRIPTION), index.has(id, KEYWORD_TEXT)];
}

describe('keyword index', () => {
  it('finds exactly what includes finds, in subject, description and text (random text and needles)', () => {
    fc.assert(
      fc.property(fc.array(needleArb, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(textArb, textArb), { minLength: 1, maxLength: 4 }), (raw, texts) => {
        const needles = [...new Set(raw.map(foldText))].filter((n) => n !== '');
        const index = new KeywordIndex();
        const ids = needles.map((n) => index.add(n));
        for (const [subject, description] of texts) {
          index.scanTexts(subject, description);
          needles.forEach((needle, i) => {
            assert.deepEqual(answered(index, ids[i]!), expected(subject, description, needle), `${JSON.stringify(needle)} in ${JSON.stringify([subject, description])}`);
          });
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('overlapping, nested and repeated needles are all found', () => {
    const index = new KeywordIndex();
    const needles = ['aa', 'aaa', 'a', 'ab', 'bab', '发票', '票', '开具发票', 'invoice', 'voice', 'nv', 'e\nb', '\n'];
    const ids = needles.map((n) => index.add(n));
    assert.equal(index.add('aa'), ids[0], 'the same needle gets the same number');
    for (const [subject, description] of [['aaab', 'bab'], ['请开具发票', 'INVOICE'], ['ＩＮＶＯＩＣＥ', 'x'], ['Invoice', 'babab'], ['', ''], ['e', 'b']]) {
      index.scanTexts(subject!, description!);
      needles.forEach((needle, i) => assert.deepEqual(answered(index, ids[i]!), expected(subject!, description!, needle), `${needle} in ${subject}|${description}`));
    }
  });

  it('answers for the text scanned last only', () => {
    const index = new KeywordIndex();
    const id = index.add('发票');
    index.scanTexts('发票', '');
    assert.equal(index.has(id, KEYWORD_TEXT), true);
    index.scanTexts('空调', '');
    assert.equal(index.has(id, KEYWORD_TEXT), false);
  });

  it('needles added after a scan are found from the next scan on', () => {
    const index = new KeywordIndex();
    const a = index.add('ab');
    index.scanTexts('abc', '');
    const c = index.add('c');
    index.scanTexts('abc', '');
    assert.equal(index.has(a, KEYWORD_SUBJECT), true);
    assert.equal(index.has(c, KEYWORD_SUBJECT), true);
  });
});

describe('folding unit by unit', () => {
  it('foldUnit agrees with the reference fold for every unit it folds, and refuses the others', () => {
    for (let c = 0; c < 0x10000; c++) {
      const folded = foldUnit(c);
      if (folded < 0) continue;
      const ch = String.fromCharCode(c);
      assert.equal(String.fromCharCode(folded), referenceFold(ch), `U+${c.toString(16)}`);
      assert.equal(foldText(ch), referenceFold(ch), `foldText U+${c.toString(16)}`);
    }
    for (const refused of ['É', 'ﬁ', 'ｶ', 'ﾞ', '\u0301', '\ud83d', 'İ', 'Σ', '가', '\u3003', '…']) assert.equal(foldUnit(refused.charCodeAt(0)), -1, refused);
  });

  it('text made of such units folds unit by unit, as the reference folds it', () => {
    const units = [...'AZaz09 #\n.,-/()', '发', '票', '\u4e00', '\u9fff', '、', '。', 'Ａ', 'ｚ', '１', '，', '：', '～', '\uff01', '\uff5e', '\u3000'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        const byUnit = [...text].map((ch) => String.fromCharCode(foldUnit(ch.charCodeAt(0)))).join('');
        assert.equal(byUnit, referenceFold(text));
        assert.equal(foldText(text), referenceFold(text));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('keyword conditions through the router', () => {
  const ticketArb = fc.tuple(textArb, textArb).map(([subject, description]): Ticket => ({ ...buildTicket(), subject, description }));
  const keywordArb: fc.Arbitrary<Condition> = fc.oneof(
    fc.record({ field: fc.constantFrom('subject' as const, 'description' as const, 'text' as const), op: fc.constantFrom('contains' as const, 'not_contains' as const), value: needleArb }),
    fc.record({ field: fc.constantFrom('subject' as const, 'description' as const, 'text' as const), op: fc.constantFrom('contains_any' as const), value: fc.array(needleArb, { minLength: 1, maxLength: 3 }) }),
    // Folded to nothing: contains the empty string, so always true.
    fc.constant<Condition>({ field: 'text', op: 'contains_any', value: ['\u0301', 'zz'] }),
  );

  it('rules sharing one index decide as the reference does, whichever rule reads the text first', () => {
    fc.assert(
      fc.property(fc.array(keywordArb, { minLength: 1, maxLength: 6 }), fc.array(ticketArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (conditions, tickets, foldFirst) => {
        // A `matches` rule first makes the text folded before any keyword rule runs.
        const first: Condition[] = foldFirst ? [{ field: 'text', op: 'matches', value: '^\\u0000' }] : [];
        const all = [...first, ...conditions];
        const router = createRouter({ rules: all.map((when, i) => ({ id: `r${i}`, when, actions: { tags: [`t${i}`] }, continue: true })) });
        for (const t of tickets) {
          const tags = router.route(t, []).tags;
          const expectedTags = all.flatMap((when, i) => (referenceMatches(when, t) ? [`t${i}`] : []));
          assert.deepEqual(tags, expectedTags, JSON.stringify({ all, subject: t.subject, description: t.description }));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
