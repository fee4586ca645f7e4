import { ValidationError } from '../errors.js';
import { PRIORITIES, STATUS_CATEGORIES } from '../model/constants.js';
import type { StoredTicket, TicketQuery } from './types.js';

/** Most rows one page returns. */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;
/** `slaDue` of a ticket with no running SLA target: sorts last. */
export const NO_DUE = Number.MAX_SAFE_INTEGER;

const SORTS = ['sla_due', 'updated', 'created', 'priority'] as const;
const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

const list = <T>(x: T | T[] | undefined): T[] | undefined => (x === undefined ? undefined : Array.isArray(x) ? x : [x]);

/** A checked query with defaults filled in; throws `ValidationError` listing every bad field. */
export function normalizeQuery(query: TicketQuery = {}): Required<Pick<TicketQuery, 'sort' | 'limit'>> & TicketQuery & { offset: number } {
  const issues: Array<{ path: string; code: 'invalid_type' | 'unknown_value' | 'out_of_range' | 'invalid_format'; message: string }> = [];
  if (query === null || typeof query !== 'object') throw new ValidationError([{ path: '', code: 'invalid_type', message: 'must be an object' }], 'ticket query');
  const sort = query.sort ?? 'sla_due';
  if (!SORTS.includes(sort)) issues.push({ path: 'sort', code: 'unknown_value', message: `must be one of ${SORTS.join(', ')}` });
  const limit = query.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) issues.push({ path: 'limit', code: 'out_of_range', message: `must be an integer from 1 to ${MAX_PAGE}` });
  for (const c of list(query.category) ?? []) if (!STATUS_CATEGORIES.includes(c)) issues.push({ path: 'category', code: 'unknown_value', message: `unknown category "${String(c)}"` });
  for (const p of list(query.priority) ?? []) if (!PRIORITIES.includes(p)) issues.push({ path: 'priority', code: 'unknown_value', message: `unknown priority "${String(p)}"` });
  for (const s of list(query.status) ?? []) if (typeof s !== 'string' || s === '') issues.push({ path: 'status', code: 'invalid_type', message: 'must be a status id' });
  if (query.slaDueBefore !== undefined && Number.isNaN(Date.parse(query.slaDueBefore))) issues.push({ path: 'slaDueBefore', code: 'invalid_format', message: 'must be an ISO 8601 time' });
  let offset = 0;
  if (query.cursor !== undefined) {
    offset = /^\d{1,9}$/.test(query.cursor) ? Number(query.cursor) : -1;
    if (offset < 0) issues.push({ path: 'cursor', code: 'invalid_format', message: 'is not a cursor this list returned' });
  }
  if (issues.length > 0) throw new ValidationError(issues, 'ticket query');
  return { ...query, sort, limit, offset };
}

/** Whether a row matches the query's filters. */
export function rowMatches(row: StoredTicket, q: TicketQuery): boolean {
  const statuses = list(q.status);
  if (statuses && !statuses.includes(row.status)) return false;
  const categories = list(q.category);
  if (categories && !categories.includes(row.category)) return false;
  if (q.assigneeId !== undefined && row.assigneeId !== (q.assigneeId ?? '')) return false;
  if (q.groupId !== undefined && row.groupId !== q.groupId) return false;
  if (q.customerId !== undefined && row.customerId !== q.customerId) return false;
  const priorities = list(q.priority);
  if (priorities && !priorities.includes(row.priority)) return false;
  if (q.slaDueBefore !== undefined && !(row.slaDue < Date.parse(q.slaDueBefore))) return false;
  return true;
}

/** Order of a list: the query's sort, then the ticket id so pages never shuffle. */
export function compareRows(sort: NonNullable<TicketQuery['sort']>): (a: StoredTicket, b: StoredTicket) => number {
  const byId = (a: StoredTicket, b: StoredTicket) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  switch (sort) {
    case 'updated':
      return (a, b) => b.updatedAt - a.updatedAt || byId(a, b);
    case 'created':
      return (a, b) => b.createdAt - a.createdAt || byId(a, b);
    case 'priority':
      return (a, b) => PRIORITY_RANK[a.priority]! - PRIORITY_RANK[b.priority]! || a.slaDue - b.slaDue || byId(a, b);
    default:
      return (a, b) => a.slaDue - b.slaDue || byId(a, b);
  }
}
