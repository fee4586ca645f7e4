import { ValidationError, type ValidationIssue } from '../errors.js';
import { CHANNELS, PRIORITIES } from './constants.js';
import { toValidationIssues } from './issues.js';
import * as l from './lean-schema.js';
import { LIMITS } from './limits.js';
import type { MessageInput, RatingInput, TicketInput } from './schema.js';
import { hasVisibleText, isCalendarDate, isFreeOfControlCharacters, isFreeOfControlCharactersMultiline, isWellFormedText } from './text.js';
import type { ValidTicketInput } from './new-ticket.js';

// The checks of what a customer sends — a ticket, a reply, a rating, a reopen — as the lean
// schemas of `lean-schema.ts`: the rules of `schema.ts` (which stays the reference for the rest of
// the SDK and for servers), without valibot, for customer pages. A differential property test
// (`test/core/customer-checks.test.ts`) runs both on the same inputs and wants the same issues
// and outputs; change a rule in both places.

const lineText = (max: number, required = true) =>
  l.pipe(
    l.string(),
    l.check(isWellFormedText, 'malformed_text'),
    l.check(isFreeOfControlCharacters, 'control_characters'),
    ...(required ? [l.check(hasVisibleText, 'required')] : []),
    l.maxGraphemes(max),
  );

const multilineText = (max: number, required = false) =>
  l.pipe(
    l.string(),
    l.check(isWellFormedText, 'malformed_text'),
    l.check(isFreeOfControlCharactersMultiline, 'control_characters'),
    ...(required ? [l.check(hasVisibleText, 'required')] : []),
    l.maxGraphemes(max),
  );

const id = l.pipe(l.string(), l.minLength(1, 'required'), l.maxLength(LIMITS.id), l.regex(/^[^\s\u0000-\u001f\u007f-\u009f]+$/u, 'invalid_format'));
const slug = l.pipe(l.string(), l.regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'invalid_format'));
const isoDate = l.pipe(l.string(), l.check(isCalendarDate, 'invalid_format'));
const PHONE = /^\+?[0-9][0-9 ()-]*[0-9]$/;
const phone = l.pipe(
  l.string(),
  l.regex(PHONE, 'invalid_format'),
  l.check((s: string) => {
    const digits = s.replace(/\D/g, '').length;
    return digits >= 5 && digits <= 20;
  }, 'invalid_format'),
);

type Contact = { phone?: string; email?: string; wechat?: string };
const contact = l.pipe(
  l.strictObject<Contact>({
    phone: l.optional(phone),
    email: l.optional(l.pipe(l.string(), l.maxLength(254), l.email())),
    wechat: l.optional(lineText(64)),
  }),
  l.check((c: Contact) => c.phone !== undefined || c.email !== undefined || c.wechat !== undefined, 'contact_required'),
);

type Product = { purchaseDate?: string; warrantyEnd?: string };
type Location = { lat?: number; lng?: number };
const attachments = l.pipe(
  l.array(
    l.strictObject({
      id: l.optional(id),
      name: lineText(LIMITS.attachmentName),
      type: l.pipe(l.string(), l.regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'invalid_format')),
      size: l.pipe(l.number(), l.integer(), l.minValue(0)),
      url: l.optional(l.pipe(l.string(), l.maxLength(2048), l.regex(/^(https?:|blob:|data:|\/)/, 'invalid_format'))),
    }),
  ),
  l.maxLength(LIMITS.attachments),
);
const ids = l.pipe(l.array(id), l.maxLength(50));

