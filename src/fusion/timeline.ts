import type { PlaceRef } from '../types.js';
import { compareKeys } from './mentions.js';
import { fromDay, placeKey, toDay, windowsMeet } from './space-time.js';
import type { FusionState } from './state.js';
import type { ControlPeriod, ControlTimeline, EventCluster, FusedActor } from './types.js';


/**
 * Clusters a timeline can rest on: changes of control (including declared
 * victories and defeats) and holdings, located, dated, and asserted by at
 * least one source, or recalled as history or named in passing by one ("IS
 * took Raqqa in January 2014", "Raqqa, the city held by IS": context for
 * today's news, evidence of who held the place then).
 */
function controlClaims(state: FusionState): EventCluster[] {
  return [...state.clusters.values()].filter((c) =>
    c.location && c.time && (c.corroboration.score > 0 || c.mentions.some((m) => m.weight === 'background' || m.weight === 'nominal')) &&
    (c.control?.role === 'gain' || c.control?.role === 'loss' || c.control?.role === 'holds'));
}

/**
 * Departures a timeline reads for who lost a place: movements of the `withdrew` group, asserted by a
 * source, away from it (`origin`; or where a withdrawal with no destination happened: "retreated from
 * the palace", placed at Aden), and surrenders where they happened (`yieldedPlace`: "soldiers handed
 * over their weapons in the city").
 */
function departures(state: FusionState): EventCluster[] {
  const { semantics } = state.context;
  const leaves = (c: EventCluster) => c.type === 'movement' && c.subtype !== 'headed-to' && semantics.compatibleSubtypes('movement', c.subtype, 'withdrew');
  return [...state.clusters.values()].filter((c) =>
    (leaves(c) || semantics.yieldsPlace(c.type, c.subtype)) && departedFrom(state, c) && c.time && c.corroboration.score > 0);
}

/** The place a departure left: its origin, else the place of a withdrawal going nowhere named, or of a surrender. */
const departedFrom = (state: FusionState, c: EventCluster) =>
  c.origin ?? (c.destination === null && (c.subtype === 'withdrew' || state.context.semantics.yieldsPlace(c.type, c.subtype)) ? c.location : null);

/**
 * Who lost the place when a change opened a period: the change's own loser,
 * else the named actor, not the new holder's side, told leaving the place in
 * the change's days ("Ukrainian troops withdrew from Avdiivka" the day Russia
 * said it took it), the best-corroborated first.
 */
function loserOf(state: FusionState, change: EventCluster, leaving: readonly EventCluster[]): FusedActor | null {
  const { isNamed, actorsAgree } = state.context.semantics;
  const holder = change.control?.holder ?? null;
  if (change.control?.loser) return change.control.loser;
  const day = (c: EventCluster) => ({ from: toDay(c.time!.from)!, to: toDay(c.time!.to)! });
  const left = leaving
    .filter((d) => isNamed(d.agent) && !(holder && actorsAgree(holder, d.agent)) && windowsMeet(day(d), day(change), state.context.settings.timeToleranceDays))
    .sort((a, b) => b.corroboration.score - a.corroboration.score || compareKeys(a.id, b.id));
  return left[0]?.agent ?? null;
}

