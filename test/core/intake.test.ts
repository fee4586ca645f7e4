import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTicket,
  findDuplicates,
  htmlToText,
  LIMITS,
  normalizeInbound,
  stripQuotedHistory,
  textSimilarity,
  AftercareError,
  ValidationError,
  type InboundMessage,
  type NormalizedInbound,
  type NormalizedNewTicket,
  type NormalizedReply,
  type NormalizeInboundOptions,
  type Ticket,
  type ValidationIssue,
} from '../../src/index.js';

const NOW = '2026-11-22T08:00:00.000Z';
const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.parse(NOW) + hoursFromNow * HOUR).toISOString();

/** Normalizes and insists on a new ticket whose input `createTicket` accepts. */
function asNew(message: InboundMessage, options: NormalizeInboundOptions = {}): NormalizedNewTicket & { ticket: Ticket } {
  const result = normalizeInbound(message, { now: NOW, ...options });
  assert.equal(result.kind, 'new', `expected a new ticket, got ${JSON.stringify(result)}`);
  const ticket = createTicket(result.input, { now: NOW });
  return { ...result, ticket };
}

function asReply(message: InboundMessage, options: NormalizeInboundOptions = {}): NormalizedReply {
  const result = normalizeInbound(message, { now: NOW, ...options });
  assert.equal(result.kind, 'reply', `expected a reply, got ${JSON.stringify(result)}`);
  return result;
}

