// `corridor eval real-news --fusion`: the story format and its scorer, on a story of our own
// (test/fixtures/real-news-story-scorer) with fusion's output written by hand, so that every count
// is known; some expectations are meant to fail and some "must not" checks to be violated.
// Then the command end to end on the same folder, through the real ingest, store and fusion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterMention, Contradiction, ControlTimeline, CorroborationEntry, EventCluster, FusedActor, Trajectory } from '../../src/fusion/index.js';
import { loadScoreContext } from '../../src/eval/real-news/run.js';
import { readAllStoryExpectations, summariseStories } from '../../src/eval/real-news/story-run.js';
import { scoreStory, type StoryFusion, type StoryScoreContext } from '../../src/eval/real-news/story-score.js';
import { packageRoot } from '../../src/resources.js';
import type { EventType, PlaceRef } from '../../src/types.js';
import { runCliInProcess } from '../reliability/helpers.js';

const ROOT = join(packageRoot, 'test', 'fixtures', 'real-news-story-scorer');
const REPORTS = join(ROOT, 'reports');
const EXPECTATIONS = join(ROOT, 'expectations');
const [A, B, C] = ['tiny/wire-a-2024-03-05.txt', 'tiny/wire-b-2024-03-05.txt', 'tiny/paper-c-2024-03-06.txt'] as const;
const docIds = new Map<string, string>([[A, 'doc-a'], [B, 'doc-b'], [C, 'doc-c']]);
const texts = new Map<string, string>([A, B, C].map((f) => [f, readFileSync(join(REPORTS, f), 'utf8')]));

const TAL_RIFAAT: PlaceRef = { geonameid: 163476, name: 'Tall Rif‘at', lat: 36.47229, lon: 37.09471 };
const AZAZ: PlaceRef = { geonameid: 172082, name: 'I‘zāz', lat: 36.58662, lon: 37.04628 };
const ALEPPO: PlaceRef = { geonameid: 170063, name: 'Aleppo', lat: 36.20124, lon: 37.16117 };
const BAGHDAD: PlaceRef = { geonameid: 98182, name: 'Baghdad', lat: 33.34058, lon: 44.40088 };
const REBELS: FusedActor = { actorId: 'rebels', name: 'rebels', kind: 'generic' };
const GOVERNMENT: FusedActor = { actorId: 'government-forces', name: 'government forces', kind: 'generic' };
/** How the reports name the places, as their extractions would: the gazetteer names differ. */
const MENTIONED = new Map([[TAL_RIFAAT.name, ['Tal Rifaat']], [AZAZ.name, ['Azaz']], [ALEPPO.name, ['Aleppo']]]);

function spanOf(file: string, phrase: string) {
  const start = texts.get(file)!.indexOf(phrase);
  assert.ok(start >= 0, phrase);
  return { start, end: start + phrase.length };
}

/** A fused mention whose trigger is `phrase` in `file`, and whose evidence clause is `clause` when given. */
function mention(file: string, phrase: string, type: EventType, fields: Partial<ClusterMention> = {}, clause?: string): ClusterMention {
  const span = spanOf(file, phrase);
  const { start } = span;
  const docId = docIds.get(file)!;
  return {
    ...span, key: `${docId}/${start}`, docId, eventId: `${docId}:${start}`, type, subtype: 'captured', agent: null, patient: null,
    location: TAL_RIFAAT, origin: null, destination: null, placeFrom: null, operation: null, control: null, outlet: file, publishedAt: '2024-03-05', source: file, sourceKind: 'author',
    chain: [], modality: 'asserted', negated: false, stance: 'fact', weight: 'evidence', time: null,
    evidence: clause ? [span, spanOf(file, clause)] : [span], sentence: null, copyKey: null, casualties: null, unit: null, continuing: false, ...fields,
  };
}

const counted = (m: ClusterMention, origin: string): CorroborationEntry => ({ mention: m.key, source: origin, origin, counted: true, role: 'source', reason: 'asserts it' });

