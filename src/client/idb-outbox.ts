import { openDB } from 'idb';
import { toStorageError } from '../errors.js';
import { claimable } from './outbox.js';
import type { OutboxEntry, OutboxStore } from './types.js';

/**
 * The outbox in IndexedDB through `idb` (about 1 kB, where Dexie is about 30): customer
 * pages carry only this. A claim is one readwrite transaction, which IndexedDB runs one at a
 * time per store across every tab, so two tabs cannot both claim an entry.
 */
export async function idbOutboxStore(name = 'aftercare-outbox'): Promise<OutboxStore> {
  let db: Awaited<ReturnType<typeof openDB>>;
  try {
    db = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('entries', { keyPath: 'key' });
      },
      blocking() {
        // A newer version wants to open in another tab: let it.
        db.close();
      },
    });
  } catch (error) {
    throw toStorageError(error, 'opening the outbox');
  }
  const guard = async <T>(doing: string, task: () => Promise<T>): Promise<T> => {
    try {
      return await task();
    } catch (error) {
      throw toStorageError(error, doing);
    }
  };
  return {
    durable: true,
    all: () => guard('reading the outbox', () => db.getAll('entries') as Promise<OutboxEntry[]>),
    put: (entry) => guard('queueing a submission', async () => void (await db.put('entries', entry))),
    delete: (key) => guard('clearing a sent submission', () => db.delete('entries', key)),
    claim: (key, owner, now, until) =>
      guard('claiming a submission', async () => {
        const tx = db.transaction('entries', 'readwrite');
        const e = (await tx.store.get(key)) as OutboxEntry | undefined;
        let claimed: OutboxEntry | undefined;
        if (claimable(e, now)) {
          claimed = { ...e, claimedBy: owner, claimedUntil: until };
          await tx.store.put(claimed);
        }
        await tx.done;
        return claimed;
      }),
    settle: (key, owner, next) =>
      guard('settling a submission', async () => {
        const tx = db.transaction('entries', 'readwrite');
        const e = (await tx.store.get(key)) as OutboxEntry | undefined;
        const mine = e?.claimedBy === owner;
        if (mine) await (next ? tx.store.put(next) : tx.store.delete(key));
        await tx.done;
        return mine;
      }),
    async close() {
      db.close();
    },
  };
}
