import { AGENT_ROLES, type ActorRole, type AgentRole } from '../model/constants.js';
import type { Actor, Ticket } from '../model/types.js';
import type { GuardDefinition, TransitionContext } from './types.js';

const DAY_MS = 86_400_000;

/** The role an actor acts in. */
export function roleOf(actor: Actor): ActorRole {
  if (actor.kind === 'agent') return actor.role ?? 'agent';
  return actor.kind;
}

/** Whether `role` may act where `allowed` roles may; stronger agent roles include weaker ones. */
export function roleAllowed(allowed: readonly ActorRole[], role: ActorRole): boolean {
  if (allowed.includes(role)) return true;
  const rank = AGENT_ROLES.indexOf(role as AgentRole);
  return rank >= 0 && allowed.some((r) => {
    const needed = AGENT_ROLES.indexOf(r as AgentRole);
    return needed >= 0 && needed <= rank;
  });
}

/** Guards that ask the user for input rather than judge the ticket. */
export const INPUT_GUARDS = {
  note_required: 'note',
  assignee_required: 'assignee',
  schedule_required: 'schedule',
} as const;

function elapsedDays(ticket: Ticket, field: 'resolvedAt' | 'statusChangedAt' | 'createdAt' | 'updatedAt', nowMs: number) {
  const since = ticket[field];
  return since === undefined ? undefined : (nowMs - Date.parse(since)) / DAY_MS;
}

/**
 * Whether `guard` lets the action through. With `context` undefined, input guards pass:
 * that is the question "could this actor take the action if they supplied the input?".
 */
export function guardPasses(
  guard: GuardDefinition,
  ticket: Ticket,
  actor: Actor,
  nowMs: number,
  context: TransitionContext | undefined,
): boolean {
  switch (guard.kind) {
    case 'note_required':
      return !context || (typeof context.note === 'string' && context.note.trim() !== '');
    case 'assignee_required':
      return !context || (typeof context.assigneeId === 'string' && context.assigneeId !== '');
    case 'schedule_required':
      return !context || typeof context.scheduledAt === 'string';
    case 'has_assignee':
      return ticket.assigneeId !== undefined;
    case 'assignee_or_role':
      return (actor.id !== undefined && actor.id === ticket.assigneeId) || roleAllowed(guard.roles, roleOf(actor));
    case 'within_days': {
      const days = elapsedDays(ticket, guard.since, nowMs);
      return days !== undefined && days <= guard.days;
    }
    case 'after_days': {
      const days = elapsedDays(ticket, guard.since, nowMs);
      return days !== undefined && days >= guard.days;
    }
    case 'rated':
      // A rating from before a reopen does not count for the new resolution.
      return ticket.satisfaction !== undefined && (ticket.resolvedAt === undefined || ticket.satisfaction.at >= ticket.resolvedAt);
    case 'any':
      return guard.guards.some((g) => guardPasses(g, ticket, actor, nowMs, context));
  }
}
