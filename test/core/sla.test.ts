import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  chinaWorkdays,
  createCalendar,
  createTicket,
  evaluateSla,
  matchesSlaConditions,
  nextSlaDeadline,
  selectSlaPolicy,
  SlaPolicyError,
  standardWorkflow,
  type Actor,
  type DayHours,
  type SlaEvaluation,
  type SlaPolicy,
  type Ticket,
  type TicketInput,
} from '../../src/index.js';
import { buildTicket, buildTicketInput } from '../../src/testing/index.js';

// Times are minutes after T0 (Mon 2026-11-23 09:00 in Shanghai); expected instants are
// written out in full so they can be checked by hand.
const T0 = '2026-11-23T01:00:00.000Z';
const T0_MS = Date.parse(T0);
const at = (minutes: number) => new Date(T0_MS + minutes * 60_000).toISOString();

const AGENT: Actor = { kind: 'agent', id: 'agent-1', name: '王工' };
const CUSTOMER: Actor = { kind: 'customer', id: 'cust-1', name: '张伟' };

function newTicket(overrides: Partial<TicketInput> = {}, createdAt: string = T0): Ticket {
  return createTicket(buildTicketInput(overrides), { now: createdAt });
}
const vipInput = (): Partial<TicketInput> => ({ customer: { ...buildTicketInput().customer, tier: 'vip' } });

/** An agent action at T0 + `min` minutes. */
const act = (t: Ticket, action: string, min: number, extra: { note?: string; assigneeId?: string; priority?: 'urgent' | 'high' } = {}, actor: Actor = AGENT) =>
  standardWorkflow.transition(t, action, { actor, now: at(min), ...extra }).ticket;
const agentReply = (t: Ticket, min: number) => standardWorkflow.reply(t, { body: '您好，工程师已在处理。' }, { actor: AGENT, now: at(min) }).ticket;
const customerReply = (t: Ticket, min: number) => standardWorkflow.reply(t, { body: '还是吹热风。' }, { actor: CUSTOMER, now: at(min) }).ticket;
const internalNote = (t: Ticket, min: number) => standardWorkflow.note(t, { body: '查一下库存' }, { actor: AGENT, now: at(min) }).ticket;
/** assign + start: an in-progress ticket with no public agent message yet. */
const working = (t: Ticket, assignMin = 5, startMin = 10) => act(act(t, 'assign', assignMin, { assigneeId: 'agent-1' }), 'start', startMin);

function evalAt(t: Ticket, policies: SlaPolicy[], min: number, options: Parameters<typeof evaluateSla>[2] = {}): SlaEvaluation {
  const result = evaluateSla(t, policies, { now: at(min), ...options });
  assert.ok(result, 'a policy matches');
  return result;
}

describe('policy selection', () => {
  const policies: SlaPolicy[] = [
    { id: 'vip', conditions: { tier: ['vip'] }, targets: { first_response: 30 } },
    { id: 'urgent', conditions: { priority: ['urgent', 'high'] }, targets: { first_response: 60 } },
    { id: 'wechat-complaint', conditions: { type: ['complaint'], channel: ['wechat', 'mini-program'] }, targets: { first_response: 90 } },
    { id: 'fridge', conditions: { category: ['refrigerator'] }, targets: { first_response: 120 } },
    { id: 'north-warranty', conditions: { customFields: { region: ['north', 'east'], under_warranty: true } }, targets: { first_response: 150 } },
    { id: 'press', conditions: { tags: ['press', 'legal'] }, targets: { first_response: 180 } },
    { id: 'default', targets: { first_response: 480 } },
  ];
  const pick = (overrides: Partial<TicketInput>) => evaluateSla(newTicket(overrides), policies, { now: at(1) })?.policyId;

  it('takes the first policy whose conditions all hold', () => {
    assert.equal(pick({}), 'default');
    assert.equal(pick(vipInput()), 'vip');
    assert.equal(pick({ ...vipInput(), priority: 'urgent' }), 'vip', 'the first match wins');
    assert.equal(pick({ priority: 'urgent' }), 'urgent');
    assert.equal(pick({ priority: 'high' }), 'urgent');
    assert.equal(pick({ priority: 'low' }), 'default');
    assert.equal(pick({ type: 'complaint', channel: 'wechat' }), 'wechat-complaint');
    assert.equal(pick({ type: 'complaint', channel: 'mini-program' }), 'wechat-complaint');
    assert.equal(pick({ type: 'complaint', channel: 'web' }), 'default', 'every condition must hold');
    assert.equal(pick({ type: 'repair', channel: 'wechat' }), 'default');
    assert.equal(pick({ category: 'refrigerator' }), 'fridge');
    assert.equal(pick({ category: 'washer' }), 'default');
    assert.equal(pick({ customFields: { region: 'east', under_warranty: true } }), 'north-warranty');
    assert.equal(pick({ customFields: { region: 'north', under_warranty: true, floor: 3 } }), 'north-warranty');
    assert.equal(pick({ customFields: { region: 'east' } }), 'default');
    assert.equal(pick({ customFields: { region: 'south', under_warranty: true } }), 'default');
    assert.equal(pick({ customFields: { region: 'east', under_warranty: false } }), 'default');
    assert.equal(pick({ tags: ['legal'] }), 'press');
    assert.equal(pick({ tags: ['vip-gift', 'press'] }), 'press');
    assert.equal(pick({ tags: ['vip-gift'] }), 'default');
  });

  it('reports the chosen policy and its targets; selectSlaPolicy and matchesSlaConditions agree', () => {
    const t = newTicket({ priority: 'urgent' });
    const result = evaluateSla(t, policies, { now: at(10) })!;
    assert.equal(result.ticketId, t.id);
    assert.equal(result.policyId, 'urgent');
    assert.equal(result.metrics.first_response?.target, 60);
    assert.equal(selectSlaPolicy(t, policies)?.id, 'urgent');
    assert.equal(matchesSlaConditions(t, { priority: ['urgent'], channel: ['web'] }), true);
    assert.equal(matchesSlaConditions(t, { priority: ['urgent'], channel: ['phone'] }), false);
    assert.equal(matchesSlaConditions(t, undefined), true);
    assert.equal(matchesSlaConditions(t, { category: ['refrigerator'] }), false, 'a ticket without category fails a category condition');
  });

  it('returns undefined when no policy matches', () => {
    const narrow: SlaPolicy[] = [{ id: 'vip', conditions: { tier: ['vip'] }, targets: { first_response: 30 } }];
    assert.equal(evaluateSla(newTicket(), narrow, { now: at(10) }), undefined);
    assert.equal(evaluateSla(newTicket(), [], { now: at(10) }), undefined);
    // buildTicket: the fixture ticket (created 2026-11-22T01:00Z) walked to in_progress.
    const built = buildTicket({ priority: 'high' }, [['assign', { assigneeId: 'agent-1' }], ['start', {}]]);
    assert.equal(evaluateSla(built, narrow, { now: '2026-11-22T02:00:00Z' }), undefined);
    assert.equal(evaluateSla(built, policies, { now: '2026-11-22T02:00:00Z' })?.policyId, 'urgent');
  });
});

