import * as v from 'valibot';
import { AftercareError, WorkflowDefinitionError, WorkflowError } from '../errors.js';
import { PRIORITIES, type Audience, type Locale, type StatusCategory } from '../model/constants.js';
import { generateId } from '../model/ids.js';
import {
  idSchema,
  LIMITS,
  messageSchema,
  multilineText,
  ratingSchema,
  type MessageInput,
  type RatingInput,
} from '../model/schema.js';
import type { Actor, Ticket, TicketEvent } from '../model/types.js';
import { parseOrThrow } from '../model/validate.js';
import { guardPasses, INPUT_GUARDS, roleAllowed, roleOf } from './guards.js';
import type {
  ActionDefinition,
  AvailableAction,
  StatusDefinition,
  TimeInput,
  TransitionContext,
  TransitionResult,
  WorkflowDefinition,
} from './types.js';
import { workflowDefinitionProblems } from './validate-definition.js';

/** A validated workflow: labels, allowed actions and pure transitions. */
export interface Workflow {
  readonly id: string;
  /** The definition it was made from (frozen). */
  readonly definition: Readonly<WorkflowDefinition>;
  readonly initialStatus: string;
  readonly statuses: readonly StatusDefinition[];
  /** The definition of `status`, or `undefined` when this workflow does not know it. */
  status(status: string): StatusDefinition | undefined;
  /** Category of `status`; throws for an unknown status. */
  category(status: string): StatusCategory;
  /** Label of `status` for an audience; the status id itself when unknown. */
  label(status: string, audience: Audience, locale: Locale): string;
  /** Label of an action. */
  actionLabel(action: string, locale: Locale): string;
  /** What `actor` may do to `ticket` now (input such as a note may still be needed: see `requires`). */
  actions(ticket: Ticket, actor: Actor, options?: { now?: TimeInput }): AvailableAction[];
  /** Whether `transition` would succeed with this context. */
  can(ticket: Ticket, action: string, context: TransitionContext): boolean;
  /** Applies `action`; returns the next ticket and the events it wrote. Never mutates `ticket`. */
  transition(ticket: Ticket, action: string, context: TransitionContext): TransitionResult;
  /** Adds a public message; a customer's reply may move the ticket (definition's `onCustomerReply`). */
  reply(ticket: Ticket, message: MessageInput, context: Omit<TransitionContext, 'note'>): TransitionResult;
  /** Adds an internal note (agents, or the system for automations; never customers). */
  note(ticket: Ticket, message: MessageInput, context: Omit<TransitionContext, 'note'>): TransitionResult;
  /** Records the customer's rating once; may close the ticket (definition's `onRating`). */
  rate(ticket: Ticket, rating: RatingInput, context: Omit<TransitionContext, 'note'>): TransitionResult;
}

const actorSchema = v.strictObject({
  kind: v.picklist(['customer', 'agent', 'system']),
  id: v.optional(idSchema),
  name: v.optional(v.pipe(v.string(), v.maxGraphemes(LIMITS.name))),
  role: v.optional(v.picklist(['agent', 'lead', 'admin'])),
});

const contextSchema = v.object({
  actor: actorSchema,
  now: v.optional(v.union([v.date(), v.number(), v.string()])),
  note: v.optional(multilineText(LIMITS.message)),
  assigneeId: v.optional(idSchema),
  assigneeName: v.optional(v.pipe(v.string(), v.maxGraphemes(LIMITS.name))),
  groupId: v.optional(idSchema),
  priority: v.optional(v.picklist(PRIORITIES)),
  scheduledAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
});

