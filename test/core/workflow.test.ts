import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AftercareError,
  createTicket,
  createWorkflow,
  installationWorkflow,
  installationWorkflowDefinition,
  LOCALES,
  STANDARD_STATUSES,
  standardWorkflow,
  standardWorkflowDefinition,
  ticketTimeline,
  ValidationError,
  WorkflowDefinitionError,
  WorkflowError,
  workflowDefinitionProblems,
  type Actor,
  type Ticket,
  type TransitionContext,
  type TransitionResult,
  type Workflow,
  type WorkflowDefinition,
} from '../../src/index.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-22T01:00:00.000Z');

const customer: Actor = { kind: 'customer', id: 'cust-1', name: '张伟' };
const agent: Actor = { kind: 'agent', id: 'agent-1', name: '王工' };
const otherAgent: Actor = { kind: 'agent', id: 'agent-2', name: '李工', role: 'agent' };
const lead: Actor = { kind: 'agent', id: 'lead-1', name: '组长', role: 'lead' };
const admin: Actor = { kind: 'agent', id: 'admin-1', role: 'admin' };
const system: Actor = { kind: 'system' };

const STATUSES = ['new', 'assigned', 'in_progress', 'pending_customer', 'pending_parts', 'resolved', 'closed'] as const;
type Status = (typeof STATUSES)[number];
const ACTIONS = [
  'assign',
  'start',
  'request_info',
  'wait_parts',
  'resume',
  'resolve',
  'close',
  'reopen',
  'return_to_queue',
  'escalate',
] as const;
type ActionId = (typeof ACTIONS)[number];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function newTicket(workflow: Workflow = standardWorkflow, type = 'repair'): Ticket {
  return createTicket(
    { type, subject: '空调不制冷', customer: { id: 'cust-1', name: '张伟', contact: { phone: '13800138000' } } },
    { now: T0, number: 'AC-20261122-0001', id: 'ticket-1', workflow },
  );
}

/** Time `ms` after the ticket's last change. */
const after = (ticket: Ticket, ms = MINUTE) => Date.parse(ticket.updatedAt) + ms;

/** Applies an action (a minute after the last change unless `now` is given), checking purity on the way. */
function act(ticket: Ticket, action: string, context: Partial<TransitionContext> = {}, workflow: Workflow = standardWorkflow): TransitionResult {
  deepFreeze(ticket);
  const before = JSON.stringify(ticket);
  const result = workflow.transition(ticket, action, { actor: agent, now: after(ticket), ...context });
  assert.equal(JSON.stringify(ticket), before, `${action} mutated its input`);
  return result;
}

/** A ticket in `status`, reached the ordinary way. */
function ticketIn(status: Status): Ticket {
  let t = newTicket();
  if (status === 'new') return t;
  t = act(t, 'assign', { assigneeId: 'agent-1', assigneeName: '王工' }).ticket;
  if (status === 'assigned') return t;
  t = act(t, 'start').ticket;
  if (status === 'in_progress') return t;
  if (status === 'pending_customer') return act(t, 'request_info', { note: '请提供购买凭证照片' }).ticket;
  if (status === 'pending_parts') return act(t, 'wait_parts').ticket;
  t = act(t, 'resolve', { note: '更换压缩机电容后恢复制冷' }).ticket;
  if (status === 'resolved') return t;
  return act(t, 'close', { actor: system, now: after(t, 3 * DAY) }).ticket;
}

/** Asserts `fn` throws a WorkflowError with the given code and reason. */
function refused(fn: () => unknown, code: string, reason?: string): WorkflowError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof WorkflowError, `expected WorkflowError, got ${String(caught)}`);
  assert.ok(caught instanceof AftercareError);
  assert.equal(caught.code, code);
  if (reason !== undefined) assert.equal(caught.reason, reason);
  return caught;
}

/** Where each action may start and where it leads (undefined `to`: the status stays). */
const ALLOWED: Record<ActionId, Partial<Record<Status, Status>>> = {
  assign: { new: 'assigned', assigned: 'assigned', in_progress: 'in_progress', pending_customer: 'pending_customer', pending_parts: 'pending_parts' },
  start: { assigned: 'in_progress' },
  request_info: { assigned: 'pending_customer', in_progress: 'pending_customer' },
  wait_parts: { in_progress: 'pending_parts' },
  resume: { pending_customer: 'in_progress', pending_parts: 'in_progress' },
  resolve: { assigned: 'resolved', in_progress: 'resolved', pending_customer: 'resolved', pending_parts: 'resolved' },
  close: { resolved: 'closed' },
  reopen: { resolved: 'in_progress', closed: 'in_progress' },
  return_to_queue: { assigned: 'new', in_progress: 'new' },
  escalate: { new: 'new', assigned: 'assigned', in_progress: 'in_progress', pending_customer: 'pending_customer', pending_parts: 'pending_parts' },
};

/** A context that satisfies every guard of `action`. */
function fullContext(ticket: Ticket, action: ActionId): TransitionContext {
  if (action === 'close') return { actor: system, now: after(ticket, 3 * DAY) };
  return { actor: agent, now: after(ticket), note: 'done', assigneeId: 'agent-3' };
}

describe('standardWorkflow: the status × action table', () => {
  it('knows exactly the standard statuses and actions', () => {
    assert.deepEqual(standardWorkflow.statuses.map((s) => s.id), [...STATUSES]);
    assert.deepEqual(standardWorkflow.definition.actions.map((a) => a.id), [...ACTIONS]);
    assert.equal(standardWorkflow.initialStatus, 'new');
    assert.equal(standardWorkflow.id, 'standard');
  });

  for (const status of STATUSES) {
    for (const action of ACTIONS) {
      const to = ALLOWED[action][status];
      if (to) {
        it(`${action} from ${status} leads to ${to}`, () => {
          const ticket = ticketIn(status);
          const { ticket: next, events } = act(ticket, action, fullContext(ticket, action));
          assert.equal(next.status, to);
          assert.ok(events.length >= 1);
          assert.deepEqual(next.events, [...ticket.events, ...events]);
          assert.equal(next.revision, ticket.revision + 1);
          const at = new Date(after(ticket, action === 'close' ? 3 * DAY : MINUTE)).toISOString();
          assert.equal(next.updatedAt, at);
          for (const e of events) {
            assert.equal(e.at, at);
            assert.equal(e.ticketId, ticket.id);
          }
          if (to !== status) {
            assert.equal(next.statusChangedAt, at);
            const changed = events.find((e) => e.type === 'status_changed');
            assert.ok(changed, 'a status change is recorded');
            assert.deepEqual(
              { action: changed.data.action, from: changed.data.from, to: changed.data.to },
              { action, from: status, to },
            );
          } else {
            assert.equal(next.statusChangedAt, ticket.statusChangedAt);
          }
        });
      } else {
        it(`${action} from ${status} is refused (INVALID_TRANSITION, status)`, () => {
          const ticket = deepFreeze(ticketIn(status));
          const error = refused(() => standardWorkflow.transition(ticket, action, fullContext(ticket, action)), 'INVALID_TRANSITION', 'status');
          assert.equal(error.action, action);
          assert.equal(error.status, status);
          assert.equal(standardWorkflow.can(ticket, action, fullContext(ticket, action)), false);
        });
      }
    }
  }

  it('refuses an unknown action', () => {
    const ticket = ticketIn('in_progress');
    const error = refused(() => standardWorkflow.transition(ticket, 'teleport', { actor: agent }), 'INVALID_TRANSITION', 'unknown_action');
    assert.equal(error.action, 'teleport');
    assert.equal(error.status, 'in_progress');
    assert.match(error.message, /teleport/);
  });
});

