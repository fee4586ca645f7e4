import type { Locale } from '../../src/index.js';

/** One string table per locale; `en` is the fallback for a missing key. */
export type StringTables<K extends string> = Record<Locale, Record<K, string>>;

/**
 * A translator over string tables: `t(locale, 'key', { n: 2 })` fills `{n}`. Tables are plain
 * objects checked by the compiler (every locale has every key), small enough for customer pages.
 */
export function translator<K extends string>(tables: StringTables<K>) {
  return (locale: Locale, key: K, vars: Record<string, string | number> = {}): string =>
    (tables[locale]?.[key] ?? tables.en[key]).replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}
