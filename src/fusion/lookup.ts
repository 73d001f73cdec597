import type { ActorRef, PlaceRef } from '../types.js';
import { placeKey } from './space-time.js';
import type { FusionState } from './state.js';

/**
 * Resolves what a user types ("Tal Afar", "tall afar", "7535402", a place
 * key such as "gn:7535402") to the place the fused events name most often.
 */
export function findPlace(state: FusionState, query: string): PlaceRef | null {
  const normalize = state.context.normalizeName;
  const wanted = normalize(query);
  const typed = query.trim();
  const id = /^\d+$/.test(typed) ? Number(typed) : null;
  const hits = new Map<string, { value: PlaceRef; n: number }>();
  for (const c of byId(state)) {
    for (const p of [c.location, c.origin, c.destination]) {
      if (!p) continue;
      const key = placeKey(p, normalize);
      if (!(id !== null ? p.geonameid === id : key === typed || normalize(p.name) === wanted)) continue;
      const hit = hits.get(key);
      if (hit) hit.n++;
      else hits.set(key, { value: p, n: 1 });
    }
  }
  return best(hits);
}

/** Resolves an actor id or name ("IS", "islamic state") to the actor of the fused events. */
export function findActor(state: FusionState, query: string): ActorRef | null {
  const normalize = state.context.normalizeName;
  const wanted = normalize(query);
  const hits = new Map<string, { value: ActorRef; n: number }>();
  for (const c of byId(state)) {
    for (const a of [c.agent, c.patient, c.control?.holder ?? null, c.control?.loser ?? null]) {
      if (!a || (a.actorId !== query && normalize(a.actorId) !== wanted && normalize(a.name) !== wanted)) continue;
      const hit = hits.get(a.actorId);
      if (hit) hit.n++;
      else hits.set(a.actorId, { value: a, n: 1 });
    }
  }
  return best(hits);
}

/** Clusters by id, so that ties are broken the same way whatever order they were made in. */
function byId(state: FusionState) {
  return [...state.clusters.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function best<T>(hits: Map<string, { value: T; n: number }>): T | null {
  let winner: [string, { value: T; n: number }] | null = null;
  for (const e of hits) if (!winner || e[1].n > winner[1].n || (e[1].n === winner[1].n && e[0] < winner[0])) winner = e;
  return winner ? winner[1].value : null;
}
