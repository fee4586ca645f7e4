import { ValidationError, WorkflowError } from '../errors.js';
import { generateId } from './ids.js';
import type { Actor, LinkedEvent, MergedEvent, StatusChangedEvent, Ticket, TicketRef } from './types.js';
import { updateTicket } from './update-ticket.js';
import { toEpochMs, type Workflow } from '../workflow/create-workflow.js';
import type { TimeInput, TransitionResult } from '../workflow/types.js';

/**
 * Relations between tickets, as pure functions: merging a duplicate into the ticket that
 * continues it, and linking a sub-task for another department to its parent. Each returns the
 * next version of both tickets with the events that explain the change; nothing is mutated.
 */

/** Who links or merges, and when. */
export interface LinkContext {
  actor: Actor;
  now?: TimeInput;
}

const ref = (ticket: Ticket): TicketRef => ({ id: ticket.id, number: ticket.number });

const normalized = (value: string | undefined) => value?.trim().toLowerCase().replace(/[\s-]/g, '') || undefined;

/**
 * Whether two tickets are the same customer's: the same customer id, or a shared phone, e-mail
 * or WeChat (customers writing through two channels get two customer ids).
 */
export function sameCustomer(a: Pick<Ticket, 'customer'>, b: Pick<Ticket, 'customer'>): boolean {
  if (a.customer.id === b.customer.id) return true;
  const x = a.customer.contact;
  const y = b.customer.contact;
  return (['phone', 'email', 'wechat'] as const).some((k) => normalized(x[k]) !== undefined && normalized(x[k]) === normalized(y[k]));
}

function bump(ticket: Ticket, next: Ticket, events: Ticket['events'], at: string): Ticket {
  return { ...next, updatedAt: at, revision: ticket.revision + 1, events: [...ticket.events, ...events] };
}

/**
 * Merges `source`, a duplicate, into `target`, the ticket that continues the request. The
 * source is closed (the first `closed` status of `workflow`, the source's workflow) with a
 * public `status_changed` (action `merge`) and a public `merged` event naming the target, and
 * gets `mergedIntoId`; the target gets a public `merged` event naming the source. Both events
 * are public because a duplicate is the same customer's: the customer follows the source to
 * the target.
 *
 * Refuses with `WorkflowError` (action `merge`): `INVALID_TRANSITION` when the actor is not an
 * agent (`role`), the source is closed (`status`) or the target is (`target_status`);
 * `GUARD_FAILED` (`same_customer`) when the tickets are not the same customer's (link them
 * instead). Merging a ticket into itself is a `ValidationError`.
 */
export function mergeTickets(source: Ticket, target: Ticket, workflow: Workflow, context: LinkContext): { source: TransitionResult; target: TransitionResult } {
  const refuse = (code: 'INVALID_TRANSITION' | 'GUARD_FAILED', status: string, reason: string, why: string) =>
    new WorkflowError(code, { action: 'merge', status, reason }, `Cannot merge ${source.number} into ${target.number}: ${why}`);
  if (source.id === target.id) throw new ValidationError([{ path: 'targetId', code: 'invalid', message: 'a ticket cannot be merged into itself' }], 'merge');
  if (context.actor.kind !== 'agent') throw refuse('INVALID_TRANSITION', source.status, 'role', 'only agents merge tickets');
  const closed = workflow.statuses.find((s) => s.category === 'closed');
  const category = (ticket: Ticket) => (workflow.status(ticket.status) ? workflow.category(ticket.status) : undefined);
  if (!closed || category(source) === 'closed' || source.mergedIntoId !== undefined) throw refuse('INVALID_TRANSITION', source.status, 'status', 'the duplicate is closed already');
  if (category(target) === 'closed' || target.mergedIntoId !== undefined) throw refuse('INVALID_TRANSITION', target.status, 'target_status', 'the target is closed');
  if (!sameCustomer(source, target)) throw refuse('GUARD_FAILED', source.status, 'same_customer', 'they are different customers’ requests; link them instead');

  const at = new Date(toEpochMs(context.now)).toISOString();
  const { actor } = context;
  const closing: StatusChangedEvent = {
    id: generateId(),
    ticketId: source.id,
    type: 'status_changed',
    at,
    actor,
    visibility: 'public',
    data: { action: 'merge', from: source.status, to: closed.id },
  };
  const into: MergedEvent = { id: generateId(), ticketId: source.id, type: 'merged', at, actor, visibility: 'public', data: { into: ref(target) } };
  const from: MergedEvent = { id: generateId(), ticketId: target.id, type: 'merged', at, actor, visibility: 'public', data: { from: ref(source) } };
  const closedSource: Ticket = { ...source, status: closed.id, statusChangedAt: at, closedAt: at, mergedIntoId: target.id };
  return {
    source: { ticket: bump(source, closedSource, [closing, into], at), events: [closing, into] },
    target: { ticket: bump(target, target, [from], at), events: [from] },
  };
}

