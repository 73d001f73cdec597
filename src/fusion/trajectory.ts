import type { Feature, LineString } from 'geojson';
import type { ActorRef, PlaceRef } from '../types.js';
import { compareKeys } from './mentions.js';
import { distanceKm } from '../geo/distance.js';
import { fromDay, samePlace, toDay } from './space-time.js';
import type { FusionState } from './state.js';
import type { ClaimStatus, EventCluster, Trajectory, TrajectoryLegProperties, TrajectoryStep } from './types.js';

/** Presence longer than this ("has held it since 2014") says where an actor is, not where it went. */
const MAX_PRESENCE_DAYS = 31;
const STRENGTH: Record<ClaimStatus, number> = { corroborated: 3, 'single-source': 2, contested: 1, unsupported: 0 };

export function strongest(statuses: ClaimStatus[]): ClaimStatus {
  return statuses.reduce((a, b) => (STRENGTH[b] > STRENGTH[a] ? b : a), 'unsupported');
}

interface Point {
  place: PlaceRef;
  day: number;
  /** Within a movement, the origin comes before the destination. */
  order: number;
  cluster: EventCluster;
}

/**
 * Where a cluster puts an actor, and when: only an occurrence some source
 * asserts (never a holding recalled as background, named in passing, planned,
 * denied or given as opinion).
 */
function pointsOf(c: EventCluster, actorId: string): Point[] {
  if (!c.time || c.corroboration.score === 0) return [];
  const from = toDay(c.time.from)!;
  const to = toDay(c.time.to)!;
  const is = (a: ActorRef | null) => a?.actorId === actorId;
  if (c.type === 'movement' && is(c.agent)) {
    const points: Point[] = [];
    if (c.origin) points.push({ place: c.origin, day: from, order: 0, cluster: c });
    if (c.destination) points.push({ place: c.destination, day: to, order: 1, cluster: c });
    if (points.length === 0 && c.location) points.push({ place: c.location, day: to, order: 1, cluster: c });
    return points;
  }
  if (!c.location || to - from > MAX_PRESENCE_DAYS) return [];
  const present = c.type === 'control'
    ? (c.control?.role === 'gain' || c.control?.role === 'holds') && is(c.control.holder)
    : c.type !== 'agreement' && c.type !== 'displacement' && is(c.agent);
  return present ? [{ place: c.location, day: from, order: 0, cluster: c }] : [];
}

function stepsOf(points: Point[], placeKm: number): TrajectoryStep[] {
  points.sort((a, b) => a.day - b.day || a.order - b.order || compareKeys(a.cluster.id, b.cluster.id));
  const steps: (TrajectoryStep & { statuses: ClaimStatus[] })[] = [];
  for (const p of points) {
    const last = steps.at(-1);
    const day = fromDay(p.day);
    if (last && samePlace(last.place, p.place, placeKm)) {
      last.to = day > last.to ? day : last.to;
      if (!last.clusterIds.includes(p.cluster.id)) last.clusterIds.push(p.cluster.id);
      last.statuses.push(p.cluster.status);
    } else {
      steps.push({ place: p.place, from: day, to: day, clusterIds: [p.cluster.id], status: p.cluster.status, statuses: [p.cluster.status] });
    }
  }
  return steps.map(({ statuses, ...step }) => ({ ...step, status: strongest(statuses) }));
}

function legs(actor: ActorRef, steps: TrajectoryStep[], state: FusionState): Feature<LineString, TrajectoryLegProperties>[] {
  return steps.slice(1).map((next, i) => {
    const prev = steps[i]!;
    const shared = prev.clusterIds.filter((id) => next.clusterIds.includes(id));
    const clusterIds = shared.length > 0 ? shared : [prev.clusterIds.at(-1)!, next.clusterIds[0]!];
    return {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[prev.place.lon, prev.place.lat], [next.place.lon, next.place.lat]] },
      properties: {
        actorId: actor.actorId, from: prev.place.name, to: next.place.name, departed: prev.to, arrived: next.from,
        clusterIds, status: strongest(clusterIds.map((id) => state.clusters.get(id)!.status)),
      },
    };
  });
}

