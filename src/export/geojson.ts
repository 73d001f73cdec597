/**
 * GeoJSON (RFC 7946): events as Points, movements, trajectory legs and
 * corridors as LineStrings, in WGS 84 longitude-latitude order, with no `crs`
 * member; lines that cross the antimeridian are cut in two (a MultiLineString),
 * as section 3.1.9 asks.
 */
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, Position } from 'geojson';
import type { PlaceRef } from '../types.js';
import type { ExportDataset, ExportEvent } from './dataset.js';

/** Six decimals (about 10 cm) is the precision RFC 7946 section 11.2 suggests. */
const round = (v: number) => Math.round(v * 1e6) / 1e6;
const position = (p: { lon: number; lat: number }): Position => [round(p.lon), round(p.lat)];

/**
 * @example
 * const collection = toGeoJson(dataset);
 * collection.features[0].properties.featureKind; // 'event'
 */
export function toGeoJson(dataset: ExportDataset): FeatureCollection {
  const features: Feature[] = [];
  for (const e of dataset.events) {
    if (e.place) features.push(feature(`${e.id}`, { type: 'Point', coordinates: position(e.place) }, { featureKind: 'event', ...eventProperties(e) }));
    if (e.type === 'movement' && e.origin && e.destination) {
      features.push(feature(`${e.id}:movement`, line([e.origin, e.destination]), {
        featureKind: 'movement', ...eventProperties(e), origin: e.origin.name, destination: e.destination.name,
      }));
    }
  }
  for (const t of dataset.trajectories) {
    t.geojson.features.forEach((leg, i) => {
      const [from, to] = leg.geometry.coordinates as [Position, Position];
      features.push(feature(`trajectory:${t.actor.actorId}:${i + 1}`, line([{ lon: from[0]!, lat: from[1]! }, { lon: to[0]!, lat: to[1]! }]), {
        featureKind: 'trajectory', actor: t.actor.name, ...leg.properties,
      }));
    });
  }
  for (const c of dataset.corridors) {
    if (!c.line) continue;
    features.push(feature(`corridor:${c.name}`, line(c.waypoints), {
      featureKind: 'corridor', name: c.name, origin: c.origin, waypoints: c.waypoints.map((w) => w.name), bufferKm: c.bufferKm,
      events: c.events.map((e) => e.clusterId), mentions: c.mentions.length,
    }));
  }
  return { type: 'FeatureCollection', ...(features.length ? { bbox: bboxOf(features) } : {}), features };
}

function feature(id: string, geometry: Geometry, properties: Record<string, unknown>): Feature {
  return { type: 'Feature', id, geometry, properties };
}

function eventProperties(e: ExportEvent): Record<string, unknown> {
  const actors = [e.agent, e.patient, e.control?.holder ?? null, e.control?.loser ?? null]
    .filter((a, i, all): a is NonNullable<typeof a> => a !== null && all.findIndex((b) => b?.actorId === a.actorId) === i);
  return {
    id: e.id,
    type: e.type,
    subtype: e.subtype,
    label: e.label,
    agent: e.agent?.name ?? null,
    patient: e.patient?.name ?? null,
    actors: actors.map((a) => a.name),
    place: e.place?.name ?? null,
    country: e.place?.country?.name ?? null,
    placePrecision: e.place?.precision ?? null,
    timeFrom: e.time?.from ?? null,
    timeTo: e.time?.to ?? null,
    timePrecision: e.time?.precision ?? null,
    modality: e.modalities[0] ?? null,
    modalities: e.modalities,
    status: e.status,
    corroboration: e.corroboration.score,
    independentSources: e.corroboration.independentSources,
    contradictions: e.contradictions,
    sources: [...new Set(e.evidence.map((ev) => ev.document.outlet ?? ev.source))],
    evidence: e.evidence.map((ev) => ({
      quote: ev.quote,
      source: ev.source,
      sourceKind: ev.sourceKind,
      modality: ev.modality,
      outlet: ev.document.outlet,
      title: ev.document.title,
      url: ev.document.url,
      publishedAt: ev.document.publishedAt,
      docId: ev.document.id,
      start: ev.start,
      end: ev.end,
    })),
  };
}

/** A line through the places, cut where a segment crosses the antimeridian (the shorter way round). */
export function line(places: readonly Pick<PlaceRef, 'lon' | 'lat'>[]): LineString | MultiLineString {
  const parts: Position[][] = [[position(places[0]!)]];
  for (let i = 1; i < places.length; i++) {
    const a = places[i - 1]!;
    const b = places[i]!;
    if (Math.abs(b.lon - a.lon) > 180) {
      // Crossing eastward (a near +180, b near -180) or westward; the latitude where it meets ±180 by linear interpolation.
      const eastward = a.lon > b.lon;
      const bLon = eastward ? b.lon + 360 : b.lon - 360;
      const edge = eastward ? 180 : -180;
      const lat = a.lat + ((edge - a.lon) / (bLon - a.lon)) * (b.lat - a.lat);
      parts.at(-1)!.push([edge, round(lat)]);
      parts.push([[-edge, round(lat)]]);
    }
    parts.at(-1)!.push(position(b));
  }
  return parts.length === 1 ? { type: 'LineString', coordinates: parts[0]! } : { type: 'MultiLineString', coordinates: parts };
}

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point': return [geometry.coordinates];
    case 'LineString': case 'MultiPoint': return geometry.coordinates;
    case 'MultiLineString': case 'Polygon': return geometry.coordinates.flat();
    case 'MultiPolygon': return geometry.coordinates.flat(2);
    case 'GeometryCollection': return geometry.geometries.flatMap(positionsOf);
  }
}

function bboxOf(features: readonly Feature[]): [number, number, number, number] {
  const all = features.flatMap((f) => (f.geometry ? positionsOf(f.geometry) : []));
  const lons = all.map((p) => p[0]!);
  const lats = all.map((p) => p[1]!);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
