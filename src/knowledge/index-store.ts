import { ValidationError, type ValidationIssue } from '../errors.js';
import { packDeltas, unpackDeltas, unpackInto } from './packed.js';
import { foldForSearch, foldWithOffsets, scanTokens, type FoldedText } from './tokenize.js';
import type { KnowledgeArticle } from './types.js';

/**
 * The inverted index: term → postings, each posting a document slot and its term
 * frequency in the title, tags and body. Slots are never reused, so postings stay sorted
 * by slot and a removal is a binary search per term; `toJSON` compacts the holes.
 */

/** Term frequencies packed into one number: body | tags << 8 | title << 16 (each capped at 255). */
export const TF_BITS = 8;
const TF_MAX = 255;

export interface DocEntry<A extends KnowledgeArticle> {
  article: A;
  /** Token counts of title, tags and body. */
  lengths: [number, number, number];
  /** Primary language subtag in lower case (`zh`, `en`), or `''` when the article has no locale. */
  lang: string;
  /** Folded title, tags and body joined by newlines, made on first use (phrase checks, snippets). */
  folded: string | undefined;
  /** Whether folding kept every position (then `folded` slices line up with the original fields). */
  aligned: boolean;
}

/** Every entry gets all its fields up front, so entries share one shape (fast property access while ranking). */
const entry = <A extends KnowledgeArticle>(article: A, lengths: [number, number, number]): DocEntry<A> => ({
  article,
  lengths,
  lang: languageOf(article.locale),
  folded: undefined,
  aligned: false,
});

export interface Store<A extends KnowledgeArticle> {
  docs: Array<DocEntry<A> | undefined>;
  slots: Map<string, number>;
  /** term → [slot, packedTf, slot, packedTf, …], slots ascending. */
  postings: Map<string, number[]>;
  /** Sum of each field's lengths over live documents. */
  totals: [number, number, number];
  count: number;
  /** Bumped when a term appears or disappears, so vocabulary views know to refresh. */
  vocabVersion: number;
  /** Bumped by every add and remove, so length norms and cached scores know to refresh. */
  revision: number;
  /** Per ideograph U+3400–U+9FFF: in how many documents it appears (a ranking signal, not postings). */
  charDf: Uint32Array;
}

/** First and last code point with a character document frequency. */
export const CHAR_BASE = 0x3400;
const CHAR_COUNT = 0xa000 - CHAR_BASE;

export function createStore<A extends KnowledgeArticle>(): Store<A> {
  return { docs: [], slots: new Map(), postings: new Map(), totals: [0, 0, 0], count: 0, vocabVersion: 0, revision: 0, charDf: new Uint32Array(CHAR_COUNT) };
}

/** Adds `delta` to the document frequency of each distinct ideograph in `texts`. */
function countChars(df: Uint32Array, texts: string[], delta: 1 | -1): void {
  const seen = new Set<number>();
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i) - CHAR_BASE;
      if (c >= 0 && c < CHAR_COUNT && !seen.has(c)) {
        seen.add(c);
        df[c]! += delta;
      }
    }
  }
}

/** Primary language subtag of a locale, lower case. */
export const languageOf = (locale: string | undefined): string => (locale ? locale.split(/[-_]/)[0]!.toLowerCase() : '');

/** Refuses articles that cannot be indexed; `at` prefixes issue paths (e.g. `articles[3]`). */
export function checkArticle(article: unknown, at = ''): asserts article is KnowledgeArticle {
  const issues: ValidationIssue[] = [];
  const path = (field: string) => (at ? `${at}.${field}` : field);
  const a = article as Partial<KnowledgeArticle> | null;
  if (!a || typeof a !== 'object') {
    throw new ValidationError([{ path: at, code: 'invalid_type', message: 'article must be an object' }], 'knowledge article');
  }
  if (typeof a.id !== 'string' || a.id === '') issues.push({ path: path('id'), code: 'required', message: 'id must be a non-empty string' });
  if (typeof a.title !== 'string') issues.push({ path: path('title'), code: 'invalid_type', message: 'title must be a string' });
  if (typeof a.body !== 'string') issues.push({ path: path('body'), code: 'invalid_type', message: 'body must be a string' });
  if (a.tags !== undefined && (!Array.isArray(a.tags) || a.tags.some((t) => typeof t !== 'string'))) {
    issues.push({ path: path('tags'), code: 'invalid_type', message: 'tags must be an array of strings' });
  }
  if (a.locale !== undefined && typeof a.locale !== 'string') issues.push({ path: path('locale'), code: 'invalid_type', message: 'locale must be a string' });
  if (issues.length > 0) throw new ValidationError(issues, 'knowledge article');
}

