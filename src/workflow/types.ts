import type { ActorRole, Locale, Priority, StatusCategory, Visibility } from '../model/constants.js';
import type { Actor, Ticket, TicketEvent } from '../model/types.js';

/** A text in every supported locale. */
export type LocalizedText = Record<Locale, string>;

/** A status a workflow knows. */
export interface StatusDefinition {
  id: string;
  category: StatusCategory;
  /** What agents and customers see; customers get friendlier wording. */
  labels: { agent: LocalizedText; customer: LocalizedText };
}

/**
 * A precondition of an action, declared as data so a definition stays plain JSON.
 * - `note_required`: the context carries a non-empty `note` (resolution note, reason, question).
 * - `assignee_required`: the context names `assigneeId`.
 * - `schedule_required`: the context carries `scheduledAt`.
 * - `has_assignee`: the ticket already has an assignee.
 * - `assignee_or_role`: the actor is the ticket's assignee or holds one of `roles`.
 * - `within_days`: no more than `days` days have passed since `since` (e.g. reopen window).
 * - `after_days`: at least `days` days have passed since `since` (e.g. auto-close).
 * - `rated`: the customer has rated the ticket since its latest resolution.
 * - `any`: at least one of `guards` passes.
 */
export type GuardDefinition =
  | { kind: 'note_required' }
  | { kind: 'assignee_required' }
  | { kind: 'schedule_required' }
  | { kind: 'has_assignee' }
  | { kind: 'assignee_or_role'; roles: ActorRole[] }
  | { kind: 'within_days'; since: TimestampField; days: number }
  | { kind: 'after_days'; since: TimestampField; days: number }
  | { kind: 'rated' }
  | { kind: 'any'; guards: GuardDefinition[] };

/** The kind of a {@link GuardDefinition}. */
export type GuardKind = GuardDefinition['kind'];

/** Ticket timestamps that time-based guards measure from. */
export type TimestampField = 'resolvedAt' | 'statusChangedAt' | 'createdAt' | 'updatedAt';

/**
 * What an action does besides moving the status. Status categories carry their own
 * bookkeeping (entering `solved` stamps `resolvedAt`, leaving it counts a reopen).
 * - `set_assignee` / `clear_assignee`: take `assigneeId` (and `groupId`) from the context, or drop them.
 * - `set_resolution`: the note becomes the ticket's resolution.
 * - `escalate`: raise the escalation level; optional `priority` and `groupId` from the context.
 * - `set_schedule`: take `scheduledAt` from the context.
 */
export type EffectName = 'set_assignee' | 'clear_assignee' | 'set_resolution' | 'escalate' | 'set_schedule';

/** One way an action moves a ticket: from any of `from` to `to` (or nowhere, when `to` is absent). */
export interface TransitionDefinition {
  from: string[];
  to?: string;
}

/** Something an actor can do to a ticket. */
export interface ActionDefinition {
  id: string;
  labels: LocalizedText;
  /** Tried in order; the first whose `from` holds the ticket's status applies. */
  transitions: TransitionDefinition[];
  /** Who may take it. An agent role includes the weaker ones (`admin` ⊇ `lead` ⊇ `agent`). */
  roles: ActorRole[];
  guards?: GuardDefinition[];
  effects?: EffectName[];
  /** Visibility of the events this action writes; default `public`. */
  visibility?: Visibility;
}

/** A whole workflow, as plain JSON. */
export interface WorkflowDefinition {
  id: string;
  /** Status of a new ticket. */
  initialStatus: string;
  statuses: StatusDefinition[];
  actions: ActionDefinition[];
  /** Status → action the system takes when the customer replies in that status (e.g. `pending_customer` → `resume`). */
  onCustomerReply?: Record<string, string>;
  /** Action the system takes after the customer rates (e.g. `close`), when its guards allow. */
  onRating?: string;
}

/** Time as the core accepts it. */
export type TimeInput = Date | number | string;

/** Who acts, when, and with what extra input. */
export interface TransitionContext {
  actor: Actor;
  /** Default: the current time. */
  now?: TimeInput;
  /** Resolution note, reason, or question for the customer, depending on the action. */
  note?: string;
  assigneeId?: string;
  /** Public name of the new assignee, recorded so customer views need no agent directory. */
  assigneeName?: string;
  groupId?: string;
  priority?: Priority;
  /** Appointment for on-site work, ISO 8601. */
  scheduledAt?: string;
}

/** What a pure workflow operation returns: the next ticket and the events appended to its log. */
export interface TransitionResult {
  ticket: Ticket;
  events: TicketEvent[];
}

/** An action an actor may take now, for building buttons. */
export interface AvailableAction {
  id: string;
  labels: LocalizedText;
  /** Status after the action; the current one when it does not move. */
  to: string;
  /** Context the action needs from the user before it can run. */
  requires: Array<'note' | 'assignee' | 'schedule'>;
}
