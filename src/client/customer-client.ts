import { AftercareError, AuthError, QueuedError, StorageError, TransportError, ValidationError, type ValidationIssue } from '../errors.js';
import { attachmentIssues, attachmentPolicy, cleanAttachmentName, safeAttachmentUrl, type AttachmentPolicy } from '../model/attachments.js';
import { generateId } from '../model/ids.js';
import type { MessageInput, RatingInput, TicketInput } from '../model/schema.js';
import type { AttachmentMeta, Ticket } from '../model/types.js';
import { ticketSlaOf, type TicketSla } from '../sla/statement.js';
import { builtInWorkflowId } from '../workflow/built-in-statuses.js';
import type { AftercareClient, ClientEvent, FileOptions, SubmitResult, UploadProgress } from './create-client.js';
import { createOutbox, isRetryable, memoryOutboxStore, type Outbox } from './outbox.js';
import { clearTimer, setTimer, type TimerHandle } from './timers.js';
import type { CreatedTicket, CustomerService, FileLike, OutboxEntry, OutboxFile, OutboxStore, TransitionInput } from './types.js';

/**
 * What customer-facing elements (`<ac-ticket-form>`, `<ac-ticket-tracker>`, `<ac-satisfaction>`,
 * `<ac-kb-search>`) use: create and follow a ticket, reply, rate, reopen, attach files, search
 * help articles, and the outbox that keeps a customer's writes until the server confirms them.
 *
 * {@link createClient}'s `AftercareClient` is one (local mode, agent pages);
 * {@link createCustomerClient} makes a lean one for customer pages in remote mode: no Redux
 * store, no workflow or SLA engine, no local database — what the server states (SLA promises,
 * the actions the customer may take) comes with its customer views.
 */
export interface CustomerClient {
  readonly mode: 'local' | 'remote';
  /** Settles when storage is open and the outbox has been read. */
  readonly ready: Promise<void>;
  readonly tickets: {
    /**
     * Validates and submits a ticket. The input is stored (local database or outbox) before it
     * is sent; the same `idempotencyKey` (one per form draft) never makes a second ticket.
     */
    create(input: TicketInput, options?: { idempotencyKey?: string } & FileOptions): Promise<SubmitResult>;
    /** The ticket; with the customer's access token, their view (public events only, and what the desk states to them). */
    get(id: string, options?: { accessToken?: string }): Promise<Ticket>;
    /** A workflow action the customer may take (`reopen`), with their access token. */
    transition(id: string, input: TransitionInput, options?: { accessToken?: string }): Promise<Ticket>;
    /** A public reply; kept in the outbox and sent later when the connection fails (`QueuedError`). */
    reply(id: string, message: MessageInput, options?: { accessToken?: string; idempotencyKey?: string } & FileOptions): Promise<Ticket>;
    /** The customer's rating, once; through the outbox like a reply. */
    rate(id: string, rating: RatingInput, options?: { accessToken?: string; idempotencyKey?: string }): Promise<Ticket>;
  };
  readonly attachments: Pick<AftercareClient['attachments'], 'policy' | 'check' | 'upload' | 'url'>;
  readonly knowledge: AftercareClient['knowledge'];
  readonly outbox: AftercareClient['outbox'];
  /**
   * The SLA clocks behind a ticket's promises: as this client computes them from its own
   * policies (`createClient({ policies })`), else as the service desk stated them on the
   * customer view (`ticket.sla`); `undefined` when neither knows.
   */
  sla(ticket: Ticket): TicketSla | undefined;
  subscribe(listener: (event: ClientEvent) => void): () => void;
  close(): Promise<void>;
}

// The full client is a customer client too: a page may hand either to customer elements.
const fullClientIsCustomerClient = (client: AftercareClient): CustomerClient => client;
void fullClientIsCustomerClient;

