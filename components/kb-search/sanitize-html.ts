// Article bodies are HTML written in a help-centre editor, or whatever a backend returns. They
// are parsed in an inert document (DOMParser: nothing runs, nothing loads) and rebuilt node by
// node in the page from an allow-list: only these elements, only these attributes, only web
// and mail links. Nothing is serialised back to a string and parsed again, so markup that
// changes meaning on a second parse (mutation XSS) has nothing to act on.

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Elements kept as they are (with the attributes below). */
const KEEP = new Set(
  'a abbr article aside b blockquote br caption cite code col colgroup dd del div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li mark ol p pre q s section small span strong sub summary sup table tbody td tfoot th thead time tr u ul details'.split(' '),
);

/** Elements dropped with everything inside: they run, embed, load, style or ask for input. */
const DROP = new Set(
  'applet audio base button canvas embed form frame frameset head iframe input link math meta noembed noframes noscript object option picture plaintext script select source style svg template textarea title track video xmp'.split(' '),
);

/** Attributes kept, by element (`*`: any kept element). URLs are checked besides. */
const ATTRIBUTES: Record<string, readonly string[]> = {
  '*': ['title', 'lang', 'dir'],
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  ol: ['start', 'reversed'],
  time: ['datetime'],
};

/** Deeper than this, only the text is kept (a document nested thousands deep must not exhaust the stack). */
const MAX_DEPTH = 100;

/** `value` as an absolute URL when its scheme is one of `schemes`, else undefined. */
function safeUrl(value: string, schemes: readonly string[], base: string): string | undefined {
  try {
    const url = new URL(value, base);
    return schemes.includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function copyChildren(from: Node, to: Node, doc: Document, depth: number): void {
  for (const node of Array.from(from.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(doc.createTextNode(node.textContent ?? ''));
      continue;
    }
    // Comments, processing instructions and the like are dropped.
    if (!(node instanceof Element)) continue;
    const tag = node.localName;
    if (node.namespaceURI !== HTML_NS || DROP.has(tag)) continue;
    if (!KEEP.has(tag) || depth >= MAX_DEPTH) {
      // Unknown but harmless (font, center, a custom element): its content stays.
      if (depth >= MAX_DEPTH) to.appendChild(doc.createTextNode(node.textContent ?? ''));
      else copyChildren(node, to, doc, depth + 1);
      continue;
    }
    const element = doc.createElement(tag);
    const allowed = [...(ATTRIBUTES['*'] ?? []), ...(ATTRIBUTES[tag] ?? [])];
    for (const { name, value } of Array.from(node.attributes)) {
      if (!allowed.includes(name)) continue;
      if (name === 'href') {
        const href = safeUrl(value, ['https:', 'http:', 'mailto:', 'tel:'], doc.baseURI);
        if (href === undefined) continue;
        element.setAttribute('href', href);
        // Articles link out: away from the page, without handing it over.
        element.setAttribute('target', '_blank');
        element.setAttribute('rel', 'noopener noreferrer');
      } else if (name === 'src') {
        const src = safeUrl(value, ['https:', 'http:'], doc.baseURI);
        if (src !== undefined) element.setAttribute('src', src);
      } else element.setAttribute(name, value);
    }
    copyChildren(node, element, doc, depth + 1);
    to.appendChild(element);
  }
}

/**
 * Article HTML made safe to show: a fragment of the page's document holding only allow-listed
 * elements and attributes — no script, event handler, style, form, frame or embedded object,
 * and links and images only over `https:`/`http:` (links also `mailto:` and `tel:`).
 */
export function sanitizeHtml(html: string, doc: Document = document): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const fragment = doc.createDocumentFragment();
  copyChildren(parsed.body, fragment, doc, 0);
  return fragment;
}
