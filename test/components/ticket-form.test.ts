/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/ticket-form/ticket-form.js';
import type { AcTicketForm, TicketFormField } from '../../components/ticket-form/ticket-form.js';
import { createCalendar, createClient, httpTransport, memoryOutboxStore, memoryStorage, type AftercareClient, type ClientEvent } from '../../src/index.js';
import { createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';
import { mockFetch } from '../browser/mock-fetch.js';

const root = (el: AcTicketForm) => el.shadowRoot!;

/** The control a visible label names, as a person finds it. */
function control(el: AcTicketForm, label: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const found = [...root(el).querySelectorAll('label')].find((l) => l.textContent!.replace(/\s+/g, ' ').trim().startsWith(label));
  if (!found) throw new Error(`no field labelled "${label}"; labels: ${[...root(el).querySelectorAll('label')].map((l) => l.textContent!.trim()).join(' | ')}`);
  const target = root(el).getElementById(found.htmlFor);
  if (!target) throw new Error(`label "${label}" is tied to nothing`);
  return target as HTMLInputElement;
}

async function type(el: AcTicketForm, label: string, value: string) {
  const c = control(el, label);
  c.focus();
  c.value = value;
  c.dispatchEvent(new Event(c instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  c.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}

const button = (el: AcTicketForm, name: string) => {
  const b = [...root(el).querySelectorAll('button')].find((x) => x.textContent!.trim().startsWith(name));
  if (!b) throw new Error(`no button "${name}"`);
  return b;
};

async function fillValid(el: AcTicketForm, zh = true) {
  if (zh) {
    await type(el, '问题概述', '空调不制冷');
    await type(el, '详细描述', '开机半小时仍然吹热风');
    await type(el, '姓名', '张伟');
    await type(el, '手机号', '13800138000');
  } else {
    await type(el, 'Summary', 'Air conditioner not cooling');
    await type(el, 'Name', 'Zhang Wei');
    await type(el, 'E-mail', 'zhang@example.com');
  }
}

describe('<ac-ticket-form>', () => {
  let client: AftercareClient;
  beforeEach(() => {
    localStorage.clear();
    client = createClient({ storage: memoryStorage(), now: () => Date.parse('2026-11-23T02:00:00.000Z') });
  });
  afterEach(async () => {
    await client.close();
    localStorage.clear();
  });

  it('labels every field and names the submit button, in Chinese and in English', async () => {
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${client} ignore-url></ac-ticket-form>`);
    for (const label of ['服务类型', '问题概述', '详细描述', '紧急程度', '姓名', '手机号', '电子邮箱', '上门地址', '产品型号', '序列号（SN）', '购买日期']) control(el, label); // throws when no label names a control
    expect(button(el, '提交').type).to.equal('submit');
    el.locale = 'en';
    await el.updateComplete;
    for (const label of ['Type of request', 'Summary', 'Description', 'Urgency', 'Name', 'Mobile phone', 'E-mail', 'Service address', 'Model', 'Serial number', 'Purchase date']) control(el, label);
    expect(button(el, 'Submit').type).to.equal('submit');
  });

  it('shows inline errors tied to their fields, announces them and focuses the first; nothing is created', async () => {
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${client} ignore-url></ac-ticket-form>`);
    button(el, '提交').click();
    await waitUntil(() => root(el).querySelector('[role="alert"]')!.textContent!.includes('处需要修改'));
    const subject = control(el, '问题概述');
    expect(subject.getAttribute('aria-invalid')).to.equal('true');
    const errorId = subject.getAttribute('aria-describedby')!;
    expect(root(el).getElementById(errorId)!.textContent).to.contain('请填写问题概述');
    expect(root(el).getElementById(control(el, '手机号').getAttribute('aria-describedby')!.split(' ').at(-1)!)!.textContent).to.contain('请填写手机号或电子邮箱');
    expect(root(el).activeElement).to.equal(subject);
    expect((await client.tickets.list({})).total).to.equal(0);
    // Correcting a field clears its error as the customer types.
    await type(el, '问题概述', '洗衣机漏水');
    expect(control(el, '问题概述').getAttribute('aria-invalid')).to.equal('false');
  });

  it('checks phone and e-mail formats', async () => {
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url></ac-ticket-form>`);
    await type(el, 'Mobile phone', 'call me');
    await type(el, 'E-mail', 'not-an-address');
    expect(root(el).textContent).to.contain('This phone number does not look right');
    expect(root(el).textContent).to.contain('This e-mail address does not look right');
  });

  it('submits what a person fills in, once, and shows the ticket number', async () => {
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${client} ignore-url></ac-ticket-form>`);
    await fillValid(el);
    await type(el, '紧急程度', 'urgent');
    await type(el, '上门地址', '上海市浦东新区世纪大道 100 号');
    const created = oneEvent(el, 'ac-ticket-created');
    button(el, '提交').click();
    button(el, '提交').click(); // double click
    const { detail } = await created;
    expect(detail.ticket.subject).to.equal('空调不制冷');
    expect(detail.ticket.priority).to.equal('urgent');
    expect(detail.ticket.location?.address).to.equal('上海市浦东新区世纪大道 100 号');
    await el.updateComplete;
    expect(root(el).querySelector('[part="result"]')!.textContent).to.contain(detail.ticket.number);
    expect((await client.tickets.list({})).total).to.equal(1);
  });

  it('keeps every value when sending fails, and says why', async () => {
    const broken = createClient({ storage: memoryStorage() });
    await broken.close(); // a closed client refuses: stands for an unexpected failure
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${broken} ignore-url></ac-ticket-form>`);
    await fillValid(el, false);
    button(el, 'Submit').click();
    await waitUntil(() => root(el).querySelector('.send-error'));
    expect(root(el).querySelector('.send-error')!.textContent).to.contain('What you entered is kept');
    expect(control(el, 'Summary').value).to.equal('Air conditioner not cooling');
    expect(button(el, 'Submit').disabled).to.equal(false);
  });

  it('restores a draft after a reload, and forgets it once sent', async () => {
    const first = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${client} ignore-url draft-key="repair"></ac-ticket-form>`);
    await type(first, '问题概述', '冰箱不制冷');
    await type(first, '姓名', '李娜');
    await new Promise((r) => setTimeout(r, 400));
    first.remove();
    const again = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${client} ignore-url draft-key="repair"></ac-ticket-form>`);
    expect(control(again, '问题概述').value).to.equal('冰箱不制冷');
    expect(control(again, '姓名').value).to.equal('李娜');
    expect(root(again).textContent).to.contain('已恢复您上次未提交的内容');
    await type(again, '手机号', '13900139000');
    const created = oneEvent(again, 'ac-ticket-created');
    button(again, '提交').click();
    await created;
    expect(localStorage.getItem('aftercare:draft:repair')).to.equal(null);
  });

  it('prefills the product from a QR code’s URL', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?model=KFR-35GW&sn=SN20240601001&purchase=2024-06-01&type=installation`);
    try {
      const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client}></ac-ticket-form>`);
      expect(control(el, 'Model').value).to.equal('KFR-35GW');
      expect(control(el, 'Serial number').value).to.equal('SN20240601001');
      expect(control(el, 'Purchase date').value).to.equal('2024-06-01');
      expect(control(el, 'Type of request').value).to.equal('installation');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('suggests knowledge articles as the customer types (not during IME composition), and records a deflection instead of a ticket', async () => {
    const kbClient = createClient({
      storage: memoryStorage(),
      knowledge: [
        { id: 'kb-ac', title: '空调不制冷怎么办', body: '检查滤网是否堵塞，确认遥控器模式为制冷，室外机是否运转。' },
        { id: 'kb-wm', title: '洗衣机漏水的常见原因', body: '检查进水管接口与排水管。' },
      ],
    });
    const events: ClientEvent[] = [];
    kbClient.subscribe((e) => events.push(e));
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${kbClient} ignore-url></ac-ticket-form>`);
    const description = control(el, '详细描述');
    description.dispatchEvent(new CompositionEvent('compositionstart'));
    description.value = '空调不制冷';
    description.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 500));
    expect(root(el).querySelectorAll('[part="suggestions"] li').length).to.equal(0);
    description.dispatchEvent(new CompositionEvent('compositionend'));
    await waitUntil(() => root(el).querySelectorAll('[part="suggestions"] li').length > 0, 'suggestions appear', { timeout: 2000 });
    expect(root(el).querySelector('[part="suggestions"]')!.textContent).to.contain('空调不制冷怎么办');
    const deflected = oneEvent(el, 'ac-ticket-deflected');
    button(el, '问题已解决').click();
    expect((await deflected).detail.articleId).to.equal('kb-ac');
    expect(events.some((e) => e.type === 'deflection' && e.articleId === 'kb-ac')).to.equal(true);
    expect((await kbClient.tickets.list({})).total).to.equal(0);
    await kbClient.close();
  });

  it('asks for custom fields with their rules and stores them', async () => {
    const fields: TicketFormField[] = [
      { key: 'order_no', label: { 'zh-CN': '订单号', en: 'Order number' }, type: 'text', required: true, pattern: 'JD\\d{8}' },
      { key: 'units', label: { 'zh-CN': '台数', en: 'Units' }, type: 'number', min: 1, max: 10 },
      { key: 'channel_bought', label: { 'zh-CN': '购买渠道', en: 'Bought at' }, type: 'select', required: true, options: [{ value: 'jd', label: '京东' }, { value: 'tmall', label: '天猫' }] },
      { key: 'agree', label: { 'zh-CN': '同意上门', en: 'Visit agreed' }, type: 'checkbox', required: true },
    ];
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} .fields=${fields} ignore-url></ac-ticket-form>`);
    await fillValid(el, false);
    await type(el, 'Order number', 'ABC');
    await type(el, 'Units', '20');
    button(el, 'Submit').click();
    await el.updateComplete;
    const text = root(el).textContent!;
    expect(text).to.contain('Order number does not look right');
    expect(text).to.contain('Units must be at most 10');
    expect(text).to.contain('Please enter Bought at');
    expect(text).to.contain('Please enter Visit agreed');
    await type(el, 'Order number', 'JD20261122');
    await type(el, 'Units', '2');
    await type(el, 'Bought at', 'jd');
    const agree = control(el, 'Visit agreed') as HTMLInputElement;
    agree.click();
    await el.updateComplete;
    const created = oneEvent(el, 'ac-ticket-created');
    button(el, 'Submit').click();
    const { detail } = await created;
    expect(detail.ticket.customFields).to.deep.equal({ order_no: 'JD20261122', units: 2, channel_bought: 'jd', agree: true });
  });

  it('promises a reply time computed by the core, and links to tracking with the access token', async () => {
    const office = [['09:00', '18:00']] as Array<[string, string]>;
    const shanghai = createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: office, tue: office, wed: office, thu: office, fri: office } });
    const slaClient = createClient({ storage: memoryStorage(), policies: [{ id: 'std', calendarId: 'sh', targets: { first_response: 120 } }], calendars: { sh: shanghai } });
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${slaClient} ignore-url tracking-url="/track?id={id}&token={token}"></ac-ticket-form>`);
    await fillValid(el);
    const created = oneEvent(el, 'ac-ticket-created');
    button(el, '提交').click();
    const { detail } = await created;
    await el.updateComplete;
    const result = root(el).querySelector('[part="result"]')!;
    expect(result.textContent).to.contain('我们将在 2 个工作小时内回复您');
    const link = result.querySelector('a')!;
    expect(link.getAttribute('href')).to.match(new RegExp(`^/track\\?id=${detail.ticket.id}&token=[A-Za-z0-9_-]{32}$`));
    await slaClient.close();
  });
});

