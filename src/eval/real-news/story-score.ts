/**
 * Scores what fusion made of one story against its story file
 * (test/fixtures/real-news/README.md, "Stories"): each expected cluster,
 * contradiction, control change and trajectory step is found or not, and
 * each "must not" check counts its violations. Reads fusion's output types
 * only (src/fusion/index.ts), and tolerates fields they may lack.
 */
import distance from '@turf/distance';
import type { ClusterMention, Contradiction, ControlTimeline, EventCluster, FusedActor, FusionResult, Trajectory } from '../../fusion/index.js';
import type { NameNormalizer } from '../../text/normalize.js';
import type { ActorRef, PlaceRef, Span } from '../../types.js';
import { namesMatch } from './score.js';
import type {
  ClusterExpectation, ContextExpectation, ContradictionExpectation, LocatedAnchor, OneSourceExpectation, StoryExpectations,
  TimelineExpectation, TrajectoryExpectation,
} from './story-expectations.js';

/**
 * The fastest a force is taken to move between two trajectory steps: a road
 * convoy at 50 km/h for 12 hours of a day. Steps farther apart than this per
 * day elapsed (a same-day pair counts as one day) are physically implausible.
 */
export const MAX_KM_PER_DAY = 600;
const DAY_MS = 86_400_000;

/** What fusion made of a story: the views the scorer reads. */
export type StoryFusion = Pick<FusionResult, 'clusters' | 'contradictions' | 'timelines' | 'trajectories'>;

/** What scoring reads besides fusion's output. */
export interface StoryScoreContext {
  normalize: NameNormalizer;
  /** Actor id -> its id, name and aliases. */
  actorNames: ReadonlyMap<string, readonly string[]>;
  /** The names a place goes by: its gazetteer name and the texts that mention it in the story's reports. */
  placeNames: (place: PlaceRef) => readonly string[];
  /** Report file (`<story>/<report>.txt`) -> the id of its stored document. */
  docIds: ReadonlyMap<string, string>;
  /** Document id -> its text, which mention offsets index. */
  texts: ReadonlyMap<string, string>;
}

/** One expectation of a kind that must be found. */
export interface FoundItem {
  label: string;
  found: boolean;
  /** What was matched (a cluster, contradiction or period id, a step), or why nothing was. */
  detail: string;
  /** For a miss: what fusion made near it (the mentions at each anchor, the place's periods, the actor's paths). */
  nearby?: string[];
}

export interface ClusterItem extends FoundItem {
  /** The listed reports' anchors that the matched cluster holds. */
  members: { count: number; of: number };
  statusRight: boolean | null;
  sourcesRight: boolean | null;
}

/** One "must not" check: whether it was violated, and whether fusion came near it at all. */
export interface ViolationItem {
  label: string;
  violated: boolean;
  /** Whether the check bit: the anchor is in a cluster, or two of the group's mentions share one. */
  reached: boolean;
  detail: string;
  /** The mentions counted as several origins, when violated (keys), so that one fault found by two checks counts once. */
  mentions?: string[];
}

export interface StoryScore {
  story: string;
  clusters: ClusterItem[];
  contradictions: FoundItem[];
  timeline: FoundItem[];
  trajectory: FoundItem[];
  notCorroborating: ViolationItem[];
  oneSource: ViolationItem[];
  /** Clauses found word for word in several reports' mentions of one cluster (agency copy rerun), found without a list. */
  verbatim: ViolationItem[];
  /** Consecutive trajectory steps checked for speed, and those too far apart for the time between them. */
  steps: { checked: number; implausible: { actor: string; from: string; to: string; km: number; days: number }[] };
}

const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** The mention's narrowest evidence span: its trigger when the event stage gave one. */
function narrowest(spans: readonly Span[]): Span | null {
  return spans.reduce<Span | null>((best, s) => (best && best.end - best.start <= s.end - s.start ? best : s), null);
}

type Placed = Pick<EventCluster, 'location' | 'origin' | 'destination'>;

/** An event's places, where it happened or where it went from and to ("from Manbij to Jarablus"). */
const placeSlots = (e: Placed) => [e.location, e.origin, e.destination].filter((p): p is PlaceRef => p !== null);
const placesOf = (e: Placed) => (e.location ? e.location.name : e.origin || e.destination ? `${e.origin?.name ?? '?'}->${e.destination?.name ?? '?'}` : 'no place');

