import { AftercareError } from '../errors.js';
import { PRIORITIES, type Priority } from '../model/constants.js';
import type { Ticket, TicketEvent } from '../model/types.js';
import { toEpochMs, type Workflow } from '../workflow/create-workflow.js';
import { installationWorkflow, standardWorkflow } from '../workflow/standard-workflow.js';
import type { TimeInput } from '../workflow/types.js';
import { ALWAYS_OPEN, createCalendar, type BusinessCalendar } from './calendar.js';
import {
  DEFAULT_PAUSE_STATUSES,
  SLA_METRICS,
  selectSlaPolicy,
  SlaPolicyError,
  type EscalationAction,
  type SlaMetric,
  type SlaPolicy,
} from './policy.js';

/** State of one SLA clock. */
export type SlaState = 'running' | 'paused' | 'warning' | 'breached' | 'met';

/** One clock of a ticket, as of `now`. */
export interface SlaMetricStatus {
  metric: SlaMetric;
  state: SlaState;
  /** Target in business minutes. */
  target: number;
  /** When this clock (or its current cycle) started. */
  startedAt: string;
  /** When the target is (or was) reached; absent while paused before it. */
  dueAt?: string;
  /** When the warning threshold is (or was) reached; absent while paused before it. */
  warningAt?: string;
  /** When the clock stopped (reply sent, ticket resolved); absent while it runs. */
  completedAt?: string;
  /** Business minutes counted so far (pauses excluded). */
  elapsed: number;
  /** `target - elapsed`; negative once breached. */
  remaining: number;
}

/** An escalation step whose moment has come: perform it once (dedupe by `key`). */
export interface SlaEscalationEffect {
  /** Stable across evaluations, so the executor performs each step once. */
  key: string;
  ticketId: string;
  policyId: string;
  metric: SlaMetric;
  trigger: 'warning' | 'breach' | 'after_breach';
  /** When the step became due. */
  at: string;
  action: EscalationAction;
  /** For `raise_priority`: the priority to set. */
  priority?: Priority;
}

/** The result of {@link evaluateSla}. */
export interface SlaEvaluation {
  ticketId: string;
  policyId: string;
  metrics: Partial<Record<SlaMetric, SlaMetricStatus>>;
  /** Escalation steps due in `(since, now]`, or all due ones when `since` is absent. */
  effects: SlaEscalationEffect[];
  /** The next moment something changes (a warning, a breach, an escalation), if any. */
  nextChangeAt?: string;
}

/** Options of {@link evaluateSla}. */
export interface EvaluateSlaOptions {
  /** Calendars by id, as policies name them in `calendarId`. */
  calendars?: Record<string, BusinessCalendar>;
  now?: TimeInput;
  /** Report only escalations that became due after this instant (the previous evaluation). */
  since?: TimeInput;
  /** Workflows by id, to know which statuses are solved or closed; the built-in ones are known. */
  workflows?: Record<string, Workflow>;
}

let alwaysOpen: BusinessCalendar | undefined;

/** A period in which clocks run (status not paused, not solved or closed). `to` is Infinity while it lasts. */
type Period = [from: number, to: number];

function isAgentPublicMessage(e: TicketEvent): boolean {
  if (e.actor.kind !== 'agent' || e.visibility !== 'public') return false;
  return e.type === 'reply' || (e.type === 'status_changed' && e.data.note !== undefined);
}

function runningPeriods(ticket: Ticket, events: TicketEvent[], pause: ReadonlySet<string>, finished: (s: string) => boolean): Period[] {
  const periods: Period[] = [];
  const created = events.find((e) => e.type === 'created');
  if (created?.type !== 'created') return periods; // evaluated before the ticket existed
  let status: string = created.data.status;
  let since = Date.parse(ticket.createdAt);
  const close = (at: number) => {
    if (!pause.has(status) && !finished(status) && at > since) {
      const prev = periods[periods.length - 1];
      if (prev && prev[1] === since) prev[1] = at;
      else periods.push([since, at]);
    }
  };
  for (const e of events) {
    if (e.type !== 'status_changed' || e.data.from === e.data.to) continue;
    const at = Date.parse(e.at);
    close(at);
    status = e.data.to;
    since = at;
  }
  close(Infinity);
  return periods;
}

/** Business minutes the periods hold inside [from, to). */
function elapsedIn(periods: Period[], from: number, to: number, calendar: BusinessCalendar): number {
  let minutes = 0;
  for (const [a, b] of periods) {
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    if (s < e) minutes += calendar.minutesBetween(s, e);
  }
  return minutes;
}

