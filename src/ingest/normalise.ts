import { createHash } from 'node:crypto';

/**
 * The canonical form of a text, which the document id hashes: the same
 * article saved with different line endings, trailing blanks, composed or
 * decomposed accents or a byte-order mark is the same document. Only the id,
 * the language and the date found in the text are read from it; the stored
 * text, and every offset, is the text as given.
 * The order matters: line endings first, so the per-line trim sees every line.
 */
export function normaliseText(text: string): string {
  return trimLineBlanks(text.normalize('NFC').replace(/\r\n?/g, '\n'), 'end')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const BLANKS = new Set([' ', '\t', '\u00a0']);

/**
 * Removes spaces, tabs and no-break spaces at the end (or both ends) of every
 * line. A loop rather than `/[ \t]+$/gm`, which backtracks over every run of
 * blanks inside a line and takes quadratic time on a long one.
 */
export function trimLineBlanks(text: string, sides: 'end' | 'both'): string {
  return text.split('\n').map((line) => {
    let start = 0;
    let end = line.length;
    if (sides === 'both') while (start < end && BLANKS.has(line[start]!)) start++;
    while (end > start && BLANKS.has(line[end - 1]!)) end--;
    return start === 0 && end === line.length ? line : line.slice(start, end);
  }).join('\n');
}

/** SHA-256 (hex) of a text already in its canonical form (`normaliseText`). */
export function documentId(normalisedText: string): string {
  return createHash('sha256').update(normalisedText, 'utf8').digest('hex');
}

/** Whitespace runs to one space, trimmed; empty becomes null (titles, names, outlets). */
export function cleanLabel(value: string | null | undefined): string | null {
  const cleaned = value?.normalize('NFC').replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : null;
}
