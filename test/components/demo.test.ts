/// <reference types="mocha" />
// The page `npm start` opens: proves the playground works end to end in Chromium.
import { expect, fixture, html } from '@open-wc/testing';
import '../../docs/demo/demo.js';

function button(root: ShadowRoot, name: string | RegExp): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) =>
    typeof name === 'string' ? b.textContent!.trim() === name : name.test(b.textContent!.trim()),
  );
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

async function settle(el: HTMLElement & { updateComplete?: Promise<unknown> }) {
  await el.updateComplete;
}

describe('demo playground (npm start)', () => {
  it('creates a ticket and walks it through the workflow; internal notes stay out of the customer view', async () => {
    const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(html`<aftercare-demo></aftercare-demo>`);
    const root = el.shadowRoot!;
    button(root, '创建').click();
    await settle(el);
    expect(root.querySelector('#ticket')!.textContent).to.match(/^AC-\d{8}-0001 · 空调不制冷/);

    button(root, /^分派/).click();
    await settle(el);
    button(root, '开始处理').click();
    await settle(el);
    const note = root.querySelector<HTMLTextAreaElement>('textarea[name="note"]')!;
    note.value = '内部：怀疑压缩机故障';
    button(root, '添加内部备注').click();
    await settle(el);

    const customer = root.querySelector('[aria-labelledby="cv"] ol')!.textContent!;
    const agent = root.querySelector('[aria-labelledby="av"] ol')!.textContent!;
    expect(agent).to.contain('怀疑压缩机故障');
    expect(customer).not.to.contain('怀疑压缩机故障');
    const badge = root.querySelector('ac-status-badge[audience="customer"]')!;
    expect(badge.getAttribute('status')).to.equal('in_progress');
  });

  it('shows validation errors instead of creating a ticket', async () => {
    const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(html`<aftercare-demo></aftercare-demo>`);
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[name="subject"]')!.value = '';
    button(root, '创建').click();
    await settle(el);
    expect(root.querySelector('[role="alert"]')!.textContent).to.contain('subject: is required');
    expect(root.querySelector('#ticket')).to.equal(null);
  });
});
