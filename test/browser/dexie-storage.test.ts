/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import Dexie from 'dexie';
import { DEXIE_SCHEMA, dexieStorage } from '../../src/client/dexie-storage.js';
import type { StorageAdapter, StorageChange, StoredTicket } from '../../src/client/types.js';
import { StorageError } from '../../src/errors.js';
import { storageConformanceCases, storedRow } from '../storage-conformance.js';

const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
let counter = 0;
const created: string[] = [];
/** A database name no other test uses; deleted after the suite. */
function freshName(): string {
  const name = `aftercare-test-${run}-${counter++}`;
  created.push(name);
  return name;
}

/** Resolves when `check` holds, polling; BroadcastChannel messages arrive asynchronously. */
async function until(check: () => boolean, what: string, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('dexieStorage', () => {
  after(async () => {
    for (const name of created) await Dexie.delete(name);
  });

  describe('conformance with memoryStorage', () => {
    for (const c of storageConformanceCases(() => dexieStorage({ name: freshName() }))) {
      it(c.name, async function () {
        this.timeout(60_000);
        await c.run();
      });
    }
  });

  describe('IndexedDB specifics', () => {
    const open: StorageAdapter[] = [];
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });
    const adapter = async (name: string) => {
      const s = await dexieStorage({ name });
      open.push(s);
      return s;
    };

    it('is an indexeddb adapter with the declared schema', async () => {
      const name = freshName();
      const s = await adapter(name);
      expect(s.kind).to.equal('indexeddb');
      expect(DEXIE_SCHEMA.map((v) => v.version)).to.deep.equal([1, 2]);
      const raw = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        expect([...raw.objectStoreNames].sort()).to.deep.equal(['access', 'attachments', 'changes', 'counters', 'keys', 'tickets']);
        expect([...raw.transaction('attachments').objectStore('attachments').indexNames]).to.deep.equal(['key']);
        const store = raw.transaction('tickets').objectStore('tickets');
        expect(store.keyPath).to.equal('id');
        expect([...store.indexNames].sort()).to.deep.equal(
          ['[assigneeId+open+slaDue]', '[groupId+open+slaDue]', '[open+slaDue]', 'createdAt', 'customerId', 'number', 'status', 'updatedAt'].sort(),
        );
        expect(store.index('number').unique).to.equal(true);
      } finally {
        raw.close();
      }
    });

    it('upgrades a version 1 database to version 2: every ticket, number, count, key and change stays, and files can be kept', async () => {
      const name = freshName();
      // The browser ran the release before attachments: its adapter wrote through schema version 1.
      const v1 = await dexieStorage({ name, schema: DEXIE_SCHEMA.slice(0, 1) });
      const a = storedRow({ id: 'a', number: 'AC-1', assigneeId: 'a1', slaDue: 1_000 });
      const b = storedRow({ id: 'b', number: 'AC-2', status: 'resolved' });
      await v1.write([a, b], { keys: [{ key: 'k-1', ticketId: 'a', result: 'token-a', op: 'create', fingerprint: 'f' }], access: [{ token: 'token-a', ticketId: 'a' }] });
      await v1.write([storedRow({ id: 'a', number: 'AC-1', status: 'assigned', assigneeId: 'a1', slaDue: 1_000, revision: 2 })]);
      expect(await v1.nextSequence('number:AC:20261123')).to.equal(1);
      // That tab is still open when the new release loads in another: the old connection gives way.
      const v2 = await adapter(name);
      const version = await new Promise<number>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => {
          resolve(req.result.version);
          req.result.close();
        };
        req.onerror = () => reject(req.error);
      });
      expect(version).to.equal(20, 'Dexie stores version 2 as 20');
      expect((await v2.get('a'))!.ticket.revision).to.equal(2);
      expect((await v2.getByNumber('AC-2'))!.id).to.equal('b');
      expect(await v2.countByStatus()).to.deep.equal({ assigned: 1, resolved: 1 });
      expect((await v2.list({ assigneeId: 'a1', category: ['open', 'pending'] })).rows.map((r) => r.id)).to.deep.equal(['a']);
      expect(await v2.getKey('k-1')).to.deep.include({ ticketId: 'a', result: 'token-a' });
      expect(await v2.getAccess('token-a')).to.equal('a');
      expect(await v2.changesSince(0, 10)).to.deep.equal({ ids: ['a', 'b'], seq: 3, hasMore: false });
      expect(await v2.nextSequence('number:AC:20261123')).to.equal(2);
      const data = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
      await v2.putAttachment({ id: 'f1', meta: { id: 'f1', name: 'a.png', type: 'image/png', size: 3 }, data, key: 'u-1', createdAt: 0 });
      const file = await v2.getAttachment('f1');
      expect([...new Uint8Array(await file!.data.arrayBuffer())]).to.deep.equal([1, 2, 3]);
      // The old tab gave way (Dexie closed its connection) and reopens the upgraded database
      // when next used: it goes on reading and writing its own tables; the new tab sees its writes.
      expect((await v1.get('b'))!.status).to.equal('resolved');
      await v1.write([storedRow({ id: 'c', number: 'AC-3' })]);
      expect((await v2.get('c'))!.id).to.equal('c');
      await v1.close();
    });

    it('tells another tab (another adapter on the same database) about each write', async () => {
      const name = freshName();
      const tabA = await adapter(name);
      const tabB = await adapter(name);
      const seenA: StorageChange[] = [];
      const seenB: StorageChange[] = [];
      tabA.watch((c) => seenA.push(c));
      tabB.watch((c) => seenB.push(c));
      const change = await tabA.write([storedRow({ id: 'a' }), storedRow({ id: 'b' })]);
      await until(() => seenB.length === 1, 'the other tab');
      expect(seenB).to.deep.equal([change]);
      expect(seenA).to.deep.equal([change]);
      expect((await tabB.get('a'))?.id).to.equal('a');

      await tabB.importTickets(Array.from({ length: 3 }, (_, i) => storedRow({ id: `i${i}` })));
      await until(() => seenA.length === 2, 'the import in the first tab');
      expect(seenA[1]).to.deep.equal({ ids: ['i0', 'i1', 'i2'], seq: 5 });
      // A refused write tells nobody.
      await tabB.write([storedRow({ id: 'c', number: 'AC-a' })]).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
      expect(seenA.length).to.equal(2);
      // A different database is another channel.
      const elsewhere = await adapter(freshName());
      const seenElsewhere: StorageChange[] = [];
      elsewhere.watch((c) => seenElsewhere.push(c));
      await tabA.write([storedRow({ id: 'd' })]);
      await until(() => seenB.length === 2, 'the third write');
      expect(seenElsewhere).to.deep.equal([]);
    });

    it('keeps everything across close and reopen', async () => {
      const name = freshName();
      const first = await dexieStorage({ name });
      await first.write([storedRow({ id: 'a', number: 'AC-7', assigneeId: 'a1', slaDue: 5 })], {
        keys: [{ key: 'k', ticketId: 'a', result: 'r' }],
        access: [{ token: 't', ticketId: 'a' }],
      });
      expect(await first.nextSequence('day')).to.equal(1);
      await first.close();
      const again = await adapter(name);
      expect(await again.get('a')).to.deep.equal(storedRow({ id: 'a', number: 'AC-7', assigneeId: 'a1', slaDue: 5 }));
      expect((await again.getByNumber('AC-7'))?.id).to.equal('a');
      expect(await again.getKey('k')).to.deep.equal({ key: 'k', ticketId: 'a', result: 'r' });
      expect(await again.getAccess('t')).to.equal('a');
      expect(await again.nextSequence('day')).to.equal(2);
      expect(await again.changesSince(0, 10)).to.deep.equal({ ids: ['a'], seq: 1, hasMore: false });
      expect((await again.write([storedRow({ id: 'b' })])).seq).to.equal(2);
      expect((await again.list({ assigneeId: 'a1', category: ['open', 'pending'] })).rows.map((r) => r.id)).to.deep.equal(['a']);
    });

    it('recounts statuses when the kept counts are stale or missing', async () => {
      const name = freshName();
      const s = await adapter(name);
      await s.write([storedRow({ id: 'a' }), storedRow({ id: 'b', status: 'closed' }), storedRow({ id: 'c', status: 'closed' })]);
      expect(await s.countByStatus()).to.deep.equal({ new: 1, closed: 2 });
      const raw = new Dexie(name);
      await raw.open();
      try {
        // Stale (an import that failed before its closing recount): the names are right, the numbers not.
        await raw.table('counters').put({ name: '\u0000statusCounts', counts: { new: 0, closed: 9, resolved: 0 }, stale: true });
        expect(await s.countByStatus()).to.deep.equal({ new: 1, closed: 2 });
        expect((await raw.table('counters').get('\u0000statusCounts')).stale).to.equal(false);
        // Missing (a database from before the counts): found by walking the status index.
        await raw.table('counters').delete('\u0000statusCounts');
        await s.write([storedRow({ id: 'd', status: 'resolved' })]);
        expect(await s.countByStatus()).to.deep.equal({ new: 1, closed: 2, resolved: 1 });
        await s.write([storedRow({ id: 'a', status: 'resolved' })]);
        expect(await s.countByStatus()).to.deep.equal({ closed: 2, resolved: 2 });
      } finally {
        raw.close();
      }
    });

    it('keeps status counts right when another tab writes between the chunks of an import', async () => {
      const name = freshName();
      const tabA = await adapter(name);
      const tabB = await adapter(name);
      const rows = Array.from({ length: 5_000 }, (_, i) => storedRow({ id: `i${String(i).padStart(4, '0')}`, status: i % 2 ? 'new' : 'assigned' }));
      const seqs: number[] = [];
      tabA.watch((c) => seqs.push(c.seq));
      let other: Promise<StorageChange> | undefined;
      await tabA.importTickets(rows, () => {
        // After the first chunk: a ticket the import wrote, one it will write, and one of its own.
        other ??= tabB.write([storedRow({ id: 'i0000', status: 'resolved' }), storedRow({ id: 'i4999', status: 'closed' }), storedRow({ id: 'other', status: 'pending_parts' })]);
      });
      const { seq } = await other!;
      // Both tabs' changes are in one log, and tab B's write came between the import's chunks.
      expect(seqs.some((s) => s < seq) && seqs.some((s) => s > seq)).to.equal(true);
      const raw = new Dexie(name);
      await raw.open();
      try {
        const tally: Record<string, number> = {};
        for (const row of await raw.table<StoredTicket>('tickets').toArray()) tally[row.status] = (tally[row.status] ?? 0) + 1;
        expect(Object.values(tally).reduce((a, b) => a + b, 0)).to.equal(5_001);
        expect(await tabA.countByStatus()).to.deep.equal(tally);
        expect(await tabB.countByStatus()).to.deep.equal(tally);
      } finally {
        raw.close();
      }
    });

    it('keeps the change log as one row per write (per import chunk)', async () => {
      const name = freshName();
      const s = await adapter(name);
      await s.write([storedRow({ id: 'a' }), storedRow({ id: 'b' })]);
      await s.write([storedRow({ id: 'a', status: 'closed' })]);
      await s.importTickets(Array.from({ length: 4_500 }, (_, i) => storedRow({ id: `i${i}`, status: i % 3 ? 'new' : 'resolved' })));
      const raw = new Dexie(name);
      await raw.open();
      try {
        const log = await raw.table<{ seq: number; ids: string[] }>('changes').toArray();
        expect(log.map((row) => [row.seq, row.ids.length])).to.deep.equal([
          [2, 2],
          [3, 1],
          [2_003, 2_000],
          [4_003, 2_000],
          [4_503, 500],
        ]);
        expect(log[1]!.ids).to.deep.equal(['a']);
        // The import began on a store holding tickets, so its counts were recounted at its end.
        expect(await raw.table('counters').get('\u0000statusCounts')).to.deep.equal({ name: '\u0000statusCounts', counts: { closed: 1, new: 3_001, resolved: 1_500 }, stale: false });
      } finally {
        raw.close();
      }
    });

    it('rejects with StorageError UNAVAILABLE where there is no IndexedDB', async () => {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
      Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true, writable: true });
      let error: unknown;
      try {
        await dexieStorage({ name: freshName() });
      } catch (e) {
        error = e;
      } finally {
        if (descriptor) Object.defineProperty(globalThis, 'indexedDB', descriptor);
        else delete (globalThis as { indexedDB?: unknown }).indexedDB;
      }
      expect(error).to.be.instanceOf(StorageError);
      expect((error as StorageError).code).to.equal('UNAVAILABLE');
    });

    it('reports an IndexedDB that refuses to open (private mode, sandboxed frame) as UNAVAILABLE', async () => {
      const refusing = {
        open() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
        deleteDatabase() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
        cmp: indexedDB.cmp.bind(indexedDB),
        databases: async () => [],
      } as unknown as IDBFactory;
      let error: unknown;
      try {
        await dexieStorage({ name: freshName(), indexedDB: refusing, IDBKeyRange });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(StorageError);
      expect((error as StorageError).code).to.equal('UNAVAILABLE');
    });

    it('turns a failure after opening into StorageError, ConflictError passing through', async () => {
      const s = await dexieStorage({ name: freshName() });
      await s.write([storedRow({ id: 'a' })]);
      let conflict: unknown;
      await s.write([storedRow({ id: 'b', number: 'AC-a' })]).catch((e: unknown) => (conflict = e));
      expect((conflict as { code?: string }).code).to.equal('CONFLICT');
      await s.close();
      let error: unknown;
      await s.get('a').catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(StorageError);
      expect((error as StorageError).code).to.equal('BLOCKED');
    });
  });
});
