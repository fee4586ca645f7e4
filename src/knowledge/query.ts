import type { Store } from './index-store.js';
import { scanTokens, foldForSearch, type SearchTokenKind } from './tokenize.js';
import type { KnowledgeArticle, SynonymGroup } from './types.js';
import { bigramsSoundingLike, bigramsWithChar, termsNear, termsWithPrefix } from './vocabulary.js';

/**
 * A query becomes clauses, one per distinct query term. A clause matches a document
 * through its best alternative: the term itself, or a near match (prefix completion,
 * Latin typo, same-sound Chinese bigram, synonym) at a lower factor. Clause weights say
 * how much a term matters: a bigram that crosses a word boundary or is a question word
 * (怎么, 如何) counts less than one inside a word.
 */

export interface Alternative {
  term: string;
  factor: number;
}

// One allocation site per object kind keeps their shapes stable (factors and weights mix 1 and 0.5).
const alternative = (term: string, factor: number): Alternative => ({ term, factor: +factor });

export interface Clause {
  term: string;
  kind: SearchTokenKind;
  /** Importance in ranking. */
  weight: number;
  /** Importance in the confidence: like `weight`, but words across a word boundary count less and question words not at all. */
  confidenceWeight: number;
  alternatives: Alternative[];
  /** Folded query range the clause came from. */
  start: number;
  end: number;
}

const makeClause = (term: string, kind: SearchTokenKind, weight: number, confidenceWeight: number, alternatives: Alternative[], start: number, end: number): Clause => ({
  term,
  kind,
  weight: +weight,
  confidenceWeight: +confidenceWeight,
  alternatives,
  start,
  end,
});

export interface AnalysedQuery {
  folded: string;
  clauses: Clause[];
  /** Adjacent word pairs whose presence in a document earns a phrase bonus. */
  phrases: string[];
  /** Whether the query has Chinese characters. */
  hasHan: boolean;
}

/** How much near matches are worth compared with the term itself. */
const FACTORS = { prefix: 0.9, typo1: 0.8, typo2: 0.6, sound: 0.7, char: 0.6, synonym: 0.5, part: 0.5 } as const;
/** Clause weights by how the term sits in the query. */
const WEIGHTS = { crossing: 0.5, question: 0.15, char: 0.5, code: 1, typeAhead: 0.5 } as const;

/** Bigrams of Chinese question and filler words: they say how something is asked, not what about. */
const QUESTION_BIGRAMS = new Set('怎么 么办 怎样 么样 如何 什么 为什 么会 请问 一下 可以 能不 不能 是否 的话 了吗 我的 我们 还是 应该 需要 哪里 哪儿'.split(' '));

export interface QueryOptions {
  prefix: boolean;
  typos: boolean;
  pinyin: boolean;
  synonyms: CompiledSynonyms;
}

/** Synonym phrases, folded and tokenised once per index. */
export interface CompiledSynonyms {
  phrases: Array<{
    /** Folded text (CJK phrases are found as substrings). */
    text: string;
    /** ` term term ` (Latin phrases are found as term sequences), or '' for CJK. */
    key: string;
    termCount: number;
    /** Terms of each of the group's other members (one-character Chinese members excepted). */
    targets: string[][];
  }>;
}

export function compileSynonyms(groups: readonly SynonymGroup[]): CompiledSynonyms {
  const phrases: CompiledSynonyms['phrases'] = [];
  for (const group of groups) {
    const members = group.flatMap((raw) => {
      const text = foldForSearch(raw).trim();
      const terms: string[] = [];
      scanTokens(text, (term, kind) => {
        if (kind !== 'part') terms.push(term);
      });
      if (!text || terms.length === 0) return [];
      const latin = !/[\u2e80-\u9fff]/u.test(text);
      return [{ text, terms, latin, single: !latin && [...text].length === 1 }];
    });
    members.forEach((m, i) => {
      const targets = members.filter((o, j) => j !== i && !o.single).map((o) => o.terms);
      phrases.push({ text: m.text, key: m.latin ? ` ${m.terms.join(' ')} ` : '', termCount: m.terms.length, targets });
    });
  }
  return { phrases };
}