/** An article's fields (title, tags, body), folded for indexing. */
const foldedFieldsOf = (article: KnowledgeArticle): string[] => [article.title, (article.tags ?? []).join('\n'), article.body].map(foldForSearch);

export function addToStore<A extends KnowledgeArticle>(store: Store<A>, article: A): void {
  if (store.slots.has(article.id)) {
    throw new ValidationError([{ path: 'id', code: 'invalid', message: `an article with id "${article.id}" is already indexed` }], 'knowledge article');
  }
  const slot = store.docs.length;
  const lengths: [number, number, number] = [0, 0, 0];
  const { postings } = store;
  const fields = foldedFieldsOf(article);
  countChars(store.charDf, fields, 1);
  for (let f = 0; f < 3; f++) {
    const shift = (2 - f) * TF_BITS; // title << 16, tags << 8, body << 0
    const unit = 1 << shift;
    // Postings are appended in slot order, so this article's entry, if any, is the last one.
    scanTokens(fields[f]!, (term) => {
      const list = postings.get(term);
      if (!list) {
        postings.set(term, [slot, unit]);
        store.vocabVersion++;
      } else if (list[list.length - 2] !== slot) {
        list.push(slot, unit);
      } else if (((list[list.length - 1]! >> shift) & TF_MAX) < TF_MAX) {
        list[list.length - 1]! += unit;
      } else {
        return;
      }
      lengths[f]! += 1;
    });
  }
  store.docs.push(entry(article, lengths));
  store.slots.set(article.id, slot);
  for (let f = 0; f < 3; f++) store.totals[f]! += lengths[f]!;
  store.count++;
  store.revision++;
}

