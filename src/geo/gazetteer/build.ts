import type { EntrySource, NamedEntry } from './entry.js';
import type { NameNormalizer } from '../../text/normalize.js';
import { readAdmin1Points, readAdminAbbreviations, readAdminCodes, readArabicCountries, readCities500, readCountries, readFacilities, readRegions, type AdminAbbreviations, type AdminRecord } from './sources.js';

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
  /** Name keys as written (articles kept; for names in Arabic also without them), and for each the entries found under it. */
  names: PostingList;
  /**
   * Arabic keys (`NameNormalizer.arabicKey`) of the names of places in
   * countries where Arabic is an official language: what a name no name key
   * finds is looked up by.
   */
  arabicNames: PostingList;
  /** Entries (sorted) with a name that carries an Arabic article: the only ones a key made by dropping an article finds. */
  articleEntries: ArrayLike<number>;
  /** Countries where Arabic is an official language (world-countries): imported places there get Arabic keys too. */
  arabicCountries: string[];
  /** Exact-case acronyms and abbreviations (US, UAE, Calif.). */
  acronyms: PostingList;
  /** Exact-case short names that only name a container after "Place, " (OR, Mass.). */
  containerAcronyms: PostingList;
  /** Normalised demonym keys (syrian -> Syria). */
  demonyms: PostingList;
}

export interface PostingList {
  keys: string[];
  /** entries of keys[i] are postings[offsets[i]] .. postings[offsets[i+1]-1] */
  offsets: ArrayLike<number>;
  postings: ArrayLike<number>;
  /** The keys' hash table (`key-table.ts`), as the cache stores it; built on load when absent. */
  slots?: Int32Array;
}

export const GAZETTEER_VERSION = 17;

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

// Prefixes of the same kind: GeoNames writes the Philippine provinces "Province of Laguna", Burundi's communes "Commune of
// Rohero", some Canadian counties "County of Brant"; news writes "Laguna".
const ADMIN_PREFIX = /^(province|commune|county|municipal district|regional district) of\s+/i;

// GeoNames writes "Northern Darfur", "Western Bahr el Ghazal"; news writes "North Darfur".
const COMPASS_ADJECTIVE = /^(North|South|East|West)ern\s+/;

interface RegionPoint { lat: number; lon: number; population: number }

function extent(values: number[]): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (const v of values) { if (v < min) min = v; if (v > max) max = v; }
  return { min, max };
}

/**
 * A representative point for each region from the places inside it: the
 * centre of their extent. This lands near the geographic centre, which is
 * what GeoNames gives regions; a population-weighted centroid would sit on the
 * biggest city instead. Measured on GeoWebNews's admin1 toponyms with the
 * cities500 places: the full extent puts 186 of 206 within 161 km of the gold
 * point, an extent trimmed of the outer 2% 174, the mean of the places 173.
 */
function regionPoints<T extends RegionPoint>(places: T[], keyOf: (c: T) => string | null): Map<string, RegionPoint> {
  const groups = new Map<string, T[]>();
  for (const c of places) {
    const key = keyOf(c);
    if (key) (groups.get(key) ?? groups.set(key, []).get(key)!).push(c);
  }
  const out = new Map<string, RegionPoint>();
  for (const [key, members] of groups) {
    const lats = extent(members.map((m) => m.lat));
    let lons = extent(members.map((m) => m.lon));
    // A region across the antimeridian (Alaska's Aleutians, Fiji) is measured on 0..360 degrees.
    if (lons.max - lons.min > 180) lons = extent(members.map((m) => (m.lon < 0 ? m.lon + 360 : m.lon)));
    const lon = (lons.min + lons.max) / 2;
    out.set(key, {
      lat: (lats.min + lats.max) / 2,
      lon: lon > 180 ? lon - 360 : lon,
      population: members.reduce((sum, m) => sum + m.population, 0),
    });
  }
  return out;
}

/**
 * Moves each admin1 region Natural Earth draws to the centroid of its polygons, keeping its towns' population.
 * The centre of the towns' extent drifts towards where people live (Ontario's north is empty): on
 * GeoWebNews gold spans the centroids raise accuracy@161 from 0.879 to 0.886; Natural Earth's label
 * points were worse (0.873: Hawaii's sits on Oahu).
 */
function withLabelPoints(points: Map<string, RegionPoint>, labels: ReadonlyMap<string, { lat: number; lon: number }>): Map<string, RegionPoint> {
  for (const [code, point] of points) {
    const label = labels.get(code);
    if (label) points.set(code, { ...point, ...label });
  }
  return points;
}

