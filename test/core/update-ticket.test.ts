import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTicket,
  LIMITS,
  updateTicket,
  ValidationError,
  type Actor,
  type FieldChangedEvent,
  type Ticket,
  type TicketInput,
  type TicketPatch,
  type ValidationIssue,
} from '../../src/index.js';

const CREATED = '2026-11-22T01:00:00.000Z';
const LATER = '2026-11-22T02:30:00.000Z';
const agent: Actor = { kind: 'agent', id: 'agent-1', name: '王工' };

function input(overrides: Partial<TicketInput> = {}): TicketInput {
  return {
    subject: '空调不制冷',
    description: '开机半小时仍然吹热风。',
    customer: { id: 'cust-1', name: '张伟', contact: { phone: '13800138000' } },
    tags: ['warranty', 'ac'],
    customFields: { floor: 3, elevator: true, colours: ['white'] },
    category: 'air-conditioning',
    groupId: 'repair',
    collaboratorIds: ['agent-7'],
    product: { model: 'KFR-35GW', serialNumber: 'SN1' },
    location: { address: '上海市浦东新区世纪大道 100 号', lat: 31.23, lng: 121.47 },
    ...overrides,
  };
}

function ticket(overrides: Partial<TicketInput> = {}): Ticket {
  return createTicket(input(overrides), { now: CREATED, number: 'AC-20261122-0001' });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The `data` of each field_changed event, in order. */
function changes(events: readonly { type: string; data: unknown }[]) {
  return events.map((e) => {
    assert.equal(e.type, 'field_changed');
    return (e as FieldChangedEvent).data;
  });
}

function issuesOf(fn: () => unknown): readonly ValidationIssue[] {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ValidationError, `expected ValidationError, got ${String(caught)}`);
  assert.equal(caught.code, 'VALIDATION_FAILED');
  return caught.issues;
}

describe('updateTicket: events', () => {
  it('records one field_changed event per field that really changed, in a fixed order', () => {
    const t = ticket();
    const { ticket: next, events } = updateTicket(
      t,
      {
        subject: '空调不制冷，有异响',
        description: '开机半小时仍然吹热风。\n还有异响。',
        priority: 'high',
        category: 'air-conditioning', // unchanged
        groupId: 'install',
        collaboratorIds: ['agent-7', 'agent-8', 'agent-8'],
      },
      { actor: agent, now: LATER },
    );
    assert.deepEqual(changes(events), [
      { field: 'subject', from: '空调不制冷', to: '空调不制冷，有异响' },
      { field: 'description', from: '开机半小时仍然吹热风。', to: '开机半小时仍然吹热风。\n还有异响。' },
      { field: 'priority', from: 'normal', to: 'high' },
      { field: 'groupId', from: 'repair', to: 'install' },
      { field: 'collaboratorIds', from: ['agent-7'], to: ['agent-7', 'agent-8'] },
    ]);
    for (const e of events) {
      assert.equal(e.ticketId, t.id);
      assert.equal(e.at, LATER);
      assert.deepEqual(e.actor, agent);
      assert.equal(e.visibility, 'internal');
      assert.match(e.id, /^[0-9a-f-]{36}$/);
    }
    assert.equal(new Set(events.map((e) => e.id)).size, events.length);
    assert.equal(next.subject, '空调不制冷，有异响');
    assert.equal(next.priority, 'high');
    assert.equal(next.groupId, 'install');
    assert.equal(next.category, 'air-conditioning');
    assert.deepEqual(next.collaboratorIds, ['agent-7', 'agent-8']);
    assert.deepEqual(next.events, [...t.events, ...events]);
  });

  it('bumps the revision by exactly one and stamps updatedAt, however many fields change', () => {
    const t = ticket();
    const { ticket: next, events } = updateTicket(t, { priority: 'urgent', tags: ['x'], customFields: { floor: 4 } }, { actor: agent, now: LATER });
    assert.equal(events.length, 3);
    assert.equal(t.revision, 1);
    assert.equal(next.revision, 2);
    assert.equal(next.updatedAt, LATER);
    assert.equal(next.createdAt, CREATED);
    assert.equal(next.statusChangedAt, CREATED, 'a field change is not a status change');
    assert.equal(next.status, 'new');
    const again = updateTicket(next, { priority: 'low' }, { actor: agent, now: Date.parse(LATER) + 60_000 });
    assert.equal(again.ticket.revision, 3);
    assert.equal(again.ticket.updatedAt, '2026-11-22T02:31:00.000Z');
  });

  it('uses the visibility asked for', () => {
    const { events } = updateTicket(ticket(), { subject: 'New subject' }, { actor: agent, now: LATER, visibility: 'public' });
    assert.equal(events.length, 1);
    assert.equal(events[0]!.visibility, 'public');
  });

  it('returns the same ticket object and no events when nothing changes', () => {
    const t = ticket();
    const patches: TicketPatch[] = [
      {},
      { priority: 'normal' },
      { subject: '空调不制冷', description: '开机半小时仍然吹热风。' },
      { category: 'air-conditioning', groupId: 'repair' },
      { tags: ['warranty', 'ac'] },
      { tags: ['warranty', 'ac', 'warranty'] },
      { addTags: ['ac'] },
      { removeTags: ['not-there'] },
      { customFields: { floor: 3, colours: ['white'] } },
      { customFields: { absent: undefined } },
      { collaboratorIds: ['agent-7', 'agent-7'] },
      { product: { model: 'KFR-35GW', serialNumber: 'SN1' } },
      { location: { address: '上海市浦东新区世纪大道 100 号', lat: 31.23, lng: 121.47 } },
    ];
    for (const patch of patches) {
      const result = updateTicket(t, patch, { actor: agent, now: LATER });
      assert.equal(result.ticket, t, `patch ${JSON.stringify(patch)} must not produce a new ticket`);
      assert.deepEqual(result.events, [], `patch ${JSON.stringify(patch)} must not record events`);
    }
    const bare = ticket({ category: undefined, groupId: undefined, product: undefined, location: undefined });
    const cleared = updateTicket(bare, { category: null, groupId: null, product: null, location: null }, { actor: agent, now: LATER });
    assert.equal(cleared.ticket, bare, 'clearing fields that are already absent changes nothing');
    assert.deepEqual(cleared.events, []);
  });
});

