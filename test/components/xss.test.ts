/// <reference types="mocha" />
// Ticket text is never HTML: every payload of the catalogue, in every text field, is shown as
// typed and runs nothing — in the form (typed, restored from a draft, submitted) and in the tracker.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/ticket-form/ticket-form.js';
import '../../components/ticket-tracker/ticket-tracker.js';
import '../../components/ticket-detail/ticket-detail.js';
import '../../components/agent-queue/agent-queue.js';
import type { AcTicketForm } from '../../components/ticket-form/ticket-form.js';
import { cleanAttachmentName, createClient, memoryStorage, type AftercareClient, type AttachmentMeta } from '../../src/index.js';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js';
import '../support/ignore-resize-observer-loop.js';

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

  /** Files named with the payloads, in batches a form takes at once. */
  const payloadFiles = () => {
    const files = XSS_PAYLOADS.map((payload) => new File([new Uint8Array([1])], payload, { type: 'image/png' }));
    const batches: File[][] = [];
    for (let i = 0; i < files.length; i += client.attachments.policy.maxFiles) batches.push(files.slice(i, i + client.attachments.policy.maxFiles));
    return batches;
  };

  it(`the form shows all ${XSS_PAYLOADS.length} payloads as attachment names, as text, and submits them as names`, async function () {
    this.timeout(60_000);
    for (const [i, batch] of payloadFiles().entries()) {
      const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url draft-key=${`xss-files-${i}`}></ac-ticket-form>`);
      const root = el.shadowRoot!;
      const set = (id: string, value: string) => {
        const input = root.getElementById(id) as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new Event('input'));
      };
      set('f-subject', 'XSS in file names');
      set('f-name', 'Tester');
      set('f-phone', '13800138000');
      const input = root.getElementById('f-files') as HTMLInputElement;
      const dt = new DataTransfer();
      for (const f of batch) dt.items.add(f);
      input.files = dt.files;
      input.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect([...root.querySelectorAll('.file-name')].map((n) => n.textContent)).to.deep.equal(batch.map((f) => f.name));
      expect([...root.querySelectorAll('.files button')].map((b) => b.getAttribute('aria-label'))).to.deep.equal(batch.map((f) => `Remove ${f.name}`));
      const created = oneEvent(el, 'ac-ticket-created');
      root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      const { detail } = await created;
      expect(detail.ticket.attachments.map((a: AttachmentMeta) => a.name)).to.deep.equal(batch.map((f) => cleanAttachmentName(f.name)));
      el.remove();
    }
    await settle();
    expect(fired).to.deep.equal([]);
  });

  it('the tracker lists attachment names of the submission and of replies as text, links only to blob: URLs, and never a note’s files', async function () {
    this.timeout(60_000);
    for (const batch of payloadFiles()) {
      const r = await client.tickets.create({ subject: 'XSS in file names', customer: { name: 'Tester', contact: { phone: '13800138000' } } }, { files: batch });
      if (r.status !== 'created') throw new Error('not created');
      await client.tickets.reply(r.ticket.id, { body: 'customer files' }, { accessToken: r.accessToken, files: batch.slice(0, 2) });
      await client.tickets.note(r.ticket.id, { body: 'internal files' }, { files: [new File([new Uint8Array([1])], 'internal <img src=x onerror="__xss(99)">', { type: 'image/png' })] });
      const el = await fixture(html`<ac-ticket-tracker locale="en" .client=${client} ticket-id=${r.ticket.id} refresh-seconds="0"></ac-ticket-tracker>`);
      await waitUntil(() => el.shadowRoot!.querySelectorAll('.attached a').length === batch.length + 2, 'every public file linked');
      const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.attached a')];
      expect(links.map((a) => a.textContent).sort()).to.deep.equal([...batch, ...batch.slice(0, 2)].map((f) => cleanAttachmentName(f.name)).sort());
      expect(links.every((a) => a.href.startsWith('blob:'))).to.equal(true);
      expect(el.shadowRoot!.textContent).to.not.contain('internal');
      el.remove();
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

  it('the agent’s ticket detail shows subjects, descriptions, customers, products, replies, notes, agent names and the mention list as text, running nothing', async function () {
    this.timeout(90_000);
    const agents = XSS_PAYLOADS.map((payload, i) => ({ id: `agent-x${i}`, name: payload.slice(0, 100), role: 'agent' as const, groupIds: ['repair'], skills: [] }));
    const desk = createClient({ storage: memoryStorage(), agents });
    try {
      for (const [i, payload] of XSS_PAYLOADS.entries()) {
        const agentId = `agent-x${i}`;
        const r = await desk.tickets.create({ subject: payload.slice(0, 200), description: payload, customer: { name: payload.slice(0, 100), contact: { phone: '13800138000' } }, product: { model: payload.slice(0, 64) } });
        if (r.status !== 'created') throw new Error('not created');
        await desk.tickets.assign(r.ticket.id, { assigneeId: agentId }, { agentId });
        await desk.tickets.updateCollaborators(r.ticket.id, { add: [`agent-x${(i + 1) % agents.length}`] }, { agentId });
        await desk.tickets.note(r.ticket.id, { body: `internal ${payload}`, mentions: [agentId] }, { agentId });
        await desk.tickets.reply(r.ticket.id, { body: payload }, { agentId });
        await desk.tickets.reply(r.ticket.id, { body: `customer ${payload}` }, { accessToken: r.accessToken });
        const el = await fixture(html`<ac-ticket-detail locale="en" .client=${desk} ticket-id=${r.ticket.id} agent-id=${agentId}></ac-ticket-detail>`);
        await waitUntil(() => el.shadowRoot!.textContent!.includes(r.ticket.number) && el.shadowRoot!.querySelector('.collaborators'));
        const text = el.shadowRoot!.textContent!;
        expect(text).to.contain(payload.slice(0, 40));
        expect(text).to.contain(`internal ${payload}`.slice(0, 40));
        if (i === 0) {
          // Every payload as the name of a file in a note and in a reply.
          const max = desk.attachments.policy.maxFiles;
          for (let from = 0; from < XSS_PAYLOADS.length; from += max) {
            const files = XSS_PAYLOADS.slice(from, from + max).map((name) => new File([new Uint8Array([1])], name, { type: 'image/png' }));
            await desk.tickets.note(r.ticket.id, { body: 'files' }, { agentId, files });
            await desk.tickets.reply(r.ticket.id, { body: 'files' }, { agentId, files });
          }
          await waitUntil(() => el.shadowRoot!.querySelectorAll('.attached li').length === 2 * XSS_PAYLOADS.length, 'every file is listed');
          const names = [...el.shadowRoot!.querySelectorAll('.attached li')].map((li) => li.querySelector('a, span')!.textContent);
          expect(names).to.include(cleanAttachmentName(XSS_PAYLOADS[0]!));
          expect(el.shadowRoot!.querySelectorAll('.attached a:not([href^="blob:"])').length).to.equal(0);
          // Every payload as a colleague's name in the mention list.
          el.shadowRoot!.querySelector<HTMLInputElement>('input[value="note"]')!.click();
          await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
          const box = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#compose-text')!;
          box.value = '@';
          box.setSelectionRange(1, 1);
          box.dispatchEvent(new Event('input'));
          await waitUntil(() => el.shadowRoot!.querySelector('[role="listbox"]'));
          expect(el.shadowRoot!.querySelectorAll('[role="option"]').length).to.equal(agents.length - 1);
        }
        el.remove();
      }
    } finally {
      await desk.close();
    }
    await settle();
    expect(fired).to.deep.equal([]);
  });

  it('the agent queue shows subjects, customers, product models, assignee names and the board as text, running nothing', async function () {
    this.timeout(60_000);
    const agents = XSS_PAYLOADS.map((payload, i) => ({ id: `agent-x${i}`, name: payload.slice(0, 100), role: 'agent' as const, groupIds: ['repair'], skills: [] }));
    const desk = createClient({ storage: memoryStorage(), agents });
    try {
      for (const [i, payload] of XSS_PAYLOADS.entries()) {
        const r = await desk.tickets.create({ subject: payload.slice(0, 200), description: payload, customer: { name: payload.slice(0, 100), contact: { phone: '13800138000' } }, product: { model: payload.slice(0, 64) } });
        if (r.status !== 'created') throw new Error('not created');
        if (i % 2 === 0) await desk.tickets.assign(r.ticket.id, { assigneeId: `agent-x${i}` }, { agentId: `agent-x${i}` });
      }
      const el = await fixture<HTMLElement & { updateComplete: Promise<unknown>; layout: string }>(
        html`<ac-agent-queue locale="en" view="all" agent-id="agent-x0" .client=${desk}></ac-agent-queue>`,
      );
      const root = el.shadowRoot!;
      await waitUntil(() => root.querySelectorAll('lit-virtualizer [role="row"]').length > 0, 'rows render');
      // Scroll through the list: every row, as it renders, shows its payload as text.
      const scroller = root.querySelector('lit-virtualizer')!;
      const seen = new Set<string>();
      for (let step = 0; step < 40 && seen.size < XSS_PAYLOADS.length; step++) {
        for (const cell of root.querySelectorAll('lit-virtualizer [role="row"] .c-subject')) seen.add(cell.textContent!);
        scroller.scrollTop += 200;
        await new Promise((r) => setTimeout(r, 60));
      }
      for (const payload of XSS_PAYLOADS) expect([...seen]).to.include(payload.slice(0, 200));
      // The filter panel lists the product models taken from the tickets.
      root.querySelector<HTMLButtonElement>('button[aria-controls="filters"]')!.click();
      await el.updateComplete;
      el.layout = 'board';
      await waitUntil(() => root.querySelector('[part="board"]'));
      expect(root.querySelector('[part="board"]')!.textContent).to.contain(XSS_PAYLOADS[0]!.slice(0, 30));
    } finally {
      await desk.close();
    }
    await settle();
    expect(fired).to.deep.equal([]);
  });
});
