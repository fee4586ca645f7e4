/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/agent-queue/agent-queue.js';
import type { AcAgentQueue } from '../../components/agent-queue/agent-queue.js';
import { tickClock } from '../../components/base/clock.js';
import { clientActions, createClient, createRouter, memoryStorage, orderQueue, type AftercareClient, type Ticket } from '../../src/index.js';
import { buildAgent, buildTicketInput } from '../../src/testing/index.js';
import '../support/ignore-resize-observer-loop.js';
import { queueTickets } from '../support/queue-tickets.js';

const root = (el: AcAgentQueue) => el.shadowRoot!;
const rows = (el: AcAgentQueue) => [...root(el).querySelectorAll<HTMLElement>('lit-virtualizer [role="row"]')];
const rowText = (row: HTMLElement) => row.textContent!.replace(/\s+/g, ' ').trim();
const numbers = (el: AcAgentQueue) => rows(el).map((r) => r.querySelector('.c-number')!.textContent!.trim());
const grid = (el: AcAgentQueue) => root(el).querySelector<HTMLElement>('[role="grid"]')!;
const button = (el: AcAgentQueue, name: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim().startsWith(name))!;
const select = (el: AcAgentQueue, label: string) => [...root(el).querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith(label))!.querySelector('select')!;
const choose = (s: HTMLSelectElement, value: string) => {
  s.value = value;
  s.dispatchEvent(new Event('change'));
};

const shiftArrowDown = async () => {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ up: 'Shift' });
};

const agents = [
  buildAgent({ id: 'a1', name: '王建国', publicName: '王工' }),
  buildAgent({ id: 'a2', name: '李娜', publicName: '李工', status: 'offline' }),
  buildAgent({ id: 'a3', name: 'Sam Lee', publicName: 'Sam', role: 'lead' }),
];

