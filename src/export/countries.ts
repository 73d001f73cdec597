import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** A country as exports need it. */
export interface Country {
  /** ISO 3166-1 alpha-2. */
  alpha2: string;
  alpha3: string;
  /** ISO 3166-1 numeric, as ACLED's `iso` column writes it (368 for Iraq); null for the few without one (Kosovo). */
  numeric: number | null;
  name: string;
  /** The UN M49 subregion (`Western Asia`), empty for Antarctica. */
  subregion: string;
}

/**
 * Countries (world-countries) and their outlines (world-atlas, Natural Earth
 * 1:110m): loaded once and handed to the exports that need them.
 */
export interface Countries {
  byAlpha2: ReadonlyMap<string, Country>;
  /** Outlines, each feature's `id` the ISO numeric code as world-atlas writes it ("368"). */
  outlines: FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  /** The country whose outline holds the point, for places the extraction gave no country. */
  locate(lon: number, lat: number): Country | null;
}

interface WorldCountry {
  cca2: string;
  cca3: string;
  ccn3: string;
  name: { common: string };
  subregion: string;
}

/**
 * @example
 * const countries = loadCountries();
 * countries.byAlpha2.get('IQ'); // {alpha2: 'IQ', alpha3: 'IRQ', numeric: 368, name: 'Iraq', subregion: 'Western Asia'}
 */
export function loadCountries(): Countries {
  const require = createRequire(import.meta.url);
  const read = <T>(name: string) => JSON.parse(readFileSync(require.resolve(name), 'utf8')) as T;
  const list = read<WorldCountry[]>('world-countries/countries.json');
  const byAlpha2 = new Map<string, Country>();
  const byNumeric = new Map<number, Country>();
  for (const c of list) {
    const numeric = /^\d+$/.test(c.ccn3) ? Number(c.ccn3) : null;
    const country: Country = { alpha2: c.cca2, alpha3: c.cca3, numeric, name: c.name.common, subregion: c.subregion };
    byAlpha2.set(c.cca2, country);
    if (numeric !== null) byNumeric.set(numeric, country);
  }
  const topology = read<Topology>('world-atlas/countries-110m.json');
  const outlines = feature(topology, topology.objects['countries'] as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const shapes = outlines.features.filter((f): f is Feature<Polygon | MultiPolygon, { name: string }> & { id: string } => f.id !== undefined && f.geometry !== null);
  return {
    byAlpha2,
    outlines,
    locate(lon, lat) {
      const hit = shapes.find((f) => booleanPointInPolygon([lon, lat], f));
      return hit ? byNumeric.get(Number(hit.id)) ?? null : null;
    },
  };
}
