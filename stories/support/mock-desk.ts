// A desk for stories: the MSW handlers of `aftercare/testing` answer an HTTP client in the page,
// so every element runs against the real REST contract, workflow and SLA, with faults on demand.
import { createClient, httpTransport, memoryOutboxStore, type AftercareClient, type TicketInput } from '../../src/index.js';
import { buildAgent, buildTicketInput, createMockBackend, MOCK_BASE_URL, type MockBackend } from '../../src/testing/index.js';
import { mockFetch } from '../../test/browser/mock-fetch.js';
import articles from '../../docs/demo/sample-articles.json';

export interface Desk {
  backend: MockBackend;
  /** A customer page's client (anonymous, remote mode). */
  customer: AftercareClient;
}

/** A fresh backend with sample articles and a customer client talking to it. */
export function mockDesk(): Desk {
  const backend = createMockBackend({
    engine: { knowledge: articles, policies: [{ id: 'std', targets: { first_response: 120, resolution: 1440 } }] },
  });
  const customer = createClient({
    transport: httpTransport({ baseUrl: MOCK_BASE_URL, fetch: mockFetch(backend.handlers), timeoutMs: 3000 }),
    outbox: memoryOutboxStore(),
    live: false,
    policies: [{ id: 'std', targets: { first_response: 120, resolution: 1440 } }],
  });
  return { backend, customer };
}

/** A ticket on the backend walked to `stage`, with its customer's access token. */
export async function ticketAt(backend: MockBackend, stage: 'new' | 'in_progress' | 'resolved' | 'rated', input: Partial<TicketInput> = {}) {
  const agent = { actor: { kind: 'agent' as const, id: 'agent-1', name: '王工', role: 'agent' as const } };
  const { ticket, accessToken } = await backend.service.create(buildTicketInput(input));
  if (stage !== 'new') {
    await backend.service.assign(ticket.id, { assigneeId: 'agent-1', assigneeName: '王工' }, agent);
    await backend.service.transition(ticket.id, { action: 'start' }, agent);
    await backend.service.note(ticket.id, { body: '内部备注：客户上次投诉过，注意沟通（客户看不到）' }, agent);
    await backend.service.reply(ticket.id, { body: '您好，我是王工，明天上午 10 点上门检查。' }, agent);
  }
  if (stage === 'resolved' || stage === 'rated') await backend.service.transition(ticket.id, { action: 'resolve', note: '已更换温度传感器，制冷恢复正常。' }, agent);
  if (stage === 'rated') await backend.service.rate(ticket.id, { score: 5, comment: '师傅很专业' }, { accessToken });
  return { ticketId: ticket.id, accessToken };
}

/** Agents of the agent desk's stories. */
export const STORY_AGENTS = [
  buildAgent({ id: 'agent-1', name: '王建国', publicName: '王工' }),
  buildAgent({ id: 'agent-2', name: '李娜', publicName: '李工', groupIds: ['repair', 'parts'] }),
  buildAgent({ id: 'lead-1', name: '陈明', publicName: '陈组长', role: 'lead', groupIds: ['repair', 'install'] }),
];

const AGENT_POLICIES = [{ id: 'std', targets: { first_response: 120, resolution: 480 } }];

export interface AgentDesk {
  backend: MockBackend;
  /** An agent's client (`agent-token`: agent-1), remote mode through the MSW handlers, with canned responses. */
  agent: AftercareClient;
  /** A customer page's client on the same backend. */
  customer: AftercareClient;
  /** Moves the backend's clock (minutes, negative: into the past) while arranging tickets; `0` goes back to now. */
  shift(minutes: number): void;
}

