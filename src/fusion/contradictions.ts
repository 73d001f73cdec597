import { describeCluster, hashId } from './clusters.js';
import type { FusionContext } from './context.js';
import { originOf, outletName } from './corroboration.js';
import { compareKeys, dayWindow } from './mentions.js';
import { placeKey, samePlace, windowsMeet, type DayWindow } from './space-time.js';
import type { CasualtyCounts, ClusterMention, Contradiction, ContradictionKind, ContradictionSide, EventCluster, FusedActor } from './types.js';

/** How contradiction detection asks the state for clusters near another one. */
export type ClusterLookup = (type: EventCluster['type'], slot: 'location' | 'origin' | 'actor', cluster: EventCluster) => Iterable<EventCluster>;

/** What a rule reads besides the cluster: the settings and names, and the clusters near it. */
export interface RuleContext {
  fusion: FusionContext;
  lookup: ClusterLookup;
}

/**
 * One kind of contradiction an analyst cares about. `find` returns those the
 * cluster takes part in, with itself or with clusters the lookup returns;
 * every rule looks from both of its sides, so what is found for a set of
 * clusters does not depend on which was added last.
 */
export interface ContradictionRule {
  kind: ContradictionKind;
  find(cluster: EventCluster, context: RuleContext): Contradiction[];
}

const evidence = (c: EventCluster) => c.mentions.filter((m) => m.weight === 'evidence');
const denials = (c: EventCluster) => c.mentions.filter((m) => m.weight === 'denial');
/** The terms of a deal: what is to happen (who is to leave, where to), told as planned or conditional. */
const terms = (c: EventCluster) => c.mentions.filter((m) => m.weight === 'prospective');
/** A dated holding longer than this is a state ("held since 2014"), not a claim about now. */
const MAX_STILL_HOLDS_DAYS = 31;
const isChange = (c: EventCluster) => c.control?.role === 'gain' || c.control?.role === 'loss';

/** Who says it: the outlet, or the source it quotes with the outlet. */
function speaker(m: ClusterMention): string {
  return m.sourceKind === 'author' || m.sourceKind === 'outlet' ? outletName(m) : `${m.source} (${outletName(m)})`;
}

const who = (mentions: readonly ClusterMention[]) => [...new Set(mentions.map(speaker))].join(', ');

function side(cluster: EventCluster, mentions: ClusterMention[]): ContradictionSide {
  return { clusterId: cluster.id, mentions, claim: describeCluster(cluster), sources: [...new Set(mentions.map(speaker))].sort() };
}

/** `aspect` tells apart two contradictions of one kind between the same clusters (a deal's who and its where). */
function make(kind: ContradictionKind, a: [EventCluster, ClusterMention[]], b: [EventCluster, ClusterMention[]], explanation: string, aspect = ''): Contradiction {
  return { id: hashId('cx', `${kind}|${a[0].id}|${b[0].id}${aspect ? `|${aspect}` : ''}`), kind, a: side(...a), b: side(...b), explanation };
}

/**
 * The mentions of each side that meet a mention of the other under `meets`
 * (their own windows, not their clusters'): a 2014 sentence in a cluster
 * never speaks against a 2017 one. Empty sides when no pair meets.
 */
function meeting(as: readonly ClusterMention[], bs: readonly ClusterMention[], maxWindowDays: number, meets: (wa: DayWindow, wb: DayWindow) => boolean): [ClusterMention[], ClusterMention[]] {
  // Windows once per mention, not once per pair: restoring a state runs this over every cluster.
  const dated = (ms: readonly ClusterMention[]) => ms.map((m) => ({ m, w: dayWindow(m.time, maxWindowDays) })).filter((d): d is { m: ClusterMention; w: DayWindow } => d.w !== null);
  const db = dated(bs);
  const pairs = dated(as).flatMap((a) => db.filter((b) => meets(a.w, b.w)).map((b) => [a.m, b.m] as const));
  return [[...new Set(pairs.map(([a]) => a))], [...new Set(pairs.map(([, b]) => b))]];
}


