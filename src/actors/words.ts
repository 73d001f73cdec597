import type { Token } from '../text/segment.js';
import type { FoldedWord } from '../text/normalize.js';

/**
 * A word of the text (or of an alias) as the actor indexes read it. Offsets
 * point into the original text; only `key` is normalised, by the shared
 * name normalizer (src/text/normalize.ts), the same one that builds the
 * indexes from the aliases.
 */
export interface ActorWord {
  /** The word's span, without a possessive 's. An initialism ("U.S.") folds to several words sharing its span. */
  start: number;
  end: number;
  /** End of the token, after a possessive 's. */
  after: number;
  /** The token text without a possessive 's, case kept: compared for acronyms ("IS" is not "is"). */
  raw: string;
  /** The shared normalizer's shaped form of the word: what the indexes are keyed by. */
  key: string;
  /** A possessive 's closed the token ("ISIS's"); it is not part of the span. */
  possessive: boolean;
  /** Index of the sentence holding the word. */
  sentence: number;
  /** The first and the last word of its token: names start and end at token edges. */
  opensToken: boolean;
  closesToken: boolean;
}

/** Folds a word of text, case and all, into the shared normalizer's words. */
export type WordFolder = (word: string) => readonly FoldedWord[];

const APOSTROPHES = new Set(["'", '’', 'ʼ', '‘', '`']);
const WORD_START = /^[\p{L}\p{M}\p{N}]/u;

/**
 * The words of segmented tokens. Order matters: a possessive 's is split off
 * before folding, which drops apostrophes ("ISIS's" would read "isiss"); the
 * rest of the token folds as one name, so "Da'esh" is "daesh" and "U.S." the
 * two words "u s".
 */
export function actorWords(tokens: readonly Token[], fold: WordFolder): ActorWord[] {
  const words: ActorWord[] = [];
  for (const token of tokens) {
    const { text } = token;
    // Punctuation tokens are single characters; a one-character word needs the test.
    if (text.length === 1 && !WORD_START.test(text)) continue;
    const possessive = text.length > 2 && (text.endsWith('s') || text.endsWith('S')) && APOSTROPHES.has(text[text.length - 2]!);
    const raw = possessive ? text.slice(0, -2) : text;
    const folded = fold(raw);
    const end = token.start + raw.length;
    folded.forEach((word, k) => words.push({
      start: token.start, end, after: token.end, raw, key: word.shaped, sentence: token.sentence,
      possessive: possessive && k === folded.length - 1, opensToken: k === 0, closesToken: k === folded.length - 1,
    }));
  }
  return words;
}

/** A word written in capitals (two letters or more) is an acronym and only matches in capitals. */
export function isAcronym(raw: string): boolean {
  return /^\p{Lu}{2,}$/u.test(raw);
}

// Words of one name sit next to each other: spaces or hyphens between them, a
// dot only after an initial ("U. S. forces"), an apostrophe only closing a plural
// ("Workers' Party"). A comma or a blank line ends the name.
const JOINER = /^['’]?[ \t\-‐‑]*(?:\r?\n[ \t]*)?$/;
const AFTER_INITIAL = /^\.[ \t]*(?:\r?\n[ \t]*)?$/;

/**
 * Whether `right` continues the name `left` is part of. A possessive ends a
 * name unless the name itself is spelt with it (`throughPossessive`:
 * "People's Protection Units").
 */
export function areAdjacent(text: string, left: ActorWord, right: ActorWord, throughPossessive = false): boolean {
  if (left.possessive && !throughPossessive) return false;
  // Words of one initialism ("U.S.") share their span.
  if (left.start === right.start) return true;
  const gap = text.slice(left.after, right.start);
  if (JOINER.test(gap)) return true;
  return left.raw.length === 1 && AFTER_INITIAL.test(gap);
}
