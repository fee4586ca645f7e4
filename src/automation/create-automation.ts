import * as v from 'valibot';
import { AftercareError } from '../errors.js';
import { PRIORITIES } from '../model/constants.js';
import { generateId } from '../model/ids.js';
import { idSchema, LIMITS } from '../model/schema.js';
import type { Actor, Agent, AutomationFiredEvent, Ticket, TicketEvent } from '../model/types.js';
import { updateTicket, type TicketPatch } from '../model/update-ticket.js';
import type { RouteContext, Router } from '../routing/create-router.js';
import { compileCondition, RuleError, type Predicate } from '../rules/conditions.js';
import { ALWAYS_OPEN, createCalendar, type BusinessCalendar } from '../sla/calendar.js';
import { evaluateSla, type SlaEscalationEffect } from '../sla/evaluate.js';
import { SLA_METRICS, type SlaPolicy } from '../sla/policy.js';
import { toEpochMs, type Workflow } from '../workflow/create-workflow.js';
import { installationWorkflow, standardWorkflow } from '../workflow/standard-workflow.js';
import type { TimeInput } from '../workflow/types.js';
import { AUTOMATION_EVENTS, NOTIFY_CHANNELS, type AutomationAction, type AutomationEvent, type AutomationRule, type NotifyChannel } from './types.js';

/** Engine configuration. */
export interface AutomationConfig {
  rules: AutomationRule[];
  /** SLA policies for `sla_*` triggers and for the policies' own escalation steps. */
  policies?: SlaPolicy[];
  /** Calendars by id, for policies and for `idle` / `in_status` triggers. */
  calendars?: Record<string, BusinessCalendar>;
  /** Workflows by id; the built-in ones are known. */
  workflows?: Record<string, Workflow>;
  /** Perform the SLA policies' escalation steps in `tick`; default true. */
  applyPolicyEscalations?: boolean;
  /** How many rounds of rules-triggering-rules `handle` follows; default 5. */
  maxCascade?: number;
}

/** What the engine may use while acting. */
export interface AutomationContext {
  now?: TimeInput;
  /** For `assign` with `route: true`. */
  router?: Router;
  agents?: readonly Agent[];
  routeContext?: RouteContext;
}

/** A message for a notifier to send (e-mail, SMS, WeChat template message, webhook, in-app). */
export interface NotificationEffect {
  type: 'notify';
  /** Stable: a notifier that has sent this key already must not send it again. */
  key: string;
  ruleId: string;
  ticketId: string;
  ticketNumber: string;
  channel: NotifyChannel;
  /** As the rule says: agent ids, `assignee`, `group_lead`, `customer`. */
  to: string[];
  template: string;
  data: Record<string, string | number | boolean>;
  /** Context for resolving `to`. */
  assigneeId?: string;
  groupId?: string;
  customerId: string;
}

/** What one engine call did. */
export interface AutomationResult {
  ticket: Ticket;
  /** Events appended to the ticket's log, in order. */
  events: TicketEvent[];
  effects: NotificationEffect[];
  fired: Array<{ ruleId: string; key: string }>;
  /** Actions that could not run (e.g. a transition the workflow refused), with the reason. */
  skipped: Array<{ ruleId: string; action: string; reason: string }>;
}

/** A compiled automation engine. Every method is pure: ticket in, ticket and effects out. */
export interface Automation {
  readonly rules: readonly AutomationRule[];
  /** Runs event rules for events that just happened to `ticket` (e.g. the `events` a transition returned). */
  handle(ticket: Ticket, events: readonly TicketEvent[], context?: AutomationContext): AutomationResult;
  /** Runs time rules and SLA escalations that are due at `now`. */
  tick(ticket: Ticket, context?: AutomationContext): AutomationResult;
  /**
   * When `tick` next has something to do for any of `tickets`: the earliest due time rule or
   * escalation step not yet done. It is in the past when a moment was missed (the scheduler
   * slept): tick that ticket now.
   */
  nextWakeUp(tickets: Iterable<Ticket>, context?: { now?: TimeInput }): { at: string; ticketId: string } | undefined;
}

