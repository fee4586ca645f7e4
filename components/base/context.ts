import { createContext } from '@lit/context';
import type { AftercareClient, Locale } from '../../src/index.js';

/** The client `<ac-provider>` gives its descendants. */
export const clientContext = createContext<AftercareClient | undefined>(Symbol('aftercare-client'));

/** The locale `<ac-provider locale="…">` gives its descendants (an element's own `locale` wins). */
export const localeContext = createContext<Locale | undefined>(Symbol('aftercare-locale'));
