import { createHash } from 'node:crypto';

/**
 * The text Corridor stores and extracts from. Every offset indexes this
 * normalised text, and the document id is its hash, so the same article saved
 * with different line endings or trailing blanks is the same document.
 * The order matters: line endings first, so the per-line trim sees every line.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** SHA-256 (hex) of an already normalised text. */
export function documentId(normalisedText: string): string {
  return createHash('sha256').update(normalisedText, 'utf8').digest('hex');
}

/** Whitespace runs to one space, trimmed; empty becomes null (titles, names, outlets). */
export function cleanLabel(value: string | null | undefined): string | null {
  const cleaned = value?.normalize('NFC').replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : null;
}
