import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AftercareError,
  createTicket,
  installationWorkflow,
  LIMITS,
  standardWorkflow,
  ValidationError,
  type TicketInput,
  type ValidationIssue,
} from '../../src/index.js';

const NOW = '2026-11-22T01:00:00.000Z';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function minimalInput(): TicketInput {
  return { subject: '空调不制冷', customer: { name: '张伟', contact: { phone: '13800138000' } } };
}

function fullInput(): TicketInput {
  return {
    type: 'installation',
    subject: 'Install the new air conditioner',
    description: 'Second floor, bedroom.\nPlease call before coming.',
    priority: 'high',
    channel: 'wechat',
    customer: {
      id: 'cust-42',
      name: '李娜',
      tier: 'vip',
      contact: { phone: '+86 138-0013-8000', email: 'li.na@example.com', wechat: 'lina_wx' },
      organization: '上海某某科技有限公司',
    },
    product: { model: 'KFR-35GW', serialNumber: 'SN20240601001', purchaseDate: '2026-11-01', warrantyEnd: '2029-11-01' },
    customFields: { floor: 2, elevator: false, note: 'two lines\nof text', colours: ['white', 'grey'], reference: null },
    tags: ['install', 'vip', 'install'],
    category: 'air-conditioning',
    groupId: 'group-install',
    collaboratorIds: ['agent-7', 'agent-7', 'agent-8'],
    parentId: 'ticket-parent',
    attachments: [
      { name: 'invoice.pdf', type: 'application/pdf', size: 123_456, url: 'https://files.example.com/invoice.pdf' },
      { id: 'att-1', name: '照片.jpg', type: 'image/jpeg', size: 0 },
    ],
    location: { address: '上海市浦东新区世纪大道 100 号', lat: 31.2304, lng: 121.4737 },
  };
}

/** Runs `fn`, asserts it throws a ValidationError, and returns its issues. */
function issuesOf(fn: () => unknown): readonly ValidationIssue[] {
  let caught: unknown;
  let returned: unknown;
  try {
    returned = fn();
  } catch (error) {
    caught = error;
  }
  assert.equal(returned, undefined, 'a refused input must not return a ticket');
  assert.ok(caught instanceof ValidationError, `expected ValidationError, got ${String(caught)}`);
  assert.ok(caught instanceof AftercareError);
  assert.equal(caught.code, 'VALIDATION_FAILED');
  assert.equal(caught.name, 'ValidationError');
  assert.ok(caught.issues.length > 0);
  for (const issue of caught.issues) {
    assert.equal(typeof issue.path, 'string');
    assert.equal(typeof issue.code, 'string');
    assert.ok(issue.message.length > 0, 'every issue explains itself');
  }
  return caught.issues;
}

/** `path/code` of each issue, sorted; a field failing two checks of the same code counts once. */
function pairs(issues: readonly ValidationIssue[]): string[] {
  return [...new Set(issues.map((i) => `${i.path}/${i.code}`))].sort();
}

function create(overrides: Record<string, unknown>, options = {}) {
  return createTicket({ ...minimalInput(), ...overrides } as TicketInput, { now: NOW, ...options });
}