describe('<ac-agent-queue>', () => {
  let client: AftercareClient;
  let now: number;
  const made: Ticket[] = [];

  async function create(overrides: Parameters<typeof buildTicketInput>[0], minutesAgo = 0) {
    const saved = now;
    now -= minutesAgo * 60_000;
    const r = await client.tickets.create(buildTicketInput(overrides));
    now = saved;
    if (r.status !== 'created') throw new Error('not created');
    made.push(r.ticket);
    return r.ticket;
  }

  beforeEach(async () => {
    now = Date.parse('2026-11-23T02:00:00.000Z');
    made.length = 0;
    client = createClient({
      storage: memoryStorage(),
      agents,
      now: () => now,
      policies: [
        { id: 'vip', conditions: { tier: ['vip'] }, targets: { first_response: 30 } },
        { id: 'std', targets: { first_response: 240 } },
      ],
    });
    await create({ subject: '洗衣机漏水', priority: 'normal' }, 60);
    await create({ subject: '发票抬头错误', priority: 'high', customer: { id: 'c2', name: '张三', tier: 'vip', contact: { phone: '13900000000' } } }, 10);
    await create({ subject: 'Printer jams', priority: 'urgent' }, 5);
    const mine = await create({ subject: '冰箱噪音大', priority: 'low' }, 120);
    await client.tickets.assign(mine.id, { assigneeId: 'a1', assigneeName: '王工' });
  });
  afterEach(() => client.close());

  async function queue(attrs: { view?: string; locale?: string; agent?: string } = {}) {
    const el = await fixture<AcAgentQueue>(
      html`<ac-agent-queue agent-id=${attrs.agent ?? 'a1'} view=${attrs.view ?? 'all'} locale=${attrs.locale ?? 'en'} .client=${client}></ac-agent-queue>`,
    );
    await waitUntil(() => rows(el).length > 0, 'rows render');
    return el;
  }

  it('lists every open ticket, most urgent first, with number, subject, customer tier, status, priority, assignee and SLA', async () => {
    const el = await queue();
    await waitUntil(() => rows(el).length === 4);
    // VIP 30-minute clock due soonest; then the 240-minute clocks by due time (oldest first).
    expect(numbers(el)).to.deep.equal([made[1]!.number, made[3]!.number, made[0]!.number, made[2]!.number]);
    const vip = rowText(rows(el)[0]!);
    expect(vip).to.contain('发票抬头错误').and.contain('张三').and.contain('VIP').and.contain('High').and.contain('Unassigned');
    const mine = rows(el)[1]!;
    expect(rowText(mine)).to.contain('王建国');
    expect(mine.querySelector('.c-status')!.textContent!.trim()).to.equal('Assigned');
    const sla = rows(el)[0]!.querySelector('ac-sla-badge')!;
    await sla.updateComplete;
    expect(sla.shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.contain('20 minutes left');
    expect(grid(el).getAttribute('aria-rowcount')).to.equal('5');
    expect(rows(el)[0]!.getAttribute('aria-rowindex')).to.equal('2');
  });

  it('switches views: mine, unassigned, breaching — the pressed button says which', async () => {
    const el = await queue();
    button(el, 'Mine').click();
    await waitUntil(() => rows(el).length === 1);
    expect(button(el, 'Mine').getAttribute('aria-pressed')).to.equal('true');
    expect(numbers(el)).to.deep.equal([made[3]!.number]);
    button(el, 'Unassigned').click();
    await waitUntil(() => rows(el).length === 3);
    expect(el.view).to.equal('unassigned');
    button(el, 'Breaching').click();
    await waitUntil(() => root(el).textContent!.includes('No tickets in this view.'));
  });

  it('filters by field and by free text (Chinese and English), and says when nothing matches', async () => {
    const el = await queue();
    button(el, 'Filters').click();
    await el.updateComplete;
    choose(select(el, 'Priority'), 'urgent');
    await waitUntil(() => rows(el).length === 1);
    expect(numbers(el)).to.deep.equal([made[2]!.number]);
    button(el, 'Clear filters').click();
    await waitUntil(() => rows(el).length === 4);
    const search = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(search.getAttribute('aria-label')).to.equal('Search tickets');
    search.value = '发票';
    search.dispatchEvent(new Event('input'));
    await waitUntil(() => rows(el).length === 1);
    expect(numbers(el)).to.deep.equal([made[1]!.number]);
    search.value = 'printer';
    search.dispatchEvent(new Event('input'));
    await waitUntil(() => rows(el).length === 1 && numbers(el)[0] === made[2]!.number);
    search.value = 'nothing like this';
    search.dispatchEvent(new Event('input'));
    await waitUntil(() => root(el).textContent!.includes('No tickets match the filters.'));
  });

  it('works by keyboard: arrows and j/k move, Space selects, Shift+arrow extends, Enter opens, Escape clears', async () => {
    const el = await queue();
    await waitUntil(() => rows(el).length === 4);
    grid(el).focus();
    await el.updateComplete;
    const active = () => grid(el).getAttribute('aria-activedescendant');
    expect(active()).to.equal(`row-${made[1]!.id}`);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active()).to.equal(`row-${made[3]!.id}`);
    await sendKeys({ press: 'j' });
    await el.updateComplete;
    expect(active()).to.equal(`row-${made[0]!.id}`);
    await sendKeys({ press: 'k' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(rows(el)[1]!.getAttribute('aria-selected')).to.equal('true');
    await shiftArrowDown();
    await shiftArrowDown();
    await el.updateComplete;
    expect(rows(el).map((r) => r.getAttribute('aria-selected'))).to.deep.equal(['false', 'true', 'true', 'true']);
    expect(root(el).querySelector('[part="bulk"]')!.textContent).to.contain('3 selected');
    const opened = oneEvent(el, 'ac-ticket-select');
    await sendKeys({ press: 'Enter' });
    expect((await opened).detail.ticketId).to.equal(made[2]!.id);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(root(el).querySelector('[part="bulk"]')).to.equal(null);
    expect(root(el).textContent).to.contain('Select tickets to claim');
  });

  it('selects a range with shift-click and opens a ticket on click', async () => {
    const el = await queue();
    await waitUntil(() => rows(el).length === 4);
    rows(el)[0]!.querySelector('input')!.click();
    rows(el)[2]!.querySelector('input')!.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await el.updateComplete;
    expect(rows(el).map((r) => r.getAttribute('aria-selected'))).to.deep.equal(['true', 'true', 'true', 'false']);
    const opened = oneEvent(el, 'ac-ticket-select');
    (rows(el)[3]!.querySelector('.c-subject') as HTMLElement).click();
    expect((await opened).detail.ticketId).to.equal(made[2]!.id);
  });

  it('claims an unassigned ticket and announces it', async () => {
    const el = await queue();
    await waitUntil(() => rows(el).length === 4);
    const claim = root(el).querySelector<HTMLButtonElement>(`button[aria-label="Claim ${made[2]!.number}"]`)!;
    claim.click();
    await waitUntil(() => root(el).querySelector('[role="status"]')!.textContent!.includes(`Claimed ${made[2]!.number}`));
    const ticket = await client.tickets.get(made[2]!.id);
    expect(ticket.assigneeId).to.equal('a1');
    expect(ticket.events.at(-1)!.actor.id).to.equal('a1');
    await waitUntil(() => rowText(rows(el).find((r) => r.dataset.id === made[2]!.id)!).includes('王建国'));
    expect(root(el).querySelector(`button[aria-label="Claim ${made[2]!.number}"]`)).to.equal(null);
  });

  it('offers only the actions the workflow allows every selected ticket, and asks for a note when one is required', async () => {
    const el = await queue({ view: 'mine' });
    const second = await create({ subject: '空调漏水' });
    await client.tickets.assign(second.id, { assigneeId: 'a1' });
    await waitUntil(() => rows(el).length === 2);
    grid(el).focus();
    await sendKeys({ press: 'Space' });
    await shiftArrowDown();
    await el.updateComplete;
    const bulk = select(el, 'Bulk action');
    const offered = [...bulk.options].map((o) => o.textContent!.trim());
    expect(offered).to.include('Start work').and.include('Resolve').and.include('Escalate');
    expect(offered).to.not.include('Close').and.not.include('Reopen');
    choose(bulk, 'start');
    await waitUntil(async () => (await client.tickets.get(second.id)).status === 'in_progress' && (await client.tickets.get(made[3]!.id)).status === 'in_progress');
    await waitUntil(() => root(el).querySelector('[role="status"]')!.textContent!.includes('“Start work” done on 2'));
    // Resolve needs a resolution note: a dialog asks for it.
    grid(el).focus();
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    choose(select(el, 'Bulk action'), 'resolve');
    await el.updateComplete;
    const dialog = root(el).querySelector('dialog')!;
    await waitUntil(() => dialog.open);
    expect(dialog.querySelector('h2')!.textContent).to.contain('Resolve: add a note');
    const note = dialog.querySelector('textarea')!;
    note.value = 'Replaced the drain pump.';
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => rows(el).length === 1, 'the resolved ticket leaves the open queue');
  });

  it('assigns with the routing rules’ suggestion and their reasons', async () => {
    await client.close();
    client = createClient({
      storage: memoryStorage(),
      agents,
      now: () => now,
      router: createRouter({ rules: [{ id: 'repair', name: 'Repairs', actions: { group: 'repair', strategy: 'least_loaded' } }] }),
    });
    const ticket = await create({ subject: 'Fan broken' });
    const el = await queue({ agent: 'a3' });
    await waitUntil(() => rows(el).length === 1);
    rows(el)[0]!.querySelector('input')!.click();
    await el.updateComplete;
    button(el, 'Assign to…').click();
    const dialog = root(el).querySelector('dialog')!;
    await waitUntil(() => dialog.open && dialog.textContent!.includes('Routing suggestion'));
    await waitUntil(() => dialog.querySelector('li'));
    const text = dialog.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('李娜 — offline');
    const picked = dialog.querySelector('select')!;
    expect(picked.selectedOptions[0]!.textContent).to.contain('(suggested)');
    choose(picked, 'a3');
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(async () => (await client.tickets.get(ticket.id)).assigneeId === 'a3');
    expect(dialog.open).to.equal(false);
  });

  it('renders zh-CN', async () => {
    const el = await queue({ locale: 'zh-CN' });
    await waitUntil(() => rows(el).length === 4);
    const text = root(el).textContent!;
    expect(text).to.contain('我的').and.contain('未分配').and.contain('即将/已超时').and.contain('排序');
    expect(rowText(rows(el)[0]!)).to.contain('高').and.contain('未分配');
    expect(root(el).querySelector('input[type="search"]')!.getAttribute('aria-label')).to.equal('搜索工单');
  });

  it('SLA badges turn to warning then breached as the clock moves, in words and icon, not colour alone', async () => {
    const el = await queue();
    await waitUntil(() => rows(el).length === 4);
    const badge = () => rows(el).find((r) => r.dataset.id === made[1]!.id)!.querySelector('ac-sla-badge')!;
    expect(badge().getAttribute('state')).to.equal('running');
    now += 16 * 60_000; // 26 of 30 minutes gone: past the 80 % warning threshold
    tickClock();
    await waitUntil(() => badge().getAttribute('state') === 'warning');
    await badge().updateComplete;
    expect(badge().shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.contain('Due soon').and.contain('4 minutes left').and.contain('⚠');
    now += 10 * 60_000;
    tickClock();
    await waitUntil(() => badge().getAttribute('state') === 'breached');
    await badge().updateComplete;
    expect(badge().shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.contain('Breached').and.contain('6 minutes overdue').and.contain('⛔');
    button(el, 'Breaching').click();
    await waitUntil(() => rows(el).length === 1 && rows(el)[0]!.dataset.id === made[1]!.id);
  });

  it('shows a board by status with each column’s backlog', async () => {
    const el = await queue();
    button(el, 'Board').click();
    await waitUntil(() => root(el).querySelector('[part="board"]'));
    const columns = [...root(el).querySelectorAll('[part="column"] h3')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
    expect(columns[0]).to.equal('New 3 tickets');
    expect(columns[1]).to.equal('Assigned 1 tickets');
    const opened = oneEvent(el, 'ac-ticket-select');
    root(el).querySelector<HTMLButtonElement>('[part="card"] button')!.click();
    expect((await opened).detail.ticketId).to.be.a('string');
  });
});

describe('<ac-agent-queue> with many tickets', () => {
  it('renders only the visible rows of 20,000, reaches the last by keyboard, and keeps its place and selection through live updates', async function () {
    this.timeout(30_000);
    const client = createClient({ storage: memoryStorage(), live: false });
    const { tickets, sla } = queueTickets(20_000);
    const open = tickets.filter((x) => x.status !== 'resolved' && x.status !== 'closed');
    client.store.dispatch(clientActions.tickets.upserted(tickets));
    client.store.dispatch(clientActions.sla.evaluated({ now: Date.now(), byId: sla }));
    const el = await fixture<AcAgentQueue>(html`<ac-agent-queue agent-id="agent-1" view="all" locale="en" .client=${client}></ac-agent-queue>`);
    await waitUntil(() => rows(el).length > 0, 'rows render', { timeout: 5000 });
    expect(grid(el).getAttribute('aria-rowcount')).to.equal(String(open.length + 1));
    expect(rows(el).length).to.be.below(120);

    // Scroll into the middle and select a visible row.
    const scroller = root(el).querySelector('lit-virtualizer')!;
    scroller.scrollTop = 200_000;
    await waitUntil(() => rows(el).some((r) => Number(r.getAttribute('aria-rowindex')) > 3000), 'rows far down render', { timeout: 5000 });
    await new Promise((r) => requestAnimationFrame(r));
    const top = scroller.getBoundingClientRect().top;
    const firstVisible = rows(el).find((r) => r.getBoundingClientRect().bottom > top + 1)!;
    const anchorId = firstVisible.dataset.id!;
    const anchorTop = firstVisible.getBoundingClientRect().top - top;
    firstVisible.querySelector('input')!.click();
    await el.updateComplete;

    // Another agent's change puts a ticket at the very top; the rows in view stay where they are.
    const moved = { ...open.at(-1)!, priority: 'urgent' as const, revision: open.at(-1)!.revision + 1 };
    client.store.dispatch(clientActions.tickets.upserted([moved]));
    client.store.dispatch(clientActions.sla.evaluated({ now: Date.now(), byId: { [moved.id]: { state: 'breached', dueAt: 0 } } }));
    // The moved ticket leaves its old place below and takes the first row (above the view).
    await waitUntil(() => (grid(el).getAttribute('aria-rowcount') === String(open.length + 1)));
    const anchorRow = () => rows(el).find((r) => r.dataset.id === anchorId);
    await waitUntil(() => anchorRow() && Math.abs(anchorRow()!.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchorTop) < 2, 'the rows in view stay in place', { timeout: 5000 });
    const again = anchorRow()!;
    expect(again.getAttribute('aria-selected')).to.equal('true');

    grid(el).focus();
    await sendKeys({ press: 'End' });
    await waitUntil(
      () => {
        const last = rows(el).find((r) => r.getAttribute('aria-rowindex') === String(open.length + 1));
        return last && grid(el).getAttribute('aria-activedescendant') === last.id;
      },
      'End reaches the last row',
      { timeout: 4000 },
    );
    await client.close();
  });

  it('shows a filtered view of 20,000 from its first rows on, ends with every match in order, and takes changes that came while it was scanning', async function () {
    this.timeout(30_000);
    const now = Date.parse('2026-11-23T02:00:00.000Z');
    const client = createClient({ storage: memoryStorage(), live: false, now: () => now });
    const { tickets, sla } = queueTickets(20_000, { now });
    client.store.dispatch(clientActions.tickets.upserted(tickets));
    client.store.dispatch(clientActions.sla.evaluated({ now, byId: sla }));
    const el = await fixture<AcAgentQueue>(html`<ac-agent-queue agent-id="agent-1" view="all" locale="en" .client=${client}></ac-agent-queue>`);
    await waitUntil(() => rows(el).length > 0, 'rows render', { timeout: 5000 });

    el.view = 'mine';
    await el.updateComplete;
    // The first screenful is there; the scan goes on in slices. Meanwhile a ticket becomes agent-1's and another leaves.
    const firstScreen = Number(grid(el).getAttribute('aria-rowcount')) - 1;
    expect(firstScreen).to.be.within(1, 200);
    const state = client.store.getState();
    const mineBefore = orderQueue(Object.values(state.tickets.entities) as Ticket[], state.sla.byId, { view: 'mine', agentId: 'agent-1' });
    const leaving = mineBefore[0]!;
    const joining = tickets.find((x) => x.assigneeId === 'agent-2' && x.status === 'assigned')!;
    client.store.dispatch(
      clientActions.tickets.upserted([
        { ...joining, assigneeId: 'agent-1', revision: joining.revision + 1 },
        { ...leaving, assigneeId: 'agent-3', revision: leaving.revision + 1 },
      ]),
    );
    client.store.dispatch(clientActions.sla.evaluated({ now, byId: { [joining.id]: { state: 'breached', dueAt: 0 } } }));
    const current = client.store.getState();
    const expected = orderQueue(Object.values(current.tickets.entities) as Ticket[], current.sla.byId, { view: 'mine', agentId: 'agent-1' });
    expect(expected.length).to.be.above(firstScreen);
    await waitUntil(() => grid(el).getAttribute('aria-rowcount') === String(expected.length + 1), 'every match', { timeout: 5000 });
    expect(rows(el).some((r) => r.dataset.id === leaving.id)).to.equal(false);
    expect(expected[0]!.id).to.equal(joining.id);
    expect(rows(el)[0]!.dataset.id).to.equal(joining.id);
    const counts = root(el).querySelector('[aria-pressed="true"] .count')!.textContent;
    expect(counts).to.equal(String(expected.length));
    // The order in full: walk it by keyboard from the top and compare a stretch.
    grid(el).focus();
    await sendKeys({ press: 'Home' });
    for (let i = 1; i < 6; i++) {
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(grid(el).getAttribute('aria-activedescendant')).to.equal(`row-${expected[i]!.id}`);
    }
    await client.close();
  });
});