/** Options of {@link createCustomerClient}. */
export interface CustomerClientOptions {
  /**
   * The backend: `customerHttpTransport({ baseUrl })` (the customer's half of the REST
   * contract, the smallest download) or `httpTransport(...)`.
   */
  transport: CustomerService;
  /**
   * Where customer writes wait until the server confirms them: `'indexeddb'` (default where
   * IndexedDB exists; survives reloads, shared with other tabs and with `createClient`'s
   * outbox of the same name), `'memory'`, or a store.
   */
  outbox?: 'indexeddb' | 'memory' | OutboxStore;
  /** IndexedDB database name of the outbox; default `'aftercare-outbox'`. */
  outboxName?: string;
  /** Retry delays of the outbox (tests shorten them). */
  retry?: { baseDelayMs?: number; maxDelayMs?: number; leaseMs?: number };
  /** Files this client accepts before sending; the server enforces its own policy. */
  attachments?: Partial<AttachmentPolicy>;
  /** Clock; default `Date.now`. */
  now?: () => number;
}

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}
const hasIndexedDb = () => typeof (globalThis as { indexedDB?: unknown }).indexedDB === 'object' && (globalThis as { indexedDB?: unknown }).indexedDB !== null;

// The checks of what the customer sends (lean schemas, no valibot) load when first needed: when
// the customer first submits or writes, not with the page.
const checks = () => import('../model/customer-checks.js');

/**
 * A ticket the client made up while its submission waits in the outbox (the server's replaces
 * it); validating `input` on the way (`ValidationError`).
 */
async function provisionalTicket(input: TicketInput, id: string | undefined, now: number): Promise<Ticket> {
  const [{ checkTicketInput }, { buildTicket }] = await Promise.all([checks(), import('../model/build-ticket.js')]);
  const data = checkTicketInput(input, now);
  return buildTicket(data, { now, status: 'new', workflowId: builtInWorkflowId(data.type), ...(id !== undefined ? { id } : {}) });
}

/** `payload` with `files` added to its attachments: uploaded ones by their metadata, others (a provisional copy) by their upload key. */
function withFiles<T extends { attachments?: MessageInput['attachments'] }>(payload: T, files: ReadonlyArray<OutboxFile | AttachmentMeta> = []): T {
  if (files.length === 0) return payload;
  const added = files.map((f) => ({ id: 'key' in f ? f.key : f.id, name: f.name, type: f.type, size: f.size }));
  return { ...payload, attachments: [...(payload?.attachments ?? []), ...added] };
}

/**
 * A client for customer pages in remote mode: create, follow, reply, rate, reopen, attach and
 * search, with the same outbox guarantees as `createClient` — every create, reply and rating
 * is stored (IndexedDB through `idb`) before it is sent, sent exactly once under its
 * idempotency key, kept through reloads, lost connections and server errors, retried with
 * backoff, and a refusal reaches the caller. It has no Redux store and loads neither the
 * workflow nor the SLA engine: SLA promises and the customer's allowed actions come with the
 * server's customer views (`ticket.sla`, `ticket.customerActions`). `<ac-provider api-base>`
 * makes one; agent pages need `createClient`.
 */
