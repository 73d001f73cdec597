import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** A country name to draw on the map, with a rank: 0 for the largest countries, shown first when zoomed out. */
export interface Label {
  name: string;
  lon: number;
  lat: number;
  rank: number;
}

/** The offline basemap: Natural Earth 1:50m land and countries (world-atlas) as GeoJSON, plus country labels. */
export interface Basemap {
  land: FeatureCollection;
  countries: FeatureCollection;
  labels: Label[];
}

export interface BasemapOptions {
  /** Decimal places kept in coordinates; 3 (about 100 m) is finer than the 1:50m source. */
  precision?: number;
}

/**
 * Converts world-atlas's TopoJSON to GeoJSON once, at startup: no tile server,
 * nothing fetched at run time.
 *
 * @example
 * const { countries, labels } = loadBasemap();
 */
export function loadBasemap(options: BasemapOptions = {}): Basemap {
  const precision = options.precision ?? 3;
  const require = createRequire(import.meta.url);
  const read = (name: string) => JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), 'utf8')) as Topology;
  const landTopology = read('land-50m.json');
  const countriesTopology = read('countries-50m.json');
  const land = roundCollection(toCollection(landTopology, 'land'), precision);
  const countries = roundCollection(toCollection(countriesTopology, 'countries'), precision);
  return { land, countries, labels: countryLabels(countries) };
}

function toCollection(topology: Topology, object: string): FeatureCollection {
  // Both world-atlas objects used here are GeometryCollections, which convert to a FeatureCollection.
  return feature(topology, topology.objects[object] as GeometryCollection) as FeatureCollection;
}

function roundCollection(collection: FeatureCollection, precision: number): FeatureCollection {
  const factor = 10 ** precision;
  const round = (value: unknown): unknown =>
    typeof value === 'number' ? Math.round(value * factor) / factor : (value as unknown[]).map(round);
  return {
    type: 'FeatureCollection',
    features: collection.features.map((f) => ({
      type: 'Feature',
      ...(f.id === undefined ? {} : { id: f.id }),
      properties: f.properties ?? {},
      geometry: roundGeometry(f.geometry, round),
    })),
  };
}

function roundGeometry(geometry: Geometry, round: (value: unknown) => unknown): Geometry {
  if (geometry.type === 'GeometryCollection') {
    return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => roundGeometry(g, round)) };
  }
  return { ...geometry, coordinates: round(geometry.coordinates) } as Geometry;
}

/** Planar area of a ring in square degrees: enough to compare polygons of one country. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(sum) / 2;
}

function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/**
 * A point inside the polygon for its label: the centroid of its outer ring
 * when that falls inside (convex-ish shapes), otherwise the middle of the
 * widest inside stretch along the ring's middle latitude (crescents such as
 * Croatia or Chile, whose centroid lies outside).
 */
export function labelPoint(polygon: Position[][]): Position {
  const ring = polygon[0];
  const shape: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: polygon } };
  let cx = 0;
  let cy = 0;
  for (const [x, y] of ring) {
    cx += x;
    cy += y;
  }
  const centroid = [cx / ring.length, cy / ring.length];
  if (booleanPointInPolygon(centroid, shape)) return centroid;
  const lats = ring.map((p) => p[1]);
  const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const crossings: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j];
    const [x2, y2] = ring[i];
    if ((y1 > lat) !== (y2 > lat)) crossings.push(x1 + ((lat - y1) / (y2 - y1)) * (x2 - x1));
  }
  crossings.sort((a, b) => a - b);
  let best: Position = ring[0];
  let widest = -1;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    if (crossings[i + 1] - crossings[i] > widest) {
      widest = crossings[i + 1] - crossings[i];
      best = [(crossings[i] + crossings[i + 1]) / 2, lat];
    }
  }
  return best;
}

function countryLabels(countries: FeatureCollection): Label[] {
  const labels: (Label & { area: number })[] = [];
  for (const f of countries.features) {
    const name = f.properties?.name;
    const polygons = polygonsOf(f.geometry as Polygon | MultiPolygon);
    if (typeof name !== 'string' || polygons.length === 0) continue;
    const largest = polygons.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
    const [lon, lat] = labelPoint(largest);
    labels.push({ name, lon: Math.round(lon * 1000) / 1000, lat: Math.round(lat * 1000) / 1000, rank: 0, area: ringArea(largest[0]) });
  }
  // Rank by size class so the client can show big countries first: 0 (> 100 sq deg), 1 (> 10), 2 (> 1), 3 (the rest).
  return labels
    .sort((a, b) => b.area - a.area)
    .map(({ area, ...label }) => ({ ...label, rank: area > 100 ? 0 : area > 10 ? 1 : area > 1 ? 2 : 3 }));
}
