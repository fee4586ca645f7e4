import * as v from 'valibot';
import { PRIORITIES } from '../model/constants.js';
import { idSchema, lineText, LIMITS, multilineText } from '../model/schema.js';
import { instant } from './http-customer-schemas.js';

// The input checks of the customer's operations, loaded (with valibot and the ticket schema)
// when the customer first submits, replies, rates or reopens.
export { messageSchema, ratingSchema, ticketInputSchema } from '../model/schema.js';
export { parseOrThrow } from '../model/validate.js';

/** @internal */
export const transitionInputSchema = v.strictObject({
  action: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'invalid_format')),
  note: v.optional(multilineText(LIMITS.message)),
  assigneeId: v.optional(idSchema),
  assigneeName: v.optional(lineText(LIMITS.name)),
  groupId: v.optional(idSchema),
  priority: v.optional(v.picklist(PRIORITIES)),
  scheduledAt: v.optional(instant),
});
