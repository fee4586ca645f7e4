import { toEpochMs } from '../workflow/create-workflow.js';
import type { TimeInput } from '../workflow/types.js';
import { compactLocalDate } from './ticket-number.js';
import type { IsoDate, Product } from './types.js';

/** Whether a product is still under warranty, and until when. */
export interface WarrantyStatus {
  /** `unknown`: neither a warranty end nor a purchase date is on record. */
  state: 'in_warranty' | 'expired' | 'unknown';
  /** Last day covered (`YYYY-MM-DD`, inclusive). */
  until?: IsoDate;
  /** Where `until` comes from: the product's own `warrantyEnd`, or the purchase date plus the warranty period. */
  source?: 'warranty_end' | 'purchase_date';
}

/** Options of {@link warrantyStatus}. */
export interface WarrantyOptions {
  /** Default now. */
  now?: TimeInput;
  /** Warranty period from the purchase date, in months, when the product has no `warrantyEnd`; default 12. */
  months?: number;
  /** Time zone whose calendar date "today" is; default `UTC`. */
  timeZone?: string;
}

const DAY_MS = 86_400_000;

/** `date` plus `months` calendar months, minus one day: the last day of a period that starts on `date`. */
function lastDayOf(date: IsoDate, months: number): IsoDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1 + months, Number(m[3])];
  // Clamp to the target month's length: a purchase on 31 January runs to the end of February.
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = Date.UTC(year, month, Math.min(day, length)) - DAY_MS;
  return Number.isNaN(end) ? undefined : new Date(end).toISOString().slice(0, 10);
}

/**
 * The warranty of `product` on today's date: its `warrantyEnd` when recorded, else the purchase
 * date plus `months` (default 12). Dates compare as calendar days in `timeZone`.
 */
export function warrantyStatus(product: Product | undefined, options: WarrantyOptions = {}): WarrantyStatus {
  const months = options.months ?? 12;
  const until = product?.warrantyEnd ?? (product?.purchaseDate !== undefined ? lastDayOf(product.purchaseDate, months) : undefined);
  if (until === undefined) return { state: 'unknown' };
  const today = compactLocalDate(new Date(toEpochMs(options.now)), options.timeZone ?? 'UTC');
  return {
    state: today <= until.replaceAll('-', '') ? 'in_warranty' : 'expired',
    until,
    source: product?.warrantyEnd !== undefined ? 'warranty_end' : 'purchase_date',
  };
}
