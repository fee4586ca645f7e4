import type { SchemaIssue } from './issues.js';

// A small schema checker for the customer's half of the contract. Customer pages check what the
// customer sends and what the server answers; valibot and its schemas cost those pages about
// 6 kB gzip, more than the rest of their checks together. This module runs the same rules with
// valibot's semantics for the subset the customer contract uses — every issue collected, the
// same issue types, paths, expectations and messages, defaults filled in, unknown keys refused by
// strict objects and kept by loose ones — so `toValidationIssues` turns its issues into the same
// codes and messages. The valibot schemas (`schema.ts`, `http-customer-schemas.ts`) stay the
// reference: a differential property test runs both on the same inputs.

/** A value on its way through a schema, as in valibot: `typed` once its type is right. */
interface Dataset {
  typed: boolean;
  value: unknown;
  issues?: Issue[];
}

type Issue = SchemaIssue & { path?: Array<{ key: unknown }> };

/** A schema: runs on a dataset and returns it. */
export interface LeanSchema<T = unknown> {
  readonly run: (dataset: Dataset) => Dataset;
  readonly expects: string;
  /** Set on `optional` and `nullish`: a strict object does not require the key. */
  readonly optional?: { readonly fallback: unknown };
  /** Only for type inference. */
  readonly output?: T;
}

/** A validation in a {@link pipe}: runs on typed values only. */
interface Validation {
  readonly type: string;
  readonly expects: string | null;
  readonly requirement?: unknown;
  readonly message?: string;
  readonly test: (value: never) => boolean;
  /** What `received` says of a failing value; default the value itself. */
  readonly received?: (value: never) => string;
  /** Where a failing check points, below the checked value (`forward`). */
  readonly forward?: string;
}

const stringify = (input: unknown): string => {
  const type = typeof input;
  if (type === 'string') return `"${input as string}"`;
  if (type === 'number' || type === 'bigint' || type === 'boolean') return String(input);
  if (type === 'object' || type === 'function') return (input ? (Object.getPrototypeOf(input) as { constructor?: { name?: string } } | null)?.constructor?.name : undefined) ?? 'null';
  return type;
};

const LABELS: Record<string, string> = {
  check: 'input',
  regex: 'format',
  email: 'email',
  min_length: 'length',
  max_length: 'length',
  max_graphemes: 'graphemes',
  integer: 'integer',
  finite: 'finite',
  min_value: 'value',
  max_value: 'value',
};

function addIssue(
  dataset: Dataset,
  kind: 'schema' | 'validation',
  type: string,
  label: string,
  expected: string | null,
  extra: { input?: unknown; received?: string; requirement?: unknown; message?: string; path?: Array<{ key: unknown }> } = {},
): void {
  const input = 'input' in extra ? extra.input : dataset.value;
  const received = extra.received ?? stringify(input);
  const issue: Issue = {
    kind,
    type,
    input,
    expected,
    received,
    message: extra.message ?? `Invalid ${label}: ${expected ? `Expected ${expected} but r` : 'R'}eceived ${received}`,
    requirement: extra.requirement,
    path: extra.path,
  };
  if (kind === 'schema') dataset.typed = false;
  (dataset.issues ??= []).push(issue);
}

/** Moves a child's issues under `key` into `dataset`. */
function adopt(dataset: Dataset, child: Dataset, key: unknown): void {
  if (!child.issues) return;
  for (const issue of child.issues) (issue.path ??= []).unshift({ key });
  (dataset.issues ??= []).push(...child.issues);
}

const schema = <T>(type: string, expects: string, accepts: (input: unknown) => boolean, message?: string): LeanSchema<T> => ({
  expects,
  run(dataset) {
    if (accepts(dataset.value)) dataset.typed = true;
    else addIssue(dataset, 'schema', type, 'type', expects, { message });
    return dataset;
  },
});

