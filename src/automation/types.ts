import type { Priority } from '../model/constants.js';
import type { CustomFieldValue } from '../model/types.js';
import type { Condition } from '../rules/conditions.js';
import type { SlaMetric } from '../sla/policy.js';

/** Ticket events that can trigger a rule. */
export const AUTOMATION_EVENTS = ['created', 'updated', 'status_changed', 'customer_replied', 'rated'] as const;
/** @see AUTOMATION_EVENTS */
export type AutomationEvent = (typeof AUTOMATION_EVENTS)[number];

/**
 * When a rule is considered:
 * - `{ event }`: right after that happened to the ticket;
 * - `{ time: 'sla_warning' | 'sla_breached', metric? }`: when an SLA clock reaches its warning or target;
 * - `{ time: 'idle', minutes, calendarId? }`: no person (customer or agent) touched the ticket for N business minutes;
 * - `{ time: 'in_status', status, minutes, calendarId? }`: the ticket has been in `status` for N business minutes
 *   (e.g. `pending_customer` for 3 days = 4320 minutes on a 24/7 calendar → remind).
 */
export type AutomationTrigger =
  | { event: AutomationEvent }
  | { time: 'sla_warning' | 'sla_breached'; metric?: SlaMetric }
  | { time: 'idle'; minutes: number; calendarId?: string }
  | { time: 'in_status'; status: string; minutes: number; calendarId?: string };

/** Channels a notification may go out on; a pluggable notifier delivers it. */
export const NOTIFY_CHANNELS = ['email', 'sms', 'wechat_template', 'webhook', 'in_app'] as const;
/** @see NOTIFY_CHANNELS */
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** What a rule does. */
export type AutomationAction =
  | { type: 'set_field'; field: 'priority'; value: Priority }
  | { type: 'set_field'; field: 'category' | 'group'; value: string | null }
  | { type: 'set_field'; field: `customFields.${string}`; value: CustomFieldValue }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  /** A named agent, or the router's choice (`route: true`; needs `router` and `agents` in the context). */
  | { type: 'assign'; agentId?: string; groupId?: string; route?: boolean }
  /** A workflow action taken by the system, e.g. `resolve` with a note, `escalate`, `close`. */
  | { type: 'transition'; action: string; note?: string }
  | { type: 'add_note'; body: string }
  /**
   * Ask a notifier to send a message. `to`: agent ids, or `assignee`, `group_lead`, `customer`.
   * The core only returns the notification as an effect.
   */
  | { type: 'notify'; channel: NotifyChannel; to: string[]; template: string; data?: Record<string, string | number | boolean> };

/** An automation rule: plain JSON. */
export interface AutomationRule {
  id: string;
  name?: string;
  on: AutomationTrigger;
  when?: Condition;
  actions: AutomationAction[];
  /** Most times this rule may fire on one ticket; default 10. A safety cap on top of fire-once-per-period. */
  maxRunsPerTicket?: number;
}
