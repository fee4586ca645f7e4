// The operations agent elements need beyond the customer's: the agent directory, acting as a
// named agent, collaborators, merging a duplicate and splitting off a sub-task — in local
// mode and through the REST contract (mock backend), with the event log explaining each.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import {
  AuthError,
  ConflictError,
  createAutomation,
  createClient,
  createLocalService,
  httpTransport,
  memoryOutboxStore,
  memoryStorage,
  NotFoundError,
  ValidationError,
  WorkflowError,
  type AftercareClient,
} from '../../src/index.js';
import { buildAgent, buildTicketInput, createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';

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

/** A ticket of customer 张伟 (phone 13800138000), with its access token. */
async function ticketOf(client: AftercareClient, overrides: Partial<Parameters<AftercareClient['tickets']['create']>[0]> = {}) {
  const r = await client.tickets.create(buildTicketInput(overrides));
  assert.ok(r.status === 'created');
  return r;
}

describe('agentId: who acts', () => {
  it('local mode records the named agent with public name and role, and refuses an unknown one', async () => {
    const client = local();
    const { ticket } = await ticketOf(client);
    await client.tickets.assign(ticket.id, { assigneeId: 'agent-2' }, { agentId: 'lead-1' });
    const started = await client.tickets.transition(ticket.id, { action: 'start' }, { agentId: 'agent-2' });
    const noted = await client.tickets.note(ticket.id, { body: '@王工 请协助' , mentions: ['agent-1'] }, { agentId: 'agent-2' });
    const replied = await client.tickets.reply(ticket.id, { body: '您好' }, { agentId: 'agent-2' });
    const assigned = started.events.find((e) => e.type === 'assigned')!;
    assert.deepEqual(assigned.actor, { kind: 'agent', id: 'lead-1', name: '陈组长', role: 'lead' });
    assert.deepEqual(started.events.at(-1)!.actor, { kind: 'agent', id: 'agent-2', name: '李工', role: 'agent' });
    assert.equal(noted.events.at(-1)!.actor.id, 'agent-2');
    assert.equal(replied.events.at(-1)!.actor.id, 'agent-2');
    await assert.rejects(client.tickets.note(ticket.id, { body: 'x' }, { agentId: 'nobody' }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path === 'agentId' && e.issues[0]!.code === 'unknown_value');
    await assert.rejects(client.tickets.transition(ticket.id, { action: 'escalate' }, { agentId: '' }), ValidationError);
    // The role decides: a plain agent who is not the assignee may not start someone else's ticket.
    const other = await ticketOf(client);
    await client.tickets.assign(other.ticket.id, { assigneeId: 'agent-2' });
    await assert.rejects(client.tickets.transition(other.ticket.id, { action: 'start' }, { agentId: 'agent-1' }), (e: unknown) => e instanceof WorkflowError && e.code === 'GUARD_FAILED');
  });

  it('remote mode: the token decides; an agentId other than the configured actor is refused', async () => {
    const customer = remote();
    const agent = createClient({
      transport: httpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 2000, getToken: () => 'agent-token' }),
      outbox: memoryOutboxStore(),
      live: false,
      actor: { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' },
    });
    clients.push(agent);
    const { ticket } = await ticketOf(customer);
    const noted = await agent.tickets.note(ticket.id, { body: '内部' }, { agentId: 'agent-1' });
    assert.equal(noted.events.at(-1)!.actor.id, 'agent-1');
    await assert.rejects(agent.tickets.note(ticket.id, { body: '冒名' }, { agentId: 'lead-1' }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path === 'agentId');
    assert.equal(backend.requests.filter((r) => r.path.endsWith('/notes')).length, 1);
  });
});

describe('collaborators', () => {
  for (const mode of ['local', 'remote'] as const) {
    it(`adds and removes agents, logged as an internal field change (${mode})`, async () => {
      const client = mode === 'local' ? local() : remote('agent-token');
      const { ticket, accessToken } = await ticketOf(mode === 'local' ? client : remote());
      const added = await client.tickets.updateCollaborators(ticket.id, { add: ['agent-2', 'lead-1'] });
      assert.deepEqual(added.collaboratorIds, ['agent-2', 'lead-1']);
      const removed = await client.tickets.updateCollaborators(ticket.id, { remove: ['agent-2'] });
      assert.deepEqual(removed.collaboratorIds, ['lead-1']);
      const change = removed.events.at(-1)!;
      assert.equal(change.type, 'field_changed');
      assert.equal(change.visibility, 'internal');
      assert.deepEqual(change.type === 'field_changed' && change.data, { field: 'collaboratorIds', from: ['agent-2', 'lead-1'], to: ['lead-1'] });
      assert.equal(client.getState().tickets.entities[ticket.id]?.revision, removed.revision);
      await assert.rejects(client.tickets.updateCollaborators(ticket.id, { add: ['ghost'] }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path === 'add[0]');
      // Customers neither change nor see collaborators.
      const view = await client.tickets.get(ticket.id, { accessToken });
      assert.deepEqual(view.collaboratorIds, []);
    });
  }
});

describe('merge a duplicate', () => {
  for (const mode of ['local', 'remote'] as const) {
    it(`closes the duplicate with a link, tells the target, and the customer follows it there (${mode})`, async () => {
      const client = mode === 'local' ? local() : remote('agent-token');
      const customer = mode === 'local' ? client : remote();
      const original = await ticketOf(customer, { subject: '空调不制冷' });
      // The same customer writes again through another channel: another customer id, the same phone.
      const duplicate = await ticketOf(customer, { subject: '空调还是不制冷', channel: 'phone', customer: { id: 'cust-other', name: '张伟', contact: { phone: '138 0013 8000' } } });
      const { source, target } = await client.tickets.merge(duplicate.ticket.id, { targetId: original.ticket.id });
      assert.equal(source.status, 'closed');
      assert.equal(source.mergedIntoId, original.ticket.id);
      assert.ok(source.closedAt);
      const [closing, into] = source.events.slice(-2);
      assert.equal(closing!.type === 'status_changed' && closing.data.action, 'merge');
      assert.deepEqual(into!.type === 'merged' && into.data, { into: { id: original.ticket.id, number: original.ticket.number } });
      assert.equal(into!.visibility, 'public');
      const from = target.events.at(-1)!;
      assert.deepEqual(from.type === 'merged' && from.data, { from: { id: duplicate.ticket.id, number: duplicate.ticket.number } });
      assert.equal(target.revision, original.ticket.revision + 1);
      assert.equal(client.getState().tickets.entities[duplicate.ticket.id]?.status, 'closed');

      // The duplicate's customer sees where it went, opens the target with the same token and replies there.
      const view = await customer.tickets.get(duplicate.ticket.id, { accessToken: duplicate.accessToken });
      assert.equal(view.mergedIntoId, original.ticket.id);
      assert.ok(view.events.some((e) => e.type === 'merged'));
      const followed = await customer.tickets.get(original.ticket.id, { accessToken: duplicate.accessToken });
      assert.equal(followed.number, original.ticket.number);
      assert.deepEqual(followed.collaboratorIds, []);
      await customer.tickets.reply(original.ticket.id, { body: '我在这里继续' }, { accessToken: duplicate.accessToken });
      const after = await client.tickets.get(original.ticket.id);
      assert.equal(after.events.at(-1)!.type === 'reply' && after.events.at(-1)!.actor.kind, 'customer');
      // The target's token does not open the duplicate: following goes one way only.
      await assert.rejects(customer.tickets.get(duplicate.ticket.id, { accessToken: original.accessToken }), NotFoundError);
      // A merged duplicate cannot be reopened (its customer continues in the target).
      await assert.rejects(customer.tickets.transition(duplicate.ticket.id, { action: 'reopen' }, { accessToken: duplicate.accessToken }), WorkflowError);
    });
  }

  it('refuses another customer’s ticket, a closed target, the ticket itself, a customer, and a second merge', async () => {
    const client = local();
    const a = await ticketOf(client);
    const b = await ticketOf(client);
    const stranger = await ticketOf(client, { customer: { id: 'cust-9', name: '李雷', contact: { email: 'lilei@example.com' } } });
    await assert.rejects(client.tickets.merge(a.ticket.id, { targetId: stranger.ticket.id }), (e: unknown) => e instanceof WorkflowError && e.code === 'GUARD_FAILED' && e.reason === 'same_customer');
    await assert.rejects(client.tickets.merge(a.ticket.id, { targetId: a.ticket.id }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path === 'targetId');
    await assert.rejects(client.tickets.merge(a.ticket.id, { targetId: 'missing' }), NotFoundError);
    await assert.rejects(client.tickets.merge(a.ticket.id, { targetId: b.ticket.id }, { expectedRevision: 99 }), ConflictError);
    await assert.rejects(client.tickets.merge(a.ticket.id, { targetId: b.ticket.id }, { agentId: 'ghost' }), ValidationError);
    await client.tickets.merge(a.ticket.id, { targetId: b.ticket.id });
    await assert.rejects(client.tickets.merge(a.ticket.id, { targetId: b.ticket.id }), (e: unknown) => e instanceof WorkflowError && e.reason === 'status');
    await assert.rejects(client.tickets.merge(b.ticket.id, { targetId: a.ticket.id }), (e: unknown) => e instanceof WorkflowError && e.reason === 'target_status');
    const service = createLocalService(memoryStorage());
    const c = await service.create(buildTicketInput(), {});
    const d = await service.create(buildTicketInput(), {});
    await assert.rejects(service.merge(c.ticket.id, { targetId: d.ticket.id }, { accessToken: c.accessToken }), (e: unknown) => e instanceof WorkflowError && e.reason === 'role');
  });

  it('a repeated idempotency key merges once and answers both tickets as they are', async () => {
    const service = createLocalService(memoryStorage(), { agents: AGENTS });
    const a = await service.create(buildTicketInput(), {});
    const b = await service.create(buildTicketInput(), {});
    const first = await service.merge(a.ticket.id, { targetId: b.ticket.id }, { idempotencyKey: 'merge-1' });
    const again = await service.merge(a.ticket.id, { targetId: b.ticket.id }, { idempotencyKey: 'merge-1' });
    assert.equal(again.source.revision, first.source.revision);
    assert.equal(again.target.revision, first.target.revision);
    await assert.rejects(service.merge(a.ticket.id, { targetId: 'other' }, { idempotencyKey: 'merge-1' }), ConflictError);
  });
});

describe('split a sub-task for another department', () => {
  for (const mode of ['local', 'remote'] as const) {
    it(`creates the child in the department's group, linked both ways, unseen by the customer (${mode})`, async () => {
      const client = mode === 'local' ? local() : remote('agent-token');
      const customer = mode === 'local' ? client : remote();
      const parent = await ticketOf(customer, { priority: 'high' });
      const { parent: after, child } = await client.tickets.split(parent.ticket.id, { groupId: 'parts', subject: '调拨压缩机', description: '请仓库发一台 KFR-35GW 压缩机' });
      assert.equal(child.parentId, parent.ticket.id);
      assert.equal(child.groupId, 'parts');
      assert.equal(child.assigneeId, undefined);
      assert.equal(child.status, 'new');
      assert.equal(child.priority, 'high');
      assert.equal(child.customer.name, parent.ticket.customer.name);
      assert.deepEqual(child.product, parent.ticket.product);
      assert.match(child.number, /^AC-\d{8}-\d{4}$/);
      assert.notEqual(child.number, parent.ticket.number);
      assert.deepEqual(after.childIds, [child.id]);
      const toChild = after.events.at(-1)!;
      assert.equal(toChild.visibility, 'internal');
      assert.deepEqual(toChild.type === 'linked' && toChild.data, { child: { id: child.id, number: child.number, groupId: 'parts' } });
      const toParent = child.events.find((e) => e.type === 'linked')!;
      assert.deepEqual(toParent.type === 'linked' && toParent.data, { parent: { id: parent.ticket.id, number: parent.ticket.number } });
      assert.ok(child.events.some((e) => e.type === 'created'));
      assert.ok(client.getState().tickets.entities[child.id]);
      // The parent's customer sees neither the sub-task nor the link.
      const view = await customer.tickets.get(parent.ticket.id, { accessToken: parent.accessToken });
      assert.deepEqual(view.childIds, []);
      assert.ok(!view.events.some((e) => e.type === 'linked'));
      await assert.rejects(customer.tickets.get(child.id, { accessToken: parent.accessToken }), NotFoundError);
    });
  }

  it('needs a group and a subject, and refuses customers', async () => {
    const client = local();
    const parent = await ticketOf(client);
    await assert.rejects(client.tickets.split(parent.ticket.id, { subject: 'x' } as never), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path === 'groupId'));
    await assert.rejects(client.tickets.split(parent.ticket.id, { groupId: 'parts', subject: '' }), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path === 'subject'));
    await assert.rejects(client.tickets.split(parent.ticket.id, { groupId: 'parts', subject: 'x', assigneeId: 'a' } as never), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.code === 'unknown_field'));
    const service = createLocalService(memoryStorage());
    const t = await service.create(buildTicketInput(), {});
    await assert.rejects(service.split(t.ticket.id, { groupId: 'parts', subject: 'x' }, { accessToken: t.accessToken }), (e: unknown) => e instanceof WorkflowError && e.reason === 'role');
  });
});

describe('canned responses (macros)', () => {
  it('lists by locale and fills in the ticket, the customer and the agent as plain text', async () => {
    const client = createClient({
      storage: 'memory',
      macros: [
        { id: 'visit', name: '上门预约', body: '{{customer.name}}您好，我是{{agent.name}}，关于工单 {{ticket.number}}（{{product.model}}），{{visit.time}}上门。', locale: 'zh-CN' },
        { id: 'thanks', name: 'Thanks', body: 'Thank you, {{customer.name}}!', locale: 'en' },
        { id: 'plain', name: 'Plain', body: '<b>not html</b>' },
      ],
    });
    clients.push(client);
    assert.deepEqual((await client.macros.list({ locale: 'zh-CN' })).map((m) => m.id), ['visit', 'plain']);
    assert.deepEqual((await client.macros.list()).map((m) => m.id), ['visit', 'thanks', 'plain']);
    const { ticket } = await ticketOf(client);
    const r = await client.macros.render('visit', ticket, AGENTS[0]);
    assert.equal(r.text, `张伟您好，我是王工，关于工单 ${ticket.number}（KFR-35GW），{{visit.time}}上门。`);
    assert.deepEqual(r.missing, ['visit.time']);
    assert.equal((await client.macros.render('plain', ticket)).text, '<b>not html</b>');
    await assert.rejects(client.macros.render('nope', ticket), ValidationError);
  });

  it('names a bad canned response', async () => {
    const client = createClient({ storage: 'memory', macros: [{ id: 'bad', name: '', body: '{{open' }] });
    clients.push(client);
    await assert.rejects(client.macros.list(), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path === 'name') && e.issues.some((i) => i.path === 'body'));
  });
});

