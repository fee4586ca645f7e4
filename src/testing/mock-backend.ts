import { http, HttpResponse, type RequestHandler } from 'msw';
import { AftercareError, AuthError, ConflictError, NotFoundError, ValidationError, WorkflowError, type ValidationIssue } from '../errors.js';
import { createLocalService, type LocalService } from '../client/local-service.js';
import { memoryStorage } from '../client/memory-storage.js';
import type { BlobLike, EngineOptions, StorageAdapter, TicketQuery, WriteOptions } from '../client/types.js';
import type { KnowledgeSearchOptions, KnowledgeSuggestOptions } from '../knowledge/types.js';
import type { Priority, StatusCategory } from '../model/constants.js';
import type { Actor } from '../model/types.js';
import { buildAgent } from './fixtures.js';

// The mock runs wherever msw does (Node, browsers, workers); only web-platform globals are used,
// reached through `globalThis` because the core compiles without the DOM library.
interface StreamController {
  enqueue(chunk: Uint8Array): void;
  close(): void;
}
interface WebRuntime {
  ReadableStream: new (source: { start(controller: StreamController): void; cancel?(): void }) => unknown;
  TextEncoder: new () => { encode(text: string): Uint8Array };
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
const web = globalThis as unknown as WebRuntime;

/** What msw hands a resolver, as far as the mock reads it. */
interface MockRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  readonly signal: { readonly aborted: boolean; addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void };
  text(): Promise<string>;
  blob(): Promise<BlobLike>;
}

/** Which requests a fault applies to. */
export interface FaultOptions {
  /** How many matching requests it applies to; default 1 (`offline`: until `faults.online()`). */
  times?: number;
  /** Path below the base URL (`/tickets`): a string matches exactly, a RegExp is tested. Default: any. */
  path?: RegExp | string;
  /** `GET`, `POST`…; default any. */
  method?: string;
}

/**
 * Failures to inject into the next matching requests. Faults are used in the order they were
 * added; each matching request uses up one.
 */
export interface MockFaults {
  /** Network error (`HttpResponse.error()`), nothing committed, until {@link MockFaults.online}. */
  offline(options?: FaultOptions): void;
  /** Ends {@link MockFaults.offline}. */
  online(): void;
  /** Answers after `ms`; a request the client aborts meanwhile is dropped uncommitted. */
  delay(ms: number, options?: FaultOptions): void;
  /**
   * Answers with `code` and the contract's error body (`INTERNAL`, `RATE_LIMITED`, …), nothing
   * committed; `retryAfter` sets `Retry-After` (seconds, or an HTTP date).
   */
  status(code: number, options?: FaultOptions & { retryAfter?: string }): void;
  /** Commits the request, then answers 200 `application/json` with the body cut in half, as a broken proxy would. */
  malformedJson(options?: FaultOptions): void;
  /** Answers 200 `text/html` like a captive portal or a gateway's error page; nothing committed. */
  htmlErrorPage(options?: FaultOptions): void;
  /**
   * Commits the request, then never answers: the request hangs until the client aborts it (its
   * timeout), or fails as a network error after `hangMs` (default 60000).
   */
  timeoutAfterCommit(options?: FaultOptions & { hangMs?: number }): void;
  /** Removes every fault, `offline` included. */
  reset(): void;
}

/** One request the mock saw. */
export interface MockRequestRecord {
  method: string;
  /** Path below the base URL, without the query, e.g. `/tickets/abc/replies`. */
  path: string;
  idempotencyKey?: string;
  /** Status answered; 0 when there was no answer (network error, hang, client abort). */
  status: number;
}

/** Options of {@link createMockBackend}. */
export interface MockBackendOptions {
  /** Where the mock answers; default `https://api.aftercare.test`. */
  baseUrl?: string;
  /** The local engine's options: workflows, routing, SLA policies, knowledge articles… */
  engine?: EngineOptions;
  /** Bearer token → who it signs in. Default {@link DEFAULT_MOCK_USERS}. */
  users?: Record<string, Actor>;
  /** Clock; wins over `engine.now`. */
  now?: () => number;
}

