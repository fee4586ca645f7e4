import { AftercareError, ValidationError } from '../errors.js';
import { safeAttachmentUrl, type AttachmentPolicy } from '../model/attachments.js';
import { generateId } from '../model/ids.js';
import type { MessageInput, RatingInput, TicketInput } from '../model/schema.js';
import type { Ticket } from '../model/types.js';
import { ticketSlaOf, type TicketSla } from '../sla/statement.js';
import { builtInWorkflowId } from '../workflow/built-in-statuses.js';
import type { AftercareClient, ClientEvent, FileOptions, SubmitResult } from './create-client.js';
import type { CreatedTicket, CustomerService, OutboxStore, TransitionInput } from './types.js';
import { createSubscribers, createWriteQueue, withFiles } from './write-queue.js';

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
  const subscribers = createSubscribers();
  const { emit } = subscribers;
  const cleanups: Array<() => void> = [];
  let closed = false;
  let online = true;
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

  // Files, the outbox and its flushing: the write path `createClient` shares.
  const writes = createWriteQueue({
    ...options,
    now: clock,
    emit,
    service: () => service,
    online: () => online,
    setOnline,
    onSent: (entry, result) => {
      if (entry.op === 'create') {
        const created = result as CreatedTicket;
        queued.delete(entry.ticketId);
        seen.set(created.ticket.id, created.ticket.revision);
        emit({ type: 'ticket-sent', provisionalId: entry.ticketId, ticket: created.ticket, accessToken: created.accessToken });
      } else received(result as Ticket);
    },
    onFailed: (entry) => {
      if (entry.op === 'create') queued.delete(entry.ticketId);
    },
    restore: async (entry, input) => void queued.set(entry.ticketId, await provisionalTicket(input, entry.ticketId, entry.createdAt)),
  });
  const { flush, reportFlushError, progressOf } = writes;

  const ready: Promise<void> = writes.open();
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

  /** A reply or rating through the outbox; rejects with `QueuedError` when it is kept to be sent later. */
  async function writeThroughOutbox(
    op: 'reply' | 'rate',
    id: string,
    payload: MessageInput | RatingInput,
    writeOptions: { accessToken?: string; idempotencyKey?: string } & FileOptions,
  ): Promise<Ticket> {
    const key = writeOptions.idempotencyKey ?? generateId();
    if (typeof id !== 'string' || id === '') throw new ValidationError([{ path: 'id', code: 'required', message: 'is required' }], 'ticket id');
    if (queued.has(id)) throw new ValidationError([{ path: 'id', code: 'invalid', message: 'this ticket has not reached the service desk yet; write again once it is sent' }], 'ticket id');
    const files = op === 'reply' ? writes.writeFiles(writeOptions.files, (payload as MessageInput)?.attachments?.length) : [];
    // Checked before the files are stored or sent: a reply the server would refuse uploads nothing.
    if (files.length > 0) {
      (await checks()).checkMessage(withFiles(payload as MessageInput, files));
    }
    if (writeOptions.onProgress) progressOf.set(key, writeOptions.onProgress);
    return writes.once(key, () => writes.write(op, id, payload, key, files, writeOptions.accessToken)).finally(() => progressOf.delete(key));
  }

  return {
    mode: 'remote',
    ready,
    tickets: {
      create(input, createOptions = {}) {
        const key = createOptions.idempotencyKey ?? generateId();
        if (createOptions.onProgress) progressOf.set(key, createOptions.onProgress);
        return writes.once(key, async (): Promise<SubmitResult> => {
          // Validate on the device first (throws ValidationError): nothing bad is stored or queued.
          const files = writes.writeFiles(createOptions.files, input?.attachments?.length);
          const provisional = await provisionalTicket(withFiles(input, files), undefined, clock());
          await open();
          return writes.submit(
            key,
            input,
            files,
            async (earlier) =>
              earlier ? (queued.get(earlier.ticketId) ?? (await provisionalTicket(withFiles(earlier.payload as TicketInput, earlier.files), earlier.ticketId, earlier.createdAt))) : provisional,
            { queued: (ticket) => void queued.set(ticket.id, ticket), dropped: (ticket) => void queued.delete(ticket.id) },
          );
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
      policy: writes.policy,
      check: (file) => writes.checkFile(file).issues,
      async upload(file, uploadOptions = {}) {
        const { f, issues } = writes.checkFile(file, uploadOptions.name ?? file?.name);
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
    outbox: writes.api,
    sla: (ticket) => (ticket?.sla ? ticketSlaOf(ticket.sla) : undefined),
    subscribe: subscribers.subscribe,
    async close() {
      if (closed) return;
      closed = true;
      for (const c of cleanups) c();
      subscribers.clear();
      await writes.close();
    },
  };
}
