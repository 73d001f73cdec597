import type { Span } from '../types.js';
import type { ClauseCues } from './lexicon.js';
import type { SentenceView } from '../text/sentence-view.js';

export type ClauseKind = 'main' | 'relative' | 'subordinate' | 'coordinate' | 'complement';

/** A stretch of a sentence with (roughly) one verb and its arguments. */
export interface Clause extends Span {
  /** First and last word (indices into the sentence's words). */
  first: number;
  last: number;
  kind: ClauseKind;
}

const EDGE_PUNCTUATION = /^[,;:.!?—–\-"'“”‘’()\[\]>]$/;
const LEADING = new Set(['so', 'and', 'but', 'or', 'then', 'now', 'yet']);

/**
 * Splits a sentence into clauses at line breaks, punctuation, subordinators ("who",
 * "after"), the complementizer "that" and coordinators that start a new verb
 * phrase ("and headed to"). A relative clause set off by a comma ends at the
 * next comma, and what follows resumes the main clause:
 * "IS fighters, | who left Mosul in late June, | reached Tal Afar".
 *
 * `startsVerb(i)` tells whether word i is a verb form of an event cue; a
 * cue word followed by "that" keeps "that" as a determiner ("captured that town").
 */
export function splitClauses(view: SentenceView, text: string, cues: ClauseCues, startsVerb: (i: number) => boolean): Clause[] {
  const { words } = view;
  if (words.length === 0) return [];
  const { subordinators, relativePronouns: relatives, coordinators, coordinatedVerbStarts: verbStarts, punctuation } = cues;
  const word = (i: number) => (words[i]?.named ? '' : words[i]?.lower ?? '');

  // "After IS fighters withdrew from Tikrit, Iraqi forces entered the city": an opening subordinate
  // clause ends at the first comma.
  const opensSubordinate = subordinators.has(word(0)) && !relatives.has(word(0));
  const starts: { at: number; kind: ClauseKind }[] = [{ at: 0, kind: opensSubordinate ? 'subordinate' : 'main' }];
  let closesAtComma = opensSubordinate;
  // Whether a word before i is more than a leading connective ("So", "And then").
  let modifiable = false;
  for (let i = 1; i < words.length; i++) {
    const w = word(i);
    const prev = word(i - 1);
    modifiable ||= !LEADING.has(words[i - 1]!.lower);
    let kind: ClauseKind | null = null;
    // A line break inside a sentence ends a headline or a list item that had no full stop.
    if (hasLineBreak(text, words[i - 1]!.end, words[i]!.start)) kind = 'main';
    else if (punctuation.has(prev) && isSpacedPunctuation(words, i - 1)) kind = 'main';
    else if (closesAtComma && prev === ',') kind = 'main';
    // "So where did IS go?": a wh-word with nothing before it to modify asks, it does not relate.
    else if (relatives.has(w)) kind = modifiable ? 'relative' : 'main';
    else if (subordinators.has(w)) kind = 'subordinate';
    else if (w === cues.complementizer && !startsVerb(i - 1)) kind = 'complement';
    else if (coordinators.has(w) && (prev === ',' || startsVerb(i + 1) || verbStarts.has(word(i + 1)))) kind = 'coordinate';
    if (!kind) continue;
    closesAtComma = kind === 'relative' && prev === ',';
    if (starts.at(-1)!.at === i) starts.at(-1)!.kind = kind;
    else starts.push({ at: i, kind });
  }
  return starts.map(({ at, kind }, k) => {
    let first = at;
    let last = (starts[k + 1]?.at ?? words.length) - 1;
    while (last > first && EDGE_PUNCTUATION.test(words[last]!.text)) last--;
    while (first < last && EDGE_PUNCTUATION.test(words[first]!.text)) first++;
    return { first, last, kind, start: words[first]!.start, end: words[last]!.end };
  });
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

// A dash splits clauses only when spaced ("Raqqa - the city"), never inside a name ("Deir ez-Zor–Palmyra").
function isSpacedPunctuation(words: SentenceView['words'], i: number): boolean {
  const w = words[i]!;
  if (!/^[—–-]$/.test(w.text)) return true;
  const before = words[i - 1];
  const after = words[i + 1];
  return (!!before && before.end < w.start) || (!!after && after.start > w.end);
}

/** The clause holding word i. */
export function clauseOf(clauses: readonly Clause[], i: number): Clause {
  return clauses.find((c) => c.first <= i && i <= c.last) ?? clauses.findLast((c) => c.first <= i) ?? clauses[0]!;
}
