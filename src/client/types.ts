import type { Automation, NotificationEffect } from '../automation/create-automation.js';
import type { KnowledgeArticle, KnowledgeHit, KnowledgeSearchOptions, KnowledgeSuggestion, KnowledgeSuggestOptions } from '../knowledge/types.js';
import type { Audience, Priority, StatusCategory } from '../model/constants.js';
import type { MessageInput, RatingInput, TicketInput } from '../model/schema.js';
import type { TicketNumberOptions } from '../model/ticket-number.js';
import type { CollaboratorChange } from '../model/ticket-links.js';
import type { AttachmentPolicy } from '../model/attachments.js';
import type { Actor, Agent, AttachmentMeta, Ticket } from '../model/types.js';
import type { RouteContext, Router, RouteTrace } from '../routing/create-router.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import type { SlaPolicy } from '../sla/policy.js';
import type { Workflow } from '../workflow/create-workflow.js';

/** Which tickets a list asks for. Every filter is optional; filters combine with AND. */
export interface TicketQuery {
  /** One status or several. */
  status?: string | string[];
  /** `open` (not solved or closed), `pending`, `solved`, `closed`. */
  category?: StatusCategory | StatusCategory[];
  /** An agent id; `null` for unassigned tickets. */
  assigneeId?: string | null;
  groupId?: string;
  customerId?: string;
  priority?: Priority | Priority[];
  /** Tickets whose earliest running SLA target is due before this instant (ISO 8601): about to breach or breached. */
  slaDueBefore?: string;
  /** `sla_due` (soonest first; the default), `updated` (newest first), `created` (newest first), `priority` (most urgent first). */
  sort?: 'sla_due' | 'updated' | 'created' | 'priority';
  /** Default 50, at most 500. */
  limit?: number;
  /** Opaque position from a previous page's `next`. */
  cursor?: string;
}

/** One page of a list. */
export interface TicketPage {
  tickets: Ticket[];
  /** Tickets matching the query in all. */
  total: number;
  /** Cursor of the next page; absent on the last. */
  next?: string;
}

/** What `create` returns: the stored ticket and the credential its customer follows it with. */
export interface CreatedTicket {
  ticket: Ticket;
  /** Unguessable token giving one customer access to this one ticket (not the ticket number). */
  accessToken: string;
  /** The request was a repeat of an earlier one with the same idempotency key: this is the original ticket. */
  replayed: boolean;
}

/** Options of a write that a customer or an agent makes. */
export interface WriteOptions {
  /** Ties retries of the same write together: a repeat returns the first outcome. */
  idempotencyKey?: string;
  /** A customer's access token for this ticket (customer-facing pages). */
  accessToken?: string;
  /**
   * The revision the writer saw (optimistic concurrency, `If-Match` over HTTP): the write is
   * refused with `ConflictError` when the ticket changed since. Idempotent repeats skip it.
   */
  expectedRevision?: number;
}

/** A status change, an assignment or another workflow action. */
export interface TransitionInput {
  action: string;
  /** Resolution note, reason or question, depending on the action. */
  note?: string;
  assigneeId?: string;
  assigneeName?: string;
  groupId?: string;
  priority?: Priority;
  scheduledAt?: string;
}

/** Who a ticket goes to. */
export interface AssignInput {
  /** An agent id; omit to let the routing rules pick (local mode). */
  assigneeId?: string;
  assigneeName?: string;
  groupId?: string;
}

/** A duplicate to merge into the ticket that continues it. */
export interface MergeInput {
  /** The ticket that continues the request (the duplicate is closed). */
  targetId: string;
}

/** Both tickets after a merge. */
export interface MergeResult {
  /** The duplicate, closed, with `mergedIntoId`. */
  source: Ticket;
  target: Ticket;
}

/** A sub-task for another department, split off a ticket. */
export interface SplitInput {
  /** The department's group: the sub-task waits in its queue. */
  groupId: string;
  subject: string;
  /** What the department should do; default empty. */
  description?: string;
  /** Default the parent's priority. */
  priority?: Priority;
}

/** The parent and its new sub-task. */
export interface SplitResult {
  /** The parent, with the sub-task in `childIds`. */
  parent: Ticket;
  /** The sub-task: same customer, type and product, `parentId` set, in the department's group, unassigned. */
  child: Ticket;
}

