// End to end on the demo corpus: examples/demo is read by the real pipeline into a temporary SQLite
// store, fused as `corridor ingest` does, and the stories examples/demo/STORIES.md says it plants must
// come out: test/fixtures/fusion/demo-stories/{clusters,contradictions,timelines,trajectories,corridors}.json.
// A fixture names what defines a story (type, actors, places, dates, status) and the corpus sentences it
// must rest on; `knownMisses` lists what the corpus plants and Corridor does not find yet, with the stage at fault.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  describeCluster, fusionResult, loadFusionState, refreshFusion,
  type ClaimStatus, type ClusterMention, type Contradiction, type ContradictionKind, type ContradictionSide, type ControlPeriod, type EventCluster,
  type FusionResult, type FusionState, type TimeWindow,
} from '../../src/fusion/index.js';
import { distanceKm } from '../../src/geo/distance.js';
import { toDay } from '../../src/fusion/space-time.js';
import { ingest } from '../../src/ingest/index.js';
import { packageRoot } from '../../src/resources.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import type { EventType, PlaceRef } from '../../src/types.js';
import { defaultPipeline } from '../shared-resources.js';

const CORPUS = join(packageRoot, 'examples', 'demo');
const FIXTURES = join(packageRoot, 'test', 'fixtures', 'fusion', 'demo-stories');

/** A sentence (or part of one) of a corpus document, by its STORIES.md reference. */
interface Quote { from: string; quote: string }
/** One name, or the names any of which will do. */
type Names = string | string[];

/** What a fused event must be; places are names of places.json, actors the names Corridor gives them. */
interface EventSpec {
  type?: EventType;
  subtype?: string;
  agent?: Names;
  holder?: Names;
  loser?: Names;
  location?: string;
  origin?: string;
  destination?: string;
  /** Any of location, origin or destination. */
  at?: string;
}

interface Missed { story: string; stage: string; what: string; from?: string; quote?: string }

interface ClusterStory {
  id: string; story: string; why: string;
  event: EventSpec;
  /** A day the cluster's time window must contain. */
  on?: string;
  /** Bounds the cluster's time window must lie within. */
  within?: [string, string];
  status?: ClaimStatus;
  /** Independent sources (corroboration score). */
  minSources?: number;
  /** Distinct outlets among the mentions that count as evidence. */
  minOutlets?: number;
  evidence: Quote[];
  /** Mentions of the cluster that must not count as a source, and why. */
  notCounted?: (Quote & { because: string })[];
}

interface SideSpec { claim: string; event: EventSpec; evidence: Quote[] }
interface ContradictionStory { id: string; story: string; why: string; kind: ContradictionKind[]; sides: [SideSpec, SideSpec] }
interface SpuriousContradiction extends Omit<ContradictionStory, 'why'> { stage: string; what: string }

interface PeriodSpec {
  holder?: Names;
  /** `YYYY-MM`: the claim opening the period lies in that month; `YYYY-MM-DD`: its window holds that day and spans at most a week. */
  from?: string;
  status?: ClaimStatus;
  /** The period lasts to this day (the last one of the timeline). */
  current?: boolean;
  evidence?: Quote[];
}
interface TimelineStory { id: string; place: string; why: string; periods: PeriodSpec[] }

interface LegSpec { from: string; to: string; arrived: [string, string]; evidence: Quote[] }
interface TrajectoryStory { id: string; actor: string; why: string; legs: LegSpec[] }

interface CorridorStory {
  id: string; story: string; why: string;
  waypoints: string[];
  namedIn: Quote[];
  movements?: { agent: Names; from: string; to: string; direction: 'forward' | 'backward' }[];
  events?: EventSpec[];
  control?: { place: string; holders: string[] }[];
}

/** What every fixture file has besides its stories. */
interface Family { about: string; knownMisses: Missed[] }

function read<T>(file: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as T;
}

const places = read<{ radiusKm: number; places: Record<string, { lat: number; lon: number; km?: number }> }>('places.json');
const clusterStories = read<Family & { stories: ClusterStory[] }>('clusters.json');
const contradictionStories = read<Family & { stories: ContradictionStory[]; knownSpurious: SpuriousContradiction[] }>('contradictions.json');
const timelineStories = read<Family & { timelines: TimelineStory[] }>('timelines.json');
const trajectoryStories = read<Family & { trajectories: TrajectoryStory[] }>('trajectories.json');
const corridorStories = read<Family & { corridors: CorridorStory[] }>('corridors.json');

// --- What the corpus becomes -------------------------------------------------------------------

