/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/kb-search/kb-search.js';
import type { AcKbSearch } from '../../components/kb-search/kb-search.js';
import { createClient, memoryStorage, type AftercareClient } from '../../src/index.js';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.js';

const root = (el: AcKbSearch) => el.shadowRoot!;
const fired: number[] = [];
(globalThis as unknown as { __xss: (n: number) => void }).__xss = (n) => fired.push(n);

async function searchFor(el: AcKbSearch, words: string) {
  const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
  input.value = words;
  input.dispatchEvent(new Event('input'));
  root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await waitUntil(() => {
    const status = root(el).querySelector('[role="status"]')!.textContent!.trim();
    return status !== '' && !status.includes('…');
  });
  await el.updateComplete;
}

describe('<ac-kb-search>', () => {
  let client: AftercareClient;
  beforeEach(() => {
    fired.length = 0;
    client = createClient({
      storage: memoryStorage(),
      knowledge: [
        { id: 'kb-ac', title: '空调不制冷怎么办', body: '<p>先检查<strong>滤网</strong>是否堵塞。</p><ol><li>确认模式为制冷</li><li>室外机是否运转</li></ol><script>__xss(100)</script><img src=x onerror="__xss(101)">' },
        { id: 'kb-invoice', title: '如何申请发票', body: '<p>在订单页点击“申请发票”。<a href="javascript:__xss(102)">链接</a></p>' },
        ...XSS_PAYLOADS.map((payload, i) => ({ id: `xss-${i}`, title: `冰箱异响 ${payload}`, body: `冰箱异响的处理方法 ${payload}` })),
      ],
    });
  });
  afterEach(() => client.close());

  it('has a labelled search box and announces the number of results', async () => {
    const el = await fixture<AcKbSearch>(html`<ac-kb-search locale="zh-CN" .client=${client}></ac-kb-search>`);
    const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(root(el).querySelector(`label[for="${input.id}"]`)!.textContent).to.equal('搜索帮助文章');
    expect(root(el).querySelector('form')!.getAttribute('role')).to.equal('search');
    await searchFor(el, '空调 制冷');
    expect(root(el).querySelector('[role="status"]')!.textContent).to.match(/找到 \d+ 篇相关文章/);
    const first = root(el).querySelector('[part="results"] li button')!;
    expect(first.textContent).to.contain('空调不制冷怎么办');
    expect(first.querySelectorAll('mark').length).to.be.greaterThan(0);
  });

  it('opens an article with its HTML sanitised, and goes back to the results by keyboard focus', async () => {
    const el = await fixture<AcKbSearch>(html`<ac-kb-search locale="en" .client=${client}></ac-kb-search>`);
    await searchFor(el, '空调');
    const opened = oneEvent(el, 'ac-article-open');
    (root(el).querySelector('[data-id="kb-ac"]') as HTMLButtonElement).click();
    expect((await opened).detail.articleId).to.equal('kb-ac');
    await waitUntil(() => root(el).querySelector('article .body'));
    const body = root(el).querySelector('article .body')!;
    expect(body.querySelector('strong')!.textContent).to.equal('滤网');
    expect(body.querySelectorAll('li').length).to.equal(2);
    expect(body.querySelector('script')).to.equal(null);
    expect(body.querySelector('img')?.getAttribute('onerror') ?? null).to.equal(null);
    expect(root(el).activeElement?.tagName).to.equal('ARTICLE');
    [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Back to results'))!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect((root(el).activeElement as HTMLElement | null)?.dataset.id).to.equal('kb-ac');
    await new Promise((r) => setTimeout(r, 50));
    expect(fired).to.deep.equal([]);
  });

  it('runs none of the XSS catalogue, in titles, snippets or opened articles', async () => {
    const el = await fixture<AcKbSearch>(html`<ac-kb-search locale="zh-CN" .client=${client} .limit=${50}></ac-kb-search>`);
    await searchFor(el, '冰箱异响');
    const results = [...root(el).querySelectorAll<HTMLButtonElement>('[part="results"] li button')];
    expect(results.length).to.be.greaterThan(XSS_PAYLOADS.length - 5);
    // Titles are text: the payload shows literally.
    expect(root(el).querySelector('[part="results"]')!.textContent).to.contain('<script>');
    for (const id of XSS_PAYLOADS.map((_, i) => `xss-${i}`)) {
      const button = root(el).querySelector<HTMLButtonElement>(`[data-id="${id}"]`);
      if (!button) continue;
      button.click();
      await waitUntil(() => root(el).querySelector('article .body'));
      [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('返回'))!.click();
      await el.updateComplete;
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(fired).to.deep.equal([]);
    const invoice = client.knowledge.search('发票');
    expect((await invoice)[0]?.id).to.equal('kb-invoice');
  });

  it('says when nothing matches', async () => {
    const el = await fixture<AcKbSearch>(html`<ac-kb-search locale="en" .client=${client}></ac-kb-search>`);
    await searchFor(el, 'zzzzqqq');
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('No matching articles');
  });
});
