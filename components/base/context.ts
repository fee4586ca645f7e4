import { createContext } from '@lit/context';
import type { AftercareClient, CustomerClient, Locale } from '../../src/index.js';

/** The client `<ac-provider>` gives customer elements: a lean one (remote mode) or the full one. */
export const clientContext = createContext<CustomerClient | undefined>(Symbol('aftercare-client'));

/**
 * The full client (store, queues, agent operations) `<ac-provider>` gives agent elements. Asking
 * for it makes the provider load it (a separate download) if it has not yet.
 */
export const agentClientContext = createContext<AftercareClient | undefined>(Symbol('aftercare-agent-client'));

/** The locale `<ac-provider locale="…">` gives its descendants (an element's own `locale` wins). */
export const localeContext = createContext<Locale | undefined>(Symbol('aftercare-locale'));
