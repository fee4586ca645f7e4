import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LOCALES, type AftercareClient, type CustomerClient, type Locale } from '../../src/index.js';
import { agentClientContext, clientContext, localeContext } from './context.js';

/** Picks a supported locale for a BCP 47 tag: `zh`, `zh-Hans`, `zh-CN` → `zh-CN`; anything else → `en`. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return (LOCALES as readonly string[]).includes(tag) ? (tag as Locale) : undefined;
}

/**
 * Base of every Aftercare element: a typed `emit()` for bubbling, composed events,
 * locale resolution, and a `define()` that is harmless when the tag already exists
 * (host pages do load scripts twice).
 */
export class AftercareElement extends LitElement {
  /** `zh-CN` or `en`; when absent, the enclosing `<ac-provider>`'s, the nearest `lang` attribute, then the browser's language. */
  @property({ reflect: true }) locale?: string;

  /** The locale of the enclosing `<ac-provider>`, if it sets one. */
  @consume({ context: localeContext, subscribe: true }) @state() protected providerLocale?: Locale;

  /** Registers `tagName` for this class unless something already holds it. */
  static define(tagName: string): void {
    if (!customElements.get(tagName)) customElements.define(tagName, this);
  }

  /** The locale strings are drawn from. */
  get resolvedLocale(): Locale {
    return (
      matchLocale(this.locale) ??
      this.providerLocale ??
      matchLocale(this.closest('[lang]')?.getAttribute('lang')) ??
      matchLocale(globalThis.navigator?.language) ??
      'en'
    );
  }

  /** Dispatches a bubbling, composed, typed event. */
  protected emit<K extends keyof AftercareEventMap>(name: K, detail: AftercareEventMap[K]['detail']): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}

/**
 * Base of the customer elements (form, tracker, satisfaction, knowledge search): the client
 * comes from the `client` property or from the nearest enclosing `<ac-provider>`. Elements
 * reach data and actions only through it. They need only a {@link CustomerClient}, so a
 * customer page in remote mode gets the lean one; the full `AftercareClient` is one too.
 */
export class AftercareClientElement extends AftercareElement {
  /** The client to use; default the one of the enclosing `<ac-provider>`. */
  @property({ attribute: false }) client?: CustomerClient;

  /** The enclosing provider's client. */
  @consume({ context: clientContext, subscribe: true }) @state() protected providerClient?: CustomerClient;

  /** The client in use: the `client` property, else the provider's. */
  get activeClient(): CustomerClient | undefined {
    return this.client ?? this.providerClient;
  }
}

/**
 * Base of the agent elements (queue, ticket detail): they need the full `AftercareClient` —
 * Redux store, queues, selectors, agent operations. From the `client` property, or from the
 * nearest `<ac-provider>`, which loads the full client when an element of this kind asks for
 * it (`agentClientContext`) and gives it to every element inside.
 */
export class AftercareAgentElement extends AftercareElement {
  /** The full client to use; default the one of the enclosing `<ac-provider>`. */
  @property({ attribute: false }) client?: AftercareClient;

  /** The enclosing provider's full client, once loaded. */
  @consume({ context: agentClientContext, subscribe: true }) @state() protected providerClient?: AftercareClient;

  /** The client in use: the `client` property, else the provider's (`undefined` while it loads). */
  get activeClient(): AftercareClient | undefined {
    return this.client ?? this.providerClient;
  }
}

/**
 * Every event Aftercare elements dispatch, by name. Elements add their entries by
 * declaration merging; the same entries are merged into `GlobalEventHandlersEventMap`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AftercareEventMap {}
