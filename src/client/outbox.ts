import { AuthError, toStorageError, TransportError, type StorageError } from '../errors.js';
import type { OutboxEntry, OutboxStore } from './types.js';

/** Outbox entries kept in memory: for Node, and where IndexedDB is unavailable. Not durable. */
export function memoryOutboxStore(): OutboxStore {
  const entries = new Map<string, OutboxEntry>();
  return {
    durable: false,
    async all() {
      return [...entries.values()].map((e) => ({ ...e }));
    },
    async put(entry) {
      entries.set(entry.key, { ...entry });
    },
    async delete(key) {
      entries.delete(key);
    },
    async claim(key, owner, now, until) {
      const e = entries.get(key);
      if (!e || e.state !== 'queued') return undefined;
      if (e.claimedBy !== undefined && (e.claimedUntil ?? 0) > now) return undefined;
      const claimed = { ...e, claimedBy: owner, claimedUntil: until };
      entries.set(key, claimed);
      return { ...claimed };
    },
    async close() {},
  };
}

/** How the outbox sends, waits and reports. */
export interface OutboxOptions {
  store: OutboxStore;
  /** Sends one entry; throws a typed error on failure. */
  send(entry: OutboxEntry): Promise<unknown>;
  /** Who claims entries: one id per tab or process. */
  owner: string;
  now?: () => number;
  random?: () => number;
  /** How long a claim holds: longer than a send can take (the transport's timeout), default 60 s. */
  leaseMs?: number;
  /** First retry delay, default 1 s; doubles each attempt up to `maxDelayMs` (default 5 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  onSent?(entry: OutboxEntry, result: unknown): void;
  /** The entry stays queued and will be sent again at `entry.notBefore`. */
  onRetry?(entry: OutboxEntry, error: unknown): void;
  /** The server refused it (validation, workflow): kept as `failed` until retried or discarded. */
  onFailed?(entry: OutboxEntry, error: unknown): void;
  /** The entries changed (count, states). */
  onChange?(entries: OutboxEntry[]): void;
}

/** What {@link Outbox.add} did with the entry. */
export interface OutboxAddResult {
  /** Written to durable storage (IndexedDB); false when only memory holds it. */
  durable: boolean;
  /** Why it is not durable. */
  storageError?: StorageError;
}

/** The customer-side outbox: writes wait here until the server confirms them, exactly once. */
export interface Outbox {
  /** Stores an entry before anything is sent; falls back to memory (and says so) when storage fails. */
  add(entry: OutboxEntry): Promise<OutboxAddResult>;
  /** Sends one entry now (if nobody else holds it): the result, or the error it failed with. */
  sendNow(key: string): Promise<{ sent: true; result: unknown } | { sent: false; error?: unknown }>;
  /** Sends every due entry, oldest first; one flush at a time. */
  flush(): Promise<void>;
  entries(): Promise<OutboxEntry[]>;
  /** Queues a failed entry again (after the user fixed what was wrong elsewhere). */
  retry(key: string): Promise<void>;
  /** Drops an entry for good. */
  discard(key: string): Promise<void>;
  /** When the next entry is due (epoch ms), if any. */
  nextDue(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** Whether a failed send may succeed later: the entry stays queued. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof TransportError) return error.retryable;
  // Credentials can be renewed (the user signs in again): keep the write.
  if (error instanceof AuthError) return true;
  // Anything unknown (a bug, a runtime without fetch) must not lose the write either.
  return !(error instanceof Error && 'code' in error);
}

