import { AuthError, toStorageError, TransportError, type StorageError } from '../errors.js';
import type { OutboxEntry, OutboxStore } from './types.js';
import { clearTimer, setTimer, type TimerHandle } from './timers.js';

/** Whether an entry may be claimed at `now`: queued, due, and not held by an unexpired claim. */
export function claimable(e: OutboxEntry | undefined, now: number): e is OutboxEntry {
  return e !== undefined && e.state === 'queued' && e.notBefore <= now && !(e.claimedBy !== undefined && (e.claimedUntil ?? 0) > now);
}

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
      if (!claimable(e, now)) return undefined;
      const claimed = { ...e, claimedBy: owner, claimedUntil: until };
      entries.set(key, claimed);
      return { ...claimed };
    },
    async settle(key, owner, next) {
      if (entries.get(key)?.claimedBy !== owner) return false;
      if (next) entries.set(key, { ...next });
      else entries.delete(key);
      return true;
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
  /** Storage failed while claiming or settling an entry (the send itself is unaffected). */
  onStorageError?(error: StorageError): void;
}

/** What {@link Outbox.add} did with the entry. */
export interface OutboxAddResult {
  /** Written to durable storage (IndexedDB); false when only memory holds it. */
  durable: boolean;
  /** Why it is not durable. */
  storageError?: StorageError;
  /** The entry already queued under this key (a repeat of the same submission). */
  existing?: OutboxEntry;
}

/** The customer-side outbox: writes wait here until the server confirms them, exactly once. */
export interface Outbox {
  /**
   * Stores an entry before anything is sent; falls back to memory (and says so) when storage
   * fails. An entry with the same key is never replaced: `existing` is returned instead.
   */
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
  // Sent, though the store could not forget them: not sent again from this page.
  const done = new Set<string>();
  let closed = false;
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
    // A floor: `Retry-After: 0` (or a date in the past) must not become a tight loop.
    if (retryAfter !== undefined) return Math.min(Math.max(retryAfter, base / 2), 24 * 3_600_000);
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
    if (closed) return { sent: false };
    const s = storeOf(key);
    const at = now();
    let entry: OutboxEntry | undefined;
    try {
      entry = await s.claim(key, owner, at, at + leaseMs);
    } catch (error) {
      // The entry stays where it is; the next flush tries again.
      options.onStorageError?.(toStorageError(error, 'claiming a submission'));
      return { sent: false };
    }
    if (!entry) return { sent: false };
    // A long send (a big upload) keeps its claim: renewed while it runs, so that no other tab
    // takes the entry over and uploads the same files again. A frozen tab stops renewing and its
    // claim lapses, as before; a renewal that finds the claim gone (or cannot write) stops.
    const claimed = entry;
    let renewal: TimerHandle | undefined;
    const renewLater = () => {
      renewal = setTimer(() => {
        s.settle(key, owner, { ...claimed, claimedBy: owner, claimedUntil: now() + leaseMs }).then(
          (mine) => mine && renewal !== undefined && renewLater(),
          () => undefined,
        );
      }, leaseMs / 3);
    };
    renewLater();
    let result: unknown;
    try {
      result = await send(entry);
    } catch (error) {
      clearTimer(renewal);
      renewal = undefined;
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
      try {
        await s.settle(key, owner, next);
      } catch (storageError) {
        options.onStorageError?.(toStorageError(storageError, 'recording a failed send'));
      }
      if (retry) options.onRetry?.(next, error);
      else options.onFailed?.(next, error);
      await changed();
      return { sent: false, error };
    }
    clearTimer(renewal);
    renewal = undefined;
    // Sent: whatever happens to the bookkeeping now, the server has it (a repeat would only replay).
    try {
      await s.settle(key, owner, undefined);
    } catch (storageError) {
      done.add(key);
      options.onStorageError?.(toStorageError(storageError, 'clearing a sent submission'));
    }
    inMemory.delete(key);
    options.onSent?.(entry, result);
    await changed();
    return { sent: true, result };
  };

  let flushing: Promise<void> | undefined;
  let again = false;
  const flushOnce = async () => {
    // A ticket's writes go out in order: after one fails, the later ones wait for the next flush.
    const held = new Set<string>();
    for (const entry of await all()) {
      if (closed) return;
      if (held.has(entry.ticketId) || done.has(entry.key)) continue;
      if (entry.state !== 'queued') continue;
      if (entry.notBefore > now()) {
        held.add(entry.ticketId);
        continue;
      }
      const r = await attempt(entry.key);
      if (!r.sent) held.add(entry.ticketId);
      // Offline: the rest would fail the same way; they wait for the next flush.
      if (!r.sent && r.error instanceof TransportError && r.error.code === 'NETWORK') break;
    }
  };

  return {
    async add(entry) {
      const existing = (await all()).find((e) => e.key === entry.key);
      if (existing) return { durable: !inMemory.has(entry.key) && store.durable, existing };
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
      // Asked for by a person: a fresh start, not the backoff of earlier failures.
      await s.put({ ...e, state: 'queued', notBefore: 0, attempts: 0 });
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
        if (e.state !== 'queued' || done.has(e.key)) continue;
        // An entry another tab claimed and abandoned becomes ours when its lease ends.
        const at = Math.max(e.notBefore, e.claimedBy !== undefined && e.claimedBy !== owner ? e.claimedUntil ?? 0 : 0);
        if (next === undefined || at < next) next = at;
      }
      return next;
    },
    async close() {
      closed = true;
      // A send in progress finishes (or times out) before the store closes under it.
      await Promise.allSettled([...running.values(), flushing]);
      await store.close();
    },
  };
}
