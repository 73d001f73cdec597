import type { Span } from '../types.js';

/** A quotation in the text: its marks and the quoted content between them. */
export interface Quote extends Span {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark (the paragraph end when the quote is left open). */
  close: number;
  paragraph: number;
}

const OPENERS = new Map<string, string>([
  ['“', '”"'],
  ['"', '"”'],
  ['‘', '’\'"”'],
  ["'", "'’"],
  ['«', '»'],
]);
const CLOSERS = new Set(['”', '"', '’', "'", '»']);
const QUOTE_MARK = /[“"‘'«”’»]/g;
const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * Finds quotations paragraph by paragraph. An opening mark follows a space or
 * the paragraph start; a closing mark follows a non-space and is not followed
 * by a letter, so the apostrophes of "doesn’t" and "Kurds’" never open or
 * close a quote. Straight and curly marks may pair ("‘...\"" happens in
 * blogs). Quotes under `minWords` words are scare quotes and are skipped.
 */
export function findQuotes(text: string, paragraphs: readonly Span[], minWords = 4): Quote[] {
  const quotes: Quote[] = [];
  // Only quotation marks matter: one pass jumps from each to the next, across paragraphs in text order
  // (restarting the search at every paragraph would rescan the quote-free rest of the text each time).
  QUOTE_MARK.lastIndex = 0;
  let m = QUOTE_MARK.exec(text);
  paragraphs.forEach((p, paragraph) => {
    let open = -1;
    let closers = '';
    while (m && m.index < p.start) m = QUOTE_MARK.exec(text);
    for (; m && m.index < p.end; m = QUOTE_MARK.exec(text)) {
      const i = m.index;
      const ch = m[0];
      const prev = text[i - 1] ?? ' ';
      const next = text[i + 1] ?? ' ';
      if (open < 0) {
        if (OPENERS.has(ch) && (i === p.start || /[\s(\[—–-]/.test(prev)) && !/\s/.test(next)) {
          open = i;
          closers = OPENERS.get(ch)!;
        }
      } else if (CLOSERS.has(ch) && closers.includes(ch) && !/\s/.test(prev) && !/[\p{L}\p{N}]/u.test(next)) {
        push(open, i, i + 1);
        open = -1;
      }
    }
    if (open >= 0) push(open, p.end, p.end);

    function push(openAt: number, contentEnd: number, close: number): void {
      let start = openAt + 1;
      let end = contentEnd;
      while (start < end && /\s/.test(text[start]!)) start++;
      // A comma before the closing mark belongs to the sentence around the quote.
      while (end > start && /[\s,;:]/.test(text[end - 1]!)) end--;
      if ((text.slice(start, end).match(WORDS) ?? []).length >= minWords) quotes.push({ start, end, open: openAt, close, paragraph });
    }
  });
  return quotes;
}

/** Block quotes in markdown style: a paragraph whose lines start with ">". */
export function findBlockQuoteLines(text: string, paragraphs: readonly Span[]): Quote[] {
  const found: Quote[] = [];
  paragraphs.forEach((p, paragraph) => {
    const body = text.slice(p.start, p.end);
    if (!body.split('\n').every((line) => /^\s*>/.test(line))) return;
    const marker = /^\s*>\s*/.exec(body)!;
    found.push({ start: p.start + marker[0].length, end: p.end, open: p.start, close: p.end, paragraph });
  });
  return found;
}
