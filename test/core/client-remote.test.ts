// The fault matrix of issue 6 in Node: every case ends with exactly one ticket on the server
// and one in the client's store, none lost. The same cases run in Chromium with the IndexedDB
// outbox in test/browser/client-outbox.test.ts.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  createClient,
  createCustomerClient,
  customerHttpTransport,
  httpTransport,
  memoryOutboxStore,
  ConflictError,
  QueuedError,
  selectQueue,
  selectQueueState,
  TransportError,
  type AftercareClient,
  type ClientEvent,
  type ClientOptions,
  type CustomerClient,
  type OutboxStore,
} from '../../src/index.js';
import { buildTicketInput, createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';

const backend = createMockBackend();
const server = setupServer(...backend.handlers);

let now = Date.parse('2026-11-23T02:00:00.000Z');
const clock = () => now;
/** Clients of the agent-side tests below. */
const clients: AftercareClient[] = [];

/**
 * The two clients a customer page can have: the full one (`createClient`, Redux store) and the
 * lean one (`createCustomerClient`, what `<ac-provider api-base>` makes), each with a ledger of
 * what it holds — the store for the first, its events for the second.
 */
interface Subject {
  name: string;
  make(options: { outbox?: OutboxStore }): CustomerClient;
  /** Tickets the client holds that are real (confirmed) and provisional (queued). */
  held(client: CustomerClient): { confirmed: number; queued: number };
  online(client: CustomerClient): boolean;
  /** Whether the client says its queued writes survive a reload. */
  durable(client: CustomerClient): boolean;
}

const ledgers = new WeakMap<CustomerClient, { confirmed: Set<string>; queued: Set<string>; online: boolean; durable: boolean }>();
const subjects: Subject[] = [
  {
    name: 'createClient',
    make: (options) => createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 300 }), outbox: memoryOutboxStore(), now: clock, live: false, ...options }),
    held(client) {
      const state = (client as AftercareClient).getState();
      const queued = Object.keys(state.tickets.queued).length;
      return { confirmed: state.tickets.ids.length - queued, queued };
    },
    online: (client) => (client as AftercareClient).getState().connection.online,
    durable: (client) => (client as AftercareClient).getState().outbox.durable,
  },
  {
    name: 'createCustomerClient',
    make(options) {
      const client = createCustomerClient({ transport: customerHttpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 300 }), outbox: memoryOutboxStore(), now: clock, ...options });
      const ledger = { confirmed: new Set<string>(), queued: new Set<string>(), online: true, durable: true };
      client.subscribe((e) => {
        if (e.type === 'ticket-queued') ledger.queued.add(e.ticket.id);
        if (e.type === 'ticket-sent') {
          ledger.queued.delete(e.provisionalId);
          ledger.confirmed.add(e.ticket.id);
        }
        if (e.type === 'outbox-failed' && e.entry.op === 'create') ledger.queued.delete(e.entry.ticketId);
        if (e.type === 'connection') ledger.online = e.online;
        if (e.type === 'storage-error') ledger.durable = false;
      });
      ledgers.set(client, ledger);
      return client;
    },
    held(client) {
      const ledger = ledgers.get(client)!;
      return { confirmed: ledger.confirmed.size, queued: ledger.queued.size };
    },
    online: (client) => ledgers.get(client)!.online,
    durable: (client) => ledgers.get(client)!.durable,
  },
];

const createPosts = () => backend.requests.filter((r) => r.method === 'POST' && r.path === '/tickets');

