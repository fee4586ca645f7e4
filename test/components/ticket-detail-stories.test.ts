/// <reference types="mocha" />
// The states of the ticket-detail stories, on the same MSW desk the stories use: each renders
// what its name promises (the SLA ones really warn and breach), through the REST contract.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/ticket-detail/ticket-detail.js';
import { agentDesk, agentTicketAt, type AgentDesk, type AgentStage } from '../../stories/support/mock-desk.js';

describe('ac-ticket-detail stories’ desk', () => {
  let desk: AgentDesk;
  afterEach(async () => {
    await desk.agent.close();
    await desk.customer.close();
  });

  const cases: Array<[AgentStage, string, string | undefined]> = [
    ['new', '新建', undefined],
    ['warning', '处理中', 'warning'],
    ['breached', '处理中', 'breached'],
    ['pending_customer', '待客户回复', undefined],
    ['resolved', '已解决', undefined],
    ['rated', '已关闭', undefined],
    ['notes', '处理中', undefined],
  ];
  for (const [stage, status, sla] of cases) {
    it(`${stage}: ${status}${sla ? `, resolution clock ${sla}` : ''}`, async () => {
      desk = agentDesk();
      const { ticketId } = await agentTicketAt(desk, stage);
      const el = await fixture(html`<ac-ticket-detail locale="zh-CN" .client=${desk.agent} ticket-id=${ticketId} agent-id="agent-1"></ac-ticket-detail>`);
      const root = el.shadowRoot!;
      await waitUntil(() => root.querySelector('ac-status-badge')?.shadowRoot?.textContent?.trim() === status, `status ${status}`, { timeout: 3000 });
      if (sla) await waitUntil(() => root.querySelector('ac-sla-badge[metric="resolution"]')?.getAttribute('state') === sla, `SLA ${sla}`, { timeout: 3000 });
      if (stage === 'notes') expect(root.querySelectorAll('[part="note"]').length).to.equal(3);
      if (stage === 'new') expect([...root.querySelectorAll('[part="actions"] button')].map((b) => b.textContent!.trim())).to.include('认领');
    });
  }
});