describe('<ac-ticket-form> offline', () => {
  it('says the ticket is saved and will be sent, then shows it sent when the connection returns', async () => {
    localStorage.clear();
    const backend = createMockBackend();
    const outboxName = `aftercare-outbox-${crypto.randomUUID()}`;
    const remote = createClient({
      transport: httpTransport({ baseUrl: MOCK_BASE_URL, fetch: mockFetch(backend.handlers), timeoutMs: 500 }),
      outbox: memoryOutboxStore(),
      outboxName,
      live: false,
      retry: { baseDelayMs: 50, maxDelayMs: 100 },
    });
    backend.faults.offline();
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${remote} ignore-url></ac-ticket-form>`);
    await fillValid(el);
    const queued = oneEvent(el, 'ac-ticket-queued');
    button(el, '提交').click();
    await queued;
    await el.updateComplete;
    expect(root(el).querySelector('[part="result"]')!.textContent).to.contain('已保存，联网后自动提交');
    expect(await backend.ticketCount()).to.equal(0);
    const created = oneEvent(el, 'ac-ticket-created');
    backend.faults.online();
    const { detail } = await created;
    await el.updateComplete;
    expect(root(el).querySelector('[part="result"]')!.textContent).to.contain(detail.ticket.number);
    expect(await backend.ticketCount()).to.equal(1);
    await remote.close();
  });
});

describe('<ac-ticket-form> ticket-type', () => {
  it('hides the type choice when the page fixes it, and treats an empty attribute as not fixed', async () => {
    const client = createClient({ storage: memoryStorage() });
    const fixed = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url ticket-type="installation"></ac-ticket-form>`);
    expect([...fixed.shadowRoot!.querySelectorAll('label')].some((l) => l.textContent!.includes('Type of request'))).to.equal(false);
    await fillValid(fixed, false);
    const created = oneEvent(fixed, 'ac-ticket-created');
    button(fixed, 'Submit').click();
    expect((await created).detail.ticket.type).to.equal('installation');
    const empty = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url ticket-type=""></ac-ticket-form>`);
    expect(control(empty, 'Type of request').value).to.equal('repair');
    await client.close();
  });
});