describe('updateTicket: tags', () => {
  it('replaces the tag list, dropping duplicates', () => {
    const { ticket: next, events } = updateTicket(ticket(), { tags: ['vip', 'noise', 'vip'] }, { actor: agent, now: LATER });
    assert.deepEqual(next.tags, ['vip', 'noise']);
    assert.deepEqual(changes(events), [{ field: 'tags', from: ['warranty', 'ac'], to: ['vip', 'noise'] }]);
  });

  it('adds tags at the end without duplicates', () => {
    const { ticket: next, events } = updateTicket(ticket(), { addTags: ['ac', 'noise', 'noise', 'vip'] }, { actor: agent, now: LATER });
    assert.deepEqual(next.tags, ['warranty', 'ac', 'noise', 'vip']);
    assert.deepEqual(changes(events), [{ field: 'tags', from: ['warranty', 'ac'], to: ['warranty', 'ac', 'noise', 'vip'] }]);
  });

  it('removes tags, ignoring those the ticket does not have', () => {
    const { ticket: next, events } = updateTicket(ticket(), { removeTags: ['warranty', 'nope'] }, { actor: agent, now: LATER });
    assert.deepEqual(next.tags, ['ac']);
    assert.deepEqual(changes(events), [{ field: 'tags', from: ['warranty', 'ac'], to: ['ac'] }]);
  });

  it('applies replace, then add, then remove, as one change', () => {
    const { ticket: next, events } = updateTicket(
      ticket(),
      { tags: ['a', 'b', 'a'], addTags: ['c', 'b'], removeTags: ['a'] },
      { actor: agent, now: LATER },
    );
    assert.deepEqual(next.tags, ['b', 'c']);
    assert.deepEqual(changes(events), [{ field: 'tags', from: ['warranty', 'ac'], to: ['b', 'c'] }]);
  });

  it('an empty tags list clears the tags', () => {
    const { ticket: next, events } = updateTicket(ticket(), { tags: [] }, { actor: agent, now: LATER });
    assert.deepEqual(next.tags, []);
    assert.deepEqual(changes(events), [{ field: 'tags', from: ['warranty', 'ac'], to: [] }]);
  });

  it(`refuses addTags that would take the ticket past ${LIMITS.tags} tags`, () => {
    const full = ticket({ tags: Array.from({ length: LIMITS.tags }, (_, i) => `t${i}`) });
    const issues = issuesOf(() => updateTicket(full, { addTags: ['one-more'] }, { actor: agent, now: LATER }));
    assert.deepEqual(issues.map((i) => [i.path, i.code]), [['addTags', 'too_long']]);
    // Adding one that is already there, or swapping one, stays within the limit.
    assert.equal(updateTicket(full, { addTags: ['t0'] }, { actor: agent, now: LATER }).ticket, full);
    const swapped = updateTicket(full, { addTags: ['one-more'], removeTags: ['t0'] }, { actor: agent, now: LATER });
    assert.equal(swapped.ticket.tags.length, LIMITS.tags);
    assert.equal(swapped.ticket.tags.at(-1), 'one-more');
  });
});

