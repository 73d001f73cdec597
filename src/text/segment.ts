import type { Sentence, Span } from '../types.js';

/** A word or punctuation token; offsets into the original text. */
export interface Token extends Span {
  text: string;
  /** Index of the sentence holding the token. */
  sentence: number;
}

export interface Segmentation {
  sentences: Sentence[];
  tokens: Token[];
  paragraphs: Span[];
}

// Words keep inner apostrophes and dots of initialisms ("Tall 'Afar" stays two tokens,
// "U.S." one); every other non-space character is a token of its own.
const TOKEN = /\p{Lu}(?:\.\p{Lu})+\.?|[\p{L}\p{M}\p{N}]+(?:['’ʼ‘`][\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'cpl', 'adm', 'brig',
  'sen', 'rep', 'gov', 'pres', 'st', 'mt', 'ft', 'jr', 'sr', 'no', 'vs', 'etc', 'inc', 'ltd', 'co',
  'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'approx', 'est', 'dept', 'e.g', 'i.e', 'al',
]);

// The end mark must be followed by a space or the end of the text; that is
// checked after the match, since a lookahead here makes the regex backtrack
// through every run of marks ("?!?!?!...x") in quadratic time.
const SENTENCE_END = /[.!?]+["'”’)\]]*|\n\s*\n/g;

/**
 * Longest sentence kept whole (UTF-16 code units). Real sentences stay far
 * below it; longer runs are tables, lists or junk without punctuation. Every
 * later stage works sentence by sentence, some in more than linear time, so
 * this bounds their cost on any input.
 */
export const MAX_SENTENCE_LENGTH = 1000;

function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  // A line of blanks (spaces, tabs, no-break spaces) is an empty line.
  const re = /\n[^\S\n]*\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (text.slice(start, m.index).trim()) spans.push(trimSpan(text, start, m.index));
    start = m.index + m[0].length;
  }
  if (text.slice(start).trim()) spans.push(trimSpan(text, start, text.length));
  return spans;
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

function endsWithAbbreviation(text: string, dotIndex: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dotIndex - 12), dotIndex));
  if (!before) return false;
  const word = before[1]!.toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // Single capital initial ("George W. Bush") or an initialism ("U.S.").
  return /^\p{L}$/u.test(before[1]!) || /^(\p{L}\.)+\p{L}$/u.test(before[1]!);
}

/**
 * Cuts a span longer than MAX_SENTENCE_LENGTH into pieces: after the last line
 * break in the second half of the allowed length, else after the last comma,
 * semicolon or colon, else at the last space, else (one long word) at the
 * limit itself, never between the two halves of a surrogate pair.
 */
function capLength(text: string, span: Span): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > MAX_SENTENCE_LENGTH) {
    const limit = start + MAX_SENTENCE_LENGTH;
    const end = breakBefore(text, start + MAX_SENTENCE_LENGTH / 2, limit);
    pieces.push(trimSpan(text, start, end));
    start = end;
    while (start < span.end && /\s/.test(text[start]!)) start++;
  }
  if (start < span.end) pieces.push(trimSpan(text, start, span.end));
  return pieces;
}

function breakBefore(text: string, from: number, limit: number): number {
  const window = text.slice(from, limit);
  const newline = window.lastIndexOf('\n');
  if (newline >= 0) return from + newline + 1;
  const clause = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(': '));
  if (clause >= 0) return from + clause + 1;
  for (let i = limit - 1; i > from; i--) if (/\s/.test(text[i]!)) return i;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

const NEXT_VISIBLE = /\s*(\S)/y;
const VISIBLE = /\S/g;

/** Does text[start, end) hold anything but white space? (No slice: this runs once per sentence end.) */
function hasVisible(text: string, start: number, end: number): boolean {
  VISIBLE.lastIndex = start;
  const m = VISIBLE.exec(text);
  return m !== null && m.index < end;
}

/** Splits one paragraph into sentence spans. */
function sentenceSpans(text: string, paragraph: Span): Span[] {
  const spans: Span[] = [];
  const body = text.slice(paragraph.start, paragraph.end);
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_END.exec(body))) {
    const end = m.index + m[0].length;
    if (m[0][0] !== '\n' && end < body.length && !/\s/.test(body[end]!)) continue;
    NEXT_VISIBLE.lastIndex = end;
    const next = NEXT_VISIBLE.exec(body);
    const isPeriod = m[0].startsWith('.') && m[0].length === 1;
    if (isPeriod && endsWithAbbreviation(body, m.index)) continue;
    // A lowercase continuation means the period was not a sentence end ("approx. five").
    if (next && /\p{Ll}/u.test(next[1]!) && m[0].startsWith('.')) continue;
    if (hasVisible(body, start, end)) spans.push(trimSpan(text, paragraph.start + start, paragraph.start + end));
    start = end;
  }
  if (hasVisible(body, start, body.length)) spans.push(trimSpan(text, paragraph.start + start, paragraph.end));
  return spans;
}

/**
 * Splits a text into paragraphs, sentences and tokens, keeping offsets into
 * the original text. Sentence stance is filled in later by the claims stage;
 * here every sentence starts as `fact`.
 *
 * @example
 * segment('IS fighters left Mosul. They went west.').sentences
 * // => [{start: 0, end: 23, ...}, {start: 24, end: 39, ...}]
 */
export function segment(text: string): Segmentation {
  const paragraphs = paragraphSpans(text);
  const sentences: Sentence[] = [];
  paragraphs.forEach((p, pi) => {
    for (const span of sentenceSpans(text, p)) {
      // A sentence span is trimmed already: one within the limit is its own only piece.
      const pieces = span.end - span.start <= MAX_SENTENCE_LENGTH ? [span] : capLength(text, span);
      for (const s of pieces) sentences.push({ start: s.start, end: s.end, stance: null, paragraph: pi });
    }
  });
  const tokens: Token[] = [];
  sentences.forEach((s, si) => {
    TOKEN.lastIndex = 0;
    const body = text.slice(s.start, s.end);
    let m: RegExpExecArray | null;
    while ((m = TOKEN.exec(body))) {
      tokens.push({ text: m[0], start: s.start + m.index, end: s.start + m.index + m[0].length, sentence: si });
    }
  });
  return { sentences, tokens, paragraphs };
}
