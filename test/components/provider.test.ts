/// <reference types="mocha" />
import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import '../../components/provider/provider.js';
import type { AcProvider } from '../../components/provider/provider.js';
import { AftercareClientElement } from '../../components/base/aftercare-element.js';
import { createClient, memoryOutboxStore } from '../../src/index.js';

/** A minimal element that uses the client, as every ticket element does. */
class ProbeElement extends AftercareClientElement {
  override render() {
    return litHtml`<span>${this.activeClient?.mode ?? 'none'} ${this.resolvedLocale}</span>`;
  }
}
ProbeElement.define('test-probe');

const probe = (root: Element) => root.querySelector('test-probe') as ProbeElement;
const shown = async (el: ProbeElement) => {
  await el.updateComplete;
  return el.shadowRoot!.textContent!.trim();
};

describe('<ac-provider>', () => {
  const dbs: string[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) indexedDB.deleteDatabase(db);
  });

  it('gives descendants a local client (IndexedDB) when it has no api-base', async () => {
    const db = `aftercare-provider-${crypto.randomUUID()}`;
    dbs.push(db);
    const el = await fixture<AcProvider>(html`<ac-provider database-name=${db} locale="zh-CN"><div><test-probe></test-probe></div></ac-provider>`);
    expect(await shown(probe(el))).to.equal('local zh-CN');
    const client = probe(el).activeClient!;
    await client.ready;
    // The local desk is the full client, loaded on demand.
    expect((await el.fullClient()).getState().connection.mode).to.equal('local');
    el.remove();
  });

  it('talks to a backend when it has an api-base', async () => {
    const el = await fixture<AcProvider>(html`<ac-provider api-base="https://desk.example.test/api" locale="en"><test-probe></test-probe></ac-provider>`);
    expect(await shown(probe(el))).to.equal('remote en');
    el.remove();
  });

  it('passes on a client given as a property, and never closes it', async () => {
    const mine = createClient({ storage: 'memory', outbox: memoryOutboxStore() });
    const el = await fixture<AcProvider>(html`<ac-provider .client=${mine}><test-probe></test-probe></ac-provider>`);
    expect(probe(el).activeClient).to.equal(mine);
    el.remove();
    // Still usable: the page owns it.
    const { ticket } = await mine.tickets.create({ subject: '测试', customer: { name: '王芳', contact: { phone: '13900139000' } } });
    expect(ticket.number).to.match(/^AC-\d{8}-0001$/);
    await mine.close();
  });

  it('lets an element’s own client and locale win over the provider’s', async () => {
    const own = createClient({ storage: 'memory' });
    const el = await fixture<AcProvider>(html`<ac-provider api-base="https://x.test" locale="zh-CN"><test-probe locale="en" .client=${own}></test-probe></ac-provider>`);
    expect(await shown(probe(el))).to.equal('local en');
    el.remove();
    await own.close();
  });

  it('passes a parent provider’s locale through a nested provider without one', async () => {
    const el = await fixture<AcProvider>(
      html`<ac-provider api-base="https://x.test" locale="en"><ac-provider api-base="https://y.test"><test-probe></test-probe></ac-provider></ac-provider>`,
    );
    expect(await shown(probe(el))).to.equal('remote en');
    el.remove();
  });

  it('makes a new client when api-base changes', async () => {
    const el = await fixture<AcProvider>(html`<ac-provider api-base="https://a.test"><test-probe></test-probe></ac-provider>`);
    const first = probe(el).activeClient;
    el.apiBase = 'https://b.test';
    await el.updateComplete;
    await probe(el).updateComplete;
    expect(probe(el).activeClient).to.not.equal(first);
    expect(probe(el).activeClient?.mode).to.equal('remote');
    el.remove();
  });
});