for (const subject of subjects) {
  const made: CustomerClient[] = [];
  const customerClient = (options: { outbox?: OutboxStore } = {}): CustomerClient => {
    const client = subject.make(options);
    made.push(client);
    return client;
  };
  const held = (client: CustomerClient) => subject.held(client);

  describe(`remote client (${subject.name}): exactly one ticket through every fault`, () => {
    before(() => server.listen({ onUnhandledRequest: 'error' }));
    afterEach(async () => {
      for (const c of made.splice(0)) await c.close();
      backend.reset();
      now = Date.parse('2026-11-23T02:00:00.000Z');
    });
    after(() => server.close());

    it('sends a ticket at once when all is well', async () => {
      const client = customerClient();
      const r = await client.tickets.create(buildTicketInput());
      assert.equal(r.status, 'created');
      assert.ok(r.status === 'created' && r.accessToken);
      assert.equal(await backend.ticketCount(), 1);
      assert.deepEqual(held(client), { confirmed: 1, queued: 0 });
      assert.deepEqual(await client.outbox.entries(), []);
    });

    it('double click on submit: one ticket', async () => {
      const client = customerClient();
      const input = buildTicketInput();
      const [a, b] = await Promise.all([client.tickets.create(input, { idempotencyKey: 'draft-7' }), client.tickets.create(input, { idempotencyKey: 'draft-7' })]);
      assert.equal(a.ticket.id, b.ticket.id);
      assert.equal(await backend.ticketCount(), 1);
      assert.equal(createPosts().length, 1);
      assert.deepEqual(held(client), { confirmed: 1, queued: 0 });
    });

    it('offline submit, then online: queued with a provisional copy, then sent once', async () => {
      const client = customerClient();
      const events: ClientEvent[] = [];
      client.subscribe((e) => events.push(e));
      backend.faults.offline();
      const r = await client.tickets.create(buildTicketInput({ subject: '离线提交' }));
      assert.equal(r.status, 'queued');
      assert.equal(await backend.ticketCount(), 0);
      assert.deepEqual(held(client), { confirmed: 0, queued: 1 });
      assert.equal(subject.online(client), false);
      assert.ok(events.some((e) => e.type === 'ticket-queued'));
      backend.faults.online();
      now += 60_000;
      await client.outbox.flush();
      assert.equal(await backend.ticketCount(), 1);
      assert.deepEqual(held(client), { confirmed: 1, queued: 0 });
      const sent = events.find((e) => e.type === 'ticket-sent');
      assert.ok(sent && sent.type === 'ticket-sent' && sent.provisionalId === r.ticket.id && sent.ticket.subject === '离线提交' && sent.accessToken);
      // The token reaches the page through the event, not through the client's state.
      const state = (client as { getState?: () => unknown }).getState?.();
      assert.ok(!JSON.stringify(state ?? {}).includes(sent.accessToken));
    });

    it('timeout after the server committed, then retry: the same key returns the original ticket', async () => {
      const client = customerClient();
      backend.faults.timeoutAfterCommit({ path: '/tickets', method: 'POST' });
      const r = await client.tickets.create(buildTicketInput());
      assert.equal(r.status, 'queued');
      assert.equal(await backend.ticketCount(), 1); // committed, answer lost
      now += 60_000;
      await client.outbox.flush();
      assert.equal(await backend.ticketCount(), 1);
      const keys = createPosts().map((p) => p.idempotencyKey);
      assert.equal(keys.length, 2);
      assert.equal(keys[0], keys[1]);
      assert.deepEqual(held(client), { confirmed: 1, queued: 0 });
    });

    it('500, then success', async () => {
      const client = customerClient();
      backend.faults.status(500);
      assert.equal((await client.tickets.create(buildTicketInput())).status, 'queued');
      assert.equal(await backend.ticketCount(), 0);
      now += 60_000;
      await client.outbox.flush();
      assert.equal(await backend.ticketCount(), 1);
      assert.deepEqual(held(client), { confirmed: 1, queued: 0 });
    });

    for (const [form, retryAfter] of [
      ['seconds', '120'],
      // The transport reads an HTTP date against the real clock, as it must.
      ['an HTTP date', new Date(Date.now() + 121_000).toUTCString()],
    ] as const) {
      it(`429 with Retry-After as ${form}: waits as told, then sends once`, async () => {
        const client = customerClient();
        backend.faults.status(429, { retryAfter });
        assert.equal((await client.tickets.create(buildTicketInput())).status, 'queued');
        const [entry] = await client.outbox.entries();
        // Within the clock skew of the date form (whole seconds).
        assert.ok(Math.abs(entry!.notBefore - (now + 120_000)) <= 2_000, `notBefore ${entry!.notBefore - now} ms from now`);
        now += 60_000;
        await client.outbox.flush();
        assert.equal(await backend.ticketCount(), 0);
        now += 62_000;
        await client.outbox.flush();
        assert.equal(await backend.ticketCount(), 1);
        assert.deepEqual(held(client), { confirmed: 1, queued: 0 });
      });
    }

    it('malformed JSON (the server committed): retried with the same key, one ticket', async () => {
      const client = customerClient();
      backend.faults.malformedJson({ path: '/tickets', method: 'POST' });
      assert.equal((await client.tickets.create(buildTicketInput())).status, 'queued');
      assert.equal(await backend.ticketCount(), 1);
      now += 60_000;
      await client.outbox.flush();
      assert.equal(await backend.ticketCount(), 1);
      assert.deepEqual(held(client), { confirmed: 1, queued: 0 });
    });

    it('an HTML error page with status 200: not taken for an answer, retried, one ticket', async () => {
      const client = customerClient();
      backend.faults.htmlErrorPage();
      assert.equal((await client.tickets.create(buildTicketInput())).status, 'queued');
      now += 60_000;
      await client.outbox.flush();
      assert.equal(await backend.ticketCount(), 1);
      assert.deepEqual(held(client), { confirmed: 1, queued: 0 });
    });

    it('two tabs flushing the same outbox: each entry is sent once', async () => {
      const shared = memoryOutboxStore();
      const tab1 = customerClient({ outbox: shared });
      const tab2 = customerClient({ outbox: shared });
      backend.faults.offline();
      await tab1.tickets.create(buildTicketInput({ subject: 'A' }));
      await tab1.tickets.create(buildTicketInput({ subject: 'B' }));
      backend.faults.online();
      backend.faults.delay(50, { path: '/tickets', method: 'POST', times: 4 });
      now += 60_000;
      await Promise.all([tab1.outbox.flush(), tab2.outbox.flush(), tab1.outbox.flush(), tab2.outbox.flush()]);
      assert.equal(await backend.ticketCount(), 2);
      assert.equal(createPosts().filter((p) => p.status >= 200 && p.status < 300).length, 2);
      assert.deepEqual(await shared.all(), []);
    });

    it('reload with a queued entry: the next page sends it on start', async () => {
      const durable = memoryOutboxStore(); // stands for IndexedDB, which outlives the page
      const page1 = customerClient({ outbox: durable });
      backend.faults.offline();
      await page1.tickets.create(buildTicketInput({ subject: '重新加载' }));
      await page1.close();
      backend.faults.online();
      now += 60_000;
      const page2 = customerClient({ outbox: durable });
      const sent = new Promise<string>((resolve) => page2.subscribe((e) => e.type === 'ticket-sent' && resolve(e.ticket.subject)));
      assert.equal(await sent, '重新加载');
      assert.equal(await backend.ticketCount(), 1);
      assert.deepEqual(held(page2), { confirmed: 1, queued: 0 });
    });

    it('quota exceeded: the submission stays in memory, the client says so, and it is still sent once', async () => {
      const full: OutboxStore = {
        ...memoryOutboxStore(),
        durable: true,
        async put() {
          throw Object.assign(new Error('QuotaExceededError: the quota has been exceeded'), { name: 'QuotaExceededError' });
        },
      };
      const client = customerClient({ outbox: full });
      const events: ClientEvent[] = [];
      client.subscribe((e) => events.push(e));
      backend.faults.offline();
      const r = await client.tickets.create(buildTicketInput());
      assert.equal(r.status, 'queued');
      assert.ok(r.status === 'queued' && r.durable === false);
      assert.equal(subject.durable(client), false);
      if ('getState' in client) assert.equal((client as AftercareClient).getState().outbox.storageError?.code, 'QUOTA_EXCEEDED');
      assert.ok(events.some((e) => e.type === 'storage-error' && e.error.code === 'QUOTA_EXCEEDED'));
      backend.faults.online();
      now += 60_000;
      await client.outbox.flush();
      assert.equal(await backend.ticketCount(), 1);
      assert.deepEqual(held(client), { confirmed: 1, queued: 0 });
    });

    it('a refusal (4xx) reaches the caller at once and is not retried', async () => {
      const client = customerClient();
      backend.faults.status(422);
      await assert.rejects(client.tickets.create(buildTicketInput()), (e: unknown) => e instanceof TransportError && e.code === 'REJECTED');
      assert.deepEqual(await client.outbox.entries(), []);
      assert.deepEqual(held(client), { confirmed: 0, queued: 0 });
      now += 600_000;
      await client.outbox.flush();
      assert.equal(await backend.ticketCount(), 0);
      assert.equal(createPosts().length, 1);
    });

    it('a customer reply while offline is kept and sent once; the access token travels with it', async () => {
      const client = customerClient();
      const r = await client.tickets.create(buildTicketInput());
      assert.ok(r.status === 'created');
      backend.faults.offline();
      await assert.rejects(client.tickets.reply(r.ticket.id, { body: '补充：型号 KFR-35GW' }, { accessToken: r.accessToken }), QueuedError);
      backend.faults.online();
      now += 60_000;
      await client.outbox.flush();
      const stored = await backend.service.get(r.ticket.id);
      assert.equal(stored.events.filter((e) => e.type === 'reply').length, 1);
      assert.ok(JSON.stringify(stored).includes('补充：型号 KFR-35GW'));
    });
  });
}