describe('first_response', () => {
  const policies: SlaPolicy[] = [{ id: 'std', targets: { first_response: 60 } }];
  const fresh = newTicket();

  it('runs, warns at 80 %, then breaches by now', () => {
    assert.deepEqual(evalAt(fresh, policies, 30), {
      ticketId: fresh.id,
      policyId: 'std',
      metrics: {
        first_response: {
          metric: 'first_response',
          state: 'running',
          target: 60,
          startedAt: '2026-11-23T01:00:00.000Z',
          dueAt: '2026-11-23T02:00:00.000Z',
          warningAt: '2026-11-23T01:48:00.000Z',
          elapsed: 30,
          remaining: 30,
        },
      },
      effects: [],
      nextChangeAt: '2026-11-23T01:48:00.000Z',
    });
    assert.equal(evalAt(fresh, policies, 47).metrics.first_response?.state, 'running');
    const warning = evalAt(fresh, policies, 48);
    assert.equal(warning.metrics.first_response?.state, 'warning');
    assert.equal(warning.metrics.first_response?.elapsed, 48);
    assert.equal(warning.nextChangeAt, '2026-11-23T02:00:00.000Z');
    assert.equal(evalAt(fresh, policies, 59).metrics.first_response?.state, 'warning');
    const due = evalAt(fresh, policies, 60);
    assert.equal(due.metrics.first_response?.state, 'breached');
    assert.equal(due.nextChangeAt, undefined);
    const late = evalAt(fresh, policies, 70);
    assert.deepEqual(late.metrics.first_response, {
      metric: 'first_response',
      state: 'breached',
      target: 60,
      startedAt: '2026-11-23T01:00:00.000Z',
      dueAt: '2026-11-23T02:00:00.000Z',
      warningAt: '2026-11-23T01:48:00.000Z',
      elapsed: 70,
      remaining: -10,
    });
  });

  it('a custom warningAt moves the warning', () => {
    const half: SlaPolicy[] = [{ id: 'half', targets: { first_response: 60 }, warningAt: 0.5 }];
    assert.equal(evalAt(fresh, half, 29).metrics.first_response?.state, 'running');
    assert.equal(evalAt(fresh, half, 29).nextChangeAt, '2026-11-23T01:30:00.000Z');
    assert.equal(evalAt(fresh, half, 30).metrics.first_response?.state, 'warning');
    assert.equal(evalAt(fresh, half, 30).metrics.first_response?.warningAt, '2026-11-23T01:30:00.000Z');
  });

  it('turns warning exactly at its warningAt instant, whatever the share', () => {
    for (const [share, target] of [[0.14, 100], [0.28, 100], [0.56, 100], [0.7, 90], [0.75, 240], [0.9, 45]] as const) {
      const policy: SlaPolicy[] = [{ id: `w${share}-${target}`, targets: { first_response: target }, warningAt: share }];
      const warnAt = evalAt(fresh, policy, 1).metrics.first_response!.warningAt!;
      // share × target minutes, to the millisecond (0.9 × 45 = 40.5 minutes).
      const expected = T0_MS + Math.round(share * target * 60_000);
      assert.equal(warnAt, new Date(expected).toISOString(), `warningAt for ${share} × ${target}`);
      const then = evaluateSla(fresh, policy, { now: warnAt })!;
      assert.equal(then.metrics.first_response?.state, 'warning', `state at warningAt for ${share} × ${target}`);
      assert.equal(then.effects.length, 0);
      assert.equal(evaluateSla(fresh, policy, { now: expected - 1 })!.metrics.first_response?.state, 'running');
      assert.equal(evaluateSla(fresh, policy, { now: expected - 1 })!.nextChangeAt, warnAt);
    }
  });

  it('is met by a public agent reply in time; evaluating before the reply still shows it running', () => {
    const replied = agentReply(fresh, 40);
    assert.deepEqual(evalAt(replied, policies, 90).metrics.first_response, {
      metric: 'first_response',
      state: 'met',
      target: 60,
      startedAt: '2026-11-23T01:00:00.000Z',
      completedAt: '2026-11-23T01:40:00.000Z',
      dueAt: '2026-11-23T02:00:00.000Z',
      elapsed: 40,
      remaining: 20,
    });
    assert.equal(evalAt(replied, policies, 90).nextChangeAt, undefined);
    assert.equal(evalAt(replied, policies, 30).metrics.first_response?.state, 'running');
    assert.equal(evalAt(replied, policies, 30).metrics.first_response?.completedAt, undefined);
  });

  it('a reply exactly at the due instant meets the target', () => {
    const onTime = agentReply(fresh, 60);
    const m = evalAt(onTime, policies, 90).metrics.first_response!;
    assert.equal(m.state, 'met');
    assert.equal(m.elapsed, 60);
    assert.equal(m.remaining, 0);
    assert.equal(m.completedAt, '2026-11-23T02:00:00.000Z');
    assert.equal(m.dueAt, '2026-11-23T02:00:00.000Z');
  });

  it('a late reply leaves it breached, with completedAt', () => {
    const lateReply = agentReply(fresh, 75);
    assert.deepEqual(evalAt(lateReply, policies, 100).metrics.first_response, {
      metric: 'first_response',
      state: 'breached',
      target: 60,
      startedAt: '2026-11-23T01:00:00.000Z',
      dueAt: '2026-11-23T02:00:00.000Z',
      warningAt: '2026-11-23T01:48:00.000Z',
      completedAt: '2026-11-23T02:15:00.000Z',
      elapsed: 75,
      remaining: -15,
    });
  });

  it('internal notes, customer replies, assignment and internal 退单 notes are not responses', () => {
    let t = internalNote(fresh, 10);
    t = customerReply(t, 20);
    t = act(t, 'assign', 25, { assigneeId: 'agent-1' });
    t = act(t, 'return_to_queue', 30, { note: '不是我们组的' });
    const m = evalAt(t, policies, 70).metrics.first_response!;
    assert.equal(m.state, 'breached');
    assert.equal(m.completedAt, undefined);
    assert.equal(m.elapsed, 70);
  });

  it('a public question to the customer (request_info) is a response', () => {
    const asked = act(act(fresh, 'assign', 5, { assigneeId: 'agent-1' }), 'request_info', 20, { note: '请提供购买凭证照片' });
    const m = evalAt(asked, policies, 200).metrics.first_response!;
    assert.equal(m.state, 'met');
    assert.equal(m.completedAt, '2026-11-23T01:20:00.000Z');
    assert.equal(m.elapsed, 20);
  });
});