function issuesOf(fn: () => unknown): readonly ValidationIssue[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected ValidationError, got ${String(error)}`);
    assert.ok(error.issues.length > 0);
    return error.issues;
  }
  assert.fail('expected a ValidationError');
}

const paths = (issues: readonly ValidationIssue[]) => issues.map((i) => `${i.path}/${i.code}`).sort();

describe('normalizeInbound: e-mail', () => {
  it('opens a ticket from an English e-mail, without signature or phone footer', () => {
    const { input, references, ticket, warnings } = asNew({
      channel: 'email',
      from: { address: 'Jane.Doe@Example.com', name: 'Jane Doe' },
      to: 'service@aftercare.example',
      subject: 'Washing machine not draining',
      text: 'Hello,\r\n\r\nMy washer stops with water in the drum.\r\nModel XQG100.\r\n\r\n-- \r\nJane Doe\r\nACME Ltd.\r\n',
      messageId: '<CAB123@mail.example.com>',
      receivedAt: '2026-11-22T07:59:00Z',
    });
    assert.equal(input.subject, 'Washing machine not draining');
    assert.equal(input.description, 'Hello,\n\nMy washer stops with water in the drum.\nModel XQG100.');
    assert.equal(input.channel, 'email');
    assert.deepEqual(input.customer, { name: 'Jane Doe', contact: { email: 'Jane.Doe@Example.com' } });
    assert.equal(references.messageId, 'CAB123@mail.example.com');
    assert.equal(references.receivedAt, '2026-11-22T07:59:00.000Z');
    assert.deepEqual(references.to, ['service@aftercare.example']);
    assert.deepEqual(warnings, []);
    assert.equal(ticket.channel, 'email');
  });

  it('opens a ticket from a Chinese e-mail, stripping 转发/回复 prefixes and the sender name from the address', () => {
    const { input } = asNew({
      channel: 'email',
      from: { address: '"王芳" <wangfang@example.cn>' },
      subject: '转发：回复: 冰箱冷藏室不制冷',
      text: '您好：\n冰箱买了半年，冷藏室不冷了。\n\n发自我的iPhone',
    });
    assert.equal(input.subject, '冰箱冷藏室不制冷');
    assert.equal(input.description, '您好：\n冰箱买了半年，冷藏室不冷了。');
    assert.deepEqual(input.customer, { name: '王芳', contact: { email: 'wangfang@example.cn' } });
  });

  it('names the customer after the address when there is no display name', () => {
    const { input, warnings } = asNew({ channel: 'email', from: { address: 'li.lei@example.cn' }, subject: 'Hi', text: 'x' });
    assert.equal(input.customer.name, 'li.lei');
    assert.deepEqual(warnings, []);
  });

  it('replies by a ticket number in the subject, in English and Chinese forms', () => {
    const subjects = [
      'Re: [AC-20261122-0001] Washing machine not draining',
      'RE: Fwd: your ticket AC-20261122-0001',
      '回复：【AC-20261122-0001】洗衣机不排水',
      '答复: 转发: 工单AC-20261122-0001已受理',
      '回复：【ＡＣ－２０２６１１２２－０００１】', // full-width, as some IMEs type it
      're: [ac-20261122-0001]',
    ];
    for (const subject of subjects) {
      const r = asReply({ channel: 'email', from: { address: 'jane@example.com' }, subject, text: 'Still broken.' });
      assert.equal(r.ticketNumber, 'AC-20261122-0001', subject);
      assert.equal(r.matchedBy, 'subject_number');
      assert.equal(r.ticketId, undefined);
      assert.deepEqual(r.message, { body: 'Still broken.' });
      assert.deepEqual(r.customerContact, { email: 'jane@example.com' });
    }
  });

  it('recognises provisional numbers and configured prefixes, but not impossible dates or other prefixes', () => {
    const mail = (subject: string) => ({ channel: 'email' as const, from: { address: 'a@example.com' }, subject, text: 'x' });
    assert.equal(asReply(mail('Re: AC-20261122-K7Q2XM')).ticketNumber, 'AC-20261122-K7Q2XM');
    assert.equal(asReply(mail('Re: SVC-20261122-0042'), { ticketPrefixes: ['AC', 'SVC'] }).ticketNumber, 'SVC-20261122-0042');
    assert.equal(normalizeInbound(mail('Re: SVC-20261122-0042'), { now: NOW }).kind, 'new');
    assert.equal(normalizeInbound(mail('Order AC-20261340-0001'), { now: NOW }).kind, 'new');
    assert.equal(normalizeInbound(mail('XAC-20261122-0001'), { now: NOW }).kind, 'new');
  });

  it('checks subject numbers with lookupTicketNumber when given', () => {
    const mail = { channel: 'email' as const, from: { address: 'a@example.com' }, subject: 'Re: [AC-20261122-0001] help', text: 'x' };
    const known = asReply(mail, { lookupTicketNumber: (n) => (n === 'AC-20261122-0001' ? 'ticket-1' : undefined) });
    assert.equal(known.ticketId, 'ticket-1');
    const unknown = asNew(mail, { lookupTicketNumber: () => undefined });
    assert.equal(unknown.input.subject, '[AC-20261122-0001] help');
    assert.match(unknown.warnings.join(), /unknown ticket AC-20261122-0001/);
  });

  it('replies by In-Reply-To or References matching a known Message-ID, before the subject', () => {
    const known = new Map([['notify-7@aftercare.example', 'ticket-7'], ['notify-8@aftercare.example', 'ticket-8']]);
    const lookupMessageId = (id: string) => known.get(id);
    const byHeader = asReply(
      {
        channel: 'email',
        from: { address: 'jane@example.com' },
        subject: 'Re: your repair [AC-20261122-0009]',
        text: 'Thanks, Tuesday works.\n\nOn Sun, Nov 22, 2026 at 10:00 AM Aftercare <service@aftercare.example> wrote:\n> Can we come on Tuesday?',
        inReplyTo: '<notify-7@aftercare.example>',
      },
      { lookupMessageId },
    );
    assert.equal(byHeader.ticketId, 'ticket-7');
    assert.equal(byHeader.ticketNumber, 'AC-20261122-0009');
    assert.equal(byHeader.matchedBy, 'in_reply_to');
    assert.equal(byHeader.message.body, 'Thanks, Tuesday works.');

    const byReferences = asReply(
      {
        channel: 'email',
        from: { address: 'jane@example.com' },
        subject: 'Re: repair',
        text: 'ok',
        inReplyTo: '<unknown@elsewhere>',
        references: ['<notify-8@aftercare.example> <other@x>', '<notify-7@aftercare.example>'],
      },
      { lookupMessageId },
    );
    assert.equal(byReferences.ticketId, 'ticket-7', 'the most recent known reference wins');
    assert.equal(byReferences.matchedBy, 'references');

    const unknown = asNew({ channel: 'email', from: { address: 'jane@example.com' }, subject: 'Re: repair', text: 'ok', inReplyTo: '<nope@x>' }, { lookupMessageId });
    assert.equal(unknown.input.subject, 'repair');
    assert.equal(unknown.references.inReplyTo, 'nope@x');
  });

  it('converts an HTML-only e-mail to text without a DOM', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
      <style>p { color: red }</style><script>alert("x")</script></head>
      <body><!-- greeting --><div>您好，</div><div><br></div>
      <p>洗衣机&nbsp;不排水 &amp; 漏水&#65281; 价格 &yen;1,999 &#x1F600; &lt;b&gt;不是标签&lt;/b&gt; &#150; &unknown;</p>
      <ul><li>型号 XQG100</li><li>序列号 <b>SN-001</b></li></ul>
      <p>Line one<br>Line <a href="https://x/?a=1&b=2" title="a > b">two</a></p>
      <div class="gmail_quote"><div dir="ltr">On Sun, Nov 22, 2026 at 10:00 AM Service &lt;s@example.com&gt; wrote:<br></div>
      <blockquote>old <b>text</b><br>line2<blockquote>deeper</blockquote></blockquote></div></body></html>`;
    const expected = '您好，\n\n洗衣机 不排水 & 漏水！ 价格 ¥1,999 😀 <b>不是标签</b> – &unknown;\n\n- 型号 XQG100\n- 序列号 SN-001\n\nLine one\nLine two';
    const { input } = asNew({ channel: 'email', from: { address: 'x@example.cn', name: '张三' }, subject: '洗衣机', html });
    assert.equal(input.description, expected);
    assert.equal(htmlToText('<p>a</p><p>b</p>'), 'a\n\nb');
    assert.equal(htmlToText('<pre>  keep\n   spaces</pre>'), 'keep\n   spaces');
    assert.equal(htmlToText('a < b and c > d'), 'a < b and c > d');
    assert.equal(htmlToText('x&#0;y&#xD800;z&#1114112;'), 'x\ufffdy\ufffdz\ufffd');
  });

  it('prefers the text part over the HTML part', () => {
    const { input } = asNew({ channel: 'email', from: { address: 'x@example.com' }, subject: 's', text: 'plain', html: '<p>rich</p>' });
    assert.equal(input.description, 'plain');
  });

  it('removes control characters that createTicket refuses, keeping line breaks and tabs', () => {
    const { input } = asNew({ channel: 'email', from: { address: 'x@example.com', name: 'Bad\u0007Name' }, subject: 'Broken\u0000 fridge\r\nhelp', text: 'a\u0001b\tc\r\nd\u001be' });
    assert.equal(input.subject, 'Broken fridge help');
    assert.equal(input.description, 'ab\tc\nde');
    assert.equal(input.customer.name, 'BadName');
  });

  it('takes a missing subject from the first line and truncates long subjects grapheme-safely', () => {
    const noSubject = asNew({ channel: 'email', from: { address: 'x@example.com' }, subject: 'Re: ', text: '\n\n热水器打不着火\n第二行' });
    assert.equal(noSubject.input.subject, '热水器打不着火');
    assert.match(noSubject.warnings.join(), /no subject/);

    const family = '👨‍👩‍👧'; // one grapheme, five code points
    const long = asNew({ channel: 'email', from: { address: 'x@example.com' }, subject: family.repeat(LIMITS.subject + 20), text: 'x' });
    assert.equal(long.input.subject, family.repeat(LIMITS.subject));
    assert.match(long.warnings.join(), /subject truncated/);
  });

  it('keeps only usable attachments', () => {
    const { input, warnings } = asNew({
      channel: 'email',
      from: { address: 'x@example.com' },
      subject: 'photos',
      text: 'see attached',
      attachments: [
        { name: 'drum.jpg', type: 'image/jpeg', size: 2048, url: 'https://files.example.com/drum.jpg' },
        { name: 'inline.png', type: 'image/png', size: 10, url: 'cid:ii_123' },
        { name: 'weird', type: 'not a mime', size: -1 },
      ],
    });
    assert.deepEqual(input.attachments, [
      { name: 'drum.jpg', type: 'image/jpeg', size: 2048, url: 'https://files.example.com/drum.jpg' },
      { name: 'inline.png', type: 'image/png', size: 10 },
      { name: 'weird', type: 'application/octet-stream', size: 0 },
    ]);
    assert.match(warnings.join(), /inline\.png/);
  });

  it('keeps the whole body when it is nothing but quoted history, and lets a file-only reply through', () => {
    const quoted = asNew({ channel: 'email', from: { address: 'x@example.com' }, subject: 'FW: old', text: '> only a quote' });
    assert.equal(quoted.input.description, '> only a quote');
    const filesOnly = asReply({
      channel: 'email', from: { address: 'x@example.com' }, subject: 'Re: [AC-20261122-0001]', text: '',
      attachments: [{ name: 'invoice.pdf', type: 'application/pdf', size: 100 }],
    });
    assert.equal(filesOnly.message.body, 'invoice.pdf');
    assert.equal(filesOnly.message.attachments?.length, 1);
  });
});

