import type { SchemaIssue } from '../model/issues.js';
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
import { LIMITS } from '../model/limits.js';
import type { BlobLike, WriteOptions } from './types.js';

// How the HTTP transports talk to a backend of docs/openapi.yaml: requests with a bearer token
// and a timeout, typed errors from the contract's error answers, answers checked against it.
// Shared by `httpTransport` (everything) and `customerHttpTransport` (customer pages).

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
  /** JSON text; an upload's file (a `Blob`) for `POST /attachments`. */
  body?: string | BlobLike;
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
  /**
   * How uploads go out: `'xhr'` (`XMLHttpRequest`, with progress as the bytes leave) or
   * `'fetch'` (progress at the start and the end only: fetch cannot report upload progress).
   * Default: `'xhr'` where `XMLHttpRequest` exists and no `fetch` option was given, else `'fetch'`.
   */
  uploadWith?: 'xhr' | 'fetch';
}

/** Default of {@link HttpTransportOptions.timeoutMs}. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Header that carries a customer's access token for one ticket. */
export const ACCESS_TOKEN_HEADER = 'Aftercare-Access-Token';
/** Header that ties retries of one write together. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Header carrying an upload's file name, percent-encoded UTF-8 (header values are ASCII). */
export const FILE_NAME_HEADER = 'Aftercare-File-Name';

// ---------------------------------------------------------------------------------------------
// Requests and answers
// ---------------------------------------------------------------------------------------------

const ISSUE_CODES = new Set<string>(VALIDATION_ISSUE_CODES);

/** The contract's error answer: `{ error: { code, message?, issues?, action?, status?, reason? } }`. */
interface ErrorBody {
  code: string;
  message?: string;
  issues?: Array<{ path?: string; code?: string; message?: string }>;
  action?: string;
  status?: string;
  reason?: string;
}

// Read by hand rather than with a valibot schema: customer pages load valibot only when they
// first validate something, and an error answer must be understood before that.
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const stringsOrAbsent = (x: Record<string, unknown>, keys: readonly string[]) => keys.every((k) => x[k] === undefined || typeof x[k] === 'string');

/** The error body in `text`, or undefined when it is not one (then the status decides). */
function readErrorBody(text: string): ErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined; // Not JSON: a proxy's or gateway's page.
  }
  const error = isRecord(json) ? json.error : undefined;
  if (!isRecord(error) || typeof error.code !== 'string' || error.code === '' || !stringsOrAbsent(error, ['message', 'action', 'status', 'reason'])) return undefined;
  const { issues } = error;
  if (issues !== undefined && !(Array.isArray(issues) && issues.every((i) => isRecord(i) && stringsOrAbsent(i, ['path', 'code', 'message'])))) return undefined;
  return error as unknown as ErrorBody;
}

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
export function describeIssues(issues: readonly Pick<SchemaIssue, 'path' | 'message'>[]): string {
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

/** @internal */
export function writeHeaders(options: WriteOptions | undefined, idempotencyKey = options?.idempotencyKey): Record<string, string> {
  const headers: Record<string, string> = {};
  if (idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
  if (options?.accessToken !== undefined) headers[ACCESS_TOKEN_HEADER] = options.accessToken;
  if (options?.expectedRevision !== undefined) headers['If-Match'] = `"${options.expectedRevision}"`;
  return headers;
}

/** @internal */
export function checkWriteOptions(options: WriteOptions | undefined): void {
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
  const body = readErrorBody(response.text);
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

/**
 * What an answer is checked with: a Standard Schema — valibot's (agents' operations) or the lean
 * checks' (`customer-answers.ts`, customer pages) — whose output type is `T`.
 * @internal
 */
export interface AnswerSchema<T = unknown> {
  readonly '~standard': { readonly validate: (value: unknown) => unknown; readonly types?: { readonly output: T } | undefined };
}
/** @internal */
export type AnswerOf<S extends AnswerSchema> = NonNullable<S['~standard']['types']>['output'];

/** Parses a success answer's JSON and checks it against the contract. */
/** @internal */
export function decode<S extends AnswerSchema>(response: RawResponse, schema: S, call: Call): AnswerOf<S> {
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
  // Through the schema's Standard Schema interface: this module needs no valibot of its own.
  const result = schema['~standard'].validate(json) as { value?: unknown; issues?: readonly SchemaIssue[] };
  if (result.issues)
    throw new TransportError('BAD_RESPONSE', `${where} answered with JSON that does not match the contract: ${describeIssues(result.issues)}`, {
      status: response.status,
    });
  return result.value as AnswerOf<S>;
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

  async function request<S extends AnswerSchema>(call: Call, schema: S): Promise<{ value: AnswerOf<S>; status: number }> {
    const response = await exchange(call, (bearer) => attempt(call, bearer));
    if (response.status < 200 || response.status > 299) throw errorFromResponse(response, call);
    return { value: decode(response, schema, call), status: response.status };
  }

  return { baseUrl, timeoutMs, request, exchange, errorFromResponse };
}

/** @internal */
export function checkLimit(limit: number | undefined, max: number): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > max))
    throw new ValidationError([{ path: 'limit', code: 'out_of_range', message: `must be an integer from 1 to ${max}` }], 'options');
}

/** @internal A ticket id as the contract takes it: 1 to {@link LIMITS}`.id` characters. */
export function checkTicketId(id: string): void {
  const issue: ValidationIssue | undefined =
    typeof id !== 'string'
      ? { path: '', code: 'invalid_type', message: `must be string, got ${id === null ? 'null' : typeof id === 'object' ? 'Object' : String(id)}` }
      : id === ''
        ? { path: '', code: 'required', message: 'is required' }
        : id.length > LIMITS.id
          ? { path: '', code: 'too_long', message: `is too long (at most ${LIMITS.id})` }
          : undefined;
  if (issue) throw new ValidationError([issue], 'ticket id');
}

/** @internal */
export function checkText(text: string): void {
  if (typeof text !== 'string') throw new ValidationError([{ path: '', code: 'invalid_type', message: 'must be a string' }], 'query');
  if (text.length > 1000) throw new ValidationError([{ path: '', code: 'too_long', message: 'is too long (at most 1000)' }], 'query');
}