describe('createTicket: valid input', () => {
  it('accepts a minimal input and fills every default', () => {
    const ticket = createTicket(minimalInput(), { now: NOW });
    assert.equal(ticket.subject, '空调不制冷');
    assert.equal(ticket.description, '');
    assert.equal(ticket.type, 'repair');
    assert.equal(ticket.priority, 'normal');
    assert.equal(ticket.channel, 'web');
    assert.equal(ticket.status, 'new');
    assert.equal(ticket.revision, 1);
    assert.match(ticket.id, UUID_V4);
    assert.match(ticket.number, /^AC-\d{8}-/);
    assert.match(ticket.number, /^AC-20261122-[A-Z][0-9A-Z]{7}$/);
    assert.equal(ticket.workflowId, 'standard');
    assert.equal(ticket.escalationLevel, 0);
    assert.equal(ticket.reopenCount, 0);
    assert.deepEqual(ticket.customFields, {});
    assert.deepEqual(ticket.tags, []);
    assert.deepEqual(ticket.collaboratorIds, []);
    assert.deepEqual(ticket.childIds, []);
    assert.deepEqual(ticket.attachments, []);
    assert.equal(ticket.createdAt, NOW);
    assert.equal(ticket.updatedAt, NOW);
    assert.equal(ticket.statusChangedAt, NOW);
    for (const absent of ['product', 'location', 'category', 'groupId', 'parentId', 'assigneeId', 'resolvedAt', 'closedAt'])
      assert.equal(absent in ticket, false, `${absent} should be absent`);
    // Customer defaults: a generated id and the standard tier.
    assert.match(ticket.customer.id, UUID_V4);
    assert.equal(ticket.customer.tier, 'standard');
    assert.equal(ticket.customer.name, '张伟');
    assert.deepEqual(ticket.customer.contact, { phone: '13800138000' });
  });

  it('writes exactly one public created event that explains the new ticket', () => {
    const ticket = createTicket(minimalInput(), { now: NOW });
    assert.equal(ticket.events.length, 1);
    const [created] = ticket.events;
    assert.equal(created!.type, 'created');
    assert.equal(created!.ticketId, ticket.id);
    assert.equal(created!.at, NOW);
    assert.equal(created!.visibility, 'public');
    assert.match(created!.id, UUID_V4);
    assert.notEqual(created!.id, ticket.id);
    assert.deepEqual(created!.data, { status: 'new', priority: 'normal', channel: 'web' });
    // Default actor: the customer the ticket is for.
    assert.deepEqual(created!.actor, { kind: 'customer', id: ticket.customer.id, name: '张伟' });
  });

  it('accepts a full input and keeps every field', () => {
    const input = fullInput();
    const ticket = createTicket(input, { now: NOW });
    assert.equal(ticket.type, 'installation');
    assert.equal(ticket.workflowId, 'installation', 'installation tickets get the installation workflow');
    assert.equal(ticket.priority, 'high');
    assert.equal(ticket.channel, 'wechat');
    assert.equal(ticket.description, 'Second floor, bedroom.\nPlease call before coming.');
    assert.deepEqual(ticket.customer, {
      id: 'cust-42',
      name: '李娜',
      tier: 'vip',
      contact: { phone: '+86 138-0013-8000', email: 'li.na@example.com', wechat: 'lina_wx' },
      organization: '上海某某科技有限公司',
    });
    assert.deepEqual(ticket.product, input.product);
    assert.deepEqual(ticket.location, input.location);
    assert.deepEqual(ticket.customFields, input.customFields);
    assert.deepEqual(ticket.tags, ['install', 'vip'], 'duplicate tags are dropped, order kept');
    assert.deepEqual(ticket.collaboratorIds, ['agent-7', 'agent-8']);
    assert.equal(ticket.category, 'air-conditioning');
    assert.equal(ticket.groupId, 'group-install');
    assert.equal(ticket.parentId, 'ticket-parent');
    assert.equal(ticket.attachments.length, 2);
    assert.match(ticket.attachments[0]!.id, UUID_V4, 'an attachment without id gets one');
    assert.deepEqual(
      { ...ticket.attachments[0], id: 'x' },
      { id: 'x', name: 'invoice.pdf', type: 'application/pdf', size: 123_456, url: 'https://files.example.com/invoice.pdf' },
    );
    assert.deepEqual(ticket.attachments[1], { id: 'att-1', name: '照片.jpg', type: 'image/jpeg', size: 0 });
    assert.deepEqual(ticket.events[0]!.data, { status: 'new', priority: 'high', channel: 'wechat' });
  });

  it('returns plain JSON (survives a JSON round trip unchanged)', () => {
    const ticket = createTicket(fullInput(), { now: NOW });
    assert.deepEqual(JSON.parse(JSON.stringify(ticket)), ticket);
  });

  it('accepts every priority and channel of the vocabulary', () => {
    for (const priority of ['low', 'normal', 'high', 'urgent'] as const)
      assert.equal(create({ priority }).priority, priority);
    for (const channel of ['web', 'email', 'chat', 'phone', 'wechat', 'mini-program', 'qr', 'api'] as const)
      assert.equal(create({ channel }).channel, channel);
  });

  it('accepts any one way to reach the customer', () => {
    for (const contact of [{ phone: '13800138000' }, { email: 'a@example.com' }, { wechat: 'wxid_abc' }]) {
      const ticket = create({ customer: { name: 'A', contact } });
      assert.deepEqual(ticket.customer.contact, contact);
    }
  });

  it('makes a fresh id and number on every call', () => {
    const a = createTicket(minimalInput(), { now: NOW });
    const b = createTicket(minimalInput(), { now: NOW });
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.customer.id, b.customer.id);
    assert.notEqual(a.events[0]!.id, b.events[0]!.id);
  });
});