describe('stripQuotedHistory', () => {
  it('strips English reply history: attribution (also wrapped) and > lines', () => {
    assert.equal(
      stripQuotedHistory('Yes, please come.\n\nOn Sun, Nov 22, 2026 at 10:00 AM Aftercare Service <\nservice@aftercare.example> wrote:\n> When can we come?\n>\n> Regards'),
      'Yes, please come.',
    );
  });

  it('strips an Outlook header block and its separator line', () => {
    const text = 'Fine.\r\n\r\n________________________________\r\nFrom: Aftercare <service@aftercare.example>\r\nSent: Sunday, November 22, 2026 10:00\r\nTo: Jane\r\nSubject: Repair\r\n\r\nOld text';
    assert.equal(stripQuotedHistory(text), 'Fine.');
    assert.equal(stripQuotedHistory('New text\n-----Original Message-----\nold'), 'New text');
  });

  it('strips Chinese reply history: 写道, 原始邮件 and 发件人 blocks', () => {
    assert.equal(stripQuotedHistory('好的，周二可以。\n\n在 2026年11月22日 10:00，售后服务 <service@aftercare.example> 写道：\n> 请问周二方便上门吗？'), '好的，周二可以。');
    assert.equal(stripQuotedHistory('收到\n\n张伟 <zw@example.cn> 于2026年11月22日周日 10:00写道：\n> 旧内容'), '收到');
    assert.equal(stripQuotedHistory('已经换好了。\n\n------------------ 原始邮件 ------------------\n发件人: "售后" <s@x.cn>;\n发送时间: 2026年11月22日\n旧内容'), '已经换好了。');
    assert.equal(stripQuotedHistory('谢谢\n-------- 原始邮件 --------\n旧内容'), '谢谢');
    assert.equal(stripQuotedHistory('谢谢\n\n发件人：售后服务\n发送时间：2026-11-22 10:00\n收件人：张伟\n主题：维修\n\n旧内容'), '谢谢');
  });

  it('keeps interleaved answers and text that only looks like a marker', () => {
    assert.equal(
      stripQuotedHistory('On Sun, Nov 22, 2026 Service <s@x.com> wrote:\n> Model?\nXQG100\n> Serial?\nSN-001'),
      'XQG100\nSN-001',
    );
    assert.equal(stripQuotedHistory('说明书上写道：\n先断电再清洗滤网。'), '说明书上写道：\n先断电再清洗滤网。');
    assert.equal(stripQuotedHistory('From: the kitchen\nit leaks'), 'From: the kitchen\nit leaks');
  });

  it('cuts at a "-- " signature and drops mobile footers', () => {
    assert.equal(stripQuotedHistory('Body\n-- \nJane\n555-1234'), 'Body');
    assert.equal(stripQuotedHistory('Body\n\nSent from my iPhone'), 'Body');
    assert.equal(stripQuotedHistory('正文\n\n从我的华为手机发送'), '正文');
  });
});