class StoryReader {
  constructor(private readonly fusion: StoryFusion, private readonly ctx: StoryScoreContext) {}

  private anyName(accepted: readonly string[], found: readonly string[]): boolean {
    return accepted.some((a) => found.some((f) => namesMatch(this.ctx.normalize, a, f)));
  }

  placeIs(place: PlaceRef | null | undefined, accepted: readonly string[]): boolean {
    return !!place && this.anyName(accepted, [place.name, ...this.ctx.placeNames(place)]);
  }

  actorIs(actor: ActorRef | FusedActor | null | undefined, accepted: readonly string[]): boolean {
    return !!actor && this.anyName(accepted, this.ctx.actorNames.get(actor.actorId) ?? [actor.actorId, actor.name]);
  }

  /**
   * Whether a mention stands at the anchor: its trigger overlaps it, or (unless `strict`) the anchor lies
   * inside its evidence clause. "Must not" checks are strict: another event of the same clause ("its
   * recapture would pave the way to retake Mosul") must not be blamed for the one the anchor names.
   */
  mentionAt(mention: ClusterMention, anchor: LocatedAnchor, strict = false): boolean {
    if (mention.docId !== this.ctx.docIds.get(anchor.file)) return false;
    const spans = mention.evidence?.length ? mention.evidence : [mention];
    const trigger = narrowest(spans);
    return (trigger !== null && overlaps(trigger, anchor.span)) || (!strict && spans.some((s) => within(anchor.span, s)));
  }

  holdsAnchor(mentions: readonly ClusterMention[] | undefined, anchor: LocatedAnchor, strict = false): boolean {
    return (mentions ?? []).some((m) => this.mentionAt(m, anchor, strict));
  }

  clusterById(id: string): EventCluster | undefined {
    return this.fusion.clusters.find((c) => c.id === id);
  }

  /** The fused mentions at an anchor, each with its reading and the cluster it joined (`--verbose`). */
  describeAnchor(anchor: LocatedAnchor): string[] {
    const at = this.fusion.clusters.flatMap((c) => c.mentions.filter((m) => this.mentionAt(m, anchor)).map((m) => ({ c, m })));
    if (at.length === 0) return [`${anchor.report} "${anchor.anchor}": no fused mention`];
    return at.map(({ c, m }) => `${anchor.report} "${anchor.anchor}": ${m.type}/${m.subtype} at ${placesOf(m)}`
      + ` by ${m.agent?.actorId ?? '-'}${m.control ? ` holder ${m.control.holder?.actorId ?? '-'}` : ''}, ${m.time ? `${m.time.from}..${m.time.to}` : 'no time'}, ${m.weight}`
      + ` -> ${c.id} ${c.type}/${c.subtype} at ${placesOf(c)}, ${c.time ? `${c.time.from}..${c.time.to}` : 'no time'}, ${c.status}`);
  }

  /** A cluster's actors: agent, patient, and for control who holds and who lost the place. */
  actorsOf(c: EventCluster): (FusedActor | null)[] {
    return [c.agent, c.patient, c.control?.holder ?? null, c.control?.loser ?? null];
  }
}

const typeIs = (c: EventCluster, accepted: readonly string[]) =>
  accepted.some((t) => {
    const [type, subtype] = t.split('/');
    return c.type === type && (subtype === undefined || c.subtype === subtype);
  });

const windowsOverlap = (a: { from: string; to: string }, from: string, to: string) => a.from <= to && from <= a.to;

/** The clusters that could be the expected one, with how many of its listed mentions each holds. */
function clusterCandidates(expected: ClusterExpectation, reader: StoryReader, clusters: readonly EventCluster[]): { c: EventCluster; held: number }[] {
  return clusters
    .filter((c) => typeIs(c, expected.types))
    .filter((c) => (expected.place === null ? placeSlots(c).length === 0 : placeSlots(c).some((p) => reader.placeIs(p, expected.place!))))
    .filter((c) => !expected.actors || reader.actorsOf(c).some((a) => reader.actorIs(a, expected.actors!)))
    .filter((c) => !expected.time || (!!c.time && windowsOverlap(c.time, expected.time[0], expected.time[1])))
    .map((c) => ({ c, held: expected.reports.filter((r) => reader.holdsAnchor(c.mentions, r)).length }))
    .filter((x) => x.held > 0);
}