/** An in-memory backend implementing `docs/openapi.yaml` for msw. */
export interface MockBackend {
  /** Pass to `setupServer(...handlers)` (msw/node) or `setupWorker(...handlers)` (msw/browser). */
  readonly handlers: RequestHandler[];
  /** The engine behind the handlers (current one: {@link MockBackend.reset} replaces it). Use it to arrange data directly. */
  readonly service: LocalService;
  /** Failure injection. */
  readonly faults: MockFaults;
  /** Every request seen since the last reset, oldest first. */
  readonly requests: MockRequestRecord[];
  /** How many tickets are stored. */
  ticketCount(): Promise<number>;
  /** Ends every open `GET /events/stream` response (the client sees the stream end). */
  endStreams(): void;
  /** Empties the store, forgets requests and faults, ends open streams. */
  reset(): void;
}

/** Default base URL of {@link createMockBackend}. */
export const MOCK_BASE_URL = 'https://api.aftercare.test';

/** Default users of {@link createMockBackend}: `agent-token` signs in agent `agent-1`, `lead-token` lead `lead-1`. */
export const DEFAULT_MOCK_USERS: Readonly<Record<string, Actor>> = Object.freeze({
  'agent-token': { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' },
  'lead-token': { kind: 'agent', id: 'lead-1', name: '李组长', role: 'lead' },
});

const DEFAULT_AGENTS = [buildAgent(), buildAgent({ id: 'lead-1', name: '李明', publicName: '李组长', role: 'lead', seniority: 8 })];

const CAPTIVE_PORTAL =
  '<!DOCTYPE html><html><head><title>Wi-Fi login</title></head><body><h1>Please sign in to the network</h1><form method="post"><input name="phone"><button>Connect</button></form></body></html>';

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  502: 'BAD_GATEWAY',
  503: 'UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

type FaultKind = 'offline' | 'delay' | 'status' | 'malformed' | 'html' | 'timeout';
interface Fault {
  kind: FaultKind;
  remaining: number;
  path?: RegExp | string;
  method?: string;
  ms?: number;
  code?: number;
  retryAfter?: string;
}

/** What an operation answers, before faults mangle it. */
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A ready response (the event stream), passed through as is. */
  raw?: unknown;
}

/** Init of a response. (Typed here: the core compiles without the DOM's `ResponseInit`.) */
interface Init {
  status: number;
  headers?: Record<string, string>;
}
const jsonResponse = (body: unknown, init: Init) => HttpResponse.json(body as never, init as never);
const rawResponse = (body: unknown, init: Init) => new HttpResponse(body as never, init as never);

/** The contract's error body. */
function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

/** Maps a typed error of the engine to the contract's status and error body. */
function answerForError(error: unknown): Answer {
  if (error instanceof ValidationError) return { status: 400, body: errorBody('VALIDATION_FAILED', error.message, { issues: error.issues }) };
  if (error instanceof WorkflowError)
    return { status: 409, body: errorBody(error.code, error.message, { action: error.action, status: error.status, reason: error.reason }) };
  if (error instanceof NotFoundError) return { status: 404, body: errorBody('NOT_FOUND', error.message) };
  if (error instanceof ConflictError) return { status: 409, body: errorBody('CONFLICT', error.message) };
  if (error instanceof AuthError) return { status: error.status, body: errorBody(error.code, error.message) };
  if (error instanceof AftercareError) return { status: 400, body: errorBody(error.code, error.message) };
  return { status: 500, body: errorBody('INTERNAL', error instanceof Error ? error.message : 'Internal error') };
}

function invalid(path: string, code: ValidationIssue['code'], message: string): ValidationError {
  return new ValidationError([{ path, code, message }], 'request');
}

