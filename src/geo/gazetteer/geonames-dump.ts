import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EntrySource, NamedEntry } from './entry.js';

/**
 * GeoNames alternate names carry every script; Corridor reads names in Latin letters (English news)
 * and in Arabic script (Arabic sources).
 */
export const READABLE_NAME = /^(?:[\p{Script=Latin}\p{M}0-9 '’‘ʿʾ`.\-()]+|[\p{Script=Arabic}\p{M} ]+)$/u;

/**
 * Ids from here up are Corridor's own, for places GeoNames lacks (resources/facilities.tsv):
 * a row needs an integer id to be a GeoNames line, but the id is no GeoNames id, so entries carry none.
 * GeoNames' own ids stay far below (13 million in 2023).
 */
export const LOCAL_ID_BASE = 1_000_000_000;

/** The GeoNames id of a row, null for an id of Corridor's own. */
export function geonamesId(id: number): number | null {
  return id < LOCAL_ID_BASE ? id : null;
}

async function* lines(path: string): AsyncGenerator<{ line: string; number: number }> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const line of rl) {
    number++;
    if (line && !line.startsWith('#')) yield { line, number };
  }
}

/** A line of a GeoNames dump that is not the 19 tab-separated columns. */
export class GeoNamesFormatError extends Error {
  constructor(readonly file: string, readonly line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
  }
}

/**
 * One line of a GeoNames dump (19 tab-separated columns; more are ignored) as an entry, with its
 * inline alternate names and any others given.
 */
export function geoNamesEntry(line: string, file: string, number: number, source: EntrySource, moreNames: readonly string[] = []): NamedEntry {
  const f = line.split('\t');
  if (f.length < 15) throw new GeoNamesFormatError(file, number, `expected 19 tab-separated GeoNames columns, found ${f.length}`);
  const id = Number(f[0]);
  const lat = Number(f[4]), lon = Number(f[5]);
  if (!Number.isInteger(id) || Number.isNaN(lat) || Number.isNaN(lon)) throw new GeoNamesFormatError(file, number, 'geonameid, latitude or longitude is not a number');
  const inline = (f[3] ?? '').split(',').filter((n) => n.length > 2 && READABLE_NAME.test(n));
  return {
    geonameid: id, name: f[1]!, lat, lon, featureClass: f[6] || ' ', featureCode: f[7] || '',
    country: f[8] || null, admin1Code: f[10] || null, population: Number(f[14]) || 0, source,
    names: [...new Set([f[1]!, f[2]!, ...inline, ...moreNames].filter(Boolean))],
  };
}

/**
 * Streams a GeoNames dump (`allCountries.txt`, `cities500.txt`, a country
 * file like `IQ.txt`: 19 tab-separated columns) as gazetteer entries.
 * With `alternateNamesV2.txt`, each entry also gets its Latin- and Arabic-script
 * alternate names (historic ones included: old news uses them). The
 * alternate names file is read once, keeping only names of places in the dump.
 *
 * @example
 * for await (const entry of readGeoNamesDump('IQ.txt')) console.log(entry.name);
 */
export async function* readGeoNamesDump(dumpPath: string, alternateNamesPath?: string): AsyncGenerator<NamedEntry> {
  let alternates: Map<number, string[]> | null = null;
  if (alternateNamesPath) {
    const ids = new Set<number>();
    for await (const { line } of lines(dumpPath)) ids.add(Number(line.slice(0, line.indexOf('\t'))));
    alternates = new Map();
    for await (const { line, number } of lines(alternateNamesPath)) {
      const f = line.split('\t');
      if (f.length < 4) throw new GeoNamesFormatError(alternateNamesPath, number, `expected at least 4 tab-separated columns, found ${f.length}`);
      const id = Number(f[1]);
      const name = f[3]!;
      // Language codes like `link`, `post`, `iata` mark URLs and codes, not names.
      if (!ids.has(id) || /^(link|post|iata|icao|faac|fr_1793|abbr|wkdt|unlc)$/.test(f[2]!) || !READABLE_NAME.test(name)) continue;
      (alternates.get(id) ?? alternates.set(id, []).get(id)!).push(name);
    }
  }
  for await (const { line, number } of lines(dumpPath)) {
    const id = Number(line.slice(0, line.indexOf('\t')));
    yield geoNamesEntry(line, dumpPath, number, 'import', alternates?.get(id));
  }
}
