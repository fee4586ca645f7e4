import { AcSlaBadge } from './sla-badge.component.js';

export { AcSlaBadge };

AcSlaBadge.define('ac-sla-badge');

declare global {
  interface HTMLElementTagNameMap {
    'ac-sla-badge': AcSlaBadge;
  }
}
