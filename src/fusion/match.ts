import type { PlaceRef } from '../types.js';
import type { Semantics } from './settings.js';
import { monthsOf, samePlace, windowsMeet, type DayWindow, type Grid } from './space-time.js';
import type { ClusterMention, FusedActor } from './types.js';

/**
 * When two mentions tell of the same real-world event. The relation is
 * symmetric, and every compatible pair shares at least one index key, so
 * clusters (its connected components) do not depend on the order documents
 * arrive in, and the index finds every partner of a new mention.
 */
export interface Matcher {
  compatible(a: ClusterMention, wa: DayWindow | null, b: ClusterMention, wb: DayWindow | null): boolean;
  /** Keys a mention is filed under. */
  indexKeys(m: ClusterMention, w: DayWindow | null): string[];
  /** Keys under which its possible partners are filed. */
  lookupKeys(m: ClusterMention, w: DayWindow | null): string[];
}

export const PLACE_SLOTS = ['location', 'origin', 'destination'] as const;

/**
 * The two actor roles compared: for control changes and holdings, who holds
 * the place and who lost it ("IS lost Mosul" and "Iraqi forces retook Mosul"
 * name the same change); for everything else, agent and patient.
 */
export function actorRoles(m: Pick<ClusterMention, 'agent' | 'patient' | 'control'>): [FusedActor | null, FusedActor | null] {
  return m.control && m.control.role !== 'fighting' ? [m.control.holder, m.control.loser] : [m.agent, m.patient];
}

const hasPlace = (m: ClusterMention) => m.location !== null || m.origin !== null || m.destination !== null;

export function createMatcher(semantics: Semantics, grid: Grid): Matcher {
  const { placeKm, timeToleranceDays, placelessWindowDays } = semantics.settings;
  // Without a place, time and actor alone say which event it is: a wide window ("in 2017") would tie
  // together every placeless mention of the actor that year, and chain them into one bogus cluster.
  const narrow = (w: DayWindow) => w.to - w.from <= placelessWindowDays;

  const placesAgree = (a: ClusterMention, b: ClusterMention): boolean => {
    let shared = 0;
    for (const slot of PLACE_SLOTS) {
      const pa: PlaceRef | null = a[slot];
      const pb: PlaceRef | null = b[slot];
      if (pa === null || pb === null) continue;
      if (!samePlace(pa, pb, placeKm)) return false;
      shared++;
    }
    return shared > 0;
  };

  const placelessKeys = (m: ClusterMention, months: number[]): string[] =>
    actorRoles(m).flatMap((actor, role) => (semantics.isNamed(actor) ? months.map((mo) => `${m.type}|r${role}|${actor.actorId}|${mo}`) : []));

  const placeKeys = (m: ClusterMention, months: number[], cells: (p: PlaceRef) => string[]): string[] =>
    PLACE_SLOTS.flatMap((slot) => {
      const p = m[slot];
      return p ? cells(p).flatMap((cell) => months.map((mo) => `${m.type}|${slot}|${cell}|${mo}`)) : [];
    });

  return {
    compatible(a, wa, b, wb) {
      if (a.type !== b.type || wa === null || wb === null) return false;
      if (!windowsMeet(wa, wb, timeToleranceDays)) return false;
      if (!semantics.compatibleSubtypes(a.type, a.subtype, b.subtype)) return false;
      const [a1, a2] = actorRoles(a);
      const [b1, b2] = actorRoles(b);
      if (!semantics.actorsAgree(a1, b1) || !semantics.actorsAgree(a2, b2)) return false;
      if (hasPlace(a) !== hasPlace(b)) return false;
      if (hasPlace(a)) return placesAgree(a, b);
      if (!narrow(wa) || !narrow(wb)) return false;
      // Without places, only the same named actor in the same role ties two mentions together.
      const same = (x: FusedActor | null, y: FusedActor | null) => semantics.isNamed(x) && semantics.isNamed(y) && x.actorId === y.actorId;
      return same(a1, b1) || same(a2, b2);
    },
    indexKeys(m, w) {
      if (!w) return [];
      const months = monthsOf(w.from, w.to);
      if (!hasPlace(m)) return narrow(w) ? placelessKeys(m, months) : [];
      return placeKeys(m, months, (p) => [grid.cellOf(p)]);
    },
    lookupKeys(m, w) {
      if (!w) return [];
      const months = monthsOf(w.from - timeToleranceDays, w.to + timeToleranceDays);
      if (!hasPlace(m)) return narrow(w) ? placelessKeys(m, months) : [];
      return placeKeys(m, months, (p) => grid.cellsNear(p));
    },
  };
}