let dir = '';
let store: Store | null = null;
let state: FusionState;
let result: FusionResult;
/** STORIES.md reference (`feeds/demo-wire.rss#<link>`) -> document. */
const documents = new Map<string, { id: string; text: string }>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corridor-demo-stories-'));
  const opened = await openStore(join(dir, 'demo.db'));
  store = opened;
  // As `corridor ingest` runs it: fusion refreshed and saved once for the run.
  const summary = await ingest([CORPUS], {
    store: opened,
    pipeline: () => defaultPipeline(),
    snapshot: async (label) => (await refreshFusion(opened, { label })).snapshot,
  });
  assert.deepEqual([summary.new, summary.failed], [40, 0], summary.errors.map((e) => e.toLine()).join('\n'));
  // What the CLI commands read: the state ingest saved.
  state = await loadFusionState(opened);
  assert.equal(state.documents.size, 40);
  result = fusionResult(state);
  for (const listed of await opened.listDocuments()) {
    const doc = (await opened.getDocument(listed.id))!;
    const source = doc.source ?? '';
    assert.ok(source.startsWith(CORPUS + sep), `document ${doc.id} comes from ${source}`);
    documents.set(source.slice(CORPUS.length + 1), { id: doc.id, text: doc.text });
  }
});

after(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// --- Matching ------------------------------------------------------------------------------------

const names = (n: Names): string[] => (Array.isArray(n) ? n : [n]);

function near(p: PlaceRef | null, name: string): boolean {
  const where = places.places[name];
  assert.ok(where, `places.json has no place "${name}"`);
  return p !== null && distanceKm(p, where) <= (where.km ?? places.radiusKm);
}

/** Where a quote is in the corpus; failing here means the fixture no longer matches the corpus. */
function locate(q: Quote): { docId: string; start: number; end: number } {
  const doc = documents.get(q.from);
  assert.ok(doc, `no document ${q.from} in the demo corpus`);
  const start = doc.text.indexOf(q.quote);
  assert.ok(start >= 0, `"${q.quote}" is not in ${q.from}`);
  return { docId: doc.id, start, end: start + q.quote.length };
}

const overlaps = (m: Pick<ClusterMention, 'docId' | 'start' | 'end'>, q: Quote) => {
  const at = locate(q);
  return m.docId === at.docId && m.start < at.end && m.end > at.start;
};

const missing = (mentions: readonly ClusterMention[], quotes: readonly Quote[]) => quotes.filter((q) => !mentions.some((m) => overlaps(m, q)));

/** How a cluster differs from a spec, in words (empty: it matches). */
function differences(c: EventCluster, spec: EventSpec): string[] {
  const out: string[] = [];
  const actor = (slot: string, actual: { name: string } | null | undefined, wanted: Names | undefined) => {
    if (wanted !== undefined && !(actual && names(wanted).includes(actual.name))) out.push(`${slot} ${actual?.name ?? 'none'}, not ${names(wanted).join(' or ')}`);
  };
  const place = (slot: string, actual: PlaceRef | null, wanted: string | undefined) => {
    if (wanted !== undefined && !near(actual, wanted)) out.push(`${slot} ${actual?.name ?? 'none'}, not ${wanted}`);
  };
  if (spec.type && c.type !== spec.type) out.push(`type ${c.type}, not ${spec.type}`);
  if (spec.subtype && c.subtype !== spec.subtype) out.push(`subtype ${c.subtype}, not ${spec.subtype}`);
  actor('agent', c.agent, spec.agent);
  actor('holder', c.control?.holder, spec.holder);
  actor('loser', c.control?.loser, spec.loser);
  place('location', c.location, spec.location);
  place('origin', c.origin, spec.origin);
  place('destination', c.destination, spec.destination);
  if (spec.at !== undefined && ![c.location, c.origin, c.destination].some((p) => near(p, spec.at!))) out.push(`no place near ${spec.at}`);
  return out;
}

const cluster = (id: string) => state.clusters.get(id)!;
const width = (t: TimeWindow) => toDay(t.to)! - toDay(t.from)!;

/** Whether a time window tells the date a fixture gives: inside its month, or holding its day to within a week. */
function dated(t: TimeWindow | null, when: string): boolean {
  if (!t) return false;
  return when.length === 7 ? t.from.startsWith(when) && t.to.startsWith(when) : t.from <= when && when <= t.to && width(t) <= 6;
}

function findCluster(story: ClusterStory): EventCluster {
  const candidates = result.clusters.filter((c) => differences(c, story.event).length === 0);
  if (candidates.length === 0) {
    const closest = result.clusters.map((c) => ({ c, off: differences(c, story.event) })).sort((a, b) => a.off.length - b.off.length)[0]!;
    assert.fail(`no cluster is ${JSON.stringify(story.event)}; the closest, "${describeCluster(closest.c)}", has ${closest.off.join('; ')}`);
  }
  const ranked = candidates.map((c) => ({ c, lacking: missing(c.mentions, story.evidence) })).sort((a, b) => a.lacking.length - b.lacking.length);
  const best = ranked[0]!;
  assert.deepEqual(best.lacking, [], `"${describeCluster(best.c)}" (${best.c.id}) lacks mentions of these sentences`);
  return best.c;
}

function sideMatches(side: ContradictionSide, spec: SideSpec): boolean {
  return differences(cluster(side.clusterId), spec.event).length === 0 && missing(side.mentions, spec.evidence).length === 0;
}

function contradictionMatches(x: Contradiction, story: Pick<ContradictionStory, 'kind' | 'sides'>): boolean {
  const [one, two] = story.sides;
  return story.kind.includes(x.kind) && ((sideMatches(x.a, one) && sideMatches(x.b, two)) || (sideMatches(x.a, two) && sideMatches(x.b, one)));
}

const summary = (x: Contradiction) => `${x.id} ${x.kind}: ${x.a.claim} / ${x.b.claim}`;

/** The claim that opens a period: its change, or its earliest holding claim. */
function opening(p: ControlPeriod): EventCluster {
  if (p.changeClusterId) return cluster(p.changeClusterId);
  return p.claims.map(cluster).find((c) => c.time?.from === p.from) ?? cluster(p.claims[0]!);
}

function periodMatches(p: ControlPeriod, spec: PeriodSpec, last: boolean): boolean {
  if (spec.holder !== undefined && !(p.holder && names(spec.holder).includes(p.holder.name))) return false;
  if (spec.from !== undefined && !dated(opening(p).time, spec.from)) return false;
  if (spec.status !== undefined && p.status !== spec.status) return false;
  if (spec.current && !(last && p.to === null)) return false;
  return missing(p.claims.flatMap((id) => cluster(id).mentions), spec.evidence ?? []).length === 0;
}

const periodLine = (p: ControlPeriod) => `${p.holder?.name ?? '(nobody named)'} ${p.from}..${p.to ?? ''} ${p.status} [${p.claims.map((id) => describeCluster(cluster(id))).join(' | ')}]`;

// --- The stories ---------------------------------------------------------------------------------

describe('demo corpus: every quote of the fixtures is in the corpus', () => {
  it('locates each sentence the fixtures cite, known misses included', () => {
    const all = [clusterStories, contradictionStories, timelineStories, trajectoryStories, corridorStories];
    const quotes: Quote[] = [];
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o['from'] === 'string' && typeof o['quote'] === 'string') quotes.push(o as unknown as Quote);
        Object.values(o).forEach(collect);
      }
    };
    collect(all);
    assert.ok(quotes.length > 50, `${quotes.length} quotes`);
    for (const q of quotes) locate(q);
  });
});

