import { AcTicketForm } from './ticket-form.component.js';

export { AcTicketForm };
export type { TicketFormField } from './ticket-form.component.js';

AcTicketForm.define('ac-ticket-form');

declare global {
  interface HTMLElementTagNameMap {
    'ac-ticket-form': AcTicketForm;
  }
}