/** Changes since a cursor: the tickets as they are now, each once, oldest change first. */
export interface ChangePage {
  tickets: Ticket[];
  /** Where the next request continues. */
  cursor: string;
  /** More changes wait: ask again at once. */
  hasMore: boolean;
}

/** The bytes of a file as Aftercare reads them: a DOM `Blob` or `File` fits, and Node's `Blob`. */
export interface BlobLike {
  readonly size: number;
  /** MIME type; `''` when the platform does not know it. */
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A file to upload: a DOM `File` (with its `name`), or any {@link BlobLike} with a name given beside it. */
export type FileLike = BlobLike & { readonly name?: string };

/** Options of an upload. */
export interface UploadOptions {
  /** The file's name; default `file.name`. */
  name?: string;
  /** The MIME type; default `file.type`. */
  type?: string;
  /** Ties retries of one upload together: a repeat returns the first upload's metadata and stores nothing new. */
  idempotencyKey?: string;
  /** A customer's access token for their ticket (replies); none when the ticket is being created. */
  accessToken?: string;
  /** Called as bytes go out: `loaded` of `total` bytes. Without `XMLHttpRequest`, at the start and the end only. */
  onProgress?: (loaded: number, total: number) => void;
  /** An `AbortSignal`: aborting stops the upload, which rejects with `AftercareError` code `ABORTED`. */
  signal?: ChangeStreamSignal;
}

/**
 * The service desk behind a client: the local engine (local mode, and the mock backend in
 * `aftercare/testing`) or a REST backend through {@link httpTransport}. Every method checks
 * its input and throws typed errors (`ValidationError`, `WorkflowError`, `NotFoundError`,
 * `TransportError`, `AuthError`).
 */
export interface TicketService {
  create(input: TicketInput, options?: WriteOptions & { actor?: Actor }): Promise<CreatedTicket>;
  /** The ticket as `audience` may see it: customers (with an access token) never get internal events. */
  get(id: string, options?: { accessToken?: string }): Promise<Ticket>;
  list(query?: TicketQuery): Promise<TicketPage>;
  transition(id: string, input: TransitionInput, options?: WriteOptions & { actor?: Actor }): Promise<Ticket>;
  reply(id: string, message: MessageInput, options?: WriteOptions & { actor?: Actor }): Promise<Ticket>;
  note(id: string, message: MessageInput, options?: WriteOptions & { actor?: Actor }): Promise<Ticket>;
  assign(id: string, input: AssignInput, options?: WriteOptions & { actor?: Actor }): Promise<Ticket>;
  rate(id: string, rating: RatingInput, options?: WriteOptions & { actor?: Actor }): Promise<Ticket>;
  /** Tickets changed after `cursor` (from the beginning when absent). */
  changes(cursor?: string, options?: { limit?: number }): Promise<ChangePage>;
  /**
   * Stores a file to attach to a new ticket, a reply or a note, checked against the desk's
   * {@link AttachmentPolicy} (`ValidationError` with `too_large`, `type_not_allowed`…), and
   * returns its metadata — with the `url` it is served at, from a server. Reference it by `id`
   * in `attachments`; the desk fills in the stored name, type, size and URL.
   */
  uploadAttachment(file: FileLike, options?: UploadOptions & { actor?: Actor }): Promise<AttachmentMeta>;
  /**
   * Optional server push: follows changes after `cursor` and calls `onPage` for each batch, in
   * order; resolves when the stream ends or `signal` aborts. A backend that does not offer it
   * rejects with `TransportError` `REJECTED` (404 or 501): the client then polls `changes`.
   */
  streamChanges?(cursor: string | undefined, onPage: (page: { tickets: Ticket[]; cursor: string }) => void | Promise<void>, signal?: ChangeStreamSignal): Promise<void>;
  searchKnowledge(query: string, options?: KnowledgeSearchOptions): Promise<KnowledgeHit[]>;
  suggestKnowledge(text: string, options?: KnowledgeSuggestOptions): Promise<KnowledgeSuggestion[]>;
  /** The desk's agents (names, roles, groups) for assignee names, @mentions and assignment pickers. Agents only over HTTP. */
  listAgents(): Promise<Agent[]>;
  /**
   * What the routing rules would do with ticket `id` now (agents only): the suggested assignee
   * and group, and the trace (matched rule, every candidate and why it was chosen or dropped).
   * Nothing is written.
   */
  suggestAssignee(id: string): Promise<AssignmentSuggestion>;
  /** Merges duplicate `id` into `input.targetId` (agents only; see `mergeTickets`). `expectedRevision` is the duplicate's. */
  merge(id: string, input: MergeInput, options?: WriteOptions & { actor?: Actor }): Promise<MergeResult>;
  /** Splits a sub-task for another department off ticket `id` (agents only; see `linkSubtask`). */
  split(id: string, input: SplitInput, options?: WriteOptions & { actor?: Actor }): Promise<SplitResult>;
  /** Adds and removes collaborators (agent ids) of ticket `id` (agents only). */
  updateCollaborators(id: string, change: CollaboratorChange, options?: WriteOptions & { actor?: Actor }): Promise<Ticket>;
}

/**
 * What a customer-facing page needs of the service desk: create and follow a ticket, reply,
 * rate, reopen, upload files, search the help articles. `httpTransport` gives all of it;
 * `customerHttpTransport` gives only this (a much smaller download).
 */
export type CustomerService = Pick<
  TicketService,
  'create' | 'get' | 'transition' | 'reply' | 'rate' | 'uploadAttachment' | 'searchKnowledge' | 'suggestKnowledge'
>;

/** The part of an `AbortSignal` a change stream listens to. */
export interface ChangeStreamSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A ticket row as a storage adapter keeps it, with the fields its indexes need. */
export interface StoredTicket {
  id: string;
  number: string;
  status: string;
  category: StatusCategory;
  /** 1 while the ticket is open or pending (not solved or closed), else 0: IndexedDB cannot index booleans. */
  open: 0 | 1;
  /** Agent id, or `''` when unassigned (IndexedDB cannot index `undefined`). */
  assigneeId: string;
  groupId: string;
  customerId: string;
  priority: Priority;
  /** Epoch ms of the earliest running SLA target; `Number.MAX_SAFE_INTEGER` when none runs. */
  slaDue: number;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
  ticket: Ticket;
}

/** An uploaded file as a storage adapter keeps it: its metadata and its bytes. */
export interface StoredAttachment {
  id: string;
  meta: AttachmentMeta;
  data: BlobLike;
  /** The upload's idempotency key, if it had one. */
  key?: string;
  /** Name, type and size of the upload, to tell a repeat from another file sent with the same key. */
  fingerprint?: string;
  /** Epoch ms. */
  createdAt: number;
}

/** What an idempotency key was used for: a repeat must be the same request to get the same answer. */
export interface IdempotencyRecord {
  key: string;
  ticketId: string;
  /** For `create`: the access token handed out. */
  result: string;
  /** The operation (`create`, `reply`, `rate`, `transition`…). */
  op?: string;
  /** A digest of the request's payload. */
  fingerprint?: string;
}

/** What a storage adapter reports after a write, to its own and other tabs' listeners. */
export interface StorageChange {
  ids: string[];
  /** Change sequence after the write. */
  seq: number;
}

/** Where the local engine keeps tickets: `memoryStorage()` (Node, tests) or the Dexie adapter (browsers). */
export interface StorageAdapter {
  readonly kind: string;
  get(id: string): Promise<StoredTicket | undefined>;
  getMany(ids: readonly string[]): Promise<Array<StoredTicket | undefined>>;
  getByNumber(number: string): Promise<StoredTicket | undefined>;
  /**
   * Writes tickets and records one change each, atomically; `keys` ties idempotency keys and
   * `access` access tokens to ticket ids in the same transaction. `expectedRevision` (per id)
   * refuses a write over a newer ticket with `ConflictError`.
   */
  write(rows: readonly StoredTicket[], extra?: {
    keys?: IdempotencyRecord[];
    access?: Array<{ token: string; ticketId: string }>;
    expectedRevision?: Record<string, number>;
  }): Promise<StorageChange>;
  /** The outcome recorded for an idempotency key. */
  getKey(key: string): Promise<IdempotencyRecord | undefined>;
  /** The ticket an access token opens. */
  getAccess(token: string): Promise<string | undefined>;
  list(query: TicketQuery): Promise<{ rows: StoredTicket[]; total: number; next?: string }>;
  countByStatus(query?: Pick<TicketQuery, 'assigneeId' | 'groupId' | 'customerId'>): Promise<Record<string, number>>;
  /** Ids changed after `seq`, each once, in change order, and the last sequence returned. */
  changesSince(seq: number, limit: number): Promise<{ ids: string[]; seq: number; hasMore: boolean }>;
  /**
   * Stores an uploaded file, atomically with its idempotency key: when `row.key` is already
   * taken, nothing is written and the row stored under that key is returned.
   */
  putAttachment(row: StoredAttachment): Promise<StoredAttachment>;
  getAttachment(id: string): Promise<StoredAttachment | undefined>;
  /** Next number of a counter (ticket numbers per day), atomically. */
  nextSequence(counter: string): Promise<number>;
  /** Bulk import (migration from another system); calls `onProgress(done, total)` as it goes. */
  importTickets(rows: readonly StoredTicket[], onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Changes made through this adapter and, for persistent stores, by other tabs of the same site. */
  watch(listener: (change: StorageChange) => void): () => void;
  close(): Promise<void>;
}

/** Everything the local engine needs besides storage; all optional. */
export interface EngineOptions {
  /** Workflow per ticket type; default the built-in ones. */
  workflow?: Workflow | ((type: string) => Workflow);
  router?: Router;
  agents?: readonly Agent[];
  routeContext?: Omit<RouteContext, 'now' | 'loads'>;
  automation?: Automation;
  policies?: SlaPolicy[];
  calendars?: Record<string, BusinessCalendar>;
  knowledge?: readonly KnowledgeArticle[];
  numberFormat?: TicketNumberOptions;
  /** Files the desk accepts; default `DEFAULT_ATTACHMENT_POLICY` (photos, videos, PDF; 50 MiB; ten per submission). */
  attachments?: Partial<AttachmentPolicy>;
  /**
   * The URL an uploaded file is served at (a server: the mock backend's `GET /attachments/{id}`).
   * Absent in local mode: the bytes stay in the local store and the client shows them through
   * object URLs (`client.attachments.url`).
   */
  attachmentUrl?: (id: string) => string;
  /** Clock; default `Date.now`. */
  now?: () => number;
  /**
   * Delivers the notifications automation rules ask for (e-mail, SMS, WeChat template message,
   * webhook): the engine only describes them. Each has a stable `key`: send each key once.
   */
  notify?: (notification: NotificationEffect) => void;
}

/** One customer write waiting in the outbox. */
export interface OutboxEntry {
  /** The idempotency key, generated on the device: also the entry's key. */
  key: string;
  op: 'create' | 'reply' | 'rate';
  /** The ticket the write is about; for `create`, the provisional ticket's id. */
  ticketId: string;
  payload: unknown;
  accessToken?: string;
  /** Epoch ms. */
  createdAt: number;
  attempts: number;
  /** Epoch ms before which the entry is not sent again. */
  notBefore: number;
  /** The tab or process sending it now, until `claimedUntil` (epoch ms). */
  claimedBy?: string;
  claimedUntil?: number;
  /** `failed`: refused by the server (validation); kept until the user deals with it. */
  state: 'queued' | 'failed';
  lastError?: { code: string; message: string; status?: number };
  /**
   * Files to upload before the write (a ticket's or a reply's attachments), bytes included:
   * the outbox keeps them until the write is confirmed. Each has its own upload key.
   */
  files?: OutboxFile[];
}

/** A file waiting in the outbox with its write. */
export interface OutboxFile {
  /** Idempotency key of its upload. */
  key: string;
  name: string;
  type: string;
  size: number;
  data: BlobLike;
}

/** Where outbox entries wait: IndexedDB (`idb`) in browsers, memory elsewhere. */
export interface OutboxStore {
  readonly durable: boolean;
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Atomically claims `key` for `owner` until `until`, unless it is not due yet (`notBefore`),
   * failed, or an unexpired claim holds it (a send in progress, here or in another tab);
   * returns the claimed entry.
   */
  claim(key: string, owner: string, now: number, until: number): Promise<OutboxEntry | undefined>;
  /**
   * Ends `owner`'s claim atomically: deletes the entry (`next` undefined: sent) or writes
   * `next` — only while `owner` still holds it, so a send that outlived its lease cannot undo
   * what another tab did meanwhile. Returns whether it did.
   */
  settle(key: string, owner: string, next: OutboxEntry | undefined): Promise<boolean>;
  close(): Promise<void>;
}

/** Audience-aware view helpers take this. */
export type { Audience };

/** What {@link TicketService.suggestAssignee} answers: routing's decision without acting on it. */
export interface AssignmentSuggestion {
  assignee?: string;
  group?: string;
  priority?: Priority;
  trace: RouteTrace;
}