describe('standardWorkflow: each action’s effects and events', () => {
  it('assign sets the assignee and group and records who', () => {
    const ticket = newTicket();
    const { ticket: next, events } = act(ticket, 'assign', { actor: system, assigneeId: 'agent-1', assigneeName: '王工', groupId: 'repair' });
    assert.equal(next.assigneeId, 'agent-1');
    assert.equal(next.groupId, 'repair');
    assert.deepEqual(events.map((e) => [e.type, e.visibility]), [
      ['assigned', 'public'],
      ['status_changed', 'public'],
    ]);
    assert.deepEqual(events[0]!.data, { from: undefined, to: 'agent-1', groupFrom: undefined, groupTo: 'repair', assigneeName: '王工' });
    assert.deepEqual(events[0]!.actor, system);
  });

  it('assign while in progress changes the assignee without moving', () => {
    const ticket = ticketIn('in_progress');
    const { ticket: next, events } = act(ticket, 'assign', { assigneeId: 'agent-2' });
    assert.equal(next.status, 'in_progress');
    assert.equal(next.assigneeId, 'agent-2');
    assert.deepEqual(events.map((e) => e.type), ['assigned']);
    assert.deepEqual(events[0]!.data, { from: 'agent-1', to: 'agent-2', groupFrom: undefined, groupTo: undefined });
  });

  it('assigning the same assignee again still leaves a trace', () => {
    const ticket = ticketIn('in_progress');
    const { ticket: next, events } = act(ticket, 'assign', { assigneeId: 'agent-1' });
    assert.equal(next.assigneeId, 'agent-1');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type, 'status_changed');
    assert.deepEqual(events[0]!.data, { action: 'assign', from: 'in_progress', to: 'in_progress' });
  });

  it('request_info carries the question publicly', () => {
    const { events } = act(ticketIn('in_progress'), 'request_info', { note: '请拍一张铭牌照片' });
    assert.equal(events.length, 1);
    assert.equal(events[0]!.visibility, 'public');
    assert.deepEqual(events[0]!.data, { action: 'request_info', from: 'in_progress', to: 'pending_customer', note: '请拍一张铭牌照片' });
  });

  it('resolve records the resolution and resolvedAt', () => {
    const ticket = ticketIn('in_progress');
    const now = after(ticket, 5 * MINUTE);
    const { ticket: next, events } = act(ticket, 'resolve', { note: '已更换电容', now });
    const at = new Date(now).toISOString();
    assert.equal(next.status, 'resolved');
    assert.equal(next.resolvedAt, at);
    assert.deepEqual(next.resolution, { note: '已更换电容', at, by: 'agent-1' });
    assert.equal(events[0]!.visibility, 'public');
    assert.equal((events[0]!.data as { note?: string }).note, '已更换电容');
  });

  it('close stamps closedAt and keeps the resolution', () => {
    const ticket = ticketIn('resolved');
    const { ticket: next } = act(ticket, 'close', { actor: system, now: after(ticket, 3 * DAY) });
    assert.equal(next.closedAt, new Date(after(ticket, 3 * DAY)).toISOString());
    assert.equal(next.resolvedAt, ticket.resolvedAt);
    assert.deepEqual(next.resolution, ticket.resolution);
  });

  for (const from of ['resolved', 'closed'] as const) {
    it(`reopen from ${from} counts a reopen and clears resolvedAt, closedAt and the resolution`, () => {
      const ticket = ticketIn(from);
      assert.ok(ticket.resolvedAt);
      const { ticket: next, events } = act(ticket, 'reopen', { actor: customer, now: after(ticket, DAY) });
      assert.equal(next.status, 'in_progress');
      assert.equal(next.reopenCount, ticket.reopenCount + 1);
      assert.equal('resolvedAt' in next, false);
      assert.equal('closedAt' in next, false);
      assert.equal('resolution' in next, false);
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.actor, customer);
      // Reopen twice: the count keeps growing.
      const again = act(act(next, 'resolve', { note: 'fixed again' }).ticket, 'reopen', { actor: agent }).ticket;
      assert.equal(again.reopenCount, 2);
    });
  }

  it('return_to_queue clears the assignee and keeps the reason internal', () => {
    const ticket = ticketIn('in_progress');
    const { ticket: next, events } = act(ticket, 'return_to_queue', { note: '非本组业务，退回' });
    assert.equal(next.status, 'new');
    assert.equal(next.assigneeId, undefined);
    assert.deepEqual(events.map((e) => [e.type, e.visibility]), [
      ['assigned', 'internal'],
      ['status_changed', 'internal'],
    ]);
    assert.deepEqual(events[0]!.data, { from: 'agent-1', to: undefined, groupFrom: undefined, groupTo: undefined });
    assert.equal((events[1]!.data as { note?: string }).note, '非本组业务，退回');
  });

  it('escalate raises the level, may raise the priority and move the group, all internally', () => {
    const ticket = ticketIn('in_progress');
    const first = act(ticket, 'escalate', { note: '客户投诉第二次', priority: 'urgent', groupId: 'tier-2' });
    assert.equal(first.ticket.status, 'in_progress');
    assert.equal(first.ticket.escalationLevel, 1);
    assert.equal(first.ticket.priority, 'urgent');
    assert.equal(first.ticket.groupId, 'tier-2');
    assert.equal(first.ticket.assigneeId, 'agent-1');
    assert.deepEqual(first.events.map((e) => [e.type, e.visibility]), [
      ['escalated', 'internal'],
      ['field_changed', 'internal'],
      ['assigned', 'internal'],
    ]);
    assert.deepEqual(first.events[0]!.data, { level: 1, reason: '客户投诉第二次' });
    assert.deepEqual(first.events[1]!.data, { field: 'priority', from: 'normal', to: 'urgent' });
    const second = act(first.ticket, 'escalate', { actor: system, priority: 'urgent' });
    assert.equal(second.ticket.escalationLevel, 2);
    assert.deepEqual(second.events.map((e) => e.type), ['escalated'], 'same priority: no field change');
    assert.deepEqual(second.events[0]!.data, { level: 2 });
  });

  it('escalate without a priority keeps it', () => {
    const { ticket } = act(ticketIn('new'), 'escalate', { actor: system });
    assert.equal(ticket.priority, 'normal');
    assert.equal(ticket.escalationLevel, 1);
    assert.equal(ticket.status, 'new');
  });

  it('a note on an action without a note guard is recorded too', () => {
    const { events } = act(ticketIn('in_progress'), 'wait_parts', { note: '压缩机缺货，预计3天' });
    assert.deepEqual(events[0]!.data, { action: 'wait_parts', from: 'in_progress', to: 'pending_parts', note: '压缩机缺货，预计3天' });
  });
});

