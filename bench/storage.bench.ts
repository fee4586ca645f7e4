// Local storage in a real browser: the Dexie (IndexedDB) adapter in headless Chromium with
// 50,000 realistic tickets (200 agents, every standard status, an unassigned share). Times the
// bulk import and the two queries an agent's desk makes all day — "my open tickets by SLA
// due, first 100" and "count by status" — against, in the same run on the same database, the
// naive way: read every row (`toArray`) and filter, sort and count in JavaScript.
//
// Node only drives the browser: `pageBench` below is bundled by esbuild with the adapter,
// served from 127.0.0.1 (IndexedDB needs a real origin) and run in the page. Node-only
// modules are imported inside `run` so the page bundle never sees them.
import Dexie from 'dexie';
import { DEXIE_SCHEMA, dexieStorage } from '../src/client/dexie-storage.js';
import { compareRows, NO_DUE, rowMatches } from '../src/client/query.js';
import type { StoredTicket, TicketQuery } from '../src/client/types.js';
import type { Priority, StatusCategory } from '../src/model/constants.js';
import { createTicket } from '../src/model/create-ticket.js';
import type { Metric } from './harness.js';
import { seededRandom } from '../test/support/seeded-random.js';

const TICKETS = 50_000;
const AGENTS = 200;
const QUERY_RUNS = 20; // timed desk queries, each for another agent; the median is reported
const COUNT_RUNS = 15;
const DESK_RUNS = 5; // the whole desk by SLA due, first page: counts all 50,000 tickets per run
const NAIVE_RUNS = 3; // the naive baseline reads all 50,000 rows per run
const CEILING_ROWS = 10_000; // plain IndexedDB puts, for what the browser itself allows
/** What the page reports back. */
interface PageResult {
  rowsPerSecond: number;
  importSeconds: number;
  progressCalls: number;
  queryMs: number;
  queryP95Ms: number;
  queryRows: number;
  queryTotal: number;
  countMs: number;
  firstCountMs: number;
  deskMs: number;
  ceilingRowsPerSecond: number;
  firstRowsPerSecond: number;
  naiveQueryMs: number;
  naiveCountMs: number;
  mismatches: number;
  ticketBytes: number;
}

// ---------------------------------------------------------------------------------------
// In the page