export const string = () => schema<string>('string', 'string', (x) => typeof x === 'string');
export const number = () => schema<number>('number', 'number', (x) => typeof x === 'number' && !Number.isNaN(x));
export const boolean = () => schema<boolean>('boolean', 'boolean', (x) => typeof x === 'boolean');
export const nullValue = () => schema<null>('null', 'null', (x) => x === null);
export const unknown = () => schema<unknown>('unknown', 'unknown', () => true);
/** valibot's way of listing what a schema expects: `(a | b)`, or `a` alone. */
const joinExpects = (values: string[]) => {
  const list = [...new Set(values)];
  return list.length > 1 ? `(${list.join(' | ')})` : (list[0] ?? 'never');
};

export const picklist = <const T extends readonly string[]>(options: T) =>
  schema<T[number]>('picklist', joinExpects(options.map(stringify)), (x) => options.includes(x as string));

/** `schema`, then each validation on the typed value (every one runs: all issues are reported). */
export function pipe<T>(first: LeanSchema<T>, ...steps: Array<Validation | ((value: T) => unknown)>): LeanSchema<T> {
  return {
    ...first,
    run(dataset) {
      dataset = first.run(dataset);
      for (const step of steps) {
        if (typeof step === 'function') {
          // A transformation: only on a value without issues.
          if (dataset.issues) {
            dataset.typed = false;
            break;
          }
          dataset.value = step(dataset.value as T);
        } else if (dataset.typed && !step.test(dataset.value as never)) {
          addIssue(dataset, 'validation', step.type, LABELS[step.type] ?? 'input', step.expects, {
            received: step.received?.(dataset.value as never),
            requirement: step.requirement,
            message: step.message,
            ...(step.forward !== undefined ? { path: [{ key: step.forward }] } : {}),
          });
        }
      }
      return dataset;
    },
  };
}

// Validations, named and reported as valibot's.
export const check = <T>(test: (value: T) => boolean, message: string): Validation => ({ type: 'check', expects: null, test, message, requirement: test });
export const regex = (pattern: RegExp, message?: string): Validation => ({ type: 'regex', expects: `${pattern}`, requirement: pattern, message, test: (s: string) => pattern.test(s) });
export const minLength = (n: number, message?: string): Validation => ({ type: 'min_length', expects: `>=${n}`, requirement: n, message, test: (x: { length: number }) => x.length >= n, received: (x: { length: number }) => `${x.length}` });
export const maxLength = (n: number, message?: string): Validation => ({ type: 'max_length', expects: `<=${n}`, requirement: n, message, test: (x: { length: number }) => x.length <= n, received: (x: { length: number }) => `${x.length}` });
export const integer = (): Validation => ({ type: 'integer', expects: null, requirement: Number.isInteger, test: Number.isInteger });
export const finite = (): Validation => ({ type: 'finite', expects: null, requirement: Number.isFinite, test: Number.isFinite });
export const minValue = (n: number): Validation => ({ type: 'min_value', expects: `>=${n}`, requirement: n, test: (x: number) => x >= n });
export const maxValue = (n: number): Validation => ({ type: 'max_value', expects: `<=${n}`, requirement: n, test: (x: number) => x <= n });

// valibot's e-mail pattern: one address, no display name, a dotted domain with a letter TLD.
const EMAIL = /^[\w+-]+(?:\.[\w+-]+)*@[\da-zA-Z]+(?:[.-][\da-zA-Z]+)*\.[a-zA-Z]{2,}$/u;
export const email = (): Validation => ({ type: 'email', expects: null, requirement: EMAIL, test: (s: string) => EMAIL.test(s) });

let segmenter: Intl.Segmenter | undefined;
/** Grapheme clusters in `s`, counting no further than `stop`. */
const graphemes = (s: string, stop = Infinity) => {
  let count = 0;
  for (const _ of (segmenter ??= new Intl.Segmenter()).segment(s)) if (++count >= stop) break;
  return count;
};
export const maxGraphemes = (n: number): Validation => ({
  type: 'max_graphemes',
  expects: `<=${n}`,
  requirement: n,
  // A string no longer than the limit in code units cannot be longer in graphemes: no segmenter.
  // Past the limit, counting stops at the first grapheme too many.
  test: (s: string) => s.length <= n || graphemes(s, n + 1) <= n,
  received: (s: string) => `${graphemes(s)}`,
});

