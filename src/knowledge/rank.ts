import { CHAR_BASE, foldedText, languageOf, TF_BITS, type Store } from './index-store.js';
import { termMatcher, type TermMatcher } from './tokenize.js';
import type { AnalysedQuery } from './query.js';
import type { KnowledgeArticle } from './types.js';

/**
 * BM25F ranking: per clause, the best alternative's BM25 score over the weighted title,
 * tags and body frequencies. The best candidates are then re-scored with the Chinese
 * characters they share with the query (idf-weighted) and a phrase bonus for holding the
 * query's adjacent English words together. The confidence is the share of the
 * query's idf-weighted clauses a document covers.
 */

export interface RankOptions<A extends KnowledgeArticle> {
  limit: number;
  weights: [number, number, number];
  locale: string | undefined;
  strictLocale: boolean;
  minConfidence: number;
  filter: ((article: A) => boolean) | undefined;
}

export interface Ranked {
  slot: number;
  score: number;
  confidence: number;
}

const K1 = 1.2;
const B = 0.75;
/** Weight of the character overlap (see {@link rank}). */
const CHARACTER_WEIGHT = 0.2;
/** At most this much is added for holding all of the query's phrases contiguously. */
const PHRASE_BONUS = 0.5;
/** Candidates re-scored with the phrase bonus. */
const RERANK = 50;
const MASK = (1 << TF_BITS) - 1;

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/**
 * Per-store working memory: BM25 length norms per document and field (recomputed when
 * documents change), and per-slot accumulators that are zeroed again after each query.
 */
interface Scratch {
  version: number;
  norms: Float64Array;
  scores: Float64Array;
  cover: Float64Array;
  best: Float64Array;
  bestFactor: Float64Array;
  /** Slots hit by the current clause, and slots hit by any clause. */
  hit: Int32Array;
  touched: Int32Array;
  busy: boolean;
}
const scratches = new WeakMap<object, Scratch>();

/**
 * Each posting's BM25F term-frequency part, (k1 + 1)·tf / (tf + k1) with tf summed over
 * weighted, length-normalised fields: fixed until documents change, so it is computed
 * once per postings list and revision and ranking just multiplies by the term's weight.
 */
const saturations = new WeakMap<number[], { revision: number; values: Float32Array }>();

function saturation(list: number[], revision: number, norms: Float64Array, weights: [number, number, number]): Float32Array {
  let cached = saturations.get(list);
  if (!cached || cached.revision !== revision || cached.values.length !== list.length / 2) {
    const [wt, wg, wb] = weights;
    const values = new Float32Array(list.length / 2);
    for (let i = 0; i < list.length; i += 2) {
      const o = list[i]! * 3;
      const packed = list[i + 1]!;
      const tf = (wt * (packed >>> 16)) / norms[o]! + (wg * ((packed >>> TF_BITS) & MASK)) / norms[o + 1]! + (wb * (packed & MASK)) / norms[o + 2]!;
      values[i >> 1] = (tf * (K1 + 1)) / (tf + K1);
    }
    cached = { revision, values };
    saturations.set(list, cached);
  }
  return cached.values;
}

function scratchFor<A extends KnowledgeArticle>(store: Store<A>): Scratch {
  const size = store.docs.length;
  let s = scratches.get(store);
  if (!s || s.busy) {
    // A filter that searches again gets its own buffers.
    const empty = new Float64Array(0);
    const fresh: Scratch = { version: -1, norms: empty, scores: empty, cover: empty, best: empty, bestFactor: empty, hit: new Int32Array(0), touched: new Int32Array(0), busy: false };
    if (!s) scratches.set(store, fresh);
    s = fresh;
  }
  if (s.scores.length < size) {
    const n = Math.max(size, s.scores.length * 2, 64);
    Object.assign(s, {
      version: -1,
      norms: new Float64Array(3 * n),
      scores: new Float64Array(n),
      cover: new Float64Array(n),
      best: new Float64Array(n),
      bestFactor: new Float64Array(n),
      hit: new Int32Array(n),
      touched: new Int32Array(n),
    });
  }
  const version = store.revision;
  if (s.version !== version) {
    const avg = store.totals.map((t) => (store.count > 0 && t > 0 ? t / store.count : 1));
    store.docs.forEach((d, slot) => {
      if (!d) return;
      for (let f = 0; f < 3; f++) s!.norms[slot * 3 + f] = 1 - B + (B * d.lengths[f]!) / avg[f]!;
    });
    s.version = version;
  }
  return s;
}