function timelineOf(state: FusionState, place: PlaceRef, claims: EventCluster[], leaving: readonly EventCluster[] = []): ControlTimeline | null {
  claims.sort((a, b) => compareKeys(a.time!.from, b.time!.from) || compareKeys(a.id, b.id));
  const periods: ControlPeriod[] = [];
  const contradicts = (c: EventCluster, other: string | null) =>
    other !== null && c.contradictions.some((id) => {
      const cx = state.contradictions.get(id)!;
      return cx.a.clusterId === other || cx.b.clusterId === other;
    });
  const { actorsAgree, isNamed, canHold } = state.context.semantics;
  // A period a holding opened began with a change to the same holder told within the holding's days
  // ("completely controls Mekelle", dated by its report's week, and "took Mekelle on Saturday").
  const beganWith = (period: ControlPeriod, change: EventCluster) =>
    period.changeClusterId === null && change.time!.from <= state.clusters.get(period.claims[0]!)!.time!.to;
  // A change to the holder a month after anything said it held the place ("when they held the city for
  // 10 days" in 2012, "seized Goma" in 2025) is a new period: the holder had lost the place in between.
  const retakenLater = (period: ControlPeriod, change: EventCluster) => {
    const lastSaid = Math.max(...period.claims.map((id) => toDay(state.clusters.get(id)!.time!.to)!));
    return toDay(change.time!.from)! - lastSaid > state.context.settings.backgroundDays;
  };
  // Within, not only overlapping: a change dated to a whole season ("retaken" some time in summer 2014) may be another's.
  const toldWithin = (period: ControlPeriod, change: EventCluster) => {
    const opened = state.clusters.get(period.claims[0]!)!.time!;
    return period.changeClusterId === null && opened.from <= change.time!.from && change.time!.to <= opened.to;
  };
  for (const c of claims) {
    const { role, holder } = c.control!;
    const current = periods.at(-1);
    if (current && current.holder && holder && actorsAgree(current.holder, holder) && !(role !== 'holds' && retakenLater(current, c))) {
      // "The militants seized it", then "Islamic State held it": the period is the named actor's.
      if (!isNamed(current.holder) && isNamed(holder)) current.holder = holder;
      if (role !== 'holds' && beganWith(current, c)) Object.assign(current, { from: c.time!.from, changeClusterId: c.id, loser: loserOf(state, c, leaving), status: c.status });
      // Another report of the change may name who lost the place when the first did not.
      else if (role !== 'holds' && current.changeClusterId !== null && current.loser === null) current.loser = loserOf(state, c, leaving);
      current.claims.push(c.id);
      continue;
    }
    // A change to nobody named, told within the days of the holding that opened the period, is how that holder took
    // the place ("under the group's control since January 2014, when it drove the rebels out"), not a new holder.
    // It stays a claim of the period: a named change told later in those days may still open it.
    if (current && current.holder && !canHold(holder) && role !== 'holds' && toldWithin(current, c)) {
      current.claims.push(c.id);
      continue;
    }
    // A holding says who holds the place: by nobody named ("fighters hold it"), it says nothing.
    // "Still holds" against a change in the same days is a contest of that change, not a new period.
    if (role === 'holds' && (!canHold(holder) || (current && contradicts(c, current.changeClusterId)))) continue;
    periods.push({
      holder, from: c.time!.from, to: null,
      changeClusterId: role === 'holds' ? null : c.id,
      loser: role === 'holds' ? null : loserOf(state, c, leaving),
      claims: [c.id], contradictions: [], status: c.status,
    });
  }
  if (periods.length === 0) return null;
  for (let i = 0; i < periods.length; i++) {
    const period = periods[i]!;
    const next = periods[i + 1];
    // Holders are actors the lexicon or the text names, or a side ("government forces"); "the fighters took it" is a change to nobody named.
    if (!canHold(period.holder)) period.holder = null;
    if (next) period.to = fromDay(Math.max(toDay(period.from)!, toDay(next.from)! - 1));
    period.claims.sort(compareKeys);
    period.contradictions = [...new Set(period.claims.flatMap((id) => state.clusters.get(id)!.contradictions))].sort(compareKeys);
    if (period.contradictions.length > 0) period.status = 'contested';
  }
  return { place, periods };
}

/**
 * Who held a place from when to when, read from control changes ("captured",
 * "retaken", "lost") and holdings ("still holds"), each period with the
 * claims behind it and its status. The place is named as in
 * `controlTimelines`, whichever spelling of it was asked for.
 */
export function controlTimeline(state: FusionState, place: PlaceRef): ControlTimeline | null {
  const normalize = state.context.normalizeName;
  const key = placeKey(place, normalize);
  const claims = controlClaims(state).filter((c) => placeKey(c.location!, normalize) === key);
  const leaving = departures(state).filter((c) => placeKey(departedFrom(state, c)!, normalize) === key);
  return claims.length > 0 ? timelineOf(state, representativePlace(claims), claims, leaving) : null;
}

/** Every place's control timeline, by place name. */
export function controlTimelines(state: FusionState): ControlTimeline[] {
  const normalize = state.context.normalizeName;
  const byPlace = new Map<string, EventCluster[]>();
  for (const c of controlClaims(state)) {
    const key = placeKey(c.location!, normalize);
    const list = byPlace.get(key);
    if (list) list.push(c);
    else byPlace.set(key, [c]);
  }
  const leaving = new Map<string, EventCluster[]>();
  for (const c of departures(state)) {
    const key = placeKey(departedFrom(state, c)!, normalize);
    leaving.set(key, [...(leaving.get(key) ?? []), c]);
  }
  return [...byPlace.entries()]
    .map(([key, claims]) => timelineOf(state, representativePlace(claims), claims, leaving.get(key)))
    .filter((t): t is ControlTimeline => t !== null)
    .sort((a, b) => compareKeys(a.place.name, b.place.name) || compareKeys(placeKey(a.place, normalize), placeKey(b.place, normalize)));
}

/** The place as the lowest cluster id names it, so the choice is order-free. */
function representativePlace(claims: EventCluster[]): PlaceRef {
  return [...claims].sort((a, b) => compareKeys(a.id, b.id))[0]!.location!;
}
