/**
 * Text rules shared by every field that takes free text. Text is stored exactly as
 * given (never HTML-escaped: escaping is the renderer's job); these checks only
 * refuse what no honest input contains.
 */

// C0 controls, DEL and C1 controls. Format characters (ZWJ in emoji, RLM in RTL text) are allowed.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// Same, but tab, line feed and carriage return are allowed in multi-line fields.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/** True when `text` has no control characters (single-line fields). */
export function isFreeOfControlCharacters(text: string): boolean {
  return !CONTROL.test(text);
}

/** True when `text` has no control characters other than tab and line breaks. */
export function isFreeOfControlCharactersMultiline(text: string): boolean {
  return !CONTROL_MULTILINE.test(text);
}

/** True when `text` is valid UTF-16 (no lone surrogates, which cannot be stored or sent as UTF-8). */
export function isWellFormedText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** True when `text` has something other than white space. */
export function hasVisibleText(text: string): boolean {
  return text.trim().length > 0;
}

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
