import { z } from 'zod';
import { named, type Analysis, type Stage } from '../pipeline.js';
import { readJsonResource, resourcePath } from '../resources.js';
import type { Corridor, CorridorWaypoint, Span } from '../types.js';
import { nounPlural } from '../events/inflect.js';
import { fold, PhraseSet, sentenceViews, type Entity, type SentenceView } from '../text/sentence-view.js';

const fileSchema = z.object({
  version: z.literal(1),
  heads: z.array(z.object({ phrase: z.string().min(1), plural: z.string().optional(), minPlaces: z.number().int().min(1).default(1) }).strict()),
  joiners: z.array(z.string().min(1)),
  linkers: z.array(z.object({ phrase: z.string().min(1), next: z.array(z.string().min(1)) }).strict()),
  via: z.array(z.string()),
  articles: z.array(z.string()),
  filler: z.array(z.string()),
}).strict();

/** The compiled corridor-cue lexicon (resources/corridor-cues.json, documented in corridor-cues.md). */
export interface CorridorCueLexicon {
  /** Head nouns with the fewest places they need ("front" needs two). */
  heads: PhraseSet<number>;
  joiners: Set<string>;
  /** Linkers with the words that introduce the next waypoint. */
  linkers: PhraseSet<PhraseSet>;
  via: PhraseSet;
  articles: Set<string>;
  filler: Set<string>;
}