describe('createTicket: injected options', () => {
  it('uses options.now for every timestamp and the number date', () => {
    for (const now of ['2026-11-22T17:00:00.000Z', Date.parse('2026-11-22T17:00:00.000Z'), new Date('2026-11-22T17:00:00.000Z')]) {
      const ticket = createTicket(minimalInput(), { now });
      assert.equal(ticket.createdAt, '2026-11-22T17:00:00.000Z');
      assert.equal(ticket.updatedAt, '2026-11-22T17:00:00.000Z');
      assert.equal(ticket.events[0]!.at, '2026-11-22T17:00:00.000Z');
      assert.match(ticket.number, /^AC-20261122-/);
    }
  });

  it('dates a provisional number in the configured time zone', () => {
    const ticket = createTicket(minimalInput(), {
      now: '2026-11-22T17:00:00.000Z',
      numberFormat: { prefix: 'RMA', timeZone: 'Asia/Shanghai' },
    });
    assert.match(ticket.number, /^RMA-20261123-[A-Z][0-9A-Z]{7}$/);
  });

  it('uses options.number and options.id as given', () => {
    const ticket = createTicket(minimalInput(), { now: NOW, number: 'AC-20261122-0042', id: 'offline-7' });
    assert.equal(ticket.number, 'AC-20261122-0042');
    assert.equal(ticket.id, 'offline-7');
    assert.equal(ticket.events[0]!.ticketId, 'offline-7');
  });

  it('uses options.actor for the created event', () => {
    const actor = { kind: 'agent' as const, id: 'agent-1', name: '王工', role: 'agent' as const };
    const ticket = createTicket(minimalInput(), { now: NOW, actor });
    assert.deepEqual(ticket.events[0]!.actor, actor);
  });

  it('uses options.workflow (a workflow or a choice by type)', () => {
    const installation = createTicket(minimalInput(), { now: NOW, workflow: installationWorkflow });
    assert.equal(installation.workflowId, 'installation');
    const seen: string[] = [];
    const chosen = createTicket({ ...minimalInput(), type: 'complaint' }, {
      now: NOW,
      workflow: (type) => {
        seen.push(type);
        return standardWorkflow;
      },
    });
    assert.deepEqual(seen, ['complaint']);
    assert.equal(chosen.workflowId, 'standard');
    assert.equal(chosen.status, standardWorkflow.initialStatus);
  });

  it('refuses an invalid now', () => {
    assert.throws(() => createTicket(minimalInput(), { now: 'yesterday-ish' }), (e: unknown) => e instanceof AftercareError && e.code === 'INVALID_TIME');
  });
});

