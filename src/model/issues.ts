import { type ValidationIssue, type ValidationIssueCode } from '../errors.js';

/**
 * What {@link toValidationIssues} reads of a schema issue. valibot's issues have this shape, and
 * so do the lean checks' (`lean-schema.ts`), so both end in the same codes and messages.
 */
export interface SchemaIssue {
  readonly kind: string;
  readonly type: string;
  readonly input: unknown;
  readonly expected: string | null;
  readonly received: string;
  readonly message: string;
  readonly requirement?: unknown;
  readonly path?: ReadonlyArray<{ readonly key: unknown }> | undefined;
}

const CUSTOM_CODES = new Set<string>([
  'required',
  'too_short',
  'too_long',
  'invalid_format',
  'out_of_range',
  'control_characters',
  'malformed_text',
  'unknown_value',
  'invalid',
]);

const MESSAGES: Record<ValidationIssueCode, (issue: SchemaIssue) => string> = {
  required: () => 'is required',
  invalid_type: (i) => `must be ${i.expected ?? 'of another type'}, got ${i.received}`,
  too_short: (i) => `is too short (at least ${i.requirement as number})`,
  too_long: (i) =>
    typeof i.requirement === 'number' ? `is too long (at most ${i.requirement})` : 'is too long',
  invalid_format: (i) => `has an invalid format${i.type === 'email' ? ' (e-mail address expected)' : ''}`,
  out_of_range: (i) =>
    typeof i.requirement === 'number' ? `is out of range (limit ${i.requirement})` : 'is out of range',
  control_characters: () => 'must not contain control characters',
  malformed_text: () => 'contains malformed text (lone surrogate)',
  unknown_value: (i) => `must be one of ${i.expected ?? 'the allowed values'}`,
  unknown_field: () => 'is not a known field',
  invalid: (i) => i.message,
  too_large: () => 'is too large',
  type_not_allowed: () => 'is not an accepted type',
  too_many: () => 'has too many files',
};

/** Checks whose message token carries a code and a more precise explanation. */
const SPECIFIC: Record<string, [ValidationIssueCode, string]> = {
  contact_required: ['required', 'needs a phone number, an e-mail address or a WeChat id'],
  coordinates_pair: ['required', 'lat and lng must be given together'],
  warranty_before_purchase: ['out_of_range', 'must not be before the purchase date'],
};

function codeOf(issue: SchemaIssue): ValidationIssueCode {
  const specific = SPECIFIC[issue.message];
  if (specific) return specific[0];
  if (CUSTOM_CODES.has(issue.message)) return issue.message as ValidationIssueCode;
  switch (issue.type) {
    case 'strict_object':
      // A missing key of a strict object is a strict_object issue with no input.
      return issue.expected === 'never' ? 'unknown_field' : issue.input === undefined ? 'required' : 'invalid_type';
    case 'min_graphemes':
    case 'min_length':
      return 'too_short';
    case 'max_graphemes':
    case 'max_length':
      return 'too_long';
    case 'email':
    case 'regex':
    case 'iso_date':
    case 'iso_timestamp':
      return 'invalid_format';
    case 'min_value':
    case 'max_value':
    case 'integer':
    case 'finite':
      return 'out_of_range';
    case 'picklist':
      return 'unknown_value';
    default:
      return issue.kind === 'schema' ? (issue.input === undefined ? 'required' : 'invalid_type') : 'invalid';
  }
}

/** The dotted path of an issue (`customer.contact.phone`). */
export function pathOf(issue: Pick<SchemaIssue, 'path'>): string {
  return (issue.path ?? []).map((p) => String(p.key)).join('.');
}

/** Turns schema issues into Aftercare's {@link ValidationIssue}s (stable codes, English messages). */
export function toValidationIssues(issues: readonly SchemaIssue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const code = codeOf(issue);
    const message = SPECIFIC[issue.message]?.[1] ?? MESSAGES[code](issue);
    return { path: pathOf(issue), code, message };
  });
}
