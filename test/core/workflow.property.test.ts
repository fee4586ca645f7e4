import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createTicket,
  standardWorkflow,
  ticketTimeline,
  ValidationError,
  WorkflowError,
  type Actor,
  type Priority,
  type Ticket,
  type TransitionContext,
  type TransitionResult,
} from '../../src/index.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-22T01:00:00.000Z');
const STATUSES = new Set(standardWorkflow.statuses.map((s) => s.id));
const ACTION_IDS = standardWorkflow.definition.actions.map((a) => a.id);

const ACTORS: Actor[] = [
  { kind: 'customer', id: 'cust-1', name: '张伟' },
  { kind: 'agent', id: 'agent-1', name: '王工' },
  { kind: 'agent', id: 'agent-2', role: 'agent' },
  { kind: 'agent', id: 'lead-1', role: 'lead' },
  { kind: 'agent', id: 'admin-1', role: 'admin' },
  { kind: 'system' },
];

/** `available`: whichever action `workflow.actions()` lists for the actor (`pick` chooses), so walks go deep. */
type Op = (typeof ACTION_IDS)[number] | 'reply' | 'note' | 'rate' | 'fly' | 'available';

interface Step {
  actor: Actor;
  op: Op;
  note?: string;
  assigneeId?: string;
  priority?: Priority;
  score: number;
  advance: number;
  pick: number;
}

const stepArb: fc.Arbitrary<Step> = fc.record(
  {
    // The assignee (agent-1) is weighted up so that long walks get past `start`.
    actor: fc.oneof({ weight: 3, arbitrary: fc.constant(ACTORS[1]!) }, { weight: 5, arbitrary: fc.constantFrom(...ACTORS) }),
    // Workflow actions are weighted up so that long walks reach every status.
    op: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ACTION_IDS) },
      { weight: 4, arbitrary: fc.constant<Op>('available') },
      { weight: 2, arbitrary: fc.constantFrom<Op>('reply', 'note', 'rate', 'rate') },
      { weight: 1, arbitrary: fc.constant<Op>('fly') },
    ),
    note: fc.option(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('ok', '已更换主板', '<b>x</b>', 'line 1\nline 2', 'مرحبا 👨‍👩‍👧') },
        { weight: 1, arbitrary: fc.constantFrom('', '   ', 'bad\u0000char', '\uD800') },
      ),
      { nil: undefined, freq: 4 },
    ),
    assigneeId: fc.option(fc.constantFrom('agent-1', 'agent-1', 'agent-2'), { nil: undefined, freq: 4 }),
    priority: fc.option(fc.constantFrom<Priority>('low', 'normal', 'high', 'urgent'), { nil: undefined }),
    score: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 6) }),
    pick: fc.nat(),
    advance: fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 0, max: 600 }).map((m) => m * MINUTE) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 8 }).map((d) => d * DAY) },
    ),
  },
  { requiredKeys: ['actor', 'op', 'score', 'advance', 'pick'] },
);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The operation a step stands for on this ticket at this time. */
function resolveOp(ticket: Ticket, step: Step, now: number): Exclude<Op, 'available'> {
  if (step.op !== 'available') return step.op;
  const listed = standardWorkflow.actions(ticket, step.actor, { now });
  return listed.length === 0 ? 'reply' : (listed[step.pick % listed.length]!.id as Exclude<Op, 'available'>);
}

function run(ticket: Ticket, step: Step, now: number, op = resolveOp(ticket, step, now)): TransitionResult {
  const base = { actor: step.actor, now };
  switch (op) {
    case 'reply':
      return standardWorkflow.reply(ticket, { body: step.note ?? 'hello' }, base);
    case 'note':
      return standardWorkflow.note(ticket, { body: step.note ?? 'internal' }, base);
    case 'rate':
      return standardWorkflow.rate(ticket, { score: step.score }, base);
    default: {
      const context: TransitionContext = { ...base };
      if (step.note !== undefined) context.note = step.note;
      if (step.assigneeId !== undefined) context.assigneeId = step.assigneeId;
      if (step.priority !== undefined) context.priority = step.priority;
      return standardWorkflow.transition(ticket, op, context);
    }
  }
}