describe('updateTicket: custom fields', () => {
  it('merges custom fields, one event per changed key', () => {
    const { ticket: next, events } = updateTicket(
      ticket(),
      { customFields: { floor: 5, elevator: true, colours: ['white', 'grey'], model_year: 2024, note: null } },
      { actor: agent, now: LATER },
    );
    assert.deepEqual(next.customFields, { floor: 5, elevator: true, colours: ['white', 'grey'], model_year: 2024, note: null });
    assert.deepEqual(changes(events), [
      { field: 'customFields.floor', from: 3, to: 5 },
      { field: 'customFields.colours', from: ['white'], to: ['white', 'grey'] },
      { field: 'customFields.model_year', from: undefined, to: 2024 },
      { field: 'customFields.note', from: undefined, to: null },
    ]);
  });

  it(`refuses a merge that would take the ticket past ${LIMITS.customFields} custom fields`, () => {
    const many = Object.fromEntries(Array.from({ length: LIMITS.customFields }, (_, i) => [`f${i}`, i]));
    const full = ticket({ customFields: many });
    const issues = issuesOf(() => updateTicket(full, { customFields: { extra: 1 } }, { actor: agent, now: LATER }));
    assert.deepEqual(issues.map((i) => [i.path, i.code]), [['customFields', 'too_long']]);
    const replaced = updateTicket(full, { customFields: { extra: 1, f0: undefined } }, { actor: agent, now: LATER });
    assert.equal(Object.keys(replaced.ticket.customFields).length, LIMITS.customFields);
    assert.equal(replaced.ticket.customFields.extra, 1);
  });

  it('deletes a custom field set to undefined', () => {
    const { ticket: next, events } = updateTicket(ticket(), { customFields: { elevator: undefined, floor: 3 } }, { actor: agent, now: LATER });
    assert.deepEqual(next.customFields, { floor: 3, colours: ['white'] });
    assert.equal('elevator' in next.customFields, false);
    assert.deepEqual(changes(events), [{ field: 'customFields.elevator', from: true, to: undefined }]);
  });
});

describe('updateTicket: clearing with null', () => {
  it('null clears category, group, product and location', () => {
    const t = ticket();
    const { ticket: next, events } = updateTicket(t, { category: null, groupId: null, product: null, location: null }, { actor: agent, now: LATER });
    for (const key of ['category', 'groupId', 'product', 'location'] as const) {
      assert.equal(key in next, false, `${key} must be removed, not set to undefined`);
    }
    assert.deepEqual(changes(events), [
      { field: 'category', from: 'air-conditioning', to: undefined },
      { field: 'groupId', from: 'repair', to: undefined },
      { field: 'product', from: { model: 'KFR-35GW', serialNumber: 'SN1' }, to: undefined },
      { field: 'location', from: { address: '上海市浦东新区世纪大道 100 号', lat: 31.23, lng: 121.47 }, to: undefined },
    ]);
    assert.equal(next.revision, t.revision + 1);
  });

  it('sets product and location when given', () => {
    const { ticket: next, events } = updateTicket(
      ticket({ product: undefined, location: undefined }),
      { product: { model: 'KFR-50LW' }, location: { address: '北京市朝阳区' } },
      { actor: agent, now: LATER },
    );
    assert.deepEqual(next.product, { model: 'KFR-50LW' });
    assert.deepEqual(next.location, { address: '北京市朝阳区' });
    assert.deepEqual(changes(events), [
      { field: 'product', from: undefined, to: { model: 'KFR-50LW' } },
      { field: 'location', from: undefined, to: { address: '北京市朝阳区' } },
    ]);
  });
});

