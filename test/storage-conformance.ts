// One behaviour for every StorageAdapter: these cases run against memoryStorage in Node
// (test/core/memory-storage.test.ts) and against dexieStorage in Chromium
// (test/browser/dexie-storage.test.ts). They use no test framework: a failure throws a
// plain Error, so any runner can register them.
// The model modules directly, not src/index.ts: this file also runs in the browser, where the
// whole index would pull in the client's state library.
import type { Priority, StatusCategory, Ticket } from '../src/index.js';
import { createTicket } from '../src/model/create-ticket.js';
import { buildTicketInput, FIXTURE_NOW } from '../src/testing/index.js';
import { memoryStorage } from '../src/client/memory-storage.js';
import { NO_DUE } from '../src/client/query.js';
import type { StorageAdapter, StorageChange, StoredTicket, TicketQuery } from '../src/client/types.js';
import { seededRandom } from './support/seeded-random.js';

/** Statuses of the standard workflow and their categories. */
export const STATUS_CATEGORY: Record<string, StatusCategory> = {
  new: 'open',
  assigned: 'open',
  in_progress: 'open',
  pending_customer: 'pending',
  pending_parts: 'pending',
  resolved: 'solved',
  closed: 'closed',
};

/** What a test row may set; everything else has a default. */
export interface RowSpec {
  id: string;
  number?: string;
  status?: string;
  assigneeId?: string;
  groupId?: string;
  customerId?: string;
  priority?: Priority;
  slaDue?: number;
  createdAt?: number;
  updatedAt?: number;
  revision?: number;
}

let template: Ticket | undefined;

/** A stored row around a real ticket (made once by `createTicket`, then copied per row). */
export function storedRow(spec: RowSpec): StoredTicket {
  template ??= createTicket(buildTicketInput(), { now: FIXTURE_NOW, id: 'template', number: 'AC-20261122-0000' });
  const base = Date.parse(FIXTURE_NOW);
  const status = spec.status ?? 'new';
  const category = STATUS_CATEGORY[status] ?? 'open';
  const createdAt = spec.createdAt ?? base;
  const updatedAt = spec.updatedAt ?? createdAt;
  const priority = spec.priority ?? 'normal';
  const number = spec.number ?? `AC-${spec.id}`;
  const ticket: Ticket = {
    ...template,
    id: spec.id,
    number,
    status,
    priority,
    revision: spec.revision ?? 1,
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
    ...(spec.assigneeId ? { assigneeId: spec.assigneeId } : {}),
    ...(spec.groupId ? { groupId: spec.groupId } : {}),
  };
  return {
    id: spec.id,
    number,
    status,
    category,
    open: category === 'open' || category === 'pending' ? 1 : 0,
    assigneeId: spec.assigneeId ?? '',
    groupId: spec.groupId ?? '',
    customerId: spec.customerId ?? 'cust-1',
    priority,
    slaDue: spec.slaDue ?? NO_DUE,
    createdAt,
    updatedAt,
    ticket,
  };
}

// --- tiny assertion helpers (plain Errors) ----------------------------------------------