describe('local mode runs time rules on resolved tickets', () => {
  it('closes a resolved ticket three days later by an automation rule, on one timer', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.parse('2026-11-23T02:00:00.000Z') });
    const settle = async () => {
      for (let i = 0; i < 30; i++) await new Promise<void>((r) => queueMicrotask(r));
    };
    const automation = createAutomation({ rules: [{ id: 'auto-close', on: { time: 'in_status', status: 'resolved', minutes: 3 * 1440 }, actions: [{ type: 'transition', action: 'close' }] }] });
    const client = createClient({ storage: 'memory', agents: AGENTS, automation });
    clients.push(client);
    const { ticket } = await ticketOf(client);
    await client.tickets.assign(ticket.id, { assigneeId: 'agent-1' });
    await client.tickets.transition(ticket.id, { action: 'start' }, { agentId: 'agent-1' });
    await client.tickets.transition(ticket.id, { action: 'resolve', note: '已修复' }, { agentId: 'agent-1' });
    t.mock.timers.tick(100); // the debounce before the wake-up is computed
    await settle();
    t.mock.timers.tick(3 * 86_400_000 - 60_000);
    await settle();
    assert.equal((await client.tickets.get(ticket.id)).status, 'resolved');
    t.mock.timers.tick(60_000);
    await settle();
    const closed = await client.tickets.get(ticket.id);
    assert.equal(closed.status, 'closed');
    assert.ok(closed.events.some((e) => e.type === 'automation' && e.data.ruleId === 'auto-close'));
  });
});