describe('remote client: live updates from the change feed', () => {
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    backend.reset();
  });
  after(() => server.close());

  it('catches up from its cursor after being offline, missing nothing', async () => {
    const agent = createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, getToken: () => 'agent-token', timeoutMs: 300 }), outbox: memoryOutboxStore(), live: false });
    clients.push(agent);
    await backend.service.create(buildTicketInput({ subject: '一' }));
    await agent.sync();
    assert.equal(agent.getState().tickets.ids.length, 1);
    const cursor = agent.getState().connection.cursor;
    backend.faults.offline();
    await assert.rejects(agent.sync(), TransportError);
    assert.equal(agent.getState().connection.online, false);
    for (let i = 0; i < 3; i++) await backend.service.create(buildTicketInput({ subject: `离线期间 ${i}` }));
    backend.faults.online();
    await agent.sync();
    assert.equal(agent.getState().tickets.ids.length, 4);
    assert.notEqual(agent.getState().connection.cursor, cursor);
    assert.equal(agent.getState().connection.online, true);
    const since = backend.requests.filter((r) => r.path === '/events').length;
    assert.ok(since >= 3);
  });
});

describe('remote client: optimistic concurrency', () => {
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    backend.reset();
  });
  after(() => server.close());

  it('sends If-Match with the revision the agent saw and gets ConflictError when the ticket moved on', async () => {
    const agent = createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, getToken: () => 'agent-token' }), outbox: memoryOutboxStore(), live: false });
    clients.push(agent);
    const { ticket } = await backend.service.create(buildTicketInput());
    const seen = await agent.tickets.get(ticket.id);
    await backend.service.note(ticket.id, { body: '另一位同事先改了' });
    await assert.rejects(agent.tickets.assign(ticket.id, { assigneeId: 'agent-1' }, { expectedRevision: seen.revision }), ConflictError);
    const fresh = await agent.tickets.get(ticket.id);
    const assigned = await agent.tickets.assign(ticket.id, { assigneeId: 'agent-1' }, { expectedRevision: fresh.revision });
    assert.equal(assigned.assigneeId, 'agent-1');
  });
});

