import type { ValidationIssue } from '../errors.js';
import { ticketInputSchema, type TicketInput } from './schema.js';
import { isCalendarDate } from './text.js';
import { parseOrThrow } from './validate.js';
import type * as v from 'valibot';

// buildTicket is in a module of its own: customer pages build a provisional ticket with it after
// the lean check (`customer-checks.ts`), without valibot.
export { buildTicket, type BuildTicketOptions } from './build-ticket.js';

// What `createTicket` does, in two steps that need no workflow engine.

/** A ticket input after validation, defaults filled in. */
export type ValidTicketInput = v.InferOutput<typeof ticketInputSchema>;

const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Checks a ticket input as `createTicket` does, at `now` (epoch ms; default now): throws
 * `ValidationError` listing every bad field, or returns the input with defaults filled in.
 */
export function validateTicketInput(input: TicketInput, now: number = Date.now()): ValidTicketInput {
  // One day of slack: a purchase date is a local date and the customer may be ahead of UTC.
  const latestDate = dateOnly(now + 86_400_000);
  // Checked on the raw input so that it is reported together with any other bad field.
  const purchaseDate = (input as { product?: { purchaseDate?: unknown } } | null | undefined)?.product?.purchaseDate;
  const futureIssues: ValidationIssue[] =
    typeof purchaseDate === 'string' && isCalendarDate(purchaseDate) && purchaseDate > latestDate
      ? [{ path: 'product.purchaseDate', code: 'out_of_range', message: 'must not be in the future' }]
      : [];
  return parseOrThrow(ticketInputSchema, input, 'ticket', () => futureIssues, futureIssues);
}

