/// <reference types="mocha" />
// axe-core (through chai-a11y-axe) on every customer element in its main states: no violations.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/kb-search/kb-search.js';
import '../../components/provider/provider.js';
import '../../components/satisfaction/satisfaction.js';
import '../../components/ticket-form/ticket-form.js';
import '../../components/ticket-tracker/ticket-tracker.js';
import type { AcKbSearch } from '../../components/kb-search/kb-search.js';
import type { AcTicketForm } from '../../components/ticket-form/ticket-form.js';
import { createClient, memoryStorage, type AftercareClient } from '../../src/index.js';
import { buildTicketInput } from '../../src/testing/index.js';

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
});
