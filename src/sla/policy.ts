import { AftercareError } from '../errors.js';
import { CHANNELS, PRIORITIES, type Channel, type Priority } from '../model/constants.js';
import type { CustomFieldValue, Ticket } from '../model/types.js';

/** The clocks an SLA policy can run. */
export const SLA_METRICS = ['first_response', 'next_response', 'periodic_update', 'resolution'] as const;
/** @see SLA_METRICS */
export type SlaMetric = (typeof SLA_METRICS)[number];

/** Which tickets a policy covers; every condition given must hold (an absent one matches all). */
export interface SlaConditions {
  priority?: Priority[];
  /** Customer tiers, e.g. `['vip']`. */
  tier?: string[];
  type?: string[];
  channel?: Channel[];
  category?: string[];
  /** At least one of these tags. */
  tags?: string[];
  /** Custom field → allowed value(s). */
  customFields?: Record<string, CustomFieldValue | CustomFieldValue[]>;
}

/** Something an escalation step asks for; the core returns it, the client or server performs it. */
export type EscalationAction =
  /** Notify people: agent ids, or the roles `assignee` and `group_lead`. */
  | { type: 'notify'; to: string[]; channel?: 'email' | 'sms' | 'wechat' | 'webhook' | 'in_app' }
  /** Raise the ticket's priority (one level, or to `to`). */
  | { type: 'raise_priority'; to?: Priority }
  /** Move the ticket to another group. */
  | { type: 'reassign_group'; groupId: string };

/** When an escalation step fires, and what it asks for. */
export interface EscalationStep {
  /** At the warning threshold, at the breach, or a number of business minutes after the breach. */
  at: 'warning' | 'breach' | { afterBreach: number };
  /** Metrics it watches; default all the policy's metrics. */
  metrics?: SlaMetric[];
  actions: EscalationAction[];
}

/** Service levels for the tickets that match `conditions`. */
export interface SlaPolicy {
  id: string;
  name?: string;
  conditions?: SlaConditions;
  /** Key into the `calendars` given to `evaluateSla`; absent = around the clock. */
  calendarId?: string;
  /** Business minutes allowed per metric. */
  targets: Partial<Record<SlaMetric, number>>;
  /** Statuses in which the clocks stop; default `pending_customer`, `pending_parts`. */
  pauseStatuses?: string[];
  /** Share of a target after which a clock is in `warning`; default 0.8. */
  warningAt?: number;
  escalations?: EscalationStep[];
}

/** A policy is malformed; `field` names the bad part. */
export class SlaPolicyError extends AftercareError {
  declare readonly code: 'INVALID_SLA_POLICY';
  readonly field: string;

  constructor(field: string, problem: string) {
    super('INVALID_SLA_POLICY', `Invalid SLA policy ${field}: ${problem}`);
    this.field = field;
  }
}

/** Default pause statuses. */
export const DEFAULT_PAUSE_STATUSES: readonly string[] = ['pending_customer', 'pending_parts'];

const validated = new WeakSet<SlaPolicy>();

function stringList(value: unknown, field: string, allowed?: readonly string[]) {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new SlaPolicyError(field, 'must be an array of strings');
  const unknown = allowed ? value.find((v) => !allowed.includes(v)) : undefined;
  if (unknown !== undefined) throw new SlaPolicyError(field, `"${unknown}" is not one of ${allowed!.join(', ')}`);
}

