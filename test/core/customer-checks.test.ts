// The lean checks customer pages use (`src/model/customer-checks.ts`, `src/client/customer-answers.ts`)
// against their reference, the valibot schemas: on the same input, the same outcome — the same
// output with defaults, or the same issues in the same order (path, code, message; for answers,
// valibot's own issue fields). Inputs start from valid ones and are broken field by field with
// values chosen to hit every rule: wrong types, limits, control characters, lone surrogates,
// graphemes, unknown keys, nulls, missing keys.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as v from 'valibot';
import { ValidationError, type TicketInput } from '../../src/index.js';
import { attachmentAnswer, createdAnswer, hitsAnswer, suggestionsAnswer, ticketAnswer } from '../../src/client/customer-answers.js';
import { createdResponseSchema, hitsResponseSchema, suggestionsResponseSchema, ticketResponseSchema } from '../../src/client/http-customer-schemas.js';
import { checkMessage, checkRating, checkTicketFields, checkTicketInput, checkTransition } from '../../src/model/customer-checks.js';
import { messageSchema, ratingSchema, ticketInputSchema, transitionInputSchema } from '../../src/model/schema.js';
import { validateTicketInput } from '../../src/model/new-ticket.js';
import { parseOrThrow } from '../../src/model/validate.js';
import { pathOf } from '../../src/model/issues.js';
import { buildTicket } from '../../src/testing/index.js';

const NOW = Date.parse('2026-11-23T02:00:00.000Z');
const RUNS = 300;

/** What a check did: returned this output, or threw these issues (or another error). */
function outcome(run: () => unknown): unknown {
  try {
    return { output: run() };
  } catch (error) {
    if (error instanceof ValidationError) return { issues: error.issues.map((i) => ({ ...i })), subject: error.message };
    return { error: String(error) };
  }
}

// Values that break rules: every type, and strings at the edges of the text rules.
const oddString = fc.oneof(
  fc.constantFrom('', ' ', '\t', 'a\u0000b', 'line\nbreak', 'x\u0085y', '\u202Eltr', '\ud800', 'ok\udc00', '👍🏽', '👨‍👩‍👧'),
  // At and one past every length limit, in code units and in graphemes (emoji, combining marks).
  fc.tuple(fc.constantFrom(64, 100, 128, 200, 254, 255, 500), fc.constantFrom(0, 1), fc.constantFrom('x', '你', '👍🏽', 'e\u0301')).map(([n, over, unit]) => unit.repeat(n + over)),
  // The long limits in code units only, and not 20,000 (description, reply body: tested below):
  // valibot counts the graphemes of a long text on every check, which would slow the test.
  fc.tuple(fc.constantFrom(2_000, 2_048), fc.constantFrom(0, 1)).map(([n, over]) => 'x'.repeat(n + over)),
  fc.constantFrom('2026-02-30', '2026-11-01', '2027-12-31', '2026-11-24', '2026-11-25', 'not a date', '2026-11-23T00:00:00Z'),
  fc.constantFrom('13800138000', '+86 138-0013-8000', '1234', '12345', '(010) 1234-5678', '+1 ' + '2'.repeat(21), 'abc', '138 ', '-1234567'),
  fc.constantFrom('li.na@example.com', 'bad@', 'a@b.c', 'a@b.cn', 'x'.repeat(250) + '@a.cn', 'Li Na <li@example.com>'),
  fc.constantFrom('repair', 'Repair', 'a', '1abc', 'a'.repeat(64), 'a'.repeat(65), 'vip', 'tier-1', 'has space', 'id\u0007', 'image/png', 'https://x.cn/a', 'javascript:alert(1)'),
  fc.string({ maxLength: 12 }),
);
const odd: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  fc.constantFrom(undefined, null, true, false, 0, -1, 1, 5, 6, 2.5, -91, 91, 181, Number.NaN, Number.POSITIVE_INFINITY, 1e21),
  fc.constantFrom([], {}, ['a'], [1], ['a', 'a'], Array.from({ length: 51 }, (_, i) => `t${i}`), Object.create(null) as object),
  fc.array(oddString, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('ok', 'Bad', 'a.b', '__proto__', 'constructor', 'x'), oddString, { maxKeys: 3 }),
);

