import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  articleFromTicket,
  createKnowledgeIndex,
  createMacro,
  createTicket,
  macroArticle,
  macroContext,
  renderMacro,
  ValidationError,
  type Ticket,
} from '../../src/index.js';

const NOW = '2026-11-22T01:00:00.000Z';

function resolvedTicket(note = '更换室外机电容后恢复制冷，如再出现 E1 请联系 13912345678 或 wang.service@example.com。'): Ticket {
  const ticket = createTicket(
    {
      subject: '空调不制冷，显示 E1',
      description: '张伟家的空调开机半小时仍然吹热风，显示 E1。联系电话 13800138000。',
      customer: { id: 'c1', name: '张伟', contact: { phone: '13800138000', email: 'zhang.wei@example.com' } },
      product: { model: 'KFR-35GW', serialNumber: 'SN20240601001' },
      tags: ['空调', 'E1'],
      category: 'air-conditioning',
    },
    { now: NOW, number: 'AC-20261122-0007' },
  );
  return { ...ticket, status: 'resolved', resolution: { note, at: NOW }, resolvedAt: NOW };
}

describe('macros (canned responses)', () => {
  const macro = createMacro({
    id: 'm-visit',
    name: '上门时间确认',
    body: '{{customer.name}} 您好，您的工单 {{ticket.number}} 已安排 {{agent.name}} 上门，型号 {{ product.model }}。',
    tags: ['上门', '预约'],
    locale: 'zh-CN',
  });

  it('lists its placeholders and validates its input', () => {
    assert.deepEqual(macro.placeholders, ['customer.name', 'ticket.number', 'agent.name', 'product.model']);
    assert.throws(
      () => createMacro({ id: '', name: '', body: 'Hi {{customer.name' } as never),
      (e: unknown) => e instanceof ValidationError && e.issues.map((i) => i.path).join() === 'id,name,body',
    );
  });

  it('renders values from a context as plain text', () => {
    const ticket = resolvedTicket();
    const r = renderMacro(macro, macroContext(ticket, { name: '王建国', publicName: '王工' }));
    assert.equal(r.text, '张伟 您好，您的工单 AC-20261122-0007 已安排 王工 上门，型号 KFR-35GW。');
    assert.deepEqual(r.missing, []);
    assert.deepEqual(r.parts.filter((p) => p.placeholder).map((p) => [p.placeholder, p.text]), [
      ['customer.name', '张伟'],
      ['ticket.number', 'AC-20261122-0007'],
      ['agent.name', '王工'],
      ['product.model', 'KFR-35GW'],
    ]);
  });

  it('keeps HTML in values as text: inserted verbatim, never escaped twice nor interpreted', () => {
    const html = '<img src=x onerror="alert(1)">&amp;';
    const r = renderMacro('Hello {{customer.name}}!', { customer: { name: html } });
    assert.equal(r.text, `Hello ${html}!`);
    assert.deepEqual(r.parts[1], { text: html, placeholder: 'customer.name' });
  });

  it('leaves unknown placeholders visible and reports them (or drops them on request)', () => {
    const r = renderMacro('Hi {{customer.name}}, ref {{order.id}} {{order.id}}', { customer: {} });
    assert.equal(r.text, 'Hi {{customer.name}}, ref {{order.id}} {{order.id}}');
    assert.deepEqual(r.missing, ['customer.name', 'order.id']);
    assert.equal(renderMacro('Hi {{x}}!', {}, { missing: 'empty' }).text, 'Hi !');
  });

  it('expands once, reads own properties only, and accepts only text-like values', () => {
    assert.equal(renderMacro('{{a}}', { a: '{{b}}', b: 'no' }).text, '{{b}}');
    assert.deepEqual(renderMacro('{{a.constructor.name}} {{a.__proto__}}', { a: {} }).missing, ['a.constructor.name', 'a.__proto__']);
    assert.equal(renderMacro('{{n}} {{list}} {{flag}} {{bad}}', { n: 3, list: ['x', 'y'], flag: true, bad: { x: 1 } }).text, '3 x, y true {{bad}}');
    assert.equal(renderMacro('{{a}}', { a: 'tab\tok\u0007bell' }).text, 'tab\tokbell');
  });

  it('is searchable with the same knowledge index', () => {
    const refund = createMacro({ id: 'm-refund', name: 'Refund confirmation', body: 'Hi {{customer.name}}, your refund for {{ticket.number}} is on its way.', locale: 'en' });
    const index = createKnowledgeIndex([macroArticle(macro), macroArticle(refund)]);
    assert.equal(index.search('上门 预约')[0]?.id, 'm-visit');
    assert.equal(index.search('refund')[0]?.id, 'm-refund');
    assert.equal(index.search('customer name').length, 0); // placeholders are not searchable text
    assert.equal(index.get('m-refund')?.kind, 'macro');
  });
});

describe('articleFromTicket', () => {
  it('drafts an article from a resolved ticket: subject, symptoms, model, resolution', () => {
    const ticket = resolvedTicket();
    const draft = articleFromTicket(ticket);
    assert.equal(draft.id, 'draft-AC-20261122-0007');
    assert.equal(draft.status, 'draft');
    assert.equal(draft.title, '空调不制冷，显示 E1');
    assert.equal(draft.locale, 'zh-CN');
    assert.equal(draft.category, 'air-conditioning');
    assert.deepEqual(draft.tags, ['空调', 'E1', 'KFR-35GW', 'air-conditioning']);
    assert.match(draft.body, /^问题现象：.*吹热风/m);
    assert.match(draft.body, /^适用型号：KFR-35GW$/m);
    assert.match(draft.body, /^解决方法：更换室外机电容后恢复制冷/m);
    assert.deepEqual(draft.source, { ticketId: ticket.id, ticketNumber: 'AC-20261122-0007', resolvedAt: NOW });
  });

  it('removes the customer’s name and contact details, and says so', () => {
    const draft = articleFromTicket(resolvedTicket());
    for (const secret of ['张伟', '13800138000', '13912345678', 'wang.service@example.com']) assert.ok(!draft.body.includes(secret), secret);
    assert.ok(draft.body.includes('[已隐藏]'));
    assert.deepEqual(draft.review, ['redacted']);
  });

  it('uses English headings for an English ticket, and the draft can be indexed', () => {
    const ticket = createTicket(
      { subject: 'Washer shakes during spin', description: 'New front loader walks across the floor.', customer: { name: 'Ann Lee', contact: { email: 'ann@example.com' } } },
      { now: NOW, number: 'AC-20261122-0008' },
    );
    const draft = articleFromTicket({ ...ticket, resolution: { note: 'Transit bolts were still fitted; removed them.', at: NOW } });
    assert.equal(draft.locale, 'en');
    assert.equal(draft.body, 'Symptoms: New front loader walks across the floor.\nResolution: Transit bolts were still fitted; removed them.');
    assert.equal(createKnowledgeIndex([draft]).search('transit bolts')[0]?.id, 'draft-AC-20261122-0008');
  });

  it('refuses a ticket without a resolution note', () => {
    const { resolution: _none, ...open } = resolvedTicket();
    assert.throws(() => articleFromTicket(open as Ticket), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path === 'resolution.note');
  });
});
