import { provide } from '@lit/context';
import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createClient, httpTransport, type AftercareClient, type ClientOptions, type Locale } from '../../src/index.js';
import { AftercareElement, matchLocale } from '../base/aftercare-element.js';
import { clientContext, localeContext } from '../base/context.js';
import { providerStyles } from './provider.styles.js';

/**
 * @summary Gives every Aftercare element inside it one client and one locale.
 *
 * @tag ac-provider
 *
 * Without `api-base` it runs the embedded default: a whole service desk in the page, stored
 * in IndexedDB. With `api-base` it talks to a backend speaking `docs/openapi.yaml`, signing
 * requests with `user-token` (agents); customers need no token. Or set the `client` property
 * to a client you made with `createClient()`: the provider then leaves its life to you.
 *
 * @slot - The elements that use the client.
 */
export class AcProvider extends AftercareElement {
  static override styles = providerStyles;

  /** Base URL of the REST backend; absent: local mode (IndexedDB in this browser). */
  @property({ attribute: 'api-base', reflect: true }) apiBase?: string;

  /** Bearer token of the signed-in agent or user, sent as `Authorization: Bearer`. */
  @property({ attribute: 'user-token' }) userToken?: string;

  /** IndexedDB database name of local mode; default `aftercare`. */
  @property({ attribute: 'database-name' }) databaseName?: string;

  /** A client made by the page; wins over `api-base`. The provider never closes it. */
  @property({ attribute: false }) client?: AftercareClient;

  /** More options for the client the provider makes (routing rules, SLA policies, knowledge…). */
  @property({ attribute: false }) clientOptions?: ClientOptions;

  @provide({ context: clientContext }) @state() protected provided?: AftercareClient;
  @provide({ context: localeContext }) @state() protected providedLocale?: Locale;

  /** The client this provider made (and must close), if any. */
  private owned?: AftercareClient;

  /** The client the descendants get. */
  get activeClient(): AftercareClient | undefined {
    return this.provided;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.provided) this.provided = this.client ?? this.makeClient();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.owned?.close();
    this.owned = undefined;
    if (!this.client) this.provided = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A nested provider without a locale passes its parent's on.
    if (changed.has('locale') || changed.has('providerLocale')) this.providedLocale = matchLocale(this.locale) ?? this.providerLocale;
    const remake = changed.has('apiBase') || changed.has('databaseName') || changed.has('clientOptions');
    if (changed.has('client') || (remake && this.isConnected && this.provided !== undefined)) {
      if (this.client) {
        void this.owned?.close();
        this.owned = undefined;
        this.provided = this.client;
      } else if (this.isConnected && (remake || changed.has('client'))) {
        const old = this.owned;
        this.provided = this.makeClient();
        void old?.close();
      }
    }
  }

  private makeClient(): AftercareClient {
    const options: ClientOptions = { ...this.clientOptions };
    if (this.apiBase) {
      options.transport = httpTransport({ baseUrl: this.apiBase, getToken: () => this.userToken || undefined });
    } else if (this.databaseName) options.databaseName = this.databaseName;
    this.owned = createClient(options);
    return this.owned;
  }

  override render() {
    return html`<slot></slot>`;
  }
}
