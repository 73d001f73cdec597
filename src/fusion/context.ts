import { createNameNormalizer, loadTransliterationRules, type NameNormalizer } from '../text/normalize.js';
import { readJsonResource } from '../resources.js';
import { createSourceNames, type SourceNames, type StateVoices } from './corroboration.js';
import { createMatcher, type Matcher } from './match.js';
import { createSemantics, loadFusionSettings, type FusionSettings, type Semantics } from './settings.js';
import { createGrid, type Grid } from './space-time.js';

/** Read-only helpers built once from the settings and handed to every fusion function. */
export interface FusionContext {
  settings: FusionSettings;
  semantics: Semantics;
  grid: Grid;
  matcher: Matcher;
  /** The project's one name normalisation (resources/transliteration.json), for outlets, sources and places. */
  normalizeName: NameNormalizer;
  /** Sources by that name key, and the agency a publisher reprints (`wireAgencies`). */
  sourceNames: SourceNames;
}

export function createFusionContext(options: { settings?: FusionSettings; normalizeName?: NameNormalizer } = {}): FusionContext {
  const settings = options.settings ?? loadFusionSettings();
  const semantics = createSemantics(settings);
  const grid = createGrid(settings.placeKm);
  const normalizeName = remembered(options.normalizeName ?? createNameNormalizer(loadTransliterationRules()));
  return {
    settings, semantics, grid, normalizeName,
    matcher: createMatcher(semantics, grid),
    sourceNames: createSourceNames(normalizeName, settings.wireAgencies, stateVoices(settings)),
  };
}

interface ActorsFile {
  actors: { id: string; name: string; kind: string; country?: string; aliases: string[] }[];
  demonymForms: { demonyms: { demonyms: string[]; actor: string }[] };
}

/**
 * The states of the actor lexicon (kind `state`) by their names and aliases,
 * and by the demonyms of any actor of their country ("Russian", "Russia's"),
 * so that a source named after one speaks for its government.
 */
function stateVoices(settings: FusionSettings): StateVoices {
  const file = readJsonResource<ActorsFile>('actors.json');
  const byId = new Map(file.actors.map((a) => [a.id, a]));
  const states = new Map<string, { label: string; names: string[] }>();
  for (const a of file.actors) if (a.kind === 'state' && a.country && !states.has(a.country)) states.set(a.country, { label: a.name, names: [a.name, ...a.aliases] });
  for (const form of file.demonymForms.demonyms) {
    const country = byId.get(form.actor)?.country;
    if (country) states.get(country)?.names.push(...form.demonyms);
  }
  return { states: [...states.values()], governmentWords: settings.governmentWords };
}

/** Outlet, source and place names repeat across thousands of mentions: normalise each once. */
function remembered(normalize: NameNormalizer): NameNormalizer {
  const seen = new Map<string, string>();
  const key = (name: string) => {
    let found = seen.get(name);
    if (found === undefined) {
      found = normalize(name);
      seen.set(name, found);
    }
    return found;
  };
  return Object.assign(key, { words: normalize.words, joinKeys: normalize.joinKeys, arabicKey: normalize.arabicKey, proclitics: normalize.proclitics });
}
