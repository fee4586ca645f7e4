import * as v from 'valibot';
import { LIMITS } from './limits.js';
import { CHANNELS, PRIORITIES, type Channel, type Priority } from './constants.js';
import type { AttachmentMeta, ContactInfo, CustomFieldValue, Location, Product } from './types.js';
import {
  hasVisibleText,
  isCalendarDate,
  isFreeOfControlCharacters,
  isFreeOfControlCharactersMultiline,
  isWellFormedText,
} from './text.js';

// In a module of their own: pages use the limits without loading valibot.
export { LIMITS };

/** Single-line text: well-formed, no control characters, at most `max` graphemes. */
export function lineText(max: number, { required = true } = {}) {
  return v.pipe(
    v.string(),
    v.check(isWellFormedText, 'malformed_text'),
    v.check(isFreeOfControlCharacters, 'control_characters'),
    ...(required ? [v.check(hasVisibleText, 'required')] : []),
    v.maxGraphemes(max),
  );
}

/** Multi-line text: like {@link lineText} but tab and line breaks are allowed. */
export function multilineText(max: number, { required = false } = {}) {
  return v.pipe(
    v.string(),
    v.check(isWellFormedText, 'malformed_text'),
    v.check(isFreeOfControlCharactersMultiline, 'control_characters'),
    ...(required ? [v.check(hasVisibleText, 'required')] : []),
    v.maxGraphemes(max),
  );
}

/** An id chosen by an integrator (customer id, agent id, group id…). */
export const idSchema = v.pipe(
  v.string(),
  v.minLength(1, 'required'),
  v.maxLength(LIMITS.id),
  v.regex(/^[^\s\u0000-\u001f\u007f-\u009f]+$/u, 'invalid_format'),
);

/** A lowercase slug: ticket types, categories, custom field keys. */
export const slugSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'invalid_format'));

/** `YYYY-MM-DD`, a real calendar date. */
export const isoDateSchema = v.pipe(v.string(), v.check(isCalendarDate, 'invalid_format'));

// Digits with the usual separators and an optional leading +; 5 to 20 digits.
const PHONE = /^\+?[0-9][0-9 ()-]*[0-9]$/;
const phoneSchema = v.pipe(
  v.string(),
  v.regex(PHONE, 'invalid_format'),
  v.check((s) => {
    const digits = s.replace(/\D/g, '').length;
    return digits >= 5 && digits <= 20;
  }, 'invalid_format'),
);

export const contactSchema = v.pipe(
  v.strictObject({
    phone: v.optional(phoneSchema),
    email: v.optional(v.pipe(v.string(), v.maxLength(254), v.email())),
    wechat: v.optional(lineText(64)),
  }),
  v.check((c) => c.phone !== undefined || c.email !== undefined || c.wechat !== undefined, 'contact_required'),
);

export const customerInputSchema = v.strictObject({
  id: v.optional(idSchema),
  name: lineText(LIMITS.name),
  tier: v.optional(slugSchema, 'standard'),
  contact: contactSchema,
  organization: v.optional(lineText(LIMITS.name)),
});

export const productSchema = v.pipe(
  v.strictObject({
    model: v.optional(lineText(64)),
    serialNumber: v.optional(lineText(64)),
    purchaseDate: v.optional(isoDateSchema),
    warrantyEnd: v.optional(isoDateSchema),
  }),
  v.forward(
    v.check(
      (p) => p.purchaseDate === undefined || p.warrantyEnd === undefined || p.warrantyEnd >= p.purchaseDate,
      'warranty_before_purchase',
    ),
    ['warrantyEnd'],
  ),
);

export const locationSchema = v.pipe(
  v.strictObject({
    address: lineText(LIMITS.address),
    lat: v.optional(v.pipe(v.number(), v.finite(), v.minValue(-90), v.maxValue(90))),
    lng: v.optional(v.pipe(v.number(), v.finite(), v.minValue(-180), v.maxValue(180))),
  }),
  v.forward(
    v.check((l) => (l.lat === undefined) === (l.lng === undefined), 'coordinates_pair'),
    ['lat'],
  ),
);

export const attachmentSchema = v.strictObject({
  id: v.optional(idSchema),
  name: lineText(LIMITS.attachmentName),
  type: v.pipe(v.string(), v.regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'invalid_format')),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  url: v.optional(v.pipe(v.string(), v.maxLength(2048), v.regex(/^(https?:|blob:|data:|\/)/, 'invalid_format'))),
});

export const customFieldValueSchema = v.union(
  [
    v.null(),
    v.boolean(),
    v.pipe(v.number(), v.finite()),
    multilineText(LIMITS.customFieldText),
    v.pipe(v.array(lineText(LIMITS.tag * 4)), v.maxLength(LIMITS.tags)),
  ],
  'invalid_type',
);