// Every value above that is not random: each is put in every field in turn (exhaustive for
// single-field breaks; the properties then break several fields at once).
const LIMIT_EDGES = [64, 100, 128, 200, 254, 255, 500].flatMap((n) => [n, n + 1].flatMap((m) => ['x', '你', '👍🏽', 'e\u0301'].map((unit) => unit.repeat(m))));
const ODD_VALUES: unknown[] = [
  '', ' ', '\t', 'a\u0000b', 'line\nbreak', 'x\u0085y', '\u202Eltr', '\ud800', 'ok\udc00', '👍🏽', '2026-02-30', '2026-11-01', '2026-11-24', '2026-11-25', 'not a date',
  '13800138000', '1234', '12345', '+1 ' + '2'.repeat(21), 'abc', 'li.na@example.com', 'bad@', 'a@b.cn', 'x'.repeat(250) + '@a.cn', 'Repair', 'a', '1abc', 'a'.repeat(65),
  'has space', 'image/png', 'IMAGE/PNG', 'image/svg+xml', 'https://x.cn/a', 'blob:x', '/a', 'ftp://x', 'javascript:alert(1)', ...LIMIT_EDGES,
  undefined, null, true, 0, -1, 1, 5, 6, 2.5, -91, 91, 181, Number.NaN, Number.POSITIVE_INFINITY, [], {}, ['a'], [1], Array.from({ length: 51 }, (_, i) => `t${i}`),
];

/** `base` with the value at `path` set to `value` (created along the way), or removed when `value` is undefined. */
function withValue<T>(base: T, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  if (value === undefined) delete at[path[path.length - 1]!];
  else at[path[path.length - 1]!] = value;
  return copy;
}

/** `base` with some keys (at any depth along `paths`) replaced, removed, or joined by unknown ones. */
function broken<T>(base: T, paths: readonly string[][]): fc.Arbitrary<unknown> {
  const change = fc.record({ path: fc.constantFrom(...paths), value: odd, remove: fc.boolean() }, { requiredKeys: ['path', 'value', 'remove'] });
  return fc.array(change, { maxLength: 4 }).map((changes) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    for (const { path, value, remove } of changes) {
      let at: Record<string, unknown> = copy;
      for (const key of path.slice(0, -1)) {
        if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
        at = at[key] as Record<string, unknown>;
      }
      const last = path[path.length - 1]!;
      if (remove && value === undefined) delete at[last];
      else at[last] = value;
    }
    return copy;
  });
}

const fullInput: TicketInput = {
  type: 'installation',
  subject: 'Install the new air conditioner',
  description: 'Second floor.\nPlease call first.',
  priority: 'high',
  channel: 'wechat',
  customer: { id: 'cust-42', name: '李娜', tier: 'vip', contact: { phone: '+86 138-0013-8000', email: 'li.na@example.com', wechat: 'lina_wx' }, organization: '某某科技' },
  product: { model: 'KFR-35GW', serialNumber: 'SN1', purchaseDate: '2026-11-01', warrantyEnd: '2029-11-01' },
  customFields: { floor: 2, elevator: false, note: 'two\nlines', colours: ['white'], reference: null },
  tags: ['install', 'vip'],
  category: 'air-conditioning',
  groupId: 'group-install',
  collaboratorIds: ['agent-7'],
  parentId: 'ticket-parent',
  attachments: [{ name: 'invoice.pdf', type: 'application/pdf', size: 1, url: 'https://files.example.com/a.pdf' }, { id: 'att-1', name: '照片.jpg', type: 'image/jpeg', size: 0 }],
  location: { address: '上海市浦东新区世纪大道 100 号', lat: 31.2, lng: 121.4 },
};
const minimalInput: TicketInput = { subject: '空调不制冷', customer: { name: '张伟', contact: { phone: '13800138000' } } };

const TICKET_PATHS = [
  ['type'], ['subject'], ['description'], ['priority'], ['channel'], ['customer'], ['customer', 'id'], ['customer', 'name'], ['customer', 'tier'],
  ['customer', 'contact'], ['customer', 'contact', 'phone'], ['customer', 'contact', 'email'], ['customer', 'contact', 'wechat'], ['customer', 'organization'],
  ['customer', 'extra'], ['product'], ['product', 'model'], ['product', 'serialNumber'], ['product', 'purchaseDate'], ['product', 'warrantyEnd'], ['product', 'colour'],
  ['customFields'], ['customFields', 'floor'], ['customFields', 'Bad Key'], ['customFields', 'note'], ['tags'], ['tags', '0'], ['category'], ['groupId'],
  ['collaboratorIds'], ['collaboratorIds', '0'], ['parentId'], ['attachments'], ['attachments', '0'], ['attachments', '0', 'name'], ['attachments', '0', 'type'],
  ['attachments', '0', 'size'], ['attachments', '0', 'url'], ['attachments', '1', 'id'], ['attachments', '2'], ['location'], ['location', 'address'], ['location', 'lat'],
  ['location', 'lng'], ['unknownField'], ['status'],
];

