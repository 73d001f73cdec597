/**
 * Estimated areas of control on a date, derived from the control timelines:
 * one cell per settlement with a known holder, in Turf's shape (GeoJSON in,
 * GeoJSON out, inputs never changed). How a cell is cut and weighted is
 * documented in resources/control.md.
 */
import { bbox } from '@turf/bbox';
import { bboxClip } from '@turf/bbox-clip';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { circle } from '@turf/circle';
import { featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { voronoi } from '@turf/voronoi';
import type { BBox, Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { Gazetteer } from '../geo/gazetteer/index.js';
import type { PlaceRef } from '../types.js';
import type { ControlAreaSettings } from './control-settings.js';
import { toDay } from './space-time.js';
import type { FusionState } from './state.js';
import { controlTimelines } from './timeline.js';
import type { ClaimStatus, ControlTimeline, EventCluster, FusedActor } from './types.js';

/** A settlement and who held it on the date, with the period and the claims behind it. */
export interface ControlSiteProperties {
  place: string;
  geonameid: number | null;
  holder: FusedActor;
  status: ClaimStatus;
  /** The holder's period, `to` null while it lasts. */
  from: string;
  to: string | null;
  /** Independent sources behind the best-supported claim of the period made by the date. */
  sources: number;
  /** The latest day those claims speak of, up to the date. */
  lastEvidence: string;
  /** GeoNames population, else one assumed from the feature code (resources/control.md), else 0. */
  population: number;
  /** Ids of the period's claims (fused events), sorted. */
  claims: string[];
  /** Ids of the contradictions against them, sorted. */
  contradictions: string[];
}

export interface ControlAreaProperties extends ControlSiteProperties {
  /** The date the area is drawn for. */
  at: string;
  radiusKm: number;
  /** 0..1: sources against `fullStrengthSources`. */
  strength: number;
  /** Days from `lastEvidence` to `at`. */
  ageDays: number;
  opacity: number;
  contested: boolean;
  /** Every claim and contradiction id behind the area, sorted. */
  evidence: string[];
}

export type ControlSites = FeatureCollection<Point, ControlSiteProperties>;
export type ControlAreas = FeatureCollection<Polygon | MultiPolygon, ControlAreaProperties>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const KM_PER_DEGREE = 111.32;

function checkDay(at: string): void {
  if (typeof at !== 'string' || !ISO_DAY.test(at) || toDay(at) === null) throw new Error(`control areas: "at" must be a date as YYYY-MM-DD, got ${JSON.stringify(at)}`);
}

/**
 * The settlements whose timeline names a holder on `at`. `population` says
 * whether a place is a settlement (its population, 0 when unknown) or not (null).
 *
 * @example
 * const sites = controlSites(result.timelines, '2017-06-01', {cluster: (id) => state.clusters.get(id), population: settlementPopulation(gazetteer)});
 */
export function controlSites(
  timelines: readonly ControlTimeline[],
  at: string,
  options: { cluster: (id: string) => EventCluster | undefined; population: (place: PlaceRef) => number | null },
): ControlSites {
  checkDay(at);
  const features: Feature<Point, ControlSiteProperties>[] = [];
  for (const { place, periods } of timelines) {
    const period = periods.find((p) => p.from <= at && (p.to === null || p.to >= at));
    if (!period?.holder) continue;
    const population = options.population(place);
    if (population === null) continue;
    // Only what was said of the period by the date counts toward its weight.
    const made = period.claims.map(options.cluster).filter((c): c is EventCluster => !!c?.time && c.time.from <= at);
    if (made.length === 0) continue;
    const lastEvidence = made.map((c) => (c.time!.to < at ? c.time!.to : at)).sort().at(-1)!;
    features.push({
      type: 'Feature',
      properties: {
        place: place.name, geonameid: place.geonameid, holder: { ...period.holder }, status: period.status, from: period.from, to: period.to,
        sources: Math.max(...made.map((c) => c.corroboration.score)), lastEvidence, population,
        claims: [...period.claims], contradictions: [...period.contradictions],
      },
      geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * A settlement's population as the gazetteer gives it, else as `assumed` gives
 * it for its feature code (GeoNames has none for Tall 'Afar, a district seat of
 * about 200,000), else 0; null when the place is not a populated place (a
 * country, a region, a river) or is unknown.
 */
export function settlementPopulation(gazetteer: Gazetteer, assumed: Readonly<Record<string, number>> = {}): (place: PlaceRef) => number | null {
  return (place) => {
    if (place.geonameid === null) return null;
    const entry = gazetteer.lookup(place.name).find((e) => e.geonameid === place.geonameid);
    if (entry?.featureClass !== 'P') return null;
    return entry.population > 0 ? entry.population : assumed[entry.featureCode] ?? 0;
  };
}

/**
 * The areas of control on `at` from a fusion state: what `/api/control-areas`
 * serves and `corridor export --format control-areas` writes. `timelines`
 * saves recomputing them when the caller has them already.
 *
 * @example
 * const areas = controlAreasOf(state, '2017-10-20', {gazetteer, clip: loadBasemap().countries, settings: loadControlSettings().areas});
 */
export function controlAreasOf(
  state: FusionState,
  at: string,
  resources: { gazetteer: Gazetteer; settings: ControlAreaSettings; clip?: FeatureCollection<Polygon | MultiPolygon>; timelines?: readonly ControlTimeline[] },
): ControlAreas {
  const sites = controlSites(resources.timelines ?? controlTimelines(state), at, {
    cluster: (id) => state.clusters.get(id), population: settlementPopulation(resources.gazetteer, resources.settings.assumedPopulation),
  });
  return controlAreas(sites, { at, settings: resources.settings, clip: resources.clip });
}

export interface ControlAreaOptions {
  /** The date the areas are drawn for (YYYY-MM-DD). */
  at: string;
  settings: ControlAreaSettings;
  /** Polygons an area may not leave: the one holding its settlement cuts it (countries: no area crosses a border or goes to sea). */
  clip?: FeatureCollection<Polygon | MultiPolygon>;
}

/**
 * One estimated area of control per site: its Voronoi cell, cut to a circle
 * scaled by the settlement's population and to the clip polygon holding it,
 * weighted by the strength and age of its evidence.
 *
 * @example
 * const areas = controlAreas(sites, {at: '2017-06-01', settings: loadControlSettings().areas, clip: basemap.countries});
 * // areas.features[0].properties: {place: 'Ar Raqqah', holder: {...}, opacity: 0.31, contested: false, evidence: ['ev-...'], ...}
 */
export function controlAreas(sites: ControlSites, options: ControlAreaOptions): ControlAreas {
  if (sites?.type !== 'FeatureCollection' || !Array.isArray(sites.features)) throw new Error('control areas: sites must be a FeatureCollection');
  for (const f of sites.features) {
    if (f?.geometry?.type !== 'Point') throw new Error(`control areas: every site must be a Point, got ${f?.geometry?.type}`);
  }
  checkDay(options.at);
  const { settings } = options;
  if (sites.features.length === 0) return { type: 'FeatureCollection', features: [] };

  const cells = scaledVoronoi(sites.features.map((f) => f.geometry.coordinates), settings.maxRadiusKm);
  const atDay = toDay(options.at)!;
  const features: Feature<Polygon | MultiPolygon, ControlAreaProperties>[] = [];
  sites.features.forEach((site, i) => {
    const p = site.properties;
    const radiusKm = Math.min(settings.maxRadiusKm, Math.max(settings.minRadiusKm, settings.kmPerCubeRootPopulation * Math.cbrt(p.population)));
    const disc = circle(site.geometry.coordinates, radiusKm, { steps: settings.circleSteps, units: 'kilometers' }).geometry.coordinates[0]!;
    const convex = clipConvex(disc, cells[i]!.geometry.coordinates[0]!);
    let area: Feature<Polygon | MultiPolygon> | null = convex && { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [convex] } };
    // A site just off the 1:50m coastline lies in no polygon: it is cut by its cell and circle only.
    const container = area && options.clip?.features.find((c) => booleanPointInPolygon(site.geometry.coordinates, c));
    if (area && container) {
      // The country cut to the area's box first: a whole 1:50m country made each intersection 4 times slower
      // (demo store, 7 sites: 210 ms against 50); and an area whose box lies inside the country needs no cut.
      const box = bbox(area);
      const near = clippedToBox(container, box);
      if (!near) area = null;
      else if (!coversBox(near, box)) area = intersect(featureCollection([area, near]));
    }
    if (!area) return;
    const strength = Math.min(1, p.sources / settings.fullStrengthSources);
    const ageDays = atDay - toDay(p.lastEvidence)!;
    const weight = strength * 0.5 ** (ageDays / settings.halfLifeDays);
    features.push({
      type: 'Feature',
      properties: {
        ...p, holder: { ...p.holder }, claims: [...p.claims], contradictions: [...p.contradictions],
        at: options.at, radiusKm: round(radiusKm, 1), strength: round(strength, 3), ageDays,
        opacity: round(settings.minOpacity + (settings.maxOpacity - settings.minOpacity) * weight, 3),
        contested: p.status === 'contested' || p.contradictions.length > 0,
        evidence: [...p.claims, ...p.contradictions].sort(),
      },
      geometry: area.geometry,
    });
  });
  return { type: 'FeatureCollection', features };
}

/**
 * The part of a polygon inside a box, or null when none is. bboxClip leaves
 * the rings that miss the box empty or with fewer than four positions, which
 * the intersection refuses: they are dropped.
 */
function clippedToBox(feature: Feature<Polygon | MultiPolygon>, box: BBox): Feature<Polygon | MultiPolygon> | null {
  const { geometry } = bboxClip(feature, box) as Feature<Polygon | MultiPolygon>;
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates)
    .map((rings) => rings.filter((ring) => ring.length >= 4))
    // Without its outer ring, what is left of a polygon is not one.
    .filter((rings, i) => rings.length > 0 && rings[0] === (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates[i]!)[0]);
  return polygons.length ? { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } } : null;
}

/**
 * The part of a convex ring inside another convex ring (Sutherland-Hodgman),
 * closed, or null when they do not meet. A circle and a Voronoi cell are both
 * convex; Turf's general intersection took 15 ms for two 48-gons, this a few
 * microseconds.
 */
function clipConvex(subject: Position[], clip: Position[]): Position[] | null {
  const orientation = Math.sign(signedArea(clip));
  let output = subject.slice(0, -1);
  for (let i = 0; i + 1 < clip.length && output.length > 0; i++) {
    const [a, b] = [clip[i]!, clip[i + 1]!];
    const side = (p: Position) => orientation * ((b[0]! - a[0]!) * (p[1]! - a[1]!) - (b[1]! - a[1]!) * (p[0]! - a[0]!));
    const input = output;
    output = [];
    input.forEach((current, j) => {
      const previous = input[(j + input.length - 1) % input.length]!;
      const [sc, sp] = [side(current), side(previous)];
      if ((sc >= 0) !== (sp >= 0)) {
        const t = sp / (sp - sc);
        output.push([previous[0]! + t * (current[0]! - previous[0]!), previous[1]! + t * (current[1]! - previous[1]!)]);
      }
      if (sc >= 0) output.push(current);
    });
  }
  if (output.length < 3) return null;
  // RFC 7946: exterior rings counter-clockwise.
  const ring = [...output, output[0]!];
  return signedArea(ring) < 0 ? ring.reverse() : ring;
}

/** Twice the planar area of a closed ring, positive counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

/** Whether a polygon clipped to a box fills it: then whatever lies in the box lies in the polygon. */
function coversBox(feature: Feature<Polygon | MultiPolygon>, [west, south, east, north]: BBox): boolean {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const filled = polygons.reduce((sum, rings) => sum + rings.reduce((s, ring, i) => s + (i === 0 ? 1 : -1) * Math.abs(signedArea(ring)), 0), 0) / 2;
  return filled >= (east - west) * (north - south) * (1 - 1e-9);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Voronoi cells, one per position (positions that coincide share one), on
 * longitude scaled by the cosine of the mean latitude: at 35° N a degree of
 * longitude is 0.82 of a degree of latitude, and unscaled cells would give
 * east-west neighbours the wrong share.
 */
function scaledVoronoi(positions: Position[], marginKm: number): Feature<Polygon>[] {
  const meanLat = positions.reduce((sum, p) => sum + p[1]!, 0) / positions.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const unique = [...new Map(positions.map((p) => [`${p[0]},${p[1]}`, p])).values()];
  const scaled = featureCollection(unique.map((p) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: [p[0]! * k, p[1]!] } })));
  const xs = scaled.features.map((f) => f.geometry.coordinates[0]!);
  const ys = scaled.features.map((f) => f.geometry.coordinates[1]!);
  // Every circle fits inside the box, so no cell is cut by the box rather than a neighbour.
  const margin = marginKm / KM_PER_DEGREE + 0.1;
  const cells = voronoi(scaled, { bbox: [Math.min(...xs) - margin, Math.min(...ys) - margin, Math.max(...xs) + margin, Math.max(...ys) + margin] });
  const byPosition = new Map(unique.map((p, i) => [`${p[0]},${p[1]}`, cells.features[i]!]));
  return positions.map((p) => {
    const cell = byPosition.get(`${p[0]},${p[1]}`)!;
    return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: cell.geometry.coordinates.map((ring) => ring.map(([x, y]) => [x! / k, y!])) } };
  });
}
