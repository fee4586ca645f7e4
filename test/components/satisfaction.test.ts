/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/satisfaction/satisfaction.js';
import type { AcSatisfaction } from '../../components/satisfaction/satisfaction.js';
import { createClient, memoryStorage, type AftercareClient } from '../../src/index.js';
import { buildTicketInput } from '../../src/testing/index.js';

const root = (el: AcSatisfaction) => el.shadowRoot!;
const radios = (el: AcSatisfaction, name = 'score') => [...root(el).querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${name}"]`)];
const labelOf = (input: HTMLInputElement) => input.closest('label')!.textContent!.replace(/\s+/g, ' ').trim();

async function resolvedTicket(client: AftercareClient) {
  const r = await client.tickets.create(buildTicketInput());
  if (r.status !== 'created') throw new Error('not created');
  await client.tickets.assign(r.ticket.id, { assigneeId: 'agent-1', assigneeName: '王工' });
  await client.tickets.transition(r.ticket.id, { action: 'start' });
  await client.tickets.transition(r.ticket.id, { action: 'resolve', note: '已修好' });
  return r;
}

describe('<ac-satisfaction>', () => {
  let client: AftercareClient;
  beforeEach(() => {
    client = createClient({ storage: memoryStorage() });
  });
  afterEach(() => client.close());

  it('offers 1–5 as a labelled radio group that arrow keys move through, and sends the rating once', async () => {
    const { ticket, accessToken } = await resolvedTicket(client);
    const el = await fixture<AcSatisfaction>(html`<ac-satisfaction locale="zh-CN" .client=${client} ticket-id=${ticket.id} access-token=${accessToken}></ac-satisfaction>`);
    await waitUntil(() => radios(el).length === 5, 'the form appears');
    expect(root(el).querySelector('legend')!.textContent).to.contain('您对本次服务满意吗');
    expect(radios(el).map(labelOf)).to.deep.equal(['★ 非常不满意', '★★ 不满意', '★★★ 一般', '★★★★ 满意', '★★★★★ 非常满意']);
    radios(el)[2]!.focus();
    radios(el)[2]!.click();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(radios(el)[3]!.checked).to.equal(true);
    const timeliness = radios(el, 'dim-timeliness');
    expect(timeliness.length).to.equal(5);
    timeliness[4]!.click();
    const comment = root(el).querySelector('textarea')!;
    comment.value = '师傅很专业';
    comment.dispatchEvent(new Event('input'));
    const rated = oneEvent(el, 'ac-rated');
    const submit = root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit.textContent!.trim()).to.equal('提交评价');
    submit.click();
    submit.click();
    const { detail } = await rated;
    expect(detail).to.deep.equal({ ticketId: ticket.id, score: 4, comment: '师傅很专业' });
    await el.updateComplete;
    expect(root(el).querySelector('[part="state"]')!.textContent).to.contain('感谢您的评价');
    const stored = await client.tickets.get(ticket.id);
    expect(stored.satisfaction).to.include({ score: 4, comment: '师傅很专业' });
    expect(stored.satisfaction!.dimensions).to.deep.equal({ timeliness: 5 });
    expect(stored.events.filter((e) => e.type === 'rated').length).to.equal(1);
  });

  it('asks for a score before sending', async () => {
    const { ticket } = await resolvedTicket(client);
    const el = await fixture<AcSatisfaction>(html`<ac-satisfaction locale="en" .client=${client} ticket-id=${ticket.id}></ac-satisfaction>`);
    await waitUntil(() => radios(el).length === 5);
    root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('Please choose a rating');
    expect(root(el).activeElement).to.equal(radios(el)[0]);
  });

  it('shows the thank-you state for a ticket rated already (one response per ticket)', async () => {
    const { ticket, accessToken } = await resolvedTicket(client);
    await client.tickets.rate(ticket.id, { score: 5 }, { accessToken });
    const el = await fixture<AcSatisfaction>(html`<ac-satisfaction locale="en" .client=${client} ticket-id=${ticket.id} access-token=${accessToken}></ac-satisfaction>`);
    await waitUntil(() => root(el).querySelector('[part="state"]')?.textContent?.includes('rated this request already'));
    expect(radios(el).length).to.equal(0);
  });

  it('waits for the ticket to be resolved', async () => {
    const r = await client.tickets.create(buildTicketInput());
    const el = await fixture<AcSatisfaction>(html`<ac-satisfaction locale="en" .client=${client} ticket-id=${r.ticket.id}></ac-satisfaction>`);
    await waitUntil(() => root(el).textContent!.includes('once it is resolved'));
  });

  it('says so when the ticket cannot be loaded (wrong token)', async () => {
    const { ticket } = await resolvedTicket(client);
    const el = await fixture<AcSatisfaction>(html`<ac-satisfaction locale="en" .client=${client} ticket-id=${ticket.id} access-token="wrong"></ac-satisfaction>`);
    await waitUntil(() => root(el).querySelector('[role="alert"]')?.textContent?.includes('Could not load'));
  });
});
