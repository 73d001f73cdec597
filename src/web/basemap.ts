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

/** A position's longitude and latitude: every GeoJSON position has both. */
function lonLat(position: Position): [number, number] {
  const [lon, lat] = position;
  if (lon === undefined || lat === undefined) throw new Error(`a GeoJSON position needs a longitude and a latitude, got [${position.join(', ')}]`);
  return [lon, lat];
}

/** The edges of a closed ring, each as its two ends; the last point joins the first. */
function* edges<T>(ring: readonly T[]): Generator<[T, T]> {
  let previous = ring.at(-1);
  for (const point of ring) {
    if (previous !== undefined) yield [previous, point];
    previous = point;
  }
}

/** Planar area of a ring in square degrees: enough to compare polygons of one country. */
function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (const [[x1, y1], [x2, y2]] of edges(ring.map(lonLat))) sum += (x1 - x2) * (y1 + y2);
  return Math.abs(sum) / 2;
}

/** The area of a polygon's outer ring. */
const outerArea = (polygon: Position[][]): number => ringArea(polygon[0] ?? []);

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
export function labelPoint(polygon: Position[][]): [number, number] {
  const ring = (polygon[0] ?? []).map(lonLat);
  const [first] = ring;
  if (!first) throw new Error('labelPoint: the polygon has no outer ring');
  const shape: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: polygon } };
  let cx = 0;
  let cy = 0;
  for (const [x, y] of ring) {
    cx += x;
    cy += y;
  }
  const centroid: [number, number] = [cx / ring.length, cy / ring.length];
  if (booleanPointInPolygon(centroid, shape)) return centroid;
  const lats = ring.map(([, y]) => y);
  const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const crossings: number[] = [];
  for (const [[x1, y1], [x2, y2]] of edges(ring)) {
    if ((y1 > lat) !== (y2 > lat)) crossings.push(x1 + ((lat - y1) / (y2 - y1)) * (x2 - x1));
  }
  crossings.sort((a, b) => a - b);
  let best = first;
  let widest = -1;
  // Crossings pair up from the west: each pair bounds a stretch inside the polygon.
  for (let i = 0; ; i += 2) {
    const from = crossings[i];
    const to = crossings[i + 1];
    if (from === undefined || to === undefined) break;
    if (to - from > widest) {
      widest = to - from;
      best = [(from + to) / 2, lat];
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
    const largest = polygons.reduce((a, b) => (outerArea(b) > outerArea(a) ? b : a));
    const [lon, lat] = labelPoint(largest);
    labels.push({ name, lon: Math.round(lon * 1000) / 1000, lat: Math.round(lat * 1000) / 1000, rank: 0, area: outerArea(largest) });
  }
  // Rank by size class so the client can show big countries first: 0 (> 100 sq deg), 1 (> 10), 2 (> 1), 3 (the rest).
  return labels
    .sort((a, b) => b.area - a.area)
    .map(({ area, ...label }) => ({ ...label, rank: area > 100 ? 0 : area > 10 ? 1 : area > 1 ? 2 : 3 }));
}
