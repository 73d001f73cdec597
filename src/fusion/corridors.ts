import { lineString } from '@turf/helpers';
import nearestPointOnLine from '@turf/nearest-point-on-line';
import pointToLineDistance from '@turf/point-to-line-distance';
import type { Feature, LineString } from 'geojson';
import { readJsonResource } from '../resources.js';
import type { PlaceRef } from '../types.js';
import { compareKeys } from './mentions.js';
import { distanceKm } from '../geo/distance.js';
import { placeKey } from './space-time.js';
import type { CorridorMention, FusionState } from './state.js';
import { describeCluster } from './clusters.js';
import { controlTimeline } from './timeline.js';
import type { ControlTimeline, CorridorDefinition, NormalizeName, CorridorMovement, CorridorReport, EventCluster } from './types.js';

/** One corridor of resources/corridors.json (format in resources/corridors.md). */
export interface UserCorridor {
  name: string;
  aliases?: string[];
  bufferKm?: number;
  waypoints: { name: string; lat?: number; lon?: number; geonameid?: number }[];
}

/** Finds coordinates for a waypoint given only by name and GeoNames id (e.g. through the gazetteer). */
export type WaypointResolver = (name: string, geonameid: number) => PlaceRef | null;

export type UserCorridorDefinition = CorridorDefinition & { aliases: string[] };

/**
 * Reads user-defined corridors (resources/corridors.json unless `path` is
 * given). Waypoints need `lat`/`lon`, or a `geonameid` the resolver can place.
 */
export function loadUserCorridors(path?: string, resolve?: WaypointResolver): UserCorridorDefinition[] {
  return parseUserCorridors(readJsonResource('corridors.json', path), path ?? 'resources/corridors.json', resolve);
}

/** Checks and converts the content of a corridors file; errors name the file and the corridor. */
export function parseUserCorridors(data: unknown, file: string, resolve?: WaypointResolver): UserCorridorDefinition[] {
  const corridors = (data as { corridors?: UserCorridor[] } | null)?.corridors;
  if (!Array.isArray(corridors)) throw new Error(`corridor: ${file}: expected {"corridors": [...]}`);
  return corridors.map((c, i) => {
    if (typeof c.name !== 'string' || !c.name.trim()) throw new Error(`corridor: ${file}: corridor ${i + 1} has no name`);
    if (!Array.isArray(c.waypoints) || c.waypoints.length === 0) throw new Error(`corridor: ${file}: "${c.name}" has no waypoints`);
    if (c.bufferKm !== undefined && !(c.bufferKm > 0)) throw new Error(`corridor: ${file}: "${c.name}": bufferKm must be a positive number`);
    const waypoints = c.waypoints.map((w): PlaceRef => {
      if (typeof w.lat === 'number' && typeof w.lon === 'number') return { geonameid: w.geonameid ?? null, name: w.name, lat: w.lat, lon: w.lon };
      const place = typeof w.geonameid === 'number' && resolve ? resolve(w.name, w.geonameid) : null;
      if (!place) throw new Error(`corridor: ${file}: "${c.name}": waypoint "${w.name}" needs lat/lon or a geonameid the gazetteer knows`);
      return place;
    });
    return { name: c.name, aliases: c.aliases ?? [], waypoints, origin: 'user', bufferKm: c.bufferKm ?? null, mentions: [] };
  });
}

/** The waypoints as a sequence of place keys, the same whichever way the corridor is read. */
function signature(waypoints: PlaceRef[], normalize: NormalizeName): string | null {
  if (waypoints.length < 2) return null;
  const forward = waypoints.map((w) => placeKey(w, normalize)).join('>');
  const backward = waypoints.map((w) => placeKey(w, normalize)).reverse().join('>');
  return forward < backward ? forward : backward;
}

/**
 * Corridors named in the documents, merged when they share a name or the
 * same waypoints, then joined with the user's corridors (whose name and
 * waypoints win).
 */