interface Path {
  /** The unit the text names (`from Qalamoun`), null for a path told apart by plausibility alone. */
  unit: string | null;
  points: Point[];
}

/**
 * The actor's points as the paths of its units. A point whose cluster names
 * the unit ("the IS convoy from Qalamoun") joins that unit's path; any other
 * joins the path whose last point it can be reached from at no more than
 * `maxSpeedKmPerDay` (the nearest such, then the first), else starts a path of
 * its own: Islamic State in Mosul and in Raqqa the same week are two units,
 * not one journey. A named unit's path splits too where it would have to
 * move too fast. A movement's origin and destination stay on one path.
 */
function pathsOf(points: Point[], maxSpeedKmPerDay: number): Path[] {
  points.sort((a, b) => a.day - b.day || a.order - b.order || compareKeys(a.cluster.id, b.cluster.id));
  const paths: Path[] = [];
  const pathOfCluster = new Map<string, Path>();
  const reachable = (path: Path, p: Point) => {
    const last = path.points.at(-1)!;
    return { path, km: distanceKm(last.place, p.place), days: Math.max(1, p.day - last.day) };
  };
  for (const p of points) {
    let path = pathOfCluster.get(p.cluster.id);
    if (!path) {
      const unit = p.cluster.unit;
      const candidates = paths.filter((c) => (unit === null || c.unit === unit)).map((c) => reachable(c, p))
        .filter((r) => r.km <= maxSpeedKmPerDay * r.days)
        .sort((a, b) => a.km - b.km);
      path = candidates[0]?.path;
      if (!path) paths.push((path = { unit, points: [] }));
    }
    path.points.push(p);
    pathOfCluster.set(p.cluster.id, path);
  }
  return paths;
}

/** "from Qalamoun", or where and when the path starts when the text names no unit: "from Mosul, 2017-08-28". */
const unitLabel = (path: Path, steps: TrajectoryStep[]) => path.unit ?? `from ${steps[0]!.place.name}, ${steps[0]!.from}`;

/**
 * Where an actor went, in time order, one trajectory per unit (see
 * `pathsOf`): movements (origin, then destination) and short-lived presence
 * (capturing, holding, attacking at a place), each asserted by a source.
 */
export function trajectory(state: FusionState, actor: ActorRef): Trajectory[] {
  const { placeKm, maxSpeedKmPerDay } = state.context.settings;
  const points = [...state.clusters.values()].flatMap((c) => pointsOf(c, actor.actorId));
  const paths = pathsOf(points, maxSpeedKmPerDay).map((path) => ({ path, steps: stepsOf(path.points, placeKm) }));
  return paths.map(({ path, steps }) => ({
    actor, unit: paths.length > 1 || path.unit ? unitLabel(path, steps) : null, steps,
    geojson: { type: 'FeatureCollection', features: legs(actor, steps, state) },
  }));
}

/**
 * Whether a path went somewhere: it has two steps, or one a movement
 * arrived at ("Russian forces reached Palmyra": from somewhere the text
 * does not name, to Palmyra).
 */
function wentSomewhere(t: Trajectory, state: FusionState): boolean {
  if (t.steps.length >= 2) return true;
  return t.steps.some((s) => s.clusterIds.some((id) => {
    const c = state.clusters.get(id)!;
    return c.type === 'movement' && c.destination !== null && samePlace(c.destination, s.place, state.context.settings.placeKm);
  }));
}

/** The trajectories of every unit that moved between at least two places, or arrived somewhere. */
export function trajectories(state: FusionState): Trajectory[] {
  const actors = new Map<string, ActorRef>();
  // The name is taken from the lowest cluster id, whatever order the clusters were made in.
  for (const c of [...state.clusters.values()].sort((a, b) => compareKeys(a.id, b.id))) {
    for (const a of [c.agent, c.control?.holder ?? null]) {
      if (state.context.semantics.isNamed(a) && !actors.has(a.actorId)) actors.set(a.actorId, { actorId: a.actorId, name: a.name });
    }
  }
  return [...actors.keys()].sort(compareKeys)
    .flatMap((id) => trajectory(state, actors.get(id)!))
    .filter((t) => wentSomewhere(t, state));
}