/** `?a=1&a=2&b=x` → `{ a: ['1', '2'], b: ['x'] }`. */
function parseQuery(search: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        throw invalid('', 'invalid_format', 'the query string is not valid percent-encoding');
      }
    };
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

class Params {
  constructor(private readonly map: Map<string, string[]>) {}
  keys() {
    return [...this.map.keys()];
  }
  one(name: string): string | undefined {
    const values = this.map.get(name);
    if (values && values.length > 1) throw invalid(name, 'invalid', 'must be given once');
    return values?.[0];
  }
  many(name: string): string[] | undefined {
    return this.map.get(name);
  }
  int(name: string): number | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    if (!/^-?\d{1,9}$/.test(value)) throw invalid(name, 'invalid_type', 'must be an integer');
    return Number(value);
  }
  number(name: string): number | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw invalid(name, 'invalid_type', 'must be a number');
    return n;
  }
  bool(name: string): boolean | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw invalid(name, 'invalid_type', 'must be true or false');
    return value === 'true';
  }
  only(allowed: readonly string[]): void {
    const unknown = this.keys().filter((k) => !allowed.includes(k));
    if (unknown.length > 0) throw new ValidationError(unknown.map((k) => ({ path: k, code: 'unknown_field' as const, message: 'is not a known parameter' })), 'request');
  }
}

/** One value or a list, as `TicketQuery` takes it. */
const oneOrMany = <T extends string>(values: string[] | undefined): T | T[] | undefined =>
  values === undefined ? undefined : values.length === 1 ? (values[0] as T) : (values as T[]);

/** Resolves after `ms`, or early when `signal` aborts; tells which happened. Never keeps a process alive past `ms`. */
function sleep(ms: number, signal: MockRequest['signal']): Promise<'elapsed' | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const timer = web.setTimeout(() => resolve('elapsed'), ms);
    signal.addEventListener(
      'abort',
      () => {
        web.clearTimeout(timer);
        resolve('aborted');
      },
      { once: true },
    );
  });
}

