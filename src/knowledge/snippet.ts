import { foldWithOffsets, tokenizeFolded, type FoldedText, type TermMatcher } from './tokenize.js';
import type { HighlightRanges, Snippet } from './types.js';

/** Where tokens with one of the matcher's terms are in `text` (optionally already folded), as sorted, merged `[start, end)` ranges. */
export function highlightRanges(text: string, terms: TermMatcher, folded: FoldedText = foldWithOffsets(text)): HighlightRanges {
  const ranges: HighlightRanges = [];
  if (terms.terms.size === 0) return ranges;
  for (const t of tokenizeFolded(folded, terms)) {
    const last = ranges[ranges.length - 1];
    if (last && t.start <= last[1]) last[1] = Math.max(last[1], t.end);
    else ranges.push([t.start, t.end]);
  }
  return ranges;
}

const SENTENCE_END = /[。！？；!?;\n]/u;
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c) && !/[\u2e80-\u9fff]/u.test(c);
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The part of `body` (at most `maxLength` UTF-16 units plus the `…` marks) with the most
 * distinct matched terms, starting at a sentence or word boundary where one is near.
 * Without a match it is the start of the body.
 */
export function makeSnippet(body: string, terms: TermMatcher, maxLength: number, folded: FoldedText = foldWithOffsets(body)): Snippet {
  const tokens = terms.terms.size > 0 ? tokenizeFolded(folded, terms) : [];
  let start = 0;
  if (body.length > maxLength && tokens.length > 0) {
    // Window with the most distinct terms (earliest on ties): slide over the matches.
    const inWindow = new Map<string, number>();
    let bestCount = 0;
    for (let i = 0, j = 0; i < tokens.length; i++) {
      const from = tokens[i]!.start;
      for (; j < tokens.length && tokens[j]!.end <= from + maxLength; j++) inWindow.set(tokens[j]!.term, (inWindow.get(tokens[j]!.term) ?? 0) + 1);
      if (inWindow.size > bestCount) {
        bestCount = inWindow.size;
        start = from;
      }
      const t = tokens[i]!.term;
      const left = (inWindow.get(t) ?? 1) - 1;
      if (left > 0) inWindow.set(t, left);
      else inWindow.delete(t);
    }
    // A little context before the first match, from a sentence start if one is close.
    const context = Math.min(20, Math.floor(maxLength / 5));
    const floor = Math.max(0, start - context);
    while (start > floor && !SENTENCE_END.test(body[start - 1]!)) start--;
    // Do not start inside a Latin word.
    if (start > 0 && isWordChar(body[start - 1]) && isWordChar(body[start])) {
      let k = start;
      while (k < body.length && k - start < 15 && isWordChar(body[k])) k++;
      if (k - start < 15) start = k;
    }
    while (start < body.length && /\s/u.test(body[start]!)) start++;
    if (isLowSurrogate(body.charCodeAt(start))) start++;
  }
  let end = Math.min(body.length, start + maxLength);
  if (end < body.length) {
    // Do not end inside a Latin word or a surrogate pair.
    if (isWordChar(body[end - 1]) && isWordChar(body[end])) {
      let k = end;
      while (k > start && end - k < 15 && isWordChar(body[k - 1])) k--;
      if (end - k < 15 && k > start) end = k;
    }
    if (isLowSurrogate(body.charCodeAt(end))) end--;
  }
  let text = body.slice(start, end);
  const lead = start > 0 ? 1 : 0;
  const trimmed = text.length - text.trimEnd().length;
  text = text.trimEnd();
  end -= trimmed;
  const highlights: HighlightRanges = [];
  for (const t of tokens) {
    const s = Math.max(t.start, start);
    const e = Math.min(t.end, end);
    if (e <= s) continue;
    const range: [number, number] = [s - start + lead, e - start + lead];
    const last = highlights[highlights.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else highlights.push(range);
  }
  return { text: `${lead ? '…' : ''}${text}${end < body.length ? '…' : ''}`, highlights };
}
