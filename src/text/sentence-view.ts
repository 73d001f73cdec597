import type { Analysis } from '../pipeline.js';
import type { ActorMention, PlaceMention, Span } from '../types.js';
import { segment } from './segment.js';
import { firstEndingAfter } from './span-index.js';

/** An entity the argument rules can use: an actor, or a place that names a location. */
export interface Entity {
  kind: 'actor' | 'place';
  /** Index into `analysis.actors` or `analysis.places`. */
  index: number;
  /** First and last word (indices into `SentenceView.words`). */
  first: number;
  last: number;
  /**
   * For an actor named by a place ("Syria" the state, "Iraq"): the literal place mention its
   * name also is, so "attacked Syria" and "in northern Iraq" can still put an event there.
   */
  place?: number;
}

/** A token of one sentence with a folded form for lexicon look-ups. */
export interface Word extends Span {
  readonly text: string;
  /** Lower-cased, curly apostrophes straightened: the form lexicons are matched against. */
  readonly lower: string;
  /** The entity covering this word, or -1; demonyms and metonymic places cover words but are no entity. */
  readonly entity: number;
  /** True for words inside any actor or place mention (never read as cue words). */
  readonly named: boolean;
}

/** One sentence as the extractors read it: its words and the entities over them. */
export interface SentenceView extends Span {
  readonly index: number;
  readonly words: readonly Word[];
  readonly entities: readonly Entity[];
}

/** The same folding for text and lexicon phrases. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  return CURLY_APOSTROPHE.test(lower) ? lower.replace(CURLY_APOSTROPHES, "'") : lower;
}

const CURLY_APOSTROPHE = /[’‘ʼ`]/;
const CURLY_APOSTROPHES = /[’‘ʼ`]/g;

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Places that may fill a location slot: literal places and modifiers, not demonyms or metonyms. */
export function isLocative(place: PlaceMention): boolean {
  return place.kind === 'literal' || place.kind === 'modifier';
}

type Building<T> = { -readonly [K in keyof T]: T[K] };
type BuildingView = Omit<Building<SentenceView>, 'words' | 'entities'> & { words: Building<Word>[]; entities: Entity[] };

/**
 * A view per sentence: words from `analysis.tokens` and the actor and place
 * mentions mapped onto them. An actor wins over a place it contains ("Mosul
 * police" is an actor, not a place). With `only`, just those sentences' views,
 * in text order (a stage that needs few sentences skips the rest).
 *
 * Built afresh on each call: the views are cheap (a few hundredths of a
 * millisecond per news article), and a cache keyed by analysis costs the
 * garbage collector more than it saves.
 */
