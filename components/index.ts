/**
 * Registers every Aftercare element. Import `aftercare/components/<name>.js` instead
 * to register just one.
 * @packageDocumentation
 */
export { AftercareAgentElement, AftercareClientElement, AftercareElement, matchLocale } from './base/aftercare-element.js';
export { agentClientContext, clientContext, localeContext } from './base/context.js';
export { AcProvider } from './provider/provider.js';
export type { AftercareEventMap } from './base/aftercare-element.js';
export { AcStatusBadge } from './status-badge/status-badge.js';
export { AcTicketForm } from './ticket-form/ticket-form.js';
export type { TicketFormField } from './ticket-form/ticket-form.js';
export { AcSatisfaction } from './satisfaction/satisfaction.js';
export { AcTicketTracker } from './ticket-tracker/ticket-tracker.js';
export { AcKbSearch } from './kb-search/kb-search.js';
export { AcSlaBadge } from './sla-badge/sla-badge.js';
export { AcAgentQueue } from './agent-queue/agent-queue.js';
export { AcTicketDetail } from './ticket-detail/ticket-detail.js';