/**
 * Pairs expected clusters with fused ones, one to one, those holding most of
 * their listed mentions first: a fused cluster that merged two expected
 * events (two attacks, a palace and the camps) is found as one of them only.
 */
function matchClusters(expected: readonly ClusterExpectation[], reader: StoryReader, clusters: readonly EventCluster[]): (EventCluster | null)[] {
  const pairs = expected.flatMap((e, i) => clusterCandidates(e, reader, clusters).map(({ c, held }) => ({ i, c, held })))
    .sort((a, b) => b.held - a.held || a.i - b.i);
  const matched: (EventCluster | null)[] = expected.map(() => null);
  const used = new Set<string>();
  for (const { i, c } of pairs) {
    if (matched[i] || used.has(c.id)) continue;
    matched[i] = c;
    used.add(c.id);
  }
  return matched;
}

function scoreCluster(expected: ClusterExpectation, c: EventCluster | null, reader: StoryReader): ClusterItem {
  const of = expected.reports.length;
  if (!c) {
    const detail = 'no cluster of the type, place, actors and time holds a listed anchor (and no other expected cluster took it)';
    return { label: expected.label, found: false, detail, nearby: expected.reports.flatMap((r) => reader.describeAnchor(r)), members: { count: 0, of }, statusRight: null, sourcesRight: null };
  }
  const score = c.corroboration?.score ?? 0;
  return {
    label: expected.label, found: true,
    detail: `${c.id} ${c.type}/${c.subtype} at ${placesOf(c)}, ${c.status}, ${score} source(s), ${c.mentions.length} mention(s)`,
    members: { count: expected.reports.filter((r) => reader.holdsAnchor(c.mentions, r)).length, of },
    statusRight: expected.status ? expected.status.includes(c.status) : null,
    sourcesRight: expected.minSources !== undefined ? score >= expected.minSources : null,
  };
}

function scoreContradiction(expected: ContradictionExpectation, reader: StoryReader, contradictions: readonly Contradiction[]): FoundItem {
  const sideHolds = (side: Contradiction['a'], anchor: LocatedAnchor) =>
    reader.holdsAnchor(side.mentions?.length ? side.mentions : reader.clusterById(side.clusterId)?.mentions, anchor);
  const match = contradictions
    .filter((x) => !expected.kinds || expected.kinds.includes(x.kind))
    .find((x) => (sideHolds(x.a, expected.a) && sideHolds(x.b, expected.b)) || (sideHolds(x.a, expected.b) && sideHolds(x.b, expected.a)));
  if (match) return { label: expected.label, found: true, detail: `${match.id} ${match.kind}` };
  return { label: expected.label, found: false, detail: 'no contradiction sets these two anchors against each other', nearby: [...reader.describeAnchor(expected.a), ...reader.describeAnchor(expected.b)] };
}

const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const daysApart = (a: string, b: string) => Math.abs(dayOf(a) - dayOf(b)) / DAY_MS;

function scoreTimelineChange(expected: TimelineExpectation, reader: StoryReader, timelines: readonly ControlTimeline[]): FoundItem {
  const label = `${expected.place[0]}: ${expected.before?.[0] ?? '?'} -> ${expected.after[0]} about ${expected.date}`;
  for (const timeline of timelines.filter((t) => reader.placeIs(t.place, expected.place))) {
    const periods = timeline.periods ?? [];
    const at = periods.findIndex((p) => reader.actorIs(p.holder, expected.after) && daysApart(p.from, expected.date) <= expected.days);
    if (at < 0) continue;
    const period = periods[at]!;
    const loser = period.loser ?? (period.changeClusterId ? reader.clusterById(period.changeClusterId)?.control?.loser : null);
    const beforeRight = !expected.before || reader.actorIs(periods[at - 1]?.holder, expected.before) || reader.actorIs(loser, expected.before);
    if (beforeRight) return { label, found: true, detail: `${timeline.place.name}: ${period.holder?.name} from ${period.from}` };
  }
  const nearby = timelines.filter((t) => reader.placeIs(t.place, expected.place))
    .map((t) => `${t.place.name}: ${(t.periods ?? []).map((p) => `${p.holder?.actorId ?? '?'} from ${p.from}${p.changeClusterId
      ? ` (${p.changeClusterId}, lost by ${p.loser?.actorId ?? '?'})` : ''}`).join(', ')}`);
  return { label, found: false, detail: 'no period of the holder starting near the date, after the holder before', nearby: nearby.length ? nearby : ['no timeline of the place'] };
}

