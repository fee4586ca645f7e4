// client.tickets.suggestAssignee: what routing would do with a stored ticket now, with its reasons,
// locally and through the REST contract (GET /tickets/{id}/assignee-suggestion), writing nothing.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { AuthError, createClient, createRouter, httpTransport, memoryOutboxStore, NotFoundError, type AftercareClient } from '../../src/index.js';
import { buildAgent, buildTicketInput, createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';

const AGENTS = [
  buildAgent({ id: 'agent-1', name: '王建国', capacity: 1 }),
  buildAgent({ id: 'agent-2', name: '李娜', status: 'offline' }),
  buildAgent({ id: 'agent-3', name: '赵敏', skills: [] }),
];
const router = () => createRouter({ rules: [{ id: 'repair', name: 'Repairs', actions: { group: 'repair', strategy: 'least_loaded' } }] });

const backend = createMockBackend({ engine: { agents: AGENTS, router: router() } });
const server = setupServer(...backend.handlers);
const clients: AftercareClient[] = [];
const track = (c: AftercareClient) => (clients.push(c), c);

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  backend.reset();
});
after(() => server.close());

describe('client.tickets.suggestAssignee', () => {
  it('local mode: the routing decision for the ticket with every candidate and why, changing nothing', async () => {
    const client = track(createClient({ storage: 'memory', agents: AGENTS, router: router() }));
    // The first ticket goes to agent-1 (least loaded), whose capacity is then full.
    const first = await client.tickets.create(buildTicketInput());
    const second = await client.tickets.create(buildTicketInput({ subject: '洗衣机漏水' }));
    if (first.status !== 'created' || second.status !== 'created') throw new Error('not created');
    assert.equal(first.ticket.assigneeId, 'agent-1');
    const before = await client.tickets.get(second.ticket.id);
    const suggestion = await client.tickets.suggestAssignee(second.ticket.id);
    assert.equal(suggestion.group, 'repair');
    assert.equal(suggestion.assignee, 'agent-3');
    assert.deepEqual(suggestion.trace.matchedRules.map((r) => r.id), ['repair']);
    const reasons = Object.fromEntries(suggestion.trace.candidates.map((c) => [c.agentId, c.chosen ? 'chosen' : c.reason]));
    assert.deepEqual(reasons, { 'agent-1': 'at_capacity', 'agent-2': 'offline', 'agent-3': 'chosen' });
    assert.ok(suggestion.trace.explanation.length > 0);
    // Plain data, and nothing written.
    assert.deepEqual(JSON.parse(JSON.stringify(suggestion)), suggestion);
    assert.deepEqual(await client.tickets.get(second.ticket.id), before);
  });

  it('local mode without rules says so; an unknown ticket is NotFoundError', async () => {
    const client = track(createClient({ storage: 'memory', agents: AGENTS }));
    const r = await client.tickets.create(buildTicketInput());
    if (r.status !== 'created') throw new Error('not created');
    const suggestion = await client.tickets.suggestAssignee(r.ticket.id);
    assert.equal(suggestion.assignee, undefined);
    assert.deepEqual(suggestion.trace.explanation, ['No routing rules are configured.']);
    await assert.rejects(client.tickets.suggestAssignee('no-such-ticket'), NotFoundError);
  });

  it('remote mode: GET /tickets/{id}/assignee-suggestion for agents; anonymous pages are refused', async () => {
    const { ticket } = await backend.service.create(buildTicketInput());
    const agent = track(createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 2000, getToken: () => 'agent-token' }), outbox: memoryOutboxStore(), live: false }));
    const suggestion = await agent.tickets.suggestAssignee(ticket.id);
    assert.equal(suggestion.group, 'repair');
    assert.ok(suggestion.trace.candidates.some((c) => c.agentId === 'agent-2' && c.reason === 'offline'));
    assert.ok(backend.requests.some((r) => r.method === 'GET' && r.path === `/tickets/${ticket.id}/assignee-suggestion` && r.status === 200));
    await assert.rejects(agent.tickets.suggestAssignee('no-such-ticket'), NotFoundError);
    const anonymous = track(createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 2000 }), outbox: memoryOutboxStore(), live: false }));
    await assert.rejects(anonymous.tickets.suggestAssignee(ticket.id), (e: unknown) => e instanceof AuthError && e.status === 401);
  });
});