/** Windows that overlap as fusion reads time: once widened by `timeToleranceDays` (a denial comes a day or two after the claim). */
const overlapping = ({ settings }: FusionContext) => (wa: DayWindow, wb: DayWindow) => windowsMeet(wa, wb, settings.timeToleranceDays);

/** A sided rule run from both ends: the cluster as the first side with each candidate, and as the second. */
function bothWays(cluster: EventCluster, candidates: Iterable<EventCluster>, check: (a: EventCluster, b: EventCluster) => Contradiction | null): Contradiction[] {
  const found: Contradiction[] = [];
  for (const other of candidates) {
    if (other.id === cluster.id) continue;
    for (const cx of [check(cluster, other), check(other, cluster)]) if (cx) found.push(cx);
  }
  return found;
}

/** Any event but an agreement, asserted by some and denied by others at the same time. */
const claimVsDenial: ContradictionRule = {
  kind: 'asserted-vs-denied',
  find(cluster, { fusion }) {
    if (cluster.type === 'agreement') return [];
    const [yes, no] = meeting(evidence(cluster), denials(cluster), fusion.settings.maxWindowDays, overlapping(fusion));
    if (yes.length === 0) return [];
    return [make(this.kind, [cluster, yes], [cluster, no], `asserted by ${who(yes)}; denied by ${who(no)}`)];
  },
};

/** An agreement asserted and denied: in one cluster, or across clusters that share a party and could not merge (one names no place). */
const agreementVsDenial: ContradictionRule = {
  kind: 'agreement-vs-denial',
  find(cluster, { fusion, lookup }) {
    if (cluster.type !== 'agreement') return [];
    const { semantics, settings } = fusion;
    const denied = (asserted: EventCluster, denying: EventCluster): Contradiction | null => {
      const [yes, no] = meeting(evidence(asserted), denials(denying), settings.maxWindowDays, overlapping(fusion));
      if (yes.length === 0) return null;
      if (asserted.id !== denying.id) {
        const named = (a: FusedActor | null, b: FusedActor | null) => semantics.isNamed(a) && semantics.isNamed(b) && a.actorId === b.actorId;
        if (![asserted.agent, asserted.patient].some((p) => named(p, denying.agent) || named(p, denying.patient))) return null;
        if (placesDiffer(asserted, denying, settings.placeKm)) return null;
      }
      return make(this.kind, [asserted, yes], [denying, no], `${describeCluster(asserted)} according to ${who(yes)}; denied by ${who(no)}`);
    };
    const found = bothWays(cluster, lookup('agreement', 'actor', cluster), denied);
    const within = denied(cluster, cluster);
    return within ? [within, ...found] : found;
  },
};

function placesDiffer(a: EventCluster, b: EventCluster, placeKm: number): boolean {
  return (['location', 'origin', 'destination'] as const).some((slot) => a[slot] && b[slot] && !samePlace(a[slot]!, b[slot]!, placeKm));
}

/**
 * A change of control at a place against what its own reports' days say
 * goes on there after it: fighting that continues, or someone other than the
 * new holder still holding the place. Fighting before or during a capture is
 * how captures happen: only fighting its own words date past the capture's
 * days counts.
 */