/** The instant `minutes` business minutes of the periods after `from` have passed; undefined when they stop first. */
function instantAfter(periods: Period[], from: number, minutes: number, calendar: BusinessCalendar): number | undefined {
  let left = minutes;
  for (const [a, b] of periods) {
    const s = Math.max(a, from);
    if (s >= b) continue;
    if (b === Infinity) return calendar.add(s, left).getTime();
    const here = calendar.minutesBetween(s, b);
    if (here >= left) return calendar.add(s, left).getTime();
    left -= here;
  }
  return undefined;
}

function raised(priority: Priority, to: Priority | undefined): Priority {
  if (to) return PRIORITIES.indexOf(to) > PRIORITIES.indexOf(priority) ? to : priority;
  return PRIORITIES[Math.min(PRIORITIES.indexOf(priority) + 1, PRIORITIES.length - 1)]!;
}

/**
 * Evaluates the first matching policy's clocks for `ticket` from its event log, as of
 * `now`: per metric the due instant, business minutes elapsed and remaining, and the
 * state. Time in the policy's pause statuses does not count; a reopened ticket resumes
 * its resolution clock; targets always run from the original start, so a policy change
 * (e.g. priority raised) re-targets like Zendesk does. Pure: escalations are returned as
 * effects. Returns `undefined` when no policy matches.
 */