describe('pause statuses', () => {
  const policies: SlaPolicy[] = [{ id: 'p', targets: { first_response: 60, resolution: 240 } }];

  it('pending_parts stops the clocks (state paused) and resume continues them', () => {
    const parts = act(working(newTicket()), 'wait_parts', 20);
    const paused = evalAt(parts, policies, 120);
    assert.deepEqual(paused.metrics.first_response, {
      metric: 'first_response',
      state: 'paused',
      target: 60,
      startedAt: '2026-11-23T01:00:00.000Z',
      elapsed: 20,
      remaining: 40,
    });
    assert.equal(paused.metrics.resolution?.state, 'paused');
    assert.equal(paused.metrics.resolution?.elapsed, 20);
    assert.equal(paused.metrics.resolution?.dueAt, undefined);
    assert.equal(paused.nextChangeAt, undefined, 'nothing changes while paused');

    const resumed = act(parts, 'resume', 180);
    const later = evalAt(resumed, policies, 210);
    assert.deepEqual(later.metrics.first_response, {
      metric: 'first_response',
      state: 'warning',
      target: 60,
      startedAt: '2026-11-23T01:00:00.000Z',
      // 20 min before the pause + 40 after resuming at 04:00.
      dueAt: '2026-11-23T04:40:00.000Z',
      warningAt: '2026-11-23T04:28:00.000Z',
      elapsed: 50,
      remaining: 10,
    });
    assert.deepEqual(later.metrics.resolution, {
      metric: 'resolution',
      state: 'running',
      target: 240,
      startedAt: '2026-11-23T01:00:00.000Z',
      dueAt: '2026-11-23T07:40:00.000Z',
      warningAt: '2026-11-23T06:52:00.000Z',
      elapsed: 50,
      remaining: 190,
    });
    assert.equal(later.nextChangeAt, '2026-11-23T04:40:00.000Z');
  });

  it('paused wins over warning, but a warning already reached keeps its instant', () => {
    const parts = act(working(newTicket()), 'wait_parts', 55);
    const m = evalAt(parts, policies, 300).metrics.first_response!;
    assert.equal(m.state, 'paused');
    assert.equal(m.elapsed, 55);
    assert.equal(m.warningAt, '2026-11-23T01:48:00.000Z');
    assert.equal(m.dueAt, undefined);
  });

  it('pending_customer pauses resolution until the customer replies (the reply resumes the ticket)', () => {
    let t = agentReply(working(newTicket()), 12);
    t = act(t, 'request_info', 20, { note: '请提供购买凭证照片' });
    assert.equal(t.status, 'pending_customer');
    const waiting = evalAt(t, policies, 100).metrics.resolution!;
    assert.equal(waiting.state, 'paused');
    assert.equal(waiting.elapsed, 20);
    t = customerReply(t, 130);
    assert.equal(t.status, 'in_progress');
    const back = evalAt(t, policies, 150).metrics.resolution!;
    assert.equal(back.state, 'running');
    assert.equal(back.elapsed, 40);
    assert.equal(back.dueAt, '2026-11-23T06:50:00.000Z');
    // first_response was met by the reply at 12 minutes and stays met.
    assert.equal(evalAt(t, policies, 150).metrics.first_response?.state, 'met');
  });

  it("a policy's own pauseStatuses replace the defaults", () => {
    const onlyParts: SlaPolicy[] = [{ id: 'parts-only', targets: { resolution: 240 }, pauseStatuses: ['pending_parts'] }];
    let t = agentReply(working(newTicket()), 12);
    t = act(t, 'request_info', 20, { note: '请提供购买凭证照片' });
    const m = evalAt(t, onlyParts, 100).metrics.resolution!;
    assert.equal(m.state, 'running');
    assert.equal(m.elapsed, 100);
  });
});