/** JSON with sorted keys, so objects compare regardless of key order. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) throw new Error(`${what}: expected ${e.slice(0, 600)}, got ${a.slice(0, 600)}`);
}

function ok(value: unknown, what: string): void {
  if (!value) throw new Error(what);
}

async function rejects(promise: Promise<unknown>, code: string, what: string): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if ((error as { code?: string }).code !== code) throw new Error(`${what}: expected an error with code ${code}, got ${String(error)}`, { cause: error });
    return error as Error;
  }
  throw new Error(`${what}: expected a rejection with code ${code}`);
}

// --- data sets ----------------------------------------------------------------------------

/** Small seeded PRNG (mulberry32): the same "random" data on every run and in every runner. */
function prng(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const T0 = Date.parse(FIXTURE_NOW);
const HOUR = 3_600_000;

/**
 * A mixed desk: three agents and unassigned tickets, two groups, every standard status,
 * few distinct due times and timestamps (many ties), ids in no particular order.
 */
function mixedRows(count: number, seed = 7): StoredTicket[] {
  const r = prng(seed);
  const statuses = Object.keys(STATUS_CATEGORY);
  const rows: StoredTicket[] = [];
  for (let i = 0; i < count; i++) {
    const status = r.pick(statuses);
    const open = STATUS_CATEGORY[status] === 'open' || STATUS_CATEGORY[status] === 'pending';
    rows.push(
      storedRow({
        id: `t${((i * 7919) % 1000).toString(36)}-${i}`,
        status,
        assigneeId: status === 'new' ? r.pick(['', '', 'a1']) : r.pick(['a1', 'a2', 'a3', '']),
        groupId: r.pick(['g1', 'g2', '']),
        customerId: r.pick(['c1', 'c2', 'c3']),
        priority: r.pick(['low', 'normal', 'high', 'urgent'] as const),
        slaDue: open && r.next() < 0.85 ? T0 + r.pick([-2, 1, 1, 3, 5, 8]) * HOUR : NO_DUE,
        createdAt: T0 - r.pick([1, 2, 2, 3, 5]) * 24 * HOUR,
        updatedAt: T0 - r.pick([0, 1, 1, 4]) * HOUR,
      }),
    );
  }
  return rows;
}

/** Every filter on its own and the combinations the desk views use. */
const QUERIES: TicketQuery[] = [
  {},
  { assigneeId: 'a1' },
  { assigneeId: null },
  { groupId: 'g1' },
  { customerId: 'c2' },
  { category: 'open' },
  { category: 'pending' },
  { category: ['open', 'pending'] },
  { category: ['solved', 'closed'] },
  { category: ['open', 'closed'] },
  { category: 'closed' },
  { status: 'new' },
  { status: ['assigned', 'pending_parts'] },
  { status: 'no_such_status' },
  { priority: 'urgent' },
  { priority: ['high', 'urgent'] },
  { slaDueBefore: new Date(T0 + 2 * HOUR).toISOString() },
  { assigneeId: 'a1', category: ['open', 'pending'] },
  { assigneeId: 'a2', category: 'open' },
  { assigneeId: 'a3', category: ['solved', 'closed'] },
  { assigneeId: null, category: ['open', 'pending'] },
  { assigneeId: 'a1', groupId: 'g2' },
  { assigneeId: 'a1', status: 'in_progress' },
  { assigneeId: 'a2', category: ['open', 'pending'], slaDueBefore: new Date(T0 + 4 * HOUR).toISOString() },
  { groupId: 'g1', category: ['open', 'pending'] },
  { groupId: 'g2', category: ['open', 'pending'], slaDueBefore: new Date(T0 + 2 * HOUR).toISOString() },
  { category: ['open', 'pending'], slaDueBefore: new Date(T0 + 2 * HOUR).toISOString() },
  { category: ['open', 'pending'], priority: 'urgent' },
  { status: 'new', category: 'open' },
  { customerId: 'c1', assigneeId: 'a1' },
  { assigneeId: 'nobody' },
];
const SORTS = ['sla_due', 'updated', 'created', 'priority'] as const;

const ids = (rows: readonly StoredTicket[]) => rows.map((r) => r.id);

/** Every page of a query with a small limit, as ids, totals and cursors. */
async function pages(storage: StorageAdapter, query: TicketQuery, limit: number) {
  const out: Array<{ ids: string[]; total: number; next?: string }> = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 200; guard++) {
    const page = await storage.list({ ...query, limit, ...(cursor === undefined ? {} : { cursor }) });
    out.push({ ids: ids(page.rows), total: page.total, ...(page.next === undefined ? {} : { next: page.next }) });
    if (page.next === undefined) return out;
    cursor = page.next;
  }
  throw new Error('list never ended');
}

// --- the cases ----------------------------------------------------------------------------

