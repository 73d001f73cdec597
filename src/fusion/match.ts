import type { PlaceRef } from '../types.js';
import type { Semantics } from './settings.js';
import { monthsOf, samePlace, windowsMeet, type DayWindow, type Grid } from './space-time.js';
import { actorRoles, hasPlace, PLACE_SLOTS } from './mentions.js';
import type { ClusterMention, FusedActor } from './types.js';

/**
 * When two mentions tell of the same real-world event. The relation is
 * symmetric, and every compatible pair shares at least one index key, so
 * its connected components (which split.ts splits into clusters) do not
 * depend on the order documents arrive in, and the index finds every
 * partner of a new mention.
 */
export interface Matcher {
  compatible(a: ClusterMention, wa: DayWindow | null, b: ClusterMention, wb: DayWindow | null): boolean;
  /** Keys a mention is filed under. */
  indexKeys(m: ClusterMention, w: DayWindow | null): string[];
  /** Keys under which its possible partners are filed. */
  lookupKeys(m: ClusterMention, w: DayWindow | null): string[];
}

/** The key of an operation's name: case and spacing aside, "Operation Wrath of Euphrates" is one name. */
const operationKey = (m: ClusterMention) => (m.operation ? m.operation.toLowerCase().replace(/\s+/g, ' ') : null);

export function createMatcher(semantics: Semantics, grid: Grid): Matcher {
  const { placeKm, timeToleranceDays, placelessWindowDays, placelessByParties } = semantics.settings;
  // Without a place, time and actor alone say which event it is: a wide window ("in 2017") would tie
  // together every placeless mention of the actor that year, and chain them into one bogus cluster.
  const narrow = (w: DayWindow) => w.to - w.from <= placelessWindowDays;
  // Only some events are told apart by their parties alone: an agreement between two named actors is one
  // agreement that week; a withdrawal of the Peshmerga is not one withdrawal (Kirkuk, Makhmur, Sinjar...).
  const byParties = (m: ClusterMention, w: DayWindow) => placelessByParties.includes(m.type) && narrow(w);

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

  const partyKeys = (m: ClusterMention, months: number[]): string[] =>
    actorRoles(m).flatMap((actor, role) => (semantics.isNamed(actor) ? months.map((mo) => `${m.type}|r${role}|${actor.actorId}|${mo}`) : []));

  const operationKeys = (m: ClusterMention, months: number[]): string[] => {
    const op = operationKey(m);
    return op ? months.map((mo) => `${m.type}|op|${op}|${mo}`) : [];
  };

  const placeKeys = (m: ClusterMention, months: number[], cells: (p: PlaceRef) => string[]): string[] =>
    PLACE_SLOTS.flatMap((slot) => {
      const p = m[slot];
      return p ? cells(p).flatMap((cell) => months.map((mo) => `${m.type}|${slot}|${cell}|${mo}`)) : [];
    });

  const keys = (m: ClusterMention, w: DayWindow, months: number[], cells: (p: PlaceRef) => string[]): string[] => [
    ...operationKeys(m, months),
    ...(hasPlace(m) ? placeKeys(m, months, cells) : byParties(m, w) ? partyKeys(m, months) : []),
  ];

  return {
    compatible(a, wa, b, wb) {
      if (a.type !== b.type || wa === null || wb === null) return false;
      if (!windowsMeet(wa, wb, timeToleranceDays)) return false;
      if (!semantics.compatibleSubtypes(a.type, a.subtype, b.subtype)) return false;
      const [a1, a2] = actorRoles(a);
      const [b1, b2] = actorRoles(b);
      if (!semantics.actorsAgree(a1, b1) || !semantics.actorsAgree(a2, b2)) return false;
      if (hasPlace(a) && hasPlace(b)) return placesAgree(a, b);
      // An unplaced mention joins another only when the text links them: the same named operation...
      const op = operationKey(a);
      if (op !== null && op === operationKey(b)) return true;
      // ...or, for events their parties identify, the same named actor in the same role, in a narrow window.
      if (hasPlace(a) || hasPlace(b) || !byParties(a, wa) || !byParties(b, wb)) return false;
      const same = (x: FusedActor | null, y: FusedActor | null) => semantics.isNamed(x) && semantics.isNamed(y) && x.actorId === y.actorId;
      return same(a1, b1) || same(a2, b2);
    },
    indexKeys(m, w) {
      return w ? keys(m, w, monthsOf(w.from, w.to), (p) => [grid.cellOf(p)]) : [];
    },
    lookupKeys(m, w) {
      return w ? keys(m, w, monthsOf(w.from - timeToleranceDays, w.to + timeToleranceDays), (p) => grid.cellsNear(p)) : [];
    },
  };
}