function cluster(id: string, mentions: ClusterMention[], explanation: CorroborationEntry[], fields: Partial<EventCluster>): EventCluster {
  const sources = [...new Set(explanation.filter((e) => e.counted).map((e) => e.origin!))];
  return {
    id, type: mentions[0]!.type, subtype: mentions[0]!.subtype, agent: null, patient: null, location: TAL_RIFAAT, origin: null, destination: null,
    control: null, time: { from: '2024-03-04', to: '2024-03-04', precision: 'day' }, mentions,
    corroboration: { score: sources.length, independentSources: sources, explanation }, status: 'single-source', statusReason: 'one source', contradictions: [], unit: null, ...fields,
  };
}

/** What a fusion might make of the story: right on some items, wrong on others. */
function handMadeFusion(): StoryFusion {
  // The same commander's sentence in both wires, word for word.
  const said = 'Rebel fighters captured the town of Tal Rifaat on Monday, a rebel commander said.';
  const takenA = mention(A, 'captured', 'control', {}, said);
  const takenB = mention(B, 'captured', 'control', {}, said);
  // Background read as evidence and counted: a violation.
  const heldBefore = mention(B, 'had held', 'control', { subtype: 'holds' });
  // Planned, in a cluster, and not counted: reached but not violated.
  const retake = mention(C, 'retake', 'control', { subtype: 'retaken', weight: 'prospective' });
  const fighting = mention(A, 'fighting continued', 'attack', { subtype: 'clash' });
  const taken = cluster('ev-taken', [takenA, takenB, heldBefore], [
    // One commander's words in two outlets, counted as two origins: a violation.
    counted(takenA, 'source:rebel commander'), counted(takenB, 'outlet:wire b'), counted(heldBefore, 'outlet:wire b background'),
  ], { agent: REBELS, control: { role: 'gain', holder: REBELS, loser: GOVERNMENT }, status: 'contested', contradictions: ['cx-1'] });
  const planned = cluster('ev-planned', [retake], [{ mention: retake.key, source: 'Paper C', origin: null, counted: false, role: 'context', reason: 'planned' }], { agent: GOVERNMENT, status: 'unsupported' });
  const clash = cluster('ev-clash', [fighting], [counted(fighting, 'source:the army')], { status: 'contested', contradictions: ['cx-1'] });
  const contradiction: Contradiction = {
    id: 'cx-1', kind: 'control-vs-ongoing', explanation: 'taken while fighting goes on',
    a: { clusterId: 'ev-taken', mentions: [takenA], sources: ['rebel commander (Wire A)'], claim: 'rebels took Tal Rifaat' }, b: { clusterId: 'ev-clash', mentions: [fighting], sources: ['the army (Wire A)'], claim: 'fighting in Tal Rifaat' },
  };
  const timeline: ControlTimeline = {
    place: TAL_RIFAAT,
    periods: [
      { holder: GOVERNMENT, from: '2016-01-01', to: '2024-03-03', changeClusterId: null, loser: null, claims: [], contradictions: [], status: 'single-source' },
      { holder: REBELS, from: '2024-03-04', to: null, changeClusterId: 'ev-taken', loser: null, claims: ['ev-taken'], contradictions: ['cx-1'], status: 'contested' },
    ],
  };
  const step = (place: PlaceRef, day: string) => ({ place, from: day, to: day, clusterIds: ['ev-taken'], status: 'contested' as const });
  const path = (actor: FusedActor, steps: ReturnType<typeof step>[]): Trajectory => ({ actor, unit: null, steps, geojson: { type: 'FeatureCollection', features: [] } });
  return {
    clusters: [taken, planned, clash],
    contradictions: [contradiction],
    timelines: [timeline],
    // Aleppo to Baghdad, 750 km on one day: implausible.
    trajectories: [path(REBELS, [step(TAL_RIFAAT, '2024-03-04'), step(AZAZ, '2024-03-05')]), path(GOVERNMENT, [step(ALEPPO, '2024-03-04'), step(BAGHDAD, '2024-03-04')])],
  };
}