export const customFieldsSchema = v.pipe(
  v.record(slugSchema, customFieldValueSchema),
  v.check((r) => Object.keys(r).length <= LIMITS.customFields, 'too_long'),
);

export const tagsSchema = v.pipe(v.array(lineText(LIMITS.tag)), v.maxLength(LIMITS.tags));

/** What a caller supplies to create a ticket. */
export const ticketInputSchema = v.strictObject({
  type: v.optional(slugSchema, 'repair'),
  subject: lineText(LIMITS.subject),
  description: v.optional(multilineText(LIMITS.description), ''),
  priority: v.optional(v.picklist(PRIORITIES), 'normal'),
  channel: v.optional(v.picklist(CHANNELS), 'web'),
  customer: customerInputSchema,
  product: v.optional(productSchema),
  customFields: v.optional(customFieldsSchema, {}),
  tags: v.optional(tagsSchema, []),
  category: v.optional(slugSchema),
  groupId: v.optional(idSchema),
  collaboratorIds: v.optional(v.pipe(v.array(idSchema), v.maxLength(50)), []),
  parentId: v.optional(idSchema),
  attachments: v.optional(v.pipe(v.array(attachmentSchema), v.maxLength(LIMITS.attachments)), []),
  location: v.optional(locationSchema),
});

/** Input accepted by `createTicket`. Limits are in {@link LIMITS}, counted in grapheme clusters. */
export interface TicketInput {
  /** Default `repair`. */
  type?: string;
  subject: string;
  /** Default `''`. Line breaks and tabs are allowed. */
  description?: string;
  /** Default `normal`. */
  priority?: Priority;
  /** Default `web`. */
  channel?: Channel;
  /** `id` is generated when absent; `tier` defaults to `standard`; `contact` needs at least one way to reach them. */
  customer: { id?: string; name: string; tier?: string; contact: ContactInfo; organization?: string };
  product?: Product;
  customFields?: Record<string, CustomFieldValue>;
  tags?: string[];
  category?: string;
  groupId?: string;
  collaboratorIds?: string[];
  parentId?: string;
  /** Metadata of files already stored; `id` is generated when absent. */
  attachments?: Array<Omit<AttachmentMeta, 'id'> & { id?: string }>;
  location?: Location;
}

/** A date and time `Date.parse` reads (ISO 8601). @internal */
export const instantSchema = v.pipe(v.string(), v.check((s) => !Number.isNaN(Date.parse(s)), 'invalid_format'));

/**
 * A workflow action sent by a transport (the customer's reopen, an agent's transition).
 * @internal The reference for the lean `checkTransition` (`customer-checks.ts`).
 */
export const transitionInputSchema = v.strictObject({
  action: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'invalid_format')),
  note: v.optional(multilineText(LIMITS.message)),
  assigneeId: v.optional(idSchema),
  assigneeName: v.optional(lineText(LIMITS.name)),
  groupId: v.optional(idSchema),
  priority: v.optional(v.picklist(PRIORITIES)),
  scheduledAt: v.optional(instantSchema),
});

/** A public reply or internal note body. */
export const messageSchema = v.strictObject({
  body: multilineText(LIMITS.message, { required: true }),
  attachments: v.optional(v.pipe(v.array(attachmentSchema), v.maxLength(LIMITS.attachments)), []),
  mentions: v.optional(v.pipe(v.array(idSchema), v.maxLength(50)), []),
});

/** Input of a reply or an internal note. */
export interface MessageInput {
  body: string;
  attachments?: Array<Omit<AttachmentMeta, 'id'> & { id?: string }>;
  /** Agent ids mentioned in an internal note. */
  mentions?: string[];
}

/** A customer's rating. */
export const ratingSchema = v.strictObject({
  score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  comment: v.optional(multilineText(2_000)),
  dimensions: v.optional(
    v.record(slugSchema, v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))),
  ),
});

/** Input of a rating. */
export interface RatingInput {
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  score: number;
  comment?: string;
  /** Per-dimension scores 1–5, e.g. `{ timeliness: 4, attitude: 5 }`. */
  dimensions?: Record<string, number>;
}

// The documented interfaces and the schemas must describe the same input.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inputsMatchSchemas: [
  Same<TicketInput, v.InferInput<typeof ticketInputSchema>>,
  Same<MessageInput, v.InferInput<typeof messageSchema>>,
  Same<RatingInput, v.InferInput<typeof ratingSchema>>,
] = [true, true, true];
void inputsMatchSchemas;
