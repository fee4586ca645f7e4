import { AcTicketTracker } from './ticket-tracker.component.js';

export { AcTicketTracker };

AcTicketTracker.define('ac-ticket-tracker');

declare global {
  interface HTMLElementTagNameMap {
    'ac-ticket-tracker': AcTicketTracker;
  }
}
