import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createOutbox, memoryOutboxStore, TransportError, ValidationError, AuthError, type OutboxEntry, type OutboxStore } from '../../src/index.js';

const entry = (key: string, at = 0): OutboxEntry => ({ key, op: 'create', ticketId: `p-${key}`, payload: { subject: key }, createdAt: at, attempts: 0, notBefore: 0, state: 'queued' });

describe('outbox', () => {
  it('sends each entry once, oldest first, and forgets it after the server confirms', async () => {
    const sent: string[] = [];
    const store = memoryOutboxStore();
    const outbox = createOutbox({ store, owner: 'tab-1', send: async (e) => void sent.push(e.key) });
    await outbox.add(entry('b', 2));
    await outbox.add(entry('a', 1));
    await Promise.all([outbox.flush(), outbox.flush()]);
    await outbox.flush();
    assert.deepEqual(sent, ['a', 'b']);
    assert.deepEqual(await outbox.entries(), []);
  });

  it('never lets two tabs send the same entry: the claim is exclusive while its lease lasts', async () => {
    const store = memoryOutboxStore();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const send = async () => {
      calls += 1;
      await gate;
    };
    const tab1 = createOutbox({ store, owner: 'tab-1', send, now: () => 1000, leaseMs: 60_000 });
    const tab2 = createOutbox({ store, owner: 'tab-2', send, now: () => 1000, leaseMs: 60_000 });
    await tab1.add(entry('k'));
    const f1 = tab1.flush();
    await new Promise((r) => setTimeout(r, 5));
    await tab2.flush();
    release();
    await f1;
    assert.equal(calls, 1);
    assert.deepEqual(await store.all(), []);
  });

  it('takes over an entry whose claim expired (a tab closed mid-send)', async () => {
    const store = memoryOutboxStore();
    await store.put(entry('k'));
    assert.ok(await store.claim('k', 'dead-tab', 0, 100));
    const sent: string[] = [];
    const live = createOutbox({ store, owner: 'tab-2', send: async (e) => void sent.push(e.key), now: () => 50 });
    assert.equal(await live.nextDue(), 100);
    await live.flush();
    assert.equal(sent.length, 0);
    const later = createOutbox({ store, owner: 'tab-2', send: async (e) => void sent.push(e.key), now: () => 101 });
    await later.flush();
    assert.deepEqual(sent, ['k']);
  });

  it('retries network failures, 5xx and 429 with exponential backoff and jitter, honouring Retry-After', async () => {
    let now = 0;
    const errors = [new TransportError('NETWORK', 'offline'), new TransportError('SERVER', '500', { status: 500 }), new TransportError('RATE_LIMITED', '429', { status: 429, retryAfterMs: 7_000 })];
    const store = memoryOutboxStore();
    const outbox = createOutbox({ store, owner: 't', now: () => now, random: () => 0.5, baseDelayMs: 1_000, send: async () => {
      const e = errors.shift();
      if (e) throw e;
    } });
    await outbox.add(entry('k'));
    await outbox.flush();
    let [e] = await store.all();
    assert.equal(e!.attempts, 1);
    assert.equal(e!.notBefore, 750); // 1 s: half fixed + half × 0.5
    assert.equal(e!.lastError?.code, 'NETWORK');
    now = 750;
    await outbox.flush();
    [e] = await store.all();
    assert.equal(e!.notBefore, 750 + 1_500); // 2 s
    now = 2_250;
    await outbox.flush();
    [e] = await store.all();
    assert.equal(e!.notBefore, 2_250 + 7_000); // the server said when
    now = 9_249;
    await outbox.flush();
    assert.equal((await store.all()).length, 1); // not before its time
    now = 9_250;
    await outbox.flush();
    assert.equal((await store.all()).length, 0);
  });

  it('keeps an entry the server refused as failed, without retrying it forever; retry and discard work', async () => {
    const store = memoryOutboxStore();
    let refuse = true;
    const failed: string[] = [];
    const outbox = createOutbox({
      store,
      owner: 't',
      send: async () => {
        if (refuse) throw new ValidationError([{ path: 'subject', code: 'required', message: 'is required' }]);
      },
      onFailed: (e) => failed.push(e.key),
    });
    await outbox.add(entry('k'));
    await outbox.flush();
    await outbox.flush();
    assert.deepEqual(failed, ['k']);
    assert.equal((await store.all())[0]!.state, 'failed');
    refuse = false;
    await outbox.retry('k');
    await outbox.flush();
    assert.equal((await store.all()).length, 0);
    await outbox.add(entry('x'));
    await outbox.discard('x');
    assert.equal((await store.all()).length, 0);
  });

  it('keeps entries queued through an auth error: credentials can come back', async () => {
    const store = memoryOutboxStore();
    const outbox = createOutbox({ store, owner: 't', send: async () => { throw new AuthError(401, 'expired'); } });
    await outbox.add(entry('k'));
    await outbox.flush();
    assert.equal((await store.all())[0]!.state, 'queued');
  });

  it('holds an entry in memory, and says so, when storage refuses it (quota exceeded)', async () => {
    const full: OutboxStore = {
      ...memoryOutboxStore(),
      durable: true,
      async put() {
        throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
      },
    };
    const sent: string[] = [];
    const outbox = createOutbox({ store: full, owner: 't', send: async (e) => void sent.push(e.key) });
    const r = await outbox.add(entry('k'));
    assert.equal(r.durable, false);
    assert.equal(r.storageError?.code, 'QUOTA_EXCEEDED');
    assert.deepEqual((await outbox.entries()).map((e) => e.key), ['k']);
    await outbox.flush();
    assert.deepEqual(sent, ['k']);
    assert.deepEqual(await outbox.entries(), []);
  });
});