describe('createTicket: invalid input lists every bad field', () => {
  it('reports all issues of one input at once, with path and code', () => {
    const input = {
      subject: '',
      priority: 'asap',
      channel: 'fax',
      customer: { name: 'A', contact: { email: 'not-an-email' } },
      product: { purchaseDate: '2026-02-30' },
      location: { address: 'Somewhere', lat: 31.2 },
      tags: ['ok', ''],
      colour: 'red',
    };
    const issues = issuesOf(() => createTicket(input as unknown as TicketInput, { now: NOW }));
    assert.deepEqual(pairs(issues), [
      'channel/unknown_value',
      'colour/unknown_field',
      'customer.contact.email/invalid_format',
      'location.lat/required',
      'priority/unknown_value',
      'product.purchaseDate/invalid_format',
      'subject/required',
      'tags.1/required',
    ]);
  });

  it('reports a missing contact as customer.contact/required', () => {
    const issues = issuesOf(() => create({ customer: { name: 'A' } }));
    assert.deepEqual(pairs(issues), ['customer.contact/required']);
  });

  it('reports missing required fields as required', () => {
    const issues = issuesOf(() => createTicket({} as TicketInput, { now: NOW }));
    assert.deepEqual(pairs(issues), ['customer/required', 'subject/required']);
  });

  it('reports an empty contact as customer.contact/required', () => {
    const issues = issuesOf(() => create({ customer: { name: 'A', contact: {} } }));
    assert.deepEqual(pairs(issues), ['customer.contact/required']);
  });

  it('reports a white-space subject as required', () => {
    assert.deepEqual(pairs(issuesOf(() => create({ subject: ' \u3000 ' }))), ['subject/required']);
  });

  it('reports wrong types as invalid_type', () => {
    assert.deepEqual(pairs(issuesOf(() => create({ subject: 42 }))), ['subject/invalid_type']);
    assert.deepEqual(pairs(issuesOf(() => create({ customer: 5 }))), ['customer/invalid_type']);
    assert.deepEqual(pairs(issuesOf(() => createTicket(null as unknown as TicketInput))), ['/invalid_type']);
  });

  it('reports a bad e-mail and a bad phone as invalid_format', () => {
    assert.deepEqual(pairs(issuesOf(() => create({ customer: { name: 'A', contact: { email: 'a@' } } }))), [
      'customer.contact.email/invalid_format',
    ]);
    assert.deepEqual(pairs(issuesOf(() => create({ customer: { name: 'A', contact: { phone: 'call me' } } }))), [
      'customer.contact.phone/invalid_format',
    ]);
    assert.deepEqual(pairs(issuesOf(() => create({ customer: { name: 'A', contact: { phone: '123' } } }))), [
      'customer.contact.phone/invalid_format',
    ]);
  });

  it('reports unknown keys as unknown_field, also in nested objects', () => {
    const issues = issuesOf(() => create({ isAdmin: true, customer: { name: 'A', contact: { phone: '13800138000', fax: '1' } } }));
    assert.deepEqual(pairs(issues), ['customer.contact.fax/unknown_field', 'isAdmin/unknown_field']);
  });

  it('reports a priority or channel outside the vocabulary as unknown_value', () => {
    assert.deepEqual(pairs(issuesOf(() => create({ priority: 'URGENT' }))), ['priority/unknown_value']);
    assert.deepEqual(pairs(issuesOf(() => create({ channel: 'fax' }))), ['channel/unknown_value']);
  });

  it('refuses impossible calendar dates', () => {
    for (const purchaseDate of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-5', '20260105', '2026-01-05T00:00:00Z']) {
      const issues = issuesOf(() => create({ product: { purchaseDate } }));
      assert.deepEqual(pairs(issues), ['product.purchaseDate/invalid_format'], purchaseDate);
    }
    // A real leap day is fine.
    assert.equal(create({ product: { purchaseDate: '2024-02-29' } }).product?.purchaseDate, '2024-02-29');
  });

  it('refuses a warranty that ends before the purchase', () => {
    const issues = issuesOf(() => create({ product: { purchaseDate: '2026-01-10', warrantyEnd: '2026-01-09' } }));
    assert.deepEqual(pairs(issues), ['product.warrantyEnd/out_of_range']);
    assert.equal(create({ product: { purchaseDate: '2026-01-10', warrantyEnd: '2026-01-10' } }).product?.warrantyEnd, '2026-01-10');
  });

  it('refuses a purchase date in the future (one day of slack for time zones)', () => {
    // now = 2026-11-22T01:00Z: the 23rd may already be today somewhere, the 24th is not.
    assert.equal(create({ product: { purchaseDate: '2026-11-23' } }).product?.purchaseDate, '2026-11-23');
    const issues = issuesOf(() => create({ product: { purchaseDate: '2026-11-24' } }));
    assert.deepEqual(pairs(issues), ['product.purchaseDate/out_of_range']);
  });

  it('reports a future purchase date together with the other bad fields', () => {
    const issues = issuesOf(() => create({ subject: '', product: { purchaseDate: '2030-01-01' } }));
    assert.deepEqual(pairs(issues), ['product.purchaseDate/out_of_range', 'subject/required']);
  });

  it('refuses a latitude without a longitude and out-of-range coordinates', () => {
    assert.deepEqual(pairs(issuesOf(() => create({ location: { address: 'x', lat: 31.2 } }))), ['location.lat/required']);
    assert.deepEqual(pairs(issuesOf(() => create({ location: { address: 'x', lng: 121.4 } }))), ['location.lat/required']);
    assert.deepEqual(pairs(issuesOf(() => create({ location: { address: 'x', lat: 91, lng: 0 } }))), ['location.lat/out_of_range']);
    assert.deepEqual(pairs(issuesOf(() => create({ location: { address: 'x', lat: 0, lng: Infinity } }))), ['location.lng/out_of_range']);
    assert.deepEqual(create({ location: { address: 'x', lat: -90, lng: 180 } }).location, { address: 'x', lat: -90, lng: 180 });
  });

  it('refuses bad attachments and custom fields', () => {
    const issues = issuesOf(() =>
      create({
        attachments: [{ name: 'a.exe', type: 'exe', size: -1, url: 'javascript:alert(1)' }],
        customFields: { 'Bad Key': 1, ok: { nested: true } },
      }),
    );
    const got = pairs(issues);
    for (const expected of [
      'attachments.0.type/invalid_format',
      'attachments.0.size/out_of_range',
      'attachments.0.url/invalid_format',
      'customFields.ok/invalid_type',
    ])
      assert.ok(got.includes(expected), `${expected} in ${got.join(', ')}`);
    assert.ok(got.some((p) => p.startsWith('customFields.')), 'the bad custom field key is reported');
  });

  it('refuses too many tags, attachments and custom fields', () => {
    const tooMany = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
    assert.deepEqual(pairs(issuesOf(() => create({ tags: tooMany(LIMITS.tags + 1) }))), ['tags/too_long']);
    assert.equal(create({ tags: tooMany(LIMITS.tags) }).tags.length, LIMITS.tags);
    const attachment = { name: 'a.jpg', type: 'image/jpeg', size: 1 };
    assert.deepEqual(pairs(issuesOf(() => create({ attachments: Array(LIMITS.attachments + 1).fill(attachment) }))), ['attachments/too_long']);
    const fields = Object.fromEntries(tooMany(LIMITS.customFields + 1).map((k) => [k, 1]));
    assert.deepEqual(pairs(issuesOf(() => create({ customFields: fields }))), ['customFields/too_long']);
  });
});

