// The operations agent elements need beyond the customer's: the agent directory, acting as a
// named agent, collaborators, merging a duplicate and splitting off a sub-task — in local
// mode and through the REST contract (mock backend), with the event log explaining each.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { AuthError, createClient, httpTransport, memoryOutboxStore, type AftercareClient } from '../../src/index.js';
import { buildAgent, createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';

const AGENTS = [
  buildAgent({ id: 'agent-1', name: '王建国', publicName: '王工' }),
  buildAgent({ id: 'agent-2', name: '李娜', publicName: '李工', groupIds: ['repair', 'parts'] }),
  buildAgent({ id: 'lead-1', name: '陈明', publicName: '陈组长', role: 'lead' }),
];

const backend = createMockBackend({ engine: { agents: AGENTS } });
const server = setupServer(...backend.handlers);
const clients: AftercareClient[] = [];
const remote = (token?: string) => {
  const client = createClient({
    transport: httpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 2000, ...(token ? { getToken: () => token } : {}) }),
    outbox: memoryOutboxStore(),
    live: false,
  });
  clients.push(client);
  return client;
};
const local = () => {
  const client = createClient({ storage: 'memory', agents: AGENTS });
  clients.push(client);
  return client;
};

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  backend.reset();
});
after(() => server.close());

describe('client.agents.list()', () => {
  it('local mode: the agents option, as copies', async () => {
    const client = local();
    const agents = await client.agents.list();
    assert.deepEqual(agents, AGENTS);
    agents[0]!.groupIds.push('changed');
    assert.deepEqual((await client.agents.list())[0]!.groupIds, ['repair']);
  });

  it('local mode without agents: an empty list', async () => {
    const client = createClient({ storage: 'memory' });
    clients.push(client);
    assert.deepEqual(await client.agents.list(), []);
  });

  it('remote mode: GET /agents for a signed-in agent; refused to anonymous pages', async () => {
    assert.deepEqual(await remote('agent-token').agents.list(), AGENTS);
    assert.ok(backend.requests.some((r) => r.method === 'GET' && r.path === '/agents' && r.status === 200));
    await assert.rejects(remote().agents.list(), (e: unknown) => e instanceof AuthError && e.status === 401);
  });
});
