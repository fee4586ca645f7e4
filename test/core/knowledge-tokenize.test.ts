import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createKnowledgeIndex, foldForSearch, pinyinSupported, tokenizeForSearch, type KnowledgeArticle } from '../../src/index.js';

const terms = (text: string) => tokenizeForSearch(text).map((t) => t.term);
const ids = (index: ReturnType<typeof createKnowledgeIndex>, q: string) => index.search(q).map((h) => h.id);

const ARTICLES: KnowledgeArticle[] = [
  { id: 'refund', title: '申请退款流程', body: '在订单详情页点击「申请售后」，选择仅退款或退货退款。', locale: 'zh-CN' },
  { id: 'account', title: '注销账号', body: '注销后订单记录和会员积分将被清除，且无法恢复。', locale: 'zh-CN' },
  { id: 'ac-e1', title: '空调显示 E1', body: 'KFR-35GW 室内机显示 E1 时，请先断电 5 分钟再重启。', locale: 'zh-CN' },
  { id: 'washer', title: '滚筒洗衣机运输螺栓', body: 'WD-100X 首次使用前请拆下背后的 4 颗运输螺栓。', locale: 'zh-CN' },
  { id: 'install', title: '空调安装预约', body: '下单后可在 App 预约上门安装时间。', locale: 'zh-CN' },
  { id: 'invoice', title: '如何开具发票', body: '电子发票在订单完成后 24 小时内开具。', locale: 'zh-CN' },
  { id: 'en-refund', title: 'How long does a refund take?', body: 'Refunds reach your original payment method within 3–5 working days.', locale: 'en' },
  { id: 'en-warranty', title: 'Warranty policy overview', body: 'Installed products are covered for the periods listed below.', locale: 'en' },
  { id: 'en-cafe', title: 'Café machine descaling', body: 'Descale the espresso machine every month.', locale: 'en' },
];
const index = createKnowledgeIndex(ARTICLES);

describe('tokenizeForSearch', () => {
  it('makes overlapping CJK bigrams, so a word is found inside a longer one', () => {
    assert.deepEqual(terms('申请退款流程'), ['申请', '请退', '退款', '款流', '流程']);
    assert.ok(terms('注销账号').includes('账号'));
    assert.deepEqual(terms('修'), ['修']); // a lone character stands for itself
  });

  it('keeps model numbers whole (without joiners) and in parts', () => {
    assert.deepEqual(terms('KFR-35GW'), ['kfr35gw', 'kfr', '35gw']);
    assert.deepEqual(terms('WD-100X'), ['wd100x', 'wd', '100x']);
    assert.deepEqual(terms('Wi-Fi'), ['wifi', 'wi', 'fi']);
  });

  it('folds width, case, accents and Traditional characters', () => {
    assert.equal(foldForSearch('ＫＦＲ－３５ＧＷ'), 'kfr-35gw');
    assert.equal(foldForSearch('Café Résumé'), 'cafe resume');
    assert.equal(foldForSearch('維修 發票 退貨'), '维修 发票 退货');
    assert.deepEqual(terms('ＫＦＲ－３５ＧＷ'), terms('kfr-35gw'));
  });

  it('stems English words and drops stop words', () => {
    assert.deepEqual(terms('Installing the installation'), ['instal', 'instal']);
    assert.deepEqual(terms('refunds refunded'), ['refund', 'refund']);
    assert.deepEqual(terms("can't"), ['cant']);
  });

  it('reports where each token came from in the original text', () => {
    const text = 'ＫＦＲ－３５ＧＷ 維修 Café';
    assert.deepEqual(
      tokenizeForSearch(text).map((t) => [t.term, text.slice(t.start, t.end)]),
      [['kfr35gw', 'ＫＦＲ－３５ＧＷ'], ['kfr', 'ＫＦＲ'], ['35gw', '３５ＧＷ'], ['维修', '維修'], ['cafe', 'Café']],
    );
  });
});

describe('search finds words the way customers type them', () => {
  it('finds 退款 in 申请退款流程 and 账号 in 注销账号', () => {
    assert.equal(ids(index, '退款')[0], 'refund');
    assert.equal(ids(index, '账号')[0], 'account');
  });

  it('finds a model number whole, without its hyphen, in parts and in full width', () => {
    for (const q of ['KFR-35GW', 'kfr35gw', '35GW', 'ＫＦＲ－３５ＧＷ 显示', 'KFR-35GW E1']) assert.equal(ids(index, q)[0], 'ac-e1', q);
    assert.equal(ids(index, 'WD-100X 螺丝')[0], 'washer');
  });

  it('folds Traditional characters and accents in queries', () => {
    assert.equal(ids(index, '發票')[0], 'invoice');
    assert.equal(ids(index, '申請退款')[0], 'refund');
    assert.equal(ids(index, 'cafe')[0], 'en-cafe');
    assert.equal(ids(index, 'CAFÉ')[0], 'en-cafe');
  });

  it('matches English word forms through stemming', () => {
    assert.equal(ids(index, 'refund')[0], 'en-refund'); // body says "Refunds"
    assert.equal(ids(index, 'install')[0], 'en-warranty'); // body says "Installed"
  });

  it('tolerates typos in English words (bounded: one edit, two from eight letters)', () => {
    assert.equal(ids(index, 'refnd')[0], 'en-refund');
    assert.equal(ids(index, 'warrenty')[0], 'en-warranty');
    assert.deepEqual(ids(index, 'xqzv'), []);
    assert.deepEqual(createKnowledgeIndex(ARTICLES, { typos: false }).search('refnd'), []);
  });

  it('matches same-sound Chinese typos through pinyin where the runtime has Chinese collation', (t) => {
    if (!pinyinSupported()) return t.skip('no Chinese collation in this runtime');
    // prefix: false, so type-ahead (装 → 装预) cannot be what finds them.
    assert.equal(index.search('按装', { prefix: false })[0]?.id, 'install'); // 按装 → 安装
    assert.equal(index.search('发漂', { prefix: false })[0]?.id, 'invoice'); // 发漂 → 发票
    assert.deepEqual(createKnowledgeIndex(ARTICLES, { pinyin: false }).search('发漂', { prefix: false }), []);
  });

  it('treats the last word as a prefix while typing', () => {
    assert.equal(ids(index, 'refu')[0], 'en-refund');
    assert.equal(ids(index, '申请退')[0], 'refund');
    assert.equal(ids(index, 'warranty pol')[0], 'en-warranty');
  });
});
