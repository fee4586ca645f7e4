/// <reference types="mocha" />
// Ticket text is never HTML: every payload of the catalogue, in every text field, is shown as
// typed and runs nothing — in the form (typed, restored from a draft, submitted) and in the tracker.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/ticket-form/ticket-form.js';
import '../../components/ticket-tracker/ticket-tracker.js';
import type { AcTicketForm } from '../../components/ticket-form/ticket-form.js';
import { createClient, memoryStorage, type AftercareClient } from '../../src/index.js';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js';

const fired: number[] = [];
(globalThis as unknown as { __xss: (n: number) => void }).__xss = (n) => fired.push(n);
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('XSS catalogue', () => {
  let client: AftercareClient;
  beforeEach(() => {
    fired.length = 0;
    localStorage.clear();
    client = createClient({ storage: memoryStorage(), actor: { kind: 'agent', id: 'agent-1', name: 'Agent', role: 'agent' } });
  });
  afterEach(async () => {
    await client.close();
    localStorage.clear();
  });

  it(`the form takes all ${XSS_PAYLOADS.length} payloads in every text field, restores them from a draft and submits them as text`, async function () {
    this.timeout(60_000);
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url draft-key=${`xss-${i}`}></ac-ticket-form>`);
      const root = el.shadowRoot!;
      const set = (id: string, value: string) => {
        const input = root.getElementById(id) as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new Event('input'));
      };
      // Subject and name are one line: the payload as typed (no line breaks in these).
      set('f-subject', payload.slice(0, 200));
      set('f-description', payload);
      set('f-name', payload.slice(0, 100));
      set('f-phone', '13800138000');
      set('f-model', payload.slice(0, 64));
      set('f-serial', payload.slice(0, 64));
      set('f-address', payload);
      await new Promise((r) => setTimeout(r, 350)); // draft saved
      el.remove();
      const again = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url draft-key=${`xss-${i}`}></ac-ticket-form>`);
      expect((again.shadowRoot!.getElementById('f-description') as HTMLTextAreaElement).value).to.equal(payload);
      const created = oneEvent(again, 'ac-ticket-created');
      again.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      const { detail } = await created;
      expect(detail.ticket.description).to.equal(payload);
      again.remove();
    }
    await settle();
    expect(fired).to.deep.equal([]);
  });

  it('the tracker shows subjects, descriptions, replies, engineer names and notes-that-leaked as text, running nothing', async function () {
    this.timeout(60_000);
    for (const payload of XSS_PAYLOADS) {
      const r = await client.tickets.create({ subject: payload.slice(0, 200), description: payload, customer: { name: payload.slice(0, 100), contact: { phone: '13800138000' } } });
      if (r.status !== 'created') throw new Error('not created');
      await client.tickets.assign(r.ticket.id, { assigneeId: 'agent-1', assigneeName: payload.slice(0, 100) });
      await client.tickets.transition(r.ticket.id, { action: 'start' });
      await client.tickets.reply(r.ticket.id, { body: payload });
      await client.tickets.note(r.ticket.id, { body: `internal ${payload}` });
      await client.tickets.reply(r.ticket.id, { body: `customer ${payload}` }, { accessToken: r.accessToken });
      const el = await fixture(html`<ac-ticket-tracker locale="zh-CN" .client=${client} ticket-id=${r.ticket.id} refresh-seconds="0"></ac-ticket-tracker>`);
      await waitUntil(() => el.shadowRoot!.textContent!.includes(r.ticket.number));
      const text = el.shadowRoot!.textContent!;
      expect(text).to.contain(payload.slice(0, 40));
      expect(text).to.not.contain('internal ');
      el.remove();
    }
    await settle();
    expect(fired).to.deep.equal([]);
  });
});
