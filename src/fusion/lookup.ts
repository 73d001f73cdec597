import type { ActorRef, PlaceRef } from '../types.js';
import { corridorDefinitions, type UserCorridorDefinition } from './corridors.js';
import { compareKeys } from './mentions.js';
import { placeKey } from './space-time.js';
import type { FusionState } from './state.js';
import type { CorridorDefinition, NormalizeName } from './types.js';

/**
 * Every name of every place, alternate names included: the gazetteer. A
 * typed name is looked up there, so "Palmyra" finds Tadmur's GeoNames id.
 */
export interface PlaceDirectory {
  lookup(name: string): readonly { geonameid: number | null; name: string }[];
}

/**
 * Whether a place is one that a user's words name: a GeoNames id ("163808"),
 * a place key ("gn:163808"), or a name in any spelling (the one name key) or
 * any of the gazetteer's names for it, alternate names included. A
 * gazetteer entry without an id names the places spelled as it is.
 */
export function placeMatcher(normalize: NormalizeName, query: string, gazetteer?: PlaceDirectory): (p: Pick<PlaceRef, 'geonameid' | 'name'>) => boolean {
  const typed = query.trim();
  if (/^\d+$/.test(typed)) {
    const id = Number(typed);
    return (p) => p.geonameid === id;
  }
  const ids = new Set<number>();
  const names = new Set([normalize(typed)]);
  for (const entry of gazetteer?.lookup(typed) ?? []) {
    if (entry.geonameid !== null) ids.add(entry.geonameid);
    else names.add(normalize(entry.name));
  }
  return (p) => (p.geonameid !== null && ids.has(p.geonameid)) || names.has(normalize(p.name)) || placeKey(p, normalize) === typed;
}

/**
 * Resolves what a user types ("Palmyra", "Tadmur", "tall afar", "163808",
 * "gn:163808") to a place of the fused events. Of the places the words may
 * name, the one the events name most often wins: a name is ambiguous in the
 * gazetteer ("Palmyra" is also a town in Missouri), not in the store.
 */
export function findPlace(state: FusionState, query: string, gazetteer?: PlaceDirectory): PlaceRef | null {
  const normalize = state.context.normalizeName;
  const named = placeMatcher(normalize, query, gazetteer);
  const hits = new Map<string, { value: PlaceRef; n: number }>();
  for (const c of byId(state)) {
    for (const p of [c.location, c.origin, c.destination]) {
      if (!p || !named(p)) continue;
      const key = placeKey(p, normalize);
      const hit = hits.get(key);
      if (hit) hit.n++;
      else hits.set(key, { value: p, n: 1 });
    }
  }
  return best(hits);
}

/** The longest place name tried in a corridor's name, in words (as the gazetteer's longest names). */
const MAX_PLACE_WORDS = 6;

/**
 * The corridor a user names: by its name or an alias (the one name key), else
 * by the places it runs through, each in any of its names ("Tadmur-Raqqa
 * corridor" for the Raqqa-Palmyra corridor, either way round). Words before
 * the first place and after the last ("the", "corridor", "highway") are not
 * compared; at least two places must be named. The corridor whose waypoints
 * the words name most of, then the one with the fewest waypoints, wins.
 */