const controlVsOngoing: ContradictionRule = {
  kind: 'control-vs-ongoing',
  find(cluster, { fusion, lookup }) {
    const { semantics, settings } = fusion;
    const tolerance = settings.timeToleranceDays;
    // A clash merged into a cluster of a generic subtype ("wounding") still says fighting goes on.
    const fightingIn = (c: EventCluster) => semantics.isOngoingFighting(c.type, c.subtype)
      ? evidence(c) : evidence(c).filter((m) => semantics.isOngoingFighting(m.type, m.subtype));
    const fighting = (c: EventCluster) => fightingIn(c).length > 0;
    const stillHeld = (c: EventCluster) => c.control?.role === 'holds';
    const check = (change: EventCluster, other: EventCluster): Contradiction | null => {
      if (!isChange(change) || !(fighting(other) || stillHeld(other)) || !change.location || !other.location) return null;
      if (!samePlace(change.location, other.location, settings.placeKm)) return null;
      const { holder, loser } = change.control!;
      let why: string;
      if (fighting(other)) {
        why = `fighting is reported to go on in ${other.location.name}`;
      } else {
        const still = other.control!.holder;
        if (!still || (holder ? semantics.actorsAgree(still, holder) : !(loser && semantics.actorsAgree(still, loser)))) return null;
        why = `${still.name} is said to still hold ${other.location.name}`;
      }
      const after = (wc: DayWindow, wo: DayWindow) =>
        wo.to > wc.to && wo.from <= wc.to + tolerance && (fighting(other) || wo.to - wo.from <= MAX_STILL_HOLDS_DAYS);
      // Only fighting or holding its own words date can be after the change: dated by its report
      // alone ("the battle of Tabqa"), it may be what led to the change, recalled a week later.
      const against = fighting(other) ? fightingIn(other) : evidence(other);
      const dated = meeting(evidence(change), against.filter((m) => m.time?.precision !== 'document'), settings.maxWindowDays, after);
      // Fighting told as going on ("fighting continued", "still fighting") up to the change's last day goes on when it is claimed;
      // told as going on before, the change may have ended it.
      const upToChange = (wc: DayWindow, wo: DayWindow) => wo.to >= wc.to && overlapping(fusion)(wc, wo);
      const goingOn = fighting(other) ? meeting(evidence(change), against.filter((m) => m.continuing), settings.maxWindowDays, upToChange) : [[], []];
      const [a, b] = [[...new Set([...dated[0], ...goingOn[0]])], [...new Set([...dated[1], ...goingOn[1]])]];
      if (a.length === 0) return null;
      return make(this.kind, [change, a], [other, b], `${describeCluster(change)} according to ${who(a)}, while ${why} according to ${who(b)}`);
    };
    if (!isChange(cluster) && !fighting(cluster) && !stillHeld(cluster)) return [];
    const types = ['control', 'declaration', ...Object.keys(settings.ongoingFighting)] as EventCluster['type'][];
    return bothWays(cluster, types.flatMap((t) => [...lookup(t, 'location', cluster)]), check);
  },
};

/**
 * Opponents each said to take the same place within days of each other.
 * Declarations only echo captures, so only control events count; reported
 * once, lower cluster id first.
 */
const controlVsControl: ContradictionRule = {
  kind: 'control-vs-control',
  find(cluster, { fusion, lookup }) {
    const { semantics, settings } = fusion;
    const named = (a: FusedActor | null, b: FusedActor | null) => semantics.isNamed(a) && semantics.isNamed(b) && a.actorId === b.actorId;
    const check = (a: EventCluster, b: EventCluster): Contradiction | null => {
      if (a.type !== 'control' || b.type !== 'control' || !isChange(a) || !isChange(b) || a.id > b.id) return null;
      if (!a.location || !b.location || !samePlace(a.location, b.location, settings.placeKm)) return null;
      const { holder, loser } = a.control!;
      const rival = b.control!.holder;
      const opponents = semantics.areRivals(holder, rival) || named(rival, loser) || named(holder, b.control!.loser);
      if (!rival || !opponents || semantics.actorsAgree(holder, rival)) return null;
      const [ma, mb] = meeting(evidence(a), evidence(b), settings.maxWindowDays, overlapping(fusion));
      if (ma.length === 0) return null;
      return make(this.kind, [a, ma], [b, mb],
        `${describeCluster(a)} according to ${who(ma)}, while ${rival.name} is said to have taken ${b.location.name} according to ${who(mb)}`);
    };
    return cluster.type === 'control' && isChange(cluster) ? bothWays(cluster, lookup('control', 'location', cluster), check) : [];
  },
};

/** Mentions of a named actor going from somewhere to somewhere, grouped by destination (within `placeKm`), in place-key order. */
function byDestination(mentions: readonly ClusterMention[], { semantics, settings, normalizeName }: FusionContext): ClusterMention[][] {
  const groups: ClusterMention[][] = [];
  for (const m of mentions) {
    if (!m.origin || !m.destination || !semantics.isNamed(m.agent)) continue;
    const group = groups.find((g) => samePlace(g[0]!.destination!, m.destination!, settings.placeKm));
    if (group) group.push(m);
    else groups.push([m]);
  }
  const key = (g: ClusterMention[]) => placeKey(g[0]!.destination!, normalizeName);
  return groups.sort((a, b) => compareKeys(key(a), key(b)));
}