describe('normalizeInbound: chat, WeChat and mini-program', () => {
  it('opens a ticket from a WeChat message with a grapheme-safe subject from the text', () => {
    const text = '你好，我家的洗衣机从昨天开始就不排水了，滚筒里一直有水，显示E21故障码，请尽快安排师傅上门看看🙏🏻谢谢\n型号XQG100';
    const { input, references, ticket } = asNew({ channel: 'wechat', from: { id: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', name: '小王' }, text, sessionId: 's-1' });
    assert.equal(input.channel, 'wechat');
    assert.equal(ticket.channel, 'wechat');
    assert.deepEqual(input.customer, { name: '小王', contact: { wechat: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' } });
    assert.equal(input.subject, '你好，我家的洗衣机从昨天开始就不排水了，滚筒里一直有水，显示E21故障码，请尽…');
    assert.equal([...new Intl.Segmenter().segment(input.subject)].length, 40);
    assert.equal(input.description, text);
    assert.equal(references.sessionId, 's-1');
    assert.equal(references.senderId, 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M');

    // The emoji with its skin tone is one grapheme: never split.
    const emoji = asNew({ channel: 'wechat', from: { id: 'wx1', name: 'a' }, text: 'a'.repeat(38) + '🙏🏻' + 'bbb' });
    assert.equal(emoji.input.subject, 'a'.repeat(38) + '🙏🏻…');
  });

  it('uses the openId of a web chat or mini-program user as WeChat contact, and the id as name when there is none', () => {
    const chat = asNew({ channel: 'chat', from: { id: 'visitor-9', openId: 'oABC', phone: '13800138000' }, text: 'Need help with my TV' });
    assert.deepEqual(chat.input.customer, { name: 'visitor-9', contact: { phone: '13800138000', wechat: 'oABC' } });
    assert.match(chat.warnings.join(), /no name/);
    const mini = asNew({ channel: 'mini-program', from: { id: 'u1', openId: 'oMini', name: '李雷' }, text: '扫地机器人不充电' });
    assert.equal(mini.input.channel, 'mini-program');
    assert.equal(mini.ticket.channel, 'mini-program');
  });

  it('continues the open ticket that openTicketForCustomer names', () => {
    const seen: unknown[] = [];
    const r = asReply(
      { channel: 'wechat', from: { id: 'wx-zhang', name: '张伟' }, text: '师傅什么时候到？', sessionId: 'sess-2' },
      { openTicketForCustomer: (contact, context) => (seen.push(contact, context), contact.wechat === 'wx-zhang' ? 'ticket-3' : undefined) },
    );
    assert.equal(r.ticketId, 'ticket-3');
    assert.equal(r.matchedBy, 'open_ticket');
    assert.deepEqual(r.message, { body: '师傅什么时候到？' });
    assert.deepEqual(r.customerContact, { wechat: 'wx-zhang' });
    assert.equal(r.customerName, '张伟');
    assert.deepEqual(seen, [{ wechat: 'wx-zhang', name: '张伟' }, { channel: 'wechat', senderId: 'wx-zhang', sessionId: 'sess-2' }]);
  });
});

describe('normalizeInbound: phone, QR, web and API', () => {
  it('turns a phone log into a ticket; the agent notes become an internal note', () => {
    const { input, internalNote, references, warnings } = asNew({
      channel: 'phone',
      caller: { phone: '+86 138-0013-8000', name: '赵女士' },
      summary: '燃气灶左边灶头打不着火\n已让客户检查电池',
      notes: '客户情绪激动，优先处理',
      agentId: 'agent-5',
      durationSeconds: 312,
      receivedAt: Date.parse(NOW),
    });
    assert.equal(input.subject, '燃气灶左边灶头打不着火');
    assert.equal(input.description, '燃气灶左边灶头打不着火\n已让客户检查电池');
    assert.equal(input.channel, 'phone');
    assert.deepEqual(input.customer, { name: '赵女士', contact: { phone: '+86 138-0013-8000' } });
    assert.deepEqual(internalNote, { body: '客户情绪激动，优先处理' });
    assert.deepEqual(references, { channel: 'phone', receivedAt: NOW, agentId: 'agent-5', durationSeconds: 312 });
    assert.deepEqual(warnings, []);
    const ticket = createTicket(input, { now: NOW, actor: { kind: 'agent', id: references.agentId! } });
    assert.equal(ticket.events[0]!.actor.id, 'agent-5');
  });

  it('prefills the product from a QR URL', () => {
    const { input, references, ticket } = asNew({
      channel: 'qr',
      url: 'https://x.example/s?model=KFR-35GW&sn=SN123&type=repair&purchaseDate=2026-06-18#top',
      contact: { phone: '13800138000', name: '陈先生' },
      text: '空调不制冷',
    });
    assert.equal(input.type, 'repair');
    assert.equal(input.channel, 'qr');
    assert.deepEqual(input.product, { model: 'KFR-35GW', serialNumber: 'SN123', purchaseDate: '2026-06-18' });
    assert.equal(input.subject, '空调不制冷');
    assert.equal(references.sourceUrl, 'https://x.example/s?model=KFR-35GW&sn=SN123&type=repair&purchaseDate=2026-06-18#top');
    assert.equal(ticket.product?.serialNumber, 'SN123');
  });

  it('accepts serial aliases and encoded values, and drops what createTicket would refuse', () => {
    const { input, warnings } = asNew({
      channel: 'qr',
      url: 'https://x.example/s?model=%E6%BB%9A%E7%AD%92+XQG100&serialNumber=SN%20777&type=Install!&purchaseDate=2027-01-01',
      contact: { email: 'chen@example.cn' },
    });
    assert.deepEqual(input.product, { model: '滚筒 XQG100', serialNumber: 'SN 777' });
    assert.equal(input.type, 'repair');
    assert.equal(input.subject, '滚筒 XQG100 · SN 777');
    assert.equal(input.customer.name, 'chen@example.cn');
    assert.match(warnings.join('\n'), /purchaseDate/);
    assert.match(warnings.join('\n'), /type "install!"/);
    assert.deepEqual(asNew({ channel: 'qr', url: 'https://x/s?serial=S1&purchaseDate=20260101', contact: { phone: '13800138000' }, text: 'x' }).input.product,
      { serialNumber: 'S1', purchaseDate: '2026-01-01' });
  });

  it('passes web and API inputs through, cleaned', () => {
    const { input, warnings } = asNew({
      channel: 'api',
      subject: 'Dryer\u0000 noisy',
      description: 'Loud\r\nbang\u0007',
      customer: { name: 'Ann', contact: { email: 'ann@example.com' } },
      product: { model: 'D1', purchaseDate: '2030-01-01' },
      tags: ['vip'],
    });
    assert.deepEqual(input, {
      subject: 'Dryer noisy',
      description: 'Loud\nbang',
      channel: 'api',
      customer: { name: 'Ann', contact: { email: 'ann@example.com' } },
      product: { model: 'D1' },
      tags: ['vip'],
    });
    assert.match(warnings.join(), /future/);
    assert.equal(asNew({ channel: 'web', subject: 's', customer: { name: 'n', contact: { phone: '13800138000' } } }).input.channel, 'web');
  });
});

describe('normalizeInbound: bad payloads', () => {
  const bad: Array<[string, unknown, string[]]> = [
    ['not an object', null, ['/invalid_type']],
    ['no channel', { from: { address: 'a@b.cn' } }, ['channel/required']],
    ['unknown channel', { channel: 'fax', from: 'x' }, ['channel/unknown_value']],
    ['e-mail without sender', { channel: 'email', subject: 's', text: 'x' }, ['from/required']],
    ['e-mail with a bad address', { channel: 'email', from: { address: 'not-an-address' }, subject: 's', text: 'x' }, ['from.address/invalid_format']],
    ['e-mail with nothing at all', { channel: 'email', from: { address: 'a@example.com' }, subject: '', text: '' }, ['subject/required']],
    ['chat without sender id', { channel: 'wechat', from: { name: 'x' }, text: 'hi' }, ['from.id/required']],
    ['chat with a sender that is not an object', { channel: 'chat', from: 'v1', text: 'hi' }, ['from/invalid_type']],
    ['chat without text', { channel: 'wechat', from: { id: 'wx' }, text: '  ' }, ['text/required']],
    ['web chat without any contact', { channel: 'chat', from: { id: 'v1' }, text: 'hi' }, ['from/required']],
    ['chat with a bad phone', { channel: 'chat', from: { id: 'v1', phone: 'call me' }, text: 'hi' }, ['from.phone/invalid_format']],
    ['phone log without caller', { channel: 'phone', summary: 'x' }, ['caller/required']],
    ['phone log with a bad number', { channel: 'phone', caller: { phone: 'abc' }, summary: '' }, ['caller.phone/invalid_format', 'summary/required']],
    ['QR scan without contact', { channel: 'qr', url: 'https://x/s?sn=1' }, ['contact/required']],
    ['QR scan without url', { channel: 'qr', contact: { phone: '13800138000' } }, ['url/required']],
    ['web input without customer', { channel: 'web', subject: 's' }, ['customer/required']],
    ['web input with a bad customer', { channel: 'web', subject: 's', customer: { name: '', contact: {} } }, ['customer.contact/required', 'customer.name/required']],
    ['web input with unknown fields', { channel: 'web', subject: 's', customer: { name: 'n', contact: { phone: '13800138000' } }, extra: 1 }, ['extra/unknown_field']],
  ];
  for (const [name, payload, expected] of bad) {
    it(`refuses ${name}`, () => {
      const issues = issuesOf(() => normalizeInbound(payload as InboundMessage, { now: NOW }));
      assert.deepEqual([...new Set(paths(issues))], expected);
    });
  }

  it('refuses an empty reply', () => {
    const issues = issuesOf(() => normalizeInbound({ channel: 'email', from: { address: 'a@example.com' }, subject: 'Re: AC-20261122-0001', text: '> old' }));
    assert.deepEqual(paths(issues), ['text/required']);
  });
});

describe('normalizeInbound: every new ticket passes createTicket', () => {
  const messages: InboundMessage[] = [
    { channel: 'email', from: { address: 'a@example.com' }, subject: '\u0001'.repeat(3) + 'x'.repeat(300), html: '<p>&#7;</p>' },
    { channel: 'wechat', from: { id: 'wx', name: 'n'.repeat(300) }, text: '\u0000hi\u0085' },
    { channel: 'chat', from: { id: 'v', email: 'v@example.com' }, text: '', attachments: [{ name: '', type: '', size: 1.5 }] },
    { channel: 'phone', caller: { phone: '021-6123 4567' }, summary: '\u0007' + '长'.repeat(50) },
    { channel: 'qr', url: 'model=' + 'M'.repeat(80) + '&sn=%ZZ&type=repair', contact: { wechat: 'wx\u0000' } },
    { channel: 'qr', url: 'https://x/s', contact: { phone: '13800138000' } },
  ];
  for (const [i, message] of messages.entries()) {
    it(`case ${i + 1} (${message.channel})`, () => {
      const result: NormalizedInbound = normalizeInbound(message, { now: NOW });
      assert.equal(result.kind, 'new');
      if (result.kind === 'new') assert.ok(createTicket(result.input, { now: NOW }).id);
    });
  }
});

describe('textSimilarity', () => {
  it('scores rewordings of the same problem above unrelated requests, in Chinese and English', () => {
    const same: Array<[string, string]> = [
      ['洗衣机不排水', '我的洗衣机还是不排水，怎么回事'],
      ['空调不制冷，开了一小时还是热风', '空调还是不制冷'],
      ['Washing machine not draining', "My washing machine still won't drain, water stays in the drum"],
      ['Dishwasher leaking water on the floor', 'dishwasher is leaking again!'],
      ['TV screen flickering', 'My television screen keeps flickering'],
    ];
    const different: Array<[string, string]> = [
      ['洗衣机不排水', '发票抬头开错了，需要重开'],
      ['空调不制冷', '想咨询一下延保怎么买'],
      ['My washer is not draining', 'My fridge is not cooling'],
      ['Washing machine not draining', 'Invoice has the wrong company name'],
      ['Air conditioner not cooling', 'Requesting a refund for my order'],
    ];
    for (const [a, b] of same) assert.ok(textSimilarity(a, b) >= 0.4, `${a} ~ ${b}: ${textSimilarity(a, b)}`);
    for (const [a, b] of different) assert.ok(textSimilarity(a, b) < 0.25, `${a} !~ ${b}: ${textSimilarity(a, b)}`);
    assert.equal(textSimilarity('ＷＡＳＨＥＲ 洗衣机', 'washer 洗衣机'), 1);
    assert.equal(textSimilarity('', 'x'), 0);
  });
});

describe('findDuplicates', () => {
  const washer = { model: 'XQG100-B12', serialNumber: 'SN20260001' };

  function ticket(input: Parameters<typeof createTicket>[0], hoursAgo: number, number: string): Ticket {
    return createTicket(input, { now: at(-hoursAgo), number });
  }

  it('customer wrote three times, we recorded once: the 2nd and 3rd match the first', () => {
    const first = asNew({
      channel: 'qr',
      url: 'https://x.example/s?model=XQG100-B12&sn=SN20260001&type=repair',
      contact: { phone: '+86 138-0013-8000', name: '张伟' },
      text: '洗衣机不排水\n滚筒里一直有水，显示E21',
    });
    const recorded = ticket(first.input, 26, 'AC-20261121-0001');

    const second = normalizeInbound({ channel: 'phone', caller: { phone: '13800138000' }, summary: '洗衣机还是不排水，显示E21，催上门' }, { now: NOW });
    const third = normalizeInbound({ channel: 'chat', from: { id: 'visitor', phone: '0086 138 0013 8000' }, text: '我的滚筒洗衣机不排水，已经两天了，怎么还没人来？' }, { now: NOW });
    for (const message of [second, third]) {
      assert.equal(message.kind, 'new');
      if (message.kind !== 'new') continue;
      const found = findDuplicates(message.input, [recorded], { now: NOW });
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]!.ticketId, recorded.id);
      assert.equal(found[0]!.number, 'AC-20261121-0001');
      assert.equal(found[0]!.customerMatch, 'phone');
      assert.deepEqual(found[0]!.reasons, ['same_customer', 'similar_text']);
      assert.ok(found[0]!.score >= 0.35 && found[0]!.score <= 1);
    }
  });

  it('finds the same customer by id, e-mail or WeChat id, case-insensitively', () => {
    const base = { subject: 'Dishwasher leaking water', customer: { name: 'A', contact: { email: 'Ann@Example.com', wechat: 'Ann_WX' } } };
    const recent = ticket({ ...base, customer: { ...base.customer, id: 'cust-1' } }, 2, 'AC-1');
    const probe = (customer: { id?: string; contact: Record<string, string> }) =>
      findDuplicates({ subject: 'dishwasher is leaking again', customer }, [recent], { now: NOW })[0]?.customerMatch;
    assert.equal(probe({ id: 'cust-1', contact: {} }), 'id');
    assert.equal(probe({ contact: { email: 'ann@example.COM' } }), 'email');
    assert.equal(probe({ contact: { wechat: 'ann_wx' } }), 'wechat');
    assert.equal(probe({ contact: { phone: '13800138000' } }), undefined);
  });

  it('does not match a different customer, however similar the text', () => {
    const recent = ticket({ subject: '洗衣机不排水', customer: { name: '张伟', contact: { phone: '13800138000' } }, product: washer }, 1, 'AC-1');
    const found = findDuplicates({ subject: '洗衣机不排水', customer: { contact: { phone: '13900139000' } }, product: washer }, [recent], { now: NOW });
    assert.deepEqual(found, []);
  });

  it('ignores finished tickets outside the window unless the window is widened', () => {
    const customer = { name: '张伟', contact: { phone: '13800138000' } };
    const old = { ...ticket({ subject: '洗衣机不排水', customer, product: washer }, 80, 'AC-OLD'), status: 'resolved' };
    const probe = { subject: '洗衣机不排水', customer, product: washer };
    assert.deepEqual(findDuplicates(probe, [old], { now: NOW }), []);
    assert.equal(findDuplicates(probe, [old], { now: NOW, windowHours: 96 }).length, 1);
  });

  it('finds a ticket still open however old it is: the one that dragged on', () => {
    const customer = { name: '张伟', contact: { phone: '13800138000' } };
    const dragging = ticket({ subject: '洗衣机不排水', customer, product: washer }, 24 * 10, 'AC-DRAGGING');
    assert.equal(dragging.status, 'new');
    const probe = { subject: '洗衣机还是不排水，怎么还没人来', customer, product: washer };
    assert.deepEqual(findDuplicates(probe, [dragging], { now: NOW }).map((c) => c.number), ['AC-DRAGGING']);
  });

  it('rules out a different product, boosts the same unit or model', () => {
    const customer = { name: 'Jane', contact: { email: 'jane@example.com' } };
    const text = { subject: 'Machine not draining', description: 'Water stays in the drum after the cycle' };
    const sameUnit = ticket({ ...text, customer, product: washer }, 5, 'AC-UNIT');
    const otherUnit = ticket({ ...text, customer, product: { ...washer, serialNumber: 'SN20269999' } }, 4, 'AC-OTHER-UNIT');
    const otherModel = ticket({ ...text, customer, product: { model: 'DW60' } }, 3, 'AC-OTHER-MODEL');
    const sameModel = ticket({ ...text, customer, product: { model: 'xqg100 b12' } }, 2, 'AC-MODEL');
    const unknown = ticket({ ...text, customer }, 1, 'AC-UNKNOWN');
    const probe = { subject: 'Washer still not draining', customer, product: washer };
    const found = findDuplicates(probe, [sameUnit, otherUnit, otherModel, sameModel, unknown], { now: NOW });
    assert.deepEqual(found.map((c) => c.number), ['AC-UNIT', 'AC-MODEL', 'AC-UNKNOWN']);
    assert.deepEqual(found[0]!.reasons, ['same_customer', 'same_serial', 'same_model', 'similar_text']);
    assert.deepEqual(found[1]!.reasons, ['same_customer', 'same_model', 'similar_text']);
    assert.ok(found[0]!.score > found[1]!.score && found[1]!.score > found[2]!.score);
    assert.equal(found[0]!.similarity, found[2]!.similarity);
    assert.equal(findDuplicates(probe, [sameUnit], { now: NOW, limit: 0 }).length, 0);
  });

  it('lets the same unit count with little shared text but not unrelated text without product', () => {
    const customer = { name: '张伟', contact: { phone: '13800138000' } };
    const recent = ticket({ subject: '洗衣机不排水', customer, product: washer }, 3, 'AC-1');
    const probe = { subject: '师傅什么时候上门？洗衣机', customer };
    assert.deepEqual(findDuplicates(probe, [recent], { now: NOW }), []);
    const sameUnit = findDuplicates({ ...probe, product: washer }, [recent], { now: NOW });
    assert.deepEqual(sameUnit[0]?.reasons, ['same_customer', 'same_serial', 'same_model']);
  });

  it('reports tickets closed within the window, unless told not to', () => {
    const customer = { name: 'A', contact: { phone: '13800138000' } };
    const base = ticket({ subject: '冰箱不制冷', customer }, 50, 'AC-1');
    const closedRecently: Ticket = { ...base, status: 'closed', closedAt: at(-10) };
    const probe = { subject: '冰箱还是不制冷', customer };
    assert.deepEqual(findDuplicates(probe, [closedRecently], { now: NOW })[0]?.reasons, ['same_customer', 'similar_text', 'recently_closed']);
    assert.deepEqual(findDuplicates(probe, [closedRecently], { now: NOW, closed: 'exclude' }), []);
    assert.deepEqual(findDuplicates(probe, [{ ...closedRecently, closedAt: at(-100) }], { now: NOW }), []);
    const done = { ...base, status: 'done' };
    assert.equal(findDuplicates(probe, [done], { now: NOW, closed: 'exclude', isClosed: (t) => t.status === 'done' }).length, 0);
  });

  it('does not report a ticket as its own duplicate and validates options', () => {
    const recent = ticket({ subject: 'x y z', customer: { name: 'A', contact: { phone: '13800138000' } } }, 1, 'AC-1');
    assert.deepEqual(findDuplicates(recent, [recent], { now: NOW }), []);
    assert.throws(() => findDuplicates(recent, [], { windowHours: 0 }), AftercareError);
    assert.throws(() => findDuplicates(recent, [], { threshold: 2 }), AftercareError);
  });

  it('checks 1,000 recent tickets quickly', () => {
    const customer = { name: '张伟', contact: { phone: '13800138000' } };
    const template = createTicket({ subject: '洗衣机不排水', description: '滚筒里一直有水。'.repeat(40), customer }, { now: at(-1) });
    const recent: Ticket[] = Array.from({ length: 1000 }, (_, i) => ({
      ...template,
      id: `t-${i}`,
      number: `AC-20261122-${String(i + 1).padStart(4, '0')}`,
      subject: i % 2 ? `洗衣机不排水 ${i}` : `Invoice question ${i}`,
      customer: i % 3 ? template.customer : { ...template.customer, contact: { phone: `1390013${String(i).padStart(4, '0')}` } },
    }));
    const started = performance.now();
    const found = findDuplicates({ subject: '洗衣机还是不排水', description: '滚筒里一直有水', customer }, recent, { now: NOW });
    const elapsed = performance.now() - started;
    assert.ok(found.length > 0);
    assert.ok(elapsed < 500, `took ${elapsed.toFixed(1)} ms`);
  });
});
