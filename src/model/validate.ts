import * as v from 'valibot';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { toValidationIssues } from './issues.js';

export { toValidationIssues } from './issues.js';

/**
 * Parses `input` with `schema`, collecting every issue (not just the first).
 * Throws {@link ValidationError} listing them; returns the typed output otherwise.
 */
export function parseOrThrow<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  subject: string,
  extraIssues: (output: v.InferOutput<S>) => ValidationIssue[] = () => [],
  /** Issues found on the raw input, reported even when the schema refuses it too. */
  inputIssues: readonly ValidationIssue[] = [],
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortEarly: false });
  const issues = result.success ? extraIssues(result.output) : [...toValidationIssues(result.issues), ...inputIssues];
  if (issues.length > 0) throw new ValidationError(issues, subject);
  return result.output as v.InferOutput<S>;
}
