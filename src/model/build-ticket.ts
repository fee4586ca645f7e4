import { generateId } from './ids.js';
import type { ValidTicketInput } from './new-ticket.js';
import { provisionalTicketNumber, type TicketNumberOptions } from './ticket-number.js';
import type { Actor, Ticket, TicketCreatedEvent } from './types.js';

/** How {@link buildTicket} makes a ticket. */
export interface BuildTicketOptions {
  /** Creation time, epoch ms. */
  now: number;
  /** The workflow's id and initial status. */
  workflowId: string;
  status: string;
  id?: string;
  number?: string;
  numberFormat?: TicketNumberOptions;
  /** Who creates it; default the customer. */
  actor?: Actor;
}

/** A new ticket with its `created` event, from a validated input. */
export function buildTicket(data: ValidTicketInput, options: BuildTicketOptions): Ticket {
  const at = new Date(options.now).toISOString();
  const id = options.id ?? generateId();
  const customer = { ...data.customer, id: data.customer.id ?? generateId() };
  const actor: Actor = options.actor ?? { kind: 'customer', id: customer.id, name: customer.name };
  const { status } = options;
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
    number: options.number ?? provisionalTicketNumber(new Date(options.now), options.numberFormat),
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
    workflowId: options.workflowId,
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
