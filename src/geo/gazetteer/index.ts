import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildGazetteerData, GAZETTEER_VERSION, type GazetteerData } from './build.js';
import { Gazetteer } from './gazetteer.js';
import { decodeGazetteer, encodeGazetteer } from './cache-file.js';
import { createNameNormalizer, loadTransliterationRules } from '../../text/normalize.js';
import { packageRoot } from '../../resources.js';
import type { NamedEntry } from './entry.js';

export { Gazetteer } from './gazetteer.js';
export type { GazetteerEntry, NamedEntry } from './entry.js';

export const defaultCachePath = join(packageRoot, '.cache', `gazetteer-v${GAZETTEER_VERSION}.bin`);

export interface LoadGazetteerOptions {
  /** Where the compact cache lives; built there on first use. */
  cachePath?: string;
  /** Entries imported from a full GeoNames dump (`corridor gazetteer import`), layered over the built-in ones. */
  imported?: readonly NamedEntry[];
}

/** Builds the gazetteer from the npm data packages and the GeoNames tables in resources/, and writes the cache. */
export function buildGazetteerCache(cachePath = defaultCachePath): GazetteerData {
  const data = buildGazetteerData(createNameNormalizer(loadTransliterationRules()));
  mkdirSync(dirname(cachePath), { recursive: true });
  // Write then rename, so a concurrent reader never sees half a file.
  const tmp = `${cachePath}.${process.pid}.tmp`;
  writeFileSync(tmp, encodeGazetteer(data));
  renameSync(tmp, cachePath);
  return data;
}

/**
 * Loads the gazetteer from its cache, building the cache first when it is
 * missing (first run) or from an older version.
 */
export function loadGazetteer(options: LoadGazetteerOptions = {}): Gazetteer {
  const normalize = createNameNormalizer(loadTransliterationRules());
  const cachePath = options.cachePath ?? defaultCachePath;
  const data = existsSync(cachePath) ? decodeGazetteer(readFileSync(cachePath), GAZETTEER_VERSION) : null;
  return new Gazetteer(data ?? buildGazetteerCache(cachePath), normalize, options.imported);
}