describe('standardWorkflow: roles', () => {
  const cases: Array<[ActionId, Status, Actor]> = [
    ['assign', 'new', customer],
    ['start', 'assigned', customer],
    ['start', 'assigned', system],
    ['request_info', 'in_progress', customer],
    ['request_info', 'in_progress', system],
    ['wait_parts', 'in_progress', system],
    ['resume', 'pending_parts', customer],
    ['resolve', 'in_progress', customer],
    ['close', 'resolved', customer],
    ['close', 'resolved', agent],
    ['close', 'resolved', lead],
    ['close', 'resolved', admin],
    ['reopen', 'resolved', system],
    ['return_to_queue', 'in_progress', customer],
    ['return_to_queue', 'in_progress', system],
    ['escalate', 'in_progress', customer],
  ];
  for (const [action, status, actor] of cases) {
    it(`${action} in ${status} is refused for ${actor.role ?? actor.kind} (INVALID_TRANSITION, role)`, () => {
      const ticket = ticketIn(status);
      const ctx = { ...fullContext(ticket, action), actor };
      refused(() => standardWorkflow.transition(ticket, action, ctx), 'INVALID_TRANSITION', 'role');
    });
  }

  it('stronger agent roles may do what agents may', () => {
    for (const actor of [lead, admin]) {
      const ticket = ticketIn('in_progress');
      assert.equal(act(ticket, 'resolve', { actor, note: 'ok' }).ticket.status, 'resolved');
      assert.equal(act(ticket, 'wait_parts', { actor }).ticket.status, 'pending_parts');
    }
  });

  it('the system may resolve (automations), with a note', () => {
    const ticket = ticketIn('pending_customer');
    const { ticket: next } = act(ticket, 'resolve', { actor: system, note: '客户 7 天未回复，自动解决' });
    assert.equal(next.status, 'resolved');
    assert.deepEqual(next.resolution, { note: '客户 7 天未回复，自动解决', at: new Date(after(ticket)).toISOString() });
    refused(() => act(ticket, 'resolve', { actor: system }), 'GUARD_FAILED', 'note_required');
  });

  it('the customer and agents may reopen', () => {
    for (const actor of [customer, agent, lead]) assert.equal(act(ticketIn('resolved'), 'reopen', { actor }).ticket.status, 'in_progress');
  });

  it('checks the status before the role', () => {
    refused(() => standardWorkflow.transition(ticketIn('new'), 'close', { actor: customer }), 'INVALID_TRANSITION', 'status');
  });
});

