import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthError, createOutbox, memoryOutboxStore, TransportError, ValidationError, type OutboxEntry, type OutboxStore } from '../../src/index.js';

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

describe('outbox: claims and leases', () => {
  it('a send that outlived its lease cannot write its entry back after another tab sent it', async () => {
    const store = memoryOutboxStore();
    let t = 0;
    let releaseA!: () => void;
    const tabA = createOutbox({
      store,
      owner: 'A',
      now: () => t,
      leaseMs: 100,
      send: () => new Promise((_, reject) => (releaseA = () => reject(new TransportError('TIMEOUT', 'slow')))),
    });
    const tabB = createOutbox({ store, owner: 'B', now: () => t, leaseMs: 100, send: async () => 'ok' });
    await tabA.add(entry('k'));
    const a = tabA.flush();
    await new Promise((r) => setTimeout(r, 5));
    t = 150; // A's lease is over
    await tabB.flush();
    assert.deepEqual(await store.all(), []); // B sent it
    releaseA();
    await a;
    assert.deepEqual(await store.all(), []); // A's late failure did not resurrect it
  });

  it('a long send (a big upload) renews its claim, so another tab does not take the entry over', async () => {
    const store = memoryOutboxStore();
    let t = 0;
    let releaseA!: () => void;
    const tabA = createOutbox({ store, owner: 'A', now: () => t, leaseMs: 60, send: () => new Promise<void>((resolve) => (releaseA = resolve)) });
    let sentByB = 0;
    const tabB = createOutbox({ store, owner: 'B', now: () => t, leaseMs: 60, send: async () => void (sentByB += 1) });
    await tabA.add(entry('k'));
    const a = tabA.flush();
    await new Promise((r) => setTimeout(r, 1)); // A claims it at 0, until 60.
    t = 50; // The renewal (every 20 ms) moves it to 110.
    await new Promise((r) => setTimeout(r, 35));
    t = 100; // The first lease is over; the renewed one is not.
    await tabB.flush();
    assert.equal(sentByB, 0);
    releaseA();
    await a;
    assert.deepEqual(await store.all(), []);
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(await store.all(), [], 'no renewal after the send writes the entry back');
  });

  it('does not claim an entry before its retry time, whoever asks', async () => {
    const store = memoryOutboxStore();
    await store.put({ ...entry('k'), notBefore: 1000 });
    assert.equal(await store.claim('k', 'x', 999, 2000), undefined);
    assert.ok(await store.claim('k', 'x', 1000, 2000));
  });

  it('never replaces a queued entry with a second one under the same key', async () => {
    const store = memoryOutboxStore();
    const outbox = createOutbox({ store, owner: 't', send: async () => { throw new TransportError('NETWORK', 'offline'); } });
    await outbox.add(entry('k'));
    await outbox.flush();
    const [before] = await store.all();
    const r = await outbox.add({ ...entry('k'), payload: { subject: 'edited' } });
    assert.equal(r.existing?.key, 'k');
    const [after] = await store.all();
    assert.deepEqual(after, before);
  });

  it('counts a send as done when only forgetting it failed, and does not send it again', async () => {
    const base = memoryOutboxStore();
    let sends = 0;
    const flaky: OutboxStore = { ...base, durable: true, settle: async () => { throw Object.assign(new Error('closed'), { name: 'InvalidStateError' }); } };
    const storageErrors: string[] = [];
    const outbox = createOutbox({ store: flaky, owner: 't', send: async () => void (sends += 1), onStorageError: (e) => storageErrors.push(e.code) });
    await outbox.add(entry('k'));
    const r = await outbox.sendNow('k');
    assert.equal(r.sent, true);
    await outbox.flush();
    assert.equal(sends, 1);
    assert.deepEqual(storageErrors, ['UNAVAILABLE']);
  });

  it('sends one ticket’s writes in order: after one fails, the later ones wait', async () => {
    const store = memoryOutboxStore();
    const sent: string[] = [];
    let fail = true;
    const outbox = createOutbox({ store, owner: 't', random: () => 0, baseDelayMs: 1, send: async (e) => {
      if (e.key === 'r1' && fail) {
        fail = false;
        throw new TransportError('SERVER', '500', { status: 500 });
      }
      sent.push(e.key);
    } });
    await outbox.add({ ...entry('r1', 1), op: 'reply', ticketId: 'T' });
    await outbox.add({ ...entry('r2', 2), op: 'reply', ticketId: 'T' });
    await outbox.flush();
    assert.deepEqual(sent, []);
    await new Promise((r) => setTimeout(r, 5));
    await outbox.flush();
    assert.deepEqual(sent, ['r1', 'r2']);
  });
});