export function findCorridor(state: FusionState, user: readonly UserCorridorDefinition[], query: string, gazetteer?: PlaceDirectory): CorridorDefinition | null {
  const normalize = state.context.normalizeName;
  const definitions = corridorDefinitions(state, [...user]);
  const wanted = normalize(query);
  const aliases = new Map(user.map((u) => [u.name, u.aliases]));
  const byName = definitions.find((d) => [d.name, ...(aliases.get(d.name) ?? [])].some((n) => normalize(n) === wanted));
  if (byName) return byName;

  // Stretches of the folded words, each tried as a place name once.
  const words = normalize.words(query).map((w) => w.folded);
  const matchers = new Map<string, ReturnType<typeof placeMatcher>>();
  const names = (from: number, to: number, waypoint: PlaceRef) => {
    const text = words.slice(from, to).join(' ');
    let matcher = matchers.get(text);
    if (!matcher) matchers.set(text, (matcher = placeMatcher(normalize, text, gazetteer)));
    return matcher(waypoint);
  };
  /** How many of `waypoints` (in order) consecutive stretches of words name, at best, from each start. */
  const namedInOrder = (waypoints: PlaceRef[]): number => {
    const memo = new Map<string, number>();
    const run = (from: number, next: number): number => {
      const key = `${from}|${next}`;
      let most = memo.get(key);
      if (most !== undefined) return most;
      most = 0;
      for (let to = from + 1; to <= Math.min(words.length, from + MAX_PLACE_WORDS); to++) {
        for (let w = next; w < waypoints.length; w++) {
          if (names(from, to, waypoints[w]!)) most = Math.max(most, 1 + run(to, w + 1));
        }
      }
      memo.set(key, most);
      return most;
    };
    let best = 0;
    for (let start = 0; start < words.length; start++) best = Math.max(best, run(start, 0));
    return best;
  };
  let winner: { def: CorridorDefinition; named: number } | null = null;
  for (const def of definitions) {
    const named = Math.max(namedInOrder(def.waypoints), namedInOrder([...def.waypoints].reverse()));
    if (named < 2) continue;
    if (!winner || named > winner.named || (named === winner.named && def.waypoints.length < winner.def.waypoints.length)) winner = { def, named };
  }
  return winner?.def ?? null;
}

/** Every name of every actor (resources/actors.json): a typed alias ("Daesh", "ISIL") is looked up there. */
export interface ActorDirectory {
  /** The ids of the actors the name (in any spelling the one name key folds together) is a name or alias of. */
  lookup(name: string): readonly string[];
}

/** An actor directory over lexicon entries, keyed with the one name normalisation. */
export function actorDirectory(entries: Iterable<{ id: string; name: string; aliases: readonly string[] }>, normalize: NormalizeName): ActorDirectory {
  const ids = new Map<string, string[]>();
  for (const entry of entries) {
    for (const name of [entry.name, ...entry.aliases]) {
      const key = normalize(name);
      ids.set(key, [...new Set([...(ids.get(key) ?? []), entry.id])]);
    }
  }
  return { lookup: (name) => ids.get(normalize(name)) ?? [] };
}

/**
 * Resolves what a user types to the actor of the fused events: its id or
 * name in any spelling ("IS", "islamic state"), else any alias the actor
 * directory knows ("Daesh"); of several, the one the events name most.
 */
export function findActor(state: FusionState, query: string, directory?: ActorDirectory): ActorRef | null {
  const direct = actorNamed(state, query);
  if (direct || !directory) return direct;
  const found = directory.lookup(query).map((id) => actorNamed(state, id)).filter((a): a is ActorRef => a !== null);
  return found.sort((a, b) => compareKeys(a.actorId, b.actorId))[0] ?? null;
}

function actorNamed(state: FusionState, query: string): ActorRef | null {
  const normalize = state.context.normalizeName;
  const wanted = normalize(query);
  const hits = new Map<string, { value: ActorRef; n: number }>();
  for (const c of byId(state)) {
    for (const a of [c.agent, c.patient, c.control?.holder ?? null, c.control?.loser ?? null]) {
      if (!a || (a.actorId !== query && normalize(a.actorId) !== wanted && normalize(a.name) !== wanted)) continue;
      const hit = hits.get(a.actorId);
      if (hit) hit.n++;
      else hits.set(a.actorId, { value: a, n: 1 });
    }
  }
  return best(hits);
}

/** Clusters by id, so that ties are broken the same way whatever order they were made in. */
function byId(state: FusionState) {
  return [...state.clusters.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function best<T>(hits: Map<string, { value: T; n: number }>): T | null {
  let winner: [string, { value: T; n: number }] | null = null;
  for (const e of hits) if (!winner || e[1].n > winner[1].n || (e[1].n === winner[1].n && e[0] < winner[0])) winner = e;
  return winner ? winner[1].value : null;
}