function scoreContext(): StoryScoreContext {
  const { normalize, actorNames } = loadScoreContext();
  const byDoc = new Map([...docIds].map(([file, id]) => [id, texts.get(file)!]));
  return { normalize, actorNames, docIds, texts: byDoc, placeNames: (p) => MENTIONED.get(p.name) ?? [] };
}

test('story scorer: each kind found or not, and each "must not" check, on a hand-made fusion', () => {
  const [story] = readAllStoryExpectations(EXPECTATIONS, REPORTS);
  const score = scoreStory(story!, handMadeFusion(), scoreContext());
  assert.deepEqual(score.clusters.map((c) => [c.label, c.found, c.members, c.statusRight, c.sourcesRight]), [
    ['rebels take Tal Rifaat', true, { count: 2, of: 2 }, true, true],
    ['families flee to Aleppo', false, { count: 0, of: 1 }, null, null],
  ]);
  assert.deepEqual(score.contradictions.map((c) => [c.found, c.detail]), [[true, 'cx-1 control-vs-ongoing']]);
  assert.deepEqual(score.timeline.map((c) => c.found), [true]);
  assert.deepEqual(score.trajectory.map((c) => c.found), [true]);
  assert.deepEqual(score.notCorroborating.map((c) => [c.label, c.violated, c.reached]), [
    ['background: "had held the town since 2016" (wire-b-2024-03-05)', true, true],
    ['planned: "ready to retake Tal Rifaat" (paper-c-2024-03-06)', false, true],
  ]);
  assert.deepEqual(score.oneSource.map((c) => [c.violated, c.detail]), [[true, 'ev-taken counts source:rebel commander, outlet:wire b']]);
  assert.deepEqual(score.verbatim.map((c) => [c.violated, c.detail]), [[true, '2 mentions, counted as 2 origin(s): source:rebel commander, outlet:wire b']]);
  assert.equal(score.steps.checked, 2);
  assert.deepEqual(score.steps.implausible.map((s) => [s.from, s.to, s.days]), [['Aleppo', 'Baghdad', 1]]);

  const report = summariseStories([score], { reportsDir: REPORTS, expectationsDir: EXPECTATIONS, reports: 3, errors: [] });
  assert.deepEqual([report.found, report.clusters, report.clustersInFull], [
    { count: 4, of: 5, share: 0.8 }, { count: 1, of: 2, share: 0.5 }, { count: 1, of: 2, share: 0.5 },
  ]);
  assert.deepEqual(report.violations, {
    notCorroborating: { violated: 1, of: 2, reached: 2 }, oneSource: { violated: 1, of: 1, reached: 1 },
    // The word-for-word copy is the fault the story file names: counted once, under oneSource.
    verbatim: { violated: 0, of: 1 }, implausibleSteps: { violated: 1, checked: 2 }, total: 3,
  });
  assert.deepEqual(report.perStory, [{ story: 'tiny', found: { count: 4, of: 5, share: 0.8 }, violations: 3 }]);
  const unnamed = scoreStory({ ...story!, oneSource: [] }, handMadeFusion(), scoreContext());
  const found = summariseStories([unnamed], { reportsDir: REPORTS, expectationsDir: EXPECTATIONS, reports: 3, errors: [] }).violations;
  assert.deepEqual([found.verbatim, found.total], [{ violated: 1, of: 1 }, 3], 'the copy no story file names is found all the same');
});

