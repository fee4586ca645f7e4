/// <reference types="mocha" />
// Attachments as a customer meets them, in Chromium: the form's file field (choose, preview,
// refuse, remove, upload with progress through XMLHttpRequest), a ticket submitted offline
// with a photo that survives a reload in the IndexedDB outbox and reaches the server once with
// its bytes, and the tracker's reply box and attachment links.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/ticket-form/ticket-form.js';
import '../../components/ticket-tracker/ticket-tracker.js';
import type { AcTicketForm } from '../../components/ticket-form/ticket-form.js';
import type { AcTicketTracker } from '../../components/ticket-tracker/ticket-tracker.js';
import { createClient, httpTransport, memoryOutboxStore, memoryStorage, type AftercareClient, type AttachmentMeta, type ClientOptions } from '../../src/index.js';
import { buildTicketInput, createMockBackend, MOCK_BASE_URL, type MockBackend } from '../../src/testing/index.js';
import { mockFetch } from '../browser/mock-fetch.js';
import { interceptXhr } from '../browser/mock-xhr.js';

type El = AcTicketForm | AcTicketTracker;
const root = (el: El) => el.shadowRoot!;
const text = (el: El) => root(el).textContent!.replace(/\s+/g, ' ');

/** A small PNG (a red pixel), as a phone would hand it over. */
async function png(name = '漏水照片.png'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 4;
  canvas.getContext('2d')!.fillRect(0, 0, 4, 4);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}
const file = (name: string, type: string, bytes: number) => new File([new Uint8Array(bytes).fill(1)], name, { type });

/** The file input a visible label names, as a person finds it. */
function fileInput(el: El, label: string): HTMLInputElement {
  const found = [...root(el).querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith(label));
  if (!found) throw new Error(`no field labelled "${label}"`);
  const input = root(el).getElementById(found.htmlFor) as HTMLInputElement;
  expect(input.type).to.equal('file');
  return input;
}