interface CompiledRule {
  rule: AutomationRule;
  test: Predicate | undefined;
  maxRuns: number;
}

const SETTABLE = new Set(['priority', 'category', 'group']);
const actorName = v.pipe(v.string(), v.maxGraphemes(LIMITS.name));

function validateRule(rule: AutomationRule, i: number, calendars: Record<string, BusinessCalendar>): CompiledRule {
  const path = `rules[${i}]`;
  if (!rule || typeof rule !== 'object') throw new RuleError(path, 'must be an object');
  if (typeof rule.id !== 'string' || rule.id === '') throw new RuleError(`${path}.id`, 'is required');
  // The rule acts as `automation:<id>` (named `name`); the workflow refuses actors it cannot record.
  if (!v.is(idSchema, `automation:${rule.id}`)) throw new RuleError(`${path}.id`, `must have no spaces or control characters and at most ${LIMITS.id - 11} characters`);
  if (rule.name !== undefined && !v.is(actorName, rule.name)) throw new RuleError(`${path}.name`, `must be a string of at most ${LIMITS.name} characters`);
  const on = rule.on as Record<string, unknown> | undefined;
  if (!on || typeof on !== 'object') throw new RuleError(`${path}.on`, 'is required');
  if ('event' in on) {
    if (!AUTOMATION_EVENTS.includes(on.event as AutomationEvent)) throw new RuleError(`${path}.on.event`, `unknown event "${String(on.event)}" (use ${AUTOMATION_EVENTS.join(', ')})`);
  } else if (on.time === 'sla_warning' || on.time === 'sla_breached') {
    if (on.metric !== undefined && !SLA_METRICS.includes(on.metric as never)) throw new RuleError(`${path}.on.metric`, `unknown metric "${String(on.metric)}"`);
  } else if (on.time === 'idle' || on.time === 'in_status') {
    if (typeof on.minutes !== 'number' || !(on.minutes > 0)) throw new RuleError(`${path}.on.minutes`, 'must be a positive number of business minutes');
    if (on.time === 'in_status' && (typeof on.status !== 'string' || on.status === '')) throw new RuleError(`${path}.on.status`, 'is required');
    if (on.calendarId !== undefined && !calendars[on.calendarId as string]) throw new RuleError(`${path}.on.calendarId`, `no calendar "${String(on.calendarId)}" was given`);
  } else {
    throw new RuleError(`${path}.on`, "must be { event } or { time: 'sla_warning' | 'sla_breached' | 'idle' | 'in_status' }");
  }
  if (!Array.isArray(rule.actions) || rule.actions.length === 0) throw new RuleError(`${path}.actions`, 'needs at least one action');
  rule.actions.forEach((a, j) => {
    const p = `${path}.actions[${j}]`;
    switch (a?.type) {
      case 'set_field':
        if (!SETTABLE.has(a.field) && !(typeof a.field === 'string' && a.field.startsWith('customFields.'))) throw new RuleError(`${p}.field`, `cannot set "${String(a.field)}"`);
        if (a.field === 'priority' && !PRIORITIES.includes(a.value as never)) throw new RuleError(`${p}.value`, `must be one of ${PRIORITIES.join(', ')}`);
        break;
      case 'add_tags':
      case 'remove_tags':
        if (!Array.isArray(a.tags) || a.tags.length === 0) throw new RuleError(`${p}.tags`, 'must be a non-empty array');
        break;
      case 'assign':
        if (!a.agentId && !a.route && !a.groupId) throw new RuleError(p, 'needs agentId, groupId or route: true');
        break;
      case 'transition':
        if (typeof a.action !== 'string' || a.action === '') throw new RuleError(`${p}.action`, 'is required');
        break;
      case 'add_note':
        if (typeof a.body !== 'string' || a.body.trim() === '') throw new RuleError(`${p}.body`, 'is required');
        break;
      case 'notify':
        if (!NOTIFY_CHANNELS.includes(a.channel)) throw new RuleError(`${p}.channel`, `must be one of ${NOTIFY_CHANNELS.join(', ')}`);
        if (!Array.isArray(a.to) || a.to.length === 0) throw new RuleError(`${p}.to`, 'needs at least one recipient');
        if (typeof a.template !== 'string' || a.template === '') throw new RuleError(`${p}.template`, 'is required');
        break;
      default:
        throw new RuleError(`${p}.type`, `unknown action "${String((a as { type?: unknown })?.type)}"`);
    }
  });
  const maxRuns = rule.maxRunsPerTicket ?? 10;
  if (!(Number.isInteger(maxRuns) && maxRuns > 0)) throw new RuleError(`${path}.maxRunsPerTicket`, 'must be a positive integer');
  return { rule, test: rule.when === undefined ? undefined : compileCondition(rule.when, `${path}.when`), maxRuns };
}

