import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { NamedEntry } from './entry.js';

// GeoNames alternate names carry every script; English news needs the Latin ones.
const LATIN_NAME = /^[\p{Script=Latin}\p{M}0-9 '’‘ʿʾ`.\-()]+$/u;

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
 * Streams a GeoNames dump (`allCountries.txt`, `cities500.txt`, a country
 * file like `IQ.txt`: 19 tab-separated columns) as gazetteer entries.
 * With `alternateNamesV2.txt`, each entry also gets its Latin-script
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
      if (!ids.has(id) || /^(link|post|iata|icao|faac|fr_1793|abbr|wkdt|unlc)$/.test(f[2]!) || !LATIN_NAME.test(name)) continue;
      (alternates.get(id) ?? alternates.set(id, []).get(id)!).push(name);
    }
  }
  for await (const { line, number } of lines(dumpPath)) {
    const f = line.split('\t');
    if (f.length < 15) throw new GeoNamesFormatError(dumpPath, number, `expected 19 tab-separated GeoNames columns, found ${f.length}`);
    const id = Number(f[0]);
    const lat = Number(f[4]), lon = Number(f[5]);
    if (!Number.isInteger(id) || Number.isNaN(lat) || Number.isNaN(lon)) throw new GeoNamesFormatError(dumpPath, number, 'geonameid, latitude or longitude is not a number');
    const inline = (f[3] ?? '').split(',').filter((n) => n.length > 2 && LATIN_NAME.test(n));
    yield {
      geonameid: id, name: f[1]!, lat, lon, featureClass: f[6] || ' ', featureCode: f[7] || '',
      country: f[8] || null, admin1Code: f[10] || null, population: Number(f[14]) || 0, source: 'import',
      names: [...new Set([f[1]!, f[2]!, ...inline, ...(alternates?.get(id) ?? [])].filter(Boolean))],
    };
  }
}