/** Chooses files in a file input, as the browser's picker does. */
async function choose(el: El, input: HTMLInputElement, files: File[]) {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function type(el: El, id: string, value: string) {
  const input = root(el).getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

async function fill(el: AcTicketForm) {
  await type(el, 'f-subject', '洗衣机漏水');
  await type(el, 'f-name', '张伟');
  await type(el, 'f-phone', '13800138000');
}

// Test pages run side by side and share localStorage: each form keeps its draft under its own key, and only those are removed.
let drafts = 0;
const draftKey = () => `att-${drafts++}`;
const forgetDrafts = () => {
  for (const key of Object.keys(localStorage)) if (key.startsWith('aftercare:draft:att-')) localStorage.removeItem(key);
};

const submit = (el: AcTicketForm) => root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
const errorsOf = (el: El, id: string) => root(el).getElementById(`${id}-error`)!;

describe('<ac-ticket-form> attachments', () => {
  let backend: MockBackend;
  let client: AftercareClient;
  let stopXhr: () => void;
  const remote = (options: Partial<ClientOptions> = {}) =>
    createClient({
      transport: httpTransport({ baseUrl: MOCK_BASE_URL, fetch: mockFetch(backend.handlers), uploadWith: 'xhr', timeoutMs: 2000 }),
      outbox: memoryOutboxStore(),
      live: false,
      attachments: { maxBytes: 100_000, maxFiles: 3 },
      ...options,
    });
  beforeEach(() => {
    forgetDrafts();
    backend = createMockBackend();
    stopXhr = interceptXhr(backend.handlers);
    client = remote();
  });
  afterEach(async () => {
    stopXhr();
    await client.close();
    forgetDrafts();
  });

  it('has a labelled file field with the limits, previews what is chosen and names each remove button after its file', async () => {
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${client} ignore-url draft-key=${draftKey()}></ac-ticket-form>`);
    const input = fileInput(el, '照片或视频');
    expect(input.multiple).to.equal(true);
    expect(input.accept).to.contain('image/jpeg').and.contain('video/mp4').and.not.contain('svg');
    const hint = root(el).getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(hint.textContent).to.contain('最多 3 个');
    await choose(el, input, [await png(), file('开机视频.mp4', 'video/mp4', 2000)]);
    const items = [...root(el).querySelectorAll('.files li')];
    expect(items.map((li) => li.querySelector('.file-name')!.textContent)).to.deep.equal(['漏水照片.png', '开机视频.mp4']);
    const thumb = items[0]!.querySelector('img')!;
    expect(thumb.src).to.match(/^blob:/);
    expect(thumb.alt).to.equal('', 'the name is beside it as text');
    await waitUntil(() => thumb.complete && thumb.naturalWidth === 4, 'the preview shows the photo');
    expect(items[1]!.querySelector('img')).to.equal(null);
    expect(items[1]!.querySelector('.file-icon')!.textContent).to.equal('MP4');
    await expect(el).to.be.accessible();
    const removeVideo = root(el).querySelector<HTMLButtonElement>('button[aria-label="移除 开机视频.mp4"]')!;
    removeVideo.focus();
    removeVideo.click();
    await el.updateComplete;
    await el.updateComplete;
    expect([...root(el).querySelectorAll('.file-name')].map((n) => n.textContent)).to.deep.equal(['漏水照片.png']);
    expect(el.shadowRoot!.activeElement).to.equal(input, 'focus goes back to the file field');
  });

  it('refuses files over the size limit, of other types and beyond the count, inline and announced', async () => {
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url draft-key=${draftKey()}></ac-ticket-form>`);
    const input = fileInput(el, 'Photos or videos');
    await choose(el, input, [file('big.mp4', 'video/mp4', 100_001), file('logo.svg', 'image/svg+xml', 10), file('ok.pdf', 'application/pdf', 10)]);
    const errors = errorsOf(el, 'f-files');
    expect(errors.getAttribute('aria-live')).to.equal('assertive');
    expect(errors.textContent).to.contain('“big.mp4” is too large').and.contain('“logo.svg” is not a file type we accept');
    expect(input.getAttribute('aria-describedby')).to.contain(errors.id);
    expect([...root(el).querySelectorAll('.file-name')].map((n) => n.textContent)).to.deep.equal(['ok.pdf']);
    await choose(el, input, [file('a.jpg', 'image/jpeg', 5), file('b.jpg', 'image/jpeg', 5), file('c.jpg', 'image/jpeg', 5)]);
    expect(errors.textContent).to.contain('at most 3 files');
    expect(root(el).querySelectorAll('.files li').length).to.equal(3);
    await expect(el).to.be.accessible();
  });

  it('uploads each file with a progress bar named after it, then creates the ticket with the files', async () => {
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url draft-key=${draftKey()}></ac-ticket-form>`);
    await fill(el);
    await choose(el, fileInput(el, 'Photos or videos'), [await png('leak.png'), file('noise.mp4', 'video/mp4', 50_000)]);
    // The ticket itself waits, so the finished uploads' bars can be seen.
    backend.faults.delay(400, { path: '/tickets', method: 'POST' });
    const created = oneEvent(el, 'ac-ticket-created');
    submit(el);
    await waitUntil(() => root(el).querySelectorAll('progress').length === 2 && [...root(el).querySelectorAll('progress')].every((p) => p.value === 1), 'both uploads done', { timeout: 3000 });
    const bars = [...root(el).querySelectorAll('progress')];
    expect(bars.map((p) => p.getAttribute('aria-label'))).to.deep.equal(['Uploading leak.png', 'Uploading noise.mp4']);
    expect(fileInput(el, 'Photos or videos').disabled).to.equal(true);
    await expect(el).to.be.accessible();
    const { detail } = await created;
    expect(detail.ticket.attachments.map((a: AttachmentMeta) => [a.name, a.type])).to.deep.equal([['leak.png', 'image/png'], ['noise.mp4', 'video/mp4']]);
    const uploads = backend.requests.filter((r) => r.path === '/attachments');
    expect(uploads.map((r) => r.status)).to.deep.equal([201, 201]);
    const stored = await backend.service.getAttachment(detail.ticket.attachments[1]!.id);
    expect(stored.data.size).to.equal(50_000);
  });

  it('shows a refusal of the server beside the file, keeping everything typed and chosen', async () => {
    // The server takes less than this page thinks.
    const strict = createMockBackend({ engine: { attachments: { maxBytes: 1000 } } });
    stopXhr();
    stopXhr = interceptXhr(strict.handlers);
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url draft-key=${draftKey()}></ac-ticket-form>`);
    await fill(el);
    await choose(el, fileInput(el, 'Photos or videos'), [file('scan.pdf', 'application/pdf', 5000)]);
    submit(el);
    await waitUntil(() => errorsOf(el, 'f-files').textContent!.includes('“scan.pdf” is too large'), 'the refusal is shown', { timeout: 3000 });
    expect(root(el).querySelector('.summary')!.textContent).to.contain('1 fields');
    expect((root(el).getElementById('f-subject') as HTMLInputElement).value).to.equal('洗衣机漏水');
    expect(root(el).querySelectorAll('.files li').length).to.equal(1);
    expect(await strict.ticketCount()).to.equal(0);
  });

  it('names the files of a restored draft, which are not kept, so the customer adds them again', async () => {
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url draft-key="att-files"></ac-ticket-form>`);
    await fill(el);
    await choose(el, fileInput(el, 'Photos or videos'), [await png('leak.png')]);
    // The draft is saved after a pause in typing; wait for it rather than for a fixed time.
    await waitUntil(() => Object.keys(localStorage).some((k) => k.endsWith('att-files') && localStorage.getItem(k)!.includes('leak.png')), 'the draft names the file', { timeout: 5000 });
    el.remove();
    const again = await fixture<AcTicketForm>(html`<ac-ticket-form locale="en" .client=${client} ignore-url draft-key="att-files"></ac-ticket-form>`);
    await waitUntil(() => text(again).includes('Attachments are not kept in the draft; please add them again: leak.png'), 'the restored draft names the file', { timeout: 3000 });
    expect(again.shadowRoot!.querySelectorAll('.files li').length).to.equal(0);
  });

  it('offline with a photo: queued with its bytes in IndexedDB, kept through a reload, created once with the photo when back online', async function () {
    this.timeout(10_000);
    const outboxName = `aftercare-outbox-${crypto.randomUUID()}`;
    const page1 = remote({ outbox: 'indexeddb', outboxName });
    const photo = await png('离线照片.png');
    const el = await fixture<AcTicketForm>(html`<ac-ticket-form locale="zh-CN" .client=${page1} ignore-url draft-key=${draftKey()}></ac-ticket-form>`);
    await fill(el);
    await choose(el, fileInput(el, '照片或视频'), [photo]);
    backend.faults.offline();
    const queued = oneEvent(el, 'ac-ticket-queued');
    submit(el);
    await queued;
    expect(text(el)).to.contain('已保存，联网后自动提交');
    // The page goes away; what is left is the outbox in IndexedDB, bytes included.
    el.remove();
    await page1.close();
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(outboxName);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const entries = await new Promise<Array<{ files?: Array<{ data: Blob; name: string }> }>>((resolve) => {
      const req = raw.transaction('entries').objectStore('entries').getAll();
      req.onsuccess = () => resolve(req.result);
    });
    raw.close();
    expect(entries.length).to.equal(1);
    expect(entries[0]!.files![0]!.name).to.equal('离线照片.png');
    expect(entries[0]!.files![0]!.data).to.be.instanceOf(Blob);
    expect(entries[0]!.files![0]!.data.size).to.equal(photo.size);
    expect(await backend.ticketCount()).to.equal(0);
    // The reloaded page, back online: its client sends what waited.
    backend.faults.online();
    const page2 = remote({ outbox: 'indexeddb', outboxName });
    try {
      const sent = new Promise<void>((resolve) => page2.subscribe((e) => e.type === 'ticket-sent' && resolve()));
      await sent;
      expect(await backend.ticketCount()).to.equal(1);
      const [ticket] = (await backend.service.list()).tickets;
      expect(ticket!.attachments.map((a) => a.name)).to.deep.equal(['离线照片.png']);
      const stored = await backend.service.getAttachment(ticket!.attachments[0]!.id);
      expect(new Uint8Array(await stored.data.arrayBuffer())).to.deep.equal(new Uint8Array(await photo.arrayBuffer()));
      await page2.outbox.flush();
      expect(await backend.ticketCount()).to.equal(1, 'sent exactly once');
      expect(await page2.outbox.entries()).to.deep.equal([]);
    } finally {
      await page2.close();
      indexedDB.deleteDatabase(outboxName);
    }
  });
});

describe('<ac-ticket-tracker> attachments', () => {
  afterEach(forgetDrafts);

  it('replies with a file and lists every public attachment as a link to its URL, opening in a new tab', async () => {
    const backend = createMockBackend();
    const client = createClient({ transport: httpTransport({ baseUrl: MOCK_BASE_URL, fetch: mockFetch(backend.handlers) }), outbox: memoryOutboxStore(), live: false });
    try {
      const first = await backend.service.uploadAttachment(file('铭牌.jpg', 'image/jpeg', 10));
      const { ticket, accessToken } = await backend.service.create(buildTicketInput({ attachments: [{ id: first.id, name: first.name, type: first.type, size: first.size }] }));
      const note = await backend.service.uploadAttachment(file('内部.jpg', 'image/jpeg', 10));
      await backend.service.note(ticket.id, { body: '内部备注', attachments: [note] }, { actor: { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' } });
      const el = await fixture<AcTicketTracker>(html`<ac-ticket-tracker locale="zh-CN" .client=${client} ticket-id=${ticket.id} access-token=${accessToken} refresh-seconds="0"></ac-ticket-tracker>`);
      await waitUntil(() => root(el).querySelector('.attached a'), 'the submission’s file is linked');
      const link = root(el).querySelector<HTMLAnchorElement>('.attached a')!;
      expect(link.textContent).to.equal('铭牌.jpg');
      expect(link.href).to.equal(`${MOCK_BASE_URL}/attachments/${first.id}`);
      expect([link.target, link.rel]).to.deep.equal(['_blank', 'noopener noreferrer']);
      expect(text(el)).to.not.contain('内部');
      await expect(el).to.be.accessible();
      (root(el).getElementById('reply') as HTMLTextAreaElement).value = '补充一张照片';
      root(el).getElementById('reply')!.dispatchEvent(new Event('input'));
      await choose(el, fileInput(el, '照片或视频'), [await png('补充.png')]);
      const replied = oneEvent(el, 'ac-ticket-reply');
      [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === '发送')!.click();
      await replied;
      await waitUntil(() => root(el).querySelectorAll('.attached a').length === 2, 'the reply’s file is linked');
      const names = [...root(el).querySelectorAll('.attached a')].map((a) => a.textContent);
      expect(names).to.deep.equal(['补充.png', '铭牌.jpg'], 'newest first, each under its own entry');
      expect(root(el).querySelectorAll('.files li').length).to.equal(0, 'the reply box is empty again');
      const stored = await backend.service.get(ticket.id);
      expect(stored.attachments.map((a) => a.name)).to.deep.equal(['铭牌.jpg', '补充.png']);
    } finally {
      await client.close();
    }
  });

  it('in local mode links the stored bytes through object URLs, and never links a javascript: or data: URL', async () => {
    const storage = memoryStorage();
    const client = createClient({ storage, actor: { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' } });
    try {
      const r = await client.tickets.create(buildTicketInput(), { files: [await png('本地.png')] });
      if (r.status !== 'created') throw new Error('not created');
      // A ticket that came from elsewhere with URLs no page should follow.
      const row = (await storage.get(r.ticket.id))!;
      row.ticket.attachments.push({ id: 'evil-1', name: 'invoice.pdf', type: 'application/pdf', size: 1, url: 'javascript:alert(1)' }, { id: 'evil-2', name: 'photo.png', type: 'image/png', size: 1, url: 'data:text/html,<script>alert(1)</script>' });
      await storage.write([row]);
      const el = await fixture<AcTicketTracker>(html`<ac-ticket-tracker locale="en" .client=${client} ticket-id=${r.ticket.id} refresh-seconds="0"></ac-ticket-tracker>`);
      await waitUntil(() => root(el).querySelector('.attached a'), 'the stored file is linked');
      const links = [...root(el).querySelectorAll<HTMLAnchorElement>('.attached a')];
      expect(links.map((a) => a.textContent)).to.deep.equal(['本地.png']);
      expect(links[0]!.href).to.match(/^blob:/);
      const blob = await (await fetch(links[0]!.href)).blob();
      expect(blob.type).to.equal('image/png');
      expect(text(el)).to.contain('invoice.pdf').and.contain('photo.png');
      expect([...root(el).querySelectorAll('[href]')].every((a) => !/^(javascript|data):/i.test(a.getAttribute('href')!))).to.equal(true);
    } finally {
      await client.close();
    }
  });
});
