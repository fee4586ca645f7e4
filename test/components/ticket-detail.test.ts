/// <reference types="mocha" />
import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
// fixtureSync for a plain <div> host: fixture() would wait for an animation frame, which never
// comes while this page is the hidden one of two test pages running side by side.
import { sendKeys } from '@web/test-runner-commands';
import '../../components/ticket-detail/ticket-detail.js';
import '../../components/ticket-tracker/ticket-tracker.js';
import type { AcTicketDetail } from '../../components/ticket-detail/ticket-detail.js';
import {
  createAutomation,
  createClient,
  createWorkflow,
  memoryStorage,
  standardWorkflowDefinition,
  type AftercareClient,
  type ClientOptions,
  type TicketInput,
} from '../../src/index.js';
import { buildAgent, buildTicketInput } from '../../src/testing/index.js';
import { installFakeClock, type FakeClock } from '../support/fake-clock.js';

const AGENTS = [
  buildAgent({ id: 'agent-1', name: '王建国', publicName: '王工' }),
  buildAgent({ id: 'agent-2', name: '李娜', publicName: '李工', groupIds: ['repair', 'parts'] }),
  buildAgent({ id: 'lead-1', name: '陈明', publicName: '陈组长', role: 'lead', groupIds: ['repair', 'install'] }),
];

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => shadow(el).textContent!.replace(/\s+/g, ' ');
/** The accessible name the way a person reads a control: aria-label, its label, or its text. */
function nameOf(control: Element): string {
  const root = control.getRootNode() as ShadowRoot;
  const label = control.getAttribute('aria-label') ?? (control.id ? root.querySelector(`label[for="${control.id}"]`)?.textContent : undefined) ?? control.closest('label')?.textContent ?? control.textContent;
  return (label ?? '').replace(/\s+/g, ' ').trim();
}
const byName = <T extends HTMLElement = HTMLElement>(el: HTMLElement, selector: string, name: string | RegExp): T => {
  const found = [...shadow(el).querySelectorAll<T>(selector)].find((c) => (typeof name === 'string' ? nameOf(c) === name : name.test(nameOf(c))));
  if (!found) throw new Error(`no ${selector} named ${String(name)} in: ${[...shadow(el).querySelectorAll(selector)].map(nameOf).join(' | ')}`);
  return found;
};
const button = (el: HTMLElement, name: string | RegExp) => byName<HTMLButtonElement>(el, 'button', name);
const field = <T extends HTMLElement = HTMLTextAreaElement>(el: HTMLElement, name: string | RegExp) => byName<T>(el, 'textarea, input, select', name);
function type(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The status an `<ac-status-badge>` inside `el` shows. */
const statusOf = (el: HTMLElement) => shadow(el).querySelector('ac-status-badge')?.shadowRoot?.textContent?.trim() ?? '';
const DAY = 86_400_000;

function agentClient(options: Partial<ClientOptions> = {}): AftercareClient {
  return createClient({ storage: memoryStorage(), agents: AGENTS, ...options });
}

async function ticketOf(client: AftercareClient, input: Partial<TicketInput> = {}) {
  const r = await client.tickets.create(buildTicketInput(input));
  if (r.status !== 'created') throw new Error('not created');
  return r;
}

describe('<ac-ticket-detail>', () => {
  let client: AftercareClient;
  afterEach(() => client?.close());

  it('shows number, agent status, priority, customer, product with warranty, assignee, collaborators and SLA clocks with due times', async () => {
    client = agentClient({ policies: [{ id: 'p', targets: { first_response: 120, resolution: 2880 } }] });
    const { ticket } = await ticketOf(client, { priority: 'high', customer: { name: '张伟', tier: 'vip', contact: { phone: '13800138000' } }, product: { model: 'KFR-35GW', serialNumber: 'SN1', purchaseDate: '2020-01-10' } });
    await client.tickets.assign(ticket.id, { assigneeId: 'agent-1' });
    await client.tickets.updateCollaborators(ticket.id, { add: ['agent-2'] });
    const el = await fixture<AcTicketDetail>(html`<ac-ticket-detail locale="en" .client=${client} ticket-id=${ticket.id} agent-id="agent-1"></ac-ticket-detail>`);
    await waitUntil(() => text(el).includes(ticket.number) && text(el).includes('李娜'));
    const shown = text(el);
    expect(shown).to.contain('空调不制冷');
    expect(shown).to.contain('Priority: High');
    expect(shown).to.contain('VIP customer');
    expect(shown).to.contain('13800138000');
    expect(shown).to.contain('KFR-35GW');
    expect(shown).to.contain('Out of warranty (ended 2021-01-09)');
    expect(shadow(el).querySelector('.assignee')!.textContent).to.contain('王建国');
    expect(shadow(el).querySelector('.collaborators')!.textContent).to.contain('李娜');
    const badge = shadow(el).querySelector('ac-status-badge')!;
    await badge.updateComplete;
    expect(badge.shadowRoot!.textContent).to.contain('Assigned');
    const clocks = [...shadow(el).querySelectorAll('[part="sla"] li')].map((li) => li.textContent!.replace(/\s+/g, ' '));
    expect(clocks.length).to.equal(2);
    expect(clocks[0]).to.contain('First response').and.to.contain('due');
    expect(clocks[1]).to.contain('Resolution');
    expect(shadow(el).querySelectorAll('[part="sla"] ac-sla-badge').length).to.equal(2);
    expect(shadow(el).querySelector('[part="sla"] time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
  });

  it('works by keyboard alone: claim and start, a note with a colleague picked from the mention list, a guard dialog that Escape closes', async function () {
    this.timeout(20_000);
    client = agentClient();
    const { ticket } = await ticketOf(client);
    const el = await fixture<AcTicketDetail>(html`<ac-ticket-detail locale="en" .client=${client} ticket-id=${ticket.id} agent-id="agent-1"></ac-ticket-detail>`);
    await waitUntil(() => shadow(el).querySelector('[part="actions"] button'));
    const focused = () => shadow(el).activeElement as HTMLElement | null;
    const tabTo = async (name: string | RegExp) => {
      for (let i = 0; i < 80; i++) {
        await sendKeys({ press: 'Tab' });
        const at = focused();
        if (at && (typeof name === 'string' ? nameOf(at) === name : name.test(nameOf(at)))) return at;
      }
      throw new Error(`Tab never reached ${String(name)}`);
    };

    await tabTo('Claim');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => statusOf(el) === 'Assigned', 'claimed');
    await tabTo('Start work');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => statusOf(el) === 'In progress', 'started');

    // Reply or note: the radio group moves with arrow keys.
    await tabTo('Public reply');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(field<HTMLInputElement>(el, 'Internal note').checked).to.equal(true);
    const box = await tabTo(/^Internal note \(/);
    await sendKeys({ type: 'Please check @' });
    await el.updateComplete;
    const list = () => shadow(el).querySelector('[role="listbox"]');
    expect(list(), 'the mention list opens on @').to.not.equal(null);
    const options = () => [...list()!.querySelectorAll('[role="option"]')];
    expect(options().map((o) => o.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['李娜 (李工)', '陈明 (陈组长)']);
    expect(box.getAttribute('aria-activedescendant')).to.equal('mention-agent-2');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(box.getAttribute('aria-activedescendant')).to.equal('mention-lead-1');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect((box as HTMLTextAreaElement).value).to.equal('Please check @李娜 ');
    expect(list()).to.equal(null);
    // Escape closes the list and keeps what was typed.
    await sendKeys({ type: 'and @' });
    await el.updateComplete;
    expect(list()).to.not.equal(null);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(list()).to.equal(null);
    expect((box as HTMLTextAreaElement).value).to.equal('Please check @李娜 and @');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => text(el).includes('Note added'), 'Ctrl+Enter adds the note');
    const note = (await client.tickets.get(ticket.id)).events.findLast((e) => e.type === 'note')!;
    expect(note.type === 'note' && note.data.mentions).to.deep.equal(['agent-2']);
    expect(shadow(el).querySelector('[part="note"] .mentions')!.textContent).to.contain('@李娜');

    // An action that needs input asks in a dialog; Escape closes it and focus goes back.
    const resolve = await tabTo('Resolve…');
    expect(resolve.getAttribute('aria-haspopup')).to.equal('dialog');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const dialog = shadow(el).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(nameOf(focused()!)).to.equal('Resolution note');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open && focused() === resolve, 'closed, focus back on the button');
    expect(statusOf(el)).to.equal('In progress');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog.open);
    await sendKeys({ press: 'Tab' }); // past the note, to the confirm button
    expect(nameOf(focused()!)).to.equal('Resolve');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog.querySelector('[role="alert"]')!.textContent!.includes('Please fill in: Resolution note'), 'the guard asks for the note');
    expect(nameOf(focused()!)).to.equal('Resolution note');
    await sendKeys({ type: 'Replaced the sensor' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => statusOf(el) === 'Resolved' && !dialog.open, 'resolved');
    expect((await client.tickets.get(ticket.id)).resolution?.note).to.equal('Replaced the sensor');
  });

  it('merges a duplicate into the same customer’s other ticket; the duplicate’s tracker says where it went and follows it there', async () => {
    client = agentClient();
    const original = await ticketOf(client, { subject: 'Air conditioner not cooling' });
    const duplicate = await ticketOf(client, { subject: 'Still not cooling', channel: 'phone' });
    await ticketOf(client, { subject: 'Another customer', customer: { name: 'Li Lei', contact: { email: 'lilei@example.com' } } });
    const page = fixtureSync(html`<div>
      <ac-ticket-detail locale="en" .client=${client} ticket-id=${duplicate.ticket.id} agent-id="agent-1"></ac-ticket-detail>
      <ac-ticket-tracker locale="en" .client=${client} ticket-id=${duplicate.ticket.id} access-token=${duplicate.accessToken} refresh-seconds="0"></ac-ticket-tracker>
    </div>`);
    const detail = page.querySelector('ac-ticket-detail')!;
    const tracker = page.querySelector('ac-ticket-tracker')!;
    await waitUntil(() => text(detail).includes(duplicate.ticket.number) && text(tracker).includes(duplicate.ticket.number));
    button(detail, 'Merge into another ticket…').click();
    await waitUntil(() => shadow(detail).querySelector('#dlg-target'), 'the customer’s other tickets are offered');
    const target = field<HTMLSelectElement>(detail, 'Merge into');
    expect([...target.options].map((o) => o.textContent!.trim())).to.deep.equal([`${original.ticket.number} · Air conditioner not cooling (New)`]);
    const merged = oneEvent(detail, 'ac-ticket-transition');
    button(detail, 'Merge and close this ticket').click();
    expect((await merged).detail).to.deep.equal({ ticketId: duplicate.ticket.id, action: 'merge', status: 'closed' });
    await waitUntil(() => statusOf(detail) === 'Closed');
    expect(shadow(detail).querySelector('[part="links"]')!.textContent).to.contain(`Merged into ${original.ticket.number}`);
    expect(text(detail)).to.contain(`merged it into ${original.ticket.number}`);

    await waitUntil(() => text(tracker).includes(`was merged into ${original.ticket.number}`), 'the customer is told, in public words');
    button(tracker, `Open request ${original.ticket.number}`).click();
    await waitUntil(() => text(tracker).includes('Air conditioner not cooling'), 'the tracker follows to the target with the same token');
    expect(text(tracker)).to.contain(original.ticket.number);
    expect(text(tracker)).to.contain(`Your request ${duplicate.ticket.number} was merged into this one`);
  });

  it('splits off a sub-task for another department, links both ways and opens the sub-task', async () => {
    client = agentClient();
    const { ticket } = await ticketOf(client);
    const el = await fixture<AcTicketDetail>(html`<ac-ticket-detail locale="en" .client=${client} ticket-id=${ticket.id} agent-id="agent-1"></ac-ticket-detail>`);
    await waitUntil(() => text(el).includes(ticket.number));
    button(el, 'Sub-task for another department…').click();
    await el.updateComplete;
    const group = field<HTMLSelectElement>(el, 'Department (group)');
    expect([...group.options].map((o) => o.value)).to.deep.equal(['', 'repair', 'parts', 'install']);
    type(group, 'parts');
    expect(field<HTMLInputElement>(el, 'Sub-task title').value).to.equal('空调不制冷');
    type(field<HTMLInputElement>(el, 'Sub-task title'), 'Send a compressor');
    type(field(el, 'What they should do'), 'KFR-35GW compressor to the customer’s address');
    button(el, 'Create sub-task').click();
    await waitUntil(() => shadow(el).querySelector('[part="links"]'), 'the sub-task shows');
    const parent = (await client.tickets.get(ticket.id));
    const child = await client.tickets.get(parent.childIds[0]!);
    expect(child).to.include({ parentId: ticket.id, groupId: 'parts', subject: 'Send a compressor' });
    expect(shadow(el).querySelector('[part="links"]')!.textContent).to.contain(`Sub-task: ${child.number} (parts)`);
    expect(text(el)).to.contain(`Sub-task ${child.number} created`);
    const selected = oneEvent(el, 'ac-ticket-select');
    button(el, new RegExp(`Open ticket ${child.number}`)).click();
    expect((await selected).detail).to.deep.equal({ ticketId: child.id });
    await waitUntil(() => text(el).includes('Send a compressor'), 'the element shows the sub-task');
    expect(shadow(el).querySelector('[part="links"]')!.textContent).to.contain(`Parent: ${ticket.number}`);
  });

  it('adds and removes collaborators, and reassigns', async () => {
    client = agentClient();
    const { ticket } = await ticketOf(client);
    await client.tickets.assign(ticket.id, { assigneeId: 'agent-1' });
    const el = await fixture<AcTicketDetail>(html`<ac-ticket-detail locale="en" .client=${client} ticket-id=${ticket.id} agent-id="agent-1"></ac-ticket-detail>`);
    await waitUntil(() => shadow(el).querySelector('#collab-add'));
    type(field<HTMLSelectElement>(el, 'Add a collaborator'), 'lead-1');
    button(el, 'Add').click();
    await waitUntil(() => shadow(el).querySelector('.collaborators')?.textContent?.includes('陈明'));
    expect((await client.tickets.get(ticket.id)).collaboratorIds).to.deep.equal(['lead-1']);
    button(el, 'Remove collaborator 陈明').click();
    await waitUntil(() => !shadow(el).querySelector('.collaborators'));
    expect(text(el)).to.contain('Removed collaborator 陈明');
    type(field<HTMLSelectElement>(el, 'Reassign to'), 'agent-2');
    button(el, 'Assign').click();
    await waitUntil(() => shadow(el).querySelector('.assignee')!.textContent!.includes('李娜'));
    const events = (await client.tickets.get(ticket.id)).events;
    expect(events.filter((e) => e.type === 'field_changed' && e.data.field === 'collaboratorIds').every((e) => e.actor.id === 'agent-1')).to.equal(true);
  });

  it('inserts canned responses filled in for the ticket and the agent, and quotes knowledge suggestions', async () => {
    client = agentClient({
      macros: [
        { id: 'visit', name: 'Visit', body: 'Dear {{customer.name}}, this is {{agent.name}} about {{ticket.number}} ({{product.model}}). We come at {{visit.time}}.', locale: 'en' },
        { id: 'zh-only', name: '中文', body: '您好', locale: 'zh-CN' },
      ],
      knowledge: [{ id: 'kb-1', title: '空调不制冷怎么办', body: '检查滤网。' }],
    });
    const { ticket } = await ticketOf(client);
    const el = await fixture<AcTicketDetail>(html`<ac-ticket-detail locale="en" .client=${client} ticket-id=${ticket.id} agent-id="agent-1"></ac-ticket-detail>`);
    await waitUntil(() => shadow(el).querySelector('#macro') && shadow(el).querySelector('[part="suggestions"]'));
    const macro = field<HTMLSelectElement>(el, 'Canned response');
    expect([...macro.options].map((o) => o.textContent!.trim())).to.deep.equal(['Choose a canned response…', 'Visit']);
    type(macro, 'visit');
    await el.updateComplete;
    button(el, 'Insert').click();
    await waitUntil(() => field(el, /^Reply to the customer/).value.includes('Dear'));
    expect(field(el, /^Reply to the customer/).value).to.equal(`Dear 张伟, this is 王工 about ${ticket.number} (KFR-35GW). We come at {{visit.time}}.`);
    expect(text(el)).to.contain('Fill in before sending: {{visit.time}}');
    button(el, 'Quote “空调不制冷怎么办” in the reply').click();
    await el.updateComplete;
    expect(field(el, /^Reply to the customer/).value).to.match(/\nSee the article “空调不制冷怎么办”$/);
  });

  it('drafts a knowledge article from a resolved ticket, without the customer’s contact details', async () => {
    client = agentClient();
    const { ticket } = await ticketOf(client, { description: 'Blows warm air; call me on 13800138000.' });
    await client.tickets.assign(ticket.id, { assigneeId: 'agent-1' });
    await client.tickets.transition(ticket.id, { action: 'resolve', note: 'Cleaned the filter and replaced the sensor.' });
    const el = await fixture<AcTicketDetail>(html`<ac-ticket-detail locale="en" .client=${client} ticket-id=${ticket.id} agent-id="agent-1"></ac-ticket-detail>`);
    await waitUntil(() => text(el).includes(ticket.number));
    button(el, 'Add to knowledge base').click();
    await waitUntil(() => shadow(el).querySelector('[part="kb-draft"]'));
    expect(text(el)).to.contain('contact details were removed');
    const body = field(el, 'Body');
    expect(body.value).to.contain('Cleaned the filter and replaced the sensor.');
    expect(body.value).to.not.contain('13800138000');
    type(field<HTMLInputElement>(el, 'Title'), 'AC blows warm air');
    const drafted = oneEvent(el, 'ac-article-draft');
    button(el, 'Submit for review').click();
    const { detail } = await drafted;
    expect(detail.draft).to.include({ title: 'AC blows warm air', status: 'draft' });
    expect(detail.draft.source.ticketId).to.equal(ticket.id);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="kb-draft"]')).to.equal(null);
  });

  it('attaches files to a note and to a reply: listed as links under each; the customer’s tracker shows the reply’s file, never the note’s', async () => {
    client = agentClient();
    const { ticket, accessToken } = await ticketOf(client);
    const page = fixtureSync(html`<div>
      <ac-ticket-detail locale="en" .client=${client} ticket-id=${ticket.id} agent-id="agent-1"></ac-ticket-detail>
      <ac-ticket-tracker locale="en" .client=${client} ticket-id=${ticket.id} access-token=${accessToken} refresh-seconds="0"></ac-ticket-tracker>
    </div>`);
    const el = page.querySelector('ac-ticket-detail')!;
    const tracker = page.querySelector('ac-ticket-tracker')!;
    await waitUntil(() => shadow(el).querySelector('#compose-files'));
    const attach = (name: string) => {
      const input = field<HTMLInputElement>(el, /^Attachments/);
      const files = new DataTransfer();
      files.items.add(new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
    };
    field<HTMLInputElement>(el, 'Internal note').click();
    await el.updateComplete;
    type(field(el, /^Internal note \(/), 'Photo of the wiring, for colleagues');
    attach('wiring.png');
    await el.updateComplete;
    expect(text(el)).to.contain('wiring.png');
    button(el, 'Add note').click();
    await waitUntil(() => shadow(el).querySelector('[part="note"] .attached a'), 'the note lists its file as a link');
    expect(shadow(el).querySelector('[part="note"] .attached a')!.getAttribute('href')).to.match(/^blob:/);
    field<HTMLInputElement>(el, 'Public reply').click();
    await el.updateComplete;
    type(field(el, /^Reply to the customer/), 'Here is the manual page');
    attach('manual.png');
    button(el, 'Send reply').click();
    await waitUntil(() => shadow(el).querySelector('[part="reply"] .attached a'), 'the reply lists its file');
    const stored = await client.tickets.get(ticket.id);
    const note = stored.events.findLast((e) => e.type === 'note')!;
    expect(note.type === 'note' && note.data.attachments.map((a) => a.name)).to.deep.equal(['wiring.png']);
    await waitUntil(() => text(tracker).includes('manual.png'), 'the customer sees the reply’s file');
    expect(text(tracker)).to.not.contain('wiring.png');
  });

  it('says so for a ticket that does not exist, and is read-only without an agent', async () => {
    client = agentClient();
    const missing = await fixture<AcTicketDetail>(html`<ac-ticket-detail locale="zh-CN" .client=${client} ticket-id="no-such-ticket" agent-id="agent-1"></ac-ticket-detail>`);
    await waitUntil(() => shadow(missing).querySelector('[role="alert"]'));
    expect(text(missing)).to.contain('没有找到这个工单');
    const { ticket } = await ticketOf(client);
    const readOnly = await fixture<AcTicketDetail>(html`<ac-ticket-detail locale="en" .client=${client} ticket-id=${ticket.id}></ac-ticket-detail>`);
    await waitUntil(() => text(readOnly).includes(ticket.number));
    expect(text(readOnly)).to.contain('read only');
    expect(shadow(readOnly).querySelector('[part="composer"]')).to.equal(null);
    expect(shadow(readOnly).querySelectorAll('[part="actions"] button').length).to.equal(0);
    // The client going away (a provider removed) leaves what is shown readable, without errors.
    readOnly.client = undefined;
    await readOnly.updateComplete;
    expect(statusOf(readOnly)).to.equal('New');
  });

  describe('with a fake clock', () => {
    let clock: FakeClock;
    beforeEach(() => (clock = installFakeClock(Date.parse('2026-11-23T02:00:00.000Z'))));
    afterEach(() => clock.uninstall());

    it('a whole agent workflow beside the customer’s tracker: claim, start, ask, the customer answers, resolve with a note, the customer rates, automation closes it', async function () {
      this.timeout(30_000);
      // The customer's rating does not close at once here: an automation closes resolved tickets after 3 days.
      const automation = createAutomation({ rules: [{ id: 'auto-close', name: '三天后自动关闭', on: { time: 'in_status', status: 'resolved', minutes: 3 * 1440 }, actions: [{ type: 'transition', action: 'close' }] }] });
      client = agentClient({ now: clock.now, automation, workflow: createWorkflow(standardWorkflowDefinition({ closeOnRating: false })) });
      const { ticket, accessToken } = await ticketOf(client);
      const page = fixtureSync(html`<div>
        <ac-ticket-tracker locale="zh-CN" .client=${client} ticket-id=${ticket.id} access-token=${accessToken} refresh-seconds="0"></ac-ticket-tracker>
        <ac-ticket-detail locale="zh-CN" .client=${client} ticket-id=${ticket.id} agent-id="agent-1"></ac-ticket-detail>
      </div>`);
      const tracker = page.querySelector('ac-ticket-tracker')!;
      const detail = page.querySelector('ac-ticket-detail')!;
      const transitions: Array<{ action: string; status: string }> = [];
      detail.addEventListener('ac-ticket-transition', (e) => transitions.push({ action: e.detail.action, status: e.detail.status }));
      await waitUntil(() => statusOf(detail) === '新建', 'the new ticket shows');

      button(detail, '认领').click();
      await waitUntil(() => statusOf(detail) === '已分派', 'claimed');
      expect(shadow(detail).querySelector('.assignee')!.textContent).to.contain('王建国');
      button(detail, '开始处理').click();
      await waitUntil(() => statusOf(detail) === '处理中', 'started');

      // An internal note on the way: the customer never sees it.
      field<HTMLInputElement>(detail, '内部备注').click();
      await detail.updateComplete;
      type(field(detail, /^内部备注（/), '客户上次投诉过，沟通注意语气');
      button(detail, '添加备注').click();
      await waitUntil(() => text(detail).includes('客户上次投诉过'), 'the note shows');

      button(detail, '请客户补充信息…').click();
      await detail.updateComplete;
      const dialog = shadow(detail).querySelector('dialog')!;
      expect(dialog.open).to.equal(true);
      type(field(detail, '要请客户补充的问题'), '请问空调是哪一年买的？');
      button(detail, '请客户补充信息').click();
      await waitUntil(() => statusOf(detail) === '待客户回复' && !dialog.open, 'waiting for the customer, the dialog closed');

      // The customer, in the tracker on the same page, sees the question and answers.
      await waitUntil(() => text(tracker).includes('请问空调是哪一年买的？'), 'the tracker shows the question');
      expect(statusOf(tracker)).to.equal('等待您的回复');
      type(field(tracker, '您的回复'), '2024 年 6 月买的');
      button(tracker, '发送').click();
      await waitUntil(() => text(detail).includes('2024 年 6 月买的') && statusOf(detail) === '处理中', 'the agent sees the answer, work resumes');

      button(detail, '解决…').click();
      await detail.updateComplete;
      // The guard: a resolution note is required.
      button(detail, '解决').click();
      await waitUntil(() => shadow(detail).querySelector('dialog [role="alert"]')!.textContent!.includes('请填写解决说明'));
      expect(field(detail, '解决说明').getAttribute('aria-invalid')).to.equal('true');
      type(field(detail, '解决说明'), '更换了温度传感器，制冷恢复正常');
      button(detail, '解决').click();
      await waitUntil(() => statusOf(detail) === '已解决', 'resolved');

      // The customer rates in the survey inside the tracker.
      await waitUntil(() => tracker.shadowRoot!.querySelector('ac-satisfaction')?.shadowRoot?.querySelectorAll('input[type="radio"]').length, 'the survey shows');
      const survey = tracker.shadowRoot!.querySelector('ac-satisfaction')!;
      byName<HTMLInputElement>(survey, 'input[type="radio"]', '★★★★★ 非常满意').click();
      const rated = oneEvent(survey, 'ac-rated');
      button(survey, '提交评价').click();
      await rated;
      await waitUntil(() => text(detail).includes('客户评价 5 星'), 'the agent sees the rating');
      expect(statusOf(detail)).to.equal('已解决');

      // Three days later the automation closes it, on the client's clock: no polling.
      clock.advance(3 * DAY + 60_000);
      await waitUntil(() => statusOf(detail) === '已关闭', 'closed by the automation', { timeout: 3000 });
      expect(text(detail)).to.contain('三天后自动关闭');
      await waitUntil(() => statusOf(tracker) === '已完成', 'the customer sees it closed');
      expect(transitions).to.deep.equal([
        { action: 'assign', status: 'assigned' },
        { action: 'start', status: 'in_progress' },
        { action: 'request_info', status: 'pending_customer' },
        { action: 'resolve', status: 'resolved' },
      ]);
      // Whatever happened, the customer's page never showed the internal note.
      expect(text(tracker)).to.not.contain('客户上次投诉过');
      const stored = await client.tickets.get(ticket.id);
      expect(stored.events.filter((e) => e.actor.kind === 'agent').every((e) => e.actor.id === 'agent-1')).to.equal(true);
    });

    it('turns the SLA badge to warning, then breached, as the clock moves', async () => {
      client = agentClient({ now: clock.now, policies: [{ id: 'p', targets: { first_response: 60 } }] });
      const { ticket } = await ticketOf(client);
      const el = await fixture<AcTicketDetail>(html`<ac-ticket-detail locale="en" .client=${client} ticket-id=${ticket.id} agent-id="agent-1"></ac-ticket-detail>`);
      await waitUntil(() => shadow(el).querySelector('[part="sla"] ac-sla-badge'));
      const badge = shadow(el).querySelector('[part="sla"] ac-sla-badge')!;
      const stateOf = () => badge.getAttribute('state');
      await waitUntil(() => stateOf() === 'running');
      expect(badge.shadowRoot!.textContent).to.match(/1 hour left|60 minutes left/);
      clock.advance(50 * 60_000); // past the 80 % warning
      await waitUntil(() => stateOf() === 'warning', 'warning', { timeout: 2000 });
      expect(badge.shadowRoot!.textContent).to.contain('Due soon');
      clock.advance(11 * 60_000);
      await waitUntil(() => stateOf() === 'breached', 'breached', { timeout: 2000 });
      expect(badge.shadowRoot!.textContent).to.contain('Breached');
    });
  });
});
