import type { Feature, LineString } from 'geojson';
import type { ActorRef, PlaceRef } from '../types.js';
import { compareKeys } from './mentions.js';
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

/** Where a cluster puts an actor, and when. */
function pointsOf(c: EventCluster, actorId: string): Point[] {
  if (!c.time || c.mentions.every((m) => m.weight === 'denial')) return [];
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

/**
 * Where an actor went, in time order: movements (origin, then destination)
 * and short-lived presence (capturing, holding, attacking at a place).
 * Denied events are left out; opinion is kept, marked `unsupported`.
 */
export function trajectory(state: FusionState, actor: ActorRef): Trajectory {
  const points = [...state.clusters.values()].flatMap((c) => pointsOf(c, actor.actorId));
  const steps = stepsOf(points, state.context.settings.placeKm);
  return { actor, steps, geojson: { type: 'FeatureCollection', features: legs(actor, steps, state) } };
}

/** The trajectories of every actor that moved between at least two places. */
export function trajectories(state: FusionState): Trajectory[] {
  const actors = new Map<string, ActorRef>();
  // The name is taken from the lowest cluster id, whatever order the clusters were made in.
  for (const c of [...state.clusters.values()].sort((a, b) => compareKeys(a.id, b.id))) {
    for (const a of [c.agent, c.control?.holder ?? null]) {
      if (state.context.semantics.isNamed(a) && !actors.has(a.actorId)) actors.set(a.actorId, { actorId: a.actorId, name: a.name });
    }
  }
  return [...actors.keys()].sort(compareKeys)
    .map((id) => trajectory(state, actors.get(id)!))
    .filter((t) => t.steps.length >= 2);
}
