import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createKnowledgeIndex,
  knowledgeIndexFromJSON,
  RECOMMENDED_MIN_CONFIDENCE,
  ValidationError,
  type KnowledgeArticle,
  type KnowledgeHit,
} from '../../src/index.js';

interface Article extends KnowledgeArticle {
  category?: string;
}

const ARTICLES: Article[] = [
  { id: 'a1', title: '申请退款流程', body: '在订单详情页点击「申请售后」，选择仅退款或退货退款，审核通过后 1–3 个工作日原路退回。', tags: ['退款', '售后'], locale: 'zh-CN', category: 'returns' },
  { id: 'a2', title: '空调不制冷怎么办', body: '请检查遥控器是否设为制冷模式，滤网是否堵塞，室外机是否被遮挡。', tags: ['空调', '制冷'], locale: 'zh-CN', category: 'troubleshooting' },
  { id: 'a3', title: '洗衣机漏水', body: '检查进水管接头是否拧紧，排水管是否破损。', tags: ['洗衣机', '漏水'], locale: 'zh-CN', category: 'troubleshooting' },
  { id: 'a4', title: 'How long does a refund take?', body: 'Refunds reach your original payment method within 3–5 working days after the return is received.', tags: ['refund'], locale: 'en', category: 'returns' },
  { id: 'a5', title: 'Air conditioner not cooling', body: 'Check the remote is in cooling mode, clean the filter and make sure the outdoor unit is not blocked.', tags: ['air conditioner'], locale: 'en', category: 'troubleshooting' },
];

const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id);

/** Every highlighted range of every hit marks text that folds to something the query asked for. */
function assertRangesInside(hit: KnowledgeHit) {
  for (const [s, e] of hit.titleHighlights) assert.ok(s >= 0 && e <= hit.title.length && s < e);
  for (const [s, e] of hit.snippet.highlights) assert.ok(s >= 0 && e <= hit.snippet.text.length && s < e);
}

describe('createKnowledgeIndex', () => {
  it('returns hits best first with id, score, confidence, title, snippet and locale', () => {
    const index = createKnowledgeIndex(ARTICLES);
    const [hit, ...rest] = index.search('空调不制冷');
    assert.equal(hit?.id, 'a2');
    assert.equal(hit.title, '空调不制冷怎么办');
    assert.equal(hit.locale, 'zh-CN');
    assert.equal(hit.confidence, 1);
    assert.equal(hit.article.category, 'troubleshooting'); // extra fields are kept
    for (const r of rest) assert.ok(r.score <= hit.score);
    assertRangesInside(hit);
  });

  it('gives no hits for an empty or blank query', () => {
    const index = createKnowledgeIndex(ARTICLES);
    assert.deepEqual(index.search(''), []);
    assert.deepEqual(index.search('   '), []);
    assert.deepEqual(index.suggest(''), []);
  });

  it('adds, removes and updates articles without a rebuild', () => {
    const index = createKnowledgeIndex<Article>(ARTICLES);
    assert.equal(index.size, 5);
    index.add({ id: 'a6', title: '热水器不加热', body: '检查电源和温控器设置。', locale: 'zh-CN' });
    assert.equal(index.size, 6);
    assert.equal(ids(index.search('热水器'))[0], 'a6');

    assert.equal(index.remove('a6'), true);
    assert.equal(index.remove('a6'), false);
    assert.equal(index.size, 5);
    assert.ok(!ids(index.search('热水器')).includes('a6'));

    index.update({ ...ARTICLES[2]!, title: '滚筒洗衣机排水慢', body: '清理排水泵过滤器。' });
    assert.equal(index.size, 5);
    assert.ok(!ids(index.search('进水管')).includes('a3'));
    assert.equal(ids(index.search('排水慢'))[0], 'a3');
    assert.equal(index.get('a3')?.title, '滚筒洗衣机排水慢');
    assert.equal(index.has('a3'), true);

    index.update({ id: 'a7', title: '新文章', body: '更新一个不存在的 id 会新增它。' });
    assert.equal(index.size, 6);
  });

  it('refuses malformed articles and duplicate ids with a ValidationError listing every field', () => {
    const index = createKnowledgeIndex(ARTICLES);
    assert.throws(() => index.add({ ...ARTICLES[0]! }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path === 'id');
    assert.throws(
      () => createKnowledgeIndex([{ id: '', title: 1, body: null, tags: 'x' } as unknown as KnowledgeArticle]),
      (e: unknown) => e instanceof ValidationError && e.issues.map((i) => i.path).join() === 'articles[0].id,articles[0].title,articles[0].body,articles[0].tags',
    );
  });

  it('prefers the asker’s language, can insist on it, and filters by any field', () => {
    const index = createKnowledgeIndex<Article>(ARTICLES);
    // "refund" (Latin) and 退款: each ranks its own language first.
    assert.equal(index.search('退款')[0]?.locale, 'zh-CN');
    assert.equal(index.search('refund', { locale: 'en' })[0]?.id, 'a4');
    const mixed = index.search('air conditioner 空调', { locale: 'en-GB' });
    assert.equal(mixed[0]?.locale, 'en');
    assert.ok(index.search('空调 air conditioner', { locale: 'zh', strictLocale: true }).every((h) => h.locale === 'zh-CN'));
    assert.deepEqual(ids(index.search('空调', { filter: (a) => a.category === 'returns' })), []);
    assert.equal(index.search('退款 refund', { limit: 1 }).length, 1);
  });

  it('reports a confidence: full for a covered query, low for a question no article answers', () => {
    const index = createKnowledgeIndex(ARTICLES);
    assert.equal(index.search('洗衣机漏水')[0]?.confidence, 1);
    const dishwasher = index.search('洗碗机不出热水');
    assert.ok((dishwasher[0]?.confidence ?? 0) < RECOMMENDED_MIN_CONFIDENCE, `confidence ${dishwasher[0]?.confidence}`);
    assert.deepEqual(index.search('洗碗机不出热水', { minConfidence: RECOMMENDED_MIN_CONFIDENCE }), []);
    assert.deepEqual(createKnowledgeIndex(ARTICLES, { minConfidence: 0.9 }).search('洗碗机不出热水'), []);
  });

  it('survives a filter that searches the same index again', () => {
    const index = createKnowledgeIndex(ARTICLES);
    const hits = index.search('空调', { filter: () => index.search('退款').length > 0 });
    assert.deepEqual(ids(hits), ids(index.search('空调')));
  });
});

describe('snippets and highlights', () => {
  it('marks the matched words as ranges in the title and the snippet', () => {
    const index = createKnowledgeIndex(ARTICLES);
    const [hit] = index.search('退款');
    assert.ok(hit);
    assert.deepEqual(hit.titleHighlights, [[2, 4]]);
    assert.equal(hit.title.slice(2, 4), '退款');
    for (const [s, e] of hit.snippet.highlights) assert.equal(hit.snippet.text.slice(s, e), '退款');
    assert.equal(hit.snippet.highlights.length, 2);
  });

  it('marks English matches in their original case and form', () => {
    const index = createKnowledgeIndex(ARTICLES);
    const [hit] = index.search('refunds received', { locale: 'en' });
    assert.equal(hit?.id, 'a4');
    const marked = hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e));
    assert.deepEqual(marked, ['Refunds', 'received']);
  });

  it('cuts long bodies around the matches, with … and ranges counted in the snippet text', () => {
    const body = `${'前言部分与问题无关。'.repeat(20)}如遇压缩机故障，请联系售后更换压缩机。${'结尾部分与问题无关。'.repeat(20)}`;
    const index = createKnowledgeIndex([{ id: 'long', title: '长文章', body }]);
    const [hit] = index.search('压缩机', { snippetLength: 60 });
    assert.ok(hit);
    const { text, highlights } = hit.snippet;
    assert.ok(text.startsWith('…') && text.endsWith('…'), text);
    assert.ok(text.length <= 62);
    assert.equal(highlights.length, 2);
    for (const [s, e] of highlights) assert.equal(text.slice(s, e), '压缩机');
    // The snippet starts at a sentence boundary near the first match.
    assert.ok(text.slice(1).startsWith('如遇压缩机'), text);
  });

  it('returns the start of the body, unmarked, when only the title matched', () => {
    const index = createKnowledgeIndex([{ id: 't', title: 'Printer driver', body: 'Download the installer from the support site.' }]);
    const [hit] = index.search('printer');
    assert.deepEqual(hit?.snippet, { text: 'Download the installer from the support site.', highlights: [] });
    assert.deepEqual(hit?.titleHighlights, [[0, 7]]);
  });
});

