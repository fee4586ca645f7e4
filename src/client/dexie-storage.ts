import Dexie, { type Collection, type Table, type Transaction } from 'dexie';
import { AftercareError, ConflictError, StorageError, toStorageError } from '../errors.js';
import type { StatusCategory } from '../model/constants.js';
import { compareRows, normalizeQuery, rowMatches } from './query.js';
import type { StorageAdapter, StorageChange, StoredAttachment, StoredTicket, TicketQuery } from './types.js';

/** One step of the local database's schema history (Dexie store syntax). */
export interface DexieSchemaVersion {
  version: number;
  /** Dexie store declarations; `null` deletes a table. Only the tables this version changes. */
  stores: Record<string, string | null>;
  /** Migrates rows written under the previous version. */
  upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

/**
 * The schema of the local database, every version ever released, applied in order on open so
 * that a browser holding any older version is upgraded step by step.
 *
 * Rule: a released version is never edited. A change (new index, new table, reshaped rows)
 * adds a version with the next number, the stores it changes and an `upgrade` that migrates
 * the existing rows.
 */
export const DEXIE_SCHEMA: readonly DexieSchemaVersion[] = [
  {
    version: 1,
    stores: {
      tickets: 'id, &number, status, customerId, updatedAt, createdAt, [assigneeId+open+slaDue], [open+slaDue], [groupId+open+slaDue]',
      changes: 'seq',
      keys: 'key',
      access: 'token',
      counters: 'name',
    },
  },
  {
    // Uploaded files (metadata and bytes, as a Blob), found by id or by their upload's idempotency key.
    version: 2,
    stores: { attachments: 'id, key' },
  },
];

// The core compiles without DOM typings (it must run where there is no DOM), so the few
// browser APIs this adapter touches are typed here, as loosely as Dexie accepts them.
/** An IndexedDB factory (`indexedDB`), or an implementation such as fake-indexeddb. */
export type IndexedDbFactory = { open(name: string, version?: number): unknown };
/** The `IDBKeyRange` class matching an {@link IndexedDbFactory}. */
export type IndexedDbKeyRange = { bound(...args: never[]): unknown; lowerBound(...args: never[]): unknown; upperBound(...args: never[]): unknown };
interface ChannelLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

/** Where {@link dexieStorage} keeps its data. */
export interface DexieStorageOptions {
  /** Database name, also the name of the cross-tab channel (`aftercare:<name>`); default `aftercare`. */
  name?: string;
  /** An IndexedDB implementation other than the page's own (tests, fake-indexeddb in Node). */
  indexedDB?: IndexedDbFactory;
  /** The key range class matching `indexedDB`. */
  IDBKeyRange?: IndexedDbKeyRange;
  /**
   * The schema history to open with; default {@link DEXIE_SCHEMA}. An older prefix of it opens
   * the database as that release did: tests use it to write data the old way and upgrade it.
   */
  schema?: readonly DexieSchemaVersion[];
}

/**
 * The ticket ids one write transaction changed, in order (a ticket written twice, twice). The
 * change feed counts single changes: `seq` is the position of the row's last id, so the row
 * covers positions `seq - ids.length + 1` to `seq`, and each row starts where the previous ended.
 */
interface ChangeRow {
  seq: number;
  ids: string[];
}
interface KeyRow {
  key: string;
  ticketId: string;
  result: string;
}
interface AccessRow {
  token: string;
  ticketId: string;
}
interface CounterRow {
  name: string;
  value: number;
}
/**
 * Tickets per status, kept in `counters` under {@link STATUS_COUNTS} because IndexedDB counts
 * an index range by walking it (about 0.4 s for 50,000 tickets in Chromium). `stale`: an import
 * changed the numbers without reading the rows it replaced (it did not start on an empty
 * store, or another write came between its chunks); `counts` then only names every status
 * that may occur, and the next count recounts.
 */
interface StatusCountsRow {
  name: typeof STATUS_COUNTS;
  counts: Record<string, number>;
  stale: boolean;
}

/** Name of the status counts in `counters`; ticket-number counters never start with NUL. */
const STATUS_COUNTS = '\u0000statusCounts';

/** Rows per import transaction: big enough to amortise commits, small enough to report progress often. */
const IMPORT_CHUNK = 2_000;
/** Category pairs that `open` 1 and 0 stand for. */
const OPEN_CATEGORIES: readonly StatusCategory[] = ['open', 'pending'];
const DONE_CATEGORIES: readonly StatusCategory[] = ['solved', 'closed'];

const asList = <T>(x: T | T[] | undefined): T[] | undefined => (x === undefined ? undefined : Array.isArray(x) ? x : [x]);

type Query = ReturnType<typeof normalizeQuery>;
type Page = { rows: StoredTicket[]; total: number; next?: string };

/**
 * Storage in the browser's IndexedDB through Dexie, for local mode: tickets survive reloads,
 * agents' queues are answered from indexes, and every tab of the site sees the others' writes.
 * Behaves exactly like `memoryStorage()` (same order, paging, errors). Rejects with
 * `StorageError` (`UNAVAILABLE`, `BLOCKED`, `QUOTA_EXCEEDED`, `FAILED`) when the database
 * cannot be opened; the client loads this module only by dynamic `import()`.
 */
export async function dexieStorage(options: DexieStorageOptions = {}): Promise<StorageAdapter> {
  const name = options.name ?? 'aftercare';
  const host = globalThis as { indexedDB?: IndexedDbFactory; IDBKeyRange?: IndexedDbKeyRange; BroadcastChannel?: new (name: string) => ChannelLike };
  const factory = options.indexedDB ?? host.indexedDB;
  const keyRange = options.IDBKeyRange ?? host.IDBKeyRange;
  if (!factory || !keyRange) {
    throw new StorageError('UNAVAILABLE', 'Local storage is unavailable: this environment has no IndexedDB (server, old web-view or a blocked private mode)');
  }

  // Dexie's own read cache only serves liveQuery, which this adapter does not use.
  const db = new Dexie(name, { indexedDB: factory, IDBKeyRange: keyRange, cache: 'disabled' });
  for (const step of options.schema ?? DEXIE_SCHEMA) {
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade) version.upgrade(step.upgrade);
  }
  // A new database has no tickets: its status counts are exact from the start.
  db.on('populate', (tx) => {
    void tx.table('counters').add({ name: STATUS_COUNTS, counts: {}, stale: false } satisfies StatusCountsRow);
  });
  try {
    await db.open();
  } catch (error) {
    db.close();
    throw toStorageError(error, 'opening the local database');
  }

