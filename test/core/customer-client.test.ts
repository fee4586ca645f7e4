// The lean customer client (what `<ac-provider api-base>` gives customer elements) beyond the
// fault matrix it shares with createClient in client-remote.test.ts: what the desk states on
// customer views (SLA promises, allowed actions), change events, refusals before anything is
// queued, and the deferred client the provider hands out while the full client loads.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import {
  createClient,
  createCustomerClient,
  customerHttpTransport,
  httpTransport,
  memoryOutboxStore,
  memoryStorage,
  QueuedError,
  ValidationError,
  type ClientEvent,
  type CustomerClient,
} from '../../src/index.js';
import { deferredClient } from '../../src/client/deferred-client.js';
import { buildTicketInput, createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';

let now = Date.parse('2026-11-23T02:00:00.000Z');
const DAY = 86_400_000;
const AGENT = { actor: { kind: 'agent' as const, id: 'agent-1', name: '王工', role: 'agent' as const } };
const backend = createMockBackend({ now: () => now, engine: { policies: [{ id: 'std', targets: { first_response: 120, resolution: 2880 } }] } });
const server = setupServer(...backend.handlers);
const clients: Array<{ close(): Promise<void> }> = [];
const lean = () => {
  const c = createCustomerClient({ transport: customerHttpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 300 }), outbox: memoryOutboxStore(), now: () => now });
  clients.push(c);
  return c;
};

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  backend.reset();
  now = Date.parse('2026-11-23T02:00:00.000Z');
});
after(() => server.close());

describe('customer views: what the desk states to the customer', () => {
  it('carries the SLA clocks and the actions the customer may take; agents’ views do not', async () => {
    const { ticket, accessToken } = await backend.service.create(buildTicketInput());
    const view = await backend.service.get(ticket.id, { accessToken });
    assert.equal(view.sla?.metrics.first_response?.target, 120);
    assert.equal(view.sla?.metrics.first_response?.dueAt, new Date(now + 120 * 60_000).toISOString());
    assert.equal(view.sla?.at, new Date(now).toISOString());
    assert.deepEqual(view.customerActions, []);
    const full = await backend.service.get(ticket.id);
    assert.equal(full.sla, undefined);
    assert.equal(full.customerActions, undefined);
  });

  it('lists reopen within the window after resolution, and not after it (by the desk’s clock)', async () => {
    const { ticket, accessToken } = await backend.service.create(buildTicketInput());
    await backend.service.assign(ticket.id, { assigneeId: 'agent-1', assigneeName: '王工' }, AGENT);
    await backend.service.transition(ticket.id, { action: 'start' }, AGENT);
    await backend.service.transition(ticket.id, { action: 'resolve', note: '已修好' }, AGENT);
    assert.deepEqual((await backend.service.get(ticket.id, { accessToken })).customerActions, ['reopen']);
    now += 8 * DAY;
    assert.deepEqual((await backend.service.get(ticket.id, { accessToken })).customerActions, []);
  });

  it('travels over HTTP and is checked like the rest of the answer', async () => {
    const client = lean();
    const r = await client.tickets.create(buildTicketInput());
    assert.equal(r.status, 'created');
    assert.equal(r.ticket.sla?.metrics.first_response?.state, 'running');
    const sla = client.sla(r.ticket)!;
    assert.equal(sla.metrics?.first_response?.dueAt, now + 120 * 60_000);
    assert.equal(sla.dueAt, now + 120 * 60_000);
    assert.equal(sla.state, 'running');
  });
});

describe('client.sla(ticket)', () => {
  it('is the store’s computation when the client has policies, else the desk’s statement', async () => {
    const { ticket, accessToken } = await backend.service.create(buildTicketInput());
    const view = await backend.service.get(ticket.id, { accessToken });
    // A remote full client without policies shows what the desk stated.
    const remote = createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL }), outbox: memoryOutboxStore(), live: false, now: () => now });
    clients.push(remote);
    assert.equal(remote.sla(view)?.metrics?.first_response?.target, 120);
    // A local client with its own policies computes them.
    const local = createClient({ storage: memoryStorage(), now: () => now, policies: [{ id: 'fast', targets: { first_response: 30 } }] });
    clients.push(local);
    const created = await local.tickets.create(buildTicketInput());
    assert.equal(local.sla(created.ticket)?.metrics?.first_response?.target, 30);
    // Nothing known: nothing promised.
    assert.equal(lean().sla({ ...view, sla: undefined }), undefined);
  });
});