/** An admin region's entry, placed at the point computed from its members; null when no place lies in it. */
function adminEntry(record: AdminRecord, featureCode: 'ADM1' | 'ADM2', point: RegionPoint | undefined, population: number, short: AdminAbbreviations = {}): NamedEntry | null {
  if (!point) return null;
  const [country, admin1Code] = record.code.split('.');
  return {
    geonameid: record.geonameid, name: record.name, lat: point.lat, lon: point.lon, featureClass: 'A', featureCode,
    country: country!, admin1Code: admin1Code!, population, source: featureCode === 'ADM1' ? 'admin1' : 'admin2',
    names: [...new Set([record.name, record.asciiName].flatMap((n) => [n, n.replace(ADMIN_SUFFIX, '').replace(ADMIN_PREFIX, '')]).flatMap((n) => [n, n.replace(COMPASS_ADJECTIVE, '$1 ')]))],
    acronyms: short.abbreviations ?? [], containerAcronyms: short.afterPlace ?? [],
  };
}

/**
 * Assembles every source into one indexed gazetteer: GeoNames cities500 with
 * their alternate names, GeoNames admin1 regions (at Natural Earth's polygon
 * centroids, else placed from the cities inside them) and admin2 regions
 * (placed from their cities, since no packaged data gives their points), countries
 * at GeoNames' points, the regions of resources/regions.json and the
 * facilities of resources/facilities.tsv.
 */
export function buildGazetteerData(normalize: NameNormalizer): GazetteerData {
  const cities = readCities500();
  const { regions, countryAliases, adminDemonyms } = readRegions();
  const abbreviations = readAdminAbbreviations();

  const admin1Codes = readAdminCodes('admin1');
  const admin1Names: Record<string, string> = {};
  for (const a of admin1Codes) admin1Names[a.code] = a.name;
  const admin1Points = withLabelPoints(regionPoints(cities, (c) => (c.admin1Code ? `${c.country}.${c.admin1Code}` : null)), readAdmin1Points());
  const admin2Points = regionPoints(cities, (c) => (c.admin1Code && c.admin2Code ? `${c.country}.${c.admin1Code}.${c.admin2Code}` : null));
  const admins: NamedEntry[] = [];
  for (const a of admin1Codes) {
    const point = admin1Points.get(a.code);
    const entry = adminEntry(a, 'ADM1', point, Math.max(point?.population ?? 0, 50_000), abbreviations[a.code]);
    if (entry) admins.push({ ...entry, demonyms: adminDemonyms[a.code] ?? [] });
  }
  for (const a of readAdminCodes('admin2')) {
    const point = admin2Points.get(a.code);
    const entry = adminEntry(a, 'ADM2', point, point?.population ?? 0, abbreviations[a.code]);
    if (entry) admins.push(entry);
  }

  const entries: NamedEntry[] = [...readCountries(countryAliases), ...regions, ...admins, ...cities, ...readFacilities()];
  const names = new PostingBuilder();
  const acronyms = new PostingBuilder();
  const containerAcronyms = new PostingBuilder();
  const demonyms = new PostingBuilder();
  const arabicNames = new PostingBuilder();
  const articleEntries = new Set<number>();
  const arabicCountries = readArabicCountries();
  entries.forEach((e, i) => {
    const inArabic = e.country !== null && arabicCountries.has(e.country);
    for (const n of e.names) {
      const words = normalize.words(n);
      names.add(normalize.joinKeys(words, { keepArticles: true }), i);
      if (!inArabic) continue;
      const arabic = normalize.arabicKey(words);
      arabicNames.add(arabic.key, i);
      if (!arabic.stripped) continue;
      articleEntries.add(i);
      // A name in Arabic is also found without its article ("Raqqa" governorate for "Ar-Raqqah").
      names.add(normalize.joinKeys(words), i);
    }
    for (const a of e.acronyms ?? []) acronyms.add(a, i);
    for (const a of e.containerAcronyms ?? []) containerAcronyms.add(a, i);
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
    arabicNames: arabicNames.build(),
    articleEntries: [...articleEntries].sort((a, b) => a - b),
    arabicCountries: [...arabicCountries].sort(),
    acronyms: acronyms.build(),
    containerAcronyms: containerAcronyms.build(),
    demonyms: demonyms.build(),
  };
}