/**
 * Two accounts of where the same named actor went from the same place at the
 * same time, taken as sides `pick` chooses (what happened, or the terms of a
 * deal): across clusters, or inside one that a mention naming no destination
 * ("they may leave Raqqa") holds together.
 */
function destinations(kind: ContradictionKind, pick: (c: EventCluster) => ClusterMention[], what: string): ContradictionRule {
  // Told from the first mention of each side inside a cluster, from the clusters across two.
  type Going = Pick<ClusterMention, 'agent' | 'origin' | 'destination'>;
  const explain = (a: Going, b: Going, ma: ClusterMention[], mb: ClusterMention[]) =>
    `${a.agent!.name} ${what} ${a.origin!.name} for ${a.destination!.name} according to ${who(ma)}, for ${b.destination!.name} according to ${who(mb)}`;
  return {
    kind,
    find(cluster, { fusion, lookup }) {
      const { semantics, settings } = fusion;
      if (cluster.type !== 'movement') return [];
      const within = (): Contradiction | null => {
        const [first, second] = byDestination(pick(cluster), fusion);
        const [ma, mb] = first && second ? meeting(first, second, settings.maxWindowDays, overlapping(fusion)) : [[], []];
        return ma.length > 0 ? make(kind, [cluster, ma], [cluster, mb], explain(ma[0]!, mb[0]!, ma, mb), 'where') : null;
      };
      const check = (a: EventCluster, b: EventCluster): Contradiction | null => {
        if (a.id > b.id || !a.origin || !b.origin || !a.destination || !b.destination) return null;
        if (!semantics.isNamed(a.agent) || a.agent.actorId !== b.agent?.actorId) return null;
        if (!samePlace(a.origin, b.origin, settings.placeKm) || samePlace(a.destination, b.destination, settings.placeKm)) return null;
        const [ma, mb] = meeting(pick(a), pick(b), settings.maxWindowDays, overlapping(fusion));
        return ma.length > 0 ? make(kind, [a, ma], [b, mb], explain(a, b, ma, mb)) : null;
      };
      const inside = within();
      const across = bothWays(cluster, lookup('movement', 'origin', cluster), check);
      return inside ? [inside, ...across] : across;
    },
  };
}

/** The same actor leaving the same place at the same time for different destinations. */
const destinationMismatch = destinations('destination-mismatch', evidence, 'left');

/** The terms of a deal told two ways: where those who leave are to go. */
const dealDestinations = destinations('deal-terms', terms, 'is to leave');

/**
 * The terms of a deal told two ways: who may leave, said by some and denied
 * by others. When the departure is also told as done and denied, that
 * contradiction (`asserted-vs-denied`) already says it.
 */
const dealParties: ContradictionRule = {
  kind: 'deal-terms',
  find(cluster, { fusion }) {
    const { maxWindowDays } = fusion.settings;
    if (cluster.type !== 'movement' || meeting(evidence(cluster), denials(cluster), maxWindowDays, overlapping(fusion))[0].length > 0) return [];
    const [yes, no] = meeting(terms(cluster), denials(cluster), maxWindowDays, overlapping(fusion));
    if (yes.length === 0) return [];
    return [make(this.kind, [cluster, yes], [cluster, no], `${describeCluster(cluster)}: a term of the deal according to ${who(yes)}; denied by ${who(no)}`, 'who')];
  },
};

const COUNTS = ['killed', 'wounded', 'abducted'] as const;

/** Whether two counts are farther apart than `tolerance` of the larger. */
const differ = (a: number, b: number, tolerance: number) => Math.abs(a - b) > tolerance * Math.max(a, b);

type Counted = ClusterMention & { casualties: CasualtyCounts };

/**
 * Whom a figure counts, as far as its mention says: civilians or not, and the
 * party it names ("300 SDF fighters", "200 civilians"). Figures for different
 * victims of one battle are two counts, not two accounts of one.
 */
