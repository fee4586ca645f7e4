import type {
  AgentRole,
  Channel,
  CustomerTier,
  Priority,
  TicketStatus,
  TicketType,
  Visibility,
} from './constants.js';
import type { SlaStatement } from '../sla/statement.js';

/** An instant in ISO 8601 form with a `Z` offset, e.g. `2026-11-22T08:30:00.000Z`. */
export type IsoDateTime = string;
/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Ways to reach a customer. At least one is required on a new ticket. */
export interface ContactInfo {
  phone?: string;
  email?: string;
  /** WeChat id or OpenID. */
  wechat?: string;
}

/** The person or company a ticket is for. */
export interface Customer {
  id: string;
  name: string;
  tier: CustomerTier;
  contact: ContactInfo;
  organization?: string;
}

/** A service agent or field engineer. */
export interface Agent {
  id: string;
  /** Full name for colleagues. */
  name: string;
  /** Name shown to customers (e.g. "Engineer Wang / 王工"); falls back to `name`. */
  publicName?: string;
  role: AgentRole;
  groupIds: string[];
  skills: string[];
  /** Most open tickets this agent should hold at once. */
  capacity?: number;
  /** Years of experience or a level; routing prefers seniority for VIP customers. */
  seniority?: number;
  status?: 'online' | 'away' | 'offline';
  /** Base or live position for on-site work. */
  location?: GeoPoint;
  /** Id of the business calendar that describes this agent's shifts. */
  calendarId?: string;
}

/** The product a ticket is about. */
export interface Product {
  model?: string;
  serialNumber?: string;
  purchaseDate?: IsoDate;
  warrantyEnd?: IsoDate;
}

/** A latitude/longitude pair in degrees (WGS 84). */
export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Where on-site service takes place. */
export interface Location {
  address: string;
  lat?: number;
  lng?: number;
}

/** Metadata of a stored file; the bytes live elsewhere (object storage, IndexedDB blob). */
export interface AttachmentMeta {
  id: string;
  name: string;
  /** MIME type, e.g. `image/jpeg`. */
  type: string;
  /** Size in bytes. */
  size: number;
  url?: string;
}

/** A value of a custom field. */
export type CustomFieldValue = string | number | boolean | null | string[];

/** How a resolved ticket was resolved. */
export interface Resolution {
  note: string;
  at: IsoDateTime;
  by?: string;
}

/** The customer's rating of the service. */
export interface Satisfaction {
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  score: number;
  comment?: string;
  /** Optional per-dimension scores, e.g. `{ timeliness: 4, professionalism: 5, attitude: 5 }`. */
  dimensions?: Record<string, number>;
  at: IsoDateTime;
}

/** Who did something. */
export interface Actor {
  kind: 'customer' | 'agent' | 'system';
  id?: string;
  /** Name to show for this actor; for agents, the public name. */
  name?: string;
  /** For agents: their role; decides which workflow actions they may take. */
  role?: AgentRole;
}

/**
 * An after-sales ticket: plain JSON, safe to store, send and freeze. Its `events`
 * explain every change since it was created.
 */
