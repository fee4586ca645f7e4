/// <reference types="mocha" />
// The demo's agent page (docs/demo/agent.html): its page script on the same markup, on a desk
// that already holds a customer's request — the queue lists it, opening it shows the workspace.
import { expect, waitUntil } from '@open-wc/testing';
import type { AcProvider } from '../../components/provider/provider.js';
import { createClient } from '../../src/index.js';
import { buildTicketInput } from '../../src/testing/index.js';
import { deskOptions } from '../../docs/demo/desk-options.js';

describe('demo agent page', () => {
  it('lists a request submitted on the same embedded desk and opens it beside the queue', async function () {
    this.timeout(20_000);
    const databaseName = `aftercare-agent-${crypto.randomUUID()}`;
    // A customer submits on the portal's desk (same database, same set-up).
    const customer = createClient({ ...deskOptions, databaseName });
    const submitted = await customer.tickets.create(buildTicketInput({ subject: '洗衣机脱水时噪音很大' }));
    await customer.close();

    const html = await (await fetch('/docs/demo/agent.html')).text();
    const body = new DOMParser().parseFromString(html, 'text/html').body;
    body.querySelector('#provider')!.setAttribute('database-name', databaseName);
    document.body.append(...[...body.children].filter((e) => e.tagName !== 'SCRIPT'));
    await import('../../docs/demo/agent.js');
    const queue = document.querySelector('ac-agent-queue')!;
    expect(queue.getAttribute('agent-id')).to.equal('agent-wang');
    const row = () => queue.shadowRoot?.querySelector<HTMLElement>(`lit-virtualizer [data-id="${submitted.ticket.id}"]`);
    await waitUntil(row, 'the queue lists the request', { timeout: 8000 });
    expect(row()!.textContent).to.contain('洗衣机脱水时噪音很大');
    row()!.querySelector<HTMLElement>('.c-subject')!.click();
    const detail = document.querySelector('ac-ticket-detail')!;
    await waitUntil(() => detail.shadowRoot?.textContent?.includes(submitted.ticket.number), 'the workspace shows it', { timeout: 8000 });
    expect(document.querySelector<HTMLElement>('#detail-section')!.hidden).to.equal(false);
    expect(location.hash).to.equal(`#ticket=${submitted.ticket.id}`);
    history.replaceState(null, '', location.pathname + location.search);
    (document.querySelector('#provider') as AcProvider).remove();
  });
});
