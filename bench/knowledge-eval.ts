// Shared test data, quality metrics and the large generated corpus for the knowledge benchmark.
import { readFileSync } from 'node:fs';
import type { KnowledgeArticle } from '../src/index.js';
import { seededRandom } from '../test/support/seeded-random.js';

export interface DataArticle extends KnowledgeArticle {
  locale: 'zh-CN' | 'en';
  category: string;
  tags: string[];
}
export interface DataQuery {
  q: string;
  relevant: string[];
  kind: string;
}

/** The shared data set lives beside the project (CI clones the project next to ../shared). */
export const DATA_DIR = '../shared/data';
export const loadArticles = (): DataArticle[] => JSON.parse(readFileSync(`${DATA_DIR}/kb-articles.json`, 'utf8')) as DataArticle[];
export const loadQueries = (): DataQuery[] => JSON.parse(readFileSync(`${DATA_DIR}/kb-queries.json`, 'utf8')) as DataQuery[];

/** Per the data README: a query with Chinese characters is labelled against zh-CN articles, any other against en. */
export const queryLocale = (q: string): 'zh-CN' | 'en' => (/\p{Script=Han}/u.test(q) ? 'zh-CN' : 'en');

/** What a system under test returns for one query: ids best first (top 10) and, if it has one, a confidence of the top hit. */
export interface Answer {
  ids: string[];
  confidence?: number;
}
export type Searcher = (query: string, locale: 'zh-CN' | 'en') => Answer;

export interface Quality {
  /** `${group}` → mean recall@5 and MRR@10 over answerable queries; groups: all, zh, en, kind, zh:kind, en:kind. */
  groups: Map<string, { n: number; recall5: number; mrr10: number }>;
  /** Top-hit confidence of every query, with whether it is a no-answer query. */
  confidences: Array<{ confidence: number; noAnswer: boolean; kind: string }>;
}

export function evaluate(search: Searcher, queries: DataQuery[], articleLocale: Map<string, string>): Quality {
  const sums = new Map<string, { n: number; recall5: number; mrr10: number }>();
  const confidences: Quality['confidences'] = [];
  for (const q of queries) {
    const locale = queryLocale(q.q);
    // Hits in the other language count as not relevant.
    const answer = search(q.q, locale);
    const ids = answer.ids.filter((id) => articleLocale.get(id) === locale).slice(0, 10);
    confidences.push({ confidence: answer.confidence ?? 0, noAnswer: q.kind === 'no-answer', kind: q.kind });
    if (q.kind === 'no-answer') continue;
    const recall5 = q.relevant.filter((id) => ids.slice(0, 5).includes(id)).length / q.relevant.length;
    const first = ids.findIndex((id) => q.relevant.includes(id));
    const mrr10 = first >= 0 ? 1 / (first + 1) : 0;
    const lang = locale === 'en' ? 'en' : 'zh';
    for (const g of ['all', lang, q.kind, `${lang}:${q.kind}`]) {
      const s = sums.get(g) ?? { n: 0, recall5: 0, mrr10: 0 };
      s.n++;
      s.recall5 += recall5;
      s.mrr10 += mrr10;
      sums.set(g, s);
    }
  }
  for (const s of sums.values()) {
    s.recall5 /= s.n;
    s.mrr10 /= s.n;
  }
  return { groups: sums, confidences };
}

/** Share of no-answer queries rejected (top confidence below `threshold`) and of answerable ones wrongly rejected. */
export function rejection(quality: Quality, threshold: number): { noAnswerRejected: number; answerableRejected: number } {
  const na = quality.confidences.filter((c) => c.noAnswer);
  const ans = quality.confidences.filter((c) => !c.noAnswer);
  return {
    noAnswerRejected: na.filter((c) => c.confidence < threshold).length / na.length,
    answerableRejected: ans.filter((c) => c.confidence < threshold).length / ans.length,
  };
}

/** Probability that a no-answer query gets a lower top confidence than an answerable one (ROC AUC). */
export function separation(quality: Quality): number {
  const na = quality.confidences.filter((c) => c.noAnswer).map((c) => c.confidence);
  const ans = quality.confidences.filter((c) => !c.noAnswer).map((c) => c.confidence);
  let wins = 0;
  for (const a of na) for (const b of ans) wins += a < b ? 1 : a === b ? 0.5 : 0;
  return wins / (na.length * ans.length);
}

/** Deterministic PRNG so every run builds the same large corpus. */
export const random = seededRandom;

const SERIES_ZH = ['睿享', '清风', '悦家', '静音王', '智慧', '星河', '雅致', '极光', '净界', '恒温', '快净', '臻品', '劲冷', '暖阳', '澄澈', '畅联'];
const SERIES_EN = ['Aero', 'Breeze', 'Core', 'Delta', 'Echo', 'Flux', 'Glide', 'Halo', 'Ion', 'Jade', 'Kite', 'Lumen', 'Mist', 'Nova', 'Orbit', 'Pulse'];
const MODEL = /\b([A-Z]{1,4})-(\d{2,4})([A-Z]{0,3})\b/g;

/**
 * `count` articles made from the shared ones for scale tests: each keeps a base article's
 * topic but gets a product series in its title and tags, its sentences shuffled, a
 * sentence from another article of the same language and category, and new model numbers.
 */
export function largeCorpus(base: DataArticle[], count: number, seed = 7): DataArticle[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const sentences = (body: string) => body.split(/(?<=[。！？；.!?;])\s*/u).filter((s) => s.length > 0);
  const peers = new Map<string, DataArticle[]>();
  for (const a of base) {
    const key = `${a.locale}/${a.category}`;
    peers.set(key, [...(peers.get(key) ?? []), a]);
  }
  const out: DataArticle[] = [];
  for (let i = 0; i < count; i++) {
    const a = base[i % base.length]!;
    const zh = a.locale === 'zh-CN';
    const series = zh ? pick(SERIES_ZH) : pick(SERIES_EN);
    const model = (text: string) => text.replace(MODEL, (_m, p: string, _d: string, s: string) => `${p}-${10 + Math.floor(rnd() * 990)}${s}`);
    const body = sentences(a.body).sort(() => rnd() - 0.5);
    body.push(pick(sentences(pick(peers.get(`${a.locale}/${a.category}`)!).body)));
    out.push({
      ...a,
      id: `gen-${i}`,
      title: zh ? `${a.title}（${series}系列）` : `${a.title} (${series} series)`,
      body: model(body.join(zh ? '' : ' ')),
      tags: [...a.tags, series],
    });
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}