/** Index of `slot` in a postings list (even positions), or -1. */
export function findSlot(list: number[], slot: number): number {
  let lo = 0;
  let hi = (list.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid * 2]!;
    if (s === slot) return mid * 2;
    if (s < slot) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function removeFromStore<A extends KnowledgeArticle>(store: Store<A>, id: string): boolean {
  const slot = store.slots.get(id);
  if (slot === undefined) return false;
  const entry = store.docs[slot]!;
  const fields = foldedFieldsOf(entry.article);
  countChars(store.charDf, fields, -1);
  const terms = new Set<string>();
  for (const field of fields) scanTokens(field, (term) => terms.add(term));
  for (const term of terms) {
    const list = store.postings.get(term);
    if (!list) continue;
    const at = findSlot(list, slot);
    if (at >= 0) list.splice(at, 2);
    if (list.length === 0) {
      store.postings.delete(term);
      store.vocabVersion++;
    }
  }
  for (let f = 0; f < 3; f++) store.totals[f]! -= entry.lengths[f]!;
  store.docs[slot] = undefined;
  store.slots.delete(id);
  store.count--;
  store.revision++;
  return true;
}

/** Folded title, tags and body of a document (cached). */
export function foldedText<A extends KnowledgeArticle>(entry: DocEntry<A>): string {
  if (entry.folded === undefined) {
    const { title, tags, body } = entry.article;
    const folded = foldWithOffsets(`${title}\n${(tags ?? []).join('\n')}\n${body}`);
    entry.folded = folded.text;
    entry.aligned = folded.starts === null;
  }
  return entry.folded;
}

/** Folded title and body of a document, reusing the cached fold when it kept positions. */
export function foldedFields<A extends KnowledgeArticle>(entry: DocEntry<A>): { title: FoldedText; body: FoldedText } {
  const text = foldedText(entry);
  const { title, body } = entry.article;
  if (!entry.aligned) return { title: foldWithOffsets(title), body: foldWithOffsets(body) };
  return {
    title: { text: text.slice(0, title.length), starts: null, sourceLength: title.length },
    body: { text: text.slice(text.length - body.length), starts: null, sourceLength: body.length },
  };
}

/** Serialised form: live articles in slot order; postings with slot deltas. */
export function serializeStore<A extends KnowledgeArticle>(store: Store<A>): { articles: A[]; terms: string[]; postings: string[]; characters: string } {
  const renumber = new Map<number, number>();
  const articles: A[] = [];
  store.docs.forEach((d, slot) => {
    if (d) {
      renumber.set(slot, articles.length);
      articles.push(d.article);
    }
  });
  const terms: string[] = [];
  const postings: string[] = [];
  for (const [term, list] of store.postings) {
    const out: number[] = [];
    let prev = 0;
    for (let i = 0; i < list.length; i += 2) {
      const slot = renumber.get(list[i]!)!;
      out.push(slot - prev, list[i + 1]!);
      prev = slot;
    }
    terms.push(term);
    postings.push(packDeltas(out));
  }
  // Character document frequencies: (code point − previous, frequency) pairs.
  const chars: number[] = [];
  let prev = CHAR_BASE;
  store.charDf.forEach((df, i) => {
    if (df > 0) {
      chars.push(CHAR_BASE + i - prev, df);
      prev = CHAR_BASE + i;
    }
  });
  return { articles, terms, postings, characters: packDeltas(chars) };
}

/** Rebuilds a store from its serialised form without tokenising. */
export function deserializeStore<A extends KnowledgeArticle>(articles: A[], terms: string[], postings: string[], characters: string): Store<A> {
  const bad = (message: string) => new ValidationError([{ path: 'postings', code: 'invalid', message }], 'knowledge index JSON');
  if (!Array.isArray(articles) || !Array.isArray(terms) || !Array.isArray(postings) || terms.length !== postings.length) {
    throw bad('articles, terms and postings must be arrays, with one postings list per term');
  }
  const store = createStore<A>();
  articles.forEach((article, slot) => {
    checkArticle(article, `articles[${slot}]`);
    if (store.slots.has(article.id)) throw bad(`duplicate article id "${article.id}"`);
    store.docs.push(entry(article, [0, 0, 0]));
    store.slots.set(article.id, slot);
  });
  const mask = (1 << TF_BITS) - 1;
  for (let t = 0; t < terms.length; t++) {
    if (typeof terms[t] !== 'string' || typeof postings[t] !== 'string') throw bad(`term ${t} is malformed`);
    const list = unpackInto(postings[t]!, []);
    if (list.length === 0 || list.length % 2 !== 0) throw bad(`postings of "${terms[t]}" are empty or cut short`);
    let slot = 0;
    for (let i = 0; i < list.length; i += 2) {
      slot += list[i]!;
      const packed = list[i + 1]!;
      const entry = store.docs[slot];
      if (!entry || !(packed > 0)) throw bad(`postings of "${terms[t]}" point at no article`);
      list[i] = slot;
      entry.lengths[0] += (packed >> (2 * TF_BITS)) & mask;
      entry.lengths[1] += (packed >> TF_BITS) & mask;
      entry.lengths[2] += packed & mask;
    }
    store.postings.set(terms[t]!, list);
  }
  for (const d of store.docs) for (let f = 0; f < 3; f++) store.totals[f]! += d!.lengths[f]!;
  store.count = store.docs.length;
  const chars = typeof characters === 'string' ? unpackDeltas(characters) : [NaN];
  let code = CHAR_BASE;
  for (let i = 0; i < chars.length; i += 2) {
    code += chars[i]!;
    const df = chars[i + 1]!;
    if (!(code >= CHAR_BASE && code < CHAR_BASE + CHAR_COUNT && df > 0 && df <= store.count)) throw bad('character frequencies are malformed');
    store.charDf[code - CHAR_BASE] = df;
  }
  return store;
}
