/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/ticket-tracker/ticket-tracker.js';
import type { AcTicketTracker } from '../../components/ticket-tracker/ticket-tracker.js';
import { createClient, memoryStorage, type AftercareClient } from '../../src/index.js';
import { buildTicketInput } from '../../src/testing/index.js';

const root = (el: AcTicketTracker) => el.shadowRoot!;
const text = (el: AcTicketTracker) => root(el).textContent!.replace(/\s+/g, ' ');
const DAY = 86_400_000;

describe('<ac-ticket-tracker>', () => {
  let client: AftercareClient;
  let now: number;
  beforeEach(() => {
    now = Date.now();
    client = createClient({ storage: memoryStorage(), now: () => now, actor: { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' } });
  });
  afterEach(() => client.close());

  async function assignedTicket() {
    const r = await client.tickets.create(buildTicketInput({ subject: '空调不制冷' }));
    if (r.status !== 'created') throw new Error('not created');
    await client.tickets.assign(r.ticket.id, { assigneeId: 'agent-1', assigneeName: '王工' });
    await client.tickets.transition(r.ticket.id, { action: 'start' });
    await client.tickets.note(r.ticket.id, { body: '内部：客户很难沟通，先别承诺时间' });
    await client.tickets.reply(r.ticket.id, { body: '您好，师傅明天上午上门' });
    return r;
  }

  it('shows the customer status, the steps, the engineer and the public history — never internal notes', async () => {
    const { ticket } = await assignedTicket();
    // No access token: the client hands over the full ticket, internal note included.
    expect(JSON.stringify(await client.tickets.get(ticket.id))).to.contain('内部：客户很难沟通');
    const el = await fixture<AcTicketTracker>(html`<ac-ticket-tracker locale="zh-CN" .client=${client} ticket-id=${ticket.id}></ac-ticket-tracker>`);
    await waitUntil(() => text(el).includes('空调不制冷'));
    const shown = text(el);
    expect(shown).to.contain(ticket.number);
    expect(shown).to.contain('负责工程师：王工');
    expect(shown).to.contain('您好，师傅明天上午上门');
    expect(shown).to.not.contain('内部');
    const current = root(el).querySelector('[part="steps"] [aria-current="step"]')!;
    expect(current.textContent).to.contain('处理中');
    const badge = root(el).querySelector('ac-status-badge')!;
    await badge.updateComplete;
    expect(badge.shadowRoot!.textContent).to.contain('处理中');
  });

  it('sends the customer’s reply and shows it', async () => {
    const { ticket, accessToken } = await assignedTicket();
    const el = await fixture<AcTicketTracker>(html`<ac-ticket-tracker locale="en" .client=${client} ticket-id=${ticket.id} access-token=${accessToken}></ac-ticket-tracker>`);
    await waitUntil(() => root(el).querySelector('textarea'));
    const box = root(el).querySelector('textarea')!;
    expect(root(el).querySelector(`label[for="${box.id}"]`)!.textContent).to.equal('Your reply');
    box.value = 'I will be home after 9.';
    box.dispatchEvent(new Event('input'));
    const replied = oneEvent(el, 'ac-ticket-reply');
    [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Send')!.click();
    await replied;
    await el.updateComplete;
    expect(text(el)).to.contain('I will be home after 9.');
    expect(text(el)).to.contain('Your message');
    const stored = await client.tickets.get(ticket.id);
    expect(stored.events.filter((e) => e.type === 'reply' && e.actor.kind === 'customer').length).to.equal(1);
  });

  it('updates live when the agent replies', async () => {
    const { ticket, accessToken } = await assignedTicket();
    const el = await fixture<AcTicketTracker>(html`<ac-ticket-tracker locale="en" .client=${client} ticket-id=${ticket.id} access-token=${accessToken} refresh-seconds="0"></ac-ticket-tracker>`);
    await waitUntil(() => text(el).includes(ticket.number));
    await client.tickets.reply(ticket.id, { body: 'The part has arrived.' });
    await waitUntil(() => text(el).includes('The part has arrived.'), 'the new reply shows', { timeout: 1000 });
  });

  it('offers reopen within the window after resolution, and the survey', async () => {
    const { ticket, accessToken } = await assignedTicket();
    await client.tickets.transition(ticket.id, { action: 'resolve', note: '已更换温度传感器' });
    const el = await fixture<AcTicketTracker>(html`<ac-ticket-tracker locale="zh-CN" .client=${client} ticket-id=${ticket.id} access-token=${accessToken}></ac-ticket-tracker>`);
    await waitUntil(() => root(el).querySelector('[part="reopen"]'));
    expect(root(el).querySelector('ac-satisfaction')).to.not.equal(null);
    expect(root(el).querySelector('[part="steps"] [aria-current="step"]')!.textContent).to.contain('已解决');
    const reopened = oneEvent(el, 'ac-ticket-reopen');
    (root(el).querySelector('[part="reopen"]') as HTMLButtonElement).click();
    await reopened;
    await el.updateComplete;
    expect(root(el).querySelector('[part="steps"] [aria-current="step"]')!.textContent).to.contain('处理中');
    expect((await client.tickets.get(ticket.id)).status).to.equal('in_progress');
  });

  it('does not offer reopen after the window has passed', async () => {
    now = Date.now() - 10 * DAY;
    const { ticket, accessToken } = await assignedTicket();
    await client.tickets.transition(ticket.id, { action: 'resolve', note: 'done' });
    // Ten days later by the desk's clock: the desk no longer lists reopen for the customer.
    now = Date.now();
    const el = await fixture<AcTicketTracker>(html`<ac-ticket-tracker locale="en" .client=${client} ticket-id=${ticket.id} access-token=${accessToken}></ac-ticket-tracker>`);
    await waitUntil(() => text(el).includes(ticket.number));
    expect(root(el).querySelector('[part="reopen"]')).to.equal(null);
  });

  it('promises times with a countdown when SLA policies are known', async () => {
    const slaClient = createClient({ storage: memoryStorage(), policies: [{ id: 'p', targets: { first_response: 120, resolution: 2880 } }] });
    const r = await slaClient.tickets.create(buildTicketInput());
    const el = await fixture<AcTicketTracker>(html`<ac-ticket-tracker locale="en" .client=${slaClient} ticket-id=${r.ticket.id}></ac-ticket-tracker>`);
    await waitUntil(() => root(el).querySelector('[part="promises"]'));
    const promises = root(el).querySelector('[part="promises"]')!.textContent!.replace(/\s+/g, ' ');
    expect(promises).to.match(/First reply promised: .+ — (1 hour 59 minutes|2 hours) left/);
    expect(promises).to.contain('Resolution promised');
    await slaClient.close();
  });

  it('says the request was not found for a wrong access token', async () => {
    const { ticket } = await assignedTicket();
    const el = await fixture<AcTicketTracker>(html`<ac-ticket-tracker locale="en" .client=${client} ticket-id=${ticket.id} access-token="nope"></ac-ticket-tracker>`);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(text(el)).to.contain('We could not find this request');
  });
});
