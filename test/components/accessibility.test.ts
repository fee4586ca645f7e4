/// <reference types="mocha" />
// axe-core (through chai-a11y-axe) on every customer element in its main states: no violations.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/kb-search/kb-search.js';
import '../../components/provider/provider.js';
import '../../components/satisfaction/satisfaction.js';
import '../../components/ticket-form/ticket-form.js';
import '../../components/ticket-tracker/ticket-tracker.js';
import '../../components/ticket-detail/ticket-detail.js';
import '../../components/agent-queue/agent-queue.js';
import type { AcKbSearch } from '../../components/kb-search/kb-search.js';
import type { AcTicketForm } from '../../components/ticket-form/ticket-form.js';
import { createClient, memoryStorage, type AftercareClient } from '../../src/index.js';
import { buildAgent, buildTicketInput } from '../../src/testing/index.js';

describe('accessibility (axe-core)', () => {
  let client: AftercareClient;
  beforeEach(() => {
    localStorage.clear();
    client = createClient({
      storage: memoryStorage(),
      policies: [{ id: 'p', targets: { first_response: 120, resolution: 1440 } }],
      knowledge: [{ id: 'kb-1', title: '空调不制冷怎么办', body: '<p>检查<strong>滤网</strong>。</p>' }],
    });
  });
  afterEach(() => client.close());

  for (const locale of ['zh-CN', 'en']) {
    it(`ticket form, empty and with errors (${locale})`, async () => {
      const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale=${locale} .client=${client} ignore-url></ac-ticket-form>`);
      await expect(el).to.be.accessible();
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }

  it('ticket form after submitting', async () => {
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${client} ignore-url tracking-url="/t?id={id}&token={token}"></ac-ticket-form>`);
    const root = el.shadowRoot!;
    for (const [id, value] of [['f-subject', '空调不制冷'], ['f-name', '张伟'], ['f-phone', '13800138000']]) {
      const input = root.getElementById(id!) as HTMLInputElement;
      input.value = value!;
      input.dispatchEvent(new Event('input'));
    }
    const created = oneEvent(el, 'ac-ticket-created');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await created;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('tracker and, once resolved, the survey inside it', async () => {
    const r = await client.tickets.create(buildTicketInput());
    if (r.status !== 'created') throw new Error('not created');
    await client.tickets.assign(r.ticket.id, { assigneeId: 'agent-1', assigneeName: '王工' });
    await client.tickets.transition(r.ticket.id, { action: 'start' });
    await client.tickets.reply(r.ticket.id, { body: '明天上门' });
    const el = await fixture(html`<ac-ticket-tracker locale="zh-CN" .client=${client} ticket-id=${r.ticket.id} access-token=${r.accessToken}></ac-ticket-tracker>`);
    await waitUntil(() => el.shadowRoot!.textContent!.includes(r.ticket.number));
    await expect(el).to.be.accessible();
    await client.tickets.transition(r.ticket.id, { action: 'resolve', note: '已修好' });
    await waitUntil(() => el.shadowRoot!.querySelector('ac-satisfaction')?.shadowRoot?.querySelector('input'), 'survey', { timeout: 3000 });
    await expect(el).to.be.accessible();
  });

  it('knowledge search with results and an open article', async () => {
    const el = await fixture<AcKbSearch>(html`<ac-kb-search locale="en" .client=${client}></ac-kb-search>`);
    await expect(el).to.be.accessible();
    await el.search('空调');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-id="kb-1"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('article .body'));
    await expect(el).to.be.accessible();
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`ticket detail with replies, an internal note, SLA clocks, the mention list and the guard dialog (${locale})`, async () => {
      const agents = [buildAgent({ id: 'agent-1', name: '王建国', publicName: '王工' }), buildAgent({ id: 'agent-2', name: '李娜', publicName: '李工', groupIds: ['parts'] })];
      const desk = createClient({ storage: memoryStorage(), agents, policies: [{ id: 'p', targets: { first_response: 120, resolution: 1440 } }], macros: [{ id: 'm', name: 'Hello', body: 'Hello {{customer.name}}' }] });
      try {
        const r = await desk.tickets.create(buildTicketInput({ customer: { name: '张伟', tier: 'vip', contact: { phone: '13800138000' } } }));
        if (r.status !== 'created') throw new Error('not created');
        await desk.tickets.assign(r.ticket.id, { assigneeId: 'agent-1' });
        await desk.tickets.updateCollaborators(r.ticket.id, { add: ['agent-2'] });
        await desk.tickets.note(r.ticket.id, { body: '@李娜 请备一个传感器', mentions: ['agent-2'] }, { agentId: 'agent-1' });
        await desk.tickets.reply(r.ticket.id, { body: '您好，明天上门' }, { agentId: 'agent-1' });
        await desk.tickets.reply(r.ticket.id, { body: '好的' }, { accessToken: r.accessToken });
        const el = await fixture(html`<ac-ticket-detail locale=${locale} .client=${desk} ticket-id=${r.ticket.id} agent-id="agent-1"></ac-ticket-detail>`);
        const root = el.shadowRoot!;
        await waitUntil(() => root.querySelector('[part="sla"] ac-sla-badge') && root.querySelector('[part="note"]') && root.querySelector('#macro'));
        await expect(el).to.be.accessible();
        // The mention list open.
        root.querySelector<HTMLInputElement>('input[value="note"]')!.click();
        await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        const box = root.querySelector<HTMLTextAreaElement>('#compose-text')!;
        box.focus();
        box.value = '@';
        box.setSelectionRange(1, 1);
        box.dispatchEvent(new Event('input'));
        await waitUntil(() => root.querySelector('[role="listbox"]'));
        await expect(el).to.be.accessible();
        // The guard dialog of "resolve", with its error.
        [...root.querySelectorAll<HTMLButtonElement>('[part="actions"] button')].find((b) => b.dataset['action'] === 'resolve')!.click();
        await waitUntil(() => root.querySelector('dialog')?.open);
        root.querySelector<HTMLButtonElement>('dialog button[type="submit"]')!.click();
        await waitUntil(() => root.querySelector('dialog [role="alert"]')!.textContent);
        await expect(el).to.be.accessible();
      } finally {
        await desk.close();
      }
    });
  }

  for (const locale of ['zh-CN', 'en']) {
    it(`agent queue: list with a selection, filters, assign dialog, and board (${locale})`, async () => {
      const desk = createClient({
        storage: memoryStorage(),
        agents: [buildAgent({ id: 'agent-1' }), buildAgent({ id: 'agent-2', name: '李娜', publicName: '李工' })],
        policies: [{ id: 'p', targets: { first_response: 120 } }],
      });
      try {
        for (const subject of ['空调不制冷', '发票抬头错误', 'Printer jams']) await desk.tickets.create(buildTicketInput({ subject }));
        const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(
          html`<ac-agent-queue locale=${locale} view="all" agent-id="agent-1" .client=${desk}></ac-agent-queue>`,
        );
        const root = el.shadowRoot!;
        await waitUntil(() => root.querySelectorAll('lit-virtualizer [role="row"]').length === 3);
        await expect(el).to.be.accessible();
        root.querySelector<HTMLInputElement>('lit-virtualizer [role="row"] input')!.click();
        root.querySelector<HTMLButtonElement>('button[aria-controls="filters"]')!.click();
        await el.updateComplete;
        await expect(el).to.be.accessible();
        [...root.querySelectorAll<HTMLButtonElement>('[part="bulk"] button')].find((b) => b.textContent!.includes('…'))!.click();
        await waitUntil(() => root.querySelector('dialog')?.open);
        await expect(el).to.be.accessible();
        root.querySelector<HTMLButtonElement>('dialog button.secondary')!.click();
        [...root.querySelectorAll<HTMLButtonElement>('[aria-pressed]')].find((b) => b.textContent!.trim() === (locale === 'en' ? 'Board' : '看板'))!.click();
        await waitUntil(() => root.querySelector('[part="board"]'));
        await expect(el).to.be.accessible();
      } finally {
        await desk.close();
      }
    });
  }
});