/** `check` whose issue points at `key` of the checked object (valibot's `forward`). */
export const forward = (validation: Validation, key: string): Validation => ({ ...validation, forward: key });

function optionalOf<T>(wrapped: LeanSchema<T>, fallback: unknown, nullish: boolean): LeanSchema<T | undefined> {
  return {
    expects: `(${wrapped.expects} | ${nullish ? 'null | ' : ''}undefined)`,
    optional: { fallback },
    run(dataset) {
      if (dataset.value === undefined || (nullish && dataset.value === null)) {
        if (fallback !== undefined) dataset.value = typeof fallback === 'object' && fallback !== null ? freshDefault(fallback) : fallback;
        if (dataset.value === undefined || (nullish && dataset.value === null)) {
          dataset.typed = true;
          return dataset;
        }
      }
      return wrapped.run(dataset);
    },
  };
}
// Object defaults are `[]` or `{}`: a fresh one per parse, so outputs never share them.
const freshDefault = (x: object): object => (Array.isArray(x) ? [] : {});

export const optional = <T>(wrapped: LeanSchema<T>, fallback?: T) => optionalOf(wrapped, fallback, false);
export const nullish = <T>(wrapped: LeanSchema<T>) => optionalOf(wrapped, undefined, true);

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object';

/**
 * An object with `entries`. Strict: a missing key that is not optional is an issue, and so is
 * the first unknown key; the output has the known keys only. Loose: unknown keys are kept.
 */
export function object<T>(entries: Record<string, LeanSchema>, strict: boolean): LeanSchema<T> {
  const type = strict ? 'strict_object' : 'loose_object';
  return {
    expects: 'Object',
    run(dataset) {
      const input = dataset.value;
      if (!isObject(input)) {
        addIssue(dataset, 'schema', type, 'type', 'Object');
        return dataset;
      }
      dataset.typed = true;
      const output: Record<string, unknown> = {};
      dataset.value = output;
      for (const key in entries) {
        const entry = entries[key]!;
        if (key in input || (entry.optional && entry.optional.fallback !== undefined)) {
          const child = entry.run({ typed: false, value: input[key] });
          adopt(dataset, child, key);
          if (!child.typed) dataset.typed = false;
          output[key] = child.value;
        } else if (!entry.optional) {
          addIssue(dataset, 'schema', type, 'key', `"${key}"`, { input: undefined, path: [{ key }] });
        }
      }
      for (const key in input) {
        if (Object.prototype.hasOwnProperty.call(entries, key)) continue;
        if (strict) {
          addIssue(dataset, 'schema', type, 'key', 'never', { input: key, path: [{ key }] });
          break;
        }
        if (key !== '__proto__' && key !== 'prototype' && key !== 'constructor' && Object.prototype.hasOwnProperty.call(input, key)) output[key] = input[key];
      }
      return dataset;
    },
  };
}
export const strictObject = <T>(entries: Record<string, LeanSchema>) => object<T>(entries, true);
export const looseObject = <T>(entries: Record<string, LeanSchema>) => object<T>(entries, false);

/** An array of `item`. */
export function array<T>(item: LeanSchema<T>): LeanSchema<T[]> {
  return {
    expects: 'Array',
    run(dataset) {
      const input = dataset.value;
      if (!Array.isArray(input)) {
        addIssue(dataset, 'schema', 'array', 'type', 'Array');
        return dataset;
      }
      dataset.typed = true;
      const output: unknown[] = [];
      dataset.value = output;
      // An index loop, not forEach: holes of a sparse array are checked as undefined.
      for (let key = 0; key < input.length; key++) {
        const child = item.run({ typed: false, value: input[key] as unknown });
        adopt(dataset, child, key);
        if (!child.typed) dataset.typed = false;
        output.push(child.value);
      }
      return dataset;
    },
  };
}