export interface Ticket {
  /** Opaque, unguessable id (UUID v4). */
  id: string;
  /** Human number, unique per store, e.g. `AC-20261122-0001`. */
  number: string;
  type: TicketType;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: Priority;
  channel: Channel;
  customer: Customer;
  product?: Product;
  customFields: Record<string, CustomFieldValue>;
  tags: string[];
  category?: string;
  assigneeId?: string;
  groupId?: string;
  collaboratorIds: string[];
  /** Parent ticket when this is a sub-task for another department. */
  parentId?: string;
  childIds: string[];
  /** Set when this ticket was a duplicate merged into another (and closed): the ticket that continues it. */
  mergedIntoId?: string;
  attachments: AttachmentMeta[];
  location?: Location;
  /** Id of the workflow definition that governs this ticket. */
  workflowId: string;
  /** How many times the ticket has been escalated. */
  escalationLevel: number;
  /** How many times the ticket has been reopened. */
  reopenCount: number;
  resolution?: Resolution;
  satisfaction?: Satisfaction;
  /** Appointment for on-site work (installation workflow). */
  scheduledAt?: IsoDateTime;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** When the current status was entered. */
  statusChangedAt: IsoDateTime;
  resolvedAt?: IsoDateTime;
  closedAt?: IsoDateTime;
  /** Grows by one with every change; stores use it for optimistic concurrency. */
  revision: number;
  events: TicketEvent[];
  /**
   * On customer views only, stated by the service desk when it answered (computed, never
   * stored): the SLA clocks behind the promises a customer sees ("we reply within 2 working
   * hours"), so customer pages need no calendar or SLA engine.
   */
  sla?: SlaStatement;
  /** On customer views only: the workflow actions the customer may take now (e.g. `reopen`). */
  customerActions?: string[];
}

/** Fields every {@link TicketEvent} has; `type` and `data` vary by kind. */
export interface TicketEventBase<T extends string, D> {
  id: string;
  ticketId: string;
  type: T;
  at: IsoDateTime;
  actor: Actor;
  visibility: Visibility;
  data: D;
}

/** The ticket was created. */
export type TicketCreatedEvent = TicketEventBase<'created', { status: TicketStatus; priority: Priority; channel: Channel }>;
/** A workflow action moved the ticket (possibly to the same status, e.g. `escalate`). */
export type StatusChangedEvent = TicketEventBase<
  'status_changed',
  { action: string; from: TicketStatus; to: TicketStatus; note?: string }
>;
/** The assignee or group changed. */
export type AssignedEvent = TicketEventBase<
  'assigned',
  { from?: string; to?: string; groupFrom?: string; groupTo?: string; assigneeName?: string }
>;
/** A public message from the customer or an agent. */
export type ReplyEvent = TicketEventBase<'reply', { body: string; attachments: AttachmentMeta[] }>;
/** An internal note between agents. */
export type NoteEvent = TicketEventBase<'note', { body: string; mentions: string[]; attachments: AttachmentMeta[] }>;
/** A field other than status or assignee changed. */
export type FieldChangedEvent = TicketEventBase<
  'field_changed',
  { field: string; from: unknown; to: unknown }
>;
/** The ticket was escalated. */
export type EscalatedEvent = TicketEventBase<'escalated', { level: number; reason?: string }>;
/** The customer rated the service. */
export type RatedEvent = TicketEventBase<'rated', Omit<Satisfaction, 'at'>>;

/** Another ticket, by id and human number. */
export interface TicketRef {
  id: string;
  number: string;
}
/**
 * A duplicate was merged: on the duplicate, `into` names the ticket that continues it; on that
 * ticket, `from` names the duplicate. Public: a duplicate is the same customer's request.
 */
export type MergedEvent = TicketEventBase<'merged', { into?: TicketRef; from?: TicketRef }>;
/** A sub-task link: on the parent, `child` (with the department's group); on the sub-task, `parent`. Internal. */
export type LinkedEvent = TicketEventBase<'linked', { parent?: TicketRef; child?: TicketRef & { groupId?: string } }>;

/** An automation rule or SLA escalation fired; `key` makes each fire once per condition period. */
export type AutomationFiredEvent = TicketEventBase<'automation', { ruleId: string; key: string; actions: string[] }>;

/** One entry of a ticket's event log. */
export type TicketEvent =
  | TicketCreatedEvent
  | StatusChangedEvent
  | AssignedEvent
  | ReplyEvent
  | NoteEvent
  | FieldChangedEvent
  | EscalatedEvent
  | RatedEvent
  | AutomationFiredEvent
  | MergedEvent
  | LinkedEvent;

/** The `type` of a {@link TicketEvent}. */
export type TicketEventType = TicketEvent['type'];
