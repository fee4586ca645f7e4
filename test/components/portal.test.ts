/// <reference types="mocha" />
// The customer portal `npm start` links to (docs/demo/portal.html): its page script on the same
// markup, submitting a request and following it in the tracker through the link it shows.
import { expect, waitUntil } from '@open-wc/testing';
import type { AcTicketForm } from '../../components/ticket-form/ticket-form.js';

describe('demo customer portal', () => {
  it('submits a request on the embedded desk and follows it through the tracking link', async function () {
    this.timeout(20_000);
    const html = await (await fetch('/docs/demo/portal.html')).text();
    const body = new DOMParser().parseFromString(html, 'text/html').body;
    body.querySelector('#provider')!.setAttribute('database-name', `aftercare-portal-${crypto.randomUUID()}`);
    document.body.append(...[...body.children].filter((e) => e.tagName !== 'SCRIPT'));
    await import('../../docs/demo/portal.js');
    const form = document.querySelector<AcTicketForm>('ac-ticket-form')!;
    await waitUntil(() => form.shadowRoot?.getElementById('f-subject'), 'the form renders', { timeout: 5000 });
    const set = (id: string, value: string) => {
      const input = form.shadowRoot!.getElementById(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('f-subject', '热水器不出热水');
    set('f-name', '陈静');
    set('f-phone', '13700137000');
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('[part="result"] a'), 'the confirmation with its tracking link', { timeout: 5000 });
    const result = form.shadowRoot!.querySelector('[part="result"]')!.textContent!;
    expect(result).to.match(/AC-\d{8}-0001/);
    expect(result).to.contain('个工作小时内回复');
    form.shadowRoot!.querySelector<HTMLAnchorElement>('[part="result"] a')!.click();
    const tracker = document.querySelector('ac-ticket-tracker')!;
    await waitUntil(() => tracker.shadowRoot?.textContent?.includes('热水器不出热水'), 'the tracker shows the request', { timeout: 5000 });
    expect(document.querySelector<HTMLElement>('#track-section')!.hidden).to.equal(false);
    // Routed by the demo's rules to an engineer, shown by public name.
    expect(tracker.shadowRoot!.textContent).to.match(/负责工程师：(王工|李工)/);
    history.replaceState(null, '', location.pathname + location.search);
  });
});
