import { AftercareError, AuthError, QueuedError, StorageError, TransportError, ValidationError, type ValidationIssue } from '../errors.js';
import { attachmentIssues, attachmentPolicy, cleanAttachmentName, type AttachmentPolicy } from '../model/attachments.js';
import { generateId } from '../model/ids.js';
import type { MessageInput, RatingInput, TicketInput } from '../model/schema.js';
import type { AttachmentMeta, Ticket } from '../model/types.js';
import type { AftercareClient, ClientEvent, UploadProgress } from './create-client.js';
import { createOutbox, isRetryable, memoryOutboxStore, type Outbox } from './outbox.js';
import { clearTimer, setTimer, type TimerHandle } from './timers.js';
import type { CreatedTicket, CustomerService, FileLike, OutboxEntry, OutboxFile, OutboxStore } from './types.js';

// The customer's writes in remote mode — a ticket, a reply, a rating, with their files — as
// both clients make them: checked files, stored in the outbox before anything is sent, sent
// once under their idempotency key, uploads first, retried with backoff, flushed at each
// entry's retry time. `createClient` and `createCustomerClient` differ only in where they keep
// what comes back (a Redux store, or a few maps), which they say through the hooks.

/** What the writes go through: the customer's operations of a backend. */
export type WriteService = Pick<CustomerService, 'create' | 'reply' | 'rate' | 'uploadAttachment'>;

/** @internal Options of {@link createWriteQueue}: the clients' own, and their hooks. */
export interface WriteQueueOptions {
  outbox?: 'indexeddb' | 'memory' | OutboxStore;
  outboxName?: string;
  retry?: { baseDelayMs?: number; maxDelayMs?: number; leaseMs?: number };
  attachments?: Partial<AttachmentPolicy>;
  now: () => number;
  emit: (event: ClientEvent) => void;
  /** The backend (remote mode's transport). */
  service: () => WriteService;
  online: () => boolean;
  setOnline: (online: boolean, error?: unknown) => void;
  /** Sent from the outbox: a created ticket (`op` create) or the written ticket. */
  onSent: (entry: OutboxEntry, result: unknown) => void;
  /** Refused for good when sent later: the entry stays `failed` in the outbox. */
  onFailed: (entry: OutboxEntry) => void;
  /** The outbox could not keep something durably (already announced as `storage-error`). */
  onStorageFailed?: (error: StorageError) => void;
  /** The outbox opened in memory, not durably. */
  onNotDurable?: () => void;
  onChange?: (entries: OutboxEntry[]) => void;
  /** A submission found queued when the outbox opens (after a reload): its provisional ticket again. */
  restore: (entry: OutboxEntry, input: TicketInput) => Promise<void> | void;
}

/** @internal Whether this runtime has IndexedDB: the default outbox (and local store) there. */
export const hasIndexedDb = () => typeof (globalThis as { indexedDB?: unknown }).indexedDB === 'object' && (globalThis as { indexedDB?: unknown }).indexedDB !== null;

/**
 * @internal A client's subscribers: `emit` reaches each (a listener's bug does not stop
 * delivery to the others), `subscribe` returns the unsubscribe, `clear` on close.
 */