export function sentenceViews(analysis: Readonly<Analysis>, only?: ReadonlySet<number>): SentenceView[] {
  const views: BuildingView[] = [];
  const bySentence: BuildingView[] = [];
  analysis.sentences.forEach((s, index) => {
    if (only && !only.has(index)) return;
    const view: BuildingView = { index, start: s.start, end: s.end, words: [], entities: [] };
    views.push(view);
    bySentence[index] = view;
  });
  for (const t of analysis.tokens) {
    bySentence[t.sentence]?.words.push({ text: t.text, lower: fold(t.text), start: t.start, end: t.end, entity: -1, named: false });
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
      let first = firstEndingAfter(words, m.span.start);
      const covered: number[] = [];
      for (; first < words.length && words[first]!.start < m.span.end; first++) if (overlaps(words[first]!, m.span)) covered.push(first);
      if (covered.length === 0) continue;
      const taken = covered.some((i) => words[i]!.entity >= 0);
      for (const i of covered) words[i]!.named = true;
      if (taken && m.kind === 'place' && m.usable) {
        const owner = view.entities[words[covered[0]!]!.entity]!;
        if (owner.kind === 'actor' && owner.first === covered[0] && owner.last === covered.at(-1)) owner.place = m.index;
      }
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

/** What a phrase set matches against: a folded word, never one inside a name ("IS" is not "is"). */
export interface Matchable {
  lower: string;
  named?: boolean;
}

interface Phrase<T> {
  words: string[];
  value: T;
}

/** Whether `phrase` sits at words[from..]; words inside names match only when `acrossNames` is set. */
function sitsAt(words: readonly Matchable[], from: number, phrase: readonly string[], acrossNames: boolean): boolean {
  if (from < 0 || from + phrase.length > words.length) return false;
  for (let k = 0; k < phrase.length; k++) {
    const w = words[from + k]!;
    if (w.lower !== phrase[k] || (w.named && !acrossNames)) return false;
  }
  return true;
}

/**
 * A set of word sequences matched longest-first at a word position, with the
 * phrases split by the same tokenizer as the text ("air-strike" is three words).
 * Phrases are indexed by their first and by their last folded word, so a
 * look-up costs one Map access for a word that starts or ends no phrase.
 * Words inside actor or place mentions never match unless `acrossNames` is
 * set (refinement words may sit in names: "Russian jets").
 */
export class PhraseSet<T = string> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();
  private readonly byLast = new Map<string, Phrase<T>[]>();
  private readonly singleWords = new Set<string>();

  constructor(entries: Iterable<[phrase: string, value: T]>) {
    const index = (map: Map<string, Phrase<T>[]>, key: string, phrase: Phrase<T>) => {
      const list = map.get(key) ?? [];
      list.push(phrase);
      list.sort((a, b) => b.words.length - a.words.length);
      map.set(key, list);
    };
    for (const [text, value] of entries) {
      const words = segment(text).tokens.map((t) => fold(t.text));
      if (words.length === 0) continue;
      const phrase = { words, value };
      index(this.byFirst, words[0]!, phrase);
      index(this.byLast, words.at(-1)!, phrase);
      if (words.length === 1) this.singleWords.add(words[0]!);
    }
  }

  static of(phrases: Iterable<string>): PhraseSet<string> {
    return new PhraseSet([...phrases].map((p): [string, string] => [p, p]));
  }

  /** Whether some phrase starts with this folded word: a cheap test before any matching. */
  startsWith(lower: string): boolean {
    return this.byFirst.has(lower);
  }

  /** Whether this folded word is a phrase by itself. */
  hasWord(lower: string): boolean {
    return this.singleWords.has(lower);
  }

  /** The longest phrase starting at `words[i]`, with the number of words it covers. */
  matchAt(words: readonly Matchable[], i: number, acrossNames = false): { value: T; length: number } | null {
    const w = words[i];
    if (!w || (w.named && !acrossNames)) return null;
    const candidates = this.byFirst.get(w.lower);
    if (!candidates) return null;
    for (const c of candidates) {
      if (sitsAt(words, i, c.words, acrossNames)) return { value: c.value, length: c.words.length };
    }
    return null;
  }

  /** The longest phrase ending at `words[i]`. */
  matchEndingAt(words: readonly Matchable[], i: number): { value: T; length: number } | null {
    const w = words[i];
    if (!w || w.named) return null;
    const candidates = this.byLast.get(w.lower);
    if (!candidates) return null;
    for (const c of candidates) {
      if (sitsAt(words, i - c.words.length + 1, c.words, false)) return { value: c.value, length: c.words.length };
    }
    return null;
  }

  /** Every match inside `words[from..to]` (inclusive), scanning left to right without overlaps. */
  findAll(words: readonly Matchable[], from = 0, to = words.length - 1, acrossNames = false): { value: T; first: number; last: number }[] {
    const found: { value: T; first: number; last: number }[] = [];
    for (let i = Math.max(0, from); i <= to; i++) {
      const m = this.matchAt(words, i, acrossNames);
      if (m && i + m.length - 1 <= to) {
        found.push({ value: m.value, first: i, last: i + m.length - 1 });
        i += m.length - 1;
      }
    }
    return found;
  }

  /** Whether any phrase lies inside `words[from..to]` (inclusive). */
  someIn(words: readonly Matchable[], from = 0, to = words.length - 1, acrossNames = false): boolean {
    for (let i = Math.max(0, from); i <= to; i++) {
      const m = this.matchAt(words, i, acrossNames);
      if (m && i + m.length - 1 <= to) return true;
    }
    return false;
  }
}

/** The span from the first to the last word of a range. */
export function wordSpan(words: readonly Span[], first: number, last: number): Span {
  return { start: words[first]!.start, end: words[last]!.end };
}
