// The outbox in real Chromium with real IndexedDB: reloads, two tabs, the online event,
// storage that refuses. Each case ends with exactly one ticket per submission on the server.
import { expect } from '@open-wc/testing';
import {
  createClient,
  createCustomerClient,
  customerHttpTransport,
  httpTransport,
  type AftercareClient,
  type ClientEvent,
  type CustomerClient,
} from '../../src/index.js';
import { buildTicketInput, createMockBackend, MOCK_BASE_URL } from '../../src/testing/index.js';
import { mockFetch } from './mock-fetch.js';

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

/**
 * Both clients a customer page can have — the full one (`createClient`) and the lean one
 * (`createCustomerClient`, what `<ac-provider api-base>` makes) — through the same cases. The
 * lean one has no store: what it holds is read from its events.
 */
interface Made {
  client: CustomerClient;
  events: ClientEvent[];
}
const subjects = [
  {
    name: 'createClient',
    make: (backend: ReturnType<typeof createMockBackend>, outboxName: string, options: { live?: false } = { live: false }): Made => {
      const client = createClient({
        transport: httpTransport({ baseUrl: MOCK_BASE_URL, fetch: mockFetch(backend.handlers), timeoutMs: 500 }),
        outboxName,
        retry: { baseDelayMs: 50, maxDelayMs: 200 },
        ...options,
      });
      const events: ClientEvent[] = [];
      client.subscribe((e) => events.push(e));
      return { client, events };
    },
  },
  {
    name: 'createCustomerClient',
    make: (backend: ReturnType<typeof createMockBackend>, outboxName: string): Made => {
      const client = createCustomerClient({
        transport: customerHttpTransport({ baseUrl: MOCK_BASE_URL, fetch: mockFetch(backend.handlers), timeoutMs: 500 }),
        outboxName,
        retry: { baseDelayMs: 50, maxDelayMs: 200 },
      });
      const events: ClientEvent[] = [];
      client.subscribe((e) => events.push(e));
      return { client, events };
    },
  },
];

/** Whether the client last said it was online. */
const online = ({ client, events }: Made) =>
  'getState' in client ? (client as AftercareClient).getState().connection.online : ([...events].reverse().find((e) => e.type === 'connection') as { online: boolean } | undefined)?.online ?? true;
/** Tickets confirmed by the server, as the client holds them (store) or announced them (events). */
const confirmed = ({ client, events }: Made) => {
  if ('getState' in client) {
    const s = (client as AftercareClient).getState();
    return s.tickets.ids.length - Object.keys(s.tickets.queued).length;
  }
  return new Set(events.flatMap((e) => (e.type === 'ticket-sent' ? [e.ticket.id] : []))).size;
};

