import { createNameNormalizer, loadTransliterationRules, type NameNormalizer } from '../text/normalize.js';
import { createSourceNames, type SourceNames } from './corroboration.js';
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
    sourceNames: createSourceNames(normalizeName, settings.wireAgencies),
  };
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