test('story scorer: a fused cluster answers one expected cluster only, and the wrong holder, time or anchors find nothing', () => {
  const [story] = readAllStoryExpectations(EXPECTATIONS, REPORTS);
  const twice = { ...story!, clusters: [story!.clusters[0]!, { ...story!.clusters[0]!, label: 'the same, expected twice' }] };
  const fusion = handMadeFusion();
  assert.deepEqual(scoreStory(twice, fusion, scoreContext()).clusters.map((c) => c.found), [true, false]);
  const [taken] = fusion.clusters;
  const later = { ...fusion, clusters: [{ ...taken!, time: { from: '2024-03-09', to: '2024-03-10', precision: 'day' as const } }] };
  const missed = scoreStory(story!, later, scoreContext()).clusters[0]!;
  assert.equal(missed.found, false, 'outside the time window');
  assert.ok(missed.nearby!.length > 0 && missed.nearby!.every((n) => n.includes(`-> ${taken!.id} `) && n.includes('2024-03-09..2024-03-10')), 'a miss says which cluster holds its anchors, and when');
  const otherDoc = { ...fusion, clusters: [{ ...taken!, mentions: taken!.mentions.map((m) => ({ ...m, docId: 'doc-c' })) }] };
  assert.equal(scoreStory(story!, otherDoc, scoreContext()).clusters[0]!.found, false, 'the anchors are in other documents');
  const timeline = fusion.timelines[0]!;
  const noLoser = { ...fusion, clusters: [], timelines: [{ ...timeline, periods: [timeline.periods[1]!] }] };
  assert.equal(scoreStory(story!, noLoser, scoreContext()).timeline[0]!.found, false, 'nobody is said to have lost the town');
});

test('story expectations: a misspelt field, a missing anchor or report, a repeated anchor without nth and a misplaced file are refused', () => {
  const original = JSON.parse(readFileSync(join(EXPECTATIONS, 'tiny', 'story.json'), 'utf8'));
  const refused = (change: (x: typeof original) => void, message: RegExp) => {
    const dir = mkdtempSync(join(tmpdir(), 'rn-story-'));
    mkdirSync(join(dir, 'tiny'));
    const copy = structuredClone(original);
    change(copy);
    writeFileSync(join(dir, 'tiny', 'story.json'), JSON.stringify(copy));
    assert.throws(() => readAllStoryExpectations(dir, REPORTS), message);
  };
  refused((x) => { x.clusters[0].minSource = 2; }, /clusters\.0: Unrecognized key.*minSource/);
  refused((x) => { x.clusters[0].type = 'capture'; }, /clusters\.0\.type/);
  refused((x) => { x.contradictions[0].b.anchor = 'fighting went on'; }, /contradictions\[0\]\.b: anchor "fighting went on" is not in tiny\/wire-a-2024-03-05\.txt/);
  refused((x) => { x.notCorroborating[0].report = 'wire-z-2024-03-05'; }, /no report .*wire-z-2024-03-05\.txt/);
  refused((x) => { x.oneSource[0].mentions[0].anchor = 'Tal Rifaat'; }, /occurs 2 times .*say which with "nth"/);
  refused((x) => { x.notCorroborating[1].why = 'hedged'; }, /notCorroborating\.1\.why/);
  refused((x) => { x.story = 'other'; }, /names story other, so it belongs at other\/story\.json/);
  refused((x) => { delete x.trajectory; }, /trajectory: Invalid input: expected array/);
});

test('corridor eval real-news --fusion: the command on the tiny story, through ingest, the store and fusion, as JSON and text', async () => {
  const json = await runCliInProcess(['eval', 'real-news', REPORTS, '--expectations', EXPECTATIONS, '--fusion', '--json']);
  assert.equal(json.status, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.deepEqual([report.stories, report.reports, report.errors], [1, 3, []]);
  assert.deepEqual([report.found.of, report.clusters.of, report.contradictions.of, report.timeline.of, report.trajectory.of], [5, 2, 1, 1, 1]);
  assert.deepEqual([report.violations.notCorroborating.of, report.violations.oneSource.of], [2, 1]);
  const text = await runCliInProcess(['eval', 'real-news', REPORTS, '--expectations', EXPECTATIONS, '--fusion', '--verbose']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^found \(all kinds\) +\d of 5 /m);
  assert.match(text.stdout, /^ {2}tiny +\d of 5 +\d+ violated$/m);
  assert.match(text.stdout, /^tiny:$/m);
  assert.match(text.stdout, /^ {2}(ok {2}|MISS) cluster rebels take Tal Rifaat: /m);
});