describe('standardWorkflow: guards', () => {
  for (const [action, status] of [
    ['resolve', 'in_progress'],
    ['resolve', 'pending_parts'],
    ['request_info', 'assigned'],
    ['return_to_queue', 'in_progress'],
  ] as const) {
    it(`${action} from ${status} needs a note`, () => {
      const ticket = ticketIn(status);
      for (const note of [undefined, '', '   ', '\n\t'])
        refused(() => act(ticket, action, note === undefined ? {} : { note }), 'GUARD_FAILED', 'note_required');
      assert.equal(act(ticket, action, { note: 'why' }).ticket.status !== status, true);
    });
  }

  it('assign needs an assignee', () => {
    const error = refused(() => act(newTicket(), 'assign', {}), 'GUARD_FAILED', 'assignee_required');
    assert.equal(error.action, 'assign');
    assert.equal(error.status, 'new');
  });

  it('start: the assignee or a lead may, another agent may not', () => {
    const ticket = ticketIn('assigned');
    assert.equal(ticket.assigneeId, 'agent-1');
    refused(() => act(ticket, 'start', { actor: otherAgent }), 'GUARD_FAILED', 'assignee_or_role');
    assert.equal(act(ticket, 'start', { actor: agent }).ticket.status, 'in_progress');
    assert.equal(act(ticket, 'start', { actor: lead }).ticket.status, 'in_progress');
    assert.equal(act(ticket, 'start', { actor: admin }).ticket.status, 'in_progress');
  });

  it('reopen is allowed for 7 days after resolution, not after', () => {
    const ticket = ticketIn('resolved');
    const resolvedAt = Date.parse(ticket.resolvedAt!);
    assert.equal(act(ticket, 'reopen', { actor: customer, now: resolvedAt + 7 * DAY }).ticket.status, 'in_progress');
    refused(() => act(ticket, 'reopen', { actor: customer, now: resolvedAt + 7 * DAY + 1 }), 'GUARD_FAILED', 'within_days');
    refused(() => act(ticket, 'reopen', { actor: agent, now: resolvedAt + 30 * DAY }), 'GUARD_FAILED', 'within_days');
    // From closed the window still counts from the resolution.
    const closed = ticketIn('closed');
    refused(() => act(closed, 'reopen', { actor: customer, now: Date.parse(closed.resolvedAt!) + 8 * DAY }), 'GUARD_FAILED', 'within_days');
    assert.equal(act(closed, 'reopen', { actor: customer, now: Date.parse(closed.resolvedAt!) + 6 * DAY }).ticket.status, 'in_progress');
  });

  it('the reopen window follows the option', () => {
    const wf = createWorkflow(standardWorkflowDefinition({ reopenWithinDays: 1 }));
    let t = newTicket(wf);
    t = act(t, 'assign', { assigneeId: 'agent-1' }, wf).ticket;
    t = act(t, 'resolve', { note: 'ok' }, wf).ticket;
    refused(() => act(t, 'reopen', { actor: customer, now: after(t, 2 * DAY) }, wf), 'GUARD_FAILED', 'within_days');
    assert.equal(act(t, 'reopen', { actor: customer, now: after(t, DAY) }, wf).ticket.status, 'in_progress');
  });

  it('the system closes 3 days after resolution, earlier only when rated', () => {
    const ticket = ticketIn('resolved');
    const resolvedAt = Date.parse(ticket.resolvedAt!);
    refused(() => act(ticket, 'close', { actor: system, now: resolvedAt + 3 * DAY - 1 }), 'GUARD_FAILED', 'any');
    refused(() => act(ticket, 'close', { actor: system, now: resolvedAt + MINUTE }), 'GUARD_FAILED', 'any');
    assert.equal(act(ticket, 'close', { actor: system, now: resolvedAt + 3 * DAY }).ticket.status, 'closed');
    // Rated (and not auto-closed by the rating): the system may close at once.
    const wf = createWorkflow(standardWorkflowDefinition({ closeOnRating: false }));
    const rated = wf.rate(ticket, { score: 5 }, { actor: customer, now: resolvedAt + MINUTE }).ticket;
    assert.equal(rated.status, 'resolved');
    assert.equal(act(rated, 'close', { actor: system, now: resolvedAt + 2 * MINUTE }, wf).ticket.status, 'closed');
  });

  it('can() agrees with transition()', () => {
    const ticket = ticketIn('assigned');
    assert.equal(standardWorkflow.can(ticket, 'start', { actor: agent, now: after(ticket) }), true);
    assert.equal(standardWorkflow.can(ticket, 'start', { actor: otherAgent, now: after(ticket) }), false);
    assert.equal(standardWorkflow.can(ticket, 'resolve', { actor: agent, now: after(ticket) }), false);
    assert.equal(standardWorkflow.can(ticket, 'resolve', { actor: agent, note: 'x', now: after(ticket) }), true);
    assert.equal(standardWorkflow.can(ticket, 'nope', { actor: agent }), false);
    assert.equal(standardWorkflow.can(ticket, 'start', { actor: { kind: 'robot' } as unknown as Actor }), false);
  });

  it('validates the context', () => {
    const ticket = ticketIn('assigned');
    assert.throws(() => standardWorkflow.transition(ticket, 'start', { actor: { kind: 'robot' } as unknown as Actor }), ValidationError);
    assert.throws(() => standardWorkflow.transition(ticket, 'start', { actor: { kind: 'agent', role: 'boss' } as unknown as Actor }), ValidationError);
    assert.throws(() => standardWorkflow.transition(ticket, 'resolve', { actor: agent, note: 'a\u0000b' }), ValidationError);
    assert.throws(() => standardWorkflow.transition(ticket, 'escalate', { actor: agent, priority: 'critical' as 'urgent' }), ValidationError);
    assert.throws(() => standardWorkflow.transition(ticket, 'start', { actor: agent, now: 'not a time' }), AftercareError);
  });
});

describe('standardWorkflow: actions()', () => {
  const ids = (status: Status | Ticket, actor: Actor, nowOffset = MINUTE) => {
    const ticket = typeof status === 'string' ? ticketIn(status) : status;
    return standardWorkflow.actions(ticket, actor, { now: after(ticket, nowOffset) }).map((a) => a.id);
  };

  const expected: Record<Status, Record<'customer' | 'assignee' | 'other' | 'lead' | 'system', string[]>> = {
    new: { customer: [], assignee: ['assign', 'escalate'], other: ['assign', 'escalate'], lead: ['assign', 'escalate'], system: ['assign', 'escalate'] },
    assigned: {
      customer: [],
      assignee: ['assign', 'start', 'request_info', 'resolve', 'return_to_queue', 'escalate'],
      other: ['assign', 'request_info', 'resolve', 'return_to_queue', 'escalate'],
      lead: ['assign', 'start', 'request_info', 'resolve', 'return_to_queue', 'escalate'],
      system: ['assign', 'resolve', 'escalate'],
    },
    in_progress: {
      customer: [],
      assignee: ['assign', 'request_info', 'wait_parts', 'resolve', 'return_to_queue', 'escalate'],
      other: ['assign', 'request_info', 'wait_parts', 'resolve', 'return_to_queue', 'escalate'],
      lead: ['assign', 'request_info', 'wait_parts', 'resolve', 'return_to_queue', 'escalate'],
      system: ['assign', 'resolve', 'escalate'],
    },
    pending_customer: {
      customer: [],
      assignee: ['assign', 'resume', 'resolve', 'escalate'],
      other: ['assign', 'resume', 'resolve', 'escalate'],
      lead: ['assign', 'resume', 'resolve', 'escalate'],
      system: ['assign', 'resume', 'resolve', 'escalate'],
    },
    pending_parts: {
      customer: [],
      assignee: ['assign', 'resume', 'resolve', 'escalate'],
      other: ['assign', 'resume', 'resolve', 'escalate'],
      lead: ['assign', 'resume', 'resolve', 'escalate'],
      system: ['assign', 'resume', 'resolve', 'escalate'],
    },
    resolved: { customer: ['reopen'], assignee: ['reopen'], other: ['reopen'], lead: ['reopen'], system: [] },
    closed: { customer: ['reopen'], assignee: ['reopen'], other: ['reopen'], lead: ['reopen'], system: [] },
  };
  const actors = { customer, assignee: agent, other: otherAgent, lead, system };

  for (const status of STATUSES) {
    it(`lists what each actor may do in ${status}`, () => {
      const ticket = ticketIn(status);
      for (const [who, actor] of Object.entries(actors)) {
        assert.deepEqual(ids(ticket, actor), expected[status][who as keyof typeof actors], `${who} in ${status}`);
      }
    });
  }

  it('says which input each action needs, and where it leads', () => {
    const list = standardWorkflow.actions(ticketIn('assigned'), agent, { now: T0 + DAY });
    const byId = Object.fromEntries(list.map((a) => [a.id, a]));
    assert.deepEqual(byId.assign!.requires, ['assignee']);
    assert.equal(byId.assign!.to, 'assigned');
    assert.deepEqual(byId.start!.requires, []);
    assert.equal(byId.start!.to, 'in_progress');
    assert.deepEqual(byId.request_info!.requires, ['note']);
    assert.equal(byId.request_info!.to, 'pending_customer');
    assert.deepEqual(byId.resolve!.requires, ['note']);
    assert.deepEqual(byId.return_to_queue!.requires, ['note']);
    assert.equal(byId.return_to_queue!.to, 'new');
    assert.deepEqual(byId.escalate!.requires, []);
    assert.equal(byId.escalate!.to, 'assigned');
    assert.deepEqual(byId.resolve!.labels, { 'zh-CN': '解决', en: 'Resolve' });
  });

  it('follows the clock: reopen disappears after 7 days, close appears after 3', () => {
    const ticket = ticketIn('resolved');
    assert.deepEqual(ids(ticket, system, 2 * DAY), []);
    assert.deepEqual(ids(ticket, system, 3 * DAY), ['close']);
    assert.deepEqual(ids(ticket, customer, 7 * DAY), ['reopen']);
    assert.deepEqual(ids(ticket, customer, 8 * DAY), []);
    assert.deepEqual(ids(ticket, system, 8 * DAY), ['close']);
  });

  it('every listed action succeeds when its required input is supplied', () => {
    for (const status of STATUSES) {
      const ticket = ticketIn(status);
      for (const actor of Object.values(actors)) {
        const now = after(ticket, 4 * DAY);
        for (const a of standardWorkflow.actions(ticket, actor, { now })) {
          const ctx: TransitionContext = { actor, now, note: 'n', assigneeId: 'agent-1' };
          assert.equal(act(ticket, a.id, ctx).ticket.status, a.to, `${a.id} from ${status}`);
        }
      }
    }
  });
});