for (const subject of subjects) {
  describe(`outbox in IndexedDB (${subject.name})`, () => {
    let backend: ReturnType<typeof createMockBackend>;
    let outboxName: string;
    const made: Made[] = [];
    const open = (options?: { live?: false }) => {
      const m = subject.make(backend, outboxName, options);
      made.push(m);
      return m.client;
    };
    const last = () => made[made.length - 1]!;
    const sentOnce = (c: CustomerClient) => new Promise<string>((resolve) => c.subscribe((e) => e.type === 'ticket-sent' && resolve(e.ticket.subject)));

    beforeEach(() => {
      backend = createMockBackend();
      outboxName = `aftercare-outbox-${crypto.randomUUID()}`;
    });
    afterEach(async () => {
      for (const m of made.splice(0)) await m.client.close();
      indexedDB.deleteDatabase(outboxName);
    });

    it('keeps a submission made offline through a reload and sends it from the next page', async () => {
      const page1 = open();
      backend.faults.offline();
      const r = await page1.tickets.create(buildTicketInput({ subject: '离线报修' }));
      expect(r.status).to.equal('queued');
      expect(r.status === 'queued' && r.durable).to.equal(true);
      await page1.close();
      backend.faults.online();
      const page2 = open();
      expect(await within(3000, sentOnce(page2))).to.equal('离线报修');
      expect(await backend.ticketCount()).to.equal(1);
      expect(await page2.outbox.entries()).to.deep.equal([]);
    });

    it('sends when the browser comes back online', async () => {
      const client = open();
      await client.ready;
      backend.faults.offline();
      await client.tickets.create(buildTicketInput({ subject: '网络恢复后发送' }));
      expect(online(last())).to.equal(false);
      backend.faults.online();
      const sent = sentOnce(client);
      dispatchEvent(new Event('online'));
      expect(await within(2000, sent)).to.equal('网络恢复后发送');
      expect(await backend.ticketCount()).to.equal(1);
      expect(online(last())).to.equal(true);
    });

    it('a customer page does not start following the change feed when it comes back online', async () => {
      const client = open({});
      await client.ready;
      dispatchEvent(new Event('online'));
      await new Promise((r) => setTimeout(r, 100));
      expect(backend.requests.filter((q) => q.path.startsWith('/events')).length).to.equal(0);
    });

    it('two tabs flushing one outbox send each entry once', async () => {
      const tab1 = open();
      const tab2 = open();
      await Promise.all([tab1.ready, tab2.ready]);
      backend.faults.offline();
      await tab1.tickets.create(buildTicketInput({ subject: 'A' }));
      await tab2.tickets.create(buildTicketInput({ subject: 'B' }));
      backend.faults.online();
      backend.faults.delay(100, { path: '/tickets', method: 'POST', times: 4 });
      // Past the retry delay: both tabs' timers fire too, besides these explicit flushes.
      await new Promise((r) => setTimeout(r, 250));
      await Promise.all([tab1.outbox.flush(), tab2.outbox.flush(), tab1.outbox.flush(), tab2.outbox.flush()]);
      for (let i = 0; i < 40 && (await tab1.outbox.entries()).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await backend.ticketCount()).to.equal(2);
      const ok = backend.requests.filter((q) => q.method === 'POST' && q.path === '/tickets' && q.status >= 200 && q.status < 300);
      expect(ok.length).to.equal(2);
      expect(await tab1.outbox.entries()).to.deep.equal([]);
    });

    it('retries after a timeout that followed the commit, with the same key: one ticket', async () => {
      const client = open();
      backend.faults.timeoutAfterCommit({ path: '/tickets', method: 'POST', hangMs: 5000 });
      const sent = sentOnce(client);
      const r = await client.tickets.create(buildTicketInput({ subject: '超时重试' }));
      expect(r.status).to.equal('queued');
      expect(await within(3000, sent)).to.equal('超时重试');
      expect(await backend.ticketCount()).to.equal(1);
      expect(confirmed(last())).to.equal(1);
    });

    it('holds the submission in memory and says so when IndexedDB refuses to open, and still sends it', async () => {
      const realOpen = indexedDB.open;
      indexedDB.open = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      try {
        const client = open();
        await client.ready;
        if ('getState' in client) {
          expect((client as AftercareClient).getState().outbox.durable).to.equal(false);
          expect((client as AftercareClient).getState().outbox.storageError?.code).to.equal('QUOTA_EXCEEDED');
        } else expect(last().events.some((e) => e.type === 'storage-error' && e.error.code === 'QUOTA_EXCEEDED')).to.equal(true);
        const r = await client.tickets.create(buildTicketInput({ subject: '存储已满' }));
        expect(r.status).to.equal('created');
        expect(await backend.ticketCount()).to.equal(1);
      } finally {
        indexedDB.open = realOpen;
      }
    });
  });
  describe(`fault matrix in Chromium (${subject.name})`, () => {
    let backend: ReturnType<typeof createMockBackend>;
    let outboxName: string;
    let made: Made;
    let client: CustomerClient;
    const sentOnce = (c: CustomerClient) => new Promise<string>((resolve) => c.subscribe((e) => e.type === 'ticket-sent' && resolve(e.ticket.subject)));

    beforeEach(() => {
      backend = createMockBackend();
      outboxName = `aftercare-outbox-${crypto.randomUUID()}`;
      made = subject.make(backend, outboxName);
      client = made.client;
    });
    afterEach(async () => {
      await client.close();
      indexedDB.deleteDatabase(outboxName);
    });

    it('double click on submit makes one ticket', async () => {
      const input = buildTicketInput();
      const [a, b] = await Promise.all([client.tickets.create(input, { idempotencyKey: 'draft-1' }), client.tickets.create(input, { idempotencyKey: 'draft-1' })]);
      expect(a.ticket.id).to.equal(b.ticket.id);
      expect(await backend.ticketCount()).to.equal(1);
      expect(confirmed(made)).to.equal(1);
    });

    for (const [name, arrange] of [
      ['500, then success', (b: typeof backend) => b.faults.status(500)],
      ['429 with Retry-After in seconds', (b: typeof backend) => b.faults.status(429, { retryAfter: '1' })],
      ['429 with Retry-After as an HTTP date', (b: typeof backend) => b.faults.status(429, { retryAfter: new Date(Date.now() + 1500).toUTCString() })],
      ['malformed JSON after the commit', (b: typeof backend) => b.faults.malformedJson({ path: '/tickets', method: 'POST' })],
      ['an HTML page with status 200', (b: typeof backend) => b.faults.htmlErrorPage()],
    ] as const) {
      it(`${name}: queued, then sent once`, async () => {
        arrange(backend);
        const sent = sentOnce(client);
        const r = await client.tickets.create(buildTicketInput({ subject: name }));
        expect(r.status).to.equal('queued');
        expect(await within(4000, sent)).to.equal(name);
        expect(await backend.ticketCount()).to.equal(1);
        expect(confirmed(made)).to.equal(1);
        expect(await client.outbox.entries()).to.deep.equal([]);
      });
    }

    it('waits as long as Retry-After says before sending again', async () => {
      backend.faults.status(429, { retryAfter: '2' });
      await client.tickets.create(buildTicketInput());
      await new Promise((r) => setTimeout(r, 1000));
      expect(await backend.ticketCount()).to.equal(0);
      const [entry] = await client.outbox.entries();
      expect(entry!.notBefore - entry!.createdAt).to.be.within(1900, 2600);
    });
  });
}

describe('local mode without IndexedDB', () => {
  it('keeps working in memory and says so when IndexedDB refuses to open', async () => {
    const realOpen = indexedDB.open;
    indexedDB.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    try {
      const client = createClient({ databaseName: `aftercare-${crypto.randomUUID()}` });
      const errors: string[] = [];
      client.subscribe((e) => e.type === 'storage-error' && errors.push(e.error.code));
      const r = await client.tickets.create(buildTicketInput({ subject: '无痕模式' }));
      expect(r.status).to.equal('created');
      expect(client.getState().outbox.storageError?.code).to.equal('UNAVAILABLE');
      expect((await client.tickets.get(r.ticket.id)).subject).to.equal('无痕模式');
      await client.close();
    } finally {
      indexedDB.open = realOpen;
    }
  });
});
