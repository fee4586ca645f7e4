import { AcProvider } from './provider.component.js';

export { AcProvider };

AcProvider.define('ac-provider');

declare global {
  interface HTMLElementTagNameMap {
    'ac-provider': AcProvider;
  }
}