/** A tuple: the first `items.length` entries checked, the rest dropped (valibot's `tuple`). */
export function tuple<T extends unknown[]>(items: LeanSchema[]): LeanSchema<T> {
  return {
    expects: 'Array',
    run(dataset) {
      const input = dataset.value;
      if (!Array.isArray(input)) {
        addIssue(dataset, 'schema', 'tuple', 'type', 'Array');
        return dataset;
      }
      dataset.typed = true;
      dataset.value = items.map((item, key) => {
        const child = item.run({ typed: false, value: input[key] });
        adopt(dataset, child, key);
        if (!child.typed) dataset.typed = false;
        return child.value;
      });
      return dataset;
    },
  };
}

/** A record: every own key checked by `key`, every value by `value`. */
export function record<T>(key: LeanSchema<string>, value: LeanSchema<T>): LeanSchema<Record<string, T>> {
  return {
    expects: 'Object',
    run(dataset) {
      const input = dataset.value;
      if (!isObject(input)) {
        addIssue(dataset, 'schema', 'record', 'type', 'Object');
        return dataset;
      }
      dataset.typed = true;
      const output: Record<string, T> = {};
      dataset.value = output;
      for (const k in input) {
        if (!Object.prototype.hasOwnProperty.call(input, k) || k === '__proto__' || k === 'prototype' || k === 'constructor') continue;
        const keyCheck = key.run({ typed: false, value: k });
        // A bad key's issues point at the key itself.
        for (const issue of keyCheck.issues ?? []) issue.path = [{ key: k }];
        if (keyCheck.issues) (dataset.issues ??= []).push(...keyCheck.issues);
        const child = value.run({ typed: false, value: input[k] });
        adopt(dataset, child, k);
        if (!keyCheck.typed || !child.typed) dataset.typed = false;
        if (keyCheck.typed) output[k] = child.value as T;
      }
      return dataset;
    },
  };
}

/**
 * The first option that takes the value; else, when exactly one option had the right type, its
 * issues; else one union issue (`message`).
 */
export function union<T>(options: LeanSchema[], message?: string): LeanSchema<T> {
  const expects = joinExpects(options.map((o) => o.expects));
  return {
    expects,
    run(dataset) {
      const typed: Dataset[] = [];
      const untyped: Dataset[] = [];
      for (const option of options) {
        const result = option.run({ typed: false, value: dataset.value });
        if (result.typed && !result.issues) return result;
        (result.typed ? typed : untyped).push(result);
      }
      if (typed.length === 1) return typed[0]!;
      if (typed.length === 0 && untyped.length === 1) return untyped[0]!;
      addIssue(dataset, 'schema', 'union', 'type', expects, { message });
      if (typed.length > 0) dataset.typed = true;
      return dataset;
    },
  };
}

/** The result of {@link parse}: the output, or every issue. */
export type LeanResult<T> = { value: T; issues?: undefined } | { value?: undefined; issues: readonly SchemaIssue[] };

/** Runs `schema` on `input`, collecting every issue. */
export function parse<T>(schema: LeanSchema<T>, input: unknown): LeanResult<T> {
  const dataset = schema.run({ typed: false, value: input });
  return dataset.issues ? { issues: dataset.issues } : { value: dataset.value as T };
}

/** `schema` behind the Standard Schema interface (what `decode` in the HTTP layer takes). */
export function standard<T>(schema: LeanSchema<T>): { readonly '~standard': { version: 1; vendor: string; validate: (input: unknown) => LeanResult<T>; types?: { input: unknown; output: T } } } {
  return { '~standard': { version: 1, vendor: 'aftercare', validate: (input) => parse(schema, input) } };
}
