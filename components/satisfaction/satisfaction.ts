import { AcSatisfaction } from './satisfaction.component.js';

export { AcSatisfaction, DEFAULT_DIMENSIONS } from './satisfaction.component.js';

AcSatisfaction.define('ac-satisfaction');

declare global {
  interface HTMLElementTagNameMap {
    'ac-satisfaction': AcSatisfaction;
  }
}
