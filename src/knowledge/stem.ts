/**
 * English word handling for search: stop words and the Porter (1980) stemmer, so that
 * install / installed / installation / installing meet in one term ("instal"). Written
 * compactly for the customer bundle; the steps and rules are Porter's.
 */

/** Function words that say nothing about which article answers a question. */
const STOP_WORDS = new Set(
  ('a an the and or but of to in on at for with by from into about as is are was were be been being am it its ' +
    'this that these those there here i me my mine we us our you your he she they them their his her do does did ' +
    'done doing how what when where why which who whom can could will would should shall may might must if so ' +
    'not no than then too very just also any some all have has had having get got s t').split(' '),
);

/** Whether a folded English word is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const isCons = (w: string, i: number): boolean => {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  return c === 'y' ? i === 0 || !isCons(w, i - 1) : true;
};

/** Porter's m: the number of vowel-consonant sequences in `w`. */
function measure(w: string): number {
  let m = 0;
  let i = 0;
  const n = w.length;
  while (i < n && isCons(w, i)) i++;
  while (i < n) {
    while (i < n && !isCons(w, i)) i++;
    if (i >= n) break;
    m++;
    while (i < n && isCons(w, i)) i++;
  }
  return m;
}

const hasVowel = (w: string): boolean => {
  for (let i = 0; i < w.length; i++) if (!isCons(w, i)) return true;
  return false;
};
const doubleCons = (w: string): boolean => {
  const n = w.length;
  return n > 1 && w[n - 1] === w[n - 2] && isCons(w, n - 1);
};
/** consonant-vowel-consonant ending, the last not w, x or y (hop, not hoax). */
const cvc = (w: string): boolean => {
  const n = w.length;
  return n > 2 && isCons(w, n - 3) && !isCons(w, n - 2) && isCons(w, n - 1) && !'wxy'.includes(w[n - 1]!);
};

const STEP2: Array<[string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: Array<[string, string]> = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

function replaceSuffix(w: string, rules: Array<[string, string]>, minM: number): string {
  for (const [suffix, to] of rules) {
    if (w.endsWith(suffix)) {
      const base = w.slice(0, -suffix.length);
      return measure(base) > minM ? base + to : w;
    }
  }
  return w;
}

const memo = new Map<string, string>();

/** Porter stem of a lowercase ASCII word (words of one or two letters are returned as they are). */
export function stem(word: string): string {
  if (word.length < 3) return word;
  let s = memo.get(word);
  if (s === undefined) {
    // Bounded: a help centre's vocabulary is small, but an index may live long.
    if (memo.size >= 20000) memo.clear();
    s = porter(word);
    memo.set(word, s);
  }
  return s;
}

function porter(word: string): string {
  let w = word;
  // Step 1a: plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // Step 1b: -eed, -ed, -ing.
  let cleanup = false;
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) {
    w = w.slice(0, -2);
    cleanup = true;
  } else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) {
    w = w.slice(0, -3);
    cleanup = true;
  }
  if (cleanup) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (doubleCons(w) && !'lsz'.includes(w[w.length - 1]!)) w = w.slice(0, -1);
    else if (measure(w) === 1 && cvc(w)) w += 'e';
  }
  // Step 1c: y → i after a vowel.
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  // Steps 2 and 3: derivational suffixes.
  w = replaceSuffix(w, STEP2, 0);
  w = replaceSuffix(w, STEP3, 0);
  // Step 4: drop a suffix when what remains is long enough (m > 1).
  for (const suffix of STEP4) {
    if (w.endsWith(suffix)) {
      const base = w.slice(0, -suffix.length);
      if (measure(base) > 1 && (suffix !== 'ion' || base.endsWith('s') || base.endsWith('t'))) w = base;
      break;
    }
  }
  // Step 5: final e, and ll → l.
  if (w.endsWith('e')) {
    const base = w.slice(0, -1);
    const m = measure(base);
    if (m > 1 || (m === 1 && !cvc(base))) w = base;
  }
  if (w.endsWith('ll') && measure(w) > 1) w = w.slice(0, -1);
  return w;
}