describe('resolution', () => {
  const policies: SlaPolicy[] = [{ id: 'r', targets: { resolution: 240 } }];
  const resolved = act(working(newTicket()), 'resolve', 60, { note: '更换压缩机，已恢复制冷' });

  it('stops at resolve', () => {
    assert.deepEqual(evalAt(resolved, policies, 90).metrics.resolution, {
      metric: 'resolution',
      state: 'met',
      target: 240,
      startedAt: '2026-11-23T01:00:00.000Z',
      completedAt: '2026-11-23T02:00:00.000Z',
      // The promise it met: 180 minutes still to go when it stopped at 02:00.
      dueAt: '2026-11-23T05:00:00.000Z',
      elapsed: 60,
      remaining: 180,
    });
  });

  it('resumes on reopen with the time already spent, and stops again at the next resolve', () => {
    const reopened = act(resolved, 'reopen', 120, {}, CUSTOMER);
    assert.equal(reopened.status, 'in_progress');
    assert.deepEqual(evalAt(reopened, policies, 150).metrics.resolution, {
      metric: 'resolution',
      state: 'running',
      target: 240,
      startedAt: '2026-11-23T01:00:00.000Z',
      // 60 min before the first resolve, 180 more from the reopen at 03:00.
      dueAt: '2026-11-23T06:00:00.000Z',
      warningAt: '2026-11-23T05:12:00.000Z',
      elapsed: 90,
      remaining: 150,
    });
    const overrun = evalAt(reopened, policies, 400).metrics.resolution!;
    assert.equal(overrun.state, 'breached');
    assert.equal(overrun.elapsed, 340);
    assert.equal(overrun.remaining, -100);

    const again = act(reopened, 'resolve', 200, { note: '再次检修' });
    const m = evalAt(again, policies, 300).metrics.resolution!;
    assert.equal(m.state, 'met');
    assert.equal(m.elapsed, 140);
    assert.equal(m.completedAt, '2026-11-23T04:20:00.000Z');
  });

  it('is evaluated as of `now`, not as of the ticket\'s current status', () => {
    const reopened = act(resolved, 'reopen', 120, {}, CUSTOMER);
    // Between the resolve and the reopen the clock was stopped and met.
    const between = evalAt(reopened, policies, 90).metrics.resolution!;
    assert.equal(between.state, 'met');
    assert.equal(between.completedAt, '2026-11-23T02:00:00.000Z');
    assert.equal(between.elapsed, 60);
    // Resolved again later: while it ran, it had a due instant and no completion yet.
    const again = act(reopened, 'resolve', 200, { note: '再次检修' });
    assert.deepEqual(evalAt(again, policies, 150).metrics.resolution, {
      metric: 'resolution',
      state: 'running',
      target: 240,
      startedAt: '2026-11-23T01:00:00.000Z',
      dueAt: '2026-11-23T06:00:00.000Z',
      warningAt: '2026-11-23T05:12:00.000Z',
      elapsed: 90,
      remaining: 150,
    });
  });

  it('a closed ticket keeps its resolution time', () => {
    const closed = standardWorkflow.rate(resolved, { score: 5 }, { actor: CUSTOMER, now: at(70) }).ticket;
    assert.equal(closed.status, 'closed');
    const m = evalAt(closed, policies, 100).metrics.resolution!;
    assert.equal(m.state, 'met');
    assert.equal(m.completedAt, '2026-11-23T02:00:00.000Z');
    assert.equal(m.elapsed, 60);
  });
});

