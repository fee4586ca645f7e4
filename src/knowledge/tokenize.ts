import { isStopWord, stem } from './stem.js';
import { simplifiedOf } from './traditional.js';

/**
 * Normalisation and tokens for mixed Chinese/English after-sales text.
 *
 * - Text is folded per character: full-width → half-width and compatibility forms
 *   (NFKC), lower case, accents dropped, Traditional → Simplified. Every folded position
 *   remembers where it came from, so matches can be marked in the original text.
 * - A run of CJK characters gives overlapping character bigrams (申请退款 → 申请 请退 退款
 *   款流…), which find 退款 inside any longer word without a dictionary; a lone CJK
 *   character gives itself.
 * - Latin words are folded and Porter-stemmed; stop words are dropped.
 * - Codes joined by - _ . / (KFR-35GW, WD-100X, Wi-Fi) give the whole code without its
 *   joiners (kfr35gw) and each part (kfr, 35gw), so either finds the article.
 */

/** Text after folding, with a map back to the original. */
export interface FoldedText {
  /** The folded text. */
  text: string;
  /**
   * For each UTF-16 unit of `text`, the index in the original text of the character it
   * came from; `null` when folding kept every character's length (the common case), so
   * positions are the same in both.
   */
  starts: number[] | null;
  /** Length of the original text. */
  sourceLength: number;
}

/** What produced a token. */
export type SearchTokenKind = 'bigram' | 'char' | 'word' | 'code' | 'compound' | 'part';

/** One index term and where it came from in the original text. */
export interface SearchToken {
  /** The index term: a CJK bigram or lone character, a stemmed word, or a folded code. */
  term: string;
  kind: SearchTokenKind;
  /** Start and end (exclusive) in the original text, in UTF-16 units. */
  start: number;
  end: number;
  /** Start and end in the folded text. */
  foldedStart: number;
  foldedEnd: number;
  /** For words, codes and parts: the folded, unstemmed form (for prefix and typo matching). */
  surface?: string;
}

const COMBINING = /[\u0300-\u036f]/g;

/** True for CJK ideographs, kana and Hangul: scripts written without spaces. */
export function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0x20000 && code <= 0x3134f)
  );
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
function isAlnum(code: number, char: string): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  return !isCjk(code) && LETTER_OR_DIGIT.test(char);
}

function foldChar(char: string, code: number): string {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : char;
  if (code >= 0x4e00 && code <= 0x9fff) return simplifiedOf(char) ?? char;
  let out = char.normalize('NFKC').toLowerCase().normalize('NFD').replace(COMBINING, '');
  // Compatibility ideographs fold to unified ones, which may be Traditional.
  if (out.length === 1 && out !== char) out = simplifiedOf(out) ?? out;
  return out;
}

/** Folds text for matching (width, case, accents, Traditional → Simplified), keeping a map to the original. */
export function foldWithOffsets(source: string): FoldedText {
  const fast = foldAligned(source);
  if (fast !== null) return { text: fast, starts: null, sourceLength: source.length };
  let text = '';
  const starts: number[] = [];
  for (let i = 0; i < source.length; ) {
    const code = source.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const folded = foldChar(width === 1 ? source[i]! : source.slice(i, i + 2), code);
    text += folded;
    for (let k = 0; k < folded.length; k++) starts.push(i);
    i += width;
  }
  return { text, starts, sourceLength: source.length };
}

/** Folded text when every character folds to one of the same length (positions unchanged), else `null`. */
function foldAligned(source: string): string | null {
  // Most help text is ASCII and Simplified Chinese: then lower-casing is all there is to do.
  let simple = true;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code < 0x80 || (code >= 0x4e00 && code <= 0x9fff && simplifiedOf(source[i]!) === undefined)) continue;
    simple = false;
    break;
  }
  if (simple) return asciiLower(source);
  const out: string[] = [];
  let plainFrom = 0;
  for (let i = 0; i < source.length; ) {
    const code = source.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if ((code < 0x80 && !(code >= 0x41 && code <= 0x5a)) || (code >= 0x4e00 && code <= 0x9fff && simplifiedOf(source[i]!) === undefined)) {
      i += width;
      continue;
    }
    const folded = foldChar(width === 1 ? source[i]! : source.slice(i, i + 2), code);
    if (folded.length !== width) return null;
    out.push(source.slice(plainFrom, i), folded);
    i += width;
    plainFrom = i;
  }
  out.push(source.slice(plainFrom));
  return out.join('');
}

/** Lower-cases ASCII letters only (String#toLowerCase would also change other scripts). */
function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : text;
}

/** Folds text for matching, without the offset map. */
export function foldForSearch(source: string): string {
  return foldAligned(source) ?? foldWithOffsets(source).text;
}

/** Original-text end (exclusive) of the folded range ending at `foldedEnd`. */
export function sourceEnd(folded: FoldedText, foldedEnd: number): number {
  const { starts } = folded;
  if (!starts) return foldedEnd;
  if (foldedEnd <= 0) return 0;
  const last = starts[foldedEnd - 1]!;
  for (let j = foldedEnd; j < starts.length; j++) if (starts[j] !== last) return starts[j]!;
  return folded.sourceLength;
}

const isJoiner = (c: string) => c === '-' || c === '_' || c === '.' || c === '/';
const isApostrophe = (c: string) => c === "'" || c === '\u2019';
const ALPHA = /^[a-z]+$/;

/** Receives each token of folded text: its term, kind, folded range and (for Latin) unstemmed form. */
export type TokenSink = (term: string, kind: SearchTokenKind, foldedStart: number, foldedEnd: number, surface?: string) => void;