describe('createCustomerClient', () => {
  it('refuses a bad ticket before anything is stored or sent', async () => {
    const client = lean();
    await assert.rejects(client.tickets.create({ ...buildTicketInput(), subject: '' }), ValidationError);
    assert.deepEqual(await client.outbox.entries(), []);
    assert.equal(backend.requests.length, 0);
  });

  it('announces a ticket’s change once per revision', async () => {
    const client = lean();
    const changed: number[] = [];
    client.subscribe((e: ClientEvent) => e.type === 'ticket-changed' && changed.push(e.ticket.revision));
    const r = await client.tickets.create(buildTicketInput());
    assert.ok(r.status === 'created');
    await client.tickets.get(r.ticket.id, { accessToken: r.accessToken });
    await client.tickets.get(r.ticket.id, { accessToken: r.accessToken });
    await client.tickets.reply(r.ticket.id, { body: '补充一下型号' }, { accessToken: r.accessToken });
    assert.deepEqual(changed, [2]);
  });

  it('does not take a reply for a ticket that has not reached the desk yet', async () => {
    const client = lean();
    backend.faults.offline();
    const r = await client.tickets.create(buildTicketInput());
    assert.equal(r.status, 'queued');
    await assert.rejects(client.tickets.reply(r.ticket.id, { body: '还在吗' }), ValidationError);
    backend.faults.online();
  });

  it('keeps a rating made offline and sends it once', async () => {
    const client = lean();
    const { ticket, accessToken } = await backend.service.create(buildTicketInput());
    await backend.service.assign(ticket.id, { assigneeId: 'agent-1', assigneeName: '王工' }, AGENT);
    await backend.service.transition(ticket.id, { action: 'start' }, AGENT);
    await backend.service.transition(ticket.id, { action: 'resolve', note: '已修好' }, AGENT);
    backend.faults.offline();
    await assert.rejects(client.tickets.rate(ticket.id, { score: 5 }, { accessToken, idempotencyKey: `rate:${ticket.id}` }), QueuedError);
    backend.faults.online();
    now += 60_000;
    await client.outbox.flush();
    await client.outbox.flush();
    const rated = await backend.service.get(ticket.id);
    assert.equal(rated.satisfaction?.score, 5);
    assert.equal(rated.events.filter((e) => e.type === 'rated').length, 1);
  });

  it('has only the customer’s operations over HTTP', () => {
    const transport = customerHttpTransport({ baseUrl: MOCK_BASE_URL });
    assert.deepEqual(Object.keys(transport).sort(), ['create', 'get', 'rate', 'reply', 'searchKnowledge', 'suggestKnowledge', 'transition', 'uploadAttachment']);
  });
});

describe('deferredClient', () => {
  it('holds calls and early listeners until the client has loaded, then hands them over', async () => {
    let release!: (c: CustomerClient) => void;
    const loading = new Promise<CustomerClient>((resolve) => (release = resolve));
    const deferred = deferredClient('local', loading);
    const events: string[] = [];
    const unsubscribe = deferred.subscribe((e) => events.push(e.type));
    const created = deferred.tickets.create(buildTicketInput());
    assert.equal(deferred.attachments.policy.maxFiles, 10);
    const local = createClient({ storage: memoryStorage(), now: () => now });
    clients.push(local);
    release(local);
    assert.equal((await created).status, 'created');
    assert.ok(events.includes('ticket-changed'));
    unsubscribe();
    const before = events.length;
    await local.tickets.create(buildTicketInput());
    assert.equal(events.length, before);
    assert.equal(deferred.attachments.policy, local.attachments.policy);
  });
});