describe('next_response and periodic_update', () => {
  it('next_response runs from a customer reply after the first response until the next agent reply', () => {
    const policies: SlaPolicy[] = [{ id: 'n', targets: { next_response: 30 } }];
    let t = customerReply(newTicket(), 5);
    assert.deepEqual(evalAt(t, policies, 10).metrics, {}, 'no cycle before the first response');
    t = agentReply(t, 10);
    assert.deepEqual(evalAt(t, policies, 15).metrics, {}, 'no cycle until the customer writes');
    t = customerReply(t, 20);
    t = customerReply(t, 25);
    assert.deepEqual(evalAt(t, policies, 40).metrics.next_response, {
      metric: 'next_response',
      state: 'running',
      target: 30,
      startedAt: '2026-11-23T01:20:00.000Z',
      dueAt: '2026-11-23T01:50:00.000Z',
      warningAt: '2026-11-23T01:44:00.000Z',
      elapsed: 20,
      remaining: 10,
    });
    assert.equal(evalAt(t, policies, 45).metrics.next_response?.state, 'warning');
    t = agentReply(t, 48);
    assert.deepEqual(evalAt(t, policies, 60).metrics.next_response, {
      metric: 'next_response',
      state: 'met',
      target: 30,
      startedAt: '2026-11-23T01:20:00.000Z',
      warningAt: '2026-11-23T01:44:00.000Z',
      completedAt: '2026-11-23T01:48:00.000Z',
      dueAt: '2026-11-23T01:50:00.000Z',
      elapsed: 28,
      remaining: 2,
    });
    t = customerReply(t, 70);
    assert.deepEqual(evalAt(t, policies, 110).metrics.next_response, {
      metric: 'next_response',
      state: 'breached',
      target: 30,
      startedAt: '2026-11-23T02:10:00.000Z',
      dueAt: '2026-11-23T02:40:00.000Z',
      warningAt: '2026-11-23T02:34:00.000Z',
      elapsed: 40,
      remaining: -10,
    });
  });

  it('periodic_update runs from the last public agent message', () => {
    const policies: SlaPolicy[] = [{ id: 'u', targets: { periodic_update: 120 } }];
    let t = working(newTicket());
    assert.deepEqual(evalAt(t, policies, 30).metrics, {});
    t = agentReply(t, 10);
    assert.deepEqual(evalAt(t, policies, 60).metrics.periodic_update, {
      metric: 'periodic_update',
      state: 'running',
      target: 120,
      startedAt: '2026-11-23T01:10:00.000Z',
      dueAt: '2026-11-23T03:10:00.000Z',
      warningAt: '2026-11-23T02:46:00.000Z',
      elapsed: 50,
      remaining: 70,
    });
    t = agentReply(t, 100);
    const next = evalAt(t, policies, 130).metrics.periodic_update!;
    assert.equal(next.startedAt, '2026-11-23T02:40:00.000Z');
    assert.equal(next.elapsed, 30);
    assert.equal(next.dueAt, '2026-11-23T04:40:00.000Z');
    const overdue = evalAt(t, policies, 250).metrics.periodic_update!;
    assert.equal(overdue.state, 'breached');
    assert.equal(overdue.elapsed, 150);
    assert.equal(overdue.remaining, -30);

    const parts = act(t, 'wait_parts', 120);
    const waiting = evalAt(parts, policies, 400).metrics.periodic_update!;
    assert.equal(waiting.state, 'paused');
    assert.equal(waiting.elapsed, 20);

    // Resolving (a public note) is the last update and stops the clock.
    const done = act(t, 'resolve', 150, { note: '已修复' });
    const m = evalAt(done, policies, 400).metrics.periodic_update!;
    assert.equal(m.state, 'met');
    assert.equal(m.startedAt, '2026-11-23T03:30:00.000Z');
    assert.equal(m.completedAt, '2026-11-23T03:30:00.000Z');
    assert.equal(m.elapsed, 0);
  });
});

describe('priority change re-targets from the original start', () => {
  const policies: SlaPolicy[] = [
    { id: 'urgent', conditions: { priority: ['urgent'] }, targets: { resolution: 120 } },
    { id: 'normal', targets: { resolution: 480 } },
  ];

  it('picks the urgent policy after escalation and computes due from createdAt', () => {
    const t = newTicket();
    const before = evalAt(t, policies, 60);
    assert.equal(before.policyId, 'normal');
    assert.equal(before.metrics.resolution?.dueAt, '2026-11-23T09:00:00.000Z');
    const raised = act(t, 'escalate', 90, { priority: 'urgent' });
    assert.equal(raised.priority, 'urgent');
    const after = evalAt(raised, policies, 100);
    assert.equal(after.policyId, 'urgent');
    assert.deepEqual(after.metrics.resolution, {
      metric: 'resolution',
      state: 'warning',
      target: 120,
      startedAt: '2026-11-23T01:00:00.000Z',
      dueAt: '2026-11-23T03:00:00.000Z',
      warningAt: '2026-11-23T02:36:00.000Z',
      elapsed: 100,
      remaining: 20,
    });
    assert.equal(evalAt(raised, policies, 150).metrics.resolution?.state, 'breached');
  });
});

