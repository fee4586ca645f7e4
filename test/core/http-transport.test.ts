import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AuthError, ConflictError, NotFoundError, TransportError, ValidationError, WorkflowError } from '../../src/errors.js';
import { httpTransport, parseRetryAfter, ticketResponseSchema } from '../../src/client/http-transport.js';
import { httpEventStream, type StreamPage } from '../../src/client/http-event-stream.js';
import { buildTicketInput, createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';

const BASE = MOCK_BASE_URL;
const backend = createMockBackend({
  users: { 'agent-token': { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' }, 'fresh-token': { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' } },
  engine: {
    knowledge: [
      { id: 'kb-1', title: '空调不制冷怎么办', body: '检查滤网是否堵塞，清洗后重新开机。', tags: ['空调'] },
      { id: 'kb-2', title: 'Air conditioner not cooling', body: 'Clean the filter and restart the unit.', locale: 'en' },
    ],
  },
});
const server = setupServer(...backend.handlers);

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  backend.reset();
});
after(() => server.close());

const agent = httpTransport({ baseUrl: BASE, getToken: () => 'agent-token', timeoutMs: 2000 });
const anonymous = httpTransport({ baseUrl: BASE, timeoutMs: 2000 });

/** Runs `promise`, expecting it to fail with an instance of `type`; returns the error. */
async function failure<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${type.name}, but it succeeded`);
}

async function resolvedTicket() {
  const { ticket, accessToken } = await anonymous.create(buildTicketInput(), { idempotencyKey: 'create-1' });
  await agent.assign(ticket.id, { assigneeId: 'agent-1' });
  await agent.transition(ticket.id, { action: 'start' });
  await agent.transition(ticket.id, { action: 'resolve', note: '更换了温度传感器' });
  return { id: ticket.id, accessToken };
}

describe('httpTransport round trips', () => {
  it('runs a whole ticket life through the REST contract', async () => {
    const created = await anonymous.create(buildTicketInput(), { idempotencyKey: 'form-1' });
    assert.equal(created.replayed, false);
    assert.equal(created.ticket.status, 'new');
    assert.ok(created.accessToken.length >= 20);
    assert.ok(created.ticket.events.every((e) => e.visibility === 'public'), 'an anonymous creator gets the customer view');
    const id = created.ticket.id;
    const token = created.accessToken;

    assert.equal((await agent.get(id)).id, id);
    const unassigned = await agent.list({ assigneeId: null, category: 'open', status: ['new', 'assigned'], priority: 'normal', sort: 'created', limit: 10 });
    assert.deepEqual(unassigned.tickets.map((t) => t.id), [id]);
    assert.equal(unassigned.total, 1);
    assert.equal(unassigned.next, undefined);

    const assigned = await agent.assign(id, { assigneeId: 'agent-1' });
    assert.equal(assigned.assigneeId, 'agent-1');
    assert.equal((await agent.list({ assigneeId: null })).total, 0);
    assert.equal((await agent.list({ assigneeId: 'agent-1' })).total, 1);

    await agent.transition(id, { action: 'start' });
    const noted = await agent.note(id, { body: '客户语气急，优先处理', mentions: ['lead-1'] });
    assert.ok(noted.events.some((e) => e.type === 'note'));

    const replied = await anonymous.reply(id, { body: '请问师傅什么时候上门？' }, { accessToken: token, idempotencyKey: 'reply-1' });
    assert.ok(replied.events.some((e) => e.type === 'reply' && e.actor.kind === 'customer'));

    const customerView = await anonymous.get(id, { accessToken: token });
    assert.ok(customerView.events.every((e) => e.visibility === 'public'), 'customers never see internal events');
    assert.equal(customerView.assigneeId, undefined);

    await agent.transition(id, { action: 'resolve', note: '更换了温度传感器' });
    const rated = await anonymous.rate(id, { score: 5, comment: '师傅很专业' }, { accessToken: token, idempotencyKey: 'rate-1' });
    assert.equal(rated.satisfaction?.score, 5);

    const changes = await agent.changes(undefined, { limit: 100 });
    assert.deepEqual(changes.tickets.map((t) => t.id), [id]);
    assert.equal(changes.hasMore, false);
    const none = await agent.changes(changes.cursor);
    assert.deepEqual(none.tickets, []);

    const hits = await anonymous.searchKnowledge('空调 不制冷', { limit: 5 });
    assert.equal(hits[0]?.id, 'kb-1');
    assert.equal(hits[0]?.article.title, '空调不制冷怎么办');
    const filtered = await anonymous.searchKnowledge('air conditioner', { filter: (a) => a.id !== 'kb-2' });
    assert.ok(filtered.every((h) => h.id !== 'kb-2'));
    const suggestions = await anonymous.suggestKnowledge('Air cond', { limit: 3 });
    assert.equal(suggestions[0]?.id, 'kb-2');

    const writes = backend.requests.filter((r) => r.method === 'POST');
    assert.deepEqual(
      writes.map((r) => [r.path.replace(id, ':id'), r.idempotencyKey, r.status]),
      [
        ['/tickets', 'form-1', 201],
        ['/tickets/:id/assignment', undefined, 200],
        ['/tickets/:id/transitions', undefined, 200],
        ['/tickets/:id/notes', undefined, 200],
        ['/tickets/:id/replies', 'reply-1', 200],
        ['/tickets/:id/transitions', undefined, 200],
        ['/tickets/:id/rating', 'rate-1', 200],
      ],
    );
  });

  it('pages through a list with the server’s cursor', async () => {
    for (let i = 0; i < 3; i++) await anonymous.create(buildTicketInput({ subject: `第${i}台空调` }));
    const first = await agent.list({ limit: 2, sort: 'created' });
    assert.equal(first.tickets.length, 2);
    assert.equal(first.total, 3);
    assert.ok(first.next);
    const second = await agent.list({ limit: 2, sort: 'created', cursor: first.next });
    assert.equal(second.tickets.length, 1);
    assert.equal(second.next, undefined);
  });

  it('replays a create with the same idempotency key: same ticket, stored once', async () => {
    const first = await anonymous.create(buildTicketInput(), { idempotencyKey: 'same-key' });
    const again = await anonymous.create(buildTicketInput(), { idempotencyKey: 'same-key' });
    assert.equal(again.replayed, true);
    assert.equal(again.ticket.id, first.ticket.id);
    assert.equal(again.accessToken, first.accessToken);
    assert.equal(await backend.ticketCount(), 1);
    assert.deepEqual(backend.requests.map((r) => r.status), [201, 200]);
  });

  it('generates an Idempotency-Key for a create without one', async () => {
    await anonymous.create(buildTicketInput());
    assert.match(backend.requests[0]?.idempotencyKey ?? '', /^[0-9a-f-]{36}$/);
  });

  it('the mock refuses a create without an Idempotency-Key', async () => {
    const response = await fetch(`${BASE}/tickets`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(buildTicketInput()) });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: string; issues: Array<{ path: string }> } };
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.equal(body.error.issues[0]?.path, 'Idempotency-Key');
    assert.equal(await backend.ticketCount(), 0);
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const api = httpTransport({
      baseUrl: `${BASE}/`,
      getToken: () => 'agent-token',
      fetch: (input, init) => {
        seen.push(`${init?.method} ${String(input)}`);
        return fetch(input, init);
      },
    });
    await api.list({ status: 'new' });
    assert.deepEqual(seen, [`GET ${BASE}/tickets?status=new`]);
  });
});

describe('httpTransport input checks', () => {
  it('refuses bad input with a ValidationError before any request', async () => {
    const cases: Array<Promise<unknown>> = [
      agent.create({ ...buildTicketInput(), subject: '' }),
      agent.create({ ...buildTicketInput(), customer: { name: '张伟', contact: {} } }),
      agent.create(buildTicketInput(), { idempotencyKey: 'bad\nkey' }),
      agent.get(''),
      agent.get('t-1', { accessToken: 'has space' }),
      agent.list({ limit: 0 }),
      agent.list({ priority: 'asap' as never }),
      agent.list({ assigneeId: '' }),
      agent.list(null as never),
      agent.transition('t-1', { action: '' }),
      agent.transition('t-1', { action: 'resolve', priority: 'asap' as never }),
      agent.reply('t-1', { body: '   ' }),
      agent.note('t-1', { body: 'x', extra: 1 } as never),
      agent.assign('t-1', { assigneeId: 'has space' }),
      agent.rate('t-1', { score: 6 }),
      agent.changes(undefined, { limit: 0 }),
      agent.searchKnowledge('x', { limit: -1 }),
    ];
    // Checked one after another; the schemas load on first use, so the others wait meanwhile.
    for (const c of cases) c.catch(() => undefined);
    for (const c of cases) await failure(c, ValidationError);
    assert.equal(backend.requests.length, 0);
  });

  it('lists every bad field', async () => {
    const error = await failure(agent.create({ ...buildTicketInput(), subject: '', priority: 'asap' as never }), ValidationError);
    assert.deepEqual(error.issues.map((i) => i.path).sort(), ['priority', 'subject']);
  });
});

describe('httpTransport error bodies', () => {
  it('maps the server’s VALIDATION_FAILED to a ValidationError with its issues', async () => {
    const error = await failure(agent.list({ cursor: 'not-a-cursor' }), ValidationError);
    assert.equal(error.issues[0]?.path, 'cursor');
    assert.equal(error.issues[0]?.code, 'invalid_format');
    await failure(agent.changes('zzz'), ValidationError);
  });

  it('maps workflow refusals to WorkflowError', async () => {
    const { ticket } = await anonymous.create(buildTicketInput());
    const invalid = await failure(agent.transition(ticket.id, { action: 'start' }), WorkflowError);
    assert.equal(invalid.code, 'INVALID_TRANSITION');
    assert.equal(invalid.action, 'start');
    assert.equal(invalid.status, 'new');
    await agent.assign(ticket.id, { assigneeId: 'agent-1' });
    await agent.transition(ticket.id, { action: 'start' });
    const guard = await failure(agent.transition(ticket.id, { action: 'resolve' }), WorkflowError);
    assert.equal(guard.code, 'GUARD_FAILED');
    assert.equal(guard.reason, 'note_required');
  });

  it('maps ALREADY_RATED', async () => {
    const { id, accessToken } = await resolvedTicket();
    await anonymous.rate(id, { score: 4 }, { accessToken });
    const error = await failure(anonymous.rate(id, { score: 5 }, { accessToken }), WorkflowError);
    assert.equal(error.code, 'ALREADY_RATED');
  });

  it('maps NOT_FOUND, and a wrong access token is not found either', async () => {
    const missing = await failure(agent.get('no-such-ticket'), NotFoundError);
    assert.equal(missing.ticketId, 'no-such-ticket');
    const { ticket } = await anonymous.create(buildTicketInput());
    await failure(anonymous.get(ticket.id, { accessToken: 'wrong-token' }), NotFoundError);
    await failure(anonymous.reply(ticket.id, { body: '还在吗' }, { accessToken: 'wrong-token' }), NotFoundError);
  });

  it('maps CONFLICT to ConflictError', async () => {
    const a = await anonymous.create(buildTicketInput());
    const b = await anonymous.create(buildTicketInput());
    await agent.reply(a.ticket.id, { body: '您好' }, { idempotencyKey: 'k-1' });
    const error = await failure(agent.reply(b.ticket.id, { body: '您好' }, { idempotencyKey: 'k-1' }), ConflictError);
    assert.equal(error.ticketId, b.ticket.id);
  });

  it('the mock answers If-Match with 409 CONFLICT for a stale revision', async () => {
    const { ticket } = await anonymous.create(buildTicketInput());
    const response = await fetch(`${BASE}/tickets/${ticket.id}/assignment`, {
      method: 'POST',
      headers: { Authorization: 'Bearer agent-token', 'Content-Type': 'application/json', 'If-Match': `"${ticket.revision + 5}"` },
      body: JSON.stringify({ assigneeId: 'agent-1' }),
    });
    assert.equal(response.status, 409);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'CONFLICT');
  });

  it('403 and missing credentials are AuthErrors', async () => {
    const { ticket, accessToken } = await anonymous.create(buildTicketInput());
    const forbidden = await failure(anonymous.note(ticket.id, { body: '内部' }, { accessToken }), AuthError);
    assert.equal(forbidden.status, 403);
    const unauthorized = await failure(anonymous.list(), AuthError);
    assert.equal(unauthorized.status, 401);
    assert.equal(unauthorized.code, 'UNAUTHORIZED');
  });

  it('another 4xx is REJECTED and not retryable; unknown codes keep their message', async () => {
    server.use(http.get(`${BASE}/tickets/:id`, () => HttpResponse.json({ error: { code: 'PAYLOAD_ODD', message: 'odd request' } }, { status: 422 })));
    const error = await failure(agent.get('t-1'), TransportError);
    assert.equal(error.code, 'REJECTED');
    assert.equal(error.status, 422);
    assert.equal(error.retryable, false);
    assert.match(error.message, /odd request/);
  });
});

describe('httpTransport authentication', () => {
  it('refreshes the token once after a 401 and repeats the request', async () => {
    const reasons: string[] = [];
    const api = httpTransport({
      baseUrl: BASE,
      getToken: (reason) => {
        reasons.push(reason);
        return reason === 'refresh' ? 'fresh-token' : 'stale-token';
      },
    });
    assert.equal((await api.list()).total, 0);
    assert.deepEqual(reasons, ['initial', 'refresh']);
    assert.deepEqual(backend.requests.map((r) => r.status), [401, 200]);
  });

  it('a second 401 is an AuthError, never an anonymous retry', async () => {
    const reasons: string[] = [];
    const api = httpTransport({ baseUrl: BASE, getToken: (reason) => (reasons.push(reason), 'stale-token') });
    const error = await failure(api.get('t-1'), AuthError);
    assert.equal(error.status, 401);
    assert.deepEqual(reasons, ['initial', 'refresh']);
    assert.equal(backend.requests.length, 2);
  });

  it('no token to refresh with is an AuthError after one request', async () => {
    const api = httpTransport({ baseUrl: BASE, getToken: (reason) => (reason === 'initial' ? 'stale-token' : undefined) });
    await failure(api.list(), AuthError);
    assert.equal(backend.requests.length, 1);
    await failure(anonymous.changes(), AuthError);
    assert.equal(backend.requests.length, 2);
  });

  it('concurrent 401s share one refresh', async () => {
    let refreshes = 0;
    const api = httpTransport({
      baseUrl: BASE,
      getToken: async (reason) => {
        if (reason === 'initial') return 'stale-token';
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 20));
        return 'fresh-token';
      },
    });
    await Promise.all([api.list(), api.list(), api.changes()]);
    assert.equal(refreshes, 1);
  });
});

describe('httpTransport faults', () => {
  it('offline is a retryable NETWORK error until online again', async () => {
    backend.faults.offline();
    const error = await failure(anonymous.create(buildTicketInput()), TransportError);
    assert.equal(error.code, 'NETWORK');
    assert.equal(error.retryable, true);
    await failure(agent.list(), TransportError);
    backend.faults.online();
    await anonymous.create(buildTicketInput());
    assert.equal(await backend.ticketCount(), 1);
  });

  it('a rejected fetch is NETWORK', async () => {
    const api = httpTransport({ baseUrl: BASE, fetch: async () => Promise.reject(new TypeError('fetch failed')) });
    assert.equal((await failure(api.get('t-1'), TransportError)).code, 'NETWORK');
  });

  it('5xx is SERVER; nothing was committed', async () => {
    backend.faults.status(500, { path: '/tickets', method: 'POST' });
    const error = await failure(anonymous.create(buildTicketInput()), TransportError);
    assert.equal(error.code, 'SERVER');
    assert.equal(error.status, 500);
    assert.equal(error.retryable, true);
    assert.equal(await backend.ticketCount(), 0);
    backend.faults.status(503, { retryAfter: '2' });
    assert.equal((await failure(agent.list(), TransportError)).retryAfterMs, 2000);
  });

  it('429 is RATE_LIMITED with Retry-After in seconds or as an HTTP date', async () => {
    backend.faults.status(429, { retryAfter: '7' });
    const seconds = await failure(agent.list(), TransportError);
    assert.equal(seconds.code, 'RATE_LIMITED');
    assert.equal(seconds.retryAfterMs, 7000);

    backend.faults.status(429, { retryAfter: new Date(Date.now() + 30_000).toUTCString() });
    const date = await failure(agent.list(), TransportError);
    assert.equal(date.code, 'RATE_LIMITED');
    assert.ok(date.retryAfterMs! > 28_000 && date.retryAfterMs! <= 30_000, String(date.retryAfterMs));

    backend.faults.status(429, { retryAfter: new Date(Date.now() - 60_000).toUTCString() });
    assert.equal((await failure(agent.list(), TransportError)).retryAfterMs, 0);
    backend.faults.status(429);
    assert.equal((await failure(agent.list(), TransportError)).retryAfterMs, undefined);
  });

  it('parseRetryAfter reads both forms and clamps at zero', () => {
    const now = Date.parse('2026-11-22T01:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Sun, 22 Nov 2026 01:01:30 GMT', now), 90_000);
    assert.equal(parseRetryAfter('Sun, 22 Nov 2026 00:59:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('a truncated JSON answer is BAD_RESPONSE, though the create was committed; the retry replays it', async () => {
    backend.faults.malformedJson({ path: '/tickets' });
    const error = await failure(anonymous.create(buildTicketInput(), { idempotencyKey: 'k-mangled' }), TransportError);
    assert.equal(error.code, 'BAD_RESPONSE');
    assert.equal(error.retryable, true);
    assert.equal(await backend.ticketCount(), 1);
    const retry = await anonymous.create(buildTicketInput(), { idempotencyKey: 'k-mangled' });
    assert.equal(retry.replayed, true);
    assert.equal(await backend.ticketCount(), 1);
  });

  it('an HTML page served with 200 is BAD_RESPONSE, and nothing was committed', async () => {
    backend.faults.htmlErrorPage({ times: 2 });
    assert.equal((await failure(anonymous.create(buildTicketInput()), TransportError)).code, 'BAD_RESPONSE');
    assert.equal((await failure(agent.list(), TransportError)).code, 'BAD_RESPONSE');
    assert.equal(await backend.ticketCount(), 0);
  });

  it('JSON of the wrong shape is BAD_RESPONSE, never a partial result', async () => {
    server.use(
      http.get(`${BASE}/tickets/:id`, () => HttpResponse.json({ id: 't-1', subject: 'half a ticket' })),
      http.get(`${BASE}/tickets`, () => HttpResponse.json({ tickets: [{ id: 1 }], total: 1 })),
      http.get(`${BASE}/events`, () => HttpResponse.text('not json', { headers: { 'Content-Type': 'application/json' } })),
      http.get(`${BASE}/knowledge/search`, () => HttpResponse.json({ hits: [{ id: 'kb-1' }] })),
    );
    const calls = [agent.get('t-1'), agent.list(), agent.changes(), agent.searchKnowledge('空调')];
    // Checked one after another; a customer call's schemas load on first use, so the others wait meanwhile.
    for (const call of calls) call.catch(() => undefined);
    for (const call of calls) {
      const error = await failure(call, TransportError);
      assert.equal(error.code, 'BAD_RESPONSE');
    }
  });

  it('an error answer without the contract’s body still maps by status', async () => {
    server.use(http.get(`${BASE}/tickets`, () => new HttpResponse('<h1>502 Bad Gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } })));
    const error = await failure(agent.list(), TransportError);
    assert.equal(error.code, 'SERVER');
    assert.equal(error.status, 502);
  });

  it('no answer in time is TIMEOUT; a write committed before the timeout replays on retry', async () => {
    const quick = httpTransport({ baseUrl: BASE, timeoutMs: 150 });
    backend.faults.timeoutAfterCommit({ path: '/tickets' });
    const started = Date.now();
    const error = await failure(quick.create(buildTicketInput(), { idempotencyKey: 'k-slow' }), TransportError);
    assert.equal(error.code, 'TIMEOUT');
    assert.ok(Date.now() - started < 1000);
    assert.equal(await backend.ticketCount(), 1);
    assert.equal(backend.requests[0]?.status, 0);
    assert.equal((await quick.create(buildTicketInput(), { idempotencyKey: 'k-slow' })).replayed, true);
    assert.equal(await backend.ticketCount(), 1);
  });

  it('a delay longer than the timeout is TIMEOUT and the dropped request commits nothing; a short one succeeds', async () => {
    const quick = httpTransport({ baseUrl: BASE, timeoutMs: 150 });
    backend.faults.delay(2000, { method: 'POST' });
    assert.equal((await failure(quick.create(buildTicketInput()), TransportError)).code, 'TIMEOUT');
    backend.faults.delay(30);
    await quick.create(buildTicketInput());
    assert.equal(await backend.ticketCount(), 1);
  });

  it('faults match by path and method and are used up', async () => {
    backend.faults.status(500, { path: /\/replies$/, times: 2 });
    const { ticket, accessToken } = await anonymous.create(buildTicketInput());
    await failure(anonymous.reply(ticket.id, { body: '1' }, { accessToken }), TransportError);
    await failure(anonymous.reply(ticket.id, { body: '2' }, { accessToken }), TransportError);
    await anonymous.reply(ticket.id, { body: '3' }, { accessToken });
    backend.faults.status(500);
    backend.faults.reset();
    await agent.get(ticket.id);
  });
});

describe('httpEventStream', () => {
  const options = { baseUrl: BASE, getToken: () => 'agent-token' as string | undefined, timeoutMs: 2000 };

  it('receives pages as tickets change and resolves when aborted', async () => {
    const { ticket } = await anonymous.create(buildTicketInput());
    const pages: StreamPage[] = [];
    const controller = new AbortController();
    let second: () => void = () => undefined;
    const gotSecond = new Promise<void>((r) => (second = r));
    const done = httpEventStream(options, undefined, (page) => {
      pages.push(page);
      if (pages.length === 1) void backend.service.reply(ticket.id, { body: '我们已安排师傅' });
      if (pages.length === 2) second();
    }, controller.signal);
    await gotSecond;
    controller.abort();
    await done;
    assert.deepEqual(pages.map((p) => p.tickets.map((t) => t.id)), [[ticket.id], [ticket.id]]);
    assert.ok(pages[1]!.tickets[0]!.events.some((e) => e.type === 'reply'));
    assert.notEqual(pages[0]!.cursor, pages[1]!.cursor);
  });

  it('resumes after a cursor and resolves when the server ends the stream', async () => {
    const a = await anonymous.create(buildTicketInput());
    const { cursor } = await agent.changes();
    const b = await anonymous.create(buildTicketInput({ subject: '洗衣机漏水' }));
    const pages: StreamPage[] = [];
    await httpEventStream(options, cursor, (page) => {
      pages.push(page);
      backend.endStreams();
    });
    assert.deepEqual(pages.map((p) => p.tickets.map((t) => t.id)), [[b.ticket.id]]);
    assert.notEqual(a.ticket.id, b.ticket.id);
  });

  it('parses events split across chunks, CRLF line ends, comments and multi-line data', async () => {
    const { ticket } = await anonymous.create(buildTicketInput());
    const json = JSON.stringify({ tickets: [ticket], cursor: '7' });
    // Multi-line data joins with "\n": split the JSON after a comma, where a line break is fine.
    const cut = json.indexOf(',"number"') + 1;
    const text =
      `: hello\r\n\r\nevent: changes\r\ndata: ${json.slice(0, cut)}\r\ndata:${json.slice(cut)}\r\n\r\n` +
      `event: ping\ndata: {}\n\ndata: ${JSON.stringify({ tickets: [], cursor: '8' })}\n\n`;
    // 37-byte chunks cut CRLFs and multi-byte characters in two.
    const bytes = new TextEncoder().encode(text);
    server.use(
      http.get(`${BASE}/events/stream`, () => {
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            for (let i = 0; i < bytes.length; i += 37) c.enqueue(bytes.slice(i, i + 37));
            c.close();
          },
        });
        return new HttpResponse(stream, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
    );
    const pages: StreamPage[] = [];
    await httpEventStream(options, undefined, (page) => void pages.push(page));
    assert.deepEqual(pages.map((p) => [p.tickets.length, p.cursor]), [[1, '7'], [0, '8']]);
    assert.equal(pages[0]!.tickets[0]!.id, ticket.id);
  });

  it('fails with typed errors: no credentials, no stream offered, bad events', async () => {
    await failure(httpEventStream({ baseUrl: BASE }, undefined, () => undefined), AuthError);

    backend.faults.offline();
    assert.equal((await failure(httpEventStream(options, undefined, () => undefined), TransportError)).code, 'NETWORK');
    backend.faults.online();

    server.use(http.get(`${BASE}/events/stream`, () => HttpResponse.json({ error: { code: 'NOT_IMPLEMENTED', message: 'no SSE here' } }, { status: 404 })));
    const missing = await failure(httpEventStream(options, undefined, () => undefined), TransportError);
    assert.equal(missing.code, 'REJECTED');
    assert.equal(missing.status, 404);

    server.use(http.get(`${BASE}/events/stream`, () => HttpResponse.json({ tickets: [], cursor: '1' })));
    assert.equal((await failure(httpEventStream(options, undefined, () => undefined), TransportError)).code, 'BAD_RESPONSE');

    server.use(http.get(`${BASE}/events/stream`, () => new HttpResponse('data: {"tickets":[{"id":1}]}\n\n', { headers: { 'Content-Type': 'text/event-stream' } })));
    assert.equal((await failure(httpEventStream(options, undefined, () => undefined), TransportError)).code, 'BAD_RESPONSE');

  });
});

describe('docs/openapi.yaml', () => {
  it('is valid YAML describing every operation, with every $ref resolving', async (t) => {
    // `yaml` comes with typedoc and vite; skip rather than fail if a future tree drops it.
    let parse: (text: string) => unknown;
    try {
      ({ parse } = (await import('yaml')) as { parse: (text: string) => unknown });
    } catch {
      t.skip('no YAML parser installed');
      return;
    }
    const { readFileSync } = await import('node:fs');
    const doc = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8')) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string; parameters?: Array<{ $ref?: string; name?: string; in?: string }> }>>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    assert.equal(doc.openapi, '3.1.0');

    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).filter((k) => k !== 'parameters').map((method) => `${method.toUpperCase()} ${path}`),
    );
    assert.deepEqual(operations.sort(), [
      'GET /agents',
      'GET /attachments/{id}',
      'GET /events',
      'GET /events/stream',
      'GET /knowledge/search',
      'GET /knowledge/suggest',
      'GET /tickets',
      'GET /tickets/{id}',
      'GET /tickets/{id}/assignee-suggestion',
      'POST /attachments',
      'POST /tickets',
      'POST /tickets/{id}/assignment',
      'POST /tickets/{id}/collaborators',
      'POST /tickets/{id}/merge',
      'POST /tickets/{id}/notes',
      'POST /tickets/{id}/rating',
      'POST /tickets/{id}/replies',
      'POST /tickets/{id}/subtasks',
      'POST /tickets/{id}/transitions',
    ]);
    const ids = operations.map((o) => {
      const [method, path] = o.split(' ') as [string, string];
      return doc.paths[path]![method.toLowerCase()]!.operationId;
    });
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');

    // Every $ref points at something that exists.
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [k, value] of Object.entries(node)) {
          if (k === '$ref' && typeof value === 'string') refs.push(value);
          else walk(value);
        }
    };
    walk(doc);
    assert.ok(refs.length > 50);
    for (const ref of refs) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], doc);
      assert.ok(target !== undefined, `unresolved ${ref}`);
    }

    // The fields the SDK insists on are the ones the contract requires.
    const ticketEntries = (ticketResponseSchema.pipe[0] as { entries: Record<string, { type: string }> }).entries;
    const sdkRequired = Object.entries(ticketEntries).filter(([, s]) => s.type !== 'nullish').map(([k]) => k).sort();
    assert.deepEqual([...doc.components.schemas['Ticket']!.required!].sort(), sdkRequired);

    // The create requires the Idempotency-Key header.
    const create = doc.paths['/tickets']!['post']!;
    assert.ok(create.parameters?.some((p) => p.$ref === '#/components/parameters/IdempotencyKeyRequired'));
  });
});
