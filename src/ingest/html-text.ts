import { parseHTML } from 'linkedom';
import { trimLineBlanks } from './normalise.js';

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
  const parts = collect(root);
  return trimLineBlanks(parts.join(''), 'both')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type Pending = { node: Node; preformatted: boolean } | string;

/** The text pieces of a subtree in document order. A loop with its own stack: hostile pages nest deeper than the call stack goes. */
function collect(root: Node): string[] {
  const parts: string[] = [];
  const pending: Pending[] = childrenOf(root, false);
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item === 'string') {
      parts.push(item);
      continue;
    }
    const { node, preformatted } = item;
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      parts.push(preformatted ? text : text.replace(/[\s\u00a0]+/g, ' '));
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED.has(tag) || element.hasAttribute('hidden')) continue;
    if (tag === 'BR') {
      parts.push('\n');
      continue;
    }
    const separator = PARAGRAPH.has(tag) ? '\n\n' : LINE.has(tag) ? '\n' : tag === 'TD' || tag === 'TH' ? ' ' : '';
    parts.push(separator);
    pending.push(separator);
    // One at a time: spreading a node with many thousands of children would overflow the call stack too.
    for (const child of childrenOf(element, preformatted || tag === 'PRE')) pending.push(child);
  }
  return parts;
}

/** Children to push on the stack: last first, so they pop in document order. */
function childrenOf(node: Node, preformatted: boolean): Pending[] {
  return Array.from(node.childNodes, (child) => ({ node: child, preformatted })).reverse();
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