/** Epoch milliseconds of a time input; throws on an invalid time. */
export function toEpochMs(time: TimeInput | undefined): number {
  const ms = time === undefined ? Date.now() : time instanceof Date ? time.getTime() : typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new AftercareError('INVALID_TIME', `Not a valid time: ${String(time)}`);
  return ms;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Validates `definition` (throws {@link WorkflowDefinitionError} listing every problem)
 * and returns the workflow it describes.
 */
export function createWorkflow(definition: WorkflowDefinition): Workflow {
  const problems = workflowDefinitionProblems(definition);
  if (problems.length > 0) throw new WorkflowDefinitionError(String(definition?.id ?? '(no id)'), problems);
  // Definitions are plain JSON; a JSON round trip copies them in every runtime (no structuredClone in mini-programs).
  const def: WorkflowDefinition = deepFreeze(JSON.parse(JSON.stringify(definition)));
  const statuses = new Map(def.statuses.map((s) => [s.id, s]));
  const actionsById = new Map(def.actions.map((a) => [a.id, a]));

  const category = (status: string): StatusCategory => {
    const s = statuses.get(status);
    if (!s) throw new AftercareError('UNKNOWN_STATUS', `Workflow "${def.id}" has no status "${status}".`);
    return s.category;
  };

  const event = <E extends TicketEvent>(
    ticket: Ticket,
    type: E['type'],
    actor: Actor,
    at: string,
    visibility: E['visibility'],
    data: E['data'],
  ): E => ({ id: generateId(), ticketId: ticket.id, type, at, actor, visibility, data }) as E;

  const refuse = (code: 'INVALID_TRANSITION' | 'GUARD_FAILED', action: string, ticket: Ticket, reason: string, why: string) =>
    new WorkflowError(code, { action, status: ticket.status, reason }, `Cannot ${action} ticket ${ticket.number} (${ticket.status}): ${why}`);

  /** Finds why `action` cannot run, or the transition it would take. */
  function check(ticket: Ticket, actionId: string, actor: Actor, nowMs: number, context: TransitionContext | undefined) {
    const action = actionsById.get(actionId);
    if (!action) return { error: refuse('INVALID_TRANSITION', actionId, ticket, 'unknown_action', 'unknown action') };
    const step = action.transitions.find((t) => t.from.includes(ticket.status));
    if (!step) return { error: refuse('INVALID_TRANSITION', actionId, ticket, 'status', `not allowed from status ${ticket.status}`) };
    if (!roleAllowed(action.roles, roleOf(actor)))
      return { error: refuse('INVALID_TRANSITION', actionId, ticket, 'role', `not allowed for role ${roleOf(actor)}`) };
    for (const guard of action.guards ?? []) {
      if (!guardPasses(guard, ticket, actor, nowMs, context))
        return { error: refuse('GUARD_FAILED', actionId, ticket, guard.kind, `guard ${guard.kind} refused`) };
    }
    return { action, to: step.to ?? ticket.status };
  }

  /** Applies one action without touching `revision` (callers bump it once per operation). */
  function apply(ticket: Ticket, action: ActionDefinition, to: string, ctx: TransitionContext, at: string): TransitionResult {
    const { actor } = ctx;
    const visibility = action.visibility ?? 'public';
    const events: TicketEvent[] = [];
    const next: Ticket = { ...ticket };
    const effects = new Set(action.effects ?? []);
    const note = ctx.note?.trim() === '' ? undefined : ctx.note;

    if (effects.has('set_assignee') || effects.has('clear_assignee')) {
      const assign = effects.has('set_assignee');
      next.assigneeId = assign ? ctx.assigneeId : undefined;
      if (assign && ctx.groupId !== undefined) next.groupId = ctx.groupId;
      if (next.assigneeId !== ticket.assigneeId || next.groupId !== ticket.groupId) {
        events.push(
          event(ticket, 'assigned', actor, at, visibility, {
            from: ticket.assigneeId,
            to: next.assigneeId,
            groupFrom: ticket.groupId,
            groupTo: next.groupId,
            ...(assign && ctx.assigneeName ? { assigneeName: ctx.assigneeName } : {}),
          }),
        );
      }
    }
    if (effects.has('escalate')) {
      next.escalationLevel = ticket.escalationLevel + 1;
      events.push(event(ticket, 'escalated', actor, at, 'internal', { level: next.escalationLevel, ...(note ? { reason: note } : {}) }));
      if (ctx.priority && ctx.priority !== ticket.priority) {
        next.priority = ctx.priority;
        events.push(event(ticket, 'field_changed', actor, at, 'internal', { field: 'priority', from: ticket.priority, to: ctx.priority }));
      }
      if (ctx.groupId && ctx.groupId !== ticket.groupId) {
        next.groupId = ctx.groupId;
        events.push(event(ticket, 'assigned', actor, at, 'internal', { from: ticket.assigneeId, to: ticket.assigneeId, groupFrom: ticket.groupId, groupTo: ctx.groupId }));
      }
    }
    if (effects.has('set_schedule') && ctx.scheduledAt !== undefined) {
      next.scheduledAt = new Date(ctx.scheduledAt).toISOString();
      events.push(event(ticket, 'field_changed', actor, at, 'public', { field: 'scheduledAt', from: ticket.scheduledAt, to: next.scheduledAt }));
    }

    const fromCategory = category(ticket.status);
    const toCategory = category(to);
    if (to !== ticket.status) {
      next.status = to;
      next.statusChangedAt = at;
      if (toCategory === 'solved' && fromCategory !== 'solved') next.resolvedAt = at;
      if (toCategory === 'closed') next.closedAt = at;
      if ((fromCategory === 'solved' || fromCategory === 'closed') && (toCategory === 'open' || toCategory === 'pending')) {
        next.reopenCount = ticket.reopenCount + 1;
        delete next.resolvedAt;
        delete next.closedAt;
        delete next.resolution;
      }
    }
    if (effects.has('set_resolution') && note !== undefined) next.resolution = { note, at, ...(actor.id ? { by: actor.id } : {}) };

    // Every action leaves a trace: the status change, or the action itself when nothing else recorded it.
    if (to !== ticket.status || events.length === 0 || (note !== undefined && !effects.has('escalate'))) {
      events.push(
        event(ticket, 'status_changed', actor, at, visibility, {
          action: action.id,
          from: ticket.status,
          to,
          ...(note !== undefined ? { note } : {}),
        }),
      );
    }
    return { ticket: next, events };
  }

  function commit(original: Ticket, result: TransitionResult, at: string): TransitionResult {
    const ticket = { ...result.ticket, updatedAt: at, revision: original.revision + 1, events: [...original.events, ...result.events] };
    return { ticket, events: result.events };
  }

  function parseContext(context: TransitionContext): TransitionContext {
    return parseOrThrow(contextSchema, context, 'transition context') as TransitionContext;
  }

  /** Runs the definition's follow-up action as the system, when it is allowed now. */
  function followUp(ticket: Ticket, actionId: string | undefined, nowMs: number, at: string): TransitionResult | undefined {
    if (actionId === undefined) return undefined;
    const system: Actor = { kind: 'system' };
    const ctx: TransitionContext = { actor: system, now: nowMs };
    const checked = check(ticket, actionId, system, nowMs, ctx);
    return checked.error ? undefined : apply(ticket, checked.action, checked.to, ctx, at);
  }

  const workflow: Workflow = {
    id: def.id,
    definition: def,
    initialStatus: def.initialStatus,
    statuses: def.statuses,
    status: (status) => statuses.get(status),
    category,
    label(status, audience, locale) {
      return statuses.get(status)?.labels[audience][locale] ?? status;
    },
    actionLabel(action, locale) {
      return actionsById.get(action)?.labels[locale] ?? action;
    },
    actions(ticket, actor, options = {}) {
      const nowMs = toEpochMs(options.now);
      const out: AvailableAction[] = [];
      for (const action of def.actions) {
        const checked = check(ticket, action.id, actor, nowMs, undefined);
        if (checked.error) continue;
        const requires = (action.guards ?? []).flatMap((g) => (g.kind in INPUT_GUARDS ? [INPUT_GUARDS[g.kind as keyof typeof INPUT_GUARDS]] : []));
        out.push({ id: action.id, labels: action.labels, to: checked.to, requires });
      }
      return out;
    },
    can(ticket, action, context) {
      try {
        const ctx = parseContext(context);
        return !check(ticket, action, ctx.actor, toEpochMs(ctx.now), ctx).error;
      } catch {
        return false;
      }
    },
    transition(ticket, actionId, context) {
      const ctx = parseContext(context);
      const nowMs = toEpochMs(ctx.now);
      const checked = check(ticket, actionId, ctx.actor, nowMs, ctx);
      if (checked.error) throw checked.error;
      const at = new Date(nowMs).toISOString();
      return commit(ticket, apply(ticket, checked.action, checked.to, ctx, at), at);
    },
    reply(ticket, message, context) {
      const ctx = parseContext(context);
      const input = parseOrThrow(messageSchema, message, 'reply');
      if (category(ticket.status) === 'closed')
        throw refuse('INVALID_TRANSITION', 'reply', ticket, 'status', 'the ticket is closed; reopen it first');
      const nowMs = toEpochMs(ctx.now);
      const at = new Date(nowMs).toISOString();
      const attachments = input.attachments.map((a) => ({ ...a, id: a.id ?? generateId() }));
      const reply = event(ticket, 'reply', ctx.actor, at, 'public', { body: input.body, attachments });
      let result: TransitionResult = { ticket: { ...ticket, attachments: [...ticket.attachments, ...attachments] }, events: [reply] };
      if (ctx.actor.kind === 'customer') {
        const moved = followUp(result.ticket, def.onCustomerReply?.[ticket.status], nowMs, at);
        if (moved) result = { ticket: moved.ticket, events: [reply, ...moved.events] };
      }
      return commit(ticket, result, at);
    },
    note(ticket, message, context) {
      const ctx = parseContext(context);
      const input = parseOrThrow(messageSchema, message, 'note');
      // Automations write notes as the system; customers never write internal notes.
      if (ctx.actor.kind === 'customer') throw refuse('INVALID_TRANSITION', 'note', ticket, 'role', 'customers cannot write internal notes');
      const at = new Date(toEpochMs(ctx.now)).toISOString();
      const attachments = input.attachments.map((a) => ({ ...a, id: a.id ?? generateId() }));
      const note = event(ticket, 'note', ctx.actor, at, 'internal', { body: input.body, mentions: input.mentions, attachments });
      return commit(ticket, { ticket, events: [note] }, at);
    },
    rate(ticket, rating, context) {
      const ctx = parseContext(context);
      const input = parseOrThrow(ratingSchema, rating, 'rating');
      if (ctx.actor.kind === 'system') throw refuse('INVALID_TRANSITION', 'rate', ticket, 'role', 'only customers (or agents on their behalf) rate');
      const cat = category(ticket.status);
      if (cat !== 'solved' && cat !== 'closed') throw refuse('INVALID_TRANSITION', 'rate', ticket, 'status', 'only resolved tickets can be rated');
      if (ticket.satisfaction)
        throw new WorkflowError('ALREADY_RATED', { action: 'rate', status: ticket.status, reason: 'already_rated' }, `Ticket ${ticket.number} was already rated.`);
      const nowMs = toEpochMs(ctx.now);
      const at = new Date(nowMs).toISOString();
      const rated = event(ticket, 'rated', ctx.actor, at, 'public', { ...input });
      const withRating = { ...ticket, satisfaction: { ...input, at } };
      const closed = followUp(withRating, def.onRating, nowMs, at);
      return commit(ticket, closed ? { ticket: closed.ticket, events: [rated, ...closed.events] } : { ticket: withRating, events: [rated] }, at);
    },
  };
  return Object.freeze(workflow);
}