describe('standardWorkflow: replies, notes and ratings', () => {
  it('a customer reply on pending_customer resumes work', () => {
    const ticket = deepFreeze(ticketIn('pending_customer'));
    const now = after(ticket);
    const { ticket: next, events } = standardWorkflow.reply(ticket, { body: '照片已上传' }, { actor: customer, now });
    assert.equal(next.status, 'in_progress');
    assert.equal(next.revision, ticket.revision + 1, 'one operation, one revision');
    assert.deepEqual(events.map((e) => [e.type, e.actor.kind, e.visibility]), [
      ['reply', 'customer', 'public'],
      ['status_changed', 'system', 'public'],
    ]);
    assert.deepEqual(events[0]!.data, { body: '照片已上传', attachments: [] });
    assert.deepEqual(events[1]!.data, { action: 'resume', from: 'pending_customer', to: 'in_progress' });
    assert.deepEqual(next.events, [...ticket.events, ...events]);
  });

  it('with resumeOnCustomerReply: false the reply does not move the ticket', () => {
    const wf = createWorkflow(standardWorkflowDefinition({ resumeOnCustomerReply: false }));
    assert.equal(wf.definition.onCustomerReply, undefined);
    const ticket = ticketIn('pending_customer');
    const { ticket: next, events } = wf.reply(ticket, { body: 'here you go' }, { actor: customer, now: after(ticket) });
    assert.equal(next.status, 'pending_customer');
    assert.deepEqual(events.map((e) => e.type), ['reply']);
  });

  it('an agent reply or a reply in another status does not move the ticket', () => {
    const pending = ticketIn('pending_customer');
    assert.equal(standardWorkflow.reply(pending, { body: '还在吗？' }, { actor: agent, now: after(pending) }).ticket.status, 'pending_customer');
    for (const status of ['new', 'assigned', 'in_progress', 'pending_parts', 'resolved'] as const) {
      const t = ticketIn(status);
      const r = standardWorkflow.reply(t, { body: '?' }, { actor: customer, now: after(t) });
      assert.equal(r.ticket.status, status);
      assert.equal(r.events.length, 1);
    }
  });

  it('a reply keeps its attachments on the ticket', () => {
    const ticket = ticketIn('in_progress');
    const { ticket: next, events } = standardWorkflow.reply(
      ticket,
      { body: 'photo', attachments: [{ name: 'a.jpg', type: 'image/jpeg', size: 10 }] },
      { actor: customer, now: after(ticket) },
    );
    assert.equal(next.attachments.length, ticket.attachments.length + 1);
    const attachment = (events[0]!.data as { attachments: Array<{ id: string }> }).attachments[0]!;
    assert.equal(next.attachments.at(-1)!.id, attachment.id);
  });

  it('replies are refused on closed tickets and empty replies on any', () => {
    const closed = ticketIn('closed');
    const error = refused(() => standardWorkflow.reply(closed, { body: 'hello?' }, { actor: customer, now: after(closed) }), 'INVALID_TRANSITION', 'status');
    assert.equal(error.action, 'reply');
    refused(() => standardWorkflow.reply(closed, { body: 'hello?' }, { actor: agent, now: after(closed) }), 'INVALID_TRANSITION', 'status');
    assert.throws(() => standardWorkflow.reply(ticketIn('new'), { body: '  ' }, { actor: customer }), ValidationError);
  });

  it('notes are internal; agents and the system (automations) write them, customers never', () => {
    const ticket = deepFreeze(ticketIn('in_progress'));
    const { ticket: next, events } = standardWorkflow.note(ticket, { body: '@lead-1 客户情绪激动', mentions: ['lead-1'] }, { actor: agent, now: after(ticket) });
    assert.equal(next.status, 'in_progress');
    assert.equal(next.revision, ticket.revision + 1);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type, 'note');
    assert.equal(events[0]!.visibility, 'internal');
    assert.deepEqual(events[0]!.data, { body: '@lead-1 客户情绪激动', mentions: ['lead-1'], attachments: [] });
    const bySystem = standardWorkflow.note(ticket, { body: 'SLA warning' }, { actor: system, now: after(ticket) });
    assert.equal(bySystem.events[0]!.visibility, 'internal');
    assert.equal(bySystem.events[0]!.actor.kind, 'system');
    refused(() => standardWorkflow.note(ticket, { body: 'x' }, { actor: customer }), 'INVALID_TRANSITION', 'role');
    assert.throws(() => standardWorkflow.note(ticket, { body: '' }, { actor: agent }), ValidationError);
  });


  it('rating is for resolved or closed tickets only', () => {
    for (const status of ['new', 'assigned', 'in_progress', 'pending_customer', 'pending_parts'] as const)
      refused(() => standardWorkflow.rate(ticketIn(status), { score: 5 }, { actor: customer }), 'INVALID_TRANSITION', 'status');
  });

  it('rating a resolved ticket closes it (onRating)', () => {
    const ticket = deepFreeze(ticketIn('resolved'));
    const now = after(ticket, 10 * MINUTE);
    const { ticket: next, events } = standardWorkflow.rate(ticket, { score: 4, comment: '师傅很专业', dimensions: { timeliness: 4 } }, { actor: customer, now });
    const at = new Date(now).toISOString();
    assert.equal(next.status, 'closed');
    assert.equal(next.closedAt, at);
    assert.deepEqual(next.satisfaction, { score: 4, comment: '师傅很专业', dimensions: { timeliness: 4 }, at });
    assert.deepEqual(events.map((e) => [e.type, e.actor.kind]), [
      ['rated', 'customer'],
      ['status_changed', 'system'],
    ]);
    assert.deepEqual(events[0]!.data, { score: 4, comment: '师傅很专业', dimensions: { timeliness: 4 } });
    assert.equal(next.revision, ticket.revision + 1);
  });

  it('a rating is accepted once', () => {
    const rated = standardWorkflow.rate(ticketIn('resolved'), { score: 5 }, { actor: customer }).ticket;
    const error = refused(() => standardWorkflow.rate(rated, { score: 1 }, { actor: customer }), 'ALREADY_RATED');
    assert.equal(error.action, 'rate');
    // Still once after a reopen and a new resolution.
    const reopened = act(rated, 'reopen', { actor: customer, now: after(rated) }).ticket;
    const resolved = act(reopened, 'resolve', { note: 'again' }).ticket;
    refused(() => standardWorkflow.rate(resolved, { score: 1 }, { actor: customer, now: after(resolved) }), 'ALREADY_RATED');
  });

  it('a rating from before a reopen does not let the system close the new resolution early', () => {
    const rated = standardWorkflow.rate(ticketIn('resolved'), { score: 5 }, { actor: customer }).ticket;
    const reopened = act(rated, 'reopen', { actor: customer, now: after(rated) }).ticket;
    const resolved = act(reopened, 'resolve', { note: 'again', now: after(reopened) }).ticket;
    refused(() => act(resolved, 'close', { actor: system, now: after(resolved) }), 'GUARD_FAILED', 'any');
    const threeDays = Date.parse(resolved.resolvedAt!) + 3 * 86_400_000;
    assert.equal(act(resolved, 'close', { actor: system, now: threeDays }).ticket.status, 'closed');
  });

  it('a ticket the system closed unrated may still be rated and stays closed', () => {
    const closed = ticketIn('closed');
    assert.equal(closed.satisfaction, undefined);
    const { ticket: next, events } = standardWorkflow.rate(closed, { score: 3 }, { actor: customer, now: after(closed) });
    assert.equal(next.status, 'closed');
    assert.deepEqual(events.map((e) => e.type), ['rated']);
  });

  it('with closeOnRating: false the rating does not close', () => {
    const wf = createWorkflow(standardWorkflowDefinition({ closeOnRating: false }));
    const { ticket, events } = wf.rate(ticketIn('resolved'), { score: 5 }, { actor: customer });
    assert.equal(ticket.status, 'resolved');
    assert.deepEqual(events.map((e) => e.type), ['rated']);
  });

  it('refuses bad ratings and system raters', () => {
    const ticket = ticketIn('resolved');
    for (const score of [0, 6, 4.5, Number.NaN]) assert.throws(() => standardWorkflow.rate(ticket, { score }, { actor: customer }), ValidationError);
    refused(() => standardWorkflow.rate(ticket, { score: 5 }, { actor: system }), 'INVALID_TRANSITION', 'role');
  });
});