describe('createTicket: text limits in grapheme clusters', () => {
  const FAMILY = '👨‍👩‍👧'; // one grapheme, 8 UTF-16 code units

  it('counts a ZWJ family emoji as one character', () => {
    assert.equal(FAMILY.length, 8);
    const subject = FAMILY.repeat(LIMITS.subject);
    assert.equal(subject.length, 1600);
    const ticket = create({ subject });
    assert.equal(ticket.subject, subject);
    assert.deepEqual(pairs(issuesOf(() => create({ subject: FAMILY.repeat(LIMITS.subject + 1) }))), ['subject/too_long']);
  });

  it('allows exactly 200 characters of CJK and refuses 201', () => {
    assert.equal(create({ subject: '修'.repeat(200) }).subject.length, 200);
    assert.deepEqual(pairs(issuesOf(() => create({ subject: '修'.repeat(201) }))), ['subject/too_long']);
  });

  it('refuses a 10 kB subject and accepts a 10 kB description', () => {
    const tenKb = 'x'.repeat(10_240);
    assert.deepEqual(pairs(issuesOf(() => create({ subject: tenKb }))), ['subject/too_long']);
    assert.equal(create({ description: tenKb }).description, tenKb);
  });

  it('refuses a description past its limit', () => {
    assert.equal(create({ description: 'é'.repeat(LIMITS.description) }).description.length, LIMITS.description);
    assert.deepEqual(pairs(issuesOf(() => create({ description: 'a'.repeat(LIMITS.description + 1) }))), ['description/too_long']);
  });

  it('limits customer names and addresses too', () => {
    assert.deepEqual(pairs(issuesOf(() => create({ customer: { name: 'n'.repeat(101), contact: { phone: '13800138000' } } }))), [
      'customer.name/too_long',
    ]);
    assert.deepEqual(pairs(issuesOf(() => create({ location: { address: 'a'.repeat(501) } }))), ['location.address/too_long']);
  });
});