describe('demo corpus: one event told by several outlets (clusters.json)', () => {
  for (const story of clusterStories.stories) {
    it(`${story.id}: ${story.story}`, () => {
      const c = findCluster(story);
      const label = `${story.id} "${describeCluster(c)}" (${c.id})`;
      if (story.status) assert.equal(c.status, story.status, `${label}: status`);
      if (story.minSources !== undefined) {
        assert.ok(c.corroboration.score >= story.minSources, `${label}: ${c.corroboration.score} independent sources (${c.corroboration.independentSources.join(', ')}), expected at least ${story.minSources}`);
      }
      if (story.minOutlets !== undefined) {
        const outlets = new Set(c.mentions.filter((m) => m.weight === 'evidence').map((m) => m.outlet));
        assert.ok(outlets.size >= story.minOutlets, `${label}: evidence from ${[...outlets].join(', ')}, expected at least ${story.minOutlets} outlets`);
      }
      if (story.on) assert.ok(c.time && c.time.from <= story.on && story.on <= c.time.to, `${label}: its time ${JSON.stringify(c.time)} does not hold ${story.on}`);
      if (story.within) {
        const [from, to] = story.within;
        assert.ok(c.time && from <= c.time.from && c.time.to <= to, `${label}: its time ${JSON.stringify(c.time)} is not within ${from}..${to}`);
      }
      for (const q of story.notCounted ?? []) {
        const entries = c.mentions.filter((m) => overlaps(m, q)).map((m) => c.corroboration.explanation.find((e) => e.mention === m.key)!);
        assert.ok(entries.length > 0, `${label}: no mention of "${q.quote}"`);
        for (const e of entries) assert.equal(e.counted, false, `${label}: "${q.quote}" counts (${e.reason}), but ${q.because}`);
      }
    });
  }
});

