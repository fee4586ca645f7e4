import { AftercareError, AuthError, StorageError, TransportError, ValidationError, type ValidationIssue } from '../errors.js';
import type { KnowledgeHit, KnowledgeSearchOptions, KnowledgeSuggestion, KnowledgeSuggestOptions } from '../knowledge/types.js';
import type { Macro, MacroInput, MacroRendering } from '../knowledge/macros.js';
import type { CollaboratorChange } from '../model/ticket-links.js';
import { createTicket, workflowForType } from '../model/create-ticket.js';
import type { Workflow } from '../workflow/create-workflow.js';
import { installationWorkflow, standardWorkflow } from '../workflow/standard-workflow.js';
import { generateId } from '../model/ids.js';
import { safeAttachmentUrl, type AttachmentPolicy } from '../model/attachments.js';
import { messageSchema, type MessageInput, type RatingInput, type TicketInput } from '../model/schema.js';
import { parseOrThrow } from '../model/validate.js';
import type { Actor, Agent, AttachmentMeta, Ticket } from '../model/types.js';
import { clearTimer, setTimer, type TimerHandle } from './timers.js';
import { createSubscribers, createWriteQueue, hasIndexedDb, withFiles } from './write-queue.js';
import { clientActions, createClientStore, queueKey, selectTicket, selectTicketSla, type ClientState, type ClientStore, type QueueView, type TicketSla } from './store.js';
import { ticketSlaOf } from '../sla/statement.js';
import type { LocalService } from './local-service.js';
import type {
  AssignInput,
  AssignmentSuggestion,
  CreatedTicket,
  EngineOptions,
  FileLike,
  MergeInput,
  MergeResult,
  OutboxEntry,
  OutboxStore,
  SplitInput,
  SplitResult,
  StorageAdapter,
  TicketPage,
  TicketQuery,
  TicketService,
  TransitionInput,
  UploadOptions,
} from './types.js';

/** How far the uploads of one submission have come: its file `index` has sent `loaded` of `total` bytes. */
export interface UploadProgress {
  index: number;
  loaded: number;
  total: number;
}

/** Files that go with a ticket, a reply or a note. */
export interface FileOptions {
  /**
   * Files to attach (`File`s from an `<input type="file">`), checked against
   * `client.attachments.policy` (a `ValidationError` with paths `files.<i>.size`…, or `files`
   * for too many). A customer's ticket or reply keeps them, bytes included, in the outbox with
   * the write: they are uploaded first, then the write is sent, exactly once.
   */
  files?: readonly FileLike[];
  /** Progress of those uploads while this call sends them. */
  onProgress?: (progress: UploadProgress) => void;
}

/** Options of {@link createClient}. */
export interface ClientOptions extends EngineOptions {
  /**
   * Where local mode keeps tickets: `'indexeddb'` (the default where IndexedDB exists; Dexie,
   * loaded on demand), `'memory'` (the default elsewhere, e.g. Node), or an adapter.
   */
  storage?: 'indexeddb' | 'memory' | StorageAdapter;
  /** IndexedDB database name of local mode; default `'aftercare'`. */
  databaseName?: string;
  /** A backend, e.g. `httpTransport({ baseUrl, getToken })`; omitted: local mode. */
  transport?: TicketService;
  /**
   * Where customer writes wait until the server confirms them (remote mode): `'indexeddb'`
   * (default where IndexedDB exists; survives reloads), `'memory'`, or a store.
   */
  outbox?: 'indexeddb' | 'memory' | OutboxStore;
  /** IndexedDB database name of the outbox; default `'aftercare-outbox'`. */
  outboxName?: string;
  /**
   * Who uses this client; local mode records it as the actor of agent actions (default: an
   * agent with the admin role). Tickets created through `tickets.create` are the customer's
   * unless this is set.
   */
  actor?: Actor;
  /**
   * Live updates in remote mode: the change feed is polled every `pollMs` (default 5 s, with
   * backoff after errors up to `maxBackoffMs`, default 60 s); `sse: true` listens to the
   * server's event stream instead when it offers one. `false` turns live updates off.
   * Default: on for agent clients (an explicit `actor` of kind `agent`), off for customer pages.
   * After the backend refuses the credentials, following stops until a new client is made.
   */
  live?: false | { pollMs?: number; maxBackoffMs?: number; sse?: boolean };
  /** Retry delays of the outbox (tests shorten them). */
  retry?: { baseDelayMs?: number; maxDelayMs?: number; leaseMs?: number };
  /**
   * Canned responses agents insert into replies and notes (`client.macros`), with
   * `{{placeholders}}` such as `{{customer.name}}`, `{{ticket.number}}`, `{{agent.name}}`.
   */
  macros?: readonly MacroInput[];
}