describe('ticketTimeline', () => {
  function busyTicket(): Ticket {
    let t = newTicket();
    t = act(t, 'assign', { assigneeId: 'agent-1', assigneeName: '王工' }).ticket;
    t = standardWorkflow.note(t, { body: '老客户，注意态度' }, { actor: agent, now: after(t) }).ticket;
    t = act(t, 'start').ticket;
    t = act(t, 'escalate', { note: '二次投诉', priority: 'high', groupId: 'tier-2' }).ticket;
    t = act(t, 'return_to_queue', { note: '需要二线处理' }).ticket;
    t = act(t, 'assign', { assigneeId: 'agent-2' }).ticket;
    t = act(t, 'start', { actor: otherAgent }).ticket;
    t = act(t, 'request_info', { note: '请提供序列号' }).ticket;
    t = standardWorkflow.reply(t, { body: 'SN123' }, { actor: customer, now: after(t) }).ticket;
    t = act(t, 'resolve', { note: '已修复' }).ticket;
    t = standardWorkflow.rate(t, { score: 5 }, { actor: customer, now: after(t) }).ticket;
    return t;
  }

  it('never shows internal events to the customer', () => {
    const ticket = busyTicket();
    const view = ticketTimeline(ticket, 'customer');
    assert.ok(view.length > 0);
    assert.ok(view.every((e) => e.visibility === 'public'));
    assert.ok(!view.some((e) => e.type === 'note' || e.type === 'escalated'));
    assert.ok(!view.some((e) => e.type === 'status_changed' && e.data.action === 'return_to_queue'));
    assert.ok(!view.some((e) => e.type === 'field_changed' && e.data.field === 'priority'));
    assert.ok(!JSON.stringify(view).includes('老客户'), 'the note text does not leak');
    assert.ok(!JSON.stringify(view).includes('需要二线处理'), 'the 退单 reason does not leak');
    assert.ok(!JSON.stringify(view).includes('二次投诉'), 'the escalation reason does not leak');
    assert.deepEqual(view.map((e) => e.id), ticket.events.filter((e) => e.visibility === 'public').map((e) => e.id));
    // Public events reach the customer without agent ids or internal groups.
    for (const e of view) {
      if (e.actor.kind === 'agent') assert.equal(e.actor.id, undefined);
      if (e.type === 'assigned') assert.deepEqual(Object.keys(e.data).filter((k) => k !== 'assigneeName'), []);
    }
    assert.deepEqual(
      view.map((e) => (e.type === 'status_changed' ? `${e.type}:${e.data.action}` : e.type)),
      [
        'created',
        'assigned',
        'status_changed:assign',
        'status_changed:start',
        'assigned',
        'status_changed:assign',
        'status_changed:start',
        'status_changed:request_info',
        'reply',
        'status_changed:resume',
        'status_changed:resolve',
        'rated',
        'status_changed:close',
      ],
    );
  });

  it('shows agents everything, oldest first', () => {
    const ticket = busyTicket();
    const view = ticketTimeline(ticket, 'agent');
    assert.deepEqual(view, ticket.events);
    assert.ok(view.some((e) => e.type === 'note'));
    assert.ok(view.some((e) => e.type === 'escalated'));
    for (let i = 1; i < view.length; i++) assert.ok(Date.parse(view[i - 1]!.at) <= Date.parse(view[i]!.at));
  });

  it('sorts by time, keeping log order for equal times, without touching the ticket', () => {
    const [created] = newTicket().events;
    const at = (iso: string, id: string) => ({ ...created!, id, at: iso });
    const log = deepFreeze({
      events: [at('2026-11-22T03:00:00.000Z', 'c'), at('2026-11-22T02:00:00.000Z', 'a'), at('2026-11-22T02:00:00.000Z', 'b')],
    });
    assert.deepEqual(ticketTimeline(log, 'agent').map((e) => e.id), ['a', 'b', 'c']);
    assert.deepEqual(ticketTimeline(log, 'customer').map((e) => e.id), ['a', 'b', 'c']);
    assert.deepEqual(log.events.map((e) => e.id), ['c', 'a', 'b']);
  });
});

