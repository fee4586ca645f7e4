import { provide, type Context, type ContextEvent } from '@lit/context';
import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createCustomerClient } from '../../src/client/customer-client.js';
import { deferredClient } from '../../src/client/deferred-client.js';
import { customerHttpTransport } from '../../src/client/http-customer.js';
import type { AftercareClient, ClientOptions, CustomerClient, Locale } from '../../src/index.js';
import { AftercareElement, matchLocale } from '../base/aftercare-element.js';
import { agentClientContext, clientContext, localeContext } from '../base/context.js';
import { providerStyles } from './provider.styles.js';

const isFullClient = (client: CustomerClient | undefined): client is AftercareClient => client !== undefined && 'store' in client;

/**
 * @summary Gives every Aftercare element inside it one client and one locale.
 *
 * @tag ac-provider
 *
 * Without `api-base` it runs the embedded default: a whole service desk in the page, stored
 * in IndexedDB (its code — Dexie, the local engine — loads on demand). With `api-base` it
 * talks to a backend speaking `docs/openapi.yaml`, signing requests with `user-token`;
 * customers need no token. Or set the `client` property to a client you made with
 * `createClient()` or `createCustomerClient()`: the provider then leaves its life to you.
 *
 * Customer elements (form, tracker, satisfaction, knowledge search) get a `CustomerClient`
 * (`clientContext`). In remote mode that is the lean `createCustomerClient` — no Redux store,
 * no workflow or SLA engine — so a customer page stays small. Agent elements (queue, ticket
 * detail: subclasses of `AftercareAgentElement`) need the full `AftercareClient`: they ask for
 * it through `agentClientContext`, and the provider then loads `createClient` (a separate
 * chunk), gives it to every element inside — customer elements too, whose lean client it
 * closes — and keeps it while connected. Local mode always runs the full client. Code that
 * is not an element gets it with `await provider.fullClient()`.
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

  /**
   * A client made by the page; wins over `api-base`. The provider never closes it. Agent
   * elements get it only if it is a full client (`createClient`).
   */
  @property({ attribute: false }) client?: CustomerClient;

  /**
   * More options for the clients the provider makes (routing rules, SLA policies, knowledge,
   * outbox…). A customer page in remote mode uses `transport`, `outbox`, `outboxName`,
   * `retry`, `attachments` and `now`; the rest apply to the full client.
   */
  @property({ attribute: false }) clientOptions?: ClientOptions;

  @provide({ context: clientContext }) @state() protected provided?: CustomerClient;
  @provide({ context: agentClientContext }) @state() protected providedFull?: AftercareClient;
  @provide({ context: localeContext }) @state() protected providedLocale?: Locale;

  /** The clients this provider made (and must close). */
  private owned: CustomerClient[] = [];
  /** The full client this provider made or is loading. */
  private full?: Promise<AftercareClient>;
  /** An agent element asked for the full client: a remade setup loads it again. */
  private agentsAsked = false;
  /** Bumped whenever the clients are remade: a load that finishes after that is dropped. */
  private generation = 0;

  constructor() {
    super();
    // An agent element asks for the full client: load it (the request itself is answered by
    // the context provider, with the client once it is there).
    this.addEventListener('context-request', (event: ContextEvent<Context<unknown, unknown>>) => {
      if (event.context !== agentClientContext || (event.contextTarget ?? event.composedPath()[0]) === this) return;
      this.agentsAsked = true;
      if (this.isConnected && !this.client) void this.fullClient().catch(() => undefined);
    });
  }

  /** The client customer elements get. */
  get activeClient(): CustomerClient | undefined {
    return this.provided;
  }

  /**
   * The full `AftercareClient` (store, queues, agent operations): the `client` property when
   * it is one, else the one this provider makes — loaded on the first call and given to every
   * element inside from then on. Rejects when the page's own `client` is not a full client.
   */
  fullClient(): Promise<AftercareClient> {
    if (this.client) return isFullClient(this.client) ? Promise.resolve(this.client) : Promise.reject(new TypeError('The client property is not a full client (createClient)'));
    if (!this.full) {
      const generation = this.generation;
      const full = import('./full-client.js').then(({ createClient, httpTransport }) => {
        if (generation !== this.generation) throw new Error('The provider was reset meanwhile');
        const options: ClientOptions = { ...this.clientOptions };
        if (this.apiBase) options.transport = httpTransport({ baseUrl: this.apiBase, getToken: () => this.userToken || undefined });
        else if (this.databaseName) options.databaseName = this.databaseName;
        const made = createClient(options);
        // Customer elements move to it too: one client, one outbox, one store per page.
        const lean = this.provided && !this.owned.includes(this.provided) ? undefined : this.provided;
        this.owned.push(made);
        this.providedFull = made;
        if (lean?.mode === 'remote') {
          this.provided = made;
          this.owned = this.owned.filter((c) => c !== lean);
          void lean.close();
        }
        return made;
      });
      this.full = full;
      full.catch(() => {
        if (this.full === full) this.full = undefined;
      });
    }
    return this.full;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.provided) return;
    if (this.client) this.useOwn();
    // After the elements inside have connected: agent elements among them ask for the full
    // client first, so no lean one is made just to be replaced.
    else queueMicrotask(() => this.isConnected && !this.provided && !this.client && this.makeClients());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.reset();
    if (!this.client) this.provided = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A nested provider without a locale passes its parent's on.
    if (changed.has('locale') || changed.has('providerLocale')) this.providedLocale = matchLocale(this.locale) ?? this.providerLocale;
    const remake = changed.has('apiBase') || changed.has('databaseName') || changed.has('clientOptions');
    if (changed.has('client') || (remake && this.isConnected && this.provided !== undefined)) {
      if (this.client) {
        this.reset();
        this.useOwn();
      } else if (this.isConnected && (remake || changed.has('client'))) {
        this.reset();
        this.makeClients();
      }
    }
  }

  private useOwn() {
    this.provided = this.client;
    this.providedFull = isFullClient(this.client) ? this.client : undefined;
  }

  /** Closes what this provider made; a load still under way is dropped when it lands. */
  private reset() {
    this.generation += 1;
    for (const c of this.owned.splice(0)) void c.close();
    this.full = undefined;
    this.providedFull = undefined;
  }

  private makeClients() {
    const options = this.clientOptions ?? {};
    const transport = this.apiBase ? undefined : options.transport;
    if (!this.apiBase && !transport) {
      // Local mode: the whole desk runs here, on the full client; elements get it at once and
      // their calls wait for its code.
      this.provided = deferredClient('local', this.fullClient(), options.attachments);
    } else if (this.agentsAsked) {
      this.provided = deferredClient('remote', this.fullClient(), options.attachments);
    } else {
      const lean = createCustomerClient({
        transport: transport ?? customerHttpTransport({ baseUrl: this.apiBase!, getToken: () => this.userToken || undefined }),
        ...(options.outbox !== undefined ? { outbox: options.outbox } : {}),
        ...(options.outboxName !== undefined ? { outboxName: options.outboxName } : {}),
        ...(options.retry !== undefined ? { retry: options.retry } : {}),
        ...(options.attachments !== undefined ? { attachments: options.attachments } : {}),
        ...(options.now !== undefined ? { now: options.now } : {}),
      });
      this.owned.push(lean);
      this.provided = lean;
    }
  }

  override render() {
    return html`<slot></slot>`;
  }
}