/** Who acts in an agent's write. */
export interface ActingOptions {
  /**
   * The agent who acts (e.g. `<ac-ticket-detail agent-id>`); default the client's `actor`.
   * Local mode: one of the `agents` option (or the client's own `actor`), recorded as the
   * event's actor with public name and role; an unknown id is a `ValidationError`. Remote
   * mode: the server records the user its token signs in, so an id other than the client's
   * configured `actor` is refused (`ValidationError`) rather than silently recorded as another.
   */
  agentId?: string;
}

/** What `client.tickets.create` returns. */
export type SubmitResult =
  /** Stored (local mode) or confirmed by the server. */
  | { status: 'created'; ticket: Ticket; accessToken: string }
  /** Safely queued on this device; sent when the connection allows. `ticket` is the provisional copy. */
  | { status: 'queued'; ticket: Ticket; durable: boolean };

/** What {@link AftercareClient.subscribe} listeners hear. */
export type ClientEvent =
  | { type: 'ticket-changed'; ticket: Ticket }
  | { type: 'ticket-queued'; ticket: Ticket; durable: boolean }
  | { type: 'ticket-sent'; provisionalId: string; ticket: Ticket; accessToken: string }
  | { type: 'outbox-retry'; entry: OutboxEntry; error: AftercareError | Error }
  | { type: 'outbox-failed'; entry: OutboxEntry; error: AftercareError | Error }
  | { type: 'storage-error'; error: StorageError }
  | { type: 'connection'; online: boolean; error?: AftercareError | Error }
  /** A customer found their answer in an article instead of opening a ticket (self-service deflection). */
  | { type: 'deflection'; articleId: string; query: string; at: number };