describe('labels', () => {
  it('every standard status has agent and customer labels in zh-CN and en', () => {
    assert.deepEqual(STANDARD_STATUSES.map((s) => s.id), [...STATUSES]);
    for (const status of STATUSES) {
      for (const audience of ['agent', 'customer'] as const) {
        for (const locale of LOCALES) {
          const label = standardWorkflow.label(status, audience, locale);
          assert.equal(typeof label, 'string');
          assert.ok(label.trim().length > 0);
          assert.notEqual(label, status, `${status} ${audience} ${locale} is a real label`);
        }
      }
      assert.match(standardWorkflow.label(status, 'agent', 'zh-CN'), /\p{Script=Han}/u);
      assert.match(standardWorkflow.label(status, 'customer', 'en'), /^[A-Za-z ]+$/);
    }
    assert.equal(standardWorkflow.label('pending_customer', 'customer', 'zh-CN'), '等待您的回复');
    assert.equal(standardWorkflow.label('pending_customer', 'agent', 'en'), 'Waiting for customer');
    assert.equal(standardWorkflow.label('mystery', 'agent', 'en'), 'mystery');
  });

  it('every action has a label in zh-CN and en', () => {
    for (const action of ACTIONS) {
      for (const locale of LOCALES) {
        const label = standardWorkflow.actionLabel(action, locale);
        assert.ok(label.trim().length > 0 && label !== action, `${action} ${locale}`);
      }
    }
    assert.equal(standardWorkflow.actionLabel('return_to_queue', 'zh-CN'), '退单');
  });

  it('knows the category of each status', () => {
    assert.deepEqual(
      STATUSES.map((s) => standardWorkflow.category(s)),
      ['open', 'open', 'open', 'pending', 'pending', 'solved', 'closed'],
    );
    assert.throws(() => standardWorkflow.category('mystery'), AftercareError);
    assert.equal(standardWorkflow.status('mystery'), undefined);
  });
});

describe('installationWorkflow', () => {
  const installation = () => {
    const t = newTicket(installationWorkflow, 'installation');
    return act(t, 'assign', { assigneeId: 'agent-1' }, installationWorkflow).ticket;
  };

  it('has a scheduled status with labels', () => {
    assert.equal(installationWorkflow.id, 'installation');
    assert.deepEqual(installationWorkflow.statuses.map((s) => s.id), ['new', 'assigned', 'scheduled', 'in_progress', 'pending_customer', 'pending_parts', 'resolved', 'closed']);
    assert.equal(installationWorkflow.label('scheduled', 'customer', 'zh-CN'), '已预约上门');
    assert.equal(installationWorkflow.category('scheduled'), 'open');
    assert.equal(createTicket({ type: 'installation', subject: 'x', customer: { name: 'a', contact: { phone: '13800138000' } } }).workflowId, 'installation');
  });

  it('schedule requires scheduledAt', () => {
    const ticket = installation();
    const schedule = installationWorkflow.actions(ticket, agent, { now: after(ticket) }).find((a) => a.id === 'schedule');
    assert.deepEqual(schedule, { id: 'schedule', labels: { 'zh-CN': '预约上门', en: 'Schedule visit' }, to: 'scheduled', requires: ['schedule'] });
    refused(() => act(ticket, 'schedule', {}, installationWorkflow), 'GUARD_FAILED', 'schedule_required');
    assert.throws(() => act(ticket, 'schedule', { scheduledAt: 'tomorrow morning' }, installationWorkflow), ValidationError);
  });

  it('schedule sets the appointment publicly, and work starts from scheduled', () => {
    const ticket = installation();
    const { ticket: next, events } = act(ticket, 'schedule', { scheduledAt: '2026-11-25T10:00:00+08:00' }, installationWorkflow);
    assert.equal(next.status, 'scheduled');
    assert.equal(next.scheduledAt, '2026-11-25T02:00:00.000Z');
    assert.deepEqual(events.map((e) => [e.type, e.visibility]), [
      ['field_changed', 'public'],
      ['status_changed', 'public'],
    ]);
    assert.deepEqual(events[0]!.data, { field: 'scheduledAt', from: undefined, to: '2026-11-25T02:00:00.000Z' });
    const moved = act(next, 'schedule', { scheduledAt: '2026-11-26T02:00:00Z' }, installationWorkflow).ticket;
    assert.equal(moved.scheduledAt, '2026-11-26T02:00:00.000Z');
    assert.equal(act(next, 'start', {}, installationWorkflow).ticket.status, 'in_progress');
    assert.equal(act(next, 'resolve', { note: 'installed' }, installationWorkflow).ticket.status, 'resolved');
    assert.equal(act(next, 'return_to_queue', { note: 'wrong area' }, installationWorkflow).ticket.status, 'new');
  });

  it('the standard workflow has no schedule action', () => {
    refused(() => act(ticketIn('assigned'), 'schedule', { scheduledAt: '2026-11-25T02:00:00Z' }), 'INVALID_TRANSITION', 'unknown_action');
  });

  it('its definition is sound', () => {
    assert.deepEqual(workflowDefinitionProblems(installationWorkflowDefinition()), []);
  });
});