/** Which rule events a logged event stands for. */
function triggersOf(event: TicketEvent): AutomationEvent[] {
  switch (event.type) {
    case 'created':
      return ['created'];
    case 'status_changed':
      return event.data.from === event.data.to ? ['updated'] : ['status_changed', 'updated'];
    case 'reply':
      return event.actor.kind === 'customer' ? ['customer_replied', 'updated'] : ['updated'];
    case 'rated':
      return ['rated', 'updated'];
    case 'automation':
      return [];
    default:
      return ['updated'];
  }
}

/**
 * Compiles automation rules (validated now: `RuleError` with the path). Rules fire at
 * most once per condition period — per triggering event, per SLA cycle, per idle or
 * in-status stretch — recorded as `automation` events in the ticket's log, never on
 * events their own actions produced, and at most `maxRunsPerTicket` times per ticket;
 * so no rule can retrigger itself endlessly.
 */
export function createAutomation(config: AutomationConfig): Automation {
  if (!config || !Array.isArray(config.rules)) throw new RuleError('rules', 'must be an array');
  const calendars = config.calendars ?? {};
  const ids = new Set<string>();
  const compiled = config.rules.map((r, i) => {
    const c = validateRule(r, i, calendars);
    if (ids.has(r.id)) throw new RuleError(`rules[${i}].id`, `"${r.id}" is used twice`);
    ids.add(r.id);
    return c;
  });
  const policies = config.policies ?? [];
  const maxCascade = config.maxCascade ?? 5;
  let alwaysOpen: BusinessCalendar | undefined;
  const calendarOf = (id: string | undefined) => (id === undefined ? (alwaysOpen ??= createCalendar(ALWAYS_OPEN)) : calendars[id]!);
  const workflowOf = (ticket: Ticket): Workflow =>
    config.workflows?.[ticket.workflowId] ?? (ticket.workflowId === installationWorkflow.id ? installationWorkflow : standardWorkflow);

  const firedKeys = (ticket: Ticket) => {
    const keys = new Set<string>();
    const runs = new Map<string, number>();
    for (const e of ticket.events) {
      if (e.type !== 'automation') continue;
      keys.add(e.data.key);
      runs.set(e.data.ruleId, (runs.get(e.data.ruleId) ?? 0) + 1);
    }
    return { keys, runs };
  };

  /** Applies one rule's actions; appends everything to `out`. Returns the events its actions wrote. */
  function fire(out: AutomationResult, c: CompiledRule, key: string, at: number, context: AutomationContext): TicketEvent[] {
    const { rule } = c;
    const actor: Actor = { kind: 'system', id: `automation:${rule.id}`, ...(rule.name ? { name: rule.name } : {}) };
    const start = out.ticket.events.length;
    for (const [index, action] of rule.actions.entries()) {
      try {
        runAction(out, rule.id, key, index, action, actor, at, context);
      } catch (e) {
        if (!(e instanceof AftercareError)) throw e;
        out.skipped.push({ ruleId: rule.id, action: action.type, reason: `${e.code}: ${e.message}` });
      }
    }
    const produced = out.ticket.events.slice(start);
    record(out, rule.id, key, rule.actions.map((a) => a.type), at);
    out.fired.push({ ruleId: rule.id, key });
    return produced;
  }

  function record(out: AutomationResult, ruleId: string, key: string, actions: string[], at: number) {
    const event: AutomationFiredEvent = {
      id: generateId(),
      ticketId: out.ticket.id,
      type: 'automation',
      at: new Date(at).toISOString(),
      actor: { kind: 'system', id: `automation:${ruleId}` },
      visibility: 'internal',
      data: { ruleId, key, actions },
    };
    out.ticket = { ...out.ticket, events: [...out.ticket.events, event] };
    out.events.push(event);
  }

  function apply(out: AutomationResult, result: { ticket: Ticket; events: TicketEvent[] }) {
    out.ticket = result.ticket;
    out.events.push(...result.events);
  }

  function runAction(out: AutomationResult, ruleId: string, key: string, index: number, action: AutomationAction, actor: Actor, at: number, context: AutomationContext) {
    const ticket = out.ticket;
    const workflow = workflowOf(ticket);
    switch (action.type) {
      case 'set_field': {
        const patch: TicketPatch =
          action.field === 'priority' ? { priority: action.value } :
          action.field === 'category' ? { category: action.value } :
          action.field === 'group' ? { groupId: action.value } :
          { customFields: { [action.field.slice('customFields.'.length)]: action.value } };
        apply(out, updateTicket(ticket, patch, { actor, now: at }));
        return;
      }
      case 'add_tags':
        apply(out, updateTicket(ticket, { addTags: action.tags }, { actor, now: at }));
        return;
      case 'remove_tags':
        apply(out, updateTicket(ticket, { removeTags: action.tags }, { actor, now: at }));
        return;
      case 'assign': {
        let agentId = action.agentId;
        let groupId = action.groupId;
        if (action.route) {
          if (!context.router || !context.agents) throw new AftercareError('ROUTER_MISSING', 'assign with route: true needs router and agents in the context');
          const decision = context.router.route(ticket, context.agents, { ...context.routeContext, now: at });
          agentId = decision.assignee;
          groupId = decision.group ?? groupId;
        }
        if (agentId === undefined) {
          if (groupId !== undefined) apply(out, updateTicket(ticket, { groupId }, { actor, now: at }));
          return;
        }
        apply(out, workflow.transition(ticket, 'assign', { actor, now: at, assigneeId: agentId, ...(groupId !== undefined ? { groupId } : {}) }));
        return;
      }
      case 'transition':
        apply(out, workflow.transition(ticket, action.action, { actor, now: at, ...(action.note !== undefined ? { note: action.note } : {}) }));
        return;
      case 'add_note':
        apply(out, workflow.note(ticket, { body: action.body }, { actor, now: at }));
        return;
      case 'notify':
        out.effects.push({
          type: 'notify',
          // Time rules' keys name no ticket; a notifier dedupes across tickets, and one rule may notify twice.
          key: `${ticket.id}:${key}:${index}:${action.channel}:${action.template}`,
          ruleId,
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          channel: action.channel,
          to: action.to,
          template: action.template,
          data: action.data ?? {},
          ...(ticket.assigneeId !== undefined ? { assigneeId: ticket.assigneeId } : {}),
          ...(ticket.groupId !== undefined ? { groupId: ticket.groupId } : {}),
          customerId: ticket.customer.id,
        });
        return;
    }
  }

  const allowed = (out: AutomationResult, c: CompiledRule, key: string, state: ReturnType<typeof firedKeys>) => {
    if (state.keys.has(key)) return false;
    if ((state.runs.get(c.rule.id) ?? 0) >= c.maxRuns) {
      out.skipped.push({ ruleId: c.rule.id, action: '*', reason: `reached maxRunsPerTicket (${c.maxRuns})` });
      return false;
    }
    return !c.test || c.test({ ticket: out.ticket });
  };

  const lastHumanActivity = (ticket: Ticket) => {
    for (let i = ticket.events.length - 1; i >= 0; i--) {
      const e = ticket.events[i]!;
      if (e.actor.kind !== 'system') return Date.parse(e.at);
    }
    return Date.parse(ticket.createdAt);
  };

  /** Time rules' due instants for a ticket: [rule, key, due]. */
  function timeDue(ticket: Ticket, now: number) {
    const due: Array<{ c: CompiledRule; key: string; at: number }> = [];
    const evaluation = policies.length > 0 ? evaluateSla(ticket, policies, { calendars, now, workflows: config.workflows ?? {} }) : undefined;
    for (const c of compiled) {
      const on = c.rule.on;
      if ('event' in on) continue;
      if (on.time === 'sla_warning' || on.time === 'sla_breached') {
        for (const status of Object.values(evaluation?.metrics ?? {})) {
          if (on.metric !== undefined && status.metric !== on.metric) continue;
          // A clock met in time never breaches; a late one breaches once, at its due instant.
          const at = on.time === 'sla_warning' ? status.warningAt : status.state !== 'met' ? status.dueAt : undefined;
          if (at === undefined) continue;
          if (status.completedAt !== undefined && at > status.completedAt) continue;
          due.push({ c, key: `${c.rule.id}:${status.metric}:${status.startedAt}:${on.time}`, at: Date.parse(at) });
        }
      } else if (on.time === 'idle') {
        // A resolved or closed ticket is not waiting for anyone.
        const category = workflowOf(ticket).status(ticket.status)?.category;
        if (category === 'solved' || category === 'closed') continue;
        const since = lastHumanActivity(ticket);
        due.push({ c, key: `${c.rule.id}:idle:${since}`, at: calendarOf(on.calendarId).add(since, on.minutes).getTime() });
      } else if (on.time === 'in_status' && ticket.status === on.status) {
        const since = Date.parse(ticket.statusChangedAt);
        due.push({ c, key: `${c.rule.id}:in_status:${since}`, at: calendarOf(on.calendarId).add(since, on.minutes).getTime() });
      }
    }
    return { due, evaluation };
  }

  function applyEscalation(out: AutomationResult, effect: SlaEscalationEffect, now: number) {
    const ruleId = `sla:${effect.policyId}`;
    const actor: Actor = { kind: 'system', id: `automation:${ruleId}` };
    const action = effect.action;
    try {
      if (action.type === 'notify') {
        out.effects.push({
          type: 'notify',
          key: effect.key,
          ruleId,
          ticketId: out.ticket.id,
          ticketNumber: out.ticket.number,
          channel: action.channel === 'wechat' ? 'wechat_template' : action.channel ?? 'in_app',
          to: action.to,
          template: `sla_${effect.trigger}`,
          data: { metric: effect.metric, at: effect.at },
          ...(out.ticket.assigneeId !== undefined ? { assigneeId: out.ticket.assigneeId } : {}),
          ...(out.ticket.groupId !== undefined ? { groupId: out.ticket.groupId } : {}),
          customerId: out.ticket.customer.id,
        });
      } else if (action.type === 'raise_priority') {
        // Raise from the current priority: an earlier step of this tick may have raised it already.
        const current = out.ticket.priority;
        const to = action.to
          ? (PRIORITIES.indexOf(action.to) > PRIORITIES.indexOf(current) ? action.to : current)
          : PRIORITIES[Math.min(PRIORITIES.indexOf(current) + 1, PRIORITIES.length - 1)]!;
        apply(out, updateTicket(out.ticket, { priority: to }, { actor, now }));
      } else {
        apply(out, updateTicket(out.ticket, { groupId: action.groupId }, { actor, now }));
      }
    } catch (e) {
      if (!(e instanceof AftercareError)) throw e;
      out.skipped.push({ ruleId, action: action.type, reason: `${e.code}: ${e.message}` });
    }
    record(out, ruleId, effect.key, [action.type], now);
    out.fired.push({ ruleId, key: effect.key });
  }

  const engine: Automation = {
    rules: config.rules,
    handle(ticket, events, context = {}) {
      const now = toEpochMs(context.now);
      const out: AutomationResult = { ticket, events: [], effects: [], fired: [], skipped: [] };
      // Each batch: the events to react to, and the rules whose actions produced them (never re-triggered by them).
      // Events an earlier call's rule wrote carry that rule in their actor id.
      const writer = (event: TicketEvent) => (event.actor.kind === 'system' && event.actor.id?.startsWith('automation:') ? event.actor.id.slice('automation:'.length) : undefined);
      let batch: Array<{ event: TicketEvent; by?: string }> = events.map((event) => ({ event, by: writer(event) }));
      for (let round = 0; round < maxCascade && batch.length > 0; round++) {
        const next: typeof batch = [];
        for (const c of compiled) {
          const on = c.rule.on;
          if (!('event' in on)) continue;
          const trigger = batch.find(({ event, by }) => by !== c.rule.id && triggersOf(event).includes(on.event));
          if (!trigger) continue;
          const key = `${c.rule.id}:${trigger.event.id}`;
          if (!allowed(out, c, key, firedKeys(out.ticket))) continue;
          for (const event of fire(out, c, key, now, context)) next.push({ event, by: c.rule.id });
        }
        batch = next;
      }
      return out;
    },
    tick(ticket, context = {}) {
      const now = toEpochMs(context.now);
      const out: AutomationResult = { ticket, events: [], effects: [], fired: [], skipped: [] };
      const { due, evaluation } = timeDue(ticket, now);
      const state = firedKeys(ticket);
      if (config.applyPolicyEscalations !== false) {
        for (const effect of evaluation?.effects ?? []) {
          if (!state.keys.has(effect.key)) applyEscalation(out, effect, now);
        }
      }
      for (const { c, key, at } of due.sort((a, b) => a.at - b.at)) {
        if (at > now || !allowed(out, c, key, firedKeys(out.ticket))) continue;
        const produced = fire(out, c, key, now, context);
        // What a time rule changed may trigger event rules (e.g. status_changed after an auto-resolve).
        if (produced.length > 0) {
          const followUp = engine.handle(out.ticket, produced, context);
          out.ticket = followUp.ticket;
          out.events.push(...followUp.events);
          out.effects.push(...followUp.effects);
          out.fired.push(...followUp.fired);
          out.skipped.push(...followUp.skipped);
        }
      }
      return out;
    },
    nextWakeUp(tickets, context = {}) {
      const now = toEpochMs(context.now);
      let best: { at: number; ticketId: string } | undefined;
      for (const ticket of tickets) {
        const { due, evaluation } = timeDue(ticket, now);
        const { keys, runs } = firedKeys(ticket);
        const times: number[] = [];
        for (const d of due) {
          if (keys.has(d.key) || (runs.get(d.c.rule.id) ?? 0) >= d.c.maxRuns) continue;
          // A moment already past (the scheduler slept) is still to do, when its condition holds now.
          if (d.at <= now && d.c.test && !d.c.test({ ticket })) continue;
          times.push(d.at);
        }
        if (evaluation && config.applyPolicyEscalations !== false) {
          for (const effect of evaluation.effects) if (!keys.has(effect.key)) times.push(Date.parse(effect.at));
          // The next SLA moment matters to `tick` only when the policy has escalation steps to take.
          const policy = policies.find((p) => p.id === evaluation.policyId);
          if (evaluation.nextChangeAt && (policy?.escalations?.length ?? 0) > 0) times.push(Date.parse(evaluation.nextChangeAt));
        }
        for (const at of times) if (!best || at < best.at) best = { at, ticketId: ticket.id };
      }
      return best && { at: new Date(best.at).toISOString(), ticketId: best.ticketId };
    },
  };
  return engine;
}
