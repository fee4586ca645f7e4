import type { Audience } from './constants.js';
import type { Ticket, TicketEvent } from './types.js';

/**
 * The events `audience` may see, oldest first. Customers never see internal events
 * (notes, escalations, 退单 reasons), whatever the data holds; agents see everything.
 */
export function ticketTimeline(ticket: Pick<Ticket, 'events'>, audience: Audience): TicketEvent[] {
  const events = audience === 'agent' ? [...ticket.events] : ticket.events.filter((e) => e.visibility === 'public');
  // Stable sort: events written in the same millisecond keep their log order.
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