  const tickets = db.table('tickets') as Table<StoredTicket, string>;
  const changes = db.table('changes') as Table<ChangeRow, number>;
  const keys = db.table('keys') as Table<KeyRow, string>;
  const access = db.table('access') as Table<AccessRow, string>;
  const counters = db.table('counters') as Table<CounterRow, string>;
  const statusCounts = db.table('counters') as Table<StatusCountsRow, string>;
  // Looked up when used: a database opened with an older schema (see `schema`) has no such table.
  const attachments = () => db.table('attachments') as Table<StoredAttachment, string>;

  const listeners = new Set<(change: StorageChange) => void>();
  let closed = false;

  const emit = (change: StorageChange) => {
    for (const listener of [...listeners]) {
      // A failing listener must not turn a committed write into a rejected one.
      try {
        listener(change);
      } catch (error) {
        void Promise.reject(error);
      }
    }
  };

  const Channel = host.BroadcastChannel;
  const channel = Channel ? new Channel(`aftercare:${name}`) : undefined;
  if (channel) {
    channel.onmessage = (event) => {
      const data = event.data as Partial<StorageChange> | null;
      if (data && Array.isArray(data.ids) && typeof data.seq === 'number') emit({ ids: data.ids.map(String), seq: data.seq });
    };
  }
  /** After a commit: this adapter's listeners now, other tabs' adapters through the channel. */
  const publish = (change: StorageChange) => {
    if (change.ids.length === 0) return;
    emit(change);
    try {
      channel?.postMessage(change);
    } catch {
      // The channel is closed (adapter closing): other tabs will catch up through changesSince.
    }
  };

