import * as v from 'valibot';
import { ValidationError } from '../errors.js';
import { AGENT_ROLES, PRIORITIES } from '../model/constants.js';
import { idSchema, lineText, LIMITS, messageSchema, multilineText } from '../model/schema.js';
import type { Agent } from '../model/types.js';
import { parseOrThrow } from '../model/validate.js';
import { customerHttpOperations, ticketCalls } from './http-customer.js';
import { count, ticketResponseSchema } from './http-customer-schemas.js';
import { checkLimit, checkTicketId, checkWriteOptions, createSender, query, writeHeaders, type Call, type HttpTransportOptions } from './http-sender.js';
import { normalizeQuery } from './query.js';
import type { AssignInput, AssignmentSuggestion, ChangePage, TicketPage, TicketQuery, TicketService } from './types.js';

// The HTTP plumbing lives in http-sender.ts and the customer's operations in http-customer.ts
// (customer pages load only those); re-exported here for the modules that took them from here.
export {
  ACCESS_TOKEN_HEADER,
  createSender,
  decode,
  DEFAULT_TIMEOUT_MS,
  describeIssues,
  errorFromResponse,
  FILE_NAME_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  newController,
  parseRetryAfter,
  query,
  resolveFetch,
  runtime,
  truncate,
  withTimeout,
} from './http-sender.js';
export type {
  AbortSignalLike,
  Call,
  FetchFunction,
  FetchInitLike,
  FetchLike,
  FetchResponseLike,
  HttpTransportOptions,
  StreamReaderLike,
} from './http-sender.js';
export { customerHttpTransport } from './http-customer.js';
export { ticketResponseSchema } from './http-customer-schemas.js';

// ---------------------------------------------------------------------------------------------
// Response and input schemas of the agents' operations
// ---------------------------------------------------------------------------------------------

const pageResponseSchema = v.looseObject({
  tickets: v.array(ticketResponseSchema),
  total: count,
  next: v.nullish(v.pipe(v.string(), v.minLength(1))),
});

const changeResponseSchema = v.looseObject({
  tickets: v.array(ticketResponseSchema),
  cursor: v.string(),
  hasMore: v.boolean(),
});

/** @internal */
export const streamPageSchema = v.looseObject({
  tickets: v.array(ticketResponseSchema),
  cursor: v.string(),
});

// Routing's trace is words and data for people; checked for shape, passed on as sent.
const suggestionResponseSchema = v.looseObject({
  assignee: v.optional(v.string()),
  group: v.optional(v.string()),
  trace: v.looseObject({ explanation: v.array(v.string()), candidates: v.array(v.looseObject({ agentId: v.string(), chosen: v.boolean(), detail: v.string() })) }),
});

const agentsResponseSchema = v.looseObject({
  agents: v.array(
    v.pipe(
      v.looseObject({
        id: v.pipe(v.string(), v.minLength(1)),
        name: v.string(),
        publicName: v.nullish(v.string()),
        role: v.picklist(AGENT_ROLES),
        groupIds: v.array(v.string()),
        skills: v.array(v.string()),
      }),
      v.transform((raw): Agent => {
        const agent: Record<string, unknown> = { ...raw };
        for (const key of Object.keys(agent)) if (agent[key] === null) delete agent[key];
        return agent as unknown as Agent;
      }),
    ),
  ),
});

const mergeResponseSchema = v.looseObject({ source: ticketResponseSchema, target: ticketResponseSchema });
const splitResponseSchema = v.looseObject({ parent: ticketResponseSchema, child: ticketResponseSchema });

const assignInputSchema = v.strictObject({
  assigneeId: v.optional(idSchema),
  assigneeName: v.optional(lineText(LIMITS.name)),
  groupId: v.optional(idSchema),
});

const mergeInputSchema = v.strictObject({ targetId: idSchema });

const splitInputSchema = v.strictObject({
  groupId: idSchema,
  subject: lineText(LIMITS.subject),
  description: v.optional(multilineText(LIMITS.description)),
  priority: v.optional(v.picklist(PRIORITIES)),
});

const collaboratorsInputSchema = v.strictObject({
  add: v.optional(v.pipe(v.array(idSchema), v.maxLength(50))),
  remove: v.optional(v.pipe(v.array(idSchema), v.maxLength(50))),
});

const asList = <T>(x: T | T[] | undefined): T[] | undefined => (x === undefined ? undefined : Array.isArray(x) ? x : [x]);

// ---------------------------------------------------------------------------------------------
// The transport
// ---------------------------------------------------------------------------------------------

