import { ValidationError } from '../errors.js';
import { addToStore, checkArticle, createStore, deserializeStore, foldedFields, removeFromStore, serializeStore, type Store } from './index-store.js';
import { pinyinSupported } from './pinyin.js';
import { analyseQuery, compileSynonyms, type CompiledSynonyms } from './query.js';
import { queryTerms, rank } from './rank.js';
import { highlightRanges, makeSnippet } from './snippet.js';
import { DEFAULT_SYNONYMS } from './synonyms.js';
import type {
  KnowledgeArticle,
  KnowledgeHit,
  KnowledgeIndex,
  KnowledgeIndexJSON,
  KnowledgeIndexOptions,
  KnowledgeSearchOptions,
  KnowledgeSuggestion,
  KnowledgeSuggestOptions,
} from './types.js';

// In a module of its own: customer pages use the threshold without loading the index.
export { RECOMMENDED_MIN_CONFIDENCE } from './confidence.js';

const DEFAULT_WEIGHTS = { title: 3, tags: 2, body: 1 };
const SNIPPET_LENGTH = 120;

function indexOver<A extends KnowledgeArticle>(store: Store<A>, options: KnowledgeIndexOptions): KnowledgeIndex<A> {
  const weights: [number, number, number] = [
    options.weights?.title ?? DEFAULT_WEIGHTS.title,
    options.weights?.tags ?? DEFAULT_WEIGHTS.tags,
    options.weights?.body ?? DEFAULT_WEIGHTS.body,
  ];
  let synonyms: CompiledSynonyms | undefined;
  const queryOptions = (prefix: boolean) => ({
    prefix,
    typos: options.typos !== false,
    pinyin: options.pinyin !== false && pinyinSupported(),
    synonyms: (synonyms ??= compileSynonyms(options.synonyms ?? DEFAULT_SYNONYMS)),
  });
  const opensPrefix = (text: string) => text.length > 0 && !/\s$/u.test(text);

  function search(query: string, opts: KnowledgeSearchOptions<A> = {}): Array<KnowledgeHit<A>> {
    if (typeof query !== 'string' || query.trim() === '') return [];
    const q = analyseQuery(store, query, queryOptions(opts.prefix ?? opensPrefix(query)));
    const ranked = rank(store, q, {
      limit: Math.max(0, Math.floor(opts.limit ?? 10)),
      weights,
      locale: opts.locale,
      strictLocale: opts.strictLocale ?? false,
      minConfidence: opts.minConfidence ?? options.minConfidence ?? 0,
      filter: opts.filter,
    });
    const terms = queryTerms(q);
    return ranked.map(({ slot, score, confidence }) => {
      const entry = store.docs[slot]!;
      const { article } = entry;
      const folded = foldedFields(entry);
      const hit: KnowledgeHit<A> = {
        id: article.id,
        score,
        confidence,
        title: article.title,
        titleHighlights: highlightRanges(article.title, terms, folded.title),
        snippet: makeSnippet(article.body, terms, opts.snippetLength ?? SNIPPET_LENGTH, folded.body),
        article,
      };
      if (article.locale !== undefined) hit.locale = article.locale;
      return hit;
    });
  }

  function suggest(text: string, opts: KnowledgeSuggestOptions<A> = {}): KnowledgeSuggestion[] {
    if (typeof text !== 'string' || text.trim() === '') return [];
    const q = analyseQuery(store, text, queryOptions(opensPrefix(text)));
    const ranked = rank(store, q, {
      limit: Math.max(0, Math.floor(opts.limit ?? 5)),
      weights,
      locale: opts.locale,
      strictLocale: opts.strictLocale ?? false,
      minConfidence: 0,
      filter: opts.filter,
    });
    const terms = queryTerms(q);
    return ranked.map(({ slot, score, confidence }) => {
      const entry = store.docs[slot]!;
      const { article } = entry;
      const s: KnowledgeSuggestion = {
        id: article.id,
        title: article.title,
        score,
        confidence,
        highlights: highlightRanges(article.title, terms, foldedFields(entry).title),
      };
      if (article.locale !== undefined) s.locale = article.locale;
      return s;
    });
  }

  return {
    search,
    suggest,
    add(article) {
      checkArticle(article);
      addToStore(store, article);
    },
    remove: (id) => removeFromStore(store, id),
    update(article) {
      checkArticle(article);
      removeFromStore(store, article.id);
      addToStore(store, article);
    },
    get: (id) => {
      const slot = store.slots.get(id);
      return slot === undefined ? undefined : store.docs[slot]!.article;
    },
    has: (id) => store.slots.has(id),
    get size() {
      return store.count;
    },
    toJSON() {
      const { articles, terms, postings, characters } = serializeStore(store);
      return { format: 'aftercare-knowledge-index', version: 1, options: structuredCloneOptions(options), articles, terms, postings, characters };
    },
  };
}

function structuredCloneOptions(options: KnowledgeIndexOptions): KnowledgeIndexOptions {
  return JSON.parse(JSON.stringify(options)) as KnowledgeIndexOptions;
}

/**
 * A knowledge index over `articles` for Chinese and English search: CJK bigrams find
 * words inside longer words (退款 in 申请退款流程), Latin words are folded, stemmed and
 * typo-tolerant, model numbers match whole and in parts, Traditional characters and
 * full-width letters fold, same-sound Chinese typos (按装 → 安装) and after-sales synonyms
 * (冷气 → 制冷) match at a lower weight. Ranking is BM25F (title > tags > body) with a
 * phrase bonus and a preference for the asker's language.
 *
 * Throws `ValidationError` for a malformed article or a duplicate id.
 */
export function createKnowledgeIndex<A extends KnowledgeArticle = KnowledgeArticle>(
  articles: Iterable<A> = [],
  options: KnowledgeIndexOptions = {},
): KnowledgeIndex<A> {
  const store = createStore<A>();
  let i = 0;
  for (const article of articles) {
    checkArticle(article, `articles[${i++}]`);
    addToStore(store, article);
  }
  return indexOver(store, options);
}

/**
 * An index from {@link KnowledgeIndex.toJSON} (the object or its JSON text), ready to
 * search without tokenising the articles again; results are identical to the original's.
 * Throws `ValidationError` when the data is not a serialised index.
 */
export function knowledgeIndexFromJSON<A extends KnowledgeArticle = KnowledgeArticle>(json: KnowledgeIndexJSON<A> | string): KnowledgeIndex<A> {
  let data: unknown;
  try {
    data = typeof json === 'string' ? JSON.parse(json) : json;
  } catch (e) {
    throw new ValidationError([{ path: '', code: 'invalid_format', message: `not JSON: ${(e as Error).message}` }], 'knowledge index JSON');
  }
  const d = data as Partial<KnowledgeIndexJSON<A>> | null;
  if (!d || d.format !== 'aftercare-knowledge-index' || d.version !== 1) {
    throw new ValidationError([{ path: 'format', code: 'invalid_format', message: 'expected format "aftercare-knowledge-index", version 1' }], 'knowledge index JSON');
  }
  const store = deserializeStore(d.articles as A[], d.terms as string[], d.postings as string[], d.characters as string);
  return indexOver(store, d.options ?? {});
}