describe('createWorkflow: definition checks', () => {
  const base = (): WorkflowDefinition => JSON.parse(JSON.stringify(standardWorkflowDefinition()));

  function problemsOf(definition: unknown): readonly string[] {
    let caught: unknown;
    try {
      createWorkflow(definition as WorkflowDefinition);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof WorkflowDefinitionError, `expected WorkflowDefinitionError, got ${String(caught)}`);
    assert.equal(caught.code, 'INVALID_WORKFLOW');
    assert.ok(caught.problems.length > 0);
    assert.deepEqual([...caught.problems], workflowDefinitionProblems(definition as WorkflowDefinition));
    return caught.problems;
  }

  const has = (problems: readonly string[], pattern: RegExp) =>
    assert.ok(problems.some((p) => pattern.test(p)), `${pattern} in ${JSON.stringify(problems)}`);

  it('accepts the standard definitions', () => {
    assert.deepEqual(workflowDefinitionProblems(standardWorkflowDefinition()), []);
    assert.deepEqual(workflowDefinitionProblems(standardWorkflowDefinition({ resumeOnCustomerReply: false, closeOnRating: false })), []);
    const wf = createWorkflow(base());
    assert.equal(wf.id, 'standard');
    assert.ok(Object.isFrozen(wf.definition));
  });

  it('copies the definition: later changes to it do not leak in', () => {
    const def = base();
    const wf = createWorkflow(def);
    def.actions.find((a) => a.id === 'start')!.roles = ['customer'];
    refused(() => wf.transition(ticketIn('assigned'), 'start', { actor: customer }), 'INVALID_TRANSITION', 'role');
  });

  it('names an unknown status in a transition', () => {
    const def = base();
    def.actions.find((a) => a.id === 'start')!.transitions = [{ from: ['assigned'], to: 'working' }];
    has(problemsOf(def), /action "start" leads to unknown status "working"/);
    const def2 = base();
    def2.actions.find((a) => a.id === 'start')!.transitions = [{ from: ['limbo'], to: 'in_progress' }];
    has(problemsOf(def2), /action "start" starts from unknown status "limbo"/);
  });

  it('names an unreachable status', () => {
    const def = base();
    def.statuses.push({ id: 'archived', category: 'closed', labels: { agent: { 'zh-CN': '归档', en: 'Archived' }, customer: { 'zh-CN': '归档', en: 'Archived' } } });
    has(problemsOf(def), /status "archived" is unreachable/);
  });

  it('needs a terminal status', () => {
    const def = base();
    def.statuses.find((s) => s.id === 'closed')!.category = 'solved';
    has(problemsOf(def), /no terminal status/);
  });

  it('names a status that can never finish', () => {
    const def = base();
    def.statuses.push({ id: 'trap', category: 'open', labels: { agent: { 'zh-CN': '陷阱', en: 'Trap' }, customer: { 'zh-CN': '陷阱', en: 'Trap' } } });
    def.actions.push({ id: 'trap', labels: { 'zh-CN': '陷阱', en: 'Trap' }, transitions: [{ from: ['new'], to: 'trap' }], roles: ['agent'] });
    has(problemsOf(def), /status "trap" can never reach a terminal status/);
  });

  it('names a missing label', () => {
    const def = base();
    delete (def.statuses[0]!.labels.customer as Partial<Record<string, string>>).en;
    has(problemsOf(def), /status "new" customer has no en label/);
    const def2 = base();
    def2.actions[0]!.labels['zh-CN'] = '  ';
    has(problemsOf(def2), /action "assign" has no zh-CN label/);
  });

  it('names an unknown guard kind, effect and role', () => {
    const def = base();
    const resolve = def.actions.find((a) => a.id === 'resolve')!;
    resolve.guards = [{ kind: 'moon_phase' } as never];
    resolve.effects = ['explode' as never];
    resolve.roles = ['superuser' as never];
    const problems = problemsOf(def);
    has(problems, /unknown guard kind "moon_phase"/);
    has(problems, /unknown effect "explode"/);
    has(problems, /unknown role "superuser"/);
  });

  it('names a duplicate status and a duplicate action', () => {
    const def = base();
    def.statuses.push({ ...def.statuses[1]! });
    def.actions.push({ ...def.actions[1]! });
    const problems = problemsOf(def);
    has(problems, /status "assigned" is declared twice/);
    has(problems, /action "start" is declared twice/);
  });

  it('names an undeclared initial status and bad follow-up actions', () => {
    const def = base();
    def.initialStatus = 'draft';
    def.onRating = 'celebrate';
    def.onCustomerReply = { closed: 'resume' };
    const problems = problemsOf(def);
    has(problems, /initial status "draft" is not declared/);
    has(problems, /onRating names unknown action "celebrate"/);
    has(problems, /onCustomerReply action "resume" cannot start from "closed"/);
  });

  it('names bad time guards', () => {
    const def = base();
    def.actions.find((a) => a.id === 'reopen')!.guards = [{ kind: 'within_days', since: 'birthday' as never, days: -1 }];
    const problems = problemsOf(def);
    has(problems, /needs a non-negative number of days/);
    has(problems, /unknown field "birthday"/);
  });

  it('reports malformed JSON definitions as problems, not crashes', () => {
    const noGuards = base();
    noGuards.actions[0]!.guards = [{ kind: 'any' } as never];
    has(problemsOf(noGuards), /guard any has no guards/);
    const noRoles = base();
    noRoles.actions[0]!.guards = [{ kind: 'assignee_or_role' } as never];
    has(problemsOf(noRoles), /assignee_or_role/);
    const noFrom = base();
    delete (noFrom.actions[0]!.transitions[0] as Partial<{ from: string[] }>).from;
    has(problemsOf(noFrom), /action "assign"/);
    has(problemsOf({}), /id is required/);
    has(problemsOf(null), /./);
  });

  it('lists every problem at once', () => {
    const def = base();
    def.id = '';
    def.statuses.push({ ...def.statuses[0]! });
    def.actions[0]!.guards = [{ kind: 'nope' } as never];
    const problems = problemsOf(def);
    has(problems, /id is required/);
    has(problems, /declared twice/);
    has(problems, /unknown guard kind "nope"/);
  });

  it('runs a sound custom workflow', () => {
    const wf = createWorkflow({
      id: 'tiny',
      initialStatus: 'open',
      statuses: [
        { id: 'open', category: 'open', labels: { agent: { 'zh-CN': '打开', en: 'Open' }, customer: { 'zh-CN': '打开', en: 'Open' } } },
        { id: 'done', category: 'closed', labels: { agent: { 'zh-CN': '完成', en: 'Done' }, customer: { 'zh-CN': '完成', en: 'Done' } } },
      ],
      actions: [{ id: 'finish', labels: { 'zh-CN': '完成', en: 'Finish' }, transitions: [{ from: ['open'], to: 'done' }], roles: ['agent'] }],
    });
    const ticket = createTicket({ subject: 'x', customer: { name: 'a', contact: { phone: '13800138000' } } }, { workflow: wf, now: T0 });
    assert.equal(ticket.status, 'open');
    assert.equal(ticket.workflowId, 'tiny');
    const { ticket: done } = wf.transition(ticket, 'finish', { actor: agent, now: T0 + MINUTE });
    assert.equal(done.status, 'done');
    assert.equal(done.closedAt, new Date(T0 + MINUTE).toISOString());
  });
});
