// A desk for stories: the MSW handlers of `aftercare/testing` answer an HTTP client in the page,
// so every element runs against the real REST contract, workflow and SLA, with faults on demand.
import { createClient, httpTransport, memoryOutboxStore, type AftercareClient, type TicketInput } from '../../src/index.js';
import { buildTicketInput, createMockBackend, MOCK_BASE_URL, type MockBackend } from '../../src/testing/index.js';
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