/** Checks a policy once (results are remembered per object); throws {@link SlaPolicyError}. */
export function validateSlaPolicy(policy: SlaPolicy, where = 'policy'): void {
  if (validated.has(policy)) return;
  if (!policy || typeof policy !== 'object') throw new SlaPolicyError(where, 'must be an object');
  if (typeof policy.id !== 'string' || policy.id === '') throw new SlaPolicyError(`${where}.id`, 'is required');
  const w = `policy "${policy.id}"`;
  if (!policy.targets || typeof policy.targets !== 'object') throw new SlaPolicyError(`${w}.targets`, 'is required');
  for (const [metric, minutes] of Object.entries(policy.targets)) {
    if (!(SLA_METRICS as readonly string[]).includes(metric)) throw new SlaPolicyError(`${w}.targets.${metric}`, `unknown metric (use ${SLA_METRICS.join(', ')})`);
    if (typeof minutes !== 'number' || !(minutes > 0) || !Number.isFinite(minutes)) throw new SlaPolicyError(`${w}.targets.${metric}`, 'must be a positive number of business minutes');
  }
  if (policy.warningAt !== undefined && !(policy.warningAt > 0 && policy.warningAt < 1)) throw new SlaPolicyError(`${w}.warningAt`, 'must be between 0 and 1');
  stringList(policy.pauseStatuses, `${w}.pauseStatuses`);
  const c = policy.conditions;
  if (c !== undefined) {
    stringList(c.priority, `${w}.conditions.priority`, PRIORITIES);
    stringList(c.channel, `${w}.conditions.channel`, CHANNELS);
    stringList(c.tier, `${w}.conditions.tier`);
    stringList(c.type, `${w}.conditions.type`);
    stringList(c.category, `${w}.conditions.category`);
    stringList(c.tags, `${w}.conditions.tags`);
  }
  (policy.escalations ?? []).forEach((step, i) => {
    const s = `${w}.escalations[${i}]`;
    const at = step.at;
    const okAt = at === 'warning' || at === 'breach' || (typeof at === 'object' && at !== null && typeof at.afterBreach === 'number' && at.afterBreach >= 0);
    if (!okAt) throw new SlaPolicyError(`${s}.at`, "must be 'warning', 'breach' or { afterBreach: minutes }");
    stringList(step.metrics, `${s}.metrics`, SLA_METRICS);
    if (!Array.isArray(step.actions) || step.actions.length === 0) throw new SlaPolicyError(`${s}.actions`, 'needs at least one action');
    step.actions.forEach((a, j) => {
      const f = `${s}.actions[${j}]`;
      if (a.type === 'notify') {
        if (!Array.isArray(a.to) || a.to.length === 0) throw new SlaPolicyError(`${f}.to`, 'needs at least one recipient');
      } else if (a.type === 'raise_priority') {
        if (a.to !== undefined && !PRIORITIES.includes(a.to)) throw new SlaPolicyError(`${f}.to`, `must be one of ${PRIORITIES.join(', ')}`);
      } else if (a.type === 'reassign_group') {
        if (typeof a.groupId !== 'string' || a.groupId === '') throw new SlaPolicyError(`${f}.groupId`, 'is required');
      } else {
        throw new SlaPolicyError(`${f}.type`, `unknown action "${(a as { type: unknown }).type}"`);
      }
    });
  });
  validated.add(policy);
}

const oneOf = <T>(allowed: readonly T[] | undefined, value: T | undefined) => allowed === undefined || (value !== undefined && allowed.includes(value));

/** Whether `ticket` meets every condition of `conditions`. */
export function matchesSlaConditions(ticket: Ticket, conditions: SlaConditions | undefined): boolean {
  if (!conditions) return true;
  if (!oneOf(conditions.priority, ticket.priority)) return false;
  if (!oneOf(conditions.tier, ticket.customer.tier)) return false;
  if (!oneOf(conditions.type, ticket.type)) return false;
  if (!oneOf(conditions.channel, ticket.channel)) return false;
  if (!oneOf(conditions.category, ticket.category)) return false;
  if (conditions.tags && !conditions.tags.some((t) => ticket.tags.includes(t))) return false;
  for (const [field, expected] of Object.entries(conditions.customFields ?? {})) {
    const actual = ticket.customFields[field];
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (!allowed.some((e) => JSON.stringify(e) === JSON.stringify(actual))) return false;
  }
  return true;
}

/** The first policy whose conditions match the ticket. */
export function selectSlaPolicy(ticket: Ticket, policies: readonly SlaPolicy[]): SlaPolicy | undefined {
  policies.forEach((p, i) => validateSlaPolicy(p, `policies[${i}]`));
  return policies.find((p) => matchesSlaConditions(ticket, p.conditions));
}