function startTicket(): Ticket {
  return createTicket(
    { subject: '洗衣机漏水', customer: { id: 'cust-1', name: '张伟', contact: { phone: '13800138000' } } },
    { now: T0, id: 'ticket-1', number: 'AC-20261122-0001' },
  );
}

describe('standardWorkflow under random action sequences', () => {
  it('keeps its invariants on every step', (t) => {
    const seenStatuses = new Set<string>();
    let successes = 0;
    let refusals = 0;
    let reopenedFromClosed = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40, size: 'max' }), (steps) => {
        let ticket = deepFreeze(startTicket());
        let now = T0;
        for (const step of steps) {
          now += step.advance;
          const snapshot = JSON.stringify(ticket);
          const op = resolveOp(ticket, step, now);
          let result: TransitionResult | undefined;
          let error: unknown;
          try {
            result = run(ticket, step, now, op);
          } catch (e) {
            error = e;
          }
          // The input is never touched, whatever happened.
          assert.equal(JSON.stringify(ticket), snapshot, `${op} mutated its input`);

          if (error !== undefined) {
            refusals++;
            assert.ok(
              error instanceof WorkflowError || error instanceof ValidationError,
              `${op} threw ${String(error)}`,
            );
            if (error instanceof WorkflowError) {
              assert.equal(error.status, ticket.status);
              assert.equal(error.action, op);
              if (op === 'fly') assert.deepEqual([error.code, error.reason], ['INVALID_TRANSITION', 'unknown_action']);
              if (error.code === 'ALREADY_RATED') assert.ok(op === 'rate' && ticket.satisfaction);
            }
            // A refused reopen of a closed ticket must really be outside the rules.
            if (error instanceof WorkflowError && op === 'reopen' && ticket.status === 'closed')
              assert.ok(step.actor.kind === 'system' || now - Date.parse(ticket.resolvedAt!) > 7 * DAY, `reopen refused: ${error.message}`);
            continue;
          }

          successes++;
          const { ticket: next, events } = result!;
          assert.ok(STATUSES.has(next.status), `unknown status ${next.status}`);
          seenStatuses.add(next.status);
          assert.ok(events.length >= 1, `${op} wrote no event`);
          assert.deepEqual(next.events, [...ticket.events, ...events]);
          assert.equal(next.revision, ticket.revision + 1);
          const at = new Date(now).toISOString();
          assert.equal(next.updatedAt, at);
          for (const e of events) {
            assert.equal(e.at, at);
            assert.equal(e.ticketId, ticket.id);
            assert.ok(e.visibility === 'public' || e.visibility === 'internal');
          }
          if (op === 'note') assert.ok(events.every((e) => e.visibility === 'internal'));
          assert.equal(next.id, ticket.id);
          assert.equal(next.createdAt, ticket.createdAt);

          // Closed is left only by reopen, and only when reopen is allowed (within its window).
          if (ticket.status === 'closed' && next.status !== 'closed') {
            assert.equal(op, 'reopen');
            reopenedFromClosed++;
            assert.ok(now - Date.parse(ticket.resolvedAt!) <= 7 * DAY);
            assert.ok(step.actor.kind !== 'system');
          }
          // Solved and closed tickets carry their timestamps; open ones do not.
          const category = standardWorkflow.category(next.status);
          if (category === 'solved' || category === 'closed') assert.ok(next.resolvedAt, 'resolvedAt set');
          else assert.equal(next.resolvedAt, undefined);
          if (category === 'closed') assert.ok(next.closedAt);
          else assert.equal(next.closedAt, undefined);
          if (next.status !== ticket.status) assert.equal(next.statusChangedAt, at);

          // A workflow action that succeeded was listed for that actor, leading where it went.
          if ((ACTION_IDS as readonly string[]).includes(op)) {
            const listed = standardWorkflow.actions(ticket, step.actor, { now }).find((a) => a.id === op);
            assert.ok(listed, `${op} succeeded but was not listed`);
            assert.equal(listed.to, next.status);
          }
          // Customers never see internal events.
          assert.ok(ticketTimeline(next, 'customer').every((e) => e.visibility === 'public'));

          ticket = deepFreeze(next);
        }
      }),
      { numRuns: 600 },
    );
    // The walk really explored the workflow.
    assert.deepEqual([...seenStatuses].sort(), [...STATUSES].sort());
    assert.ok(successes > 1000, `successes ${successes}`);
    assert.ok(refusals > 1000, `refusals ${refusals}`);
    assert.ok(reopenedFromClosed > 0, 'some walk reopened a closed ticket');
    t.diagnostic(`${successes} steps applied, ${refusals} refused, ${reopenedFromClosed} reopened from closed`);
  });

  it('listed actions succeed when their input is supplied, unlisted ones are refused', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 25, size: 'max' }), fc.constantFrom(...ACTORS), fc.integer({ min: 0, max: 10 * DAY }), (steps, actor, wait) => {
        let ticket = startTicket();
        let now = T0;
        for (const step of steps) {
          now += step.advance;
          try {
            ticket = run(ticket, step, now).ticket;
          } catch {
            // refusals are fine here
          }
        }
        deepFreeze(ticket);
        now += wait;
        const listed = new Set(standardWorkflow.actions(ticket, actor, { now }).map((a) => a.id));
        for (const action of ACTION_IDS) {
          const context: TransitionContext = { actor, now, note: 'because', assigneeId: 'agent-1' };
          const allowed = standardWorkflow.can(ticket, action, context);
          assert.equal(allowed, listed.has(action), `${action} in ${ticket.status} for ${actor.role ?? actor.kind}`);
          if (allowed) {
            assert.ok(STATUSES.has(standardWorkflow.transition(ticket, action, context).ticket.status));
          } else {
            assert.throws(() => standardWorkflow.transition(ticket, action, context), WorkflowError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a closed ticket can be reopened exactly while the window lasts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3 * DAY, max: 20 * DAY }), fc.constantFrom(...ACTORS), (wait, actor) => {
        let t = startTicket();
        const agent: Actor = { kind: 'agent', id: 'agent-1' };
        t = standardWorkflow.transition(t, 'assign', { actor: agent, now: T0 + MINUTE, assigneeId: 'agent-1' }).ticket;
        t = standardWorkflow.transition(t, 'resolve', { actor: agent, now: T0 + 2 * MINUTE, note: 'fixed' }).ticket;
        t = deepFreeze(standardWorkflow.transition(t, 'close', { actor: { kind: 'system' }, now: T0 + 2 * MINUTE + 3 * DAY }).ticket);
        assert.equal(t.status, 'closed');
        const now = T0 + 2 * MINUTE + wait;
        const mayReopen = actor.kind !== 'system' && wait <= 7 * DAY;
        if (mayReopen) {
          assert.equal(standardWorkflow.transition(t, 'reopen', { actor, now }).ticket.status, 'in_progress');
        } else {
          assert.throws(() => standardWorkflow.transition(t, 'reopen', { actor, now }), WorkflowError);
        }
        // Nothing else opens it.
        for (const action of ACTION_IDS.filter((a) => a !== 'reopen')) {
          try {
            const next = standardWorkflow.transition(t, action, { actor, now, note: 'x', assigneeId: 'agent-1' }).ticket;
            assert.equal(next.status, 'closed', `${action} moved a closed ticket`);
          } catch (e) {
            assert.ok(e instanceof WorkflowError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
