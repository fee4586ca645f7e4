/// <reference types="mocha" />
// A customer page in remote mode, as integrators write it: `<ac-provider api-base>` around the
// customer elements, against the mock backend (the page's `fetch` answered by msw). The page
// runs on the lean customer client; promises and allowed actions come from the server; agent
// elements make the provider load the full client.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import '../../components/provider/provider.js';
import '../../components/ticket-form/ticket-form.js';
import '../../components/ticket-tracker/ticket-tracker.js';
import '../../components/kb-search/kb-search.js';
import type { AcProvider } from '../../components/provider/provider.js';
import type { AcTicketForm } from '../../components/ticket-form/ticket-form.js';
import type { AcTicketTracker } from '../../components/ticket-tracker/ticket-tracker.js';
import type { AcKbSearch } from '../../components/kb-search/kb-search.js';
import { AftercareAgentElement, AftercareClientElement } from '../../components/base/aftercare-element.js';
import { createCalendar } from '../../src/index.js';
import { buildTicketInput, createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';
import { mockFetch } from '../browser/mock-fetch.js';

class CustomerProbe extends AftercareClientElement {
  override render() {
    return litHtml`<span>${this.activeClient?.mode ?? 'none'}</span>`;
  }
}
CustomerProbe.define('test-customer-probe');
class AgentProbe extends AftercareAgentElement {
  override render() {
    return litHtml`<span>${this.activeClient ? 'full' : 'none'}</span>`;
  }
}
AgentProbe.define('test-agent-probe');

const office = [['00:00', '24:00']] as Array<[string, string]>;
const allWeek = createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: office, sun: office } });