export function corridorDefinitions(state: FusionState, user: UserCorridorDefinition[] = []): CorridorDefinition[] {
  const normalize = state.context.normalizeName;
  const mentions: CorridorMention[] = [...state.documents.values()]
    .flatMap((d) => d.corridors)
    .sort((a, b) => compareKeys(a.docId, b.docId) || a.start - b.start);
  // Group by shared keys: a name or a waypoint signature links mentions (and user corridors) into one corridor.
  const groupOfKey = new Map<string, number>();
  const parent: number[] = [];
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const items: { keys: string[]; mention?: CorridorMention; user?: UserCorridorDefinition }[] = [
    ...mentions.map((m) => ({ keys: [normalize(m.name), signature(m.waypoints, normalize)], mention: m })),
    ...user.map((u) => ({ keys: [normalize(u.name), ...u.aliases.map(normalize), signature(u.waypoints, normalize)], user: u })),
  ].map((item) => ({ ...item, keys: item.keys.filter((k): k is string => !!k) }));
  items.forEach((item, i) => {
    parent[i] = i;
    for (const key of item.keys) {
      const j = groupOfKey.get(key);
      if (j === undefined) groupOfKey.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, typeof items>();
  items.forEach((item, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  return [...groups.values()].map((group): CorridorDefinition => {
    const own = group.flatMap((g) => (g.mention ? [g.mention] : []));
    const users = group.flatMap((g) => (g.user ? [g.user] : [])).sort((a, b) => compareKeys(a.name, b.name));
    const docMentions = own.map(({ docId, start, end, text }) => ({ docId, start, end, text }));
    if (users.length > 0) {
      const { aliases: _aliases, ...user } = users[0]!;
      return { ...user, mentions: docMentions };
    }
    const richest = own.reduce((a, b) => (b.waypoints.length > a.waypoints.length ? b : a));
    return { name: commonName(own, richest), waypoints: richest.waypoints, origin: 'extracted', bufferKm: null, mentions: docMentions };
  }).sort((a, b) => compareKeys(a.name, b.name));
}

function commonName(mentions: CorridorMention[], richest: CorridorMention): string {
  const counts = new Map<string, number>();
  for (const m of mentions) if (m.name.trim()) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  const named = [...counts].sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0]));
  if (named.length > 0) return named[0]![0];
  return richest.waypoints.map((w) => w.name).join(' – ');
}

/** Distance from a place to the corridor: to its line, or to its only waypoint. */
function distanceTo(def: CorridorDefinition, line: Feature<LineString> | null) {
  return (p: PlaceRef) => (line ? pointToLineDistance([p.lon, p.lat], line, { units: 'kilometers' }) : distanceKm(p, def.waypoints[0]!));
}

/** Places measured against a line are the same place when their coordinates are (ids may be missing). */
const coordinateKey = (p: PlaceRef) => `${p.lat},${p.lon}`;

/** Clusters by each place they name (location, origin or destination), keyed by coordinates. */
export type ClusterPlaces = Map<string, { place: PlaceRef; clusters: EventCluster[] }>;

export function clusterPlaces(state: FusionState): ClusterPlaces {
  const places: ClusterPlaces = new Map();
  for (const c of state.clusters.values()) {
    for (const p of new Set([c.location, c.origin, c.destination])) {
      if (!p) continue;
      const key = coordinateKey(p);
      (places.get(key) ?? places.set(key, { place: p, clusters: [] }).get(key)!).clusters.push(c);
    }
  }
  return places;
}

function memoByPlace(measure: (p: PlaceRef) => number): (p: PlaceRef) => number {
  const known = new Map<string, number>();
  return (p) => {
    const key = coordinateKey(p);
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = measure(p)));
    return value;
  };
}

/** A box around the waypoints widened by the buffer: what lies outside cannot be within it. */
function withinBox(waypoints: PlaceRef[], bufferKm: number) {
  const dLat = bufferKm / 110;
  const maxLat = Math.min(89, Math.max(...waypoints.map((w) => Math.abs(w.lat))) + dLat);
  const dLon = dLat / Math.cos((maxLat * Math.PI) / 180);
  const south = Math.min(...waypoints.map((w) => w.lat)) - dLat;
  const north = Math.max(...waypoints.map((w) => w.lat)) + dLat;
  const west = Math.min(...waypoints.map((w) => w.lon)) - dLon;
  const east = Math.max(...waypoints.map((w) => w.lon)) + dLon;
  return (p: PlaceRef) => p.lat >= south && p.lat <= north && p.lon >= west && p.lon <= east;
}

