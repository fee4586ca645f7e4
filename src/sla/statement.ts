import type { SlaEvaluation, SlaState } from './evaluate.js';
import type { SlaMetric } from './policy.js';

// What the service desk tells a customer about a ticket's clocks ("we reply within 2 working
// hours"), computed where the policies and calendars live, so customer pages show promises
// without the calendar and SLA engine.

/** One clock as the service desk states it. */
export interface SlaStatementMetric {
  state: SlaState;
  /** Target in business minutes. */
  target: number;
  /** When the target is (or was) reached (ISO 8601); absent while paused before it. */
  dueAt?: string;
}

/** The service desk's statement of a ticket's SLA clocks, as of `at` (on customer views). */
export interface SlaStatement {
  /** When the clocks were read (ISO 8601). */
  at: string;
  metrics: Partial<Record<SlaMetric, SlaStatementMetric>>;
}

/** What a client knows of one ticket's SLA clocks, recomputed when the ticket or the clock moves. */
export interface TicketSla {
  /** Earliest due instant of a clock still running (epoch ms). */
  dueAt?: number;
  /** The worst state among its clocks: `breached` > `warning` > `running` > `paused` > `met`. */
  state?: SlaState;
  /** Next moment a warning, breach or escalation happens (epoch ms). */
  nextChangeAt?: number;
  /** Each clock: its state, target in business minutes and due instant (epoch ms), for promises and countdowns. */
  metrics?: Partial<Record<SlaMetric, { state: SlaState; target: number; dueAt?: number }>>;
  /** The business calendar the clocks run on (the policy's `calendarId`); absent: around the clock. */
  calendarId?: string;
}

/** The statement of an evaluation at `at` (epoch ms). */
export function slaStatement(evaluation: SlaEvaluation, at: number): SlaStatement {
  const metrics: SlaStatement['metrics'] = {};
  for (const m of Object.values(evaluation.metrics)) {
    if (m) metrics[m.metric] = { state: m.state, target: m.target, ...(m.dueAt ? { dueAt: m.dueAt } : {}) };
  }
  return { at: new Date(at).toISOString(), metrics };
}

const STATE_RANK: Record<SlaState, number> = { met: 0, paused: 1, running: 2, warning: 3, breached: 4 };

/** The summary a client shows (worst state, earliest running due time, each clock) of a statement. */
export function ticketSlaOf(statement: Pick<SlaStatement, 'metrics'>): TicketSla {
  let dueAt: number | undefined;
  let state: SlaState | undefined;
  const metrics: NonNullable<TicketSla['metrics']> = {};
  for (const [metric, m] of Object.entries(statement.metrics) as Array<[SlaMetric, SlaStatementMetric | undefined]>) {
    if (!m) continue;
    const due = m.dueAt ? Date.parse(m.dueAt) : undefined;
    metrics[metric] = { state: m.state, target: m.target, ...(due !== undefined ? { dueAt: due } : {}) };
    if (state === undefined || STATE_RANK[m.state] > STATE_RANK[state]) state = m.state;
    if (due !== undefined && m.state !== 'met' && m.state !== 'paused' && (dueAt === undefined || due < dueAt)) dueAt = due;
  }
  return { ...(dueAt !== undefined ? { dueAt } : {}), ...(state !== undefined ? { state } : {}), metrics };
}