export function createCustomerClient(options: CustomerClientOptions): CustomerClient {
  const service = options.transport;
  const clock = options.now ?? (() => Date.now());
  const listeners = new Set<(event: ClientEvent) => void>();
  const emit = (event: ClientEvent) => {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch {
        // A listener's bug must not break delivery to the others.
      }
    }
  };
  const cleanups: Array<() => void> = [];
  let closed = false;
  let online = true;
  let outbox: Outbox | undefined;
  // Provisional tickets of submissions waiting in the outbox, by id.
  const queued = new Map<string, Ticket>();
  // The newest revision seen of each ticket: a change is announced once.
  const seen = new Map<string, number>();

  const setOnline = (now: boolean, error?: unknown) => {
    if (online === now) return;
    online = now;
    emit({ type: 'connection', online, ...(error ? { error: error as Error } : {}) });
  };
  const received = (ticket: Ticket): Ticket => {
    if ((seen.get(ticket.id) ?? -1) < ticket.revision) {
      seen.set(ticket.id, ticket.revision);
      emit({ type: 'ticket-changed', ticket });
    }
    return ticket;
  };

  // --- attachments ---------------------------------------------------------------------------

  const filePolicy = attachmentPolicy(options.attachments);
  const checkFile = (file: FileLike, name = file?.name) => {
    const f = { name: cleanAttachmentName(name ?? ''), type: String(file?.type ?? '').toLowerCase(), size: file?.size };
    return { f, issues: attachmentIssues(f, filePolicy) };
  };
  /** A write's files, checked (a `ValidationError` before anything is stored), each with its own upload key. */
  const writeFiles = (files: readonly FileLike[] = [], already = 0): OutboxFile[] => {
    const issues: ValidationIssue[] = [];
    if (files.length > 0 && files.length + already > filePolicy.maxFiles) issues.push({ path: 'files', code: 'too_many', message: `at most ${filePolicy.maxFiles} files` });
    const list = files.map((file, i) => {
      const { f, issues: own } = checkFile(file);
      issues.push(...own.map((issue) => ({ ...issue, path: `files.${i}.${issue.path}` })));
      return { key: generateId(), ...f, data: file };
    });
    if (issues.length > 0) throw new ValidationError(issues, 'attachments');
    return list;
  };
  // Files uploaded by this page (by upload key), so a write retried later does not send them again.
  const uploaded = new Map<string, AttachmentMeta>();
  const progressOf = new Map<string, (progress: UploadProgress) => void>();
  const uploadFiles = async (writeKey: string, files: readonly OutboxFile[] = [], accessToken?: string): Promise<AttachmentMeta[]> => {
    const metas: AttachmentMeta[] = [];
    for (const [index, f] of files.entries()) {
      const report = (loaded: number, total: number) => progressOf.get(writeKey)?.({ index, loaded, total });
      let meta = uploaded.get(f.key);
      if (!meta) {
        try {
          meta = await service.uploadAttachment(f.data, { name: f.name, type: f.type, idempotencyKey: f.key, onProgress: report, ...(accessToken ? { accessToken } : {}) });
        } catch (error) {
          // Refused by the server's own policy: say which file.
          if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => ({ ...i, path: `files.${index}${i.path ? `.${i.path}` : ''}` })), 'attachments');
          throw error;
        }
        uploaded.set(f.key, meta);
      }
      report(f.size, f.size);
      metas.push(meta);
    }
    return metas;
  };

  // --- the outbox ----------------------------------------------------------------------------

  const sendEntry = async (entry: OutboxEntry): Promise<unknown> => {
    const write = { idempotencyKey: entry.key, ...(entry.accessToken ? { accessToken: entry.accessToken } : {}) };
    switch (entry.op) {
      case 'create':
        return service.create(withFiles(entry.payload as TicketInput, await uploadFiles(entry.key, entry.files)), write);
      case 'reply':
        return service.reply(entry.ticketId, withFiles(entry.payload as MessageInput, await uploadFiles(entry.key, entry.files, entry.accessToken)), write);
      default:
        return service.rate(entry.ticketId, entry.payload as RatingInput, write);
    }
  };

  const openOutbox = async () => {
    const choice = options.outbox ?? (hasIndexedDb() ? 'indexeddb' : 'memory');
    let outboxStore: OutboxStore;
    if (typeof choice === 'object') outboxStore = choice;
    else if (choice === 'memory') outboxStore = memoryOutboxStore();
    else {
      try {
        const { idbOutboxStore } = await import('./idb-outbox.js');
        outboxStore = await idbOutboxStore(options.outboxName ?? 'aftercare-outbox');
      } catch (error) {
        // Private mode, blocked database: keep working, in memory, and say so.
        emit({ type: 'storage-error', error: error instanceof StorageError ? error : new StorageError('UNAVAILABLE', String(error), error) });
        outboxStore = memoryOutboxStore();
      }
    }
    outbox = createOutbox({
      store: outboxStore,
      owner: generateId(),
      now: clock,
      ...(options.retry ?? {}),
      send: sendEntry,
      onSent: (entry, result) => {
        if (entry.op === 'create') {
          const created = result as CreatedTicket;
          queued.delete(entry.ticketId);
          seen.set(created.ticket.id, created.ticket.revision);
          emit({ type: 'ticket-sent', provisionalId: entry.ticketId, ticket: created.ticket, accessToken: created.accessToken });
        } else received(result as Ticket);
      },
      onRetry: (entry, error) => {
        if (error instanceof TransportError && error.code === 'NETWORK') setOnline(false, error);
        emit({ type: 'outbox-retry', entry, error: error as Error });
        scheduleFlush();
      },
      onFailed: (entry, error) => {
        // The refused submission stays in the outbox (state `failed`) for the user; its provisional copy goes.
        if (entry.op === 'create') queued.delete(entry.ticketId);
        emit({ type: 'outbox-failed', entry, error: error as Error });
      },
      onStorageError: (error) => emit({ type: 'storage-error', error }),
    });
    // Submissions queued before a reload are provisional tickets again until they are sent.
    for (const entry of await outbox.entries()) {
      if (entry.op !== 'create' || entry.state !== 'queued') continue;
      try {
        queued.set(entry.ticketId, await provisionalTicket(withFiles(entry.payload as TicketInput, entry.files), entry.ticketId, entry.createdAt));
      } catch {
        // An entry from an older version that no longer validates: the server decides when it is sent.
      }
    }
  };

  // Flush timer: at the next entry's retry time, and every 30 s as a safety net.
  let flushTimer: TimerHandle;
  const scheduleFlush = () => {
    if (closed || !outbox) return;
    void outbox.nextDue().then((due) => {
      if (closed || due === undefined) return;
      clearTimer(flushTimer);
      flushTimer = setTimer(() => {
        flushTimer = undefined;
        void flush().catch(reportFlushError);
      }, Math.min(Math.max(0, due - clock()), 30_000));
    });
  };
  const flush = async () => {
    await ready;
    if (!outbox || closed) return;
    try {
      await outbox.flush();
    } finally {
      scheduleFlush();
    }
  };
  const reportFlushError = (error: unknown) => {
    if (error instanceof StorageError) emit({ type: 'storage-error', error });
    else emit({ type: 'connection', online, error: error as Error });
  };

  const ready: Promise<void> = openOutbox();
  // Nobody may be awaiting `ready`; failures surface on every call instead.
  ready.catch(() => undefined);
  void ready.then(() => {
    if (closed) return;
    void flush().catch(reportFlushError);
    const target = globalThis as unknown as Partial<EventTargetLike>;
    if (typeof target.addEventListener !== 'function' || typeof target.removeEventListener !== 'function') return;
    const onOnline = () => {
      setOnline(true);
      void flush().catch(reportFlushError);
    };
    const onOffline = () => setOnline(false);
    target.addEventListener('online', onOnline);
    target.addEventListener('offline', onOffline);
    cleanups.push(() => {
      target.removeEventListener!('online', onOnline);
      target.removeEventListener!('offline', onOffline);
    });
  }, () => undefined);

  const open = async () => {
    await ready;
    if (closed) throw new AftercareError('CLOSED', 'The client is closed');
  };

  // Customer writes: stored first, then sent.
  const queueWrite = async (entry: OutboxEntry): Promise<{ sent: true; result: unknown } | { sent: false; durable: boolean; error: unknown }> => {
    await open();
    const added = await outbox!.add(entry);
    if (added.storageError) emit({ type: 'storage-error', error: added.storageError });
    const attempt = await outbox!.sendNow(entry.key);
    if (attempt.sent) return attempt;
    const error = attempt.error;
    if (error !== undefined && (!isRetryable(error) || error instanceof AuthError)) {
      // Refused (validation, workflow, credentials): the user must change something and still
      // has the input; nothing stays queued. (Sent later from the outbox, an auth error waits.)
      await outbox!.discard(entry.key);
      throw error;
    }
    scheduleFlush();
    return { sent: false, durable: added.durable, error };
  };
  // One run per idempotency key at a time: a double click shares the first click's outcome.
  const inFlight = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const running = inFlight.get(key);
    if (running) return running as Promise<T>;
    const p = task().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  };

  /** A reply or rating through the outbox; rejects with {@link QueuedError} when it is kept to be sent later. */
  async function writeThroughOutbox(
    op: 'reply' | 'rate',
    id: string,
    payload: MessageInput | RatingInput,
    writeOptions: { accessToken?: string; idempotencyKey?: string } & FileOptions,
  ): Promise<Ticket> {
    const key = writeOptions.idempotencyKey ?? generateId();
    if (typeof id !== 'string' || id === '') throw new ValidationError([{ path: 'id', code: 'required', message: 'is required' }], 'ticket id');
    if (queued.has(id)) throw new ValidationError([{ path: 'id', code: 'invalid', message: 'this ticket has not reached the service desk yet; write again once it is sent' }], 'ticket id');
    const files = op === 'reply' ? writeFiles(writeOptions.files, (payload as MessageInput)?.attachments?.length) : [];
    // Checked before the files are stored or sent: a reply the server would refuse uploads nothing.
    if (files.length > 0) {
      (await checks()).checkMessage(withFiles(payload as MessageInput, files));
    }
    if (writeOptions.onProgress) progressOf.set(key, writeOptions.onProgress);
    return once(key, async () => {
      const entry: OutboxEntry = {
        key,
        op,
        ticketId: id,
        payload,
        ...(writeOptions.accessToken ? { accessToken: writeOptions.accessToken } : {}),
        createdAt: clock(),
        attempts: 0,
        notBefore: 0,
        state: 'queued',
        ...(files.length > 0 ? { files } : {}),
      };
      const r = await queueWrite(entry);
      if (r.sent) return r.result as Ticket;
      throw new QueuedError(key, r.durable, r.error);
    }).finally(() => progressOf.delete(key));
  }

  return {
    mode: 'remote',
    ready,
    tickets: {
      create(input, createOptions = {}) {
        const key = createOptions.idempotencyKey ?? generateId();
        if (createOptions.onProgress) progressOf.set(key, createOptions.onProgress);
        return once(key, async (): Promise<SubmitResult> => {
          // Validate on the device first (throws ValidationError): nothing bad is stored or queued.
          let files = writeFiles(createOptions.files, input?.attachments?.length);
          let provisional = await provisionalTicket(withFiles(input, files), undefined, clock());
          await open();
          // The same draft submitted again while queued: the same entry, files and provisional ticket.
          const earlier = (await outbox!.entries()).find((e) => e.key === key && e.op === 'create');
          if (earlier) {
            files = earlier.files ?? [];
            provisional = queued.get(earlier.ticketId) ?? (await provisionalTicket(withFiles(earlier.payload as TicketInput, files), earlier.ticketId, earlier.createdAt));
          }
          const entry: OutboxEntry = earlier ?? { key, op: 'create', ticketId: provisional.id, payload: input, createdAt: clock(), attempts: 0, notBefore: 0, state: 'queued', ...(files.length > 0 ? { files } : {}) };
          queued.set(provisional.id, provisional);
          let r: Awaited<ReturnType<typeof queueWrite>>;
          try {
            r = await queueWrite(entry);
          } catch (error) {
            queued.delete(provisional.id);
            throw error;
          }
          if (r.sent) {
            const created = r.result as CreatedTicket;
            return { status: 'created', ticket: created.ticket, accessToken: created.accessToken };
          }
          emit({ type: 'ticket-queued', ticket: provisional, durable: r.durable });
          return { status: 'queued', ticket: provisional, durable: r.durable };
        }).finally(() => progressOf.delete(key));
      },
      async get(id, getOptions = {}) {
        await open();
        return received(await service.get(id, getOptions));
      },
      async transition(id, input, writeOptions = {}) {
        await open();
        return received(await service.transition(id, input, writeOptions));
      },
      reply(id, message, writeOptions = {}) {
        return writeThroughOutbox('reply', id, message, writeOptions);
      },
      rate(id, rating, writeOptions = {}) {
        return writeThroughOutbox('rate', id, rating, writeOptions);
      },
    },
    attachments: {
      policy: filePolicy,
      check: (file) => checkFile(file).issues,
      async upload(file, uploadOptions = {}) {
        const { f, issues } = checkFile(file, uploadOptions.name ?? file?.name);
        if (issues.length > 0) throw new ValidationError(issues, 'attachment');
        await open();
        return service.uploadAttachment(file, { ...uploadOptions, name: f.name, type: f.type });
      },
      async url(meta) {
        return safeAttachmentUrl(meta?.url);
      },
    },
    knowledge: {
      async search(query, searchOptions) {
        await open();
        return service.searchKnowledge(query, searchOptions);
      },
      async suggest(text, suggestOptions) {
        await open();
        return service.suggestKnowledge(text, suggestOptions);
      },
      recordDeflection(articleId, query) {
        emit({ type: 'deflection', articleId, query, at: clock() });
      },
    },
    outbox: {
      async entries() {
        await ready;
        return outbox ? outbox.entries() : [];
      },
      flush,
      async retry(key) {
        await ready;
        await outbox?.retry(key);
        await flush();
      },
      async discard(key) {
        await ready;
        await outbox?.discard(key);
      },
    },
    sla: (ticket) => (ticket?.sla ? ticketSlaOf(ticket.sla) : undefined),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimer(flushTimer);
      for (const c of cleanups) c();
      listeners.clear();
      await ready.catch(() => undefined);
      await outbox?.close();
    },
  };
}