/** A named check; `run` throws a plain Error when the adapter misbehaves. */
export interface ConformanceCase {
  name: string;
  run: () => Promise<void>;
}

/**
 * The behaviour every storage adapter shares with `memoryStorage()`. `make` opens a fresh,
 * empty adapter; each case closes the ones it opens.
 */
export function storageConformanceCases(make: () => Promise<StorageAdapter>): ConformanceCase[] {
  const withStorage = (fn: (s: StorageAdapter) => Promise<void>) => async () => {
    const storage = await make();
    try {
      await fn(storage);
    } finally {
      await storage.close();
    }
  };
  const cases: ConformanceCase[] = [];
  const add = (name: string, fn: (s: StorageAdapter) => Promise<void>) => cases.push({ name, run: withStorage(fn) });

  add('get, getMany and getByNumber return copies of what was written', async (s) => {
    const a = storedRow({ id: 'a', number: 'AC-1', assigneeId: 'a1', slaDue: T0 });
    const b = storedRow({ id: 'b', number: 'AC-2', status: 'resolved' });
    await s.write([a, b]);
    same(await s.get('a'), a, 'get a');
    same(await s.get('missing'), undefined, 'get missing');
    same(await s.getMany(['b', 'missing', 'a']), [b, undefined, a], 'getMany keeps order and holes');
    same(await s.getMany([]), [], 'getMany of nothing');
    same(await s.getByNumber('AC-2'), b, 'getByNumber');
    same(await s.getByNumber('AC-9'), undefined, 'getByNumber missing');
    // Copies: changing what was written or read changes nothing stored.
    a.ticket.subject = 'changed after write';
    const read = (await s.get('a'))!;
    read.ticket.subject = 'changed after read';
    read.status = 'closed';
    ok((await s.get('a'))!.ticket.subject !== 'changed after write', 'write stored a reference, not a copy');
    same((await s.get('a'))!.status, 'new', 'get returned a reference, not a copy');
  });

  add('write replaces a ticket and records one change per row', async (s) => {
    const first = await s.write([storedRow({ id: 'a' }), storedRow({ id: 'b' })]);
    same(first.ids, ['a', 'b'], 'change ids');
    same(first.seq, 2, 'seq after two rows');
    const second = await s.write([storedRow({ id: 'a', status: 'assigned', assigneeId: 'a1', revision: 2 })]);
    same(second, { ids: ['a'], seq: 3 }, 'second change');
    same((await s.get('a'))!.ticket.revision, 2, 'replaced');
    same((await s.list({})).total, 2, 'still two tickets');
    same(await s.write([]), { ids: [], seq: 3 }, 'an empty write reports the current seq');
  });

  add('expectedRevision: a stale write throws ConflictError and writes nothing', async (s) => {
    await s.write([storedRow({ id: 'a', revision: 3 }), storedRow({ id: 'b', revision: 1 })]);
    const events: StorageChange[] = [];
    s.watch((c) => events.push(c));
    const error = await rejects(
      s.write([storedRow({ id: 'b', status: 'assigned', revision: 2 }), storedRow({ id: 'a', status: 'closed', revision: 4 }), storedRow({ id: 'c' })], {
        expectedRevision: { b: 1, a: 2 },
        keys: [{ key: 'k1', ticketId: 'a', result: 'x' }],
        access: [{ token: 'tok', ticketId: 'c' }],
      }),
      'CONFLICT',
      'stale revision',
    );
    same((error as unknown as { ticketId: string }).ticketId, 'a', 'conflicting ticket id');
    same((await s.get('b'))!.status, 'new', 'b untouched (atomic)');
    same((await s.get('a'))!.status, 'new', 'a untouched');
    same(await s.get('c'), undefined, 'c not written');
    same(await s.getKey('k1'), undefined, 'key not written');
    same(await s.getAccess('tok'), undefined, 'access not written');
    same(await s.changesSince(0, 100), { ids: ['a', 'b'], seq: 2, hasMore: false }, 'no change recorded');
    same(events, [], 'no watch event for a refused write');
    // Matching revisions pass; a revision for a ticket not stored yet is no conflict.
    same((await s.write([storedRow({ id: 'a', revision: 4 }), storedRow({ id: 'new' })], { expectedRevision: { a: 3, new: 7 } })).seq, 4, 'matching revision');
  });

  add('a taken ticket number throws ConflictError and writes nothing', async (s) => {
    await s.write([storedRow({ id: 'a', number: 'AC-1' })]);
    const error = await rejects(s.write([storedRow({ id: 'b', number: 'AC-2' }), storedRow({ id: 'c', number: 'AC-1' })]), 'CONFLICT', 'taken number');
    ok(/AC-1/.test(error.message) && /taken/.test(error.message), `message names the number: ${error.message}`);
    same(await s.get('b'), undefined, 'b not written');
    same((await s.getByNumber('AC-1'))!.id, 'a', 'number still a’s');
    // Rewriting the owner with its own number is fine.
    await s.write([storedRow({ id: 'a', number: 'AC-1', status: 'assigned' })]);
    same((await s.getByNumber('AC-1'))!.status, 'assigned', 'owner rewrote');
  });

  add('keys and access tokens are written with the tickets', async (s) => {
    await s.write([storedRow({ id: 'a' })], { keys: [{ key: 'idem-1', ticketId: 'a', result: '{"ok":1}' }], access: [{ token: 'secret', ticketId: 'a' }] });
    same(await s.getKey('idem-1'), { key: 'idem-1', ticketId: 'a', result: '{"ok":1}' }, 'getKey');
    same(await s.getKey('idem-2'), undefined, 'unknown key');
    same(await s.getAccess('secret'), 'a', 'getAccess');
    same(await s.getAccess('other'), undefined, 'unknown token');
    // Keys and tokens alone (no rows) are written too.
    await s.write([], { keys: [{ key: 'idem-2', ticketId: 'a', result: 'r' }], access: [{ token: 's2', ticketId: 'a' }] });
    same((await s.getKey('idem-2'))?.result, 'r', 'key without rows');
    same(await s.getAccess('s2'), 'a', 'token without rows');
  });

  add('list: hand-checked SLA order, ties by id, paging and totals', async (s) => {
    await s.write([
      storedRow({ id: 'd', assigneeId: 'a1', slaDue: T0 + HOUR }),
      storedRow({ id: 'b', assigneeId: 'a1', slaDue: T0 + HOUR }),
      storedRow({ id: 'c', assigneeId: 'a1', slaDue: T0 }),
      storedRow({ id: 'a', assigneeId: 'a1' }),
      storedRow({ id: 'e', assigneeId: 'a1', status: 'pending_customer', slaDue: T0 + 2 * HOUR }),
      storedRow({ id: 'f', assigneeId: 'a1', status: 'resolved' }),
      storedRow({ id: 'g', assigneeId: 'a2', slaDue: T0 - HOUR }),
      storedRow({ id: 'h', slaDue: T0 - 2 * HOUR }),
    ]);
    const q: TicketQuery = { assigneeId: 'a1', category: ['open', 'pending'], sort: 'sla_due' };
    const all = await s.list(q);
    same(ids(all.rows), ['c', 'b', 'd', 'e', 'a'], 'open tickets of a1 by SLA due, ties by id');
    same(all.total, 5, 'total');
    same(all.next, undefined, 'no next on the last page');
    const p1 = await s.list({ ...q, limit: 2 });
    same([ids(p1.rows), p1.total, p1.next], [['c', 'b'], 5, '2'], 'page 1');
    const p2 = await s.list({ ...q, limit: 2, cursor: p1.next! });
    same([ids(p2.rows), p2.total, p2.next], [['d', 'e'], 5, '4'], 'page 2');
    const p3 = await s.list({ ...q, limit: 2, cursor: p2.next! });
    same([ids(p3.rows), p3.total, p3.next], [['a'], 5, undefined], 'page 3');
    const past = await s.list({ ...q, cursor: '40' });
    same([ids(past.rows), past.total, past.next], [[], 5, undefined], 'beyond the end');
    same(ids((await s.list({ assigneeId: null })).rows), ['h'], 'unassigned');
    same(ids((await s.list({ slaDueBefore: new Date(T0 + 1).toISOString() })).rows), ['h', 'g', 'c'], 'slaDueBefore is strict');
    await rejects(s.list({ cursor: 'abc' }), 'VALIDATION_FAILED', 'bad cursor');
    await rejects(s.list({ limit: 501 }), 'VALIDATION_FAILED', 'limit too big');
  });

  add('list: every filter, sort and page matches memoryStorage on a mixed desk', async (s) => {
    const rows = mixedRows(240);
    await s.write(rows);
    const reference = memoryStorage();
    await reference.write(rows);
    for (const sort of SORTS) {
      for (const query of QUERIES) {
        const q = { ...query, sort };
        const full = await s.list({ ...q, limit: 500 });
        const expected = await reference.list({ ...q, limit: 500 });
        same(ids(full.rows), ids(expected.rows), `list ${JSON.stringify(q)}`);
        same(full.total, expected.total, `total ${JSON.stringify(q)}`);
        same(full.rows, expected.rows, `rows ${JSON.stringify(q)}`);
        same(await pages(s, q, 19), await pages(reference, q, 19), `pages of ${JSON.stringify(q)}`);
      }
    }
    // Default sort and limit.
    const first = await s.list({});
    same([ids(first.rows), first.total, first.next], [ids((await reference.list({})).rows), 240, '50'], 'defaults');
  });

  add('countByStatus with and without a filter', async (s) => {
    same(await s.countByStatus(), {}, 'empty store');
    const rows = mixedRows(120, 11);
    await s.write(rows);
    const count = (pred: (r: StoredTicket) => boolean) =>
      rows.filter(pred).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    same(await s.countByStatus(), count(() => true), 'all');
    same(await s.countByStatus({}), count(() => true), 'empty filter');
    same(await s.countByStatus({ assigneeId: 'a1' }), count((r) => r.assigneeId === 'a1'), 'assignee');
    same(await s.countByStatus({ assigneeId: null }), count((r) => r.assigneeId === ''), 'unassigned');
    same(await s.countByStatus({ groupId: 'g2' }), count((r) => r.groupId === 'g2'), 'group');
    same(await s.countByStatus({ customerId: 'c3', groupId: 'g1' }), count((r) => r.customerId === 'c3' && r.groupId === 'g1'), 'customer and group');
    same(await s.countByStatus({ assigneeId: 'nobody' }), {}, 'no match');
  });

  add('countByStatus follows status changes, repeated ids and imports over stored tickets', async (s) => {
    const rows = mixedRows(60, 3);
    const state = new Map<string, StoredTicket>();
    const apply = (list: StoredTicket[]) => list.forEach((r) => state.set(r.id, r));
    const expected = (pred: (r: StoredTicket) => boolean = () => true) =>
      [...state.values()].filter(pred).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    await s.write(rows.slice(0, 30));
    apply(rows.slice(0, 30));
    await s.importTickets(rows.slice(30));
    apply(rows.slice(30));
    same(await s.countByStatus(), expected(), 'after write and import');
    const closed = rows.slice(0, 10).map((r) => storedRow({ id: r.id, status: 'closed', customerId: r.customerId }));
    await s.write(closed);
    apply(closed);
    same(await s.countByStatus(), expected(), 'after closing ten');
    const twice = [storedRow({ id: rows[12]!.id, status: 'resolved' }), storedRow({ id: rows[12]!.id, status: 'in_progress' }), storedRow({ id: 'fresh', status: 'pending_parts' })];
    await s.write(twice);
    apply(twice);
    same(await s.countByStatus(), expected(), 'one ticket twice in a write');
    const reimported = rows.slice(25, 45).map((r) => storedRow({ id: r.id, status: 'custom_status', customerId: 'c1' }));
    await s.importTickets(reimported);
    apply(reimported);
    same(await s.countByStatus(), expected(), 'import over stored tickets');
    await rejects(s.write([storedRow({ id: 'x', number: `AC-${rows[0]!.id}` })]), 'CONFLICT', 'refused write');
    same(await s.countByStatus(), expected(), 'a refused write counts nothing');
    same(await s.countByStatus({ customerId: 'c1' }), expected((r) => r.customerId === 'c1'), 'filtered after changes');
  });

  add('countByStatus after an import into an empty store that writes some tickets twice', async (s) => {
    const rows = mixedRows(4_200, 5);
    // The first 300 again at the end, closed: replaced by the same import, several chunks later.
    const again = rows.slice(0, 300).map((r) => storedRow({ id: r.id, status: 'closed', customerId: r.customerId }));
    await s.importTickets([...rows, ...again]);
    const state = new Map([...rows, ...again].map((r) => [r.id, r]));
    const expected = (pred: (r: StoredTicket) => boolean = () => true) =>
      [...state.values()].filter(pred).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    same(await s.countByStatus(), expected(), 'after the import');
    same(await s.countByStatus({ customerId: 'c2' }), expected((r) => r.customerId === 'c2'), 'filtered after the import');
    const reopened = [storedRow({ id: rows[0]!.id, status: 'in_progress', customerId: rows[0]!.customerId })];
    await s.write(reopened);
    state.set(reopened[0]!.id, reopened[0]!);
    same(await s.countByStatus(), expected(), 'after a write following the import');
  });

  add('changesSince dedupes ids, pages with hasMore and resumes at seq', async (s) => {
    same(await s.changesSince(0, 10), { ids: [], seq: 0, hasMore: false }, 'nothing yet');
    await s.write([storedRow({ id: 'a' })]);
    await s.write([storedRow({ id: 'b' })]);
    await s.write([storedRow({ id: 'a', revision: 2 })]);
    await s.write([storedRow({ id: 'c' }), storedRow({ id: 'd' })]);
    same(await s.changesSince(0, 10), { ids: ['a', 'b', 'c', 'd'], seq: 5, hasMore: false }, 'all, a once');
    const first = await s.changesSince(0, 2);
    same(first, { ids: ['a', 'b'], seq: 2, hasMore: true }, 'first window stops before the repeat');
    same(await s.changesSince(first.seq, 2), { ids: ['a', 'c'], seq: 4, hasMore: true }, 'second window');
    same(await s.changesSince(4, 2), { ids: ['d'], seq: 5, hasMore: false }, 'last window');
    same(await s.changesSince(1, 3), { ids: ['b', 'a', 'c'], seq: 4, hasMore: true }, 'from the middle');
    same(await s.changesSince(5, 10), { ids: [], seq: 5, hasMore: false }, 'up to date');
    same(await s.changesSince(9, 10), { ids: [], seq: 9, hasMore: false }, 'ahead of the log');
    same(await s.changesSince(-3, 1), { ids: ['a'], seq: 1, hasMore: true }, 'negative seq counts from the start');
    same(await s.changesSince(2.7, 1), { ids: ['a'], seq: 3, hasMore: true }, 'fractional seq is floored');
    same(await s.changesSince(0, 0), { ids: [], seq: 0, hasMore: true }, 'limit 0');
  });

  add('changesSince counts single changes: pages end and resume inside one write', async (s) => {
    // One write of five rows (b twice) and one of one: windows smaller than a write start and stop inside it.
    await s.write([storedRow({ id: 'a' }), storedRow({ id: 'b' }), storedRow({ id: 'c' }), storedRow({ id: 'b', revision: 2 }), storedRow({ id: 'd' })]);
    const last = await s.write([storedRow({ id: 'e' })]);
    same(last.seq, 6, 'seq counts rows, not writes');
    same(await s.changesSince(0, 2), { ids: ['a', 'b'], seq: 2, hasMore: true }, 'stops inside the first write');
    same(await s.changesSince(2, 2), { ids: ['c', 'b'], seq: 4, hasMore: true }, 'resumes inside it');
    same(await s.changesSince(4, 2), { ids: ['d', 'e'], seq: 6, hasMore: false }, 'crosses into the next write');
    same(await s.changesSince(0, 3), { ids: ['a', 'b', 'c'], seq: 3, hasMore: true }, 'a full window stops before a repeat');
    same(await s.changesSince(1, 3), { ids: ['b', 'c', 'd'], seq: 5, hasMore: true }, 'a repeat inside the window is consumed once');
    same(await s.changesSince(3, 1), { ids: ['b'], seq: 4, hasMore: true }, 'a window of one inside the write');
    same(await s.changesSince(4.5, 10), { ids: ['d', 'e'], seq: 6, hasMore: false }, 'fractional seq inside a write is floored');
    same(await s.changesSince(5, 10), { ids: ['e'], seq: 6, hasMore: false }, 'from the end of the first write');

    // An import far larger than a window (and than an import chunk): paging by 700 visits every
    // change once, in order, and stops at the same positions as a log of single changes.
    const rows = Array.from({ length: 4_500 }, (_, i) => storedRow({ id: `imp-${String(i).padStart(5, '0')}` }));
    const events: StorageChange[] = [];
    s.watch((c) => events.push(c));
    await s.importTickets(rows);
    const seen: string[] = [];
    const stops: number[] = [];
    let seq = 6;
    for (let guard = 0; guard < 20; guard++) {
      const page = await s.changesSince(seq, 700);
      seen.push(...page.ids);
      stops.push(page.seq);
      ok(page.ids.length === 700 || !page.hasMore, `a page short of the limit says no more: ${JSON.stringify([page.ids.length, page.seq, page.hasMore])}`);
      seq = page.seq;
      if (!page.hasMore) break;
    }
    same(seen, ids(rows), 'every imported id once, in import order');
    same(stops, [706, 1406, 2106, 2806, 3506, 4206, 4506], 'stops of a log of single changes');
    same(await s.changesSince(2_005, 3), { ids: ['imp-01999', 'imp-02000', 'imp-02001'], seq: 2_008, hasMore: true }, 'a window across positions 2,006–2,008');
    // What watchers were told is a position changesSince continues from.
    ok(events.length >= 1 && events.every((e, i) => i === 0 || e.seq > events[i - 1]!.seq), `watched seqs grow: ${JSON.stringify(events.map((e) => e.seq))}`);
    same(events[events.length - 1]!.seq, 4_506, 'the last watched seq is the end of the log');
    let from = 6;
    for (const event of events) {
      const window = await s.changesSince(from, event.ids.length);
      same([window.ids, window.seq], [event.ids, event.seq], `the changes up to watched seq ${event.seq}`);
      from = event.seq;
    }
    same(await s.changesSince(4_506, 10), { ids: [], seq: 4_506, hasMore: false }, 'up to date after the import');
  });

  add('nextSequence counts per counter, atomically', async (s) => {
    same([await s.nextSequence('day-1'), await s.nextSequence('day-1'), await s.nextSequence('day-2')], [1, 2, 1], 'sequence');
    const many = await Promise.all(Array.from({ length: 20 }, () => s.nextSequence('day-3')));
    same([...many].sort((x, y) => x - y), Array.from({ length: 20 }, (_, i) => i + 1), 'concurrent calls get distinct numbers');
  });

  add('importTickets writes everything and reports progress', async (s) => {
    const progress: Array<[number, number]> = [];
    await s.importTickets([], (done, total) => progress.push([done, total]));
    same(progress, [[0, 0]], 'an empty import reports once');
    progress.length = 0;
    const events: StorageChange[] = [];
    s.watch((c) => events.push(c));
    const rows = Array.from({ length: 4_500 }, (_, i) => storedRow({ id: `imp-${String(i).padStart(5, '0')}`, assigneeId: `a${i % 3}`, slaDue: T0 + (i % 50) * HOUR }));
    await s.importTickets(rows, (done, total) => progress.push([done, total]));
    ok(progress.length >= 2, `progress reported ${progress.length} time(s)`);
    same(progress[progress.length - 1], [4_500, 4_500], 'last progress');
    for (let i = 1; i < progress.length; i++) ok(progress[i]![0] > progress[i - 1]![0] && progress[i]![1] === 4_500, `progress grows: ${JSON.stringify(progress)}`);
    same((await s.list({})).total, 4_500, 'all imported');
    same(await s.get('imp-01234'), rows[1234], 'a row');
    same((await s.getByNumber('AC-imp-04499'))?.id, 'imp-04499', 'by number');
    const queue = rows.filter((r) => r.assigneeId === 'a1').sort((x, y) => x.slaDue - y.slaDue || (x.id < y.id ? -1 : 1));
    same(ids((await s.list({ assigneeId: 'a1', category: ['open', 'pending'], limit: 3 })).rows), ids(queue.slice(0, 3)), 'indexed after import');
    same(events.flatMap((e) => e.ids).length, 4_500, 'watch saw every imported id');
    const changes = await s.changesSince(0, 10_000);
    same([changes.ids.length, changes.seq, changes.hasMore], [4_500, 4_500, false], 'changes recorded');
    // A taken number refuses the import with ConflictError.
    await rejects(s.importTickets([storedRow({ id: 'dup', number: 'AC-imp-00000' })]), 'CONFLICT', 'import over a taken number');
    same(await s.get('dup'), undefined, 'refused row not written');
  });

  add('putAttachment keeps a file and its bytes; a taken upload key returns the first file and writes nothing', async (s) => {
    const meta = { id: 'f1', name: '照片.jpg', type: 'image/jpeg', size: 3 };
    const first = await s.putAttachment({ id: 'f1', meta, data: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }), key: 'k1', fingerprint: 'p1', createdAt: T0 });
    same(first.meta, meta, 'put returns the row');
    const again = await s.putAttachment({ id: 'f2', meta: { ...meta, id: 'f2' }, data: new Blob([new Uint8Array([9])]), key: 'k1', fingerprint: 'p2', createdAt: T0 });
    same([again.id, again.fingerprint], ['f1', 'p1'], 'the key is taken: the first file');
    same(await s.getAttachment('f2'), undefined, 'the second was not written');
    await s.putAttachment({ id: 'f3', meta: { ...meta, id: 'f3' }, data: new Blob([new Uint8Array([4])]), createdAt: T0 });
    await s.putAttachment({ id: 'f4', meta: { ...meta, id: 'f4' }, data: new Blob([new Uint8Array([5])]), createdAt: T0 });
    same((await s.getAttachment('f4'))?.meta.id, 'f4', 'files without a key do not collide');
    const read = (await s.getAttachment('f1'))!;
    same([...new Uint8Array(await read.data.arrayBuffer())], [1, 2, 3], 'the bytes');
    read.meta.name = 'changed after read';
    same((await s.getAttachment('f1'))!.meta.name, '照片.jpg', 'getAttachment returned a copy');
    same(await s.getAttachment('missing'), undefined, 'missing');
  });

  add('watch reports each write; unsubscribing and closing stop it', async (s) => {
    const seen: StorageChange[] = [];
    const stop = s.watch((c) => seen.push(c));
    const change = await s.write([storedRow({ id: 'a' }), storedRow({ id: 'b' })]);
    same(seen, [change], 'one event per write, equal to what write returned');
    await s.write([]);
    same(seen.length, 1, 'no event for an empty write');
    stop();
    await s.write([storedRow({ id: 'c' })]);
    same(seen.length, 1, 'no event after unsubscribing');
    const other: StorageChange[] = [];
    s.watch((c) => other.push(c));
    await s.close();
    const late = s.watch(() => {
      throw new Error('called after close');
    });
    late();
  });

  return cases;
}