describe('customer page in remote mode', () => {
  let backend: ReturnType<typeof createMockBackend>;
  const realFetch = window.fetch;
  const outboxes: string[] = [];
  beforeEach(() => {
    localStorage.clear();
    backend = createMockBackend({
      engine: {
        policies: [{ id: 'std', calendarId: 'all', targets: { first_response: 120, resolution: 2880 } }],
        calendars: { all: allWeek },
        knowledge: [{ id: 'kb-ac', title: '空调不制冷怎么办', body: '<p>先检查<strong>滤网</strong>。</p><img src=x onerror="window.__xssRemote = 1">' }],
      },
    });
    window.fetch = mockFetch(backend.handlers);
  });
  afterEach(() => {
    window.fetch = realFetch;
    localStorage.clear();
    for (const name of outboxes.splice(0)) indexedDB.deleteDatabase(name);
  });

  /** A provider on the mock backend with its own outbox database. */
  async function page<T extends Element>(inner: ReturnType<typeof litHtml>) {
    const outboxName = `aftercare-outbox-${crypto.randomUUID()}`;
    outboxes.push(outboxName);
    const el = await fixture<AcProvider>(html`<ac-provider api-base=${MOCK_BASE_URL} locale="zh-CN" .clientOptions=${{ outboxName }}>${inner}</ac-provider>`);
    await el.updateComplete;
    return { provider: el, child: <U extends Element = T>(selector: string) => el.querySelector(selector) as unknown as U };
  }

  it('runs the customer elements on the lean client: no store, no full client loaded', async () => {
    const { provider, child } = await page<CustomerProbe>(litHtml`<test-customer-probe></test-customer-probe>`);
    const probe = child<CustomerProbe>('test-customer-probe');
    await waitUntil(() => probe.activeClient, 'the probe gets a client');
    expect(probe.activeClient!.mode).to.equal('remote');
    expect('store' in probe.activeClient!).to.equal(false);
    expect(provider.activeClient).to.equal(probe.activeClient);
    provider.remove();
  });

  it('submits the form and shows the reply time the server promised', async () => {
    const { provider, child } = await page(litHtml`<ac-ticket-form ignore-url></ac-ticket-form>`);
    const form = child<AcTicketForm>('ac-ticket-form');
    await waitUntil(() => form.shadowRoot?.getElementById('f-subject'));
    const set = (id: string, value: string) => {
      const input = form.shadowRoot!.getElementById(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('f-subject', '空调不制冷');
    set('f-name', '张伟');
    set('f-phone', '13800138000');
    const created = oneEvent(form, 'ac-ticket-created');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = await created;
    expect(detail.ticket.sla?.metrics.first_response?.target).to.equal(120);
    await form.updateComplete;
    const result = form.shadowRoot!.querySelector('[part="result"]')!.textContent!;
    expect(result).to.match(/AC-\d{8}-0001/);
    expect(result).to.contain('我们将在 2 个工作小时内回复您');
    expect(await backend.ticketCount()).to.equal(1);
    provider.remove();
  });

  it('checks the form inline before anything is sent', async () => {
    const { provider, child } = await page(litHtml`<ac-ticket-form ignore-url></ac-ticket-form>`);
    const form = child<AcTicketForm>('ac-ticket-form');
    await waitUntil(() => form.shadowRoot?.querySelector('button[type="submit"]'));
    const phone = form.shadowRoot!.getElementById('f-phone') as HTMLInputElement;
    phone.value = '12';
    phone.dispatchEvent(new Event('input'));
    phone.dispatchEvent(new Event('blur'));
    // The checks load on this first edit; the error shows once they are there.
    await waitUntil(() => phone.getAttribute('aria-invalid') === 'true', 'the phone number is refused inline');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('处需要修改'));
    expect(backend.requests.filter((r) => r.method === 'POST')).to.deep.equal([]);
    provider.remove();
  });

  it('tracks a ticket with the server’s promises, and reopens it when the desk allows', async () => {
    const { ticket, accessToken } = await backend.service.create(buildTicketInput({ subject: '洗衣机漏水' }));
    const agent = { actor: { kind: 'agent' as const, id: 'agent-1', name: '王工', role: 'agent' as const } };
    await backend.service.assign(ticket.id, { assigneeId: 'agent-1', assigneeName: '王工' }, agent);
    await backend.service.transition(ticket.id, { action: 'start' }, agent);
    const { provider, child } = await page(litHtml`<ac-ticket-tracker ticket-id=${ticket.id} access-token=${accessToken} refresh-seconds="1"></ac-ticket-tracker>`);
    const tracker = child<AcTicketTracker>('ac-ticket-tracker');
    await waitUntil(() => tracker.shadowRoot?.querySelector('[part="promises"]'), 'the promises show');
    expect(tracker.shadowRoot!.querySelector('[part="promises"]')!.textContent).to.contain('首次回复');
    expect(tracker.shadowRoot!.querySelector('[part="reopen"]')).to.equal(null);
    await backend.service.transition(ticket.id, { action: 'resolve', note: '已更换密封圈' }, agent);
    // The tracker checks for news every second here: the desk now lists reopen for the customer.
    await waitUntil(() => tracker.shadowRoot!.querySelector('[part="reopen"]'), 'reopen is offered once resolved', { timeout: 4000 });
    const reopened = oneEvent(tracker, 'ac-ticket-reopen');
    tracker.shadowRoot!.querySelector<HTMLButtonElement>('[part="reopen"]')!.click();
    await reopened;
    expect((await backend.service.get(ticket.id)).status).to.equal('in_progress');
    provider.remove();
  });

  it('searches the help articles on the server and shows an article sanitised', async () => {
    const { provider, child } = await page(litHtml`<ac-kb-search></ac-kb-search>`);
    const search = child<AcKbSearch>('ac-kb-search');
    await waitUntil(() => search.shadowRoot?.querySelector('input'));
    await search.search('空调');
    await search.updateComplete;
    const open = search.shadowRoot!.querySelector<HTMLButtonElement>('[data-id="kb-ac"]')!;
    open.click();
    await waitUntil(() => search.shadowRoot!.querySelector('article .body'), 'the article opens');
    const body = search.shadowRoot!.querySelector('article .body')!;
    expect(body.querySelector('strong')!.textContent).to.equal('滤网');
    expect(body.querySelector('img')!.getAttribute('onerror')).to.equal(null);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __xssRemote?: number }).__xssRemote).to.equal(undefined);
    provider.remove();
  });

  it('loads the full client when an agent element asks, and gives it to every element inside', async () => {
    const { provider, child } = await page(litHtml`<test-customer-probe></test-customer-probe>`);
    const customer = child<CustomerProbe>('test-customer-probe');
    await waitUntil(() => customer.activeClient);
    const lean = customer.activeClient!;
    expect('store' in lean).to.equal(false);
    const agentEl = document.createElement('test-agent-probe') as AgentProbe;
    provider.append(agentEl);
    await waitUntil(() => agentEl.activeClient, 'the agent element gets the full client');
    const full = agentEl.activeClient!;
    expect(full.store).to.not.equal(undefined);
    expect(full.mode).to.equal('remote');
    await waitUntil(() => customer.activeClient === full, 'the customer element moves to the full client');
    expect(await provider.fullClient()).to.equal(full);
    // The lean one is closed: one outbox sender per page.
    let closed = false;
    try {
      await lean.knowledge.search('x');
    } catch (error) {
      closed = (error as { code?: string }).code === 'CLOSED';
    }
    expect(closed).to.equal(true);
    provider.remove();
  });

  it('makes no lean client when an agent element is there from the start: one client for all', async () => {
    const { provider, child } = await page(litHtml`<test-customer-probe></test-customer-probe><test-agent-probe></test-agent-probe>`);
    const agentEl = child<AgentProbe>('test-agent-probe');
    const customer = child<CustomerProbe>('test-customer-probe');
    await waitUntil(() => agentEl.activeClient, 'the agent element gets the full client');
    const full = agentEl.activeClient!;
    await waitUntil(() => customer.activeClient);
    const r = await customer.activeClient!.tickets.create(buildTicketInput({ subject: '一个客户端' }));
    expect(r.status).to.equal('created');
    // What the customer element submitted is in the agent element's store: the same client.
    expect(full.getState().tickets.entities[r.ticket.id]?.subject).to.equal('一个客户端');
    provider.remove();
  });
});

describe('customer page in local mode', () => {
  it('takes calls before the local desk has loaded, and answers them once it has', async () => {
    const db = `aftercare-provider-${crypto.randomUUID()}`;
    const el = await fixture<AcProvider>(html`<ac-provider database-name=${db}><test-customer-probe></test-customer-probe></ac-provider>`);
    const probe = el.querySelector('test-customer-probe') as CustomerProbe;
    await waitUntil(() => probe.activeClient);
    // Called at once, whether or not the full client's code is there yet.
    const r = await probe.activeClient!.tickets.create(buildTicketInput({ subject: '先提交后加载' }));
    expect(r.status).to.equal('created');
    expect((await (await el.fullClient()).tickets.get(r.ticket.id)).subject).to.equal('先提交后加载');
    el.remove();
    indexedDB.deleteDatabase(db);
  });
});
