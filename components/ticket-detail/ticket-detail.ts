import { AcTicketDetail } from './ticket-detail.component.js';

export { AcTicketDetail };

AcTicketDetail.define('ac-ticket-detail');

declare global {
  interface HTMLElementTagNameMap {
    'ac-ticket-detail': AcTicketDetail;
  }
}