/**
 * A {@link TicketService} that talks to a REST backend implementing `docs/openapi.yaml`:
 * pass it to `createClient({ transport })`.
 *
 * - `Authorization: Bearer <token>` comes from `getToken`; after a 401 the transport asks
 *   `getToken('refresh')` once and repeats the request once. A second 401, or no token to
 *   refresh with, is an `AuthError` — it never falls back to an anonymous request. 403 is
 *   `AuthError` with status 403.
 * - Inputs are validated before anything is sent: a bad input is a `ValidationError` and no
 *   request is made.
 * - Writes send `Idempotency-Key` from `options.idempotencyKey` (`create` generates one when
 *   absent); a customer's `accessToken` travels in the `Aftercare-Access-Token` header.
 *   `options.actor` is ignored: the server decides who acts from the credentials.
 * - Failures are typed: `TransportError` with `NETWORK`, `TIMEOUT` (after `timeoutMs`),
 *   `SERVER` (5xx), `RATE_LIMITED` (429, with `retryAfterMs`), `BAD_RESPONSE` (not JSON, an HTML
 *   page, or JSON that does not match the contract) or `REJECTED` (another 4xx); the contract's
 *   error bodies become `ValidationError`, `WorkflowError`, `NotFoundError` and `ConflictError`.
 */
export function httpTransport(options: HttpTransportOptions): TicketService {
  const sender = createSender(options);
  const { request } = sender;
  const { ticketPath, post } = ticketCalls(request);
  const checkId = checkTicketId;

  return {
    // The customer's operations (create, get, reply, rate, transition, upload, knowledge).
    ...customerHttpOperations(options, sender),

    // Loaded on first use: only agent pages follow the stream; customer pages never load it.
    streamChanges: async (cursor, onPage, signal) => (await import('./http-event-stream.js')).httpEventStream(options, cursor, onPage, signal),

    async list(q: TicketQuery = {}) {
      // The cursor is the server's own, opaque: only the other fields are checked here.
      normalizeQuery(q === null || typeof q !== 'object' ? q : { ...q, cursor: undefined });
      if (q.cursor !== undefined && (typeof q.cursor !== 'string' || q.cursor === ''))
        throw new ValidationError([{ path: 'cursor', code: 'invalid_format', message: 'must be a cursor a previous page returned' }], 'ticket query');
      if (typeof q.assigneeId === 'string' && q.assigneeId === '')
        throw new ValidationError([{ path: 'assigneeId', code: 'invalid_format', message: 'use null for unassigned tickets' }], 'ticket query');
      const path = `/tickets${query({
        status: asList(q.status),
        category: asList(q.category),
        assigneeId: q.assigneeId ?? undefined,
        unassigned: q.assigneeId === null ? true : undefined,
        groupId: q.groupId,
        customerId: q.customerId,
        priority: asList(q.priority),
        slaDueBefore: q.slaDueBefore,
        sort: q.sort,
        limit: q.limit,
        cursor: q.cursor,
      })}`;
      const { value } = await request({ method: 'GET', path }, pageResponseSchema);
      const page: TicketPage = { tickets: value.tickets, total: value.total };
      if (typeof value.next === 'string') page.next = value.next;
      return page;
    },

    async note(id, message, writeOptions) {
      parseOrThrow(messageSchema, message, 'note');
      return post(id, 'notes', message, writeOptions);
    },

    async assign(id, input: AssignInput, writeOptions) {
      parseOrThrow(assignInputSchema, input, 'assignment');
      return post(id, 'assignment', input, writeOptions, 'assign');
    },

    async changes(cursor, changeOptions) {
      checkLimit(changeOptions?.limit, 1000);
      const path = `/events${query({ since: cursor, limit: changeOptions?.limit })}`;
      const { value } = await request({ method: 'GET', path }, changeResponseSchema);
      return { tickets: value.tickets, cursor: value.cursor, hasMore: value.hasMore } satisfies ChangePage;
    },

    async listAgents() {
      return (await request({ method: 'GET', path: '/agents' }, agentsResponseSchema)).value.agents;
    },

    async suggestAssignee(id) {
      checkId(id);
      const { value } = await request({ method: 'GET', path: `${ticketPath(id)}/assignee-suggestion` }, suggestionResponseSchema);
      return value as unknown as AssignmentSuggestion;
    },

    async merge(id, input, writeOptions) {
      checkId(id);
      parseOrThrow(mergeInputSchema, input, 'merge');
      checkWriteOptions(writeOptions);
      const call: Call = { method: 'POST', path: `${ticketPath(id)}/merge`, body: input, headers: writeHeaders(writeOptions), ticketId: id, action: 'merge' };
      const { value } = await request(call, mergeResponseSchema);
      return { source: value.source, target: value.target };
    },

    async split(id, input, writeOptions) {
      checkId(id);
      parseOrThrow(splitInputSchema, input, 'sub-task');
      checkWriteOptions(writeOptions);
      const call: Call = { method: 'POST', path: `${ticketPath(id)}/subtasks`, body: input, headers: writeHeaders(writeOptions), ticketId: id, action: 'split' };
      const { value } = await request(call, splitResponseSchema);
      return { parent: value.parent, child: value.child };
    },

    async updateCollaborators(id, change, writeOptions) {
      parseOrThrow(collaboratorsInputSchema, change, 'collaborators');
      return post(id, 'collaborators', change, writeOptions);
    },
  };
}