  /** Runs `work`, turning IndexedDB and Dexie failures into `StorageError`; Aftercare errors pass. */
  const guard = async <T>(doing: string, work: () => PromiseLike<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AftercareError) throw error;
      // A bulk operation reports its first failing request; that one says why (quota, …).
      const bulk = error as { name?: string; failures?: unknown[] } | undefined;
      throw toStorageError(bulk?.name === 'BulkError' && bulk.failures?.[0] ? bulk.failures[0] : error, doing);
    }
  };

  /** `bulkPut` that reports a taken ticket number (unique index) as `ConflictError`; the caller's transaction then aborts. */
  const putTickets = async (rows: readonly StoredTicket[]) => {
    try {
      await tickets.bulkPut(rows as StoredTicket[]);
    } catch (error) {
      const byPos = (error as { failuresByPos?: Record<number, { name?: string } | undefined> }).failuresByPos;
      for (const [pos, failure] of Object.entries(byPos ?? {})) {
        const row = rows[Number(pos)];
        if (row && failure?.name === 'ConstraintError') throw new ConflictError(row.id, `Ticket number ${row.number} is taken`);
      }
      throw error;
    }
  };

  /** Position of the last change recorded (0 for none); read-write transactions over `changes` run one at a time, so it is the next row's start. */
  const lastSeq = async () => Number((await changes.orderBy('seq').lastKey()) ?? 0);

  /** Records one change per row after position `last`, in one row of `changes`; returns the new last position. */
  const logChanges = async (rows: readonly StoredTicket[], last: number) => {
    const seq = last + rows.length;
    await changes.add({ seq, ids: rows.map((r) => r.id) });
    return seq;
  };

  /** A compound `[field+open+slaDue]` range holding every ticket whose `field` is `value`: the equality index for that field. */
  const byPrefix = (index: '[assigneeId+open+slaDue]' | '[groupId+open+slaDue]', value: string) =>
    tickets.where(index).between([value, Dexie.minKey, Dexie.minKey], [value, Dexie.maxKey, Dexie.maxKey], true, true);

  // --- list -----------------------------------------------------------------------------

  /**
   * Sorted by SLA due over one of the `[…+open+slaDue]` indexes: each index range is already in
   * list order, ties by id ascending because IndexedDB orders equal keys by primary key.
   * Several `open` values are several ranges, merged.
   */
  const listBySlaIndex = async (q: Query, prefix: string[], index: string, opens: Array<0 | 1>, exact: boolean): Promise<Page> => {
    const due = q.slaDueBefore === undefined ? undefined : Date.parse(q.slaDueBefore);
    const hi = due ?? Infinity;
    const ranges: Array<() => Collection<StoredTicket, string>> = opens.map(
      (open) => () => tickets.where(index).between([...prefix, open, -Infinity], [...prefix, open, hi], true, due === undefined),
    );
    const filtered = (make: () => Collection<StoredTicket, string>) => (exact ? make() : make().filter((r) => rowMatches(r, q)));
    if (ranges.length === 1 && exact) {
      const [rows, total] = await Promise.all([ranges[0]!().offset(q.offset).limit(q.limit).toArray(), ranges[0]!().count()]);
      return page(rows, total, q, false);
    }
    const want = q.offset + q.limit;
    const parts = await Promise.all(ranges.map((make) => Promise.all([filtered(make).limit(want).toArray(), filtered(make).count()])));
    const rows = parts.flatMap(([r]) => r).sort(compareRows('sla_due'));
    return page(rows, parts.reduce((sum, [, n]) => sum + n, 0), q, true);
  };

  /**
   * Newest first over `updatedAt` / `createdAt`: IndexedDB walks ties by id descending, the
   * list wants ascending, so the rows sharing the last value are fetched whole and re-sorted.
   */
  const listByTimeIndex = async (q: Query, field: 'updatedAt' | 'createdAt', exact: boolean): Promise<Page> => {
    const want = q.offset + q.limit;
    const match = (r: StoredTicket) => rowMatches(r, q);
    const walk = exact ? tickets.orderBy(field).reverse() : tickets.orderBy(field).reverse().filter(match);
    const [head, total] = await Promise.all([walk.limit(want).toArray(), exact ? tickets.count() : tickets.filter(match).count()]);
    let rows = head;
    if (head.length === want) {
      const boundary = head[want - 1]![field];
      const ties = await (exact ? tickets.where(field).equals(boundary) : tickets.where(field).equals(boundary).filter(match)).toArray();
      rows = [...head.filter((r) => r[field] > boundary), ...ties];
    }
    return page(rows.sort(compareRows(q.sort)), total, q, true);
  };

  /** Correctness first: candidates from the narrowest equality index (or all), then filter and sort as memoryStorage does. */
  const listByScan = async (q: Query): Promise<Page> => {
    const statuses = asList(q.status);
    const candidates =
      q.customerId !== undefined
        ? tickets.where('customerId').equals(q.customerId)
        : q.assigneeId !== undefined
          ? byPrefix('[assigneeId+open+slaDue]', q.assigneeId ?? '')
          : q.groupId !== undefined
            ? byPrefix('[groupId+open+slaDue]', q.groupId)
            : statuses
              ? tickets.where('status').anyOf(statuses)
              : tickets.toCollection();
    const matching = (await candidates.toArray()).filter((r) => rowMatches(r, q)).sort(compareRows(q.sort));
    return page(matching, matching.length, q, true);
  };

  const listRows = (q: Query): Promise<Page> => {
    const categories = asList(q.category);
    const narrow = q.customerId !== undefined || q.status !== undefined;
    if (q.sort === 'sla_due' && q.customerId === undefined && (q.assigneeId !== undefined || q.groupId !== undefined || q.status === undefined)) {
      const opens: Array<0 | 1> = [];
      if (!categories || categories.some((c) => OPEN_CATEGORIES.includes(c))) opens.push(1);
      if (!categories || categories.some((c) => DONE_CATEGORIES.includes(c))) opens.unshift(0);
      const covers = (pair: readonly StatusCategory[]) => pair.every((c) => categories!.includes(c));
      const categoriesExact = !categories || ((!opens.includes(1) || covers(OPEN_CATEGORIES)) && (!opens.includes(0) || covers(DONE_CATEGORIES)));
      const rest = q.status === undefined && q.priority === undefined && categoriesExact;
      if (opens.length === 0) return Promise.resolve({ rows: [], total: 0 });
      if (q.assigneeId !== undefined) return listBySlaIndex(q, [q.assigneeId ?? ''], '[assigneeId+open+slaDue]', opens, rest && q.groupId === undefined);
      if (q.groupId !== undefined) return listBySlaIndex(q, [q.groupId], '[groupId+open+slaDue]', opens, rest);
      return listBySlaIndex(q, [], '[open+slaDue]', opens, rest);
    }
    if ((q.sort === 'updated' || q.sort === 'created') && !narrow && q.assigneeId === undefined && q.groupId === undefined) {
      const exact = categories === undefined && q.priority === undefined && q.slaDueBefore === undefined;
      return listByTimeIndex(q, q.sort === 'updated' ? 'updatedAt' : 'createdAt', exact);
    }
    return listByScan(q);
  };

  /** The page at the query's offset; `sliced` when `rows` starts at the beginning of the list rather than at the offset. */
  function page(rows: StoredTicket[], total: number, q: Query, sliced: boolean): Page {
    const out = sliced ? rows.slice(q.offset, q.offset + q.limit) : rows;
    const end = q.offset + out.length;
    return { rows: out, total, ...(end < total ? { next: String(end) } : {}) };
  }

  // --- status counts --------------------------------------------------------------------

  /** The counts after `rows` replaced `before` (same positions), or still stale with their statuses named. */
  const countAfterWrite = (counted: StatusCountsRow, rows: readonly StoredTicket[], before: ReadonlyArray<{ status: string } | undefined>): StatusCountsRow => {
    if (counted.stale) return staleCounts(counted, rows);
    const counts = { ...counted.counts };
    // A ticket written twice in one call counts once, from its state before to its last row.
    const was = new Map<string, string | undefined>();
    const now = new Map<string, string>();
    rows.forEach((row, i) => {
      if (!was.has(row.id)) was.set(row.id, before[i]?.status);
      now.set(row.id, row.status);
    });
    for (const [id, status] of now) {
      const old = was.get(id);
      if (old !== undefined) counts[old] = (counts[old] ?? 0) - 1;
      counts[status] = (counts[status] ?? 0) + 1;
    }
    for (const [status, n] of Object.entries(counts)) if (n <= 0) delete counts[status];
    return { name: STATUS_COUNTS, counts, stale: false };
  };

  /** Stale counts naming every status `rows` bring in. */
  const staleCounts = (counted: StatusCountsRow, rows: readonly StoredTicket[]): StatusCountsRow => {
    const counts = { ...counted.counts };
    for (const row of rows) counts[row.status] ??= 0;
    return { name: STATUS_COUNTS, counts, stale: true };
  };

  /** Counts every status from the `status` index (in a rw transaction over tickets and counters) and stores the result. */
  const recount = async (): Promise<Record<string, number>> => {
    const counted = await statusCounts.get(STATUS_COUNTS);
    // Without counts (a database written before they existed) the statuses are found by walking the index once.
    const statuses = counted ? Object.keys(counted.counts) : (await tickets.orderBy('status').uniqueKeys()).map(String);
    const numbers = await Promise.all(statuses.map((s) => tickets.where('status').equals(s).count()));
    const counts: Record<string, number> = {};
    statuses.forEach((s, i) => {
      if (numbers[i]) counts[s] = numbers[i]!;
    });
    await statusCounts.put({ name: STATUS_COUNTS, counts, stale: false });
    return { ...counts };
  };

  // --- the adapter ----------------------------------------------------------------------

  return {
    kind: 'indexeddb',

    get(id) {
      return guard('reading a ticket', () => tickets.get(id));
    },

    getMany(ids) {
      return guard('reading tickets', () => tickets.bulkGet([...ids]));
    },

    getByNumber(number) {
      return guard('reading a ticket by number', () => tickets.where('number').equals(number).first());
    },

    async write(list, extra = {}) {
      const rows = [...list];
      const change = await guard('saving tickets', () =>
        db.transaction('rw', [tickets, changes, keys, access, counters], async (): Promise<StorageChange> => {
          // All checks first, inside the transaction: a throw aborts it and nothing is written.
          const expected = extra.expectedRevision ?? {};
          const [current, owners, counted, last] = await Promise.all([
            tickets.bulkGet(rows.map((r) => r.id)),
            Promise.all(rows.map((r) => tickets.where('number').equals(r.number).primaryKeys())),
            rows.length > 0 ? statusCounts.get(STATUS_COUNTS) : undefined,
            lastSeq(),
          ]);
          rows.forEach((row, i) => {
            const revision = expected[row.id];
            const stored = current[i];
            if (revision !== undefined && stored && stored.ticket.revision !== revision) throw new ConflictError(row.id);
            const owner = owners[i]![0];
            if (owner !== undefined && owner !== row.id) throw new ConflictError(row.id, `Ticket number ${row.number} is taken`);
          });
          // Then every write at once: one round trip, not one per table.
          const [, seq] = await Promise.all([
            rows.length > 0 && putTickets(rows),
            rows.length > 0 ? logChanges(rows, last) : last,
            rows.length > 0 && counted && statusCounts.put(countAfterWrite(counted, rows, current)),
            extra.keys?.length && keys.bulkPut(extra.keys.map((k) => ({ ...k }))),
            extra.access?.length && access.bulkPut(extra.access.map((a) => ({ token: a.token, ticketId: a.ticketId }))),
          ]);
          return { ids: rows.map((r) => r.id), seq };
        }),
      );
      publish(change);
      return change;
    },

    getKey(key) {
      return guard('reading an idempotency key', () => keys.get(key));
    },

    async getAccess(token) {
      return (await guard('reading an access token', () => access.get(token)))?.ticketId;
    },

    async list(query: TicketQuery) {
      const q = normalizeQuery(query);
      return guard('listing tickets', () => db.transaction('r', tickets, () => listRows(q)));
    },

    countByStatus(query = {}) {
      const q = query as TicketQuery;
      const filtered = [q.status, q.category, q.assigneeId, q.groupId, q.customerId, q.priority, q.slaDueBefore].some((x) => x !== undefined);
      if (!filtered) {
        return guard('counting tickets', async () => {
          const counted = await statusCounts.get(STATUS_COUNTS);
          if (counted && !counted.stale) return { ...counted.counts };
          return db.transaction('rw', [tickets, counters], recount);
        });
      }
      return guard('counting tickets', () =>
        db.transaction('r', tickets, async () => {
          const candidates =
            q.assigneeId !== undefined
              ? byPrefix('[assigneeId+open+slaDue]', q.assigneeId ?? '')
              : q.groupId !== undefined
                ? byPrefix('[groupId+open+slaDue]', q.groupId)
                : q.customerId !== undefined
                  ? tickets.where('customerId').equals(q.customerId)
                  : tickets.toCollection();
          const counts: Record<string, number> = {};
          for (const r of await candidates.toArray()) if (rowMatches(r, q)) counts[r.status] = (counts[r.status] ?? 0) + 1;
          return counts;
        }),
      );
    },

    changesSince(seq, limit) {
      const from = Math.max(0, Math.floor(seq));
      return guard('reading changes', () =>
        db.transaction('r', changes, async () => {
          const seen = new Set<string>();
          let at = from;
          // Rows hold one id (a desk's write) to thousands (an import chunk): read a few first,
          // then as many as the ids still wanted need at the size seen so far.
          let rowsRead = 0;
          let idsRead = 0;
          // Dedupe as memoryStorage does: a repeated id is consumed without counting towards `limit`.
          scan: while (seen.size < limit) {
            const perRow = rowsRead === 0 ? 0 : idsRead / rowsRead;
            const batch = perRow === 0 ? 16 : Math.min(256, Math.max(1, Math.ceil((limit - seen.size) / perRow)));
            // The first row may start before `at` (a position inside it): it is read whole and entered at `at`.
            const rows = await changes.where('seq').above(at).limit(batch).toArray();
            for (const row of rows) {
              const start = row.seq - row.ids.length;
              for (let k = Math.max(0, at - start); k < row.ids.length; k++) {
                if (seen.size >= limit) break scan;
                seen.add(row.ids[k]!);
                at = start + k + 1;
              }
              rowsRead += 1;
              idsRead += row.ids.length;
            }
            if (rows.length < batch) break;
          }
          const more = await changes.where('seq').above(at).limit(1).primaryKeys();
          return { ids: [...seen], seq: at, hasMore: more.length > 0 };
        }),
      );
    },

    putAttachment(row) {
      return guard('saving a file', () =>
        db.transaction('rw', attachments(), async () => {
          const taken = row.key === undefined ? undefined : await attachments().where('key').equals(row.key).first();
          if (taken) return taken;
          await attachments().add(row);
          return row;
        }),
      );
    },

    getAttachment(id) {
      return guard('reading a file', () => attachments().get(id));
    },

    nextSequence(counter) {
      return guard('counting ticket numbers', () =>
        db.transaction('rw', counters, async () => {
          const value = ((await counters.get(counter))?.value ?? 0) + 1;
          await counters.put({ name: counter, value });
          return value;
        }),
      );
    },

    async importTickets(list, onProgress) {
      const total = list.length;
      if (total === 0) onProgress?.(0, 0);
      // The counts stay exact, without reading the rows an import replaces (a fifth of its time),
      // while the import is the only writer: it began on an empty store and the change log has
      // not moved between its chunks, so every ticket it replaces is one it wrote, with the
      // status kept here. Otherwise they go stale and are recounted once at the end.
      let exact = true;
      let logEnd: number | undefined;
      const statusOf = new Map<string, string>();
      for (let i = 0; i < total; i += IMPORT_CHUNK) {
        const chunk = list.slice(i, i + IMPORT_CHUNK);
        const [change, alone] = await guard('importing tickets', () =>
          db.transaction('rw', [tickets, changes, counters], async (): Promise<[StorageChange, boolean]> => {
            // The reads go first and the puts right behind them, unawaited: IndexedDB runs a
            // transaction's requests in order, so the tickets are being written while the
            // answers travel back, and the change row and counts follow the puts.
            const reads = Promise.all([statusCounts.get(STATUS_COUNTS), lastSeq(), exact && logEnd === undefined ? tickets.limit(1).primaryKeys() : []]);
            const written = putTickets(chunk);
            const logged = (async () => {
              const [counted, last, someTicket] = await reads;
              const stillAlone = exact && counted !== undefined && !counted.stale && (logEnd === undefined ? someTicket.length === 0 : last === logEnd);
              const before = () => chunk.map((r) => (statusOf.has(r.id) ? { status: statusOf.get(r.id)! } : undefined));
              const counts = counted && (stillAlone ? countAfterWrite(counted, chunk, before()) : staleCounts(counted, chunk));
              const [seq] = await Promise.all([logChanges(chunk, last), counts && statusCounts.put(counts)]);
              return [seq, stillAlone] as const;
            })();
            const [, [seq, stillAlone]] = await Promise.all([written, logged]);
            return [{ ids: chunk.map((r) => r.id), seq }, stillAlone];
          }),
        );
        exact = alone;
        logEnd = change.seq;
        if (exact) for (const row of chunk) statusOf.set(row.id, row.status);
        publish(change);
        onProgress?.(Math.min(i + IMPORT_CHUNK, total), total);
      }
      if (total > 0 && !exact) await guard('counting imported tickets', () => db.transaction('rw', [tickets, counters], recount));
    },

    watch(listener) {
      if (closed) return () => {};
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      channel?.close();
      db.close();
    },
  };
}
