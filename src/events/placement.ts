import { z } from 'zod';
import type { Analysis } from '../pipeline.js';
import { readJsonResource, resourcePath } from '../resources.js';
import type { PlaceBasis } from '../types.js';
import type { ArgumentReader, Arguments, TriggerSite } from './arguments.js';
import type { ArgumentRole, EventCueLexicon } from './lexicon.js';
import type { Word } from '../text/sentence-view.js';

const fileSchema = z.object({
  version: z.literal(1),
  anaphors: z.object({
    determiners: z.array(z.string()),
    modifiers: z.array(z.string()),
    nouns: z.record(z.string(), z.array(z.string())),
    adverbs: z.array(z.string()),
  }).strict(),
  sentence: z.object({ prepositions: z.array(z.string()) }).strict(),
}).strict();

/** The compiled placement lexicon (resources/placement.json, documented in placement.md). */
export interface PlacementCues {
  determiners: Set<string>;
  modifiers: Set<string>;
  /** Noun -> feature-code prefixes of the places it stands for; empty: any place. */
  nouns: Map<string, string[]>;
  adverbs: Set<string>;
  /** The prepositions whose place is the sentence's place ("in Aleppo", "near Palmyra"). */
  sentencePrepositions: Set<string>;
}

export function compilePlacementCues(data: unknown, source = 'placement.json'): PlacementCues {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`corridor: ${source}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const lower = (list: string[]) => new Set(list.map((w) => w.toLowerCase()));
  const { anaphors: { determiners, modifiers, nouns, adverbs }, sentence } = parsed.data;
  return {
    determiners: lower(determiners),
    modifiers: lower(modifiers),
    nouns: new Map(Object.entries(nouns).map(([noun, codes]) => [noun.toLowerCase(), codes])),
    adverbs: lower(adverbs),
    sentencePrepositions: lower(sentence.prepositions),
  };
}

/** Loads the placement cues; `path` replaces the bundled resources/placement.json. */
export function loadPlacementCues(path?: string): PlacementCues {
  return compilePlacementCues(readJsonResource<unknown>('placement.json', path), path ?? resourcePath('placement.json'));
}

/** A place found for an event whose clause names none, and how it was found. */
export interface Placement {
  role: ArgumentRole;
  /** Index into `analysis.places`. */
  place: number;
  basis: Exclude<PlaceBasis, 'clause'>;
  /** Introduced by "near", "outside", "north of"... */
  nearby: boolean;
}

/** How many words may stand between a determiner and its noun ("the aforementioned strategic village"). */
const MODIFIER_REACH = 3;

/**
 * Places an event its own clause does not place, in order: a definite "the city", "this village"
 * or a "there" in the clause, standing for the last place of that kind named before it (`anaphor`);
 * else the place of the event's sentence nearest the trigger (`sentence`); else none. Never a place
 * from another sentence except by such a phrase.
 *
 * @example
 * const placer = new Placer(loadPlacementCues(), lexicon, analysis, reader);
 * const placement = placer.anaphor(site, args) ?? placer.sentencePlace(site);
 */
export class Placer {
  constructor(
    private readonly cues: PlacementCues,
    private readonly lexicon: EventCueLexicon,
    private readonly analysis: Readonly<Analysis>,
    private readonly reader: ArgumentReader,
  ) {}

  /** "fighting in the city": a definite phrase or "there" in the clause, standing for the last place of its kind named before it. */
  anaphor(site: TriggerSite, args: Arguments): Placement | null {
    // "the last positions held by IS in the city": a participle on its noun places only that noun.
    if (site.pos === 'verb' && this.reader.passiveVoice(site) === 'reduced') return null;
    const { view, clause, cue: { frame }, first, last } = site;
    const { words } = view;
    const to = frame.scope === 'sentence' ? words.length - 1 : clause.last;
    for (let k = clause.first; k <= to; k++) {
      if (k >= first && k <= last) continue;
      const w = words[k]!;
      if (w.named) continue;
      if (this.cues.adverbs.has(w.lower)) {
        // "there were clashes": before the trigger, "there" points at nothing.
        if (k < first) continue;
        const place = this.lastPlaceBefore(w.start, []);
        if (place !== null) return { role: frame.prepositions.in?.place ?? frame.prepositions.at?.place ?? 'location', place, basis: 'anaphor', nearby: false };
        continue;
      }
      const codes = this.cues.nouns.get(w.lower);
      // "the Old City", "the Green Zone": a capitalised noun is a name of its own, not a pointer back.
      if (!codes || w.text !== w.lower || !this.definite(words, k) || this.introducesName(words, k)) continue;
      const role = this.roleOf(site, args, this.determinerOf(words, k), k > last);
      if (!role) continue;
      const place = this.lastPlaceBefore(w.start, codes);
      if (place !== null) return { role, place, basis: 'anaphor', nearby: false };
    }
    return null;
  }

  /** The role the frame gives the phrase starting at `start`: by its preposition, else as the verb's object or subject. */
  private roleOf(site: TriggerSite, args: Arguments, start: number, after: boolean): ArgumentRole | null {
    const { view, clause, cue: { frame }, last, pos } = site;
    const gov = this.reader.governor(view, start, after ? last + 1 : clause.first, after);
    if (gov.preposition) return (after ? frame.prepositions : frame.prepositionsBefore)[gov.preposition]?.place ?? null;
    if (!gov.adjacent || pos !== 'verb') return null;
    return (after ? frame.object : args.passive ? frame.passiveSubject : frame.subject).place ?? null;
  }

  private determinerOf(words: readonly Word[], noun: number): number {
    for (let k = noun - 1; k >= Math.max(0, noun - 1 - MODIFIER_REACH); k--) {
      if (this.cues.determiners.has(words[k]!.lower)) return k;
    }
    return noun;
  }

  /** "the town", "this strategic village": a determiner, then only lower-case modifiers, before the noun. */
  private definite(words: readonly Word[], noun: number): boolean {
    for (let k = noun - 1; k >= Math.max(0, noun - 1 - MODIFIER_REACH); k--) {
      const w = words[k]!;
      if (w.named || (w.text !== w.lower && !this.cues.determiners.has(w.lower))) return false;
      if (this.cues.determiners.has(w.lower)) return true;
      if (!this.cues.modifiers.has(w.lower) && !this.lexicon.phraseFiller.has(w.lower)) return false;
    }
    return false;
  }

  /** "the town of Azaz", "the city Raqqa": the noun introduces a name rather than pointing back. */
  private introducesName(words: readonly Word[], noun: number): boolean {
    const next = words[noun + 1];
    return !!next && (next.named || next.lower === 'of');
  }

  /** The last place named before `at` in the document whose feature code starts with one of `codes` (any, when empty). */
  private lastPlaceBefore(at: number, codes: readonly string[]): number | null {
    let found: number | null = null;
    this.analysis.places.forEach((p, i) => {
      // Only a place named as such: not "US" in "US-led", not a demonym.
      if (p.end > at || p.kind !== 'literal' || (found !== null && this.analysis.places[found]!.start >= p.start)) return;
      if (codes.length === 0 || codes.some((c) => p.featureCode.startsWith(c))) found = i;
    });
    return found;
  }

  /**
   * The sentence's own place nearest the trigger: a place named in a locative phrase ("in Aleppo",
   * "near Palmyra"). Names of actors ("U.S. forces"), modifiers ("UK-based"), countries and regions,
   * and places that only say where another is ("Raqqa, Syria") do not place the sentence.
   */
  sentencePlace(site: TriggerSite): Placement | null {
    const { view, first, last } = site;
    let best: { place: number; distance: number; nearby: boolean } | null = null;
    for (const e of view.entities) {
      const place = e.kind === 'place' ? this.analysis.places[e.index]! : null;
      // A country or a wider region frames a sentence ("the group's last stronghold in Iraq") more than it places an event.
      if (!place || place.kind !== 'literal' || /^(PCL|RGN|CONT)/.test(place.featureCode) || this.reader.isQualifier(view, e)) continue;
      const gov = this.reader.governor(view, e.first, 0);
      if (!gov.preposition || !this.cues.sentencePrepositions.has(gov.preposition)) continue;
      const distance = e.first > last ? e.first - last : first - e.last;
      if (!best || distance < best.distance) best = { place: e.index, distance, nearby: gov.nearby };
    }
    return best ? { role: 'location', place: best.place, basis: 'sentence', nearby: best.nearby } : null;
  }
}
