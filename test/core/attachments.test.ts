// Attachments end to end in Node: the policy, the local engine over memory storage, the REST
// contract through httpTransport (fetch and XMLHttpRequest paths) against the mock backend, and
// the client's outbox keeping a ticket's files until the ticket is created exactly once.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import {
  AftercareError,
  attachmentIssues,
  attachmentPolicy,
  AuthError,
  cleanAttachmentName,
  ConflictError,
  createClient,
  createLocalService,
  customerView,
  DEFAULT_ATTACHMENT_POLICY,
  httpTransport,
  isAttachmentTypeAllowed,
  memoryOutboxStore,
  memoryStorage,
  safeAttachmentUrl,
  TransportError,
  ValidationError,
  type AftercareClient,
  type ClientOptions,
  type UploadProgress,
} from '../../src/index.js';
import { buildTicketInput, createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';

const photo = (bytes = 1000, name = '故障照片.jpg', type = 'image/jpeg') => new File([new Uint8Array(bytes).fill(7)], name, { type });
const AGENT = { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' } as const;

/** Runs `promise`, expecting it to fail with an instance of `type`; returns the error. */
async function failure<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${type.name}, but it succeeded`);
}

describe('attachment policy', () => {
  it('accepts photos, videos and PDFs by default and refuses SVG, HTML and unknown types', () => {
    const types = DEFAULT_ATTACHMENT_POLICY.types;
    for (const ok of ['image/jpeg', 'image/png', 'video/mp4', 'video/quicktime', 'application/pdf']) assert.ok(isAttachmentTypeAllowed(ok, types), ok);
    for (const bad of ['image/svg+xml', 'text/html', 'application/javascript', '', 'image', 'image/png; x=1']) assert.ok(!isAttachmentTypeAllowed(bad, types), bad);
    assert.ok(isAttachmentTypeAllowed('image/svg+xml', ['image/*']), 'a family admits its members');
    assert.ok(!isAttachmentTypeAllowed('video/mp4', ['image/*']));
  });

  it('names what is wrong with a file: size, emptiness, type', () => {
    const policy = attachmentPolicy({ maxBytes: 100 });
    assert.deepEqual(attachmentIssues({ name: 'a.jpg', type: 'image/jpeg', size: 100 }, policy), []);
    assert.deepEqual(attachmentIssues({ name: 'a.jpg', type: 'image/jpeg', size: 101 }, policy).map((i) => [i.path, i.code]), [['size', 'too_large']]);
    assert.deepEqual(attachmentIssues({ name: 'a.svg', type: 'image/svg+xml', size: 0 }, policy).map((i) => [i.path, i.code]), [['type', 'type_not_allowed'], ['size', 'too_short']]);
    assert.deepEqual(attachmentIssues({ name: 'a\nb.jpg', type: 'image/jpeg', size: 1 }, policy).map((i) => i.code), ['control_characters']);
    assert.equal(attachmentPolicy({ maxFiles: 99 }).maxFiles, 20, 'never more than a ticket holds');
  });

  it('cleans file names into one line of at most 255 characters, keeping the extension', () => {
    assert.equal(cleanAttachmentName('  IMG\n0001\t.jpg '), 'IMG 0001 .jpg');
    assert.equal(cleanAttachmentName(''), 'file');
    const long = cleanAttachmentName(`${'长'.repeat(300)}.jpeg`);
    assert.equal([...long].length, 255);
    assert.ok(long.endsWith('.jpeg'));
    assert.equal(cleanAttachmentName('x\ud800y.png'), 'x\ufffdy.png');
    assert.equal(cleanAttachmentName('😀.png'), '😀.png');
  });

  it('lets only https, http and blob URLs through', () => {
    assert.equal(safeAttachmentUrl('https://files.example.com/a.jpg'), 'https://files.example.com/a.jpg');
    assert.equal(safeAttachmentUrl('blob:https://desk.example.com/1f0c'), 'blob:https://desk.example.com/1f0c');
    assert.equal(safeAttachmentUrl('/attachments/1', 'https://desk.example.com/api'), 'https://desk.example.com/attachments/1');
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '', 'not a url', undefined, 42]) {
      assert.equal(safeAttachmentUrl(bad), undefined, String(bad));
    }
  });
});

describe('local engine: uploads', () => {
  it('stores the bytes, finds them by id, and repeats of an upload key store nothing new', async () => {
    const service = createLocalService(memoryStorage());
    const file = photo(2048);
    const seen: Array<[number, number]> = [];
    const meta = await service.uploadAttachment(file, { idempotencyKey: 'up-1', onProgress: (l, t) => seen.push([l, t]) });
    assert.deepEqual({ name: meta.name, type: meta.type, size: meta.size }, { name: '故障照片.jpg', type: 'image/jpeg', size: 2048 });
    assert.equal(meta.url, undefined, 'local mode serves no URL');
    assert.deepEqual(seen, [[0, 2048], [2048, 2048]]);
    const stored = await service.getAttachment(meta.id);
    assert.deepEqual(new Uint8Array(await stored.data.arrayBuffer()), new Uint8Array(await file.arrayBuffer()));
    const again = await service.uploadAttachment(photo(2048), { idempotencyKey: 'up-1' });
    assert.equal(again.id, meta.id);
    await failure(service.uploadAttachment(photo(10, 'other.png', 'image/png'), { idempotencyKey: 'up-1' }), ConflictError);
    await failure(service.getAttachment('nope'), AftercareError);
  });

  it('enforces its policy on every upload', async () => {
    const service = createLocalService(memoryStorage(), { attachments: { maxBytes: 1000 } });
    const tooBig = await failure(service.uploadAttachment(photo(1001)), ValidationError);
    assert.deepEqual(tooBig.issues.map((i) => [i.path, i.code]), [['size', 'too_large']]);
    const svg = await failure(service.uploadAttachment(new File(['<svg onload="alert(1)"/>'], 'x.svg', { type: 'image/svg+xml' })), ValidationError);
    assert.deepEqual(svg.issues.map((i) => i.code), ['type_not_allowed']);
    await failure(service.uploadAttachment('not a file' as never), ValidationError);
    const aborted = new AbortController();
    aborted.abort();
    assert.equal((await failure(service.uploadAttachment(photo(), { signal: aborted.signal }), AftercareError)).code, 'ABORTED');
  });

  it('a ticket, reply or note naming an upload gets the stored metadata, not what the writer claimed', async () => {
    const service = createLocalService(memoryStorage());
    const meta = await service.uploadAttachment(photo(1234));
    const { ticket, accessToken } = await service.create(buildTicketInput({ attachments: [{ id: meta.id, name: 'lie.exe', type: 'application/x-msdownload', size: 1 }] }));
    assert.deepEqual(ticket.attachments, [meta]);
    const note = await service.uploadAttachment(photo(10, '内部照片.png', 'image/png'));
    const reply = await service.uploadAttachment(photo(20, '回复.png', 'image/png'));
    await service.note(ticket.id, { body: '内部', attachments: [{ id: note.id, name: 'x', type: 'image/png', size: 1 }] }, { actor: AGENT });
    const after = await service.reply(ticket.id, { body: '请看照片', attachments: [{ id: reply.id, name: 'x', type: 'image/png', size: 1 }] }, { accessToken });
    // Public attachments only: the ticket's and the reply's, never the note's.
    assert.deepEqual(after.attachments.map((a) => a.name), ['故障照片.jpg', '回复.png']);
    assert.ok(!JSON.stringify(customerView((await service.get(ticket.id)) as never)).includes('内部照片'));
  });
});

describe('REST contract: POST /attachments and GET /attachments/{id}', () => {
  const backend = createMockBackend({ engine: { attachments: { maxBytes: 64 * 1024 } } });
  const server = setupServer(...backend.handlers);
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => backend.reset());
  after(() => server.close());
  const anonymous = httpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 2000 });

  it('uploads anonymously with start and end progress over fetch, and serves the bytes at the URL it returns, safely', async () => {
    const file = photo(5000, '报修 #1 <b>.jpg');
    const seen: Array<[number, number]> = [];
    const meta = await anonymous.uploadAttachment(file, { idempotencyKey: 'u-1', onProgress: (l, t) => seen.push([l, t]) });
    assert.equal(meta.name, '报修 #1 <b>.jpg');
    assert.equal(meta.size, 5000);
    assert.deepEqual(seen, [[0, 5000], [5000, 5000]]);
    assert.equal(meta.url, `${MOCK_BASE_URL}/attachments/${meta.id}`);
    const response = await fetch(meta.url!);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.match(response.headers.get('content-disposition') ?? '', /^inline; filename\*=UTF-8''/);
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), new Uint8Array(await file.arrayBuffer()));
    const repeat = await anonymous.uploadAttachment(photo(5000, '报修 #1 <b>.jpg'), { idempotencyKey: 'u-1' });
    assert.equal(repeat.id, meta.id, 'a retried upload is the same file');
  });

  it('refuses what the server does not take: 413 too large, 415 type, as ValidationError; a bad token is 401', async () => {
    const big = await failure(anonymous.uploadAttachment(photo(64 * 1024 + 1)), ValidationError);
    assert.deepEqual(big.issues.map((i) => i.code), ['too_large']);
    assert.equal(backend.requests.at(-1)!.status, 413);
    const html = await failure(anonymous.uploadAttachment(new File(['<script>alert(1)</script>'], 'x.html', { type: 'text/html' })), ValidationError);
    assert.deepEqual(html.issues.map((i) => i.code), ['type_not_allowed']);
    assert.equal(backend.requests.at(-1)!.status, 415);
    await failure(httpTransport({ baseUrl: MOCK_BASE_URL, getToken: () => 'stolen' }).uploadAttachment(photo()), AuthError);
    await failure(anonymous.uploadAttachment(photo(), { name: ' ' }), ValidationError);
    assert.equal((await fetch(`${MOCK_BASE_URL}/attachments/unknown`)).status, 404);
  });

  it('reports network failures, server errors and aborts as typed errors', async () => {
    backend.faults.offline({ path: '/attachments' });
    assert.equal((await failure(anonymous.uploadAttachment(photo()), TransportError)).code, 'NETWORK');
    backend.faults.online();
    backend.faults.status(503, { path: '/attachments', retryAfter: '2' });
    const server503 = await failure(anonymous.uploadAttachment(photo()), TransportError);
    assert.equal(server503.code, 'SERVER');
    assert.equal(server503.retryAfterMs, 2000);
    backend.faults.delay(10_000, { path: '/attachments' });
    const controller = new AbortController();
    const pending = anonymous.uploadAttachment(photo(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    assert.equal((await failure(pending, AftercareError)).code, 'ABORTED');
  });

  describe('through XMLHttpRequest', () => {
    /** An XMLHttpRequest over the page's fetch that reports upload progress in four steps (Node has none). */
    class SteppedXhr {
      static stall = false;
      upload = new EventTarget();
      private events = new EventTarget();
      private method = '';
      private url = '';
      private headers: Record<string, string> = {};
      private controller = new AbortController();
      status = 0;
      responseText = '';
      private responseHeaders = new Headers();
      open(method: string, url: string) {
        this.method = method;
        this.url = url;
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name] = value;
      }
      getResponseHeader(name: string) {
        return this.responseHeaders.get(name);
      }
      addEventListener(type: string, listener: () => void) {
        this.events.addEventListener(type, listener);
      }
      abort() {
        this.controller.abort();
      }
      send(body: Blob) {
        void (async () => {
          for (let step = 1; step <= 4; step++) {
            await new Promise((r) => setTimeout(r, 5));
            const e = Object.assign(new Event('progress'), { loaded: Math.round((body.size * step) / 4), total: body.size });
            this.upload.dispatchEvent(e);
          }
          if (SteppedXhr.stall) return;
          try {
            const response = await fetch(this.url, { method: this.method, headers: this.headers, body, signal: this.controller.signal });
            this.status = response.status;
            this.responseHeaders = response.headers;
            this.responseText = await response.text();
            this.events.dispatchEvent(new Event('load'));
          } catch {
            this.events.dispatchEvent(new Event(this.controller.signal.aborted ? 'abort' : 'error'));
          }
        })();
      }
    }
    before(() => Object.assign(globalThis, { XMLHttpRequest: SteppedXhr }));
    after(() => Reflect.deleteProperty(globalThis, 'XMLHttpRequest'));

    it('reports progress as the bytes go and sends the same headers', async () => {
      const transport = httpTransport({ baseUrl: MOCK_BASE_URL, getToken: () => 'agent-token', timeoutMs: 2000 });
      const seen: number[] = [];
      const meta = await transport.uploadAttachment(photo(4000), { idempotencyKey: 'x-1', onProgress: (loaded) => seen.push(loaded) });
      assert.deepEqual(seen, [0, 1000, 2000, 3000, 4000, 4000]);
      assert.equal(meta.size, 4000);
      assert.equal(backend.requests.at(-1)!.idempotencyKey, 'x-1');
    });

    it('gives up when the bytes stop moving for the timeout, however long the upload has run', async () => {
      SteppedXhr.stall = true;
      try {
        const transport = httpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 100 });
        assert.equal((await failure(transport.uploadAttachment(photo()), TransportError)).code, 'TIMEOUT');
      } finally {
        SteppedXhr.stall = false;
      }
    });

    it('is not used when the page passes its own fetch', async () => {
      const seen: number[] = [];
      await httpTransport({ baseUrl: MOCK_BASE_URL, fetch: (u, i) => fetch(u, i) }).uploadAttachment(photo(4000), { onProgress: (l) => seen.push(l) });
      assert.deepEqual(seen, [0, 4000]);
    });
  });
});

describe('client: files go with the write, through the outbox', () => {
  const backend = createMockBackend();
  const server = setupServer(...backend.handlers);
  const clients: AftercareClient[] = [];
  const customer = (options: Partial<ClientOptions> = {}) => {
    const c = createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: 500 }), outbox: memoryOutboxStore(), live: false, retry: { baseDelayMs: 10, maxDelayMs: 20 }, ...options });
    clients.push(c);
    return c;
  };
  const uploads = () => backend.requests.filter((r) => r.method === 'POST' && r.path === '/attachments');
  const creates = () => backend.requests.filter((r) => r.method === 'POST' && r.path === '/tickets');
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    backend.reset();
  });
  after(() => server.close());

  it('uploads the files with progress, then creates the ticket with them', async () => {
    const client = customer();
    const progress: UploadProgress[] = [];
    const r = await client.tickets.create(buildTicketInput(), { files: [photo(300, 'a.jpg'), photo(500, 'b.mp4', 'video/mp4')], onProgress: (p) => progress.push(p) });
    assert.equal(r.status, 'created');
    assert.deepEqual(r.ticket.attachments.map((a) => [a.name, a.size]), [['a.jpg', 300], ['b.mp4', 500]]);
    assert.ok(r.ticket.attachments.every((a) => a.url?.startsWith(`${MOCK_BASE_URL}/attachments/`)));
    assert.deepEqual(progress.at(-1), { index: 1, loaded: 500, total: 500 });
    assert.ok(progress.some((p) => p.index === 0 && p.loaded === 300));
    assert.equal(await client.attachments.url(r.ticket.attachments[0]!), r.ticket.attachments[0]!.url);
  });

  it('refuses bad files before anything is stored or sent', async () => {
    const client = customer({ attachments: { maxBytes: 1000, maxFiles: 2 } });
    const e = await failure(client.tickets.create(buildTicketInput(), { files: [photo(1001), new File(['x'], 'x.svg', { type: 'image/svg+xml' }), photo(1)] }), ValidationError);
    assert.deepEqual(e.issues.map((i) => [i.path, i.code]), [['files', 'too_many'], ['files.0.size', 'too_large'], ['files.1.type', 'type_not_allowed']]);
    assert.deepEqual(await client.outbox.entries(), []);
    assert.equal(backend.requests.length, 0);
    assert.deepEqual(client.attachments.check(photo(2000)).map((i) => i.code), ['too_large']);
    await failure(client.attachments.upload(photo(2000)), ValidationError);
    // A reply the server would refuse (no text) uploads nothing.
    await failure(client.tickets.reply('t-1', { body: ' ' }, { files: [photo(10)] }), ValidationError);
    assert.equal(uploads().length, 0);
  });

  it('offline: the ticket is queued with its file bytes, survives a reload, and is created once with its files', async () => {
    const outbox = memoryOutboxStore();
    const page1 = customer({ outbox });
    backend.faults.offline();
    const r = await page1.tickets.create(buildTicketInput({ subject: '离线带图报修' }), { files: [photo(700, '离线.jpg')] });
    assert.equal(r.status, 'queued');
    assert.deepEqual(r.ticket.attachments.map((a) => a.name), ['离线.jpg'], 'the provisional ticket shows the file');
    const [entry] = await outbox.all();
    assert.equal(entry!.files!.length, 1);
    assert.equal(entry!.files![0]!.data.size, 700);
    await page1.close();
    backend.faults.online();
    // The next page: the same outbox; the server fails once after the upload, the retry must not upload again.
    backend.faults.status(503, { path: '/tickets', method: 'POST' });
    const page2 = customer({ outbox });
    const sent = new Promise<string[]>((resolve) => page2.subscribe((e) => e.type === 'ticket-sent' && resolve(e.ticket.attachments.map((a) => a.name))));
    assert.deepEqual(await sent, ['离线.jpg']);
    assert.equal(await backend.ticketCount(), 1);
    // Page 1's tries got no answer (offline); page 2 uploaded once although it sent the ticket twice.
    const answered = (list: typeof backend.requests) => list.filter((q) => q.status !== 0).map((q) => q.status);
    assert.deepEqual(answered(uploads()), [201]);
    assert.deepEqual(answered(creates()), [503, 201]);
    const [ticket] = (await backend.service.list()).tickets;
    const stored = await backend.service.getAttachment(ticket!.attachments[0]!.id);
    assert.equal(stored.data.size, 700);
  });

  it('a page reloaded after its upload went through uploads again under the same key: still one file on the server', async () => {
    const outbox = memoryOutboxStore();
    const page1 = customer({ outbox });
    backend.faults.offline({ path: '/tickets' });
    const r = await page1.tickets.create(buildTicketInput(), { files: [photo(100)] });
    assert.equal(r.status, 'queued');
    assert.equal(uploads().filter((u) => u.status === 201).length, 1);
    await page1.close();
    backend.faults.online();
    const page2 = customer({ outbox });
    const sent = new Promise<string>((resolve) => page2.subscribe((e) => e.type === 'ticket-sent' && resolve(e.ticket.attachments[0]!.id)));
    const id = await sent;
    const keys = uploads().map((u) => u.idempotencyKey);
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
    assert.equal((await backend.service.getAttachment(id)).meta.size, 100);
  });

  it('a customer reply carries files; its attachments appear on the ticket', async () => {
    const { ticket, accessToken } = await backend.service.create(buildTicketInput());
    const client = customer();
    const after = await client.tickets.reply(ticket.id, { body: '补充照片' }, { accessToken, files: [photo(64, '补充.png', 'image/png')] });
    assert.deepEqual(after.attachments.map((a) => a.name), ['补充.png']);
    const event = after.events.at(-1)!;
    assert.equal(event.type, 'reply');
    assert.deepEqual(event.type === 'reply' && event.data.attachments.map((a) => a.name), ['补充.png']);
  });

  it('local mode keeps the bytes in its store and shows them through object URLs', async () => {
    const client = createClient({ storage: memoryStorage(), actor: AGENT });
    clients.push(client);
    const r = await client.tickets.create(buildTicketInput(), { files: [photo(321, 'local.jpg')] });
    assert.equal(r.status, 'created');
    const [meta] = r.ticket.attachments;
    assert.equal(meta!.url, undefined);
    const url = await client.attachments.url(meta!);
    assert.match(url!, /^blob:/);
    assert.equal(await client.attachments.url(meta!), url, 'one object URL per file');
    assert.equal(await client.attachments.url({ id: meta!.id, url: 'javascript:alert(1)' }), url, 'an unsafe URL is never handed out');
    const noted = await client.tickets.note(r.ticket.id, { body: '现场照片' }, { files: [photo(10, 'note.png', 'image/png')] });
    const note = noted.events.at(-1)!;
    assert.deepEqual(note.type === 'note' && note.data.attachments.map((a) => a.name), ['note.png']);
    const uploaded = await client.attachments.upload(photo(5, 'direct.webp', 'image/webp'));
    assert.equal(uploaded.name, 'direct.webp');
    assert.equal(await client.attachments.url({ id: 'missing' }), undefined);
  });
});
