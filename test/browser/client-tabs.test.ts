import { expect } from '@open-wc/testing';
import { createClient, type AftercareClient } from '../../src/index.js';
import { buildTicketInput } from '../../src/testing/index.js';

interface TabMessage {
  type: string;
  subject?: string;
  id?: string;
}

/** Opens a second page of the same origin in an iframe and waits until its client is ready. */
async function openTab(db: string): Promise<{ frame: HTMLIFrameElement; next: (type: string, match?: (m: TabMessage) => boolean) => Promise<TabMessage> }> {
  const frame = document.createElement('iframe');
  const messages: TabMessage[] = [];
  const waiting: Array<{ type: string; match: (m: TabMessage) => boolean; resolve: (m: TabMessage) => void }> = [];
  addEventListener('message', (e: MessageEvent<TabMessage>) => {
    if (e.source !== frame.contentWindow) return;
    const w = waiting.find((x) => x.type === e.data.type && x.match(e.data));
    if (w) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(e.data);
    } else messages.push(e.data);
  });
  const next = (type: string, match: (m: TabMessage) => boolean = () => true) =>
    new Promise<TabMessage>((resolve) => {
      const i = messages.findIndex((m) => m.type === type && match(m));
      if (i >= 0) resolve(messages.splice(i, 1)[0]!);
      else waiting.push({ type, match, resolve });
    });
  frame.src = `/test/browser/fixtures/tab.html?db=${encodeURIComponent(db)}`;
  const ready = next('ready');
  document.body.append(frame);
  await ready;
  return { frame, next };
}

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

describe('local mode across tabs (IndexedDB)', () => {
  let db: string;
  let client: AftercareClient;
  let frame: HTMLIFrameElement | undefined;

  beforeEach(async () => {
    db = `aftercare-tabs-${crypto.randomUUID()}`;
    client = createClient({ databaseName: db });
    await client.ready;
  });
  afterEach(async () => {
    frame?.contentWindow?.postMessage({ type: 'close' }, location.origin);
    frame?.remove();
    await client.close();
    indexedDB.deleteDatabase(db);
  });

  it('uses IndexedDB by default in the browser', () => {
    expect(client.mode).to.equal('local');
  });

  it('shows a ticket created in another page within a second', async () => {
    const tab = await openTab(db);
    frame = tab.frame;
    const seen = new Promise<string>((resolve) => client.subscribe((e) => e.type === 'ticket-changed' && resolve(e.ticket.subject)));
    frame.contentWindow!.postMessage({ type: 'create', subject: '冰箱不制冷' }, location.origin);
    expect(await within(1000, seen)).to.equal('冰箱不制冷');
    const page = await client.tickets.list({});
    expect(page.total).to.equal(1);
  });

  it('shows a ticket created here in the other page within a second', async () => {
    const tab = await openTab(db);
    frame = tab.frame;
    const seen = tab.next('seen', (m) => m.subject === '油烟机异响');
    await client.tickets.create(buildTicketInput({ subject: '油烟机异响' }));
    expect((await within(1000, seen)).subject).to.equal('油烟机异响');
  });

  it('keeps tickets across a reload (a new client on the same database)', async () => {
    const { ticket } = await client.tickets.create(buildTicketInput({ subject: '洗衣机漏水' }));
    await client.close();
    client = createClient({ databaseName: db });
    const again = await client.tickets.get(ticket.id);
    expect(again.subject).to.equal('洗衣机漏水');
    expect(again.number).to.equal(ticket.number);
    const second = await client.tickets.create(buildTicketInput({ subject: '第二单' }));
    expect(second.ticket.number).to.not.equal(ticket.number);
  });
});
