import { outletName } from './corroboration.js';
import type { Semantics } from './settings.js';
import { samePlace, toDay, windowsMeet, type DayWindow } from './space-time.js';
import { describeCluster, hashId } from './clusters.js';
import type { ClusterMention, Contradiction, ContradictionKind, ContradictionSide, EventCluster, FusedActor, TimeWindow } from './types.js';

/** How contradiction detection asks the state for clusters near another one. */
export type ClusterLookup = (type: EventCluster['type'], slot: 'location' | 'origin' | 'actor', cluster: EventCluster) => Iterable<EventCluster>;

const days = (t: TimeWindow | null): DayWindow | null => (t ? { from: toDay(t.from)!, to: toDay(t.to)! } : null);
const evidence = (c: EventCluster) => c.mentions.filter((m) => m.weight === 'evidence');
const denials = (c: EventCluster) => c.mentions.filter((m) => m.weight === 'denial');
/** A dated holding longer than this is a state ("held since 2014"), not a claim about now. */
const MAX_STILL_HOLDS_DAYS = 31;
const isChange = (c: EventCluster) => c.control?.role === 'gain' || c.control?.role === 'loss';

function side(cluster: EventCluster, mentions: ClusterMention[]): ContradictionSide {
  return { clusterId: cluster.id, mentions, claim: describeCluster(cluster) };
}

function who(mentions: readonly ClusterMention[]): string {
  return [...new Set(mentions.map((m) => (m.sourceKind === 'author' || m.sourceKind === 'outlet' ? outletName(m) : `${m.source} (${outletName(m)})`)))].join(', ');
}

function make(kind: ContradictionKind, a: ContradictionSide, b: ContradictionSide, explanation: string): Contradiction {
  return { id: hashId('cx', `${kind}|${a.clusterId}|${b.clusterId}`), kind, a, b, explanation };
}

/**
 * Finds the contradictions a cluster takes part in, with any cluster the
 * lookup returns. Every rule is checked from both of its sides, so the
 * result for a set of clusters does not depend on which was added last.
 */
