import type { Span } from '../types.js';

/** The part words and the words that make a part the whole's last piece (resources/event-cues.json `placeParts`). */
export interface PlaceParts {
  words: ReadonlySet<string>;
  completing: ReadonlySet<string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern of a part phrase, built once per lexicon: it is asked for every control event. */
const PHRASES = new WeakMap<PlaceParts, string>();

function partPhrase(parts: PlaceParts): string {
  let phrase = PHRASES.get(parts);
  if (phrase === undefined) {
    // A word starts after a non-letter; a sign ("%") right after its number.
    const word = (w: string) => (/^\p{L}/u.test(w) ? `(?<![\\p{L}\\p{N}])${escape(w)}` : escape(w));
    const part = `(?:${[...parts.words].map(word).join('|')})\\s+of\\b`;
    const lead = '(?:[\\p{L}\\p{N}.-]+\\s+){0,4}?\\p{N}*';
    phrase = `${lead}${part}(?:\\s+${lead}${part})?`;
    PHRASES.set(parts, phrase);
  }
  return phrase;
}

/**
 * "retook **parts of** the city", "took control of **most of the eastern districts of** Aleppo",
 * "liberated **40 percent of** Mosul": a control event whose object is a part of its place. A part
 * word before "of", up to four words (an article, adjectives, a number, "most of the") in front of
 * it, a second part after it. "most of Albu Kamal" or "80 percent of" the town is no part: whoever
 * holds most of a place holds it, as a map marks it. Searched right after the trigger (its object, "took control of"
 * skipped; up to the place, or the clause end when the place was named before) and right before
 * the place ("Parts of Mosul were retaken"). "the last districts of", "the remaining parts of"
 * finish a capture: no part.
 */
export function placePart(text: string, trigger: Span, location: Span | null, clause: Span, parts: PlaceParts): Span | null {
  if (!location || parts.words.size === 0) return null;
  const phrase = partPhrase(parts);
  const found = (start: number, words: string): Span | null => {
    const tokens = words.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    // "80 percent of" is most of the place: its holder holds the place, as "most of" does (not a part word).
    if (tokens.some((w) => parts.completing.has(w) || (/^\d+$/.test(w) && Number(w) > 50))) return null;
    return { start, end: start + words.length };
  };
  const objectEnd = location.start > trigger.end ? location.start : clause.end;
  const after = new RegExp(`^\\s+(?:(?:full\\s+|effective\\s+)?control\\s+(?:of|over)\\s+)?(${phrase})`, 'iu').exec(text.slice(trigger.end, objectEnd));
  if (after) return found(trigger.end + after[0].length - after[1]!.length, after[1]!);
  // Right before the place, in the clause: "Parts of Mosul were retaken".
  const from = Math.max(clause.start, location.start - 80, location.start > trigger.end ? trigger.end : clause.start);
  const before = new RegExp(`(${phrase})(?:\\s+the)?\\s*$`, 'iu').exec(text.slice(from, location.start));
  return before ? found(from + before.index, before[1]!) : null;
}
