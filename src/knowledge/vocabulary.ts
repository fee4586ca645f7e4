import type { Store } from './index-store.js';
import { syllableOf } from './pinyin.js';
import type { KnowledgeArticle } from './types.js';

/**
 * Views of the index's terms that query expansion needs: Latin terms in order (prefixes,
 * typos), CJK bigrams by sound (pinyin typos) and by character (one-character queries).
 * Each is built on first use and rebuilt after terms appear or disappear.
 */
export interface Vocabulary {
  /** Lower-case ASCII terms, sorted. */
  latin: string[];
  /** Letter-set bit mask of each `latin` term, for a cheap typo prefilter. */
  masks: Int32Array;
  /** Syllable pair → bigrams that sound like it. */
  bySound: Map<number, string[]>;
  /** CJK character → bigrams containing it. */
  byChar: Map<string, string[]>;
}

const LATIN_TERM = /^[a-z0-9]+$/;

/** Bit per letter (and five buckets of digits). */
export function letterMask(word: string): number {
  let m = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    m |= c >= 97 ? 1 << (c - 97) : 1 << (26 + ((c - 48) % 5));
  }
  return m;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Optimal-string-alignment distance (insert, delete, substitute, swap neighbours) if ≤ `max`, else `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, max + 1);
}

interface Cached {
  version: number;
  latin?: { terms: string[]; masks: Int32Array; byLength: Map<number, number[]> };
  bySound?: Map<number, string[]>;
  byChar?: Map<string, string[]>;
}

const caches = new WeakMap<object, Cached>();

function cacheOf<A extends KnowledgeArticle>(store: Store<A>): Cached {
  let c = caches.get(store);
  if (!c || c.version !== store.vocabVersion) {
    c = { version: store.vocabVersion };
    caches.set(store, c);
  }
  return c;
}

function latinView<A extends KnowledgeArticle>(store: Store<A>) {
  const c = cacheOf(store);
  if (!c.latin) {
    const terms = [...store.postings.keys()].filter((t) => LATIN_TERM.test(t)).sort();
    const byLength = new Map<number, number[]>();
    terms.forEach((t, i) => {
      const list = byLength.get(t.length);
      if (list) list.push(i);
      else byLength.set(t.length, [i]);
    });
    c.latin = { terms, masks: Int32Array.from(terms, letterMask), byLength };
  }
  return c.latin;
}

/** Indexed Latin terms starting with `prefix`, most frequent first, at most `limit`. */
export function termsWithPrefix<A extends KnowledgeArticle>(store: Store<A>, prefix: string, limit: number): string[] {
  const { terms } = latinView(store);
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix); i++) out.push(terms[i]!);
  return byFrequency(store, out).slice(0, limit);
}

/** Indexed Latin terms within `max` edits of any of `forms`, nearest first: [term, distance]. */
export function termsNear<A extends KnowledgeArticle>(store: Store<A>, forms: string[], max: number, limit: number): Array<[string, number]> {
  const { terms, masks, byLength } = latinView(store);
  const found = new Map<string, number>();
  for (const form of forms) {
    const mask = letterMask(form);
    for (let len = form.length - max; len <= form.length + max; len++) {
      for (const i of byLength.get(len) ?? []) {
        if (popcount(masks[i]! ^ mask) > 2 * max) continue;
        const t = terms[i]!;
        const d = editDistance(form, t, max);
        if (d <= max && d < (found.get(t) ?? Infinity)) found.set(t, d);
      }
    }
  }
  const df = (t: string) => store.postings.get(t)?.length ?? 0;
  return [...found].sort((a, b) => a[1] - b[1] || df(b[0]) - df(a[0]) || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
}

const soundKey = (bigram: string): number => {
  const chars = [...bigram];
  if (chars.length !== 2) return -1;
  const a = syllableOf(chars[0]!);
  const b = syllableOf(chars[1]!);
  return a < 0 || b < 0 ? -1 : a * 1024 + b;
};

/** Indexed bigrams that sound like `bigram` (same toneless syllables), most frequent first. */
export function bigramsSoundingLike<A extends KnowledgeArticle>(store: Store<A>, bigram: string, limit: number): string[] {
  const key = soundKey(bigram);
  if (key < 0) return [];
  const c = cacheOf(store);
  if (!c.bySound) {
    c.bySound = new Map();
    for (const term of store.postings.keys()) {
      const k = term.length >= 2 && term.length <= 4 ? soundKey(term) : -1;
      if (k < 0) continue;
      const list = c.bySound.get(k);
      if (list) list.push(term);
      else c.bySound.set(k, [term]);
    }
  }
  return byFrequency(store, (c.bySound.get(key) ?? []).filter((t) => t !== bigram)).slice(0, limit);
}

/** Indexed bigrams containing the CJK character `char`; those starting with it first, then by frequency. */
export function bigramsWithChar<A extends KnowledgeArticle>(store: Store<A>, char: string, limit: number): string[] {
  const c = cacheOf(store);
  if (!c.byChar) {
    c.byChar = new Map();
    for (const term of store.postings.keys()) {
      const chars = [...term];
      if (chars.length !== 2 || chars[0]!.charCodeAt(0) < 0x2e80) continue;
      for (const ch of new Set(chars)) {
        const list = c.byChar.get(ch);
        if (list) list.push(term);
        else c.byChar.set(ch, [term]);
      }
    }
  }
  const list = byFrequency(store, c.byChar.get(char) ?? []);
  return [...list.filter((t) => t.startsWith(char)), ...list.filter((t) => !t.startsWith(char))].slice(0, limit);
}

function byFrequency<A extends KnowledgeArticle>(store: Store<A>, terms: string[]): string[] {
  const df = (t: string) => store.postings.get(t)?.length ?? 0;
  return terms.sort((a, b) => df(b) - df(a) || (a < b ? -1 : a > b ? 1 : 0));
}