export function evaluateSla(ticket: Ticket, policies: readonly SlaPolicy[], options: EvaluateSlaOptions = {}): SlaEvaluation | undefined {
  const policy = selectSlaPolicy(ticket, policies);
  if (!policy) return undefined;
  const now = toEpochMs(options.now);
  const since = options.since === undefined ? -Infinity : toEpochMs(options.since);
  let calendar: BusinessCalendar;
  if (policy.calendarId === undefined) calendar = alwaysOpen ??= createCalendar(ALWAYS_OPEN);
  else {
    const found = options.calendars?.[policy.calendarId];
    if (!found) throw new SlaPolicyError(`policy "${policy.id}".calendarId`, `no calendar "${policy.calendarId}" was given`);
    calendar = found;
  }
  const workflow = options.workflows?.[ticket.workflowId] ?? (ticket.workflowId === installationWorkflow.id ? installationWorkflow : standardWorkflow);
  const finished = (status: string) => {
    const def = workflow.status(status);
    if (!def) throw new AftercareError('UNKNOWN_STATUS', `Ticket ${ticket.number} has status "${status}", unknown to workflow "${workflow.id}".`);
    return def.category === 'solved' || def.category === 'closed';
  };
  const pause = new Set(policy.pauseStatuses ?? DEFAULT_PAUSE_STATUSES);
  const warnShare = policy.warningAt ?? 0.8;
  // Events are appended in time order; only events up to `now` count (evaluating the past is allowed).
  const events = ticket.events.filter((e) => Date.parse(e.at) <= now);
  const periods = runningPeriods(ticket, events, pause, finished);
  // When the ticket was solved as of `now` (from the events up to `now`: the ticket's current
  // status and `resolvedAt` may be later than `now`, e.g. after a reopen or a second resolve).
  let solvedAt: number | undefined;
  for (const e of events) {
    if (e.type !== 'status_changed' || e.data.from === e.data.to) continue;
    if (!finished(e.data.to)) solvedAt = undefined;
    else if (solvedAt === undefined) solvedAt = Date.parse(e.at);
  }
  const created = Date.parse(ticket.createdAt);

  // The windows each metric measures: [start, stop) with stop undefined while open.
  const agentMessages = events.filter(isAgentPublicMessage).map((e) => Date.parse(e.at));
  const firstResponse = agentMessages[0];
  const windows: Partial<Record<SlaMetric, { start: number; stop?: number }>> = {};
  windows.first_response = { start: created, ...(firstResponse !== undefined ? { stop: firstResponse } : solvedAt !== undefined ? { stop: solvedAt } : {}) };
  windows.resolution = { start: created, ...(solvedAt !== undefined ? { stop: solvedAt } : {}) };
  if (firstResponse !== undefined) {
    // next_response: from the first customer message after an agent message until the next agent message.
    let waiting: number | undefined;
    let lastCycle: { start: number; stop?: number } | undefined;
    let answered = false;
    for (const e of events) {
      const at = Date.parse(e.at);
      if (isAgentPublicMessage(e)) {
        answered = true;
        if (waiting !== undefined) lastCycle = { start: waiting, stop: at };
        waiting = undefined;
      } else if (answered && e.type === 'reply' && e.actor.kind === 'customer' && waiting === undefined) {
        waiting = at;
      }
    }
    if (waiting !== undefined) lastCycle = { start: waiting, ...(solvedAt !== undefined && solvedAt >= waiting ? { stop: solvedAt } : {}) };
    if (lastCycle) windows.next_response = lastCycle;
    const lastUpdate = agentMessages[agentMessages.length - 1]!;
    windows.periodic_update = { start: lastUpdate, ...(solvedAt !== undefined ? { stop: Math.max(solvedAt, lastUpdate) } : {}) };
  }

  const metrics: SlaEvaluation['metrics'] = {};
  const effects: SlaEscalationEffect[] = [];
  let nextChange = Infinity;
  const upcoming = (t: number | undefined) => {
    if (t !== undefined && t > now && t < nextChange) nextChange = t;
  };

  for (const metric of SLA_METRICS) {
    const target = policy.targets[metric];
    const span = windows[metric];
    if (target === undefined || span === undefined) continue;
    const end = Math.min(span.stop ?? Infinity, now);
    const elapsed = elapsedIn(periods, span.start, end, calendar);
    const due = instantAfter(periods, span.start, target, calendar);
    // The threshold in whole milliseconds, as the calendar counts, so that the state turns
    // 'warning' exactly at `warningAt` (0.14 × 100 is 14.000000000000002 in floating point).
    const warnMinutes = Math.round(target * warnShare * 60_000) / 60_000;
    const warn = instantAfter(periods, span.start, warnMinutes, calendar);
    const stopped = span.stop !== undefined && span.stop <= now;
    const runningNow = !stopped && periods.some(([a, b]) => a <= now && now < b);
    const breached = elapsed >= target && !(stopped && elapsed <= target);
    const state: SlaState = breached ? 'breached' : stopped ? 'met' : !runningNow ? 'paused' : elapsed >= warnMinutes ? 'warning' : 'running';
    const status: SlaMetricStatus = {
      metric,
      state,
      target,
      startedAt: new Date(span.start).toISOString(),
      elapsed,
      remaining: target - elapsed,
    };
    // A clock stopped before its target still reports the promise it met: its target counted on from the stop.
    if (due !== undefined && (span.stop === undefined || due <= span.stop)) status.dueAt = new Date(due).toISOString();
    else if (stopped && elapsed < target) status.dueAt = calendar.add(span.stop!, target - elapsed).toISOString();
    if (warn !== undefined && (span.stop === undefined || warn <= span.stop)) status.warningAt = new Date(warn).toISOString();
    if (stopped) status.completedAt = new Date(span.stop!).toISOString();
    metrics[metric] = status;
    if (!stopped) {
      upcoming(status.warningAt ? Date.parse(status.warningAt) : undefined);
      upcoming(status.dueAt ? Date.parse(status.dueAt) : undefined);
    }

    (policy.escalations ?? []).forEach((step, index) => {
      if (step.metrics && !step.metrics.includes(metric)) return;
      const trigger = step.at === 'warning' ? 'warning' : step.at === 'breach' ? 'breach' : 'after_breach';
      const at =
        step.at === 'warning' ? warn : step.at === 'breach' ? due : instantAfter(periods, span.start, target + step.at.afterBreach, calendar);
      if (at === undefined || (span.stop !== undefined && at > span.stop)) return;
      if (at > now) {
        upcoming(at);
        return;
      }
      if (at <= since) return;
      for (const action of step.actions) {
        effects.push({
          key: `${ticket.id}:${policy.id}:${metric}:${span.start}:${index}:${step.actions.indexOf(action)}`,
          ticketId: ticket.id,
          policyId: policy.id,
          metric,
          trigger,
          at: new Date(at).toISOString(),
          action,
          ...(action.type === 'raise_priority' ? { priority: raised(ticket.priority, action.to) } : {}),
        });
      }
    });
  }
  effects.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    ticketId: ticket.id,
    policyId: policy.id,
    metrics,
    effects,
    ...(nextChange !== Infinity ? { nextChangeAt: new Date(nextChange).toISOString() } : {}),
  };
}

/** The next SLA moment across many tickets. */
export interface SlaDeadline {
  at: string;
  ticketId: string;
}

/**
 * When the next warning, breach or escalation of any of `tickets` happens, so a client
 * or automation wakes up exactly then instead of polling every ticket.
 */
export function nextSlaDeadline(
  tickets: Iterable<Ticket>,
  policies: readonly SlaPolicy[],
  options: EvaluateSlaOptions = {},
): SlaDeadline | undefined {
  const now = toEpochMs(options.now);
  let best: SlaDeadline | undefined;
  for (const ticket of tickets) {
    const next = evaluateSla(ticket, policies, { ...options, now })?.nextChangeAt;
    if (next !== undefined && (best === undefined || next < best.at)) best = { at: next, ticketId: ticket.id };
  }
  return best;
}