function emitWord(emit: TokenSink, s: string, isPart: boolean, fs: number, fe: number) {
  if (ALPHA.test(s)) {
    if (!isStopWord(s)) emit(stem(s), isPart ? 'part' : 'word', fs, fe, s);
  } else {
    emit(s, isPart ? 'part' : 'code', fs, fe, s);
  }
}

const clean = (part: string, apostrophe: boolean) => (apostrophe ? part.replace(/['\u2019]/g, '') : part);

/**
 * Scans folded text (see {@link foldForSearch}) and emits its tokens in order. Callers
 * that look for a few terms can skip work: `wantBigram` is asked about each CJK bigram
 * (by its two UTF-16 codes) before its string is made, `wantWord` about each word's first
 * two letters before it is stemmed, and `wantLatin: false` skips words altogether.
 */
export function scanTokens(
  text: string,
  emit: TokenSink,
  wantBigram?: (a: number, b: number) => boolean,
  wantLatin?: boolean,
  wantWord?: (a: number, b: number) => boolean,
): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (isCjk(code)) {
      // A run of CJK characters: overlapping bigrams, or the character itself when alone.
      let j = i + width;
      let prev = i;
      while (j < n) {
        const c = text.codePointAt(j)!;
        if (!isCjk(c)) break;
        const w = c > 0xffff ? 2 : 1;
        if (!wantBigram || wantBigram(text.charCodeAt(prev), text.charCodeAt(j))) emit(text.slice(prev, j + w), 'bigram', prev, j + w);
        prev = j;
        j += w;
      }
      if (prev === i && j === i + width) emit(text.slice(i, j), 'char', i, j);
      i = j;
    } else if (isAlnum(code, width === 1 ? text[i]! : text.slice(i, i + 2))) {
      // Alphanumeric parts joined by - _ . / form one code (KFR-35GW); apostrophes vanish (can't → cant).
      let joins: number[] | undefined; // positions of joiners, when there are any
      let apostrophe = false;
      let j = i;
      while (j < n) {
        const c = text.codePointAt(j)!;
        const w = c > 0xffff ? 2 : 1;
        if (isAlnum(c, w === 1 ? text[j]! : text.slice(j, j + 2))) {
          j += w;
          continue;
        }
        const ch = text[j]!;
        if (j > (joins ? joins[joins.length - 1]! + 1 : i) && (isJoiner(ch) || isApostrophe(ch)) && j + 1 < n && isAlnum(text.codePointAt(j + 1)!, text[j + 1]!)) {
          if (isApostrophe(ch)) apostrophe = true;
          else (joins ??= []).push(j);
          j += 1;
        } else {
          break;
        }
      }
      if (wantLatin !== false && (!wantWord || joins || wantWord(text.charCodeAt(i), j - i > 1 ? text.charCodeAt(i + 1) : 0))) {
        if (!joins) {
          emitWord(emit, clean(text.slice(i, j), apostrophe), false, i, j);
        } else {
          joins.push(j);
          let whole = '';
          let from = i;
          for (const to of joins) {
            whole += clean(text.slice(from, to), apostrophe);
            from = to + 1;
          }
          emit(whole, 'compound', i, j, whole);
          from = i;
          for (const to of joins) {
            emitWord(emit, clean(text.slice(from, to), apostrophe), true, from, to);
            from = to + 1;
          }
        }
      }
      i = j;
    } else {
      i += width;
    }
  }
}

/** Original-text start of the folded position `foldedStart`. */
export const sourceStart = (folded: FoldedText, foldedStart: number): number => (folded.starts ? (folded.starts[foldedStart] ?? folded.sourceLength) : foldedStart);

/** A set of terms prepared for cheap matching while scanning (see {@link tokenizeFolded}). */
export interface TermMatcher {
  terms: ReadonlySet<string>;
  wantBigram: (a: number, b: number) => boolean;
  /** Whether a word starting with these two UTF-16 codes could match (stemming only changes endings). */
  wantWord: (a: number, b: number) => boolean;
  wantLatin: boolean;
}

export function termMatcher(terms: ReadonlySet<string>): TermMatcher {
  const bigrams = new Set<number>();
  const starts = new Set<number>();
  let wantLatin = false;
  for (const t of terms) {
    const key = t.charCodeAt(0) * 65536 + (t.length > 1 ? t.charCodeAt(1) : 0);
    if (t.length === 2 && isCjk(t.charCodeAt(0))) bigrams.add(key);
    if (!isCjk(t.codePointAt(0)!)) {
      wantLatin = true;
      starts.add(key);
    }
  }
  return { terms, wantBigram: (a, b) => bigrams.has(a * 65536 + b), wantWord: (a, b) => starts.has(a * 65536 + b), wantLatin };
}

/** Tokens of already folded text (see {@link foldWithOffsets}), with original positions; with `only`, just the tokens of those terms. */
export function tokenizeFolded(folded: FoldedText, only?: TermMatcher): SearchToken[] {
  const tokens: SearchToken[] = [];
  scanTokens(folded.text, (term, kind, fs, fe, surface) => {
    if (only && !only.terms.has(term)) return;
    const token: SearchToken = { term, kind, start: sourceStart(folded, fs), end: sourceEnd(folded, fe), foldedStart: fs, foldedEnd: fe };
    if (surface !== undefined) token.surface = surface;
    tokens.push(token);
  }, only?.wantBigram, only?.wantLatin, only?.wantWord);
  return tokens;
}

/**
 * Tokens of a text as the knowledge index sees it: CJK bigrams (and lone characters),
 * folded and stemmed Latin words, codes whole and in parts, each with its position in
 * the original text.
 */
export function tokenizeForSearch(text: string): SearchToken[] {
  return tokenizeFolded(foldWithOffsets(text));
}