function scoreTrajectoryStep(expected: TrajectoryExpectation, reader: StoryReader, trajectories: readonly Trajectory[]): FoundItem {
  const label = `${expected.actor[0]}: ${expected.from?.[0] ?? '?'} -> ${expected.to[0]} about ${expected.date}`;
  const [from, to] = [dayOf(expected.date) - expected.days * DAY_MS, dayOf(expected.date) + expected.days * DAY_MS];
  for (const trajectory of trajectories.filter((t) => reader.actorIs(t.actor, expected.actor))) {
    const steps = trajectory.steps ?? [];
    const at = steps.findIndex((s, i) => reader.placeIs(s.place, expected.to) && dayOf(s.from) <= to && from <= dayOf(s.to)
      && (expected.from === null || reader.placeIs(steps[i - 1]?.place, expected.from)));
    if (at >= 0) return { label, found: true, detail: `${trajectory.actor.name}: step ${at} at ${steps[at]!.place.name}, ${steps[at]!.from}..${steps[at]!.to}` };
  }
  const nearby = trajectories.filter((t) => reader.actorIs(t.actor, expected.actor))
    .map((t) => `${t.actor.actorId}${t.unit ? ` (${t.unit})` : ''}: ${(t.steps ?? []).map((s) => `${s.place.name} ${s.from}`).join(' -> ')}`);
  return { label, found: false, detail: 'no trajectory of the actor has this step', nearby: nearby.length ? nearby : ['no trajectory of the actor'] };
}

/** A background, planned or nominal mention must not count toward a cluster called corroborated. */
function scoreContext(expected: ContextExpectation, reader: StoryReader, clusters: readonly EventCluster[]): ViolationItem {
  const label = `${expected.why}: "${expected.anchor}" (${expected.report})`;
  const holding = clusters.filter((c) => reader.holdsAnchor(c.mentions, expected, true));
  const counting = holding.filter((c) => (c.corroboration?.score ?? 0) >= 2 && c.mentions.some((m) =>
    reader.mentionAt(m, expected, true) && (c.corroboration?.explanation ?? []).some((e) => e.mention === m.key && e.counted)));
  return {
    label, violated: counting.length > 0, reached: holding.length > 0,
    detail: counting.length ? `counted toward ${counting.map((c) => `${c.id} (${c.status}, ${c.corroboration.score})`).join(', ')}` : holding.length ? 'in a cluster, not counted toward corroboration' : 'in no cluster',
  };
}

/** Outlets carrying one statement are one source: their mentions must not reduce to two origins in one cluster. */
function scoreOneSource(expected: OneSourceExpectation, reader: StoryReader, clusters: readonly EventCluster[]): ViolationItem {
  let reached = false;
  for (const c of clusters) {
    const inCluster = expected.mentions.filter((anchor) => reader.holdsAnchor(c.mentions, anchor, true));
    if (inCluster.length < 2) continue;
    reached = true;
    const keys = new Set(c.mentions.filter((m) => inCluster.some((anchor) => reader.mentionAt(m, anchor, true))).map((m) => m.key));
    const origins = new Set((c.corroboration?.explanation ?? []).filter((e) => e.counted && keys.has(e.mention)).map((e) => e.origin));
    if (origins.size > 1) return { label: expected.label, violated: true, reached, detail: `${c.id} counts ${[...origins].join(', ')}`, mentions: [...keys] };
  }
  return { label: expected.label, violated: false, reached, detail: reached ? 'counted as one source' : 'no cluster holds two of the mentions' };
}

/** A clause as compared across reports: words only, lower case, so that quotes, dashes and spacing do not tell copies apart. */
const clauseKey = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The widest evidence span of a mention (its clause), as text. */
function clauseOf(m: ClusterMention, texts: ReadonlyMap<string, string>): string {
  const spans = m.evidence?.length ? m.evidence : [m];
  const widest = spans.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  return texts.get(m.docId)?.slice(widest.start, widest.end) ?? '';
}

/** The shortest clause taken as a copy: shorter ones ("Iraqi forces entered the city") are said alike independently. */
const MIN_COPY_WORDS = 8;