/**
 * Links `child`, a sub-task for another department (usually just created with `parentId`), to
 * `parent`: the child gets `parentId`, the parent lists it in `childIds`, and each records an
 * internal `linked` event naming the other (customers see neither: sub-tasks are the desk's
 * own business). Refuses a ticket as its own sub-task, a child that has another parent, and
 * links that would make a cycle (`ValidationError`).
 */
export function linkSubtask(parent: Ticket, child: Ticket, context: LinkContext): { parent: TransitionResult; child: TransitionResult } {
  const problem = (message: string) => new ValidationError([{ path: 'childId', code: 'invalid', message }], 'sub-task');
  if (parent.id === child.id) throw problem('a ticket cannot be its own sub-task');
  if (child.parentId !== undefined && child.parentId !== parent.id) throw problem('the ticket is already a sub-task of another ticket');
  if (parent.parentId === child.id || child.childIds.includes(parent.id)) throw problem('the link would make a cycle');
  const at = new Date(toEpochMs(context.now)).toISOString();
  const { actor } = context;
  const toChild: LinkedEvent = {
    id: generateId(),
    ticketId: parent.id,
    type: 'linked',
    at,
    actor,
    visibility: 'internal',
    data: { child: { ...ref(child), ...(child.groupId ? { groupId: child.groupId } : {}) } },
  };
  const toParent: LinkedEvent = { id: generateId(), ticketId: child.id, type: 'linked', at, actor, visibility: 'internal', data: { parent: ref(parent) } };
  return {
    parent: { ticket: bump(parent, { ...parent, childIds: [...parent.childIds.filter((id) => id !== child.id), child.id] }, [toChild], at), events: [toChild] },
    child: { ticket: bump(child, { ...child, parentId: parent.id }, [toParent], at), events: [toParent] },
  };
}

/** Which agents to add to and remove from a ticket's collaborators. */
export interface CollaboratorChange {
  add?: string[];
  remove?: string[];
}

/**
 * Adds and removes collaborators (agents who help the assignee) through {@link updateTicket}:
 * one internal `field_changed` event (`collaboratorIds`, from → to), nothing when nothing
 * changes. Removal wins when an id is in both lists.
 */
export function changeCollaborators(ticket: Ticket, change: CollaboratorChange, context: LinkContext): TransitionResult {
  const add = change?.add ?? [];
  const remove = change?.remove ?? [];
  if (!Array.isArray(add) || !Array.isArray(remove)) {
    throw new ValidationError([{ path: Array.isArray(add) ? 'remove' : 'add', code: 'invalid_type', message: 'must be a list of agent ids' }], 'collaborators');
  }
  const next = [...ticket.collaboratorIds, ...add.filter((id) => !ticket.collaboratorIds.includes(id))].filter((id) => !remove.includes(id));
  return updateTicket(ticket, { collaboratorIds: next }, { actor: context.actor, ...(context.now !== undefined ? { now: context.now } : {}) });
}
