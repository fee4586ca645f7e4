import { installationWorkflow, standardWorkflow } from '../workflow/standard-workflow.js';
import { toEpochMs, type Workflow } from '../workflow/create-workflow.js';
import type { TimeInput } from '../workflow/types.js';
import type { ValidationIssue } from '../errors.js';
import { generateId } from './ids.js';
import { ticketInputSchema, type TicketInput } from './schema.js';
import { provisionalTicketNumber, type TicketNumberOptions } from './ticket-number.js';
import type { Actor, Ticket, TicketCreatedEvent } from './types.js';
import { isCalendarDate } from './text.js';
import { parseOrThrow } from './validate.js';

/** Options of {@link createTicket}. */
export interface CreateTicketOptions {
  /** Creation time; default now. */
  now?: TimeInput;
  /** The workflow, or a choice by ticket type; default {@link workflowForType}. */
  workflow?: Workflow | ((type: string) => Workflow);
  /** Human number from the store's sequence; default a provisional number (see `provisionalTicketNumber`). */
  number?: string;
  /** How a provisional number looks (prefix, time zone of its date). */
  numberFormat?: TicketNumberOptions;
  /** Id to use instead of a new UUID (e.g. when replaying an offline submission). */
  id?: string;
  /** Who creates it; default the customer. An agent logging a phone call passes themselves. */
  actor?: Actor;
}

/** The built-in workflow for a ticket type: `installation` gets a scheduled visit, the rest the standard flow. */
export function workflowForType(type: string): Workflow {
  return type === 'installation' ? installationWorkflow : standardWorkflow;
}

function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Validates `input` and returns a new ticket in the workflow's initial status with its
 * `created` event. Throws `ValidationError` listing every bad field; text is kept exactly as given.
 */
export function createTicket(input: TicketInput, options: CreateTicketOptions = {}): Ticket {
  const nowMs = toEpochMs(options.now);
  // One day of slack: a purchase date is a local date and the customer may be ahead of UTC.
  const latestDate = dateOnly(nowMs + 86_400_000);
  // Checked on the raw input so that it is reported together with any other bad field.
  const purchaseDate = (input as { product?: { purchaseDate?: unknown } } | null | undefined)?.product?.purchaseDate;
  const futureIssues: ValidationIssue[] =
    typeof purchaseDate === 'string' && isCalendarDate(purchaseDate) && purchaseDate > latestDate
      ? [{ path: 'product.purchaseDate', code: 'out_of_range', message: 'must not be in the future' }]
      : [];
  const data = parseOrThrow(ticketInputSchema, input, 'ticket', () => futureIssues, futureIssues);
  const chosen = options.workflow ?? workflowForType;
  const workflow = typeof chosen === 'function' ? chosen(data.type) : chosen;
  const at = new Date(nowMs).toISOString();
  const id = options.id ?? generateId();
  const customer = { ...data.customer, id: data.customer.id ?? generateId() };
  const actor: Actor = options.actor ?? { kind: 'customer', id: customer.id, name: customer.name };
  const status = workflow.initialStatus;
  const created: TicketCreatedEvent = {
    id: generateId(),
    ticketId: id,
    type: 'created',
    at,
    actor,
    visibility: 'public',
    data: { status, priority: data.priority, channel: data.channel },
  };
  const ticket: Ticket = {
    id,
    number: options.number ?? provisionalTicketNumber(new Date(nowMs), options.numberFormat),
    type: data.type,
    subject: data.subject,
    description: data.description,
    status,
    priority: data.priority,
    channel: data.channel,
    customer,
    customFields: data.customFields,
    tags: [...new Set(data.tags)],
    collaboratorIds: [...new Set(data.collaboratorIds)],
    childIds: [],
    attachments: data.attachments.map((a) => ({ ...a, id: a.id ?? generateId() })),
    workflowId: workflow.id,
    escalationLevel: 0,
    reopenCount: 0,
    createdAt: at,
    updatedAt: at,
    statusChangedAt: at,
    revision: 1,
    events: [created],
  };
  if (data.product) ticket.product = data.product;
  if (data.category) ticket.category = data.category;
  if (data.groupId) ticket.groupId = data.groupId;
  if (data.parentId) ticket.parentId = data.parentId;
  if (data.location) ticket.location = data.location;
  return ticket;
}