describe('suggest', () => {
  it('serves type-ahead from a partial word, with title highlights', () => {
    const index = createKnowledgeIndex(ARTICLES);
    const [first] = index.suggest('申请退');
    assert.equal(first?.id, 'a1');
    assert.ok(first.highlights.length > 0);
    assert.equal(index.suggest('how long does a ref', { locale: 'en' })[0]?.id, 'a4');
    assert.ok(index.suggest('空', { limit: 2 }).length <= 2);
  });
});

describe('toJSON / knowledgeIndexFromJSON', () => {
  it('round-trips to an index with identical results, through an object or its JSON text', () => {
    const index = createKnowledgeIndex<Article>(ARTICLES, { weights: { title: 4 } });
    index.add({ id: 'x', title: '临时文章', body: '稍后删除。' });
    index.remove('a3'); // leaves a hole that toJSON compacts
    const json = index.toJSON();
    assert.equal(json.format, 'aftercare-knowledge-index');
    assert.deepEqual(json.options, { weights: { title: 4 } });
    for (const copy of [knowledgeIndexFromJSON(json), knowledgeIndexFromJSON<Article>(JSON.stringify(index))]) {
      assert.equal(copy.size, index.size);
      for (const q of ['退款', 'refund', '空调不制冷', 'air condtioner', '临时', '申请退', '漏水']) {
        assert.deepEqual(copy.search(q), index.search(q), q);
        assert.deepEqual(copy.suggest(q), index.suggest(q), q);
      }
      copy.add({ id: 'y', title: '载入后新增', body: '载入的索引可以继续增删。' });
      assert.equal(copy.search('新增')[0]?.id, 'y');
    }
  });

  it('refuses data that is not a serialised index', () => {
    assert.throws(() => knowledgeIndexFromJSON('{'), ValidationError);
    assert.throws(() => knowledgeIndexFromJSON({ format: 'other' } as never), ValidationError);
    const json = createKnowledgeIndex(ARTICLES).toJSON();
    assert.throws(() => knowledgeIndexFromJSON({ ...json, postings: json.postings.slice(1) }), ValidationError);
    assert.throws(() => knowledgeIndexFromJSON({ ...json, postings: json.postings.map(() => '_') }), ValidationError);
  });
});