export function detectContradictions(cluster: EventCluster, lookup: ClusterLookup, semantics: Semantics): Contradiction[] {
  const { placeKm, timeToleranceDays: tolerance } = semantics.settings;
  const found: Contradiction[] = [];
  const sameNamed = (a: FusedActor | null, b: FusedActor | null) => semantics.isNamed(a) && semantics.isNamed(b) && a.actorId === b.actorId;

  // The same event asserted by some and denied by others.
  const yes = evidence(cluster);
  const no = denials(cluster);
  if (yes.length > 0 && no.length > 0) {
    const kind = cluster.type === 'agreement' ? 'agreement-vs-denial' : 'asserted-vs-denied';
    found.push(make(kind, side(cluster, yes), side(cluster, no), `asserted by ${who(yes)}; denied by ${who(no)}`));
  }

  // A change of control against fighting that goes on, someone else still holding the place, or
  // someone else taking it, in the same days.
  const changeTypes: EventCluster['type'][] = ['control', 'declaration'];
  const ongoingTypes = ['control', ...Object.keys(semantics.settings.ongoingFighting)] as EventCluster['type'][];
  const controlConflict = (change: EventCluster, other: EventCluster): Contradiction | null => {
    const wc = days(change.time);
    const wo = days(other.time);
    if (!change.location || !other.location || !wc || !wo || change.id === other.id) return null;
    if (evidence(change).length === 0 || evidence(other).length === 0) return null;
    if (!samePlace(change.location, other.location, placeKm)) return null;
    const { holder, loser } = change.control!;
    let why: string;
    let kind: ContradictionKind = 'control-vs-ongoing';
    if (semantics.isOngoingFighting(other.type, other.subtype)) {
      // Fighting before a capture is how captures happen; only what goes on after it contradicts it.
      if (wo.to < wc.from || wo.from > wc.to + tolerance) return null;
      why = `fighting is reported to go on in ${other.location.name}`;
    } else if (other.control?.role === 'holds') {
      // A dated "still holds" after the change; "has held it since 2014" says nothing about the change.
      const still = other.control.holder;
      if (!still || wo.to - wo.from > MAX_STILL_HOLDS_DAYS || wo.to <= wc.to || wo.from > wc.to + tolerance) return null;
      if (holder ? semantics.actorsAgree(still, holder) : !(loser && semantics.actorsAgree(still, loser))) return null;
      why = `${still.name} is said to still hold ${other.location.name}`;
    } else if (isChange(other)) {
      // Opponents taking the same place within days of each other: each claim contests the other
      // (reported once, lower id first). Declarations only echo captures, so only control events count.
      const rival = other.control!.holder;
      if (change.type !== 'control' || other.type !== 'control' || change.id > other.id || !windowsMeet(wc, wo, tolerance)) return null;
      const opponents = semantics.areRivals(holder, rival) || sameNamed(rival, loser) || sameNamed(holder, other.control!.loser);
      if (!rival || !opponents || semantics.actorsAgree(holder, rival)) return null;
      why = `${rival.name} is said to have taken ${other.location.name}`;
      kind = 'control-vs-control';
    } else {
      return null;
    }
    return make(kind, side(change, evidence(change)), side(other, evidence(other)),
      `${describeCluster(change)} according to ${who(evidence(change))}, while ${why} according to ${who(evidence(other))}`);
  };
  const contests = (c: EventCluster) => semantics.isOngoingFighting(c.type, c.subtype) || c.control?.role === 'holds' || isChange(c);
  if (isChange(cluster)) {
    for (const type of ongoingTypes.concat('declaration')) {
      for (const other of lookup(type, 'location', cluster)) if (contests(other)) pushIf(found, controlConflict(cluster, other));
    }
  }
  if (contests(cluster)) {
    for (const type of changeTypes) {
      for (const other of lookup(type, 'location', cluster)) if (isChange(other)) pushIf(found, controlConflict(other, cluster));
    }
  }

  // The same actor leaving the same place at the same time for different destinations.
  if (cluster.type === 'movement' && cluster.agent && cluster.origin && cluster.destination && yes.length > 0) {
    const w = days(cluster.time);
    for (const other of lookup('movement', 'origin', cluster)) {
      const wo = days(other.time);
      if (other.id === cluster.id || !w || !wo || !other.origin || !other.destination || !sameNamed(other.agent, cluster.agent)) continue;
      if (evidence(other).length === 0 || !windowsMeet(w, wo, tolerance)) continue;
      if (!samePlace(cluster.origin, other.origin, placeKm) || samePlace(cluster.destination, other.destination, placeKm)) continue;
      const [a, b] = cluster.id < other.id ? [cluster, other] : [other, cluster];
      found.push(make('destination-mismatch', side(a, evidence(a)), side(b, evidence(b)),
        `${a.agent!.name} left ${a.origin!.name} for ${a.destination!.name} according to ${who(evidence(a))}, ` +
        `for ${b.destination!.name} according to ${who(evidence(b))}`));
    }
  }

  // An agreement asserted in one cluster and denied in another that could not merge with it (e.g. one names no place).
  if (cluster.type === 'agreement') {
    const agreementDenied = (asserted: EventCluster, denied: EventCluster): Contradiction | null => {
      const wa = days(asserted.time);
      const wd = days(denied.time);
      if (asserted.id === denied.id || !wa || !wd || !windowsMeet(wa, wd, tolerance)) return null;
      const yesA = evidence(asserted);
      const noD = denials(denied);
      if (yesA.length === 0 || noD.length === 0) return null;
      const parties = [asserted.agent, asserted.patient];
      if (!parties.some((p) => sameNamed(p, denied.agent) || sameNamed(p, denied.patient))) return null;
      for (const slot of ['location', 'origin', 'destination'] as const) {
        const pa = asserted[slot];
        const pd = denied[slot];
        if (pa && pd && !samePlace(pa, pd, placeKm)) return null;
      }
      return make('agreement-vs-denial', side(asserted, yesA), side(denied, noD),
        `${describeCluster(asserted)} according to ${who(yesA)}; denied by ${who(noD)}`);
    };
    for (const other of lookup('agreement', 'actor', cluster)) {
      pushIf(found, agreementDenied(cluster, other));
      pushIf(found, agreementDenied(other, cluster));
    }
  }
  return found;
}

function pushIf<T>(list: T[], item: T | null): void {
  if (item) list.push(item);
}
