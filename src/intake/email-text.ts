/**
 * Plain text out of e-mail: HTML to text without a DOM, quoted history and signatures
 * removed, subject prefixes dropped. Nothing here produces HTML.
 */
const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  shy: '', zwsp: '\u200b', zwnj: '\u200c', zwj: '\u200d', copy: '©', reg: '®', trade: '™', hellip: '…',
  mdash: '—', ndash: '–', minus: '−', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', middot: '·', bull: '•', deg: '°', times: '×', divide: '÷',
  plusmn: '±', yen: '¥', euro: '€', pound: '£', cent: '¢', sect: '§', para: '¶', larr: '←', rarr: '→',
  uarr: '↑', darr: '↓', hearts: '♥', star: '☆', check: '✓', iexcl: '¡', iquest: '¿', micro: 'µ',
};
// HTML maps these numeric references to Windows-1252, as mail clients still emit them.
const CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x84: '„', 0x85: '…', 0x8b: '‹', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”',
  0x95: '•', 0x96: '–', 0x97: '—', 0x99: '™', 0x9b: '›',
};

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7}));?|&([a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole;
    const cp = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
    if (CP1252[cp]) return CP1252[cp];
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(cp);
  });
}

const SKIP_CONTENT = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'xml']);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'dl', 'pre']);
const BLOCK = new Set([
  'div', 'li', 'tr', 'blockquote', 'hr', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'main',
  'address', 'center', 'dd', 'dt', 'fieldset', 'figure', 'figcaption', 'form', 'caption', 'tbody', 'thead',
]);
// Comments, doctype and processing instructions, or a tag whose quoted attributes may hold '>'.
const TAG = /<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/**
 * Plain text of an HTML e-mail body, without a DOM: tags dropped, entities decoded, line
 * breaks kept for `<br>` and block elements, `<li>` as `- ` items, and `<blockquote>`
 * content prefixed with `> ` so that {@link stripQuotedHistory} recognises it.
 */
export function htmlToText(html: string): string {
  let out = '';
  let trailingBreaks = 0;
  let quoteDepth = 0;
  let preDepth = 0;
  const breaks = (n: number) => {
    if (out === '') return;
    while (trailingBreaks < n) {
      out += '\n';
      trailingBreaks++;
    }
  };
  const text = (raw: string) => {
    let s = decodeEntities(preDepth > 0 ? raw : raw.replace(/[ \t\r\n\f]+/g, ' '));
    if (trailingBreaks > 0 || out === '') s = preDepth > 0 ? s : s.replace(/^ +/, '');
    if (s === '') return;
    const prefix = quoteDepth > 0 ? '> '.repeat(quoteDepth) : '';
    if (prefix) s = s.replace(/\n/g, `\n${prefix}`);
    out += (trailingBreaks > 0 || out === '' ? prefix : '') + s;
    trailingBreaks = /\n$/.test(s) ? 1 : 0;
  };
  TAG.lastIndex = 0;
  let last = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    text(html.slice(last, m.index));
    last = TAG.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue;
    const closing = m[1] === '/';
    if (!closing && SKIP_CONTENT.has(name) && !/\/\s*$/.test(m[3] ?? '')) {
      const end = new RegExp(`</${name}\\s*>`, 'i').exec(html.slice(last));
      last = end ? last + end.index + end[0].length : html.length;
      TAG.lastIndex = last;
      continue;
    }
    if (name === 'br') {
      out += '\n';
      trailingBreaks++;
    } else if (name === 'blockquote') {
      breaks(1);
      quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
    } else if (PARAGRAPH.has(name)) {
      breaks(2);
      if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    } else if (BLOCK.has(name)) {
      breaks(1);
      if (name === 'li' && !closing) text('- ');
    } else if ((name === 'td' || name === 'th') && closing) {
      text(' ');
    }
  }
  text(html.slice(last));
  return out.replace(/[ \t\u00a0]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}

const HISTORY_MARKER = /^-{2,}\s*(?:original(?: message)?|原始邮件|原始郵件)\s*-{2,}$/i;
const HEADER_START = /^(?:from|发件人|寄件者)\s*[:：]/i;
const HEADER_NEXT = /^(?:sent|date|to|subject|cc|发送时间|时间|日期|收件人|主题|抄送|寄件日期|收件者|主旨)\s*[:：]/i;
// A date (digit) and, in Chinese, an address or 在: "说明书上写道：" in a customer's own text is no attribution.
const ATTRIBUTION = /^(?=.*\d)(?:on\s.{4,300}\swrote:|(?=.*@|在).{4,300}写道[:：])$/i;
const SEPARATOR = /^[_\-=*]{5,}$/;
const SIGNATURE = /^-- ?$/;
const MOBILE_FOOTER = /^(?:sent from my .{1,40}|get outlook for .{1,40}|发自我的.{1,30}|从我的.{1,30}发送)$/i;

/**
 * An e-mail body without the quoted history and signature: lines starting with `>`,
 * "On … wrote:" / "在 … 写道：", "-----Original Message-----", "-------- 原始邮件 --------"
 * and "From:/发件人:" header blocks with everything after them, "-- " signatures and
 * "Sent from my iPhone / 发自我的iPhone" footers.
 */
export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (SIGNATURE.test(raw.trimStart()) || HISTORY_MARKER.test(line)) break;
    if (HEADER_START.test(line) && lines.slice(i + 1, i + 5).some((l) => HEADER_NEXT.test(l.trim()))) break;
    const next = lines[i + 1]?.trim() ?? '';
    // Clients wrap a long attribution over two lines.
    const span = ATTRIBUTION.test(line) ? 1 : next && !ATTRIBUTION.test(next) && ATTRIBUTION.test(`${line} ${next}`) ? 2 : 0;
    if (span > 0) {
      const after = lines.slice(i + span).find((l) => l.trim() !== '');
      // Quoted lines follow (possibly interleaved with answers): drop only the attribution; else the rest is history.
      if (after !== undefined && after.trimStart().startsWith('>')) {
        i += span - 1;
        continue;
      }
      break;
    }
    if (line.startsWith('>') || MOBILE_FOOTER.test(line)) continue;
    kept.push(raw.trimEnd());
  }
  // Outlook draws a line of underscores above the header block it quotes.
  while (kept.length > 0 && (kept.at(-1)!.trim() === '' || SEPARATOR.test(kept.at(-1)!.trim()))) kept.pop();
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const SUBJECT_PREFIX = /^\s*(?:(?:re|fwd?|aw|wg|sv|回复|答复|回覆|转发|轉寄|转寄)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+/i;

/** A subject without its `Re:`, `Fwd:`, `回复：`, `转发:` … prefixes. */
export function cleanSubject(subject: string): string {
  return subject.replace(SUBJECT_PREFIX, '').trim();
}
