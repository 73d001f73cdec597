import type { Analysis } from '../pipeline.js';
import type { ActorMention, PlaceMention, Span } from '../types.js';
import { segment } from '../text/segment.js';

/** An entity the argument rules can use: an actor, or a place that names a location. */
export interface Entity {
  kind: 'actor' | 'place';
  /** Index into `analysis.actors` or `analysis.places`. */
  index: number;
  /** First and last word (indices into `SentenceView.words`). */
  first: number;
  last: number;
}

/** A token of one sentence with a folded form for lexicon look-ups. */
export interface Word extends Span {
  text: string;
  /** Lower-cased, curly apostrophes straightened: the form lexicons are matched against. */
  lower: string;
  /** The entity covering this word, or -1; demonyms and metonymic places cover words but are no entity. */
  entity: number;
  /** True for words inside any actor or place mention (never read as cue words). */
  named: boolean;
}

/** One sentence as the extractors read it: its words and the entities over them. */
export interface SentenceView extends Span {
  index: number;
  words: Word[];
  entities: Entity[];
}

/** The same folding for text and lexicon phrases. */
export function fold(word: string): string {
  return word.toLowerCase().replace(/[’‘ʼ`]/g, "'");
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Places that may fill a location slot: literal places and modifiers, not demonyms or metonyms. */
export function isLocative(place: PlaceMention): boolean {
  return place.kind === 'literal' || place.kind === 'modifier';
}

/**
 * Builds a view per sentence: words from `analysis.tokens` and the actor and
 * place mentions mapped onto them. An actor wins over a place it contains
 * ("Mosul police" is an actor, not a place).
 */
export function sentenceViews(analysis: Readonly<Analysis>): SentenceView[] {
  const views: SentenceView[] = analysis.sentences.map((s, index) => ({ index, start: s.start, end: s.end, words: [], entities: [] }));
  for (const t of analysis.tokens) {
    views[t.sentence]?.words.push({ text: t.text, lower: fold(t.text), start: t.start, end: t.end, entity: -1, named: false });
  }
  const mentions: { kind: 'actor' | 'place'; index: number; span: Span; usable: boolean }[] = [
    ...analysis.actors.map((a: ActorMention, index) => ({ kind: 'actor' as const, index, span: a, usable: true })),
    ...analysis.places.map((p: PlaceMention, index) => ({ kind: 'place' as const, index, span: p, usable: isLocative(p) })),
  ];
  // Actors first at equal starts, so an actor wins over a place inside it.
  const byStart = [...mentions].sort((a, b) => a.span.start - b.span.start || (a.kind === 'actor' ? -1 : 1));
  let from = 0;
  for (const view of views) {
    while (from < byStart.length && byStart[from]!.span.end <= view.start) from++;
    const { words } = view;
    for (let k = from; k < byStart.length && byStart[k]!.span.start < view.end; k++) {
      const m = byStart[k]!;
      let first = lowerBound(words, m.span.start);
      const covered: number[] = [];
      for (; first < words.length && words[first]!.start < m.span.end; first++) if (overlaps(words[first]!, m.span)) covered.push(first);
      if (covered.length === 0) continue;
      const taken = covered.some((i) => words[i]!.entity >= 0);
      for (const i of covered) words[i]!.named = true;
      if (!m.usable || taken) continue;
      const entity = view.entities.length;
      view.entities.push({ kind: m.kind, index: m.index, first: covered[0]!, last: covered.at(-1)! });
      for (const i of covered) words[i]!.entity = entity;
    }
    view.entities.sort((a, b) => a.first - b.first);
    view.entities.forEach((e, ei) => { for (let i = e.first; i <= e.last; i++) words[i]!.entity = ei; });
  }
  return views;
}

/** Index of the first word ending after `offset`. */
function lowerBound(words: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What a phrase set matches against: a folded word, never one inside a name ("IS" is not "is"). */
export interface Matchable {
  lower: string;
  named?: boolean;
}

const same = (w: Matchable | undefined, phraseWord: string) => !!w && !w.named && w.lower === phraseWord;

/**
 * A set of word sequences matched longest-first at a word position, with the
 * phrases split by the same tokenizer as the text ("air-strike" is three words).
 * Words inside actor or place mentions never match.
 */
export class PhraseSet<T = string> {
  private readonly byFirst = new Map<string, { words: string[]; value: T }[]>();

  constructor(entries: Iterable<[phrase: string, value: T]>) {
    for (const [phrase, value] of entries) {
      const words = segment(phrase).tokens.map((t) => fold(t.text));
      if (words.length === 0) continue;
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push({ words, value });
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(words[0]!, list);
    }
  }

  static of(phrases: Iterable<string>): PhraseSet<string> {
    return new PhraseSet([...phrases].map((p): [string, string] => [p, p]));
  }

  /** The longest phrase starting at `words[i]`, with the number of words it covers. */
  matchAt(words: readonly Matchable[], i: number): { value: T; length: number } | null {
    const candidates = this.byFirst.get(words[i]?.lower ?? '');
    if (!candidates) return null;
    for (const c of candidates) {
      if (c.words.every((w, k) => same(words[i + k], w))) return { value: c.value, length: c.words.length };
    }
    return null;
  }

  /** The longest phrase ending at `words[i]`. */
  matchEndingAt(words: readonly Matchable[], i: number): { value: T; length: number } | null {
    let best: { value: T; length: number } | null = null;
    for (const list of this.byFirst.values()) {
      for (const c of list) {
        const from = i - c.words.length + 1;
        if (from < 0 || (best && best.length >= c.words.length)) continue;
        if (c.words.every((w, k) => same(words[from + k], w))) best = { value: c.value, length: c.words.length };
      }
    }
    return best;
  }

  /** Every match inside `words[from..to]` (inclusive), scanning left to right without overlaps. */
  findAll(words: readonly Matchable[], from = 0, to = words.length - 1): { value: T; first: number; last: number }[] {
    const found: { value: T; first: number; last: number }[] = [];
    for (let i = from; i <= to; i++) {
      const m = this.matchAt(words, i);
      if (m && i + m.length - 1 <= to) {
        found.push({ value: m.value, first: i, last: i + m.length - 1 });
        i += m.length - 1;
      }
    }
    return found;
  }
}

/** The span from the first to the last word of a range. */
export function wordSpan(words: readonly Span[], first: number, last: number): Span {
  return { start: words[first]!.start, end: words[last]!.end };
}