describe('remote client: server push', () => {
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    server.resetHandlers();
    backend.reset();
  });
  after(() => server.close());

  const agentClient = (live: ClientOptions['live']) => {
    const c = createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, getToken: () => 'agent-token', timeoutMs: 1000 }), outbox: memoryOutboxStore(), live });
    clients.push(c);
    return c;
  };
  const seen = (c: AftercareClient, subject: string) =>
    new Promise<void>((resolve) => c.subscribe((e) => e.type === 'ticket-changed' && e.ticket.subject === subject && resolve()));

  it('follows the event stream (SSE) when asked and offered', { timeout: 5000 }, async () => {
    const agent = agentClient({ sse: true, pollMs: 10_000 });
    await agent.ready;
    await new Promise((r) => setTimeout(r, 50)); // connected and following
    const arrived = seen(agent, '推送到达');
    await backend.service.create(buildTicketInput({ subject: '推送到达' }));
    await arrived;
    assert.ok(backend.requests.some((r) => r.path === '/events/stream'));
  });

  it('falls back to polling the change feed when the server has no stream', { timeout: 5000 }, async () => {
    server.use(http.get(`${MOCK_BASE_URL}/events/stream`, () => HttpResponse.json({ error: { code: 'NOT_IMPLEMENTED', message: 'no streaming here' } }, { status: 501 })));
    const agent = agentClient({ sse: true, pollMs: 30 });
    await agent.ready;
    const arrived = seen(agent, '轮询到达');
    await backend.service.create(buildTicketInput({ subject: '轮询到达' }));
    await arrived;
  });
});

describe('remote client: queue views', () => {
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    backend.reset();
  });
  after(() => server.close());

  it('loads mine, unassigned and all into the store, page by page, with totals', async () => {
    const agent = createClient({
      transport: httpTransport({ baseUrl: MOCK_BASE_URL, getToken: () => 'agent-token' }),
      outbox: memoryOutboxStore(),
      live: false,
      actor: { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' },
    });
    clients.push(agent);
    for (let i = 0; i < 5; i++) {
      const { ticket } = await backend.service.create(buildTicketInput({ subject: `单 ${i}` }));
      if (i < 2) await backend.service.assign(ticket.id, { assigneeId: 'agent-1' });
    }
    await agent.queues.load('mine');
    assert.equal(selectQueueState(agent.getState(), 'mine', 'agent-1').total, 2);
    assert.deepEqual(selectQueue(agent.getState(), 'mine', 'agent-1').length, 2);
    const first = await agent.queues.load('unassigned', { limit: 2 });
    assert.equal(first.total, 3);
    let q = selectQueueState(agent.getState(), 'unassigned');
    assert.equal(q.status, 'ready');
    assert.equal(q.ids.length, 2);
    assert.ok(q.next);
    await agent.queues.load('unassigned', { limit: 2, more: true });
    q = selectQueueState(agent.getState(), 'unassigned');
    assert.equal(q.ids.length, 3);
    assert.equal(q.next, undefined);
    backend.faults.status(500);
    await assert.rejects(agent.queues.load('all'), TransportError);
    assert.equal(selectQueueState(agent.getState(), 'all').status, 'error');
  });
});