/**
 * Creates the outbox. Each send is claimed first (an atomic write in the store, with a
 * lease), so two tabs flushing the same IndexedDB outbox never send one entry twice; the
 * idempotency key (the entry's key) makes a repeat after an unknown outcome harmless.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { store, send, owner } = options;
  const now = options.now ?? (() => Date.now());
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? 60_000;
  const base = options.baseDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 300_000;
  // Entries the store could not take: still sent, never dropped while this page lives.
  const fallback = memoryOutboxStore();
  const inMemory = new Set<string>();
  const storeOf = (key: string) => (inMemory.has(key) ? fallback : store);

  const all = async (): Promise<OutboxEntry[]> => {
    let durable: OutboxEntry[] = [];
    try {
      durable = await store.all();
    } catch {
      // Unreadable store: the memory entries still go out.
    }
    return [...durable, ...(await fallback.all())].sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1));
  };
  const changed = async () => {
    if (options.onChange) options.onChange(await all());
  };

  /** Equal jitter: half the exponential delay fixed, half random, so retries spread out. */
  const delayFor = (attempts: number, error: unknown) => {
    const retryAfter = error instanceof TransportError ? error.retryAfterMs : undefined;
    if (retryAfter !== undefined) return Math.min(Math.max(retryAfter, 0), 24 * 3_600_000);
    const d = Math.min(max, base * 2 ** Math.min(attempts - 1, 30));
    return d / 2 + random() * (d / 2);
  };

  const errorInfo = (error: unknown) => {
    const e = error as { code?: unknown; message?: unknown; status?: unknown };
    return {
      code: typeof e?.code === 'string' ? e.code : 'UNKNOWN',
      message: typeof e?.message === 'string' ? e.message : String(error),
      ...(typeof e?.status === 'number' ? { status: e.status } : {}),
    };
  };

  type Attempt = { sent: true; result: unknown } | { sent: false; error?: unknown };
  // A send of this page in progress, by key: a second caller (sendNow during a flush) shares it.
  const running = new Map<string, Promise<Attempt>>();
  const attempt = (key: string): Promise<Attempt> => {
    let p = running.get(key);
    if (!p) {
      p = attemptOnce(key).finally(() => running.delete(key));
      running.set(key, p);
    }
    return p;
  };
  const attemptOnce = async (key: string): Promise<Attempt> => {
    const s = storeOf(key);
    const at = now();
    const entry = await s.claim(key, owner, at, at + leaseMs);
    if (!entry) return { sent: false };
    try {
      const result = await send(entry);
      await s.delete(key);
      inMemory.delete(key);
      options.onSent?.(entry, result);
      await changed();
      return { sent: true, result };
    } catch (error) {
      const attempts = entry.attempts + 1;
      const retry = isRetryable(error);
      const next: OutboxEntry = {
        ...entry,
        attempts,
        notBefore: retry ? now() + delayFor(attempts, error) : entry.notBefore,
        state: retry ? 'queued' : 'failed',
        lastError: errorInfo(error),
      };
      delete next.claimedBy;
      delete next.claimedUntil;
      await s.put(next);
      if (retry) options.onRetry?.(next, error);
      else options.onFailed?.(next, error);
      await changed();
      return { sent: false, error };
    }
  };

  let flushing: Promise<void> | undefined;
  let again = false;
  const flushOnce = async () => {
    for (const entry of await all()) {
      if (entry.state !== 'queued' || entry.notBefore > now()) continue;
      const r = await attempt(entry.key);
      // Offline: the rest would fail the same way; they wait for the next flush.
      if (!r.sent && r.error instanceof TransportError && r.error.code === 'NETWORK') break;
    }
  };

  return {
    async add(entry) {
      try {
        await store.put(entry);
        await changed();
        return { durable: store.durable };
      } catch (error) {
        inMemory.add(entry.key);
        await fallback.put(entry);
        await changed();
        return { durable: false, storageError: toStorageError(error, 'queueing a submission') };
      }
    },
    sendNow: attempt,
    flush() {
      if (flushing) {
        again = true;
        return flushing;
      }
      flushing = (async () => {
        try {
          do {
            again = false;
            await flushOnce();
          } while (again);
        } finally {
          flushing = undefined;
        }
      })();
      return flushing;
    },
    entries: all,
    async retry(key) {
      const s = storeOf(key);
      const e = (await s.all()).find((x) => x.key === key);
      if (!e) return;
      await s.put({ ...e, state: 'queued', notBefore: 0 });
      await changed();
    },
    async discard(key) {
      await storeOf(key).delete(key);
      inMemory.delete(key);
      await changed();
    },
    async nextDue() {
      let next: number | undefined;
      for (const e of await all()) {
        if (e.state !== 'queued') continue;
        // An entry another tab claimed and abandoned becomes ours when its lease ends.
        const at = Math.max(e.notBefore, e.claimedBy !== undefined && e.claimedBy !== owner ? e.claimedUntil ?? 0 : 0);
        if (next === undefined || at < next) next = at;
      }
      return next;
    },
    async close() {
      await store.close();
    },
  };
}
