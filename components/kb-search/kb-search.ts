import { AcKbSearch } from './kb-search.component.js';

export { AcKbSearch };

AcKbSearch.define('ac-kb-search');

declare global {
  interface HTMLElementTagNameMap {
    'ac-kb-search': AcKbSearch;
  }
}