export function createSubscribers() {
  const listeners = new Set<(event: ClientEvent) => void>();
  return {
    emit(event: ClientEvent) {
      for (const l of [...listeners]) {
        try {
          l(event);
        } catch {
          // A listener's bug must not break delivery to the others.
        }
      }
    },
    subscribe(listener: (event: ClientEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}

/** `payload` with `files` added to its attachments: uploaded ones by their metadata, others (a provisional copy) by their upload key. */
export function withFiles<T extends { attachments?: MessageInput['attachments'] }>(payload: T, files: ReadonlyArray<OutboxFile | AttachmentMeta> = []): T {
  if (files.length === 0) return payload;
  const added = files.map((f) => ({ id: 'key' in f ? f.key : f.id, name: f.name, type: f.type, size: f.size }));
  return { ...payload, attachments: [...(payload?.attachments ?? []), ...added] };
}

/** @internal The write path both clients share; see the module comment. */
export function createWriteQueue(options: WriteQueueOptions) {
  const { emit, now } = options;
  let closed = false;
  let outbox: Outbox | undefined;
  let opened: Promise<void> | undefined;

  // --- files ---------------------------------------------------------------------------------

  const policy = attachmentPolicy(options.attachments);
  const checkFile = (file: FileLike, name = file?.name) => {
    const f = { name: cleanAttachmentName(name ?? ''), type: String(file?.type ?? '').toLowerCase(), size: file?.size };
    return { f, issues: attachmentIssues(f, policy) };
  };
  /** A write's files, checked (a `ValidationError` before anything is stored), each with its own upload key. */
  const writeFiles = (files: readonly FileLike[] = [], already = 0): OutboxFile[] => {
    const issues: ValidationIssue[] = [];
    if (files.length > 0 && files.length + already > policy.maxFiles) issues.push({ path: 'files', code: 'too_many', message: `at most ${policy.maxFiles} files` });
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
  const uploadFiles = async (s: WriteService, writeKey: string, files: readonly OutboxFile[] = [], accessToken?: string): Promise<AttachmentMeta[]> => {
    const metas: AttachmentMeta[] = [];
    for (const [index, f] of files.entries()) {
      const report = (loaded: number, total: number) => progressOf.get(writeKey)?.({ index, loaded, total });
      let meta = uploaded.get(f.key);
      if (!meta) {
        try {
          meta = await s.uploadAttachment(f.data, { name: f.name, type: f.type, idempotencyKey: f.key, onProgress: report, ...(accessToken ? { accessToken } : {}) });
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
    const s = options.service();
    const write = { idempotencyKey: entry.key, ...(entry.accessToken ? { accessToken: entry.accessToken } : {}) };
    switch (entry.op) {
      case 'create':
        return s.create(withFiles(entry.payload as TicketInput, await uploadFiles(s, entry.key, entry.files)), write);
      case 'reply':
        return s.reply(entry.ticketId, withFiles(entry.payload as MessageInput, await uploadFiles(s, entry.key, entry.files, entry.accessToken)), write);
      default:
        return s.rate(entry.ticketId, entry.payload as RatingInput, write);
    }
  };

  const storageFailed = (error: StorageError) => {
    options.onStorageFailed?.(error);
    emit({ type: 'storage-error', error });
  };

  const openOutbox = async () => {
    const choice = options.outbox ?? (hasIndexedDb() ? 'indexeddb' : 'memory');
    let store: OutboxStore;
    if (typeof choice === 'object') store = choice;
    else if (choice === 'memory') store = memoryOutboxStore();
    else {
      try {
        const { idbOutboxStore } = await import('./idb-outbox.js');
        store = await idbOutboxStore(options.outboxName ?? 'aftercare-outbox');
      } catch (error) {
        // Private mode, blocked database: keep working, in memory, and say so.
        storageFailed(error instanceof StorageError ? error : new StorageError('UNAVAILABLE', String(error), error));
        store = memoryOutboxStore();
      }
    }
    if (!store.durable) options.onNotDurable?.();
    outbox = createOutbox({
      store,
      owner: generateId(),
      now,
      ...(options.retry ?? {}),
      send: sendEntry,
      onSent: (entry, result) => options.onSent(entry, result),
      onRetry: (entry, error) => {
        if (error instanceof TransportError && error.code === 'NETWORK') options.setOnline(false, error);
        emit({ type: 'outbox-retry', entry, error: error as Error });
        scheduleFlush();
      },
      onFailed: (entry, error) => {
        // The refused submission stays in the outbox (state `failed`) for the user; its provisional copy goes.
        options.onFailed(entry);
        emit({ type: 'outbox-failed', entry, error: error as Error });
      },
      onStorageError: (error) => emit({ type: 'storage-error', error }),
      ...(options.onChange ? { onChange: options.onChange } : {}),
    });
    const entries = await outbox.entries();
    options.onChange?.(entries);
    // Submissions queued before a reload are provisional tickets again until they are sent.
    for (const entry of entries) {
      if (entry.op !== 'create' || entry.state !== 'queued') continue;
      try {
        await options.restore(entry, withFiles(entry.payload as TicketInput, entry.files));
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
      }, Math.min(Math.max(0, due - now()), 30_000));
    });
  };
  const flush = async () => {
    await opened;
    if (!outbox || closed) return;
    try {
      await outbox.flush();
    } finally {
      scheduleFlush();
    }
  };
  const reportFlushError = (error: unknown) => {
    if (error instanceof StorageError) emit({ type: 'storage-error', error });
    else emit({ type: 'connection', online: options.online(), error: error as Error });
  };

  const openedOutbox = async () => {
    await opened;
    if (closed || !outbox) throw new AftercareError('CLOSED', 'The client is closed');
    return outbox;
  };

  /** Stores `entry`, then tries to send it: sent, or kept to be sent later; a refusal is thrown (and nothing stays queued). */
  const queueWrite = async (entry: OutboxEntry): Promise<{ sent: true; result: unknown } | { sent: false; durable: boolean; error: unknown }> => {
    const box = await openedOutbox();
    const added = await box.add(entry);
    if (added.storageError) storageFailed(added.storageError);
    const attempt = await box.sendNow(entry.key);
    if (attempt.sent) return attempt;
    const error = attempt.error;
    if (error !== undefined && (!isRetryable(error) || error instanceof AuthError)) {
      // Refused (validation, workflow, credentials): the user must change something and still
      // has the input; nothing stays queued. (Sent later from the outbox, an auth error waits.)
      await box.discard(entry.key);
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

  return {
    policy,
    /** The issues of one file against the policy, and its cleaned name and type. */
    checkFile,
    writeFiles,
    uploadFiles,
    /** Progress of the uploads of the write under `key`. */
    progressOf,
    /** Opens the outbox (once) and reads back what was queued before a reload. */
    open: () => (opened ??= openOutbox()),
    flush,
    reportFlushError,
    once,
    queueWrite,

    /** A submission: its entry (or the one queued earlier under the same key) through the outbox. */
    async submit(
      key: string,
      input: TicketInput,
      files: OutboxFile[],
      provisional: (earlier: OutboxEntry | undefined) => Promise<Ticket> | Ticket,
      hooks: { queued: (ticket: Ticket) => void; dropped: (ticket: Ticket) => void },
    ): Promise<{ status: 'created'; ticket: Ticket; accessToken: string } | { status: 'queued'; ticket: Ticket; durable: boolean }> {
      const box = await openedOutbox();
      // The same draft submitted again while queued: the same entry, files and provisional ticket.
      const earlier = (await box.entries()).find((e) => e.key === key && e.op === 'create');
      const ticket = await provisional(earlier);
      const entry: OutboxEntry = earlier ?? { key, op: 'create', ticketId: ticket.id, payload: input, createdAt: now(), attempts: 0, notBefore: 0, state: 'queued', ...(files.length > 0 ? { files } : {}) };
      hooks.queued(ticket);
      let r: Awaited<ReturnType<typeof queueWrite>>;
      try {
        r = await queueWrite(entry);
      } catch (error) {
        hooks.dropped(ticket);
        throw error;
      }
      if (r.sent) {
        const created = r.result as CreatedTicket;
        return { status: 'created', ticket: created.ticket, accessToken: created.accessToken };
      }
      emit({ type: 'ticket-queued', ticket, durable: r.durable });
      return { status: 'queued', ticket, durable: r.durable };
    },

    /**
     * A reply or rating through the outbox: the server's ticket when it confirms, else
     * {@link QueuedError} when the write is kept on the device and sent later.
     */
    async write(op: 'reply' | 'rate', ticketId: string, payload: MessageInput | RatingInput, key: string, files: OutboxFile[], accessToken?: string): Promise<Ticket> {
      const entry: OutboxEntry = {
        key,
        op,
        ticketId,
        payload,
        ...(accessToken ? { accessToken } : {}),
        createdAt: now(),
        attempts: 0,
        notBefore: 0,
        state: 'queued',
        ...(files.length > 0 ? { files } : {}),
      };
      const r = await queueWrite(entry);
      if (r.sent) return r.result as Ticket;
      throw new QueuedError(key, r.durable, r.error);
    },

    /** The client's `outbox` API. */
    api: {
      async entries() {
        await opened;
        return outbox ? outbox.entries() : [];
      },
      flush,
      async retry(key) {
        await opened;
        await outbox?.retry(key);
        await flush();
      },
      async discard(key) {
        await opened;
        await outbox?.discard(key);
      },
    } satisfies AftercareClient['outbox'],

    async close() {
      closed = true;
      clearTimer(flushTimer);
      await opened?.catch(() => undefined);
      await outbox?.close();
    },
  };
}

/** @internal */
export type WriteQueue = ReturnType<typeof createWriteQueue>;
