/** A help-centre article or canned response the knowledge index can find. Extra fields (e.g. `category`) are kept. */
export interface KnowledgeArticle {
  /** Unique, non-empty id. */
  id: string;
  title: string;
  body: string;
  /** Keywords; they weigh more than the body and less than the title. */
  tags?: string[];
  /** BCP 47 tag, e.g. `zh-CN` or `en`; search prefers articles in the asker's language. */
  locale?: string;
}

/** Ranges `[start, end)` in UTF-16 units of the string they belong to. Render them as marks; they are never HTML. */
export type HighlightRanges = Array<[number, number]>;

/** A piece of an article's body around the words that matched. */
export interface Snippet {
  /** Plain text; `…` marks where it was cut. */
  text: string;
  /** Where the matched words are in `text`. */
  highlights: HighlightRanges;
}

/** One search result. */
export interface KnowledgeHit<A extends KnowledgeArticle = KnowledgeArticle> {
  id: string;
  /** Relevance; comparable within one result list only. Hits come best first. */
  score: number;
  /**
   * How much of the query the article covers, 0–1: the share of the query's
   * idf-weighted terms found in it (near matches count in part). Below
   * {@link RECOMMENDED_MIN_CONFIDENCE} an article is probably not an answer.
   */
  confidence: number;
  title: string;
  /** Where the query's words are in `title`. */
  titleHighlights: HighlightRanges;
  snippet: Snippet;
  locale?: string;
  /** The article as it was added (with any extra fields). */
  article: A;
}

/** A type-ahead suggestion: an article whose title (or tags, body) starts to match what was typed. */
export interface KnowledgeSuggestion {
  id: string;
  title: string;
  score: number;
  confidence: number;
  /** Where what was typed matches in `title`. */
  highlights: HighlightRanges;
  locale?: string;
}

/** Options of {@link KnowledgeIndex.search}. */
export interface KnowledgeSearchOptions<A extends KnowledgeArticle = KnowledgeArticle> {
  /** Most hits to return; default 10. */
  limit?: number;
  /**
   * The asker's language (`zh-CN`, `en`). Articles in that language (same primary
   * subtag) rank before others; articles without a locale count as matching. Default:
   * `zh` when the query has Chinese characters, otherwise no preference.
   */
  locale?: string;
  /** Only return articles in the asker's language (and those without a locale). Default false. */
  strictLocale?: boolean;
  /** Drop hits whose confidence is below this; default the index's `minConfidence` (0 unless set). */
  minConfidence?: number;
  /** Treat the last word as a prefix (type-ahead). Default: when the query does not end in a space. */
  prefix?: boolean;
  /** Keep only articles this returns true for (e.g. by category or product). */
  filter?: (article: A) => boolean;
  /** Longest snippet, in UTF-16 units; default 120. */
  snippetLength?: number;
}

/** Options of {@link KnowledgeIndex.suggest}. */
export interface KnowledgeSuggestOptions<A extends KnowledgeArticle = KnowledgeArticle> {
  /** Most suggestions; default 5. */
  limit?: number;
  locale?: string;
  strictLocale?: boolean;
  filter?: (article: A) => boolean;
}

/** A group of words and phrases that mean the same thing to an after-sales customer. */
export type SynonymGroup = readonly string[];

/** Options of {@link createKnowledgeIndex}. Plain data, so they survive `toJSON()`. */
export interface KnowledgeIndexOptions {
  /** Field weights; default `{ title: 3, tags: 2, body: 1 }`. */
  weights?: { title?: number; tags?: number; body?: number };
  /**
   * Concept groups for query expansion; default {@link DEFAULT_SYNONYMS}. Pass `[]` to
   * switch expansion off, or your own groups (e.g. product nicknames) to add to them
   * with `[...DEFAULT_SYNONYMS, ...yours]`.
   */
  synonyms?: readonly SynonymGroup[];
  /** Typo tolerance for Latin words (1 edit from 4 letters, 2 from 8); default true. */
  typos?: boolean;
  /** Same-sound Chinese bigrams as near matches (按装 → 安装); default true where the runtime supports it. */
  pinyin?: boolean;
  /** Default `minConfidence` of `search`; default 0 (return every match, each with its confidence). */
  minConfidence?: number;
}

/** A serialised index (see {@link KnowledgeIndex.toJSON}); plain JSON. */
export interface KnowledgeIndexJSON<A extends KnowledgeArticle = KnowledgeArticle> {
  format: 'aftercare-knowledge-index';
  version: 1;
  options: KnowledgeIndexOptions;
  articles: A[];
  /** Indexed terms; `postings[i]` belongs to `terms[i]`. Loading these skips tokenising. */
  terms: string[];
  /**
   * Per term, its postings packed as text: pairs of (article position − previous
   * position, frequencies body | tags << 8 | title << 16), as zigzag base-64 varints.
   */
  postings: string[];
  /** How many articles each Chinese character appears in, packed like `postings`: (code point delta, count) pairs. */
  characters: string;
}

/** A searchable set of articles. Create with {@link createKnowledgeIndex}. */
export interface KnowledgeIndex<A extends KnowledgeArticle = KnowledgeArticle> {
  /** Articles matching `query`, best first. An empty or blank query gives no hits. */
  search(query: string, options?: KnowledgeSearchOptions<A>): Array<KnowledgeHit<A>>;
  /**
   * Type-ahead: articles whose titles match what has been typed so far, the last word
   * taken as a prefix. Cheap enough for every keystroke, but callers should skip it
   * while an IME is composing (between `compositionstart` and `compositionend`, or
   * while `InputEvent.isComposing`): the text then holds pinyin letters, not the words.
   */
  suggest(text: string, options?: KnowledgeSuggestOptions<A>): KnowledgeSuggestion[];
  /** Adds an article; throws `ValidationError` when it is malformed or its id is taken. */
  add(article: A): void;
  /** Removes an article; returns whether it was there. */
  remove(id: string): boolean;
  /** Replaces the article with the same id (adds it when absent). */
  update(article: A): void;
  /** The article with this id. */
  get(id: string): A | undefined;
  has(id: string): boolean;
  /** Number of articles. */
  readonly size: number;
  /** Plain JSON for {@link knowledgeIndexFromJSON}: build on a server or at build time, ship to the widget. */
  toJSON(): KnowledgeIndexJSON<A>;
}
