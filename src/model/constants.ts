/**
 * Closed vocabularies of the ticket model, declared once as `as const` data so that
 * validation, typing and UI option lists all derive from the same source.
 */

/** How urgent a ticket is, lowest first. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** @see PRIORITIES */
export type Priority = (typeof PRIORITIES)[number];

/** Where a request came from. */
export const CHANNELS = ['web', 'email', 'chat', 'phone', 'wechat', 'mini-program', 'qr', 'api'] as const;
/** @see CHANNELS */
export type Channel = (typeof CHANNELS)[number];

/**
 * Ticket types every Aftercare installation knows. Integrators may use their own
 * (any lowercase slug); these are the ones the standard workflows and labels cover.
 */
export const TICKET_TYPES = ['repair', 'complaint', 'consultation', 'return', 'installation'] as const;
/** A known ticket type or an integrator's own slug. */
export type TicketType = (typeof TICKET_TYPES)[number] | (string & {});

/** Customer tiers with built-in meaning (routing and SLA policies match on them). */
export const CUSTOMER_TIERS = ['vip', 'standard'] as const;
/** A known tier or an integrator's own slug. */
export type CustomerTier = (typeof CUSTOMER_TIERS)[number] | (string & {});

/** Statuses of the standard workflow. */
export const TICKET_STATUS = {
  new: 'new',
  assigned: 'assigned',
  inProgress: 'in_progress',
  pendingCustomer: 'pending_customer',
  pendingParts: 'pending_parts',
  resolved: 'resolved',
  closed: 'closed',
} as const;
/** A status of the standard workflow. Custom workflows may add their own. */
export type StandardStatus = (typeof TICKET_STATUS)[keyof typeof TICKET_STATUS];
/** A standard status or one a custom workflow declares (e.g. `scheduled`). */
export type TicketStatus = StandardStatus | (string & {});

/** Broad class of a status: what reports and SLA clocks care about. */
export const STATUS_CATEGORIES = ['open', 'pending', 'solved', 'closed'] as const;
/** @see STATUS_CATEGORIES */
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

/** Locales every label and message ships in. */
export const LOCALES = ['zh-CN', 'en'] as const;
/** @see LOCALES */
export type Locale = (typeof LOCALES)[number];

/** Who can see an event. Customers never see `internal` ones. */
export type Visibility = 'public' | 'internal';

/** For whom a view of a ticket is made. */
export type Audience = 'customer' | 'agent';

/** Roles an actor can hold; workflow actions name the roles allowed to take them. */
export const ACTOR_ROLES = ['customer', 'agent', 'lead', 'admin', 'system'] as const;
/** @see ACTOR_ROLES */
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Agent roles, weakest first: a stronger role may do what a weaker one may. */
export const AGENT_ROLES = ['agent', 'lead', 'admin'] as const;
/** @see AGENT_ROLES */
export type AgentRole = (typeof AGENT_ROLES)[number];
