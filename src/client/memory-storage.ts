import { ConflictError } from '../errors.js';
import { compareRows, normalizeQuery, rowMatches } from './query.js';
import type { StorageAdapter, StorageChange, StoredAttachment, StoredTicket } from './types.js';

/**
 * Storage in memory, for Node, tests, server-side rendering and the mock backend. Rows are
 * copied in and out through structured cloning, as IndexedDB does, so nobody can change a
 * stored ticket by holding on to an object.
 */
export function memoryStorage(): StorageAdapter {
  const rows = new Map<string, StoredTicket>();
  const byNumber = new Map<string, string>();
  const keys = new Map<string, { key: string; ticketId: string; result: string }>();
  const access = new Map<string, string>();
  const counters = new Map<string, number>();
  const attachments = new Map<string, StoredAttachment>();
  const attachmentKeys = new Map<string, string>();
  /** Change log: ticket id per sequence number (1-based). */
  const log: string[] = [];
  const listeners = new Set<(change: StorageChange) => void>();
  let closed = false;

  // Tickets are JSON: a JSON copy is a full copy, and exists in every runtime.
  const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  // Blobs are immutable: the bytes are shared, the metadata copied.
  const copyAttachment = (row: StoredAttachment): StoredAttachment => ({ ...row, meta: { ...row.meta } });
  const emit = (change: StorageChange) => {
    for (const l of [...listeners]) l(change);
  };

  return {
    kind: 'memory',
    async get(id) {
      const row = rows.get(id);
      return row && copy(row);
    },
    async getMany(ids) {
      return ids.map((id) => {
        const row = rows.get(id);
        return row && copy(row);
      });
    },
    async getByNumber(number) {
      const id = byNumber.get(number);
      return id === undefined ? undefined : copy(rows.get(id));
    },
    async write(list, extra = {}) {
      // All checks first: the write happens wholly or not at all.
      for (const row of list) {
        const expected = extra.expectedRevision?.[row.id];
        const current = rows.get(row.id);
        if (expected !== undefined && current && current.ticket.revision !== expected) throw new ConflictError(row.id);
        const owner = byNumber.get(row.number);
        if (owner !== undefined && owner !== row.id) throw new ConflictError(row.id, `Ticket number ${row.number} is taken`);
      }
      for (const row of list) {
        rows.set(row.id, copy(row));
        byNumber.set(row.number, row.id);
        log.push(row.id);
      }
      for (const k of extra.keys ?? []) keys.set(k.key, { ...k });
      for (const a of extra.access ?? []) access.set(a.token, a.ticketId);
      const change = { ids: list.map((r) => r.id), seq: log.length };
      if (list.length > 0) emit(change);
      return change;
    },
    async getKey(key) {
      const k = keys.get(key);
      return k && { ...k };
    },
    async getAccess(token) {
      return access.get(token);
    },
    async list(query) {
      const q = normalizeQuery(query);
      const matching = [...rows.values()].filter((r) => rowMatches(r, q)).sort(compareRows(q.sort));
      const page = matching.slice(q.offset, q.offset + q.limit);
      const end = q.offset + page.length;
      return { rows: page.map(copy), total: matching.length, ...(end < matching.length ? { next: String(end) } : {}) };
    },
    async countByStatus(query = {}) {
      const counts: Record<string, number> = {};
      for (const r of rows.values()) if (rowMatches(r, query)) counts[r.status] = (counts[r.status] ?? 0) + 1;
      return counts;
    },
    async changesSince(seq, limit) {
      const from = Math.max(0, Math.floor(seq));
      const seen = new Set<string>();
      let at = from;
      while (at < log.length && seen.size < limit) {
        seen.add(log[at]!);
        at += 1;
      }
      // A ticket changed again later in the window is reported once, at its latest state.
      return { ids: [...seen], seq: at, hasMore: at < log.length };
    },
    async putAttachment(row) {
      const taken = row.key === undefined ? undefined : attachmentKeys.get(row.key);
      if (taken !== undefined) return copyAttachment(attachments.get(taken)!);
      attachments.set(row.id, copyAttachment(row));
      if (row.key !== undefined) attachmentKeys.set(row.key, row.id);
      return copyAttachment(row);
    },
    async getAttachment(id) {
      const row = attachments.get(id);
      return row && copyAttachment(row);
    },
    async nextSequence(counter) {
      const n = (counters.get(counter) ?? 0) + 1;
      counters.set(counter, n);
      return n;
    },
    async importTickets(list, onProgress) {
      const chunk = 1000;
      for (let i = 0; i < list.length; i += chunk) {
        await this.write(list.slice(i, i + chunk));
        onProgress?.(Math.min(i + chunk, list.length), list.length);
      }
      if (list.length === 0) onProgress?.(0, 0);
    },
    watch(listener) {
      if (closed) return () => {};
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
    },
  };
}
