import type { Audience } from './constants.js';
import type { Ticket, TicketEvent } from './types.js';

/** What a customer may know of an event: no agent ids, no internal groups. */
function forCustomer(event: TicketEvent): TicketEvent {
  const actor = event.actor.kind === 'agent' ? { kind: 'agent' as const, ...(event.actor.name ? { name: event.actor.name } : {}) } : event.actor;
  if (event.type === 'assigned') {
    return { ...event, actor, data: event.data.assigneeName ? { assigneeName: event.data.assigneeName } : {} };
  }
  return actor === event.actor ? event : { ...event, actor };
}

/**
 * The events `audience` may see, oldest first. Customers never see internal events
 * (notes, escalations, 退单 reasons), whatever the data holds, and the public ones reach
 * them without agent ids or internal group names; agents see everything.
 */
export function ticketTimeline(ticket: Pick<Ticket, 'events'>, audience: Audience): TicketEvent[] {
  const events =
    audience === 'agent' ? [...ticket.events] : ticket.events.filter((e) => e.visibility === 'public').map(forCustomer);
  // Stable sort: events written in the same millisecond keep their log order.
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