describe('business calendars', () => {
  const day: DayHours = [
    ['09:00', '12:00'],
    ['13:30', '18:00'],
  ];
  const shanghai = createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: day, tue: day, wed: day, thu: day, fri: day }, ...chinaWorkdays(2026) });
  const calendars = { shanghai };
  const policies: SlaPolicy[] = [
    {
      id: 'vip',
      conditions: { tier: ['vip'] },
      calendarId: 'shanghai',
      targets: { first_response: 120 },
      escalations: [{ at: { afterBreach: 60 }, actions: [{ type: 'reassign_group', groupId: 'tier2' }] }],
    },
    { id: 'default', targets: { first_response: 480 } },
  ];
  const friday = '2026-11-20T17:00:00+08:00';
  const vip = newTicket(vipInput(), friday);

  it('VIP ticket created Friday 17:00 with 120-minute first response is due Monday 10:00', () => {
    const r = evaluateSla(vip, policies, { calendars, now: '2026-11-21T12:00:00+08:00' })!;
    assert.equal(r.policyId, 'vip');
    assert.deepEqual(r.metrics.first_response, {
      metric: 'first_response',
      state: 'running',
      target: 120,
      startedAt: '2026-11-20T09:00:00.000Z',
      dueAt: new Date('2026-11-23T10:00:00+08:00').toISOString(),
      warningAt: new Date('2026-11-23T09:36:00+08:00').toISOString(),
      elapsed: 60,
      remaining: 60,
    });
    assert.equal(r.nextChangeAt, new Date('2026-11-23T09:36:00+08:00').toISOString());
    const monday = evaluateSla(vip, policies, { calendars, now: '2026-11-23T09:40:00+08:00' })!;
    assert.equal(monday.metrics.first_response?.state, 'warning');
    assert.equal(monday.metrics.first_response?.elapsed, 100);
    const late = evaluateSla(vip, policies, { calendars, now: '2026-11-23T14:00:00+08:00' })!;
    assert.equal(late.metrics.first_response?.state, 'breached');
    assert.equal(late.metrics.first_response?.elapsed, 60 + 180 + 30);
    // The escalation one business hour after the breach: Monday 11:00.
    assert.deepEqual(
      late.effects.map((e) => [e.trigger, e.at]),
      [['after_breach', new Date('2026-11-23T11:00:00+08:00').toISOString()]],
    );
    const replied = standardWorkflow.reply(vip, { body: '您好' }, { actor: AGENT, now: '2026-11-23T09:30:00+08:00' }).ticket;
    const met = evaluateSla(replied, policies, { calendars, now: '2026-11-23T15:00:00+08:00' })!;
    assert.equal(met.metrics.first_response?.state, 'met');
    assert.equal(met.metrics.first_response?.elapsed, 90);
  });

  it('a standard ticket at the same moment runs around the clock', () => {
    const std = newTicket({}, friday);
    const r = evaluateSla(std, policies, { calendars, now: '2026-11-21T12:00:00+08:00' })!;
    assert.equal(r.policyId, 'default');
    assert.equal(r.metrics.first_response?.dueAt, '2026-11-20T17:00:00.000Z');
    assert.equal(r.metrics.first_response?.state, 'breached');
    assert.equal(r.metrics.first_response?.elapsed, 19 * 60);
  });

  it('holidays stop the clock: created Wed 2026-09-30 17:00, due Thu 10-08 10:00', () => {
    const t = newTicket(vipInput(), '2026-09-30T17:00:00+08:00');
    const r = evaluateSla(t, policies, { calendars, now: '2026-10-05T12:00:00+08:00' })!;
    assert.equal(r.metrics.first_response?.state, 'running');
    assert.equal(r.metrics.first_response?.elapsed, 60);
    assert.equal(r.metrics.first_response?.dueAt, new Date('2026-10-08T10:00:00+08:00').toISOString());
  });

  it('an unknown calendarId throws SlaPolicyError', () => {
    const check = (e: unknown) => e instanceof SlaPolicyError && e.field === 'policy "vip".calendarId' && e.code === 'INVALID_SLA_POLICY';
    assert.throws(() => evaluateSla(vip, policies, { calendars: {}, now: friday }), check);
    assert.throws(() => evaluateSla(vip, policies, { now: friday }), check);
    assert.throws(() => evaluateSla(vip, policies, { calendars: { beijing: shanghai }, now: friday }), check);
  });
});