export function rank<A extends KnowledgeArticle>(store: Store<A>, q: AnalysedQuery, opts: RankOptions<A>): Ranked[] {
  const n = store.count;
  if (n === 0 || q.clauses.length === 0) return [];
  const s = scratchFor(store);
  const { norms, scores, cover, best, bestFactor, hit, touched } = s;
  let count = 0;
  let totalMass = 0;

  s.busy = true;
  for (const clause of q.clauses) {
    const mass = clause.confidenceWeight * idf(n, (store.postings.get(clause.term)?.length ?? 0) / 2);
    totalMass += mass;
    let hits = 0;
    for (const alt of clause.alternatives) {
      const list = store.postings.get(alt.term);
      if (!list) continue;
      const w = alt.factor * idf(n, list.length / 2);
      const factor = alt.factor;
      const sat = saturation(list, store.revision, norms, opts.weights);
      for (let i = 0; i < list.length; i += 2) {
        const slot = list[i]!;
        const v = w * sat[i >> 1]!;
        if (bestFactor[slot] === 0) hit[hits++] = slot;
        if (v > best[slot]!) best[slot] = v;
        if (factor > bestFactor[slot]!) bestFactor[slot] = factor;
      }
    }
    for (let h = 0; h < hits; h++) {
      const slot = hit[h]!;
      if (scores[slot] === 0) touched[count++] = slot;
      scores[slot]! += clause.weight * best[slot]!;
      cover[slot]! += mass * bestFactor[slot]!;
      best[slot] = 0;
      bestFactor[slot] = 0;
    }
  }

  // Candidates in the asker's language (if strict) that pass the filter; the best are kept.
  // A filter that searches this index again runs on fresh buffers (see scratchFor).
  const lang = opts.locale !== undefined ? languageOf(opts.locale) : q.hasHan ? 'zh' : '';
  const prefers = (slot: number) => !lang || !store.docs[slot]!.lang || store.docs[slot]!.lang === lang;
  const accept = (slot: number) => (!opts.strictLocale || prefers(slot)) && (!opts.filter || opts.filter(store.docs[slot]!.article));
  let top: number[];
  let topScore: Float64Array;
  let topCover: Float64Array;
  try {
    top = topSlots(touched, count, scores, Math.max(RERANK, opts.limit), accept);
    topScore = Float64Array.from(top, (slot) => scores[slot]!);
    topCover = Float64Array.from(top, (slot) => cover[slot]!);
  } finally {
    for (let i = 0; i < count; i++) {
      scores[touched[i]!] = 0;
      cover[touched[i]!] = 0;
    }
    s.busy = false;
  }

  // Characters the query shares with a candidate, weighted by rarity: reworded questions
  // (冰箱里的东西不凉 for 冰箱不制冷) often share characters where they share no bigram.
  const chars: Array<[string, number]> = [];
  for (const c of new Set(q.folded)) {
    const df = store.charDf[c.charCodeAt(0) - CHAR_BASE];
    if (c.length === 1 && df) chars.push([c, CHARACTER_WEIGHT * idf(n, df)]);
  }
  const ranked: Ranked[] = [];
  for (let i = 0; i < top.length; i++) {
    const slot = top[i]!;
    let score = topScore[i]!;
    if (chars.length > 0) {
      const text = foldedText(store.docs[slot]!);
      for (const [c, w] of chars) if (text.includes(c)) score += w;
    }
    if (q.phrases.length > 0) {
      const text = foldedText(store.docs[slot]!);
      let found = 0;
      for (const p of q.phrases) if (text.includes(p)) found++;
      score *= 1 + (PHRASE_BONUS * found) / q.phrases.length;
    }
    ranked.push({ slot, score, confidence: totalMass > 0 ? Math.min(1, topCover[i]! / totalMass) : 0 });
  }
  ranked.sort((a, b) => Number(prefers(b.slot)) - Number(prefers(a.slot)) || b.score - a.score || a.slot - b.slot);
  return ranked.filter((r) => r.confidence >= opts.minConfidence).slice(0, opts.limit);
}

/** The `k` accepted slots among `slots[0..count)` with the highest scores (ties: lower slot first), in no particular order. */
function topSlots(slots: Int32Array, count: number, scores: Float64Array, k: number, accept: (slot: number) => boolean): number[] {
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  // Min-heap of the best k so far, worst at the root.
  const heap: number[] = [];
  for (let n = 0; n < count; n++) {
    const slot = slots[n]!;
    if (heap.length === k && !better(slot, heap[0]!)) continue;
    if (!accept(slot)) continue;
    if (heap.length < k) {
      heap.push(slot);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!better(heap[p]!, heap[i]!)) break;
        const t = heap[i]!;
        heap[i] = heap[p]!;
        heap[p] = t;
        i = p;
      }
      continue;
    }
    heap[0] = slot;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[m]!, heap[l]!)) m = l;
      if (r < heap.length && better(heap[m]!, heap[r]!)) m = r;
      if (m === i) break;
      const t = heap[i]!;
      heap[i] = heap[m]!;
      heap[m] = t;
      i = m;
    }
  }
  return heap;
}

/**
 * Every term the query can match through (terms and their near matches), for marking
 * matches: a document's tokens with one of these terms are exactly its matched terms.
 */
export function queryTerms(q: AnalysedQuery): TermMatcher {
  const terms = new Set<string>();
  for (const clause of q.clauses) for (const alt of clause.alternatives) terms.add(alt.term);
  return termMatcher(terms);
}