describe('createTicket: international and hostile text', () => {
  const samples: Record<string, string> = {
    cjk: '空调不制冷，显示E1故障码（已重启两次）',
    japanese: 'エアコンが冷えません',
    emoji: 'Broken again 😡🔧 — 🇨🇳 👍🏽',
    arabic: 'المكيف لا يبرد',
    hebrew: 'המזגן לא מקרר',
    rtlWithMarks: '\u200Fطلب رقم 123\u200F abc',
    combining: 'cafe\u0301 n\u0303',
    zeroWidth: 'a\u200Bb\u200Dc\uFEFF',
  };

  for (const [name, text] of Object.entries(samples)) {
    it(`stores ${name} text byte for byte`, () => {
      const ticket = create({
        subject: text,
        description: `${text}\n${text}`,
        customer: { name: text.slice(0, 20), contact: { wechat: 'wx' } },
        tags: [text.slice(0, 10)],
      });
      assert.equal(ticket.subject, text);
      assert.equal(Buffer.from(ticket.subject, 'utf8').equals(Buffer.from(text, 'utf8')), true);
      assert.equal(ticket.description, `${text}\n${text}`);
      assert.equal(ticket.customer.name, text.slice(0, 20));
      assert.deepEqual(ticket.tags, [text.slice(0, 10)]);
    });
  }

  it('keeps the RLM in RTL text (format characters are not control characters)', () => {
    const ticket = create({ subject: '\u200Fשלום' });
    assert.equal(ticket.subject.codePointAt(0), 0x200f);
  });

  const controls = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u0008', '\u000b', '\u009f'];
  for (const c of controls) {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    it(`refuses U+${hex} in single-line fields with control_characters`, () => {
      assert.deepEqual(pairs(issuesOf(() => create({ subject: `bad${c}text` }))), ['subject/control_characters']);
      assert.deepEqual(pairs(issuesOf(() => create({ customer: { name: `A${c}`, contact: { phone: '13800138000' } } }))), [
        'customer.name/control_characters',
      ]);
      assert.deepEqual(pairs(issuesOf(() => create({ tags: [`t${c}`] }))), ['tags.0/control_characters']);
      assert.deepEqual(pairs(issuesOf(() => create({ location: { address: `Road ${c}1` } }))), ['location.address/control_characters']);
    });
  }

  it('refuses line breaks and tabs in single-line fields', () => {
    for (const c of ['\n', '\r', '\t'])
      assert.deepEqual(pairs(issuesOf(() => create({ subject: `a${c}b` }))), ['subject/control_characters']);
  });

  it('accepts \\n, \\r\\n and \\t in the description but no other control character', () => {
    const description = 'line 1\nline 2\r\n\tindented';
    assert.equal(create({ description }).description, description);
    for (const c of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085'])
      assert.deepEqual(pairs(issuesOf(() => create({ description: `a${c}b` }))), ['description/control_characters']);
  });

  it('refuses lone surrogates with malformed_text', () => {
    for (const bad of ['\uD800', 'a\uD800b', '\uDC00', 'x\uDE00\uD83D', '😀'.slice(0, 1)]) {
      assert.deepEqual(pairs(issuesOf(() => create({ subject: bad }))), ['subject/malformed_text'], JSON.stringify(bad));
      assert.deepEqual(pairs(issuesOf(() => create({ description: bad }))), ['description/malformed_text']);
    }
  });

  it('stores HTML and entities verbatim, never escaped', () => {
    const subject = '<script>alert(1)</script>';
    const description = '&lt;b&gt;bold&lt;/b&gt; <img src=x onerror="alert(1)"> & "quotes" \'single\'';
    const ticket = create({ subject, description, tags: ['<b>'] });
    assert.equal(ticket.subject, subject);
    assert.equal(ticket.description, description);
    assert.deepEqual(ticket.tags, ['<b>']);
  });

  it('does not trim or normalise text', () => {
    const subject = '  Ｆｕｌｌｗｉｄｔｈ  and cafe\u0301  ';
    const ticket = create({ subject });
    assert.equal(ticket.subject, subject);
    assert.notEqual(ticket.subject, subject.normalize('NFC'));
  });
});

describe('createTicket: purity', () => {
  it('does not mutate its input', () => {
    const input = fullInput();
    const before = JSON.stringify(input);
    const ticket = createTicket(input, { now: NOW });
    assert.equal(JSON.stringify(input), before);
    assert.equal(input.attachments![0]!.id, undefined, 'generated attachment ids are not written back');
    assert.equal(input.customer.id, 'cust-42');
    // The ticket does not share mutable structure with the input.
    ticket.tags.push('later');
    ticket.customer.contact.phone = '000';
    (ticket.customFields.colours as string[]).push('blue');
    assert.equal(JSON.stringify(input), before);
  });

  it('works on a deeply frozen input', () => {
    const input = fullInput();
    const freeze = (v: unknown): unknown => {
      if (v && typeof v === 'object') {
        Object.freeze(v);
        Object.values(v).forEach(freeze);
      }
      return v;
    };
    freeze(input);
    const ticket = createTicket(input, { now: NOW });
    assert.equal(ticket.subject, input.subject);
    assert.equal(Object.isFrozen(ticket), false, 'the new ticket is the caller’s to change');
  });

  it('throws without returning anything on bad input (nothing half-applied)', () => {
    const input = { ...minimalInput(), subject: '', customer: { name: 'A', contact: { email: 'x' } } };
    const before = JSON.stringify(input);
    let result: unknown = 'untouched';
    assert.throws(() => {
      result = createTicket(input, { now: NOW, id: 'fixed-id', number: 'AC-20261122-0001' });
    }, ValidationError);
    assert.equal(result, 'untouched');
    assert.equal(JSON.stringify(input), before);
    assert.equal('id' in input.customer, false, 'no generated customer id leaks into the input');
  });

  it('gives a readable message naming the bad fields', () => {
    try {
      create({ subject: '', priority: 'asap' });
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof ValidationError);
      assert.match(error.message, /subject/);
      assert.match(error.message, /priority/);
    }
  });
});