const victimsOf = (m: Counted) => `${m.casualties.civilians ?? '?'}|${m.patient?.actorId ?? '?'}`;

function sameVictims(a: Counted, b: Counted, fusion: FusionContext): boolean {
  const [ca, cb] = [a.casualties.civilians, b.casualties.civilians];
  return (ca === null || cb === null || ca === cb) && fusion.semantics.actorsAgree(a.patient, b.patient);
}

/** Each source's latest figure for one count of the same victims: a newer toll from the same source updates it, it does not contradict it. */
function latestBySource(mentions: readonly Counted[], field: (typeof COUNTS)[number], fusion: FusionContext): Counted[] {
  const latest = new Map<string, Counted>();
  for (const m of mentions) {
    if (m.casualties[field] === null) continue;
    const key = `${originOf(m, fusion.sourceNames).key}|${victimsOf(m)}`;
    const held = latest.get(key);
    if (!held || (m.publishedAt ?? '') > (held.publishedAt ?? '') || ((m.publishedAt ?? '') === (held.publishedAt ?? '') && m.key > held.key)) latest.set(key, m);
  }
  return [...latest.values()].sort((a, b) => a.casualties[field]! - b.casualties[field]! || compareKeys(a.key, b.key));
}

/**
 * The lowest figure that another figure of the same victims, from another
 * source, exceeds by more than `casualtyTolerance`, with the highest such.
 */
function widestGap(figures: readonly Counted[], field: (typeof COUNTS)[number], fusion: FusionContext): { low: Counted; high: Counted } | null {
  const source = (m: Counted) => originOf(m, fusion.sourceNames).key;
  for (const low of figures) {
    const high = figures.findLast((h) => source(h) !== source(low) && sameVictims(low, h, fusion));
    if (high && differ(low.casualties[field]!, high.casualties[field]!, fusion.settings.casualtyTolerance)) return { low, high };
  }
  return null;
}

/**
 * Different casualty figures for one event from different sources, counting
 * the same victims: the lowest and the highest of the sources' latest figures,
 * on the first count they differ on by more than `casualtyTolerance`, every
 * such count in the explanation.
 */
const casualtyMismatch: ContradictionRule = {
  kind: 'casualty-mismatch',
  find(cluster, { fusion }) {
    const counted = evidence(cluster).filter((m): m is Counted => m.casualties !== null);
    const differing = COUNTS.flatMap((field) => {
      const figures = latestBySource(counted, field, fusion);
      const gap = widestGap(figures, field, fusion);
      return gap ? [{ field, figures, ...gap }] : [];
    });
    if (differing.length === 0) return [];
    const { field, figures, low, high } = differing[0]!;
    // Every sentence in which a source gives its latest figure, not one per source: the headline and the body both say it.
    const giving = (m: Counted) => {
      const sources = new Set(figures.filter((f) => f.casualties[field] === m.casualties[field] && sameVictims(f, m, fusion)).map((f) => originOf(f, fusion.sourceNames).key));
      return counted.filter((c) => c.casualties[field] === m.casualties[field] && sameVictims(c, m, fusion) && sources.has(originOf(c, fusion.sourceNames).key));
    };
    return [make(this.kind, [cluster, giving(low)], [cluster, giving(high)],
      differing.map((d) => `${d.field}: ${d.low.casualties[d.field]} according to ${speaker(d.low)}, ${d.high.casualties[d.field]} according to ${speaker(d.high)}`).join('; '))];
  },
};

/** Every contradiction rule, in the order their findings are listed. */
export const CONTRADICTION_RULES: readonly ContradictionRule[] = [
  claimVsDenial, agreementVsDenial, controlVsOngoing, controlVsControl, destinationMismatch, dealDestinations, dealParties, casualtyMismatch,
];

/** The contradictions a cluster takes part in, by every rule. */
export function detectContradictions(cluster: EventCluster, lookup: ClusterLookup, fusion: FusionContext): Contradiction[] {
  return CONTRADICTION_RULES.flatMap((rule) => rule.find(cluster, { fusion, lookup }));
}
