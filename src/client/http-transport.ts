import * as v from 'valibot';
import {
  AuthError,
  ConflictError,
  NotFoundError,
  TransportError,
  ValidationError,
  VALIDATION_ISSUE_CODES,
  WorkflowError,
  type ValidationIssue,
  type ValidationIssueCode,
  type WorkflowErrorCode,
} from '../errors.js';
import type { KnowledgeHit, KnowledgeSearchOptions, KnowledgeSuggestion, KnowledgeSuggestOptions } from '../knowledge/types.js';
import { AGENT_ROLES, CHANNELS, PRIORITIES } from '../model/constants.js';
import { generateId } from '../model/ids.js';
import { idSchema, lineText, LIMITS, messageSchema, multilineText, ratingSchema, ticketInputSchema } from '../model/schema.js';
import type { Agent, Ticket } from '../model/types.js';
import { parseOrThrow } from '../model/validate.js';
import { normalizeQuery } from './query.js';
import type {
  AssignInput,
  ChangePage,
  CreatedTicket,
  TicketPage,
  TicketQuery,
  TicketService,
  TransitionInput,
  WriteOptions,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// The few platform pieces the transport needs, typed structurally: the core compiles without
// the DOM library, and mini-program logic layers bring their own `fetch` look-alike.
// ---------------------------------------------------------------------------------------------

/** The part of an `AbortSignal` the transport uses. A DOM or Node `AbortSignal` fits. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** What the transport passes to `fetch`. */
export interface FetchInitLike {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignalLike;
}

/** A reader of a response body stream (`ReadableStreamDefaultReader<Uint8Array>`). */
export interface StreamReaderLike {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

/** The part of a Fetch API `Response` the transport reads. */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** Needed by {@link httpEventStream} only. */
  readonly body?: { getReader(): StreamReaderLike } | null;
}

/** A `fetch` look-alike for runtimes without one (e.g. a wrapper around `wx.request`). */
export type FetchLike = (input: string, init: FetchInitLike) => Promise<FetchResponseLike>;

/**
 * The type of the `fetch` option: exactly `typeof fetch` where the platform declares one (DOM
 * or Node types), {@link FetchLike} elsewhere.
 */
export type FetchFunction = typeof globalThis extends { fetch: infer F } ? F : FetchLike;

interface Runtime {
  fetch?: FetchLike;
  AbortController?: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };
  TextDecoder?: new (label?: string) => { decode(input?: Uint8Array, options?: { stream?: boolean }): string };
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** @internal */
export const runtime = globalThis as unknown as Runtime;

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/** Options of {@link httpTransport} and {@link httpEventStream}. */
export interface HttpTransportOptions {
  /** Where the REST API lives, e.g. `https://api.example.com/aftercare/v1` (no trailing slash needed). */
  baseUrl: string;
  /**
   * Supplies the agent's (or signed-in user's) bearer token. Called with `'initial'` before every
   * request — return a cached token, it should be cheap — and with `'refresh'` once after a 401,
   * when the token should be renewed. Returning `undefined` sends no `Authorization` header
   * (anonymous: customer forms and access-token pages). Omit for a purely anonymous client.
   * An error it throws reaches the caller unchanged.
   */
  getToken?: (reason: 'initial' | 'refresh') => string | undefined | Promise<string | undefined>;
  /** The `fetch` to use; default `globalThis.fetch`, looked up at each request. */
  fetch?: FetchFunction;
  /** How long one request may take, headers and body, in milliseconds; default 15000. */
  timeoutMs?: number;
}

/** Default of {@link HttpTransportOptions.timeoutMs}. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Header that carries a customer's access token for one ticket. */
export const ACCESS_TOKEN_HEADER = 'Aftercare-Access-Token';
/** Header that ties retries of one write together. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

// ---------------------------------------------------------------------------------------------
// Response schemas: what every success answer must look like. Servers may add fields.
// ---------------------------------------------------------------------------------------------

const instant = v.pipe(v.string(), v.check((s) => !Number.isNaN(Date.parse(s)), 'invalid_format'));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const highlights = v.array(v.tuple([v.number(), v.number()]));

const actorResponseSchema = v.looseObject({
  kind: v.picklist(['customer', 'agent', 'system']),
  id: v.nullish(v.string()),
  name: v.nullish(v.string()),
  role: v.nullish(v.picklist(AGENT_ROLES)),
});

const eventResponseSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  ticketId: v.string(),
  type: v.pipe(v.string(), v.minLength(1)),
  at: instant,
  actor: actorResponseSchema,
  visibility: v.picklist(['public', 'internal']),
  data: v.looseObject({}),
});

/** Optional top-level ticket fields: absent in the contract; `null` is tolerated and removed. */
const OPTIONAL_TICKET_FIELDS = [
  'product',
  'category',
  'assigneeId',
  'groupId',
  'parentId',
  'mergedIntoId',
  'location',
  'resolution',
  'satisfaction',
  'scheduledAt',
  'resolvedAt',
  'closedAt',
] as const;

/**
 * What every ticket a server returns must have (a loose object: servers may add fields). A
 * response that does not match is a `TransportError` with code `BAD_RESPONSE`.
 */
export const ticketResponseSchema = v.pipe(
  v.looseObject({
    id: v.pipe(v.string(), v.minLength(1)),
    number: v.string(),
    type: v.pipe(v.string(), v.minLength(1)),
    subject: v.string(),
    description: v.string(),
    status: v.pipe(v.string(), v.minLength(1)),
    priority: v.picklist(PRIORITIES),
    channel: v.picklist(CHANNELS),
    customer: v.looseObject({
      id: v.string(),
      name: v.string(),
      tier: v.string(),
      contact: v.looseObject({ phone: v.nullish(v.string()), email: v.nullish(v.string()), wechat: v.nullish(v.string()) }),
    }),
    product: v.nullish(v.looseObject({})),
    customFields: v.record(v.string(), v.unknown()),
    tags: v.array(v.string()),
    category: v.nullish(v.string()),
    assigneeId: v.nullish(v.string()),
    groupId: v.nullish(v.string()),
    collaboratorIds: v.array(v.string()),
    parentId: v.nullish(v.string()),
    childIds: v.array(v.string()),
    mergedIntoId: v.nullish(v.string()),
    attachments: v.array(v.looseObject({ id: v.string(), name: v.string(), type: v.string(), size: v.number() })),
    location: v.nullish(v.looseObject({ address: v.string() })),
    workflowId: v.string(),
    escalationLevel: count,
    reopenCount: count,
    resolution: v.nullish(v.looseObject({ note: v.string(), at: instant })),
    satisfaction: v.nullish(v.looseObject({ score: v.number(), at: instant })),
    scheduledAt: v.nullish(instant),
    createdAt: instant,
    updatedAt: instant,
    statusChangedAt: instant,
    resolvedAt: v.nullish(instant),
    closedAt: v.nullish(instant),
    revision: count,
    events: v.array(eventResponseSchema),
  }),
  v.transform((raw): Ticket => {
    const ticket: Record<string, unknown> = { ...raw };
    for (const key of OPTIONAL_TICKET_FIELDS) if (ticket[key] === null) delete ticket[key];
    return ticket as unknown as Ticket;
  }),
);

const createdResponseSchema = v.looseObject({
  ticket: ticketResponseSchema,
  accessToken: v.pipe(v.string(), v.minLength(1)),
  replayed: v.boolean(),
});

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

const hitsResponseSchema = v.looseObject({
  hits: v.array(
    v.looseObject({
      id: v.string(),
      score: v.number(),
      confidence: v.number(),
      title: v.string(),
      titleHighlights: highlights,
      snippet: v.looseObject({ text: v.string(), highlights }),
      locale: v.nullish(v.string()),
      article: v.looseObject({ id: v.string(), title: v.string(), body: v.string() }),
    }),
  ),
});

const suggestionsResponseSchema = v.looseObject({
  suggestions: v.array(
    v.looseObject({
      id: v.string(),
      title: v.string(),
      score: v.number(),
      confidence: v.number(),
      highlights,
      locale: v.nullish(v.string()),
    }),
  ),
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

const ISSUE_CODES = new Set<string>(VALIDATION_ISSUE_CODES);

const errorBodySchema = v.looseObject({
  error: v.looseObject({
    code: v.pipe(v.string(), v.minLength(1)),
    message: v.optional(v.string()),
    issues: v.optional(v.array(v.looseObject({ path: v.optional(v.string()), code: v.optional(v.string()), message: v.optional(v.string()) }))),
    action: v.optional(v.string()),
    status: v.optional(v.string()),
    reason: v.optional(v.string()),
  }),
});

type ErrorBody = v.InferOutput<typeof errorBodySchema>['error'];

// ---------------------------------------------------------------------------------------------
// Input schemas of the operations `schema.ts` does not cover.
// ---------------------------------------------------------------------------------------------

const transitionInputSchema = v.strictObject({
  action: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'invalid_format')),
  note: v.optional(multilineText(LIMITS.message)),
  assigneeId: v.optional(idSchema),
  assigneeName: v.optional(lineText(LIMITS.name)),
  groupId: v.optional(idSchema),
  priority: v.optional(v.picklist(PRIORITIES)),
  scheduledAt: v.optional(instant),
});

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

const ticketIdSchema = v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(LIMITS.id));

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/**
 * Milliseconds to wait from a `Retry-After` header: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, taken relative to `now`). Never negative; `undefined` when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Math.max(0, Math.round(Number(text) * 1000));
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** @internal */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${(i.path ?? []).map((p) => String(p.key)).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** @internal */
export function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

interface RawResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/** @internal */
export interface Call {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/`, query included. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The ticket the call is about: for `NotFoundError` and `ConflictError`. */
  ticketId?: string;
  /** The workflow action, for a `WorkflowError` whose body does not name it. */
  action?: string;
}

/** @internal */
export function query(params: Record<string, string | number | boolean | undefined | Array<string>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(one))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

const asList = <T>(x: T | T[] | undefined): T[] | undefined => (x === undefined ? undefined : Array.isArray(x) ? x : [x]);

function writeHeaders(options: WriteOptions | undefined, idempotencyKey = options?.idempotencyKey): Record<string, string> {
  const headers: Record<string, string> = {};
  if (idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
  if (options?.accessToken !== undefined) headers[ACCESS_TOKEN_HEADER] = options.accessToken;
  if (options?.expectedRevision !== undefined) headers['If-Match'] = `"${options.expectedRevision}"`;
  return headers;
}

function checkWriteOptions(options: WriteOptions | undefined): void {
  const issues: ValidationIssue[] = [];
  for (const key of ['idempotencyKey', 'accessToken'] as const) {
    const value = options?.[key];
    if (value === undefined) continue;
    // Header values: visible ASCII only, so no request can be smuggled or refused by fetch.
    if (typeof value !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(value))
      issues.push({ path: key, code: 'invalid_format', message: 'must be 1–255 visible ASCII characters' });
  }
  const revision = options?.expectedRevision;
  if (revision !== undefined && !(Number.isInteger(revision) && revision >= 0)) issues.push({ path: 'expectedRevision', code: 'invalid_type', message: 'must be a whole number' });
  if (issues.length > 0) throw new ValidationError(issues, 'request options');
}

/** Maps an error answer of the REST contract to the typed error it stands for. */
/** @internal */
export function errorFromResponse(response: RawResponse, call: Call): Error {
  const { status } = response;
  let body: ErrorBody | undefined;
  try {
    const parsed = v.safeParse(errorBodySchema, JSON.parse(response.text));
    if (parsed.success) body = parsed.output.error;
  } catch {
    // Not JSON: a proxy's or gateway's page. The status decides.
  }
  const message = body?.message ?? (body ? body.code : `HTTP ${status} from ${call.method} ${call.path.split('?')[0]}`);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (status === 401) return new AuthError(401, body?.message ?? 'The server refused the credentials (401)');
  if (status === 403) return new AuthError(403, body?.message ?? 'Not allowed (403)');
  if (status === 429) return new TransportError('RATE_LIMITED', body?.message ?? 'Too many requests (429)', { status, retryAfterMs });
  if (status >= 500) return new TransportError('SERVER', `Server error ${status}: ${truncate(message)}`, { status, retryAfterMs });
  if (status < 400) return new TransportError('BAD_RESPONSE', `Unexpected HTTP ${status}`, { status });
  switch (body?.code) {
    case 'VALIDATION_FAILED': {
      const issues: ValidationIssue[] = (body.issues ?? []).map((i) => ({
        path: i.path ?? '',
        code: (i.code !== undefined && ISSUE_CODES.has(i.code) ? i.code : 'invalid') as ValidationIssueCode,
        message: i.message ?? 'is invalid',
      }));
      return new ValidationError(issues.length > 0 ? issues : [{ path: '', code: 'invalid', message }], 'request');
    }
    case 'INVALID_TRANSITION':
    case 'GUARD_FAILED':
    case 'ALREADY_RATED':
      return new WorkflowError(
        body.code as WorkflowErrorCode,
        { action: body.action ?? call.action ?? '', status: body.status ?? '', reason: body.reason ?? '' },
        message,
      );
    case 'NOT_FOUND':
      return new NotFoundError(call.ticketId ?? '');
    case 'CONFLICT':
      return new ConflictError(call.ticketId ?? '', message);
    default:
      return new TransportError('REJECTED', `Request refused (${status}): ${truncate(message)}`, { status });
  }
}

/** Parses a success answer's JSON and checks it against the contract. */
/** @internal */
export function decode<S extends v.GenericSchema>(response: RawResponse, schema: S, call: Call): v.InferOutput<S> {
  const where = `${call.method} ${call.path.split('?')[0]}`;
  const type = response.headers.get('content-type') ?? '';
  if (/html/i.test(type)) throw new TransportError('BAD_RESPONSE', `${where} answered with an HTML page, not JSON`, { status: response.status });
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    throw new TransportError('BAD_RESPONSE', `${where} answered with something that is not JSON: ${truncate(response.text, 80)}`, {
      status: response.status,
    });
  }
  const result = v.safeParse(schema, json, { abortEarly: false });
  if (!result.success)
    throw new TransportError('BAD_RESPONSE', `${where} answered with JSON that does not match the contract: ${describeIssues(result.issues)}`, {
      status: response.status,
    });
  return result.output;
}

/** Races `promise` against a timer and aborts `controller` when the timer wins. */
/** @internal */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = runtime.setTimeout(() => {
      onTimeout();
      reject(new TransportError('TIMEOUT', `No answer within ${ms} ms`));
    }, ms);
    promise.then(
      (value) => {
        runtime.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        runtime.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** @internal */
export function newController() {
  return runtime.AbortController ? new runtime.AbortController() : undefined;
}

/** @internal */
export function resolveFetch(options: HttpTransportOptions): FetchLike {
  const f = (options.fetch as FetchLike | undefined) ?? runtime.fetch;
  if (typeof f !== 'function') throw new TransportError('NETWORK', 'No fetch in this runtime: pass httpTransport({ fetch })');
  return f;
}

/** Sends requests with the bearer token, refreshing it once on a 401. */
/** @internal */
export function createSender(options: HttpTransportOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let refreshing: Promise<string | undefined> | undefined;

  const token = async (reason: 'initial' | 'refresh') => {
    if (!options.getToken) return undefined;
    if (reason === 'initial') return options.getToken('initial');
    // Concurrent 401s share one refresh.
    refreshing ??= Promise.resolve(options.getToken('refresh')).finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  /** One request and its body, within the timeout; never retried here. */
  async function attempt(call: Call, bearer: string | undefined, accept = 'application/json'): Promise<RawResponse> {
    const doFetch = resolveFetch(options);
    const headers: Record<string, string> = { Accept: accept, ...call.headers };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (bearer !== undefined) headers['Authorization'] = `Bearer ${bearer}`;
    const controller = newController();
    const init: FetchInitLike = { method: call.method, headers };
    if (call.body !== undefined) init.body = JSON.stringify(call.body);
    if (controller) init.signal = controller.signal;
    const exchange = (async () => {
      let response: FetchResponseLike;
      try {
        response = await doFetch(`${baseUrl}${call.path}`, init);
      } catch (error) {
        throw new TransportError('NETWORK', `${call.method} ${call.path.split('?')[0]} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw new TransportError('NETWORK', `Reading the answer failed: ${error instanceof Error ? error.message : String(error)}`, {
          status: response.status,
        });
      }
      return { status: response.status, headers: response.headers, text };
    })();
    return withTimeout(exchange, timeoutMs, () => controller?.abort());
  }

  /** Sends `call`, renewing the token once after a 401; returns the answer whatever its status. */
  async function exchange<R>(call: Call, send: (bearer: string | undefined) => Promise<R & { status: number }>): Promise<R & { status: number }> {
    const first = await send(await token('initial'));
    if (first.status !== 401) return first;
    if (!options.getToken) throw new AuthError(401, `${call.method} ${call.path.split('?')[0]} needs credentials: pass httpTransport({ getToken })`);
    const renewed = await token('refresh');
    if (renewed === undefined) throw new AuthError(401, 'The server refused the credentials and getToken("refresh") gave no new token');
    const second = await send(renewed);
    if (second.status === 401) throw new AuthError(401, 'The server refused the credentials, even after a refresh');
    return second;
  }

  async function request<S extends v.GenericSchema>(call: Call, schema: S): Promise<{ value: v.InferOutput<S>; status: number }> {
    const response = await exchange(call, (bearer) => attempt(call, bearer));
    if (response.status < 200 || response.status > 299) throw errorFromResponse(response, call);
    return { value: decode(response, schema, call), status: response.status };
  }

  return { baseUrl, timeoutMs, request, exchange, errorFromResponse };
}

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
  const { request } = createSender(options);
  const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;
  const checkId = (id: string) => parseOrThrow(ticketIdSchema, id, 'ticket id');

  async function post(id: string, sub: string, body: unknown, writeOptions: WriteOptions | undefined, action?: string): Promise<Ticket> {
    checkId(id);
    checkWriteOptions(writeOptions);
    const call: Call = { method: 'POST', path: `${ticketPath(id)}/${sub}`, body, headers: writeHeaders(writeOptions), ticketId: id };
    if (action !== undefined) call.action = action;
    return (await request(call, ticketResponseSchema)).value;
  }

  return {
    // Loaded on first use: only agent pages follow the stream; customer pages never load it.
    streamChanges: async (cursor, onPage, signal) => (await import('./http-event-stream.js')).httpEventStream(options, cursor, onPage, signal),

    async create(input, writeOptions) {
      parseOrThrow(ticketInputSchema, input, 'ticket');
      checkWriteOptions(writeOptions);
      const key = writeOptions?.idempotencyKey ?? generateId();
      const call: Call = { method: 'POST', path: '/tickets', body: input, headers: writeHeaders(writeOptions, key) };
      const { value } = await request(call, createdResponseSchema);
      return { ticket: value.ticket, accessToken: value.accessToken, replayed: value.replayed } satisfies CreatedTicket;
    },

    async get(id, getOptions) {
      checkId(id);
      checkWriteOptions(getOptions);
      const call: Call = { method: 'GET', path: ticketPath(id), headers: writeHeaders({ accessToken: getOptions?.accessToken }), ticketId: id };
      return (await request(call, ticketResponseSchema)).value;
    },

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

    async transition(id, input: TransitionInput, writeOptions) {
      parseOrThrow(transitionInputSchema, input, 'transition');
      return post(id, 'transitions', input, writeOptions, input.action);
    },

    async reply(id, message, writeOptions) {
      parseOrThrow(messageSchema, message, 'reply');
      return post(id, 'replies', message, writeOptions);
    },

    async note(id, message, writeOptions) {
      parseOrThrow(messageSchema, message, 'note');
      return post(id, 'notes', message, writeOptions);
    },

    async assign(id, input: AssignInput, writeOptions) {
      parseOrThrow(assignInputSchema, input, 'assignment');
      return post(id, 'assignment', input, writeOptions, 'assign');
    },

    async rate(id, rating, writeOptions) {
      parseOrThrow(ratingSchema, rating, 'rating');
      return post(id, 'rating', rating, writeOptions, 'rate');
    },

    async changes(cursor, changeOptions) {
      checkLimit(changeOptions?.limit, 1000);
      const path = `/events${query({ since: cursor, limit: changeOptions?.limit })}`;
      const { value } = await request({ method: 'GET', path }, changeResponseSchema);
      return { tickets: value.tickets, cursor: value.cursor, hasMore: value.hasMore } satisfies ChangePage;
    },

    async searchKnowledge(text: string, searchOptions: KnowledgeSearchOptions = {}) {
      checkText(text);
      checkLimit(searchOptions.limit, 100);
      const path = `/knowledge/search${query({
        q: text,
        limit: searchOptions.limit,
        locale: searchOptions.locale,
        strictLocale: searchOptions.strictLocale,
        minConfidence: searchOptions.minConfidence,
        prefix: searchOptions.prefix,
        snippetLength: searchOptions.snippetLength,
      })}`;
      const { value } = await request({ method: 'GET', path }, hitsResponseSchema);
      const hits = value.hits as unknown as KnowledgeHit[];
      // A function cannot travel: the filter applies to the hits that came back.
      return searchOptions.filter ? hits.filter((hit) => searchOptions.filter!(hit.article)) : hits;
    },

    async suggestKnowledge(text: string, suggestOptions: KnowledgeSuggestOptions = {}) {
      checkText(text);
      checkLimit(suggestOptions.limit, 100);
      const path = `/knowledge/suggest${query({
        q: text,
        limit: suggestOptions.limit,
        locale: suggestOptions.locale,
        strictLocale: suggestOptions.strictLocale,
      })}`;
      const { value } = await request({ method: 'GET', path }, suggestionsResponseSchema);
      return value.suggestions as unknown as KnowledgeSuggestion[];
    },

    async listAgents() {
      return (await request({ method: 'GET', path: '/agents' }, agentsResponseSchema)).value.agents;
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

function checkLimit(limit: number | undefined, max: number): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > max))
    throw new ValidationError([{ path: 'limit', code: 'out_of_range', message: `must be an integer from 1 to ${max}` }], 'options');
}

function checkText(text: string): void {
  if (typeof text !== 'string') throw new ValidationError([{ path: '', code: 'invalid_type', message: 'must be a string' }], 'query');
  if (text.length > 1000) throw new ValidationError([{ path: '', code: 'too_long', message: 'is too long (at most 1000)' }], 'query');
}