/** The object every element uses: tickets, knowledge, live updates, and the Redux store. */
export interface AftercareClient {
  readonly mode: 'local' | 'remote';
  /** Redux store with the state the elements show; see the selectors (`selectQueue`, …). */
  readonly store: ClientStore;
  /** Settles when storage is open and the outbox has been read. */
  readonly ready: Promise<void>;
  readonly tickets: {
    /**
     * Validates and submits a ticket. The input is stored (local database or outbox) before it
     * is sent; the same `idempotencyKey` (one per form draft) never makes a second ticket.
     */
    create(input: TicketInput, options?: { idempotencyKey?: string } & FileOptions): Promise<SubmitResult>;
    get(id: string, options?: { accessToken?: string }): Promise<Ticket>;
    list(query?: TicketQuery): Promise<TicketPage>;
    /**
     * A workflow action. `expectedRevision`: refuse with `ConflictError` when someone changed the
     * ticket since it was shown. `accessToken`: the customer acts (e.g. reopens) on their ticket.
     */
    transition(id: string, input: TransitionInput, options?: { expectedRevision?: number; accessToken?: string } & ActingOptions): Promise<Ticket>;
    reply(id: string, message: MessageInput, options?: { accessToken?: string; idempotencyKey?: string } & FileOptions & ActingOptions): Promise<Ticket>;
    /** An internal note; `files` are uploaded first (no outbox: agents are online). */
    note(id: string, message: MessageInput, options?: FileOptions & ActingOptions): Promise<Ticket>;
    assign(id: string, input: AssignInput, options?: { expectedRevision?: number } & ActingOptions): Promise<Ticket>;
    /**
     * What the routing rules would do with the ticket now — suggested assignee and group, and
     * the trace: the rule that matched, every candidate and why each was chosen or dropped.
     * Nothing changes; assign with `assign`.
     */
    suggestAssignee(id: string): Promise<AssignmentSuggestion>;
    /**
     * Merges duplicate `id` into `input.targetId`, the same customer's ticket that continues the
     * request: the duplicate is closed with `mergedIntoId` and both log a public `merged` event;
     * the customer's access token of the duplicate opens the target too. Refusals: `WorkflowError`
     * (`target_status`, `status`, `same_customer`). `expectedRevision` is the duplicate's.
     */
    merge(id: string, input: MergeInput, options?: { expectedRevision?: number } & ActingOptions): Promise<MergeResult>;
    /**
     * Splits off a sub-task for another department: a new ticket of the same customer, type and
     * product in group `input.groupId` with `parentId` = `id`, listed in the parent's `childIds`;
     * both log an internal `linked` event.
     */
    split(id: string, input: SplitInput, options?: { expectedRevision?: number } & ActingOptions): Promise<SplitResult>;
    /** Adds and removes collaborators (agent ids; local mode checks them against `agents`): an internal `field_changed` event. */
    updateCollaborators(id: string, change: CollaboratorChange, options?: { expectedRevision?: number } & ActingOptions): Promise<Ticket>;
    rate(id: string, rating: RatingInput, options?: { accessToken?: string; idempotencyKey?: string }): Promise<Ticket>;
  };
  readonly attachments: {
    /** The files this client accepts: `options.attachments` over `DEFAULT_ATTACHMENT_POLICY`. The server enforces its own. */
    readonly policy: AttachmentPolicy;
    /** Why `file` may not be attached: issues with paths `type`, `size` and codes `type_not_allowed`, `too_large`, `too_short` (empty); `[]` when it may. */
    check(file: FileLike): ValidationIssue[];
    /**
     * Uploads one file now, without the outbox, and returns its metadata: put it in a note's or
     * reply's `attachments` (by `id`). `onProgress(loaded, total)` follows the bytes; `signal`
     * aborts (`AftercareError` `ABORTED`). Refused files: `ValidationError`.
     */
    upload(file: FileLike, options?: UploadOptions): Promise<AttachmentMeta>;
    /**
     * A URL to show or download an attachment: its own `url` when that is `https:`, `http:` or
     * `blob:` (never `javascript:` or `data:`); in local mode an object URL of the stored bytes,
     * revoked when the client closes; `undefined` when there is none.
     */
    url(meta: Pick<AttachmentMeta, 'id' | 'url'>): Promise<string | undefined>;
  };
  readonly knowledge: {
    search(query: string, options?: KnowledgeSearchOptions): Promise<KnowledgeHit[]>;
    suggest(text: string, options?: KnowledgeSuggestOptions): Promise<KnowledgeSuggestion[]>;
    /** Records that an article answered `query` and no ticket was needed (a `deflection` event for reports and analytics). */
    recordDeflection(articleId: string, query: string): void;
  };
  readonly macros: {
    /** The `macros` option's canned responses, validated (a `ValidationError` names a bad one); with `locale`, those in its language and those without one. */
    list(options?: { locale?: string }): Promise<Macro[]>;
    /**
     * Canned response `id` filled in for `ticket` and the agent who sends it (`renderMacro` over
     * `macroContext`): plain text, never HTML; `missing` lists placeholders without a value.
     * An unknown id is a `ValidationError`.
     */
    render(id: string, ticket: Ticket, agent?: Pick<Agent, 'name' | 'publicName'>): Promise<MacroRendering>;
  };
  readonly agents: {
    /**
     * The desk's agents — names, public names, roles, groups — for assignee names, @mentions
     * and assignment pickers. Local mode: the `agents` option; remote mode: `GET /agents`
     * (agents only: a customer page gets `AuthError`).
     */
    list(): Promise<Agent[]>;
  };
  readonly queues: {
    /**
     * Loads a queue view from the backend into the store (`state.queues`, and the tickets into
     * `state.tickets`): open and pending tickets, soonest SLA due first. `more: true` appends
     * the next page. Show it with `selectQueue` and `selectQueueState`.
     */
    load(view: QueueView, options?: { agentId?: string; limit?: number; more?: boolean }): Promise<TicketPage>;
  };
  readonly outbox: {
    entries(): Promise<OutboxEntry[]>;
    /** Sends what is due now (also done on start, on `online` and on a timer). */
    flush(): Promise<void>;
    retry(key: string): Promise<void>;
    discard(key: string): Promise<void>;
  };
  /** Catches up with the backend's changes now. */
  sync(): Promise<void>;
  /**
   * The SLA clocks behind a ticket's promises: computed by the store from this client's
   * `policies` (`selectTicketSla`), else as the service desk stated them on a customer view
   * (`ticket.sla`, remote mode).
   */
  sla(ticket: Ticket): TicketSla | undefined;
  subscribe(listener: (event: ClientEvent) => void): () => void;
  getState(): ClientState;
  /**
   * The workflow that governs `ticket` (its `workflowId`: the configured workflow, the
   * installation flow or the standard one), for labels and `actions(ticket, actor)`.
   */
  workflowFor(ticket: Pick<Ticket, 'workflowId' | 'type'>): Workflow;
  close(): Promise<void>;
}

const DEFAULT_ACTOR: Actor = { kind: 'agent', id: 'local-agent', name: 'Agent', role: 'admin' };

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** `window` where there is one (browsers fire `online` there); the core never requires it. */
const eventTarget = (): EventTargetLike | undefined => {
  const g = globalThis as { addEventListener?: unknown };
  return typeof g.addEventListener === 'function' ? (globalThis as unknown as EventTargetLike) : undefined;
};

/** A minimal abort signal (the core compiles without DOM typings; `AbortController` is not needed). */
function stopSignal() {
  let aborted = false;
  const listeners = new Set<() => void>();
  return {
    signal: {
      get aborted() {
        return aborted;
      },
      addEventListener: (_type: 'abort', listener: () => void) => void listeners.add(listener),
      removeEventListener: (_type: 'abort', listener: () => void) => void listeners.delete(listener),
    },
    abort() {
      if (aborted) return;
      aborted = true;
      for (const l of [...listeners]) l();
    },
  };
}