describe('updateTicket: purity', () => {
  it('never mutates its (deep-frozen) input ticket or patch', () => {
    const t = deepFreeze(ticket());
    const snapshot = JSON.stringify(t);
    const patch: TicketPatch = deepFreeze({
      priority: 'urgent',
      category: null,
      groupId: 'install',
      tags: ['a', 'a', 'b'],
      addTags: ['c'],
      removeTags: ['b'],
      customFields: { floor: 9, elevator: undefined, colours: ['red'] },
      product: null,
      location: { address: 'New address' },
      collaboratorIds: ['agent-9'],
    });
    const patchSnapshot = JSON.stringify(patch);
    const { ticket: next, events } = updateTicket(t, patch, { actor: agent, now: LATER });
    assert.equal(JSON.stringify(t), snapshot);
    assert.equal(JSON.stringify(patch), patchSnapshot);
    assert.equal(events.length, 10);
    assert.deepEqual(next.tags, ['a', 'c']);
    assert.deepEqual(next.customFields, { floor: 9, colours: ['red'] });
    assert.notEqual(next.customFields, t.customFields);
    assert.notEqual(next.tags, t.tags);
    assert.notEqual(next.events, t.events);
    assert.equal(t.events.length, 1);
  });
});

describe('updateTicket: validation', () => {
  const t = ticket();
  const refuse = (patch: unknown) => issuesOf(() => updateTicket(t, patch as TicketPatch, { actor: agent, now: LATER }));

  it('refuses unknown keys (status changes go through the workflow)', () => {
    assert.deepEqual(refuse({ status: 'closed' }), [{ path: 'status', code: 'unknown_field', message: 'is not a known field' }]);
    assert.deepEqual(refuse({ assigneeId: 'agent-2' }).map((i) => [i.path, i.code]), [['assigneeId', 'unknown_field']]);
  });

  it('refuses a priority outside low | normal | high | urgent', () => {
    assert.deepEqual(refuse({ priority: 'asap' }).map((i) => [i.path, i.code]), [['priority', 'unknown_value']]);
    assert.deepEqual(refuse({ priority: 'URGENT' }).map((i) => [i.path, i.code]), [['priority', 'unknown_value']]);
  });

  it('refuses control characters in text, tags and custom fields', () => {
    assert.deepEqual(refuse({ subject: 'a\u0007b' }).map((i) => [i.path, i.code]), [['subject', 'control_characters']]);
    assert.deepEqual(refuse({ subject: 'line\nbreak' }).map((i) => [i.path, i.code]), [['subject', 'control_characters']]);
    assert.deepEqual(refuse({ description: 'ok\u0000' }).map((i) => [i.path, i.code]), [['description', 'control_characters']]);
    assert.deepEqual(refuse({ addTags: ['x\u001b'] }).map((i) => [i.path, i.code]), [['addTags.0', 'control_characters']]);
    assert.deepEqual(refuse({ customFields: { note: 'bell\u0007' } }).map((i) => [i.path, i.code]), [['customFields.note', 'control_characters']]);
  });

  it('refuses bad slugs and ids, and lists every bad field at once', () => {
    assert.deepEqual(refuse({ category: 'Not A Slug' }).map((i) => [i.path, i.code]), [['category', 'invalid_format']]);
    assert.deepEqual(refuse({ customFields: { 'Bad Key': 1 } }).map((i) => [i.path, i.code]), [['customFields.Bad Key', 'invalid_format']]);
    assert.deepEqual(
      refuse({ priority: 'asap', status: 'x', subject: '' }).map((i) => [i.path, i.code]),
      [
        ['subject', 'required'],
        ['priority', 'unknown_value'],
        ['status', 'unknown_field'],
      ],
    );
    assert.equal(t.revision, 1, 'a refused patch leaves the ticket alone');
  });

  it('refuses a patch that is not an object', () => {
    for (const bad of [null, 'priority=high', 42]) assert.ok(refuse(bad).length > 0);
  });
});