/**
 * An in-memory backend that implements the REST contract (`docs/openapi.yaml`) with msw, on
 * the same local engine as local mode — the real workflow, SLA, routing and idempotency — so
 * integrators can test their pages and the SDK's transport against it:
 *
 * ```ts
 * const backend = createMockBackend();
 * const server = setupServer(...backend.handlers);
 * server.listen();
 * const client = createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, getToken: () => 'agent-token' }) });
 * backend.faults.status(503, { retryAfter: '5' });
 * ```
 *
 * Agents sign in with `Authorization: Bearer <token>` (see {@link MockBackendOptions.users});
 * customers create anonymously and follow their ticket with the `Aftercare-Access-Token` header.
 */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const baseUrl = (options.baseUrl ?? MOCK_BASE_URL).replace(/\/+$/, '');
  const users: Record<string, Actor> = { ...(options.users ?? DEFAULT_MOCK_USERS) };
  const engine: EngineOptions = {
    ...options.engine,
    agents: options.engine?.agents ?? DEFAULT_AGENTS,
    ...(options.now ? { now: options.now } : {}),
    attachmentUrl: (id) => `${baseUrl}/attachments/${encodeURIComponent(id)}`,
  };

  let storage: StorageAdapter = memoryStorage();
  let service: LocalService = createLocalService(storage, engine);
  let faultList: Fault[] = [];
  const requests: MockRequestRecord[] = [];
  const streams = new Set<() => void>();

  const addFault = (kind: FaultKind, o: FaultOptions = {}, extra: Partial<Fault> = {}) => {
    const times = o.times ?? (kind === 'offline' ? Number.POSITIVE_INFINITY : 1);
    if (!(times > 0)) throw new RangeError('times must be at least 1');
    const fault: Fault = { kind, remaining: times, ...extra };
    if (o.path !== undefined) fault.path = o.path;
    if (o.method !== undefined) fault.method = o.method.toUpperCase();
    faultList.push(fault);
  };

  const takeFault = (method: string, path: string): Fault | undefined => {
    const matches = (f: Fault) =>
      f.remaining > 0 &&
      (f.method === undefined || f.method === method) &&
      (f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path)));
    // Being offline wins over anything queued after it.
    const fault = faultList.find((f) => f.kind === 'offline' && matches(f)) ?? faultList.find(matches);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faultList = faultList.filter((f) => f !== fault);
    return fault;
  };

  const faults: MockFaults = {
    offline: (o) => addFault('offline', o),
    online: () => {
      faultList = faultList.filter((f) => f.kind !== 'offline');
    },
    delay: (ms, o) => addFault('delay', o, { ms }),
    status: (code, o = {}) => addFault('status', o, { code, ...(o.retryAfter !== undefined ? { retryAfter: o.retryAfter } : {}) }),
    malformedJson: (o) => addFault('malformed', o),
    htmlErrorPage: (o) => addFault('html', o),
    timeoutAfterCommit: (o = {}) => addFault('timeout', o, { ms: o.hangMs ?? 60_000 }),
    reset: () => {
      faultList = [];
    },
  };

  // --- who is asking ---------------------------------------------------------------------

  /** The signed-in actor, if an `Authorization` header came; an unknown token is a 401, never anonymous. */
  const bearer = (request: MockRequest): Actor | undefined => {
    const header = request.headers.get('authorization');
    if (header === null) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new AuthError(401, 'Malformed Authorization header: expected "Bearer <token>"');
    const actor = users[match[1]!];
    if (!actor) throw new AuthError(401, 'Unknown or expired token');
    return actor;
  };

  const agent = (request: MockRequest): Actor => {
    const actor = bearer(request);
    if (!actor) throw new AuthError(401, 'This operation needs an agent: Authorization: Bearer <token>');
    if (actor.kind !== 'agent') throw new AuthError(403, 'Only agents may do this');
    return actor;
  };

  const accessToken = (request: MockRequest) => request.headers.get('aftercare-access-token') ?? undefined;
  const idempotencyKey = (request: MockRequest) => request.headers.get('idempotency-key') ?? undefined;

  /** Who writes: the customer of the access token, or the signed-in user. */
  const writer = (request: MockRequest, agentsOnly = false): WriteOptions & { actor?: Actor } => {
    const token = accessToken(request);
    const key = idempotencyKey(request);
    const out: WriteOptions & { actor?: Actor } = key !== undefined ? { idempotencyKey: key } : {};
    if (token !== undefined && !agentsOnly) return { ...out, accessToken: token };
    const actor = bearer(request);
    if (!actor) {
      if (token !== undefined) throw new AuthError(403, 'Customers may not do this');
      throw new AuthError(401, 'Sign in (Authorization: Bearer <token>) or send the ticket’s Aftercare-Access-Token');
    }
    if (agentsOnly && actor.kind !== 'agent') throw new AuthError(403, 'Only agents may do this');
    return { ...out, actor };
  };

  const jsonBody = async (request: MockRequest): Promise<unknown> => {
    const text = await request.text();
    if (text.trim() === '') throw invalid('', 'required', 'a JSON body is required');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw invalid('', 'invalid_type', 'the body is not JSON');
    }
  };

  const ticketAnswer = (ticket: { revision: number }, status = 200): Answer => ({ status, body: ticket, headers: { ETag: `"${ticket.revision}"` } });

  /** `If-Match: <revision>` (quoted or not): refuses a write over a newer ticket. */
  const checkIfMatch = async (request: MockRequest, id: string, token: string | undefined) => {
    const header = request.headers.get('if-match');
    if (header === null || header.trim() === '*') return;
    const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
    if (!match) throw invalid('If-Match', 'invalid_format', 'must be a ticket revision');
    const current = await service.get(id, token !== undefined ? { accessToken: token } : {});
    if (current.revision !== Number(match[1])) throw new ConflictError(id, `Ticket ${id} is at revision ${current.revision}, not ${match[1]}`);
  };

  // --- the operations ------------------------------------------------------------------------

  type Operation = (request: MockRequest, params: Record<string, string>, query: Params) => Promise<Answer>;

  const createTicket: Operation = async (request, _params, query) => {
    query.only([]);
    const key = idempotencyKey(request);
    if (key === undefined || key.trim() === '') throw invalid('Idempotency-Key', 'required', 'the Idempotency-Key header is required');
    const actor = bearer(request);
    const body = await jsonBody(request);
    const created = await service.create(body as never, { idempotencyKey: key, ...(actor ? { actor } : {}) });
    // An anonymous creator is the customer: they get the customer view, as on every later read.
    const ticket = actor?.kind === 'agent' ? created.ticket : service.forCustomer(created.ticket);
    return { status: created.replayed ? 200 : 201, body: { ...created, ticket }, headers: { ETag: `"${ticket.revision}"` } };
  };

  const getTicket: Operation = async (request, { id }, query) => {
    query.only([]);
    const token = accessToken(request);
    if (token !== undefined) return ticketAnswer(await service.get(id!, { accessToken: token }));
    agent(request);
    return ticketAnswer(await service.get(id!));
  };

  const listTickets: Operation = async (request, _params, query) => {
    agent(request);
    query.only(['status', 'category', 'assigneeId', 'unassigned', 'groupId', 'customerId', 'priority', 'slaDueBefore', 'sort', 'limit', 'cursor']);
    const q: TicketQuery = {};
    const status = oneOrMany(query.many('status'));
    if (status !== undefined) q.status = status;
    const category = oneOrMany<StatusCategory>(query.many('category'));
    if (category !== undefined) q.category = category;
    const priority = oneOrMany<Priority>(query.many('priority'));
    if (priority !== undefined) q.priority = priority;
    const assigneeId = query.one('assigneeId');
    const unassigned = query.bool('unassigned');
    if (assigneeId === '') throw invalid('assigneeId', 'invalid_format', 'must not be empty: use unassigned=true for unassigned tickets');
    if (assigneeId !== undefined && unassigned) throw invalid('unassigned', 'invalid', 'cannot be combined with assigneeId');
    if (assigneeId !== undefined) q.assigneeId = assigneeId;
    if (unassigned) q.assigneeId = null;
    for (const name of ['groupId', 'customerId', 'slaDueBefore', 'cursor'] as const) {
      const value = query.one(name);
      if (value !== undefined) q[name] = value;
    }
    const sort = query.one('sort');
    if (sort !== undefined) q.sort = sort as TicketQuery['sort'];
    const limit = query.int('limit');
    if (limit !== undefined) q.limit = limit;
    return { status: 200, body: await service.list(q) };
  };

  const transition: Operation = async (request, { id }) => {
    const who = writer(request);
    const body = await jsonBody(request);
    await checkIfMatch(request, id!, who.accessToken);
    return ticketAnswer(await service.transition(id!, body as never, who));
  };

  const reply: Operation = async (request, { id }) => {
    const who = writer(request);
    return ticketAnswer(await service.reply(id!, (await jsonBody(request)) as never, who));
  };

  const note: Operation = async (request, { id }) => {
    const who = writer(request, true);
    return ticketAnswer(await service.note(id!, (await jsonBody(request)) as never, who));
  };

  const assign: Operation = async (request, { id }) => {
    const who = writer(request, true);
    const body = await jsonBody(request);
    await checkIfMatch(request, id!, undefined);
    return ticketAnswer(await service.assign(id!, body as never, who));
  };

  const rate: Operation = async (request, { id }) => {
    const who = writer(request);
    return ticketAnswer(await service.rate(id!, (await jsonBody(request)) as never, who));
  };

  const events: Operation = async (request, _params, query) => {
    agent(request);
    query.only(['since', 'limit']);
    const limit = query.int('limit');
    if (limit !== undefined && (limit < 1 || limit > 1000)) throw invalid('limit', 'out_of_range', 'must be from 1 to 1000');
    return { status: 200, body: await service.changes(query.one('since'), limit !== undefined ? { limit } : {}) };
  };

  const eventStream: Operation = async (request, _params, query) => {
    agent(request);
    query.only(['since']);
    const current = service;
    const currentStorage = storage;
    // The first page is read before answering, so a bad cursor is a 400, not a broken stream.
    const first = await current.changes(query.one('since'), { limit: 100 });
    const encoder = new web.TextEncoder();
    let cursor = first.cursor;
    let closed = false;
    let unwatch: () => void = () => undefined;
    let end: () => void = () => undefined;
    const body = new web.ReadableStream({
      start(controller) {
        const send = (text: string) => {
          if (!closed) controller.enqueue(encoder.encode(text));
        };
        const page = (p: { tickets: unknown[]; cursor: string }) => send(`data: ${JSON.stringify({ tickets: p.tickets, cursor: p.cursor })}\n\n`);
        end = () => {
          if (closed) return;
          closed = true;
          unwatch();
          streams.delete(end);
          controller.close();
        };
        streams.add(end);
        request.signal.addEventListener('abort', end, { once: true });
        send(': connected\n\n');
        if (first.tickets.length > 0) page(first);
        let pumping: Promise<void> = Promise.resolve();
        const pump = async () => {
          for (let more = true; more && !closed; ) {
            const next = await current.changes(cursor, { limit: 100 });
            cursor = next.cursor;
            if (next.tickets.length > 0) page(next);
            more = next.hasMore;
          }
        };
        if (first.hasMore) pumping = pumping.then(pump).catch(() => end());
        unwatch = currentStorage.watch(() => {
          pumping = pumping.then(pump).catch(() => end());
        });
      },
      cancel() {
        end();
      },
    });
    return {
      status: 200,
      raw: rawResponse(body, { status: 200, headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' } }),
    };
  };

  /** What search and suggest share: the text and the `limit`, `locale`, `strictLocale` parameters. */
  const knowledgeQuery = (query: Params): [string, KnowledgeSuggestOptions] => {
    const q = query.one('q');
    if (q === undefined) throw invalid('q', 'required', 'is required');
    const o: KnowledgeSuggestOptions = {};
    const limit = query.int('limit');
    if (limit !== undefined) o.limit = limit;
    const locale = query.one('locale');
    if (locale !== undefined) o.locale = locale;
    const strictLocale = query.bool('strictLocale');
    if (strictLocale !== undefined) o.strictLocale = strictLocale;
    return [q, o];
  };

  const searchKnowledge: Operation = async (request, _params, query) => {
    bearer(request); // anonymous is fine; a bad token is not
    query.only(['q', 'limit', 'locale', 'strictLocale', 'minConfidence', 'prefix', 'snippetLength']);
    const [q, o] = knowledgeQuery(query) as [string, KnowledgeSearchOptions];
    const minConfidence = query.number('minConfidence');
    if (minConfidence !== undefined) o.minConfidence = minConfidence;
    const prefix = query.bool('prefix');
    if (prefix !== undefined) o.prefix = prefix;
    const snippetLength = query.int('snippetLength');
    if (snippetLength !== undefined) o.snippetLength = snippetLength;
    return { status: 200, body: { hits: await service.searchKnowledge(q, o) } };
  };

  const suggestKnowledge: Operation = async (request, _params, query) => {
    bearer(request);
    query.only(['q', 'limit', 'locale', 'strictLocale']);
    const [q, o] = knowledgeQuery(query);
    return { status: 200, body: { suggestions: await service.suggestKnowledge(q, o) } };
  };

  const merge: Operation = async (request, { id }, query) => {
    query.only([]);
    const who = writer(request, true);
    const body = await jsonBody(request);
    await checkIfMatch(request, id!, undefined);
    const result = await service.merge(id!, body as never, who);
    return { status: 200, body: result, headers: { ETag: `"${result.source.revision}"` } };
  };

  const split: Operation = async (request, { id }, query) => {
    query.only([]);
    const who = writer(request, true);
    const body = await jsonBody(request);
    await checkIfMatch(request, id!, undefined);
    const result = await service.split(id!, body as never, who);
    return { status: 201, body: result, headers: { ETag: `"${result.parent.revision}"` } };
  };

  const collaborators: Operation = async (request, { id }, query) => {
    query.only([]);
    const who = writer(request, true);
    const body = await jsonBody(request);
    await checkIfMatch(request, id!, undefined);
    return ticketAnswer(await service.updateCollaborators(id!, body as never, who));
  };

  const suggestAssignee: Operation = async (request, { id }, query) => {
    agent(request);
    query.only([]);
    return { status: 200, body: await service.suggestAssignee(id!) };
  };

  const listAgents: Operation = async (request, _params, query) => {
    agent(request);
    query.only([]);
    return { status: 200, body: { agents: await service.listAgents() } };
  };

  /**
   * `POST /attachments`: the raw bytes, `Content-Type` and `Aftercare-File-Name` (percent-encoded).
   * Anonymous (a customer's form), with an access token or signed in; the engine enforces the
   * size and type limits (413 and 415 with `VALIDATION_FAILED`).
   */
  const uploadAttachment: Operation = async (request, _params, query) => {
    query.only([]);
    const actor = bearer(request); // anonymous is fine; a bad token is not
    const key = idempotencyKey(request);
    let name: string;
    try {
      name = decodeURIComponent(request.headers.get('aftercare-file-name') ?? '');
    } catch {
      throw invalid('Aftercare-File-Name', 'invalid_format', 'must be percent-encoded UTF-8');
    }
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    try {
      const meta = await service.uploadAttachment(await request.blob(), { name, type, ...(key !== undefined ? { idempotencyKey: key } : {}), ...(actor ? { actor } : {}) });
      return { status: 201, body: meta };
    } catch (error) {
      const answer = answerForError(error);
      const codes = error instanceof ValidationError ? error.issues.map((i) => i.code) : [];
      return codes.includes('too_large') ? { ...answer, status: 413 } : codes.includes('type_not_allowed') ? { ...answer, status: 415 } : answer;
    }
  };

  /** `GET /attachments/{id}`: the bytes, served so that a browser never runs them (nosniff, a sandbox CSP, `attachment` unless media or PDF). */
  const getAttachment: Operation = async (_request, { id }, query) => {
    query.only([]);
    const { meta, data } = await service.getAttachment(id!);
    const inline = /^(image|video)\//.test(meta.type) || meta.type === 'application/pdf';
    return {
      status: 200,
      raw: rawResponse(data, {
        status: 200,
        headers: {
          'Content-Type': meta.type,
          'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "sandbox; default-src 'none'",
          'Cache-Control': 'private, max-age=31536000, immutable',
        },
      }),
    };
  };

  // --- the wrapper: request log, faults, error mapping ----------------------------------------

  const toResponse = (answer: Answer) =>
    answer.raw !== undefined
      ? (answer.raw as HttpResponse<never>)
      : jsonResponse(answer.body, { status: answer.status, ...(answer.headers ? { headers: answer.headers } : {}) });

  const route = (method: 'GET' | 'POST', pattern: string, operation: Operation) => {
    const resolver = async ({ request, params }: { request: MockRequest; params: Record<string, string | readonly string[] | undefined> }) => {
      const [pathAndBase = '', search = ''] = request.url.split(/\?(.*)$/s);
      const path = pathAndBase.startsWith(baseUrl) ? pathAndBase.slice(baseUrl.length) : pathAndBase;
      const record: MockRequestRecord = { method, path, status: 0 };
      const key = idempotencyKey(request);
      if (key !== undefined) record.idempotencyKey = key;
      requests.push(record);

      const fault = takeFault(method, path);
      if (fault?.kind === 'offline') return HttpResponse.error();
      if (fault?.kind === 'html') {
        record.status = 200;
        return rawResponse(CAPTIVE_PORTAL, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      }
      if (fault?.kind === 'status') {
        const code = fault.code!;
        record.status = code;
        const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {};
        return jsonResponse(errorBody(STATUS_CODES[code] ?? `HTTP_${code}`, `Injected fault: HTTP ${code}`), { status: code, headers });
      }
      if (fault?.kind === 'delay' && (await sleep(fault.ms!, request.signal)) === 'aborted') return HttpResponse.error();

      const plainParams: Record<string, string> = {};
      for (const [name, value] of Object.entries(params)) if (typeof value === 'string') plainParams[name] = value;
      let answer: Answer;
      try {
        answer = await operation(request, plainParams, new Params(parseQuery(search)));
      } catch (error) {
        answer = answerForError(error);
      }

      if (fault?.kind === 'malformed') {
        const text = answer.raw !== undefined ? '{"tickets":[' : JSON.stringify(answer.body ?? {});
        record.status = 200;
        return rawResponse(text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      if (fault?.kind === 'timeout') {
        await sleep(fault.ms!, request.signal);
        return HttpResponse.error();
      }
      record.status = answer.status;
      return toResponse(answer);
    };
    const path = `${baseUrl}${pattern}`;
    return method === 'GET' ? http.get(path, resolver as never) : http.post(path, resolver as never);
  };

  const handlers: RequestHandler[] = [
    route('POST', '/tickets', createTicket),
    route('GET', '/tickets', listTickets),
    route('GET', '/tickets/:id', getTicket),
    route('POST', '/tickets/:id/transitions', transition),
    route('POST', '/tickets/:id/replies', reply),
    route('POST', '/tickets/:id/notes', note),
    route('POST', '/tickets/:id/assignment', assign),
    route('POST', '/tickets/:id/rating', rate),
    route('GET', '/events/stream', eventStream),
    route('GET', '/events', events),
    route('GET', '/knowledge/search', searchKnowledge),
    route('GET', '/knowledge/suggest', suggestKnowledge),
    route('GET', '/agents', listAgents),
    route('GET', '/tickets/:id/assignee-suggestion', suggestAssignee),
    route('POST', '/tickets/:id/merge', merge),
    route('POST', '/tickets/:id/subtasks', split),
    route('POST', '/tickets/:id/collaborators', collaborators),
    route('POST', '/attachments', uploadAttachment),
    route('GET', '/attachments/:id', getAttachment),
    // Anything else below the base URL: the contract's 404, so nothing leaks to the real network.
    http.all(`${baseUrl}/*`, (({ request }: { request: MockRequest }) => {
      const path = request.url.slice(baseUrl.length).split('?')[0] ?? '';
      requests.push({ method: request.method, path, status: 404 });
      return jsonResponse(errorBody('NO_ROUTE', `No operation ${request.method} ${path}`), { status: 404 });
    }) as never),
  ];

  const endStreams = () => {
    for (const end of [...streams]) end();
  };

  return {
    handlers,
    get service() {
      return service;
    },
    faults,
    requests,
    async ticketCount() {
      return (await storage.list({ limit: 1 })).total;
    },
    endStreams,
    reset() {
      endStreams();
      faultList = [];
      requests.length = 0;
      void storage.close();
      storage = memoryStorage();
      service = createLocalService(storage, engine);
    },
  };
}
