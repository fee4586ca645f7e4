import { AcStatusBadge } from './status-badge.component.js';

export { AcStatusBadge };

AcStatusBadge.define('ac-status-badge');

declare global {
  interface HTMLElementTagNameMap {
    'ac-status-badge': AcStatusBadge;
  }
}
