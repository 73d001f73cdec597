import { parseHTML } from 'linkedom';

// Elements that end a paragraph, and the lighter ones that only end a line.
const PARAGRAPH = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DETAILS', 'DIV', 'DL', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'UL', 'CAPTION',
]);
const LINE = new Set(['LI', 'DT', 'DD', 'TR']);
// Never text a reader sees.
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'HEAD', 'BUTTON', 'SELECT', 'TEXTAREA', 'MATH']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * The text a reader sees in a DOM subtree, with paragraphs separated by a
 * blank line and list items and table rows on lines of their own (where
 * `textContent` would run "Headline" and "Fighters moved" together).
 */
export function elementText(root: Node): string {
  const parts: string[] = [];
  collect(root, parts, false);
  return parts.join('')
    .replace(/[ \t\u00a0]*\n[ \t\u00a0]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function collect(node: Node, parts: string[], preformatted: boolean): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      const text = child.textContent ?? '';
      parts.push(preformatted ? text : text.replace(/[\s\u00a0]+/g, ' '));
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const element = child as Element;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED.has(tag) || element.hasAttribute('hidden')) continue;
    if (tag === 'BR') {
      parts.push('\n');
      continue;
    }
    const separator = PARAGRAPH.has(tag) ? '\n\n' : LINE.has(tag) ? '\n' : tag === 'TD' || tag === 'TH' ? ' ' : '';
    parts.push(separator);
    collect(element, parts, preformatted || tag === 'PRE');
    parts.push(separator);
  }
}

/** Parses an HTML fragment (feed content, a title with markup) and returns its text. */
export function htmlToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return elementText(document.body);
}

/** A one-line label that may hold markup or entities (`A &amp; B`, `<b>Title</b>`). */
export function inlineText(value: string): string {
  return (/[<&]/.test(value) ? htmlToText(value) : value).replace(/\s+/g, ' ').trim();
}