/** Small seeded PRNG (mulberry32) so every run stores the same desk. */
function prng(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const STATUS_MIX: Array<[status: string, category: StatusCategory, share: number]> = [
  ['new', 'open', 0.08],
  ['assigned', 'open', 0.12],
  ['in_progress', 'open', 0.16],
  ['pending_customer', 'pending', 0.08],
  ['pending_parts', 'pending', 0.05],
  ['resolved', 'solved', 0.11],
  ['closed', 'closed', 0.4],
];
const SUBJECTS = ['空调不制冷', '洗衣机漏水', '冰箱噪音大', '热水器不出热水', '油烟机吸力弱', 'Air conditioner leaks water', 'Washer will not spin', 'Fridge light stays off'];
const PRODUCTS = ['KFR-35GW', 'XQG100-B14', 'BCD-520W', 'JSQ30-16', 'CXW-260', 'KFR-26GW', 'XQB80-36', 'BCD-406'];
const PRIORITY_MIX: Priority[] = ['low', 'normal', 'normal', 'normal', 'normal', 'high', 'high', 'urgent'];

/** 50,000 tickets made by `createTicket`, spread as a desk's database is after some months. */
function makeRows(count: number, now: number): StoredTicket[] {
  const r = prng(2026);
  const DAY = 86_400_000;
  const rows: StoredTicket[] = [];
  for (let i = 0; i < count; i++) {
    let x = r.next();
    const [status, category] = STATUS_MIX.find(([, , share]) => (x -= share) < 0) ?? STATUS_MIX[STATUS_MIX.length - 1]!;
    const open = category === 'open' || category === 'pending';
    // New tickets mostly wait in the unassigned queue; a few others lost their agent.
    const assigneeId = status === 'new' ? (r.next() < 0.8 ? '' : `agent-${Math.floor(r.next() * AGENTS)}`) : r.next() < 0.03 ? '' : `agent-${Math.floor(r.next() * AGENTS)}`;
    const groupId = `group-${Math.floor(r.next() * 12)}`;
    const customerId = `cust-${Math.floor(r.next() * 20_000)}`;
    const createdAt = now - Math.floor(r.next() * 180 * DAY);
    const updatedAt = Math.min(now, createdAt + Math.floor(r.next() * 10 * DAY));
    // Due times on the minute (ties happen); paused clocks (pending on the customer) and finished tickets have none.
    const slaDue = open && !(status === 'pending_customer' && r.next() < 0.5) ? now + Math.round((r.next() * 7 - 2) * 1440) * 60_000 : NO_DUE;
    const priority = r.pick(PRIORITY_MIX);
    const id = `t-${i.toString(36).padStart(4, '0')}-${Math.floor(r.next() * 1e9).toString(36)}`;
    const number = `AC-${new Date(createdAt).toISOString().slice(0, 10).replace(/-/g, '')}-${String(i).padStart(5, '0')}`;
    const ticket = createTicket(
      {
        type: 'repair',
        subject: r.pick(SUBJECTS),
        description: `${r.pick(SUBJECTS)}，型号 ${r.pick(PRODUCTS)}，已重启仍然如此。`,
        channel: r.pick(['web', 'phone', 'wechat', 'mini-program'] as const),
        priority,
        customer: { id: customerId, name: `客户${i}`, tier: r.next() < 0.1 ? 'vip' : 'standard', contact: { phone: `139${String(i).padStart(8, '0')}` } },
        product: { model: r.pick(PRODUCTS), serialNumber: `SN${String(i).padStart(10, '0')}`, purchaseDate: '2024-06-01' },
      },
      { now: createdAt, id, number },
    );
    ticket.status = status;
    ticket.updatedAt = new Date(updatedAt).toISOString();
    if (assigneeId) ticket.assigneeId = assigneeId;
    ticket.groupId = groupId;
    rows.push({ id, number, status, category, open: open ? 1 : 0, assigneeId, groupId, customerId, priority, slaDue, createdAt, updatedAt, ticket });
  }
  return rows;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

/** Runs in Chromium: import, time the indexed queries, then the naive ones on the same database. */
export async function pageBench(): Promise<PageResult> {
  const name = `aftercare-bench-${Date.now()}`;
  const now = Date.parse('2026-11-22T01:00:00.000Z');
  const rows = makeRows(TICKETS, now);
  const ticketBytes = new TextEncoder().encode(JSON.stringify(rows.slice(0, 200))).length / 200;
  const storage = await dexieStorage({ name });
  try {
    // First, in the fresh profile, the browser's own ceiling: plain IndexedDB puts of the same
    // rows into the same indexes, 2,000 per transaction, without change log and status counts.
    const ceiling = new Dexie(`${name}-ceiling`);
    ceiling.version(1).stores(DEXIE_SCHEMA[0]!.stores);
    await ceiling.open();
    const idb = ceiling.backendDB();
    let t0 = performance.now();
    for (let i = 0; i < CEILING_ROWS; i += 2_000) {
      await new Promise<void>((resolve, reject) => {
        const tx = idb.transaction('tickets', 'readwrite');
        const store = tx.objectStore('tickets');
        for (const row of rows.slice(i, i + 2_000)) store.put(row);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    const ceilingRowsPerSecond = CEILING_ROWS / ((performance.now() - t0) / 1000);
    ceiling.close();
    await Dexie.delete(`${name}-ceiling`);

    let progressCalls = 0;
    let firstRowsSeconds = 0;
    const started = performance.now();
    await storage.importTickets(rows, (done) => {
      progressCalls += 1;
      if (done === CEILING_ROWS) firstRowsSeconds = (performance.now() - started) / 1000;
    }); // ends with the status recount
    const importSeconds = (performance.now() - started) / 1000;

    const agentQuery = (agent: number): TicketQuery => ({ assigneeId: `agent-${agent}`, category: ['open', 'pending'], sort: 'sla_due', limit: 100 });
    for (let a = 0; a < 5; a++) await storage.list(agentQuery(a)); // warm-up
    const queryTimes: number[] = [];
    const pages: Array<{ agent: number; ids: string[]; total: number }> = [];
    for (let k = 0; k < QUERY_RUNS; k++) {
      const agent = 10 + k * 9;
      const t = performance.now();
      const page = await storage.list(agentQuery(agent));
      queryTimes.push(performance.now() - t);
      pages.push({ agent, ids: page.rows.map((row) => row.id), total: page.total });
    }
    t0 = performance.now();
    await storage.countByStatus();
    const firstCountMs = performance.now() - t0;
    const countTimes: number[] = [];
    let counts: Record<string, number> = {};
    for (let k = 0; k < COUNT_RUNS; k++) {
      const t = performance.now();
      counts = await storage.countByStatus();
      countTimes.push(performance.now() - t);
    }

    // The whole desk by SLA due (no filter): the first page, and its total, which IndexedDB can only count by walking.
    const deskTimes: number[] = [];
    let desk = { ids: [] as string[], total: 0 };
    for (let k = 0; k < DESK_RUNS; k++) {
      const t = performance.now();
      const page = await storage.list({ sort: 'sla_due', limit: 50 });
      deskTimes.push(performance.now() - t);
      desk = { ids: page.rows.map((row) => row.id), total: page.total };
    }

    // The naive way, on the same database: every row out of IndexedDB, then JavaScript.
    const raw = new Dexie(name);
    await raw.open();
    const table = raw.table<StoredTicket, string>('tickets');
    let mismatches = 0;
    const naiveQueryTimes: number[] = [];
    const naiveCountTimes: number[] = [];
    for (let k = 0; k < NAIVE_RUNS; k++) {
      const expected = pages[k]!;
      const q = agentQuery(expected.agent);
      let t = performance.now();
      const matching = (await table.toArray()).filter((row) => rowMatches(row, q)).sort(compareRows('sla_due'));
      const ids = matching.slice(0, 100).map((row) => row.id);
      naiveQueryTimes.push(performance.now() - t);
      if (matching.length !== expected.total || ids.join() !== expected.ids.join()) mismatches += 1;

      t = performance.now();
      const naive: Record<string, number> = {};
      for (const row of await table.toArray()) naive[row.status] = (naive[row.status] ?? 0) + 1;
      naiveCountTimes.push(performance.now() - t);
      const keys = new Set([...Object.keys(naive), ...Object.keys(counts)]);
      if ([...keys].some((key) => naive[key] !== counts[key])) mismatches += 1;
    }
    const all = (await table.toArray()).sort(compareRows('sla_due'));
    if (all.length !== desk.total || all.slice(0, 50).map((row) => row.id).join() !== desk.ids.join()) mismatches += 1;
    raw.close();


    return {
      rowsPerSecond: TICKETS / importSeconds,
      importSeconds,
      progressCalls,
      queryMs: median(queryTimes),
      queryP95Ms: p95(queryTimes),
      queryRows: median(pages.map((p) => p.ids.length)),
      queryTotal: median(pages.map((p) => p.total)),
      countMs: median(countTimes),
      firstCountMs,
      deskMs: median(deskTimes),
      ceilingRowsPerSecond,
      firstRowsPerSecond: CEILING_ROWS / firstRowsSeconds,
      naiveQueryMs: median(naiveQueryTimes),
      naiveCountMs: median(naiveCountTimes),
      mismatches,
      ticketBytes,
    };
  } finally {
    await storage.close();
    await Dexie.delete(name);
  }
}

// ---------------------------------------------------------------------------------------
// In Node

export async function run(): Promise<Record<string, Metric>> {
  const { runPageBench } = await import('./browser-page.js');
  const result = await runPageBench<PageResult>('bench/storage.bench.ts');
  const r = result;
  return {
    import_rows_per_s: { value: r.rowsPerSecond, unit: 'tickets/s', better: 'higher', target: 5_000, note: `${TICKETS} tickets (~${Math.round(r.ticketBytes)} B JSON each) in ${r.importSeconds.toFixed(1)} s, chunks of 2,000` },
    import_idb_ceiling_rows_per_s: { value: r.ceilingRowsPerSecond, unit: 'tickets/s', better: 'higher', note: `plain IndexedDB puts of ${CEILING_ROWS} of the same rows into the same indexes, no change log or counts: the browser's limit here` },
    import_first_rows_per_s: { value: r.firstRowsPerSecond, unit: 'tickets/s', better: 'higher', note: `the adapter's import over its first ${CEILING_ROWS} tickets, comparable with the ceiling` },
    import_vs_ceiling: { value: r.firstRowsPerSecond / r.ceilingRowsPerSecond, unit: '×', better: 'higher', note: 'adapter / plain IndexedDB over the same number of tickets (the rest: change log, status counts, Dexie)' },
    import_progress_calls: { value: r.progressCalls, unit: 'calls', better: 'higher', note: 'onProgress callbacks during the import' },
    agent_queue_ms: { value: r.queryMs, unit: 'ms', better: 'lower', target: 20, note: `open+pending of one agent by SLA due, first 100 (median of ${QUERY_RUNS} agents; ~${r.queryRows} rows of ~${r.queryTotal}; p95 ${r.queryP95Ms.toFixed(1)} ms)` },
    agent_queue_naive_ms: { value: r.naiveQueryMs, unit: 'ms', better: 'lower', note: 'baseline: toArray() of all tickets, filter and sort in JS' },
    agent_queue_speedup: { value: r.naiveQueryMs / r.queryMs, unit: '×', better: 'higher', note: 'naive / indexed' },
    count_by_status_ms: { value: r.countMs, unit: 'ms', better: 'lower', target: 20, note: `countByStatus() over ${TICKETS} tickets (median of ${COUNT_RUNS})` },
    count_by_status_first_ms: { value: r.firstCountMs, unit: 'ms', better: 'lower', note: 'first countByStatus() right after the import' },
    count_by_status_naive_ms: { value: r.naiveCountMs, unit: 'ms', better: 'lower', note: 'baseline: toArray() and tally in JS' },
    count_by_status_speedup: { value: r.naiveCountMs / r.countMs, unit: '×', better: 'higher', note: 'naive / indexed' },
    whole_desk_ms: { value: r.deskMs, unit: 'ms', better: 'lower', note: `every ticket by SLA due, first 50, with its total (median of ${DESK_RUNS}): the total walks all ${TICKETS}` },
    result_mismatches: { value: r.mismatches, unit: 'mismatches', better: 'lower', target: 0, note: 'indexed vs naive answers on the same data' },
  };
}
