import { unpackDeltas } from './packed.js';

/**
 * Which toneless pinyin syllable a Chinese character is read as, without a dictionary:
 * ICU's Chinese collation sorts characters by pinyin, so the first character of each
 * syllable in that order (400 of them) and a binary search with `Intl.Collator` place any
 * character in its syllable. Only the syllable's index is needed: two characters with
 * the same index sound alike (按/安, 想/箱, 休/修), which is how Chinese typos happen.
 *
 * The boundary table was built by sorting GB2312's 6,763 characters with
 * `Intl.Collator('zh-Hans-CN')` (ICU 78, Node 20), labelling each with its first reading
 * from pinyin-pro 3.29 (MIT), keeping the longest run that is in syllable order and
 * taking each syllable's first character. Checked against every reading of those
 * characters: 99.8% land in one of their syllables (the rest are polyphones placed by
 * another reading). Where the runtime has no Chinese collation, or its order disagrees
 * with the table, {@link syllableOf} answers -1 and search simply loses this signal.
 */

/**
 * First character of each toneless syllable (a, ai, an, … zuo) in zh collation order, as
 * code-point deltas from U+4E00 (see {@link unpackDeltas}).
 */
const PACKED_BOUNDARIES =
  'shDwL2rDqySprX7IqkJ5TmjX56ewFmgDq9BmxZlIj7T3nDuhJt_Q6zImyWpyVsjHz1P9uC0_Kh0JqwFpkDloB6vHiwTjqd-1JkuW1qWk0Cz_J7rBw3IlsIy-IvgDm9Lp3Q4-I--Tj6c3WpTssVhlIjzH6jF7zBh0H3I5gD0xIl1Gu5GwtI9lC7hLg5Gh4IwjQvjSiCLiuhB7tdgtSxuR79BkvCsSs7Y54VzyHkpBqjF3uFo8iBvtjBr9BswY1gTmsGu_S5sL_4RmwSloKitO_pL95EpLtuF78B46SroT6xBzCygHzyIijD-GpBq8hBx0fg5VowD8wJ3vU5yTwsgBh8fhWmmahrRkyFi3KliIhmFihNq4Fpwc22HolF8hLy7Jvjcj1HstB8xW1lRriBt8B5rCyvB4mFrvG6qG3nBgqT3iBjoW6kTz9L5mIqwDu3VjvU3pEjpCqtEqwFruFk-Hp_KugCu-G3pKqjkBlrf11B_vCw1E8yUr8OjgIuiHv5Js2P6vYp5iBv6BwhiB3mgBw5E9PsrO98S5botgBrgE72OluSylPu0U52Hh9YstD18C3Qw2LngM2mIz5H4wL1uE3rK8pEZwpCsiN--R_zc4rQ7wV-7B0xE_qEugiB_sdtqBtyClejgE4oXnrTBmyGywHpnJvsGk1aggBtuV2oGpwQwkKliH-T-mFhhJ0jB8iBw5M5jJr4FyjjBpjhB_4BlM64K5kIwRyiG_mJ8JgqkBtrDlohBkyCi2Gy_H64Pt2EtwG56PmvD9jJ05Ji5Bt9Bs8CjlH4qezsI4oI1wJ5_Zs3EplFwkN5jC8lPn4MtgMylL2hKzuP50G0iK3-Ei9N3-QivE8vE_sLi9Byjby3G5hhBwmMrgMs8b7jcojGnhFyvWn9Hk4JnyVllD_iDw_Yh4UuxKuTz8G2-Kv2RqtD76E2pHhpFqpel6fiYqlOpqFz4Ht9C-sKolE1jG5wBhrEwrNw5InqOhtKysF7pC75CvH40MjxMwyI4lDxiKpuBgvCw2d2gExqiB_pC8kJ10D40C4xCr5KguEo7Dp7E33C1Ey4Xi4Pjzb1JvzJi2O8kGunI0yBnlfmyd7yW_2Dg7E6zBmzD75G02al4GuhDppf7D7Bi7Hm1E7pC0GzuKm3Fmze7gLj9O53D2DkyaztL4tNtofs9C79C';

let boundaries: string[] | undefined;
function table(): string[] {
  if (!boundaries) {
    let c = 0x4e00;
    boundaries = unpackDeltas(PACKED_BOUNDARIES).map((d) => String.fromCharCode((c += d)));
  }
  return boundaries;
}

let collator: Intl.Collator | null | undefined;
const cache = new Map<string, number>();

function search(c: Intl.Collator, char: string): number {
  const BOUNDARIES = table();
  let lo = 0;
  let hi = BOUNDARIES.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c.compare(BOUNDARIES[mid]!, char) <= 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function zhCollator(): Intl.Collator | null {
  if (collator !== undefined) return collator;
  collator = null;
  try {
    if (typeof Intl !== 'object' || typeof Intl.Collator !== 'function') return null;
    if (Intl.Collator.supportedLocalesOf(['zh-Hans-CN', 'zh-CN', 'zh']).length === 0) return null;
    const c = new Intl.Collator('zh-Hans-CN');
    // The table must be in this collator's order, and known homophones must agree.
    const BOUNDARIES = table();
    for (let i = 1; i < BOUNDARIES.length; i++) if (c.compare(BOUNDARIES[i - 1]!, BOUNDARIES[i]!) >= 0) return null;
    const same = (a: string, b: string) => search(c, a) === search(c, b);
    if (!same('安', '按') || !same('箱', '想') || !same('修', '休') || same('安', '昂') || search(c, '啊') !== 0) return null;
    collator = c;
  } catch {
    collator = null;
  }
  return collator;
}

/** Whether this runtime can tell characters' pinyin (Chinese collation available and consistent). */
export function pinyinSupported(): boolean {
  return zhCollator() !== null;
}

/**
 * Index of the toneless pinyin syllable of one CJK ideograph (0 = a, … 399 = zuo), or -1
 * when unknown (not an ideograph, or no Chinese collation in this runtime).
 */
export function syllableOf(char: string): number {
  let s = cache.get(char);
  if (s === undefined) {
    const code = char.codePointAt(0) ?? 0;
    const c = code >= 0x3400 && code <= 0x9fff ? zhCollator() : null;
    s = c ? search(c, char) : -1;
    cache.set(char, s);
  }
  return s;
}