let segmenter: Intl.Segmenter | null | undefined;
/** Word boundaries (folded positions) of a Chinese text, from Intl.Segmenter where available. */
function wordBoundaries(text: string): Set<number> | null {
  if (segmenter === undefined) {
    segmenter = typeof Intl === 'object' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  if (!segmenter) return null;
  const cuts = new Set<number>();
  for (const s of segmenter.segment(text)) cuts.add(s.index);
  return cuts;
}

export function analyseQuery<A extends KnowledgeArticle>(store: Store<A>, query: string, opts: QueryOptions): AnalysedQuery {
  const folded = foldForSearch(query);
  const hasHan = /[\u3400-\u9fff]/u.test(folded);
  const cuts = hasHan ? wordBoundaries(folded) : null;
  const raw: Array<{ term: string; kind: SearchTokenKind; start: number; end: number; surface?: string }> = [];
  scanTokens(folded, (term, kind, start, end, surface) => raw.push(surface === undefined ? { term, kind, start, end } : { term, kind, start, end, surface }));
  const endsOpen = opts.prefix && raw.length > 0 && raw[raw.length - 1]!.end === folded.length;

  const byTerm = new Map<string, Clause>();
  const clauses: Clause[] = [];
  let compound: { clause: Clause; start: number; end: number } | undefined;
  const latinWords: Array<{ term: string; start: number; end: number; surface: string }> = [];
  raw.forEach((tok, i) => {
    // A code's parts are near matches of the whole code, not terms of their own (KFR-35GW counts once).
    if (tok.kind === 'part' && compound && tok.start >= compound.start && tok.end <= compound.end) {
      const { alternatives } = compound.clause;
      if (store.postings.has(tok.term) && !alternatives.some((a) => a.term === tok.term)) alternatives.push(alternative(tok.term, FACTORS.part));
      return;
    }
    let weight = 1;
    let confidenceWeight = 1;
    if (tok.kind === 'bigram') {
      if (QUESTION_BIGRAMS.has(tok.term)) {
        weight = WEIGHTS.question;
        confidenceWeight = 0;
      } else if (cuts?.has(tok.end - (tok.term.length === 2 ? 1 : 2))) {
        weight = WEIGHTS.crossing;
        confidenceWeight = WEIGHTS.crossing / 2;
      }
    } else if (tok.kind === 'char') {
      weight = confidenceWeight = WEIGHTS.char;
    } else if (tok.kind === 'code' || tok.kind === 'compound') {
      weight = WEIGHTS.code;
    }
    if (tok.kind === 'word' || tok.kind === 'code') latinWords.push({ term: tok.term, start: tok.start, end: tok.end, surface: tok.surface! });

    const existing = byTerm.get(tok.term);
    if (existing) {
      existing.weight = Math.max(existing.weight, weight);
      existing.confidenceWeight = Math.max(existing.confidenceWeight, confidenceWeight);
      compound = tok.kind === 'compound' ? { clause: existing, start: tok.start, end: tok.end } : undefined;
      return;
    }
    const clause = makeClause(tok.term, tok.kind, weight, confidenceWeight, [], tok.start, tok.end);
    byTerm.set(tok.term, clause);
    clauses.push(clause);
    const alts = new Map<string, number>();
    const offer = (term: string, factor: number) => {
      if (factor > (alts.get(term) ?? 0) && store.postings.has(term)) alts.set(term, factor);
    };
    offer(tok.term, 1);
    const known = alts.size > 0;
    const isLast = endsOpen && tok.end === folded.length && (i === raw.length - 1 || raw[raw.length - 1]!.end === tok.end);
    const latin = tok.kind !== 'bigram' && tok.kind !== 'char';
    if (latin && isLast && tok.surface && tok.surface.length >= 2) {
      for (const t of termsWithPrefix(store, tok.surface, 20)) offer(t, FACTORS.prefix);
      // What was typed may run past a stem (installat → instal).
      for (let len = tok.surface.length - 1; len >= 4; len--) offer(tok.surface.slice(0, len), FACTORS.prefix);
    }
    if (opts.typos && !known && (tok.kind === 'word' || tok.kind === 'part') && tok.surface && tok.surface.length >= 4) {
      const max = tok.surface.length >= 8 ? 2 : 1;
      for (const [t, d] of termsNear(store, [tok.term, tok.surface], max, 4)) offer(t, d <= 1 ? FACTORS.typo1 : FACTORS.typo2);
    }
    if (opts.pinyin && !known && tok.kind === 'bigram') {
      for (const t of bigramsSoundingLike(store, tok.term, 4)) offer(t, FACTORS.sound);
    }
    if (tok.kind === 'char') {
      for (const t of bigramsWithChar(store, tok.term, 20)) offer(t, FACTORS.char);
    }
    clause.alternatives = [...alts].map(([term, factor]) => alternative(term, factor));
    compound = tok.kind === 'compound' ? { clause, start: tok.start, end: tok.end } : undefined;
  });

  // Type-ahead in Chinese: when the text stops mid-word (its last bigram is no known
  // term), the last character typed starts a word (申请退 → 退款, 退货).
  const last = raw[raw.length - 1];
  if (endsOpen && last?.kind === 'bigram' && !store.postings.has(last.term)) {
    const char = [...folded.slice(Math.max(0, last.end - 2), last.end)].pop()!;
    const alternatives = bigramsWithChar(store, char, 20)
      .filter((t) => t.startsWith(char))
      .map((term) => alternative(term, FACTORS.prefix));
    if (alternatives.length > 0) {
      clauses.push(makeClause(char, 'char', WEIGHTS.typeAhead, 0, alternatives, last.end - char.length, last.end));
    }
  }

  expandSynonyms(folded, clauses, latinWords, opts.synonyms, store, cuts);
  return { folded, clauses, phrases: phrasesOf(folded, raw), hasHan };
}

function expandSynonyms<A extends KnowledgeArticle>(
  folded: string,
  clauses: Clause[],
  latinWords: Array<{ term: string; start: number; end: number }>,
  synonyms: CompiledSynonyms,
  store: Store<A>,
  cuts: Set<number> | null,
): void {
  if (synonyms.phrases.length === 0) return;
  const df = (t: string) => (store.postings.get(t)?.length ?? 0) / 2;
  const latinSeq = latinWords.length > 0 ? ` ${latinWords.map((w) => w.term).join(' ')} ` : '';
  for (const p of synonyms.phrases) {
    let s: number;
    let e: number;
    if (p.key) {
      const at = latinSeq.indexOf(p.key);
      if (at < 0) continue;
      let first = 0; // words before the match = spaces before it
      for (let i = 0; i < at; i++) if (latinSeq[i] === ' ') first++;
      s = latinWords[first]!.start;
      e = latinWords[first + p.termCount - 1]!.end;
    } else {
      s = folded.indexOf(p.text);
      if (s < 0) continue;
      e = s + p.text.length;
    }
    const single = !p.key && e - s === 1;
    // One character is a word only where the segmenter says so (修 in 修到哪了, not in 保修期).
    if (single && !(cuts?.has(s) && (cuts.has(e) || e === folded.length))) continue;
    // A member stands for itself through its most specific indexed term (安装工 → 装工, not 安装).
    const targets: string[] = [];
    for (const terms of p.targets) {
      let best: string | undefined;
      for (const t of terms) if (df(t) > 0 && (best === undefined || df(t) < df(best))) best = t;
      if (best !== undefined) targets.push(best);
    }
    for (const clause of clauses) {
      // A clause inside the phrase takes the phrase's synonyms (for one character, clauses containing it).
      const inside = single ? clause.start <= s && clause.end >= e : clause.start >= s && clause.end <= e;
      if (!inside) continue;
      for (const term of targets) {
        const alt = clause.alternatives.find((a) => a.term === term);
        if (alt) alt.factor = Math.max(alt.factor, FACTORS.synonym);
        else clause.alternatives.push(alternative(term, FACTORS.synonym));
      }
    }
  }
}

/**
 * Adjacent word pairs of the query ("paper jam"), for the phrase bonus. Chinese needs no
 * such pairs: its bigrams already say which characters stand together (a trigram bonus
 * measured slightly worse on the test set).
 */
function phrasesOf(folded: string, raw: Array<{ kind: SearchTokenKind; start: number; end: number; surface?: string }>): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i++) {
    const a = raw[i]!;
    const b = raw[i + 1]!;
    const latin = (k: SearchTokenKind) => k === 'word' || k === 'code';
    if (latin(a.kind) && latin(b.kind) && a.surface && b.surface && /^\s+$/.test(folded.slice(a.end, b.start))) out.add(`${a.surface} ${b.surface}`);
  }
  return [...out];
}