describe('escalations', () => {
  const policy: SlaPolicy = {
    id: 'esc',
    targets: { first_response: 60, resolution: 600 },
    escalations: [
      { at: 'warning', metrics: ['first_response'], actions: [{ type: 'notify', to: ['assignee'] }] },
      {
        at: 'breach',
        metrics: ['first_response'],
        actions: [{ type: 'notify', to: ['group_lead'], channel: 'wechat' }, { type: 'raise_priority' }],
      },
      { at: { afterBreach: 30 }, metrics: ['first_response'], actions: [{ type: 'reassign_group', groupId: 'tier2' }] },
      { at: 'breach', metrics: ['resolution'], actions: [{ type: 'raise_priority', to: 'urgent' }] },
    ],
  };
  const policies = [policy];
  const t = newTicket();
  const key = (step: number, action: number, metric = 'first_response') => `${t.id}:esc:${metric}:${T0_MS}:${step}:${action}`;

  it('fires each step only once its moment has come, with a stable key', () => {
    const early = evalAt(t, policies, 30);
    assert.deepEqual(early.effects, []);
    assert.equal(early.nextChangeAt, '2026-11-23T01:48:00.000Z');

    const warn = evalAt(t, policies, 48);
    assert.deepEqual(warn.effects, [
      {
        key: key(0, 0),
        ticketId: t.id,
        policyId: 'esc',
        metric: 'first_response',
        trigger: 'warning',
        at: '2026-11-23T01:48:00.000Z',
        action: { type: 'notify', to: ['assignee'] },
      },
    ]);
    assert.equal(warn.nextChangeAt, '2026-11-23T02:00:00.000Z');

    const breach = evalAt(t, policies, 70);
    assert.deepEqual(breach.effects.slice(1), [
      {
        key: key(1, 0),
        ticketId: t.id,
        policyId: 'esc',
        metric: 'first_response',
        trigger: 'breach',
        at: '2026-11-23T02:00:00.000Z',
        action: { type: 'notify', to: ['group_lead'], channel: 'wechat' },
      },
      {
        key: key(1, 1),
        ticketId: t.id,
        policyId: 'esc',
        metric: 'first_response',
        trigger: 'breach',
        at: '2026-11-23T02:00:00.000Z',
        action: { type: 'raise_priority' },
        priority: 'high',
      },
    ]);
    assert.deepEqual(breach.effects[0], warn.effects[0], 'the same step keeps the same key and content');
    assert.equal(breach.nextChangeAt, '2026-11-23T02:30:00.000Z');

    const after = evalAt(t, policies, 95);
    assert.deepEqual(
      after.effects.map((e) => [e.key, e.trigger, e.at]),
      [
        [key(0, 0), 'warning', '2026-11-23T01:48:00.000Z'],
        [key(1, 0), 'breach', '2026-11-23T02:00:00.000Z'],
        [key(1, 1), 'breach', '2026-11-23T02:00:00.000Z'],
        [key(2, 0), 'after_breach', '2026-11-23T02:30:00.000Z'],
      ],
    );
    assert.deepEqual(after.effects[3]!.action, { type: 'reassign_group', groupId: 'tier2' });
    // Next: the resolution clock's warning at 480 minutes.
    assert.equal(after.nextChangeAt, '2026-11-23T09:00:00.000Z');

    const resolutionBreach = evalAt(t, policies, 610);
    const last = resolutionBreach.effects.at(-1)!;
    assert.equal(last.key, key(3, 0, 'resolution'));
    assert.equal(last.metric, 'resolution');
    assert.equal(last.at, '2026-11-23T11:00:00.000Z');
    assert.equal(last.priority, 'urgent');
    assert.equal(resolutionBreach.nextChangeAt, undefined);
  });

  it('since filters to steps that became due after it', () => {
    const keys = (since: number) => evalAt(t, policies, 95, { since: at(since) }).effects.map((e) => e.key);
    assert.deepEqual(keys(70), [key(2, 0)]);
    assert.deepEqual(keys(60), [key(2, 0)], 'a step due exactly at since was already reported');
    assert.deepEqual(keys(59), [key(1, 0), key(1, 1), key(2, 0)]);
    assert.deepEqual(keys(95), []);
  });

  it('steps of a clock that stopped first never fire', () => {
    const quick = agentReply(t, 40);
    assert.deepEqual(evalAt(quick, policies, 700).effects.map((e) => e.key), [key(3, 0, 'resolution')]);
    const slow = agentReply(t, 50);
    assert.deepEqual(evalAt(slow, policies, 120).effects.map((e) => e.key), [key(0, 0)]);
    assert.equal(evalAt(slow, policies, 120).nextChangeAt, '2026-11-23T09:00:00.000Z');
  });

  it('raise_priority names the next priority, or `to` when higher, never lower', () => {
    const raiseTo = (priority: 'low' | 'normal' | 'high' | 'urgent', to?: 'normal' | 'urgent') => {
      const p: SlaPolicy = { id: 'rp', targets: { first_response: 10 }, escalations: [{ at: 'breach', actions: [to ? { type: 'raise_priority', to } : { type: 'raise_priority' }] }] };
      return evaluateSla(newTicket({ priority }), [p], { now: at(20) })!.effects[0]!.priority;
    };
    assert.equal(raiseTo('low'), 'normal');
    assert.equal(raiseTo('normal'), 'high');
    assert.equal(raiseTo('high'), 'urgent');
    assert.equal(raiseTo('urgent'), 'urgent');
    assert.equal(raiseTo('low', 'urgent'), 'urgent');
    assert.equal(raiseTo('high', 'normal'), 'high');
  });
});