export function compileCorridorCues(data: unknown, source = 'corridor-cues.json'): CorridorCueLexicon {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`corridor: ${source}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const file = parsed.data;
  const lower = (list: string[]) => new Set(list.map((w) => w.toLowerCase()));
  return {
    heads: new PhraseSet(file.heads.flatMap((h): [string, number][] => [[h.phrase, h.minPlaces], [h.plural ?? nounPlural(h.phrase), h.minPlaces]])),
    joiners: new Set(file.joiners),
    linkers: new PhraseSet(file.linkers.map((l): [string, PhraseSet] => [l.phrase, PhraseSet.of(l.next)])),
    via: PhraseSet.of(file.via),
    articles: lower(file.articles),
    filler: lower(file.filler),
  };
}

/** Loads the corridor cues; `path` replaces the bundled resources/corridor-cues.json. */
export function loadCorridorCues(path?: string): CorridorCueLexicon {
  return compileCorridorCues(readJsonResource<unknown>('corridor-cues.json', path), path ?? resourcePath('corridor-cues.json'));
}

export interface CorridorOptions {
  cues?: CorridorCueLexicon;
}

/** A corridor phrase as a word range, with the places that are its waypoints (a qualifying ", Iraq" is not one). */
interface Phrase {
  first: number;
  last: number;
  places: Entity[];
}

/**
 * The corridors stage: phrases that name a line through places, either places
 * joined by dashes before a head noun ("the Sinjar-Tal Afar-Hasakah axis",
 * "the Palmyra axis") or a head noun with linked places ("a corridor from
 * Raqqa to Palmyra", "the highway linking Baghdad to Damascus"). Waypoints are
 * the place mentions inside the phrase, in text order.
 *
 * @example
 * corridorPhrases()(analysis).corridors?.[0]?.name // 'Sinjar-Tal Afar-Hasakah axis'
 */
export function corridorPhrases(options: CorridorOptions = {}): Stage {
  const cues = options.cues ?? loadCorridorCues();
  return named('corridors', (analysis) => {
    const corridors: Corridor[] = [];
    // Every corridor phrase has a head noun: read only the sentences that hold one.
    const withHead = new Set<number>();
    for (const t of analysis.tokens) if (cues.heads.startsWith(fold(t.text))) withHead.add(t.sentence);
    if (withHead.size === 0) return { corridors };
    for (const view of sentenceViews(analysis, withHead)) {
      const places = view.entities.filter((e) => e.kind === 'place');
      const found = [...joinedPlaces(view, places, cues), ...linkedPlaces(view, places, cues)]
        .sort((a, b) => a.first - b.first || b.last - a.last)
        .filter((p, i, all) => !all.slice(0, i).some((q) => q.first <= p.first && p.last <= q.last));
      for (const p of found) corridors.push(toCorridor(p, view, analysis, cues));
    }
    return { corridors };
  });
}

function placeStartingAt(places: readonly Entity[], word: number): Entity | undefined {
  return places.find((e) => e.first === word);
}

/** "Sinjar-Tal Afar-Hasakah axis", "the Palmyra axis", "Deir ez-Zor–Palmyra road". */
function joinedPlaces(view: SentenceView, places: readonly Entity[], cues: CorridorCueLexicon): Phrase[] {
  const found: Phrase[] = [];
  for (let p = 0; p < places.length; p++) {
    const chain = [places[p]!];
    for (let last = chain[0]!; ; ) {
      const next = cues.joiners.has(view.words[last.last + 1]?.text ?? '') ? placeStartingAt(places, last.last + 2) : undefined;
      if (!next) break;
      chain.push(next);
      last = next;
    }
    let k = chain.at(-1)!.last + 1;
    while (view.words[k] && cues.filler.has(view.words[k]!.lower)) k++;
    const head = cues.heads.matchAt(view.words, k);
    if (head && chain.length >= head.value) found.push({ first: chain[0]!.first, last: k + head.length - 1, places: chain });
    p += chain.length - 1;
  }
  return found;
}

/** "a corridor from Raqqa to Palmyra", "the highway linking Baghdad to Damascus", "the road between Homs and Palmyra". */
function linkedPlaces(view: SentenceView, places: readonly Entity[], cues: CorridorCueLexicon): Phrase[] {
  const found: Phrase[] = [];
  const { words } = view;
  for (let i = 0; i < words.length; i++) {
    const head = cues.heads.matchAt(words, i);
    if (!head) continue;
    const linkerAt = i + head.length;
    const linker = cues.linkers.matchAt(words, linkerAt);
    if (!linker) continue;
    const ends: Entity[] = [];
    const through: Entity[] = [];
    let k = linkerAt + linker.length;
    let isVia = false;
    let last: Entity | null = null;
    for (;;) {
      while (words[k] && cues.articles.has(words[k]!.lower)) k++;
      const place = placeStartingAt(places, k);
      if (!place) break;
      (isVia ? through : ends).push(place);
      last = place;
      k = place.last + 1;
      // "Mosul, Iraq to Tal Afar": a country after a comma qualifies the place before it.
      if (words[k]?.text === ',' && placeStartingAt(places, k + 1)) k = placeStartingAt(places, k + 1)!.last + 1;
      const via = cues.via.matchAt(words, k);
      const step = via ?? linker.value.matchAt(words, k);
      if (!step) break;
      isVia = !!via;
      k += step.length;
    }
    // "from Mosul to Tal Afar via Sinjar" passes Sinjar before it reaches Tal Afar.
    const chain = ends.length ? [...ends.slice(0, -1), ...through, ends.at(-1)!] : through;
    if (last && chain.length >= 2) found.push({ first: i, last: last.last, places: chain });
  }
  return found;
}

function toCorridor(p: Phrase, view: SentenceView, analysis: Readonly<Analysis>, cues: CorridorCueLexicon): Corridor {
  const { text } = analysis;
  let first = p.first;
  while (first > 0 && cues.filler.has(view.words[first - 1]!.lower)) first--;
  const article = first > 0 && cues.articles.has(view.words[first - 1]!.lower) ? first - 1 : first;
  const span: Span = { start: view.words[article]!.start, end: view.words[p.last]!.end };
  const waypoints: CorridorWaypoint[] = p.places.map((e) => {
    const m = analysis.places[e.index]!;
    return { geonameid: m.geonameid, name: m.name, lat: m.lat, lon: m.lon, start: m.start, end: m.end };
  });
  return {
    ...span,
    text: text.slice(span.start, span.end),
    name: text.slice(view.words[first]!.start, span.end),
    waypoints,
  };
}