describe('lean input checks agree with the valibot schemas', () => {
  it('ticket inputs: the same defaults, or the same issues in the same order', () => {
    fc.assert(
      fc.property(fc.oneof(broken(fullInput, TICKET_PATHS), broken(minimalInput, TICKET_PATHS), odd), (input) => {
        assert.deepEqual(outcome(() => checkTicketInput(input as TicketInput, NOW)), outcome(() => validateTicketInput(input as TicketInput, NOW)));
        assert.deepEqual(outcome(() => checkTicketFields(input as TicketInput)), outcome(() => parseOrThrow(ticketInputSchema, input, 'ticket')));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('ticket inputs with any one field broken in any listed way', () => {
    for (const base of [fullInput, minimalInput])
      for (const path of TICKET_PATHS)
        for (const value of ODD_VALUES) {
          const input = withValue(base, path, value) as TicketInput;
          assert.deepEqual(outcome(() => checkTicketInput(input, NOW)), outcome(() => validateTicketInput(input, NOW)), `${path.join('.')} = ${String(value).slice(0, 20)}`);
        }
    // The long limits, where they apply.
    const long: Array<[string[], number]> = [[['description'], 20_000], [['customFields', 'note'], 2_000], [['attachments', '0', 'url'], 2_048]];
    for (const [path, n] of long)
      for (const value of ['x'.repeat(n), 'x'.repeat(n + 1), '你'.repeat(n + 1)]) {
        const input = withValue(fullInput, path, value) as TicketInput;
        assert.deepEqual(outcome(() => checkTicketInput(input, NOW)), outcome(() => validateTicketInput(input, NOW)), `${path.join('.')}: ${value.length}`);
      }
  });

  it('a valid input comes out the same, defaults filled in', () => {
    for (const input of [fullInput, minimalInput]) {
      const lean = checkTicketInput(input, NOW);
      assert.deepEqual(lean, validateTicketInput(input, NOW));
      assert.equal(lean.priority, input.priority ?? 'normal');
    }
    // Defaults are fresh per call: outputs never share an array.
    assert.notEqual(checkTicketInput(minimalInput, NOW).tags, checkTicketInput(minimalInput, NOW).tags);
  });

  it('replies, ratings and customer transitions', () => {
    const reply = { body: '已经换了新的滤网，还是不制冷', attachments: [{ name: 'a.jpg', type: 'image/jpeg', size: 3 }], mentions: ['agent-1'] };
    const rating = { score: 4, comment: '师傅很专业', dimensions: { timeliness: 5, attitude: 4 } };
    const reopen = { action: 'reopen', note: '又坏了', scheduledAt: '2026-11-24T02:00:00Z', priority: 'high' };
    fc.assert(
      fc.property(
        broken(reply, [['body'], ['attachments'], ['attachments', '0', 'size'], ['attachments', '0', 'name'], ['mentions'], ['mentions', '0'], ['extra']]),
        broken(rating, [['score'], ['comment'], ['dimensions'], ['dimensions', 'timeliness'], ['dimensions', 'Bad'], ['extra']]),
        broken(reopen, [['action'], ['note'], ['scheduledAt'], ['priority'], ['assigneeId'], ['assigneeName'], ['groupId'], ['extra']]),
        (m, r, t) => {
          assert.deepEqual(outcome(() => checkMessage(m as never)), outcome(() => parseOrThrow(messageSchema, m, 'reply')));
          assert.deepEqual(outcome(() => checkRating(r as never)), outcome(() => parseOrThrow(ratingSchema, r, 'rating')));
          assert.deepEqual(outcome(() => checkTransition(t)), outcome(() => parseOrThrow(transitionInputSchema, t, 'transition')));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** A Standard Schema's result in comparable form: the value, or the issues as valibot reports them. */
function standardOutcome(schema: { '~standard': { validate: (x: unknown) => unknown } }, input: unknown): unknown {
  const result = schema['~standard'].validate(input) as { value?: unknown; issues?: Array<Record<string, unknown> & { path?: Array<{ key: unknown }> }> };
  if (!result.issues) return { value: result.value };
  return { issues: result.issues.map((i) => ({ path: pathOf(i), kind: i.kind, type: i.type, expected: i.expected, received: i.received, message: i.message, input: i.input })) };
}

const wire = (x: unknown) => JSON.parse(JSON.stringify(x)) as Record<string, unknown>;
const ticket = wire({
  ...buildTicket({ product: { model: 'KFR-35GW' }, location: { address: '上海' } }, [['assign', { assigneeId: 'agent-1' }], ['start', {}]]),
  sla: { at: '2026-11-23T02:00:00.000Z', metrics: { firstResponse: { state: 'running', target: 120, dueAt: '2026-11-23T04:00:00.000Z' } } },
  customerActions: ['reply'],
  mergedIntoId: null,
  serverExtra: { kept: true },
});
const TICKET_ANSWER_PATHS = [
  ...Object.keys(ticket).map((k) => [k]),
  ['customer', 'id'], ['customer', 'tier'], ['customer', 'contact'], ['customer', 'contact', 'phone'], ['events', '0'], ['events', '0', 'at'], ['events', '0', 'actor'],
  ['events', '0', 'actor', 'kind'], ['events', '0', 'actor', 'role'], ['events', '0', 'visibility'], ['events', '0', 'data'], ['events', '1', 'id'], ['attachments', '0'],
  ['sla', 'metrics'], ['sla', 'metrics', 'firstResponse', 'state'], ['sla', 'metrics', 'firstResponse', 'dueAt'], ['customFields', 'x'], ['resolution'], ['satisfaction', 'score'],
];

describe('lean answer checks agree with the valibot schemas', () => {
  it('tickets and created tickets: the same output (nulls removed, extra fields kept) or the same issues', () => {
    fc.assert(
      fc.property(broken(ticket, TICKET_ANSWER_PATHS), (answer) => {
        assert.deepEqual(standardOutcome(ticketAnswer, answer), standardOutcome(ticketResponseSchema, answer));
        const created = { ticket: answer, accessToken: 'tok', replayed: false };
        assert.deepEqual(standardOutcome(createdAnswer, created), standardOutcome(createdResponseSchema, created));
      }),
      { numRuns: RUNS * 2 },
    );
    assert.deepEqual(standardOutcome(ticketAnswer, ticket), standardOutcome(ticketResponseSchema, ticket));
    assert.equal('mergedIntoId' in (standardOutcome(ticketAnswer, ticket) as { value: object }).value, false);
  });

  it('search hits, suggestions and stored attachments', () => {
    const hit = { id: 'a1', score: 3.2, confidence: 0.8, title: '空调不制冷', titleHighlights: [[0, 2]], snippet: { text: '检查滤网', highlights: [] }, locale: 'zh-CN', article: { id: 'a1', title: 'x', body: '<p>x</p>' } };
    const suggestion = { id: 'a1', title: 'x', score: 1, confidence: 0.5, highlights: [[1, 2, 9]], locale: null };
    const stored = { id: 'att-1', name: '照片.jpg', type: 'image/jpeg', size: 12, url: '/attachments/att-1' };
    fc.assert(
      fc.property(
        broken({ hits: [hit] }, [['hits'], ['hits', '0', 'score'], ['hits', '0', 'titleHighlights'], ['hits', '0', 'titleHighlights', '0'], ['hits', '0', 'snippet'], ['hits', '0', 'locale'], ['hits', '0', 'article', 'body']]),
        broken({ suggestions: [suggestion] }, [['suggestions'], ['suggestions', '0', 'highlights', '0'], ['suggestions', '0', 'highlights', '0', '1'], ['suggestions', '0', 'confidence']]),
        broken(stored, [['id'], ['name'], ['size'], ['url'], ['extra']]),
        (hits, suggestions, attachment) => {
          assert.deepEqual(standardOutcome(hitsAnswer, hits), standardOutcome(hitsResponseSchema, hits));
          assert.deepEqual(standardOutcome(suggestionsAnswer, suggestions), standardOutcome(suggestionsResponseSchema, suggestions));
          const reference = v.pipe(
            v.looseObject({ id: v.pipe(v.string(), v.minLength(1)), name: v.string(), type: v.string(), size: v.pipe(v.number(), v.integer(), v.minValue(0)), url: v.nullish(v.string()) }),
            v.transform(({ id, name, type, size, url }) => ({ id, name, type, size, ...(typeof url === 'string' ? { url } : {}) })),
          );
          assert.deepEqual(standardOutcome(attachmentAnswer, attachment), standardOutcome(reference, attachment));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