describe('nextSlaDeadline', () => {
  const policies: SlaPolicy[] = [{ id: 'fr', conditions: { channel: ['web'] }, targets: { first_response: 60 } }];
  const a = newTicket({}, at(0));
  const b = newTicket({}, at(10));
  const c = agentReply(newTicket({}, at(-30)), -20);
  const phone = newTicket({ channel: 'phone' }, at(-100));

  it('returns the earliest warning, breach or escalation across tickets', () => {
    assert.deepEqual(nextSlaDeadline([a, b, c, phone], policies, { now: at(20) }), { at: '2026-11-23T01:48:00.000Z', ticketId: a.id });
    assert.deepEqual(nextSlaDeadline([c, b, a], policies, { now: at(50) }), { at: '2026-11-23T01:58:00.000Z', ticketId: b.id });
    assert.deepEqual(nextSlaDeadline([a, b], policies, { now: at(59) }), { at: '2026-11-23T02:00:00.000Z', ticketId: a.id });
    assert.deepEqual(nextSlaDeadline([a, b], policies, { now: at(65) }), { at: '2026-11-23T02:10:00.000Z', ticketId: b.id });
    assert.equal(nextSlaDeadline([a, b], policies, { now: at(80) }), undefined);
    assert.equal(nextSlaDeadline([c, phone], policies, { now: at(20) }), undefined);
    assert.equal(nextSlaDeadline([], policies, { now: at(20) }), undefined);
  });
});

describe('invalid policies throw SlaPolicyError naming the field', () => {
  const t = newTicket();
  const bad = (policies: unknown[], field: string) =>
    assert.throws(
      () => evaluateSla(t, policies as SlaPolicy[], { now: at(1) }),
      (e: unknown) => {
        assert.ok(e instanceof SlaPolicyError, `SlaPolicyError, got ${String(e)}`);
        assert.equal(e.code, 'INVALID_SLA_POLICY');
        assert.equal(e.field, field);
        return true;
      },
    );
  const ok = () => ({ id: 'ok', targets: { first_response: 60 } });

  it('names the bad part', () => {
    bad([{ id: 'p', targets: { first_response: -5 } }], 'policy "p".targets.first_response');
    bad([{ id: 'p', targets: { resolution: 0 } }], 'policy "p".targets.resolution');
    bad([{ id: 'p', targets: { resolution: Number.POSITIVE_INFINITY } }], 'policy "p".targets.resolution');
    bad([{ id: 'p', targets: { first_reply: 60 } }], 'policy "p".targets.first_reply');
    bad([{ id: 'p' }], 'policy "p".targets');
    bad([{ id: 'p', targets: { first_response: 60 }, warningAt: 1.5 }], 'policy "p".warningAt');
    bad([{ id: 'p', targets: { first_response: 60 }, warningAt: 0 }], 'policy "p".warningAt');
    bad([{ id: 'p', targets: { first_response: 60 }, warningAt: 1 }], 'policy "p".warningAt');
    bad([{ id: 'p', targets: { first_response: 60 }, escalations: [{ at: 'breach', actions: [{ type: 'sms', to: ['x'] }] }] }], 'policy "p".escalations[0].actions[0].type');
    bad(
      [{ id: 'p', targets: { first_response: 60 }, escalations: [{ at: 'breach', actions: [{ type: 'notify', to: ['a'] }, { type: 'page' }] }] }],
      'policy "p".escalations[0].actions[1].type',
    );
    bad([{ id: 'p', targets: { first_response: 60 }, escalations: [{ at: 'later', actions: [{ type: 'raise_priority' }] }] }], 'policy "p".escalations[0].at');
    bad([{ id: 'p', targets: { first_response: 60 }, escalations: [{ at: { afterBreach: -1 }, actions: [{ type: 'raise_priority' }] }] }], 'policy "p".escalations[0].at');
    bad([{ id: 'p', targets: { first_response: 60 }, escalations: [{ at: 'breach', actions: [] }] }], 'policy "p".escalations[0].actions');
    bad([{ id: 'p', targets: { first_response: 60 }, escalations: [{ at: 'breach', actions: [{ type: 'notify', to: [] }] }] }], 'policy "p".escalations[0].actions[0].to');
    bad([{ id: 'p', targets: { first_response: 60 }, escalations: [{ at: 'breach', actions: [{ type: 'raise_priority', to: 'critical' }] }] }], 'policy "p".escalations[0].actions[0].to');
    bad([{ id: 'p', targets: { first_response: 60 }, escalations: [{ at: 'breach', actions: [{ type: 'reassign_group' }] }] }], 'policy "p".escalations[0].actions[0].groupId');
    bad([{ id: 'p', targets: { first_response: 60 }, escalations: [{ at: 'breach', metrics: ['csat'], actions: [{ type: 'raise_priority' }] }] }], 'policy "p".escalations[0].metrics');
    bad([{ id: 'p', targets: { first_response: 60 }, conditions: { priority: ['critical'] } }], 'policy "p".conditions.priority');
    bad([{ id: 'p', targets: { first_response: 60 }, conditions: { channel: ['fax'] } }], 'policy "p".conditions.channel');
    bad([{ id: 'p', targets: { first_response: 60 }, pauseStatuses: 'pending_parts' }], 'policy "p".pauseStatuses');
    bad([ok(), { targets: { first_response: 60 } }], 'policies[1].id');
    bad([ok(), { id: '', targets: { first_response: 60 } }], 'policies[1].id');
    bad([ok(), null], 'policies[1]');
  });
});