describe('demo corpus: outlets contradicting each other (contradictions.json)', () => {
  for (const story of contradictionStories.stories) {
    it(`${story.id}: ${story.story}`, () => {
      const found = result.contradictions.filter((x) => contradictionMatches(x, story));
      assert.equal(found.length, 1, `${story.id}: ${found.length} contradictions match; of the kind: \n${result.contradictions.filter((x) => story.kind.includes(x.kind)).map(summary).join('\n')}`);
    });
  }

  it('finds no contradiction the corpus does not plant, beyond the known spurious ones', () => {
    const { stories, knownSpurious } = contradictionStories;
    const unplanned = result.contradictions.filter((x) => ![...stories, ...knownSpurious].some((s) => contradictionMatches(x, s)));
    assert.deepEqual(unplanned.map(summary), []);
  });
});

describe('demo corpus: control of places over time (timelines.json)', () => {
  for (const story of timelineStories.timelines) {
    it(`${story.id}: ${story.place}`, () => {
      const timelines = result.timelines.filter((t) => near(t.place, story.place));
      assert.equal(timelines.length, 1, `${story.place}: ${timelines.length} timelines (${timelines.map((t) => t.place.name).join(', ')})`);
      const { periods } = timelines[0]!;
      // The expected periods in order, other periods allowed between them (see knownSpurious).
      let next = 0;
      for (const spec of story.periods) {
        const at = periods.findIndex((p, i) => i >= next && periodMatches(p, spec, i === periods.length - 1));
        assert.ok(at >= 0, `${story.place}: no period ${JSON.stringify({ ...spec, evidence: undefined })} from period ${next + 1} on:\n${periods.map(periodLine).join('\n')}`);
        next = at + 1;
      }
    });
  }
});

describe('demo corpus: relocations (trajectories.json)', () => {
  for (const story of trajectoryStories.trajectories) {
    it(`${story.id}: ${story.actor}`, () => {
      const trajectory = result.trajectories.find((t) => t.actor.name === story.actor);
      assert.ok(trajectory, `no trajectory for ${story.actor}`);
      const { steps } = trajectory;
      const line = steps.map((s) => `${s.place.name} ${s.from}`).join(' -> ');
      for (const leg of story.legs) {
        // Consecutive steps, both ends resting on one relocation that the cited sentences tell.
        const found = steps.slice(1).some((to, i) => {
          const from = steps[i]!;
          if (!near(from.place, leg.from) || !near(to.place, leg.to) || to.from < leg.arrived[0] || to.from > leg.arrived[1]) return false;
          const moves = from.clusterIds.filter((id) => to.clusterIds.includes(id)).map(cluster)
            .filter((c) => c.type === 'movement' && near(c.origin, leg.from) && near(c.destination, leg.to));
          return moves.length > 0 && missing(moves.flatMap((c) => c.mentions), leg.evidence).length === 0;
        });
        assert.ok(found, `${story.actor}: no leg ${leg.from} -> ${leg.to} arriving ${leg.arrived.join('..')} on the cited relocation in ${line}`);
      }
    });
  }
});

describe('demo corpus: named axes and corridors (corridors.json)', () => {
  for (const story of corridorStories.corridors) {
    it(`${story.id}: ${story.story}`, () => {
      const report = result.corridors.find((r) =>
        r.waypoints.length === story.waypoints.length && r.waypoints.every((w, i) => near(w, story.waypoints[i]!)));
      assert.ok(report, `no corridor through ${story.waypoints.join(' > ')}: ${result.corridors.map((r) => `${r.name} (${r.waypoints.map((w) => w.name).join(' > ')})`).join('; ')}`);
      const lacking = story.namedIn.filter((q) => !report.mentions.some((m) => overlaps(m, q)));
      assert.deepEqual(lacking, [], `${report.name}: not named where the corpus names it`);
      for (const move of story.movements ?? []) {
        assert.ok(report.movements.some((m) => m.agent && names(move.agent).includes(m.agent.name) && near(m.from, move.from) && near(m.to, move.to) && m.direction === move.direction),
          `${report.name}: no ${move.direction} movement ${move.from} -> ${move.to} by ${names(move.agent).join(' or ')}`);
      }
      for (const spec of story.events ?? []) {
        assert.ok(report.events.some((e) => differences(cluster(e.clusterId), spec).length === 0), `${report.name}: no event ${JSON.stringify(spec)}`);
      }
      for (const { place, holders } of story.control ?? []) {
        const timeline = report.control.find((t) => near(t.place, place));
        assert.ok(timeline, `${report.name}: no control timeline at ${place}`);
        const named = timeline.periods.map((p) => p.holder?.name).filter((n): n is string => n !== undefined);
        let next = 0;
        for (const holder of holders) {
          const at = named.indexOf(holder, next);
          assert.ok(at >= 0, `${report.name}: ${place} is not held by ${holders.join(', then ')} (${named.join(', then ')})`);
          next = at + 1;
        }
      }
    });
  }
});
