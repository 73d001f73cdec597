/**
 * The one normalisation used both to index actor aliases and to read the
 * text, so "Hashd al-Shaabi", "Hashd al Shaabi" and "Hashd al-Sha'abi" meet.
 * Offsets always point into the original text; only `raw`/`norm` change.
 */

export interface WordToken {
  start: number;
  end: number;
  /** The word without inner apostrophes, case kept: compared for acronyms ("IS" is not "is"). */
  raw: string;
  /** `raw` without diacritics, lowercased: compared for everything else. */
  norm: string;
  /** A possessive `'s` followed the word (and is not part of the span). */
  possessive: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ‘`][\p{L}\p{M}\p{N}]+)*/gu;
const POSSESSIVE = /['’ʼ‘`][sS]$/u;
const APOSTROPHES = /['’ʼ‘`]/gu;
const MARKS = /\p{M}/gu;

/**
 * Order matters:
 * 1. split off a possessive `'s` before dropping apostrophes, or "ISIS's" would read "isiss";
 * 2. drop inner apostrophes ("Da'esh" = "Daesh", "Sha'abi" = "Shaabi");
 * 3. decompose and drop diacritics before lowercasing ("Yekîneyên" = "yekineyen").
 * Hyphens separate words, so "al-Shaabi" and "al Shaabi" are the same two words.
 */
export function wordTokens(text: string, from = 0, to = text.length): WordToken[] {
  const tokens: WordToken[] = [];
  const body = text.slice(from, to);
  for (const m of body.matchAll(WORD)) {
    const possessive = POSSESSIVE.test(m[0]);
    const word = possessive ? m[0].slice(0, -2) : m[0];
    const start = from + m.index;
    const raw = word.replace(APOSTROPHES, '');
    tokens.push({ start, end: start + word.length, raw, norm: normalizeWord(raw), possessive });
  }
  return tokens;
}

export function normalizeWord(raw: string): string {
  return raw.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** A word written in capitals (two letters or more) is an acronym and only matches in capitals. */
export function isAcronym(raw: string): boolean {
  return /^\p{Lu}{2,}$/u.test(raw);
}

// Words of one name sit next to each other: spaces or hyphens between them, a
// dot only after an initial ("U.S. forces"), an apostrophe only closing a plural
// ("Workers' Party"). A possessive, a comma or a blank line ends the name.
const JOINER = /^['’]?[ \t\-‐‑]*(?:\r?\n[ \t]*)?$/;

export function areAdjacent(text: string, left: WordToken, right: WordToken): boolean {
  const gap = text.slice(left.end, right.start);
  if (left.possessive) return false;
  if (JOINER.test(gap)) return true;
  return left.raw.length === 1 && /^\.[ \t]*(?:\r?\n[ \t]*)?$/.test(gap);
}