const ticketInput = l.strictObject<ValidTicketInput>({
  type: l.optional(slug, 'repair'),
  subject: lineText(LIMITS.subject),
  description: l.optional(multilineText(LIMITS.description), ''),
  priority: l.optional(l.picklist(PRIORITIES), 'normal'),
  channel: l.optional(l.picklist(CHANNELS), 'web'),
  customer: l.strictObject({
    id: l.optional(id),
    name: lineText(LIMITS.name),
    tier: l.optional(slug, 'standard'),
    contact,
    organization: l.optional(lineText(LIMITS.name)),
  }),
  product: l.optional(
    l.pipe(
      l.strictObject<Product>({
        model: l.optional(lineText(64)),
        serialNumber: l.optional(lineText(64)),
        purchaseDate: l.optional(isoDate),
        warrantyEnd: l.optional(isoDate),
      }),
      l.forward(l.check((p: Product) => p.purchaseDate === undefined || p.warrantyEnd === undefined || p.warrantyEnd >= p.purchaseDate, 'warranty_before_purchase'), 'warrantyEnd'),
    ),
  ),
  customFields: l.optional(
    l.pipe(
      l.record(
        slug,
        l.union(
          [
            l.nullValue(),
            l.boolean(),
            l.pipe(l.number(), l.finite()),
            multilineText(LIMITS.customFieldText),
            l.pipe(l.array(lineText(LIMITS.tag * 4)), l.maxLength(LIMITS.tags)),
          ],
          'invalid_type',
        ),
      ),
      l.check((r: object) => Object.keys(r).length <= LIMITS.customFields, 'too_long'),
    ),
    {},
  ),
  tags: l.optional(l.pipe(l.array(lineText(LIMITS.tag)), l.maxLength(LIMITS.tags)), []),
  category: l.optional(slug),
  groupId: l.optional(id),
  collaboratorIds: l.optional(ids, []),
  parentId: l.optional(id),
  attachments: l.optional(attachments, []),
  location: l.optional(
    l.pipe(
      l.strictObject<Location>({
        address: lineText(LIMITS.address),
        lat: l.optional(l.pipe(l.number(), l.finite(), l.minValue(-90), l.maxValue(90))),
        lng: l.optional(l.pipe(l.number(), l.finite(), l.minValue(-180), l.maxValue(180))),
      }),
      l.forward(l.check((p: Location) => (p.lat === undefined) === (p.lng === undefined), 'coordinates_pair'), 'lat'),
    ),
  ),
});

const message = l.strictObject<Required<MessageInput>>({
  body: multilineText(LIMITS.message, true),
  attachments: l.optional(attachments, []),
  mentions: l.optional(ids, []),
});

const score = l.pipe(l.number(), l.integer(), l.minValue(1), l.maxValue(5));
const rating = l.strictObject<RatingInput>({
  score,
  comment: l.optional(multilineText(2_000)),
  dimensions: l.optional(l.record(slug, score)),
});

const transition = l.strictObject({
  action: l.pipe(l.string(), l.regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'invalid_format')),
  note: l.optional(multilineText(LIMITS.message)),
  assigneeId: l.optional(id),
  assigneeName: l.optional(lineText(LIMITS.name)),
  groupId: l.optional(id),
  priority: l.optional(l.picklist(PRIORITIES)),
  scheduledAt: l.optional(l.pipe(l.string(), l.check((s: string) => !Number.isNaN(Date.parse(s)), 'invalid_format'))),
});

function parseOrThrow<T>(schema: l.LeanSchema<T>, input: unknown, subject: string, extra: readonly ValidationIssue[] = []): T {
  const result = l.parse(schema, input);
  const issues = result.issues ? [...toValidationIssues(result.issues), ...extra] : [...extra];
  if (issues.length > 0) throw new ValidationError(issues, subject);
  return result.value as T;
}

const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Checks a ticket input as `validateTicketInput` (and so `createTicket`) does, at `now` (epoch
 * ms): throws `ValidationError` listing every bad field, or returns the input with defaults.
 */
export function checkTicketInput(input: TicketInput, now: number = Date.now()): ValidTicketInput {
  // One day of slack: a purchase date is a local date and the customer may be ahead of UTC.
  const purchaseDate = (input as { product?: { purchaseDate?: unknown } } | null | undefined)?.product?.purchaseDate;
  const future: ValidationIssue[] =
    typeof purchaseDate === 'string' && isCalendarDate(purchaseDate) && purchaseDate > dateOnly(now + 86_400_000)
      ? [{ path: 'product.purchaseDate', code: 'out_of_range', message: 'must not be in the future' }]
      : [];
  return parseOrThrow(ticketInput, input, 'ticket', future);
}

/**
 * Checks a ticket input's fields as the contract's schema does, without the purchase date's
 * check against a clock (a transport leaves that to the desk's clock).
 */
export const checkTicketFields = (input: TicketInput): ValidTicketInput => parseOrThrow(ticketInput, input, 'ticket');
/** Checks a reply (`ValidationError`); returns it with defaults. */
export const checkMessage = (input: MessageInput): Required<MessageInput> => parseOrThrow(message, input, 'reply');
/** Checks a rating (`ValidationError`). */
export const checkRating = (input: RatingInput): RatingInput => parseOrThrow(rating, input, 'rating');
/** Checks a customer's workflow action, such as a reopen (`ValidationError`). */
export const checkTransition = (input: unknown): unknown => parseOrThrow(transition, input, 'transition');

/** @internal The schemas, for the differential test against `schema.ts`. */
export const leanInputSchemas = { ticketInput, message, rating, transition };
