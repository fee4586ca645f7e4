/// <reference types="mocha" />
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/status-badge/status-badge.js';
import type { AcStatusBadge } from '../../components/status-badge/status-badge.js';
import { AcStatusBadge as BadgeClass } from '../../components/status-badge/status-badge.component.js';
import { createWorkflow, installationWorkflow, STANDARD_STATUSES, standardWorkflowDefinition } from '../../src/index.js';

const text = (el: HTMLElement) => el.shadowRoot!.querySelector('[part="label"]')!.textContent!.trim();

describe('<ac-status-badge>', () => {
  it('shows the customer label in the element locale', async () => {
    const el = await fixture<AcStatusBadge>(html`<ac-status-badge status="pending_customer" locale="zh-CN"></ac-status-badge>`);
    expect(text(el)).to.equal('等待您的回复');
    el.locale = 'en';
    await el.updateComplete;
    expect(text(el)).to.equal('Waiting for your reply');
  });

  it('shows the agent label when audience is agent', async () => {
    const el = await fixture<AcStatusBadge>(
      html`<ac-status-badge status="pending_customer" audience="agent" locale="en"></ac-status-badge>`,
    );
    expect(text(el)).to.equal('Waiting for customer');
  });

  it('follows the nearest lang attribute when it has no locale', async () => {
    // Built by hand: fixture() waits an animation frame for a plain wrapper, which a page
    // running beside others may not get in time.
    const wrapper = document.createElement('div');
    wrapper.lang = 'zh-Hans';
    wrapper.innerHTML = '<ac-status-badge status="resolved"></ac-status-badge>';
    document.body.append(wrapper);
    const el = wrapper.querySelector('ac-status-badge')!;
    await el.updateComplete;
    expect(text(el)).to.equal('已解决');
    wrapper.remove();
  });

  it('has a label for every standard status in both locales', async () => {
    for (const s of STANDARD_STATUSES) {
      for (const locale of ['zh-CN', 'en']) {
        const el = await fixture<AcStatusBadge>(html`<ac-status-badge status=${s.id} locale=${locale}></ac-status-badge>`);
        expect(text(el)).to.equal(s.labels.customer[locale as 'zh-CN' | 'en']);
        expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('data-category')).to.equal(s.category);
      }
    }
  });

  it('uses the labels of a custom workflow', async () => {
    const el = await fixture<AcStatusBadge>(
      html`<ac-status-badge status="scheduled" locale="en" .workflow=${installationWorkflow}></ac-status-badge>`,
    );
    expect(text(el)).to.equal('Visit scheduled');
  });

  it('renders an unknown status as its id, as text', async () => {
    const wf = createWorkflow(standardWorkflowDefinition());
    const el = await fixture<AcStatusBadge>(
      html`<ac-status-badge status="<img src=x onerror=alert(1)>" .workflow=${wf}></ac-status-badge>`,
    );
    expect(text(el)).to.equal('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('does not throw when registered twice', () => {
    expect(() => BadgeClass.define('ac-status-badge')).not.to.throw();
    expect(customElements.get('ac-status-badge')).to.equal(BadgeClass);
  });

  it('passes an accessibility audit', async () => {
    const el = await fixture(html`<ac-status-badge status="in_progress" locale="en"></ac-status-badge>`);
    await expect(el).to.be.accessible();
  });
});