/**
 * What happened along a corridor: events with a place within the buffer,
 * who controlled each waypoint over time, and movements along it.
 *
 * @example
 * corridorReport(state, { name: 'Mosul – Tal Afar', waypoints: [mosul, talAfar], origin: 'user', bufferKm: null, mentions: [] })
 */
export function corridorReport(state: FusionState, def: CorridorDefinition, places: ClusterPlaces = clusterPlaces(state)): CorridorReport {
  const bufferKm = def.bufferKm ?? state.context.settings.corridorBufferKm;
  const line = def.waypoints.length >= 2 ? lineString(def.waypoints.map((w) => [w.lon, w.lat])) : null;
  const inBox = withinBox(def.waypoints, bufferKm);
  // Many clusters share a few places: each place is measured against the line once.
  const distance = memoByPlace(distanceTo(def, line));
  const near = (p: PlaceRef | null) => (p && inBox(p) ? distance(p) : Infinity);
  const along = line ? memoByPlace((p) => nearestPointOnLine(line, [p.lon, p.lat], { units: 'kilometers' }).properties.totalDistance) : null;

  const events: CorridorReport['events'] = [];
  const movements: CorridorMovement[] = [];
  // Each distinct place is measured once; a cluster is as near as the nearest of its places.
  const nearest = new Map<EventCluster, number>();
  for (const { place, clusters } of places.values()) {
    const d = near(place);
    if (d > bufferKm) continue;
    for (const c of clusters) {
      const known = nearest.get(c);
      if (known === undefined || d < known) nearest.set(c, d);
    }
  }
  const inside = [...nearest.keys()];
  for (const [c, d] of nearest) {
    events.push({ clusterId: c.id, type: c.type, subtype: c.subtype, claim: describeCluster(c), distanceKm: Math.round(d * 10) / 10, status: c.status });
  }
  for (const c of inside) {
    if (c.type !== 'movement') continue;
    const ends = [c.origin, c.destination].filter((p): p is PlaceRef => p !== null);
    if (ends.length === 0 || ends.some((p) => near(p) > bufferKm)) continue;
    movements.push({ clusterId: c.id, agent: c.agent, from: c.origin, to: c.destination, time: c.time, direction: directionOf(along, c), status: c.status });
  }
  const startOf = new Map(inside.map((c) => [c.id, c.time?.from ?? '9999']));
  const byTime = (a: { clusterId: string }, b: { clusterId: string }) =>
    compareKeys(startOf.get(a.clusterId)!, startOf.get(b.clusterId)!) || compareKeys(a.clusterId, b.clusterId);
  events.sort(byTime);
  movements.sort(byTime);
  const control = def.waypoints.map((w) => controlTimeline(state, w)).filter((t): t is ControlTimeline => t !== null);
  return {
    name: def.name, origin: def.origin, waypoints: def.waypoints, line: line?.geometry ?? null, bufferKm,
    mentions: def.mentions, events, control, movements,
  };
}

/** Which way a movement runs along the line, from how far along it its two ends lie. */
function directionOf(along: ((p: PlaceRef) => number) | null, c: EventCluster): CorridorMovement['direction'] {
  if (!along || !c.origin || !c.destination) return 'unknown';
  const delta = along(c.destination) - along(c.origin);
  return delta > 0 ? 'forward' : delta < 0 ? 'backward' : 'unknown';
}

/** The report of every corridor, named in the documents or defined by the user. */
export function corridorReports(state: FusionState, user: UserCorridorDefinition[] = []): CorridorReport[] {
  const places = clusterPlaces(state);
  return corridorDefinitions(state, user).map((def) => corridorReport(state, def, places));
}
