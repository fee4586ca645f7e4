// Peer libraries for the knowledge benchmark, each given its best Chinese settings: a custom
// tokenizer that folds text and emits CJK bigrams (plus characters), field boosts, OR
// semantics, and the library's own prefix and fuzzy matching for Latin words.
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { stem, isStopWord } from '../src/knowledge/stem.js';
import { tokenizeForSearch } from '../src/knowledge/tokenize.js';
import type { Answer, DataArticle } from './knowledge-eval.js';

/** A built peer: search one query (top 10 in the asker's language), plus a confidence from token coverage. */
export interface Peer {
  search(query: string, locale: string): Answer;
  /** Serialised size in bytes (its own export format), when it has one. */
  serializedBytes(): Promise<number>;
}

export interface PeerConfig {
  name: string;
  build(articles: DataArticle[]): Peer;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const HAN = /\p{Script=Han}/u;
const LATIN = /^[a-z0-9]+$/;

/** A generic CJK-aware tokenizer written for the peers (not Aftercare's): bigrams, characters, words. */
function bigramTokens(text: string, opts: { unigrams: boolean; stem: boolean }): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(/\p{Script=Han}+|[\p{L}\p{N}]+/gu)) {
    const run = m[0];
    if (HAN.test(run[0]!)) {
      const chars = [...run];
      if (chars.length === 1 || opts.unigrams) out.push(...chars);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    } else if (!opts.stem) {
      out.push(run);
    } else if (!isStopWord(run)) {
      out.push(/^[a-z]+$/.test(run) ? stem(run) : run);
    }
  }
  return out;
}

/** Share of the query's distinct tokens that the top hit holds: the peers' stand-in for a confidence. */
function coverage(queryTokens: string[], docTokens: Set<string> | undefined): number {
  const q = new Set(queryTokens);
  if (!docTokens || q.size === 0) return 0;
  let hit = 0;
  for (const t of q) if (docTokens.has(t)) hit++;
  return hit / q.size;
}

const textOf = (a: DataArticle) => `${a.title}\n${a.tags.join(' ')}\n${a.body}`;

function miniSearchPeer(name: string, tokens: (text: string) => string[], defaults = false): PeerConfig {
  return {
    name,
    build(articles) {
      const locale = new Map(articles.map((a) => [a.id, a.locale]));
      const docTokens = new Map<string, Set<string>>();
      const ms = defaults
        ? new MiniSearch<DataArticle>({ fields: ['title', 'tags', 'body'], extractField: (d, f) => (f === 'tags' ? d.tags.join(' ') : (d as unknown as Record<string, string>)[f]!) })
        : new MiniSearch<DataArticle>({
            fields: ['title', 'tags', 'body'],
            extractField: (d, f) => (f === 'tags' ? d.tags.join(' ') : (d as unknown as Record<string, string>)[f]!),
            tokenize: (text) => tokens(text),
            processTerm: (t) => t,
            searchOptions: {
              boost: { title: 3, tags: 2 },
              combineWith: 'OR',
              prefix: (term) => LATIN.test(term) && term.length >= 2,
              fuzzy: (term) => (LATIN.test(term) && term.length >= 4 ? 0.2 : false),
            },
          });
      ms.addAll(articles);
      return {
        search(query, loc) {
          const results = ms.search(query, { filter: (r) => locale.get(r.id as string) === loc }).slice(0, 10);
          const ids = results.map((r) => r.id as string);
          const top = ids[0];
          if (top && !docTokens.has(top)) docTokens.set(top, new Set(tokens(textOf(articles.find((a) => a.id === top)!))));
          return { ids, confidence: coverage(tokens(query), top ? docTokens.get(top) : undefined) };
        },
        serializedBytes: async () => Buffer.byteLength(JSON.stringify(ms)),
      };
    },
  };
}

function flexSearchPeer(name: string, tokens: (text: string) => string[], tokenizeMode: 'strict' | 'forward', defaults = false): PeerConfig {
  const boosts: Record<string, number> = { title: 3, tags: 2, body: 1 };
  return {
    name,
    build(articles) {
      const locale = new Map(articles.map((a) => [a.id, a.locale]));
      const docTokens = new Map<string, Set<string>>();
      const field = (f: string) => (defaults ? { field: f } : { field: f, tokenize: tokenizeMode, encode: (s: string) => tokens(s) });
      const doc = new Document({ document: { id: 'id', index: [field('title'), field('tags'), field('body')] } });
      for (const a of articles) doc.add({ id: a.id, title: a.title, tags: a.tags.join(' '), body: a.body });
      return {
        search(query, loc) {
          // Fields are searched separately; merge with boosted reciprocal ranks.
          const perField = doc.search(query, { limit: 100, suggest: true }) as unknown as Array<{ field: string; result: string[] }>;
          const score = new Map<string, number>();
          for (const { field: f, result } of perField) {
            result.forEach((id, rank) => {
              if (locale.get(id) === loc) score.set(id, (score.get(id) ?? 0) + boosts[f]! / (rank + 5));
            });
          }
          const ids = [...score].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([id]) => id);
          const top = ids[0];
          if (top && !docTokens.has(top)) docTokens.set(top, new Set(tokens(textOf(articles.find((a) => a.id === top)!))));
          return { ids, confidence: coverage(tokens(query), top ? docTokens.get(top) : undefined) };
        },
        async serializedBytes() {
          let bytes = 0;
          await doc.export((key: string, data: string) => {
            bytes += Buffer.byteLength(String(key)) + Buffer.byteLength(String(data ?? ''));
          });
          return bytes;
        },
      };
    },
  };
}

const bigrams = (text: string) => bigramTokens(text, { unigrams: false, stem: false });
const bigramsUnigrams = (text: string) => bigramTokens(text, { unigrams: true, stem: false });
const bigramsStemmed = (text: string) => bigramTokens(text, { unigrams: false, stem: true });
/** Aftercare's own tokenizer (folding, stemming, codes), to see what wrapping a library would give. */
const aftercareTokens = (text: string) => tokenizeForSearch(text).map((t) => t.term);

/** Each peer in the configurations tried; the benchmark reports the best of each. */
export const PEERS: Record<'minisearch' | 'flexsearch', PeerConfig[]> = {
  minisearch: [
    miniSearchPeer('bigrams', bigrams),
    miniSearchPeer('bigrams+chars', bigramsUnigrams),
    miniSearchPeer('bigrams+stemming', bigramsStemmed),
  ],
  flexsearch: [
    flexSearchPeer('bigrams strict', bigrams, 'strict'),
    flexSearchPeer('bigrams forward', bigrams, 'forward'),
    flexSearchPeer('bigrams+stemming forward', bigramsStemmed, 'forward'),
  ],
};

/** Library defaults, to show what an integrator gets out of the box. */
export const DEFAULT_PEERS: Record<'minisearch' | 'flexsearch', PeerConfig> = {
  minisearch: miniSearchPeer('defaults', bigrams, true),
  flexsearch: flexSearchPeer('defaults', bigrams, 'strict', true),
};

/** MiniSearch fed Aftercare's tokenizer: the "wrap a library" alternative to an own index. */
export const WRAPPED = miniSearchPeer('minisearch+aftercare tokenizer', aftercareTokens);