const errorInfo = (e: unknown) => ({
  code: e instanceof AftercareError ? e.code : 'UNKNOWN',
  message: e instanceof Error ? e.message : String(e),
});

/**
 * Creates a client. Without a transport it is a whole service desk in the page (local mode:
 * IndexedDB through Dexie, loaded only then); with one it talks to a backend and keeps
 * customer writes in a durable outbox until the server confirms them, exactly once.
 */
export function createClient(options: ClientOptions = {}): AftercareClient {
  const remote = options.transport !== undefined;
  const clock = options.now ?? (() => Date.now());
  const actor = options.actor ?? DEFAULT_ACTOR;
  /** The actor of an agent's write: `agentId` checked as {@link ActingOptions} says, else the client's actor. */
  const actorFor = (agentId: string | undefined): Actor => {
    if (agentId === undefined) return actor;
    const refuse = (code: 'unknown_value' | 'invalid', message: string) => new ValidationError([{ path: 'agentId', code, message }], 'write options');
    if (typeof agentId !== 'string' || agentId === '') throw refuse('invalid', 'must be an agent id');
    if (remote) {
      if (options.actor?.id !== undefined && options.actor.id !== agentId) throw refuse('invalid', `the server records the signed-in agent (${options.actor.id}), not ${agentId}`);
      return actor;
    }
    const agent = options.agents?.find((a) => a.id === agentId);
    if (agent) return { kind: 'agent', id: agent.id, name: agent.publicName ?? agent.name, role: agent.role };
    if (actor.kind === 'agent' && actor.id === agentId) return actor;
    throw refuse('unknown_value', `no agent "${agentId}" on this desk`);
  };
  const workflowFor = (ticket: Pick<Ticket, 'workflowId' | 'type'>): Workflow => {
    const chosen = options.workflow;
    const configured = chosen === undefined ? undefined : typeof chosen === 'function' ? chosen(ticket.type) : chosen;
    if (configured?.id === ticket.workflowId) return configured;
    if (ticket.workflowId === installationWorkflow.id) return installationWorkflow;
    if (ticket.workflowId === standardWorkflow.id) return standardWorkflow;
    return configured ?? workflowForType(ticket.type);
  };
  // Open for the agents' queues by the workflow's status category, so custom statuses count right.
  const isOpen = (ticket: Ticket) => {
    const workflow = workflowFor(ticket);
    const category = workflow.status(ticket.status) ? workflow.category(ticket.status) : 'open';
    return category === 'open' || category === 'pending';
  };
  const store = createClientStore({ ...(options.policies ? { policies: options.policies } : {}), ...(options.calendars ? { calendars: options.calendars } : {}), now: clock, isOpen });
  store.dispatch(clientActions.connection.modeSet(remote ? 'remote' : 'local'));
  const subscribers = createSubscribers();
  const { emit } = subscribers;
  const cleanups: Array<() => void> = [];
  let closed = false;

  // The backend: the transport, or the local engine once storage is open.
  let service: TicketService | undefined = options.transport;
  let storage: StorageAdapter | undefined;

  const upsert = (tickets: Ticket[]) => {
    if (tickets.length === 0) return;
    // Announced once per new revision: a local write comes back through the storage watch, and
    // a poll or a second read brings the same revision again.
    const state = store.getState();
    const changed = tickets.filter((t) => (selectTicket(state, t.id)?.revision ?? 0) < t.revision);
    store.dispatch(clientActions.tickets.upserted(tickets));
    for (const ticket of changed) emit({ type: 'ticket-changed', ticket });
  };

  const openLocal = async () => {
    const choice = options.storage ?? (hasIndexedDb() ? 'indexeddb' : 'memory');
    if (typeof choice === 'object') storage = choice;
    else if (choice === 'memory') storage = (await import('./memory-storage.js')).memoryStorage();
    else {
      try {
        const { dexieStorage } = await import('./dexie-storage.js');
        storage = await dexieStorage({ name: options.databaseName ?? 'aftercare' });
      } catch (error) {
        // Private mode, blocked or full: the desk still works in this page, and says it will not keep data.
        const e = error instanceof StorageError ? error : new StorageError('UNAVAILABLE', String(error), error);
        store.dispatch(clientActions.outbox.storageFailed(errorInfo(e)));
        emit({ type: 'storage-error', error: e });
        storage = (await import('./memory-storage.js')).memoryStorage();
      }
    }
    const { createLocalService } = await import('./local-service.js');
    service = createLocalService(storage, options);
    const s = storage;
    // Writes of this client and, through the adapter, of other tabs.
    cleanups.push(
      s.watch((change) => {
        void s.getMany(change.ids).then((rows) => upsert(rows.flatMap((r) => (r ? [r.ticket] : []))));
        scheduleTick();
      }),
    );
  };

  // Local mode's time rules and SLA escalations: one timer at the engine's next wake-up
  // (recomputed, debounced, after every change), never a poll over every ticket.
  let tickTimer: TimerHandle;
  let debounceTimer: TimerHandle;
  // Each wake-up computation has a number: an older one that resolves late is ignored.
  let generation = 0;
  const scheduleTick = (delay = 100) => {
    if (closed || remote || !options.automation || debounceTimer !== undefined) return;
    debounceTimer = setTimer(() => {
      debounceTimer = undefined;
      const local = service as LocalService | undefined;
      if (closed || !local) return;
      const mine = ++generation;
      local.nextWakeUp(clock()).then(
        (at) => {
          if (closed || mine !== generation) return;
          clearTimer(tickTimer);
          tickTimer = undefined;
          if (at === undefined) return;
          tickTimer = setTimer(
            () => {
              tickTimer = undefined;
              local.tick(clock()).then(
                () => scheduleTick(),
                (error: unknown) => {
                  // Time rules must not stop for good after one failure: try again in a minute.
                  if (error instanceof StorageError) emit({ type: 'storage-error', error });
                  scheduleTick(60_000);
                },
              );
            },
            Math.min(Math.max(0, at - clock()), 2 ** 31 - 1),
          );
        },
        () => scheduleTick(60_000),
      );
    }, delay);
  };

  // Files, the outbox and its flushing: the write path `createCustomerClient` shares.
  const writes = createWriteQueue({
    ...options,
    now: clock,
    emit,
    service: () => service!,
    online: () => store.getState().connection.online,
    setOnline: (online, error) => setOnline(online, error),
    onSent: (entry, result) => {
      if (entry.op === 'create') {
        const created = result as CreatedTicket;
        // The access token goes to the caller (the event, the submit result), never into state:
        // state is what devtools, persistence and logs see.
        store.dispatch(clientActions.tickets.sent({ provisionalId: entry.ticketId, ticket: created.ticket }));
        emit({ type: 'ticket-sent', provisionalId: entry.ticketId, ticket: created.ticket, accessToken: created.accessToken });
      } else rememberView(result as Ticket, entry.accessToken !== undefined);
    },
    onFailed: (entry) => {
      if (entry.op === 'create') store.dispatch(clientActions.tickets.removed([entry.ticketId]));
    },
    onStorageFailed: (error) => store.dispatch(clientActions.outbox.storageFailed(errorInfo(error))),
    onNotDurable: () => {
      if (store.getState().outbox.storageError === undefined) {
        store.dispatch(clientActions.outbox.storageFailed({ code: 'NOT_DURABLE', message: 'Queued submissions are kept in memory only' }));
      }
    },
    onChange: (entries) => store.dispatch(clientActions.outbox.changed(entries)),
    restore: (entry, input) => void store.dispatch(clientActions.tickets.queued({ ticket: createTicket(input, { id: entry.ticketId, now: entry.createdAt }), key: entry.key })),
  });
  const { writeFiles, uploadFiles, checkFile, progressOf, flush, reportFlushError, once } = writes;
  const objectUrls = new Map<string, string>();
  const urlApi = globalThis as { URL?: { createObjectURL?(blob: unknown): string; revokeObjectURL?(url: string): void } };

  const setOnline = (online: boolean, error?: unknown) => {
    if (store.getState().connection.online === online) return;
    store.dispatch(clientActions.connection.onlineChanged(online));
    emit({ type: 'connection', online, ...(error ? { error: error as Error } : {}) });
  };

  // Live updates of remote mode: the change feed from a cursor, so nothing is missed offline.
  const liveOptions = options.live === false ? undefined : options.live ?? {};
  // Agents follow changes; customer pages do not (they would only be refused).
  const liveEnabled = liveOptions !== undefined && (options.live !== undefined || options.actor?.kind === 'agent');
  let pollTimer: TimerHandle;
  let failures = 0;
  let syncing: Promise<void> | undefined;
  const sync = (): Promise<void> => {
    if (!remote) return ready;
    syncing ??= (async () => {
      await ready;
      store.dispatch(clientActions.connection.syncStarted());
      try {
        let more = true;
        while (more && !closed) {
          const page = await service!.changes(store.getState().connection.cursor);
          upsert(page.tickets);
          store.dispatch(clientActions.connection.synced({ cursor: page.cursor, at: clock() }));
          more = page.hasMore;
        }
        failures = 0;
        setOnline(true);
      } catch (error) {
        store.dispatch(clientActions.connection.failed(errorInfo(error)));
        if (error instanceof TransportError && (error.code === 'NETWORK' || error.code === 'TIMEOUT')) setOnline(false, error);
        throw error;
      } finally {
        syncing = undefined;
      }
    })();
    return syncing;
  };
  // Server push (SSE) when asked for and offered: catch up through the feed, then follow the
  // stream from the cursor; a backend without it (404/501) is polled instead.
  let streamUnavailable = false;
  let stopStream: (() => void) | undefined;
  const follow = async () => {
    if (closed) return;
    const stop = stopSignal();
    stopStream = stop.abort;
    try {
      await service!.streamChanges!(
        store.getState().connection.cursor,
        (page) => {
          upsert(page.tickets);
          store.dispatch(clientActions.connection.synced({ cursor: page.cursor, at: clock() }));
          setOnline(true);
        },
        stop.signal,
      );
    } finally {
      stopStream = undefined;
    }
  };
  let cycling = false;
  const poll = () => {
    if (closed || !liveOptions || cycling) return;
    cycling = true;
    const base = liveOptions.pollMs ?? 5_000;
    const streaming = liveOptions.sse === true && !streamUnavailable && service?.streamChanges !== undefined;
    void (streaming ? sync().then(follow) : sync())
      .then(
        () => undefined,
        (error: unknown) => {
          // Credentials refused: stop asking until the app reconnects (sync() or a new client).
          if (error instanceof AuthError) return 'stop';
          if (streaming && error instanceof TransportError && error.code === 'REJECTED' && (error.status === 404 || error.status === 501)) {
            streamUnavailable = true;
            return 'now';
          }
          failures += 1;
          return undefined;
        },
      )
      .then((next) => {
        cycling = false;
        if (closed || next === 'stop') return;
        if (next === 'now') return poll();
        // A stream that ended cleanly is reopened soon; a poll waits its interval.
        const wait = failures > 0 ? Math.min(liveOptions.maxBackoffMs ?? 60_000, base * 2 ** Math.min(failures, 10)) : streaming ? 1_000 : base;
        pollTimer = setTimer(poll, wait / 2 + (Math.random() * wait) / 2);
      });
  };

  const ready: Promise<void> = (async () => {
    if (remote) await writes.open();
    else {
      await openLocal();
      scheduleTick();
    }
  })();
  // Nobody may be awaiting `ready`; failures surface on every call instead.
  ready.catch(() => undefined);

  void ready.then(() => {
    if (closed) return;
    if (remote) {
      void flush().catch(reportFlushError);
      const target = eventTarget();
      if (target) {
        const onOnline = () => {
          setOnline(true);
          void flush().catch(reportFlushError);
          // Waiting between polls (or backing off): catch up now. A cycle in progress goes on.
          if (liveEnabled && !cycling) {
            clearTimer(pollTimer);
            pollTimer = undefined;
            failures = 0;
            poll();
          }
        };
        const onOffline = () => setOnline(false);
        target.addEventListener('online', onOnline);
        target.addEventListener('offline', onOffline);
        cleanups.push(() => {
          target.removeEventListener('online', onOnline);
          target.removeEventListener('offline', onOffline);
        });
      }
      if (liveEnabled) poll();
    }
  }, () => undefined);

  // Canned responses, validated on first use; the macro module loads only on pages that use them.
  let macros: Promise<Macro[]> | undefined;
  const macroList = () => (macros ??= import('../knowledge/macros.js').then(({ createMacro }) => (options.macros ?? []).map((m) => createMacro(m))));

  const backend = async () => {
    await ready;
    if (closed) throw new AftercareError('CLOSED', 'The client is closed');
    return service!;
  };
  const remember = <T extends Ticket>(ticket: T): T => {
    upsert([ticket]);
    return ticket;
  };
  /**
   * A customer's view (read or written with an access token) joins the store only when the
   * store holds nothing as new: on a page where agent elements share the client, it must not
   * replace the full ticket (internal notes and all) they show.
   */
  const rememberView = <T extends Ticket>(ticket: T, customer: boolean): T => {
    const have = (store.getState() as ClientState).tickets.entities[ticket.id];
    if (!customer || !have || have.revision < ticket.revision) upsert([ticket]);
    return ticket;
  };

  const client: AftercareClient = {
    mode: remote ? 'remote' : 'local',
    store,
    ready,
    tickets: {
      create(input, createOptions = {}) {
        const key = createOptions.idempotencyKey ?? generateId();
        if (createOptions.onProgress) progressOf.set(key, createOptions.onProgress);
        return once(key, async (): Promise<SubmitResult> => {
          // Validate on the device first (throws ValidationError): nothing bad is stored or queued.
          const files = writeFiles(createOptions.files, input?.attachments?.length);
          const provisional = createTicket(withFiles(input, files), { now: clock() });
          if (!remote) {
            const s = await backend();
            const attachments = await uploadFiles(s, key, files);
            const created = await s.create(withFiles(input, attachments), { idempotencyKey: key, actor: options.actor ?? { kind: 'customer' } });
            remember(created.ticket);
            return { status: 'created', ticket: created.ticket, accessToken: created.accessToken };
          }
          await ready;
          if (closed) throw new AftercareError('CLOSED', 'The client is closed');
          return writes.submit(
            key,
            input,
            files,
            (earlier) =>
              earlier
                ? ((store.getState() as ClientState).tickets.entities[earlier.ticketId] ?? createTicket(withFiles(earlier.payload as TicketInput, earlier.files), { id: earlier.ticketId, now: earlier.createdAt }))
                : provisional,
            { queued: (ticket) => void store.dispatch(clientActions.tickets.queued({ ticket, key })), dropped: (ticket) => void store.dispatch(clientActions.tickets.removed([ticket.id])) },
          );
        }).finally(() => progressOf.delete(key));
      },
      async get(id, getOptions = {}) {
        const s = await backend();
        return rememberView(await s.get(id, getOptions), getOptions.accessToken !== undefined);
      },
      async list(query = {}) {
        const s = await backend();
        const page = await s.list(query);
        upsert(page.tickets);
        return page;
      },
      async transition(id, input, writeOptions = {}) {
        const { agentId, ...rest } = writeOptions;
        const who = actorFor(agentId);
        const s = await backend();
        return rememberView(await s.transition(id, input, { actor: who, ...rest }), writeOptions.accessToken !== undefined);
      },
      reply(id, message, writeOptions = {}) {
        return writeThroughOutbox('reply', id, message, writeOptions);
      },
      async note(id, message, noteOptions = {}) {
        const who = actorFor(noteOptions.agentId);
        const files = writeFiles(noteOptions.files, message?.attachments?.length);
        if (files.length > 0) parseOrThrow(messageSchema, withFiles(message, files), 'note');
        const s = await backend();
        const key = generateId();
        if (noteOptions.onProgress) progressOf.set(key, noteOptions.onProgress);
        try {
          return remember(await s.note(id, withFiles(message, await uploadFiles(s, key, files)), { actor: who }));
        } finally {
          progressOf.delete(key);
        }
      },
      async suggestAssignee(id) {
        return (await backend()).suggestAssignee(id);
      },
      async assign(id, input, writeOptions = {}) {
        const { agentId, ...rest } = writeOptions;
        const who = actorFor(agentId);
        const s = await backend();
        return remember(await s.assign(id, input, { actor: who, ...rest }));
      },
      async merge(id, input, writeOptions = {}) {
        const { agentId, ...rest } = writeOptions;
        const who = actorFor(agentId);
        const s = await backend();
        const r = await s.merge(id, input, { actor: who, ...rest });
        upsert([r.source, r.target]);
        return r;
      },
      async split(id, input, writeOptions = {}) {
        const { agentId, ...rest } = writeOptions;
        const who = actorFor(agentId);
        const s = await backend();
        const r = await s.split(id, input, { actor: who, ...rest });
        upsert([r.parent, r.child]);
        return r;
      },
      async updateCollaborators(id, change, writeOptions = {}) {
        const { agentId, ...rest } = writeOptions;
        const who = actorFor(agentId);
        const s = await backend();
        return remember(await s.updateCollaborators(id, change, { actor: who, ...rest }));
      },
      rate(id, rating, writeOptions = {}) {
        return writeThroughOutbox('rate', id, rating, writeOptions);
      },
    },
    attachments: {
      policy: writes.policy,
      check: (file) => checkFile(file).issues,
      async upload(file, uploadOptions = {}) {
        const { f, issues } = checkFile(file, uploadOptions.name ?? file?.name);
        if (issues.length > 0) throw new ValidationError(issues, 'attachment');
        return (await backend()).uploadAttachment(file, { ...uploadOptions, name: f.name, type: f.type });
      },
      async url(meta) {
        const own = safeAttachmentUrl(meta?.url);
        if (own || remote || typeof meta?.id !== 'string') return own;
        const known = objectUrls.get(meta.id);
        if (known || typeof urlApi.URL?.createObjectURL !== 'function') return known;
        try {
          const { data } = await ((await backend()) as LocalService).getAttachment(meta.id);
          const url = objectUrls.get(meta.id) ?? urlApi.URL.createObjectURL(data);
          objectUrls.set(meta.id, url);
          return url;
        } catch {
          return undefined;
        }
      },
    },
    knowledge: {
      async search(query, searchOptions) {
        return (await backend()).searchKnowledge(query, searchOptions);
      },
      async suggest(text, suggestOptions) {
        return (await backend()).suggestKnowledge(text, suggestOptions);
      },
      recordDeflection(articleId, query) {
        emit({ type: 'deflection', articleId, query, at: clock() });
      },
    },
    macros: {
      async list(listOptions = {}) {
        const all = await macroList();
        const language = (tag: string) => tag.toLowerCase().split('-')[0];
        const { locale } = listOptions;
        return locale === undefined ? [...all] : all.filter((m) => m.locale === undefined || language(m.locale) === language(locale));
      },
      async render(id, ticket, agent) {
        const macro = (await macroList()).find((m) => m.id === id);
        if (!macro) throw new ValidationError([{ path: 'id', code: 'unknown_value', message: `no canned response "${String(id)}"` }], 'macro');
        const { renderMacro, macroContext } = await import('../knowledge/macros.js');
        return renderMacro(macro, macroContext(ticket, agent));
      },
    },
    agents: {
      async list() {
        return (await backend()).listAgents();
      },
    },
    queues: {
      async load(view, loadOptions = {}) {
        const agentId = loadOptions.agentId ?? actor.id;
        const key = queueKey(view, agentId);
        const state = store.getState() as ClientState;
        const cursor = loadOptions.more ? state.queues[key]?.next : undefined;
        if (loadOptions.more && cursor === undefined) return { tickets: [], total: state.queues[key]?.total ?? 0 };
        const open: TicketQuery = { category: ['open', 'pending'], sort: 'sla_due', limit: loadOptions.limit ?? 100, ...(cursor ? { cursor } : {}) };
        const query: TicketQuery =
          view === 'mine'
            ? { ...open, assigneeId: agentId ?? '' }
            : view === 'unassigned'
              ? { ...open, assigneeId: null }
              : view === 'breaching'
                ? // Due within the hour or overdue; the store's SLA state then keeps warning and breached.
                  { ...open, slaDueBefore: new Date(clock() + 3_600_000).toISOString() }
                : open;
        store.dispatch(clientActions.queues.loading(key));
        try {
          const s = await backend();
          const page = await s.list(query);
          upsert(page.tickets);
          store.dispatch(
            clientActions.queues.loaded({ key, ids: page.tickets.map((t) => t.id), total: page.total, append: cursor !== undefined, at: clock(), ...(page.next ? { next: page.next } : {}) }),
          );
          return page;
        } catch (error) {
          store.dispatch(clientActions.queues.failed({ key, error: errorInfo(error) }));
          throw error;
        }
      },
    },
    outbox: writes.api,
    sync,
    subscribe: subscribers.subscribe,
    sla: (ticket) => selectTicketSla(store.getState() as ClientState, ticket?.id) ?? (ticket?.sla ? ticketSlaOf(ticket.sla) : undefined),
    getState: () => store.getState() as ClientState,
    workflowFor,
    async close() {
      if (closed) return;
      closed = true;
      clearTimer(pollTimer);
      clearTimer(tickTimer);
      clearTimer(debounceTimer);
      stopStream?.();
      for (const c of cleanups) c();
      subscribers.clear();
      store.dispose();
      for (const url of objectUrls.values()) urlApi.URL?.revokeObjectURL?.(url);
      objectUrls.clear();
      await ready.catch(() => undefined);
      await writes.close();
      await storage?.close();
    },
  };

  /**
   * A reply or rating. Remote mode: through the outbox, so a customer's words survive a lost
   * connection; the promise settles when the server confirms, or rejects with
   * `QueuedError` when the write is kept on the device and sent later.
   */
  async function writeThroughOutbox(op: 'reply' | 'rate', id: string, payload: MessageInput | RatingInput, writeOptions: { accessToken?: string; idempotencyKey?: string } & FileOptions & ActingOptions): Promise<Ticket> {
    const key = writeOptions.idempotencyKey ?? generateId();
    if (typeof id !== 'string' || id === '') throw new ValidationError([{ path: 'id', code: 'required', message: 'is required' }], 'ticket id');
    if (id in store.getState().tickets.queued) {
      throw new ValidationError([{ path: 'id', code: 'invalid', message: 'this ticket has not reached the service desk yet; write again once it is sent' }], 'ticket id');
    }
    const who = actorFor(writeOptions.agentId);
    const files = op === 'reply' ? writeFiles(writeOptions.files, (payload as MessageInput)?.attachments?.length) : [];
    // Checked before the files are stored or sent: a reply the server would refuse uploads nothing.
    if (files.length > 0) parseOrThrow(messageSchema, withFiles(payload as MessageInput, files), 'reply');
    if (writeOptions.onProgress) progressOf.set(key, writeOptions.onProgress);
    return once(key, async () => {
      if (!remote) {
        const s = await backend();
        const w = { idempotencyKey: key, actor: who, ...(writeOptions.accessToken ? { accessToken: writeOptions.accessToken } : {}) };
        const message = withFiles(payload as MessageInput, await uploadFiles(s, key, files, writeOptions.accessToken));
        return rememberView(op === 'reply' ? await s.reply(id, message, w) : await s.rate(id, payload as RatingInput, w), writeOptions.accessToken !== undefined);
      }
      return writes.write(op, id, payload, key, files, writeOptions.accessToken);
    }).finally(() => progressOf.delete(key));
  }

  return client;
}