/** A backend with agents, SLA policies and sample articles, and an agent's and a customer's client. */
export function agentDesk(options: { timeoutMs?: number } = {}): AgentDesk {
  let offset = 0;
  const backend = createMockBackend({ engine: { knowledge: articles, policies: AGENT_POLICIES, agents: STORY_AGENTS }, now: () => Date.now() + offset });
  const fetch = mockFetch(backend.handlers);
  const agent = createClient({
    transport: httpTransport({ baseUrl: MOCK_BASE_URL, fetch, timeoutMs: options.timeoutMs ?? 3000, getToken: () => 'agent-token' }),
    outbox: memoryOutboxStore(),
    actor: { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' },
    live: { pollMs: 3000 },
    policies: AGENT_POLICIES,
    macros: [
      { id: 'visit', name: '预约上门', body: '{{customer.name}}您好，我是{{agent.name}}。关于工单 {{ticket.number}}（{{product.model}}），师傅将于{{visit.time}}上门。', locale: 'zh-CN' },
      { id: 'thanks', name: '感谢耐心等待', body: '{{customer.name}}您好，感谢您的耐心等待，我们会尽快处理。', locale: 'zh-CN' },
      { id: 'visit-en', name: 'Visit', body: 'Dear {{customer.name}}, this is {{agent.name}} about {{ticket.number}}. Our engineer comes at {{visit.time}}.', locale: 'en' },
    ],
  });
  const customer = createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, fetch, timeoutMs: 3000 }), outbox: memoryOutboxStore(), live: false });
  return { backend, agent, customer, shift: (minutes) => (offset = minutes * 60_000) };
}

/** Stages of a ticket in an agent's stories. */
export type AgentStage = 'new' | 'in_progress' | 'warning' | 'breached' | 'pending_customer' | 'resolved' | 'rated' | 'notes';

/** A ticket walked to `stage` on the agent desk (SLA stages are created hours ago on the backend's clock). */
export async function agentTicketAt(desk: AgentDesk, stage: AgentStage) {
  const agent = { actor: { kind: 'agent' as const, id: 'agent-1', name: '王工', role: 'agent' as const } };
  const s = desk.backend.service;
  // The resolution clock (8 h) warns at 80 %: 7 h ago is a warning, 9 h ago a breach.
  desk.shift(stage === 'warning' ? -7 * 60 : stage === 'breached' ? -9 * 60 : 0);
  const { ticket, accessToken } = await s.create(buildTicketInput({ customer: { name: '张伟', tier: 'vip', contact: { phone: '13800138000' } } }));
  // The duplicate that a merge would offer.
  await s.create(buildTicketInput({ subject: '空调还是不制冷', channel: 'phone' }));
  if (stage !== 'new') {
    await s.assign(ticket.id, { assigneeId: 'agent-1', assigneeName: '王工' }, agent);
    await s.transition(ticket.id, { action: 'start' }, agent);
    await s.note(ticket.id, { body: '客户上次投诉过，沟通注意语气（内部）', mentions: [] }, agent);
    await s.reply(ticket.id, { body: '您好，我是王工，明天上午 10 点上门检查。' }, agent);
  }
  if (stage === 'notes') {
    await s.updateCollaborators(ticket.id, { add: ['agent-2'] }, agent);
    await s.note(ticket.id, { body: '@李娜 请帮忙确认仓库有没有 KFR-35GW 的温度传感器', mentions: ['agent-2'] }, agent);
    await s.note(ticket.id, { body: '仓库有货，明天带过去。', mentions: [] }, { actor: { kind: 'agent', id: 'agent-2', name: '李工', role: 'agent' } });
  }
  if (stage === 'pending_customer') await s.transition(ticket.id, { action: 'request_info', note: '请问空调是哪一年买的？能拍一下铭牌吗？' }, agent);
  if (stage === 'resolved' || stage === 'rated') await s.transition(ticket.id, { action: 'resolve', note: '更换了温度传感器，制冷恢复正常。' }, agent);
  if (stage === 'rated') await s.rate(ticket.id, { score: 5, comment: '师傅很专业' }, { accessToken });
  desk.shift(0);
  return { ticketId: ticket.id, accessToken };
}