/**
 * Clauses that several reports of one cluster carry word for word are one
 * statement: violated when their mentions count as two or more origins.
 */
function checkVerbatim(clusters: readonly EventCluster[], texts: ReadonlyMap<string, string>): ViolationItem[] {
  const items: ViolationItem[] = [];
  for (const c of clusters) {
    const byClause = new Map<string, ClusterMention[]>();
    for (const m of c.mentions) {
      const key = clauseKey(clauseOf(m, texts));
      if (key.split(' ').length >= MIN_COPY_WORDS) byClause.set(key, [...(byClause.get(key) ?? []), m]);
    }
    for (const [clause, mentions] of byClause) {
      if (new Set(mentions.map((m) => m.docId)).size < 2) continue;
      const keys = new Set(mentions.map((m) => m.key));
      const origins = new Set((c.corroboration?.explanation ?? []).filter((e) => e.counted && keys.has(e.mention)).map((e) => e.origin));
      const label = `${c.id}: "${clause.length > 60 ? `${clause.slice(0, 60)}...` : clause}"`;
      const detail = `${mentions.length} mentions, counted as ${origins.size} origin(s): ${[...origins].join(', ')}`;
      items.push({ label, violated: origins.size > 1, reached: true, detail, mentions: [...keys] });
    }
  }
  return items;
}

/** Consecutive steps of every trajectory, with those farther apart than `MAX_KM_PER_DAY` allows. */
function checkSteps(trajectories: readonly Trajectory[]): StoryScore['steps'] {
  const implausible: StoryScore['steps']['implausible'] = [];
  let checked = 0;
  for (const t of trajectories) {
    const steps = t.steps ?? [];
    for (let i = 1; i < steps.length; i++) {
      const [a, b] = [steps[i - 1]!, steps[i]!];
      checked++;
      const km = distance([a.place.lon, a.place.lat], [b.place.lon, b.place.lat], { units: 'kilometers' });
      const days = Math.max(1, (dayOf(b.from) - dayOf(a.to)) / DAY_MS);
      if (km > MAX_KM_PER_DAY * days) implausible.push({ actor: t.actor.name, from: a.place.name, to: b.place.name, km: Math.round(km), days });
    }
  }
  return { checked, implausible };
}

/** Violations of one story by check; a word-for-word copy a oneSource group already names is one fault, counted there only. */
export function violationsOf(score: StoryScore): { notCorroborating: number; oneSource: number; verbatim: number; implausible: number; total: number } {
  const named = new Set(score.oneSource.flatMap((o) => o.mentions ?? []));
  const counts = {
    notCorroborating: score.notCorroborating.filter((v) => v.violated).length,
    oneSource: score.oneSource.filter((v) => v.violated).length,
    verbatim: score.verbatim.filter((v) => v.violated && !(v.mentions ?? []).every((key) => named.has(key))).length,
    implausible: score.steps.implausible.length,
  };
  return { ...counts, total: counts.notCorroborating + counts.oneSource + counts.verbatim + counts.implausible };
}

/**
 * Every expectation of one story, scored against what fusion made of its reports.
 *
 * @example
 * const score = scoreStory(expectations, fusionResult(state), ctx);
 * score.clusters.filter((c) => !c.found).map((c) => c.label);
 */
export function scoreStory(expectations: StoryExpectations, fusion: StoryFusion, ctx: StoryScoreContext): StoryScore {
  const reader = new StoryReader(fusion, ctx);
  return {
    story: expectations.story,
    clusters: matchClusters(expectations.clusters, reader, fusion.clusters).map((c, i) => scoreCluster(expectations.clusters[i]!, c, reader)),
    contradictions: expectations.contradictions.map((e) => scoreContradiction(e, reader, fusion.contradictions)),
    timeline: expectations.timeline.map((e) => scoreTimelineChange(e, reader, fusion.timelines)),
    trajectory: expectations.trajectory.map((e) => scoreTrajectoryStep(e, reader, fusion.trajectories)),
    notCorroborating: expectations.notCorroborating.map((e) => scoreContext(e, reader, fusion.clusters)),
    oneSource: expectations.oneSource.map((e) => scoreOneSource(e, reader, fusion.clusters)),
    verbatim: checkVerbatim(fusion.clusters, ctx.texts),
    steps: checkSteps(fusion.trajectories),
  };
}
