// What fusion makes of the real stories of ../shared/eval/real-news (CI has the folder), against the
// project's story files (test/fixtures/real-news/<story>/story.json): every story has a valid file
// whose reports are in the manifest, the share found is not below the floor of floor.json, and the
// "must not" checks violated are not above it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/resources.js';
import { DEFAULT_EXPECTATIONS_DIR } from '../../src/eval/real-news/run.js';
import { evaluateStories, readAllStoryExpectations } from '../../src/eval/real-news/story-run.js';
import { defaultPipeline } from '../shared-resources.js';

const REPORTS = join(packageRoot, '..', 'shared', 'eval', 'real-news');
const skip = existsSync(REPORTS) ? false : `no ${REPORTS}`;
const floor = (JSON.parse(readFileSync(join(DEFAULT_EXPECTATIONS_DIR, 'floor.json'), 'utf8')) as { fusion: { found: number; violations: number } }).fusion;
const pct = (s: { count: number; of: number; share: number }) => `${s.count}/${s.of} (${(s.share * 100).toFixed(1)}%)`;

test('real-news stories: every story has a valid story file, and every report it names is in the manifest', { skip }, () => {
  const stories = readAllStoryExpectations(DEFAULT_EXPECTATIONS_DIR, REPORTS);
  const folders = readdirSync(REPORTS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  assert.deepEqual(stories.map((s) => s.story), folders);
  const manifest = new Set(readFileSync(join(REPORTS, 'manifest.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { file: string }).file));
  for (const s of stories) {
    const anchors = [...s.clusters.flatMap((c) => c.reports), ...s.contradictions.flatMap((c) => [c.a, c.b]), ...s.notCorroborating, ...s.oneSource.flatMap((g) => g.mentions)];
    for (const a of anchors) assert.ok(manifest.has(a.file), `${s.path}: ${a.file} is not in the manifest`);
  }
});

test('real-news stories: the share fusion finds is not below the floor, and its violations not above it', { skip }, async (t) => {
  const r = await evaluateStories({ reportsDir: REPORTS, pipeline: await defaultPipeline() });
  const v = r.violations;
  t.diagnostic(`${r.stories} stories, ${r.reports} reports: found ${pct(r.found)} (floor ${floor.found}); clusters ${pct(r.clusters)}, in full ${pct(r.clustersInFull)}, contradictions ${pct(r.contradictions)}, control changes ${pct(r.timeline)}, trajectory steps ${pct(r.trajectory)}`);
  t.diagnostic(`violations ${v.total} (at most ${floor.violations}): context corroborating ${v.notCorroborating.violated}/${v.notCorroborating.of}, one statement as two sources ${v.oneSource.violated}/${v.oneSource.of}, verbatim copies ${v.verbatim.violated}/${v.verbatim.of}, implausible steps ${v.implausibleSteps.violated}/${v.implausibleSteps.checked}`);
  assert.deepEqual(r.errors, []);
  assert.equal(r.reports, 85);
  assert.ok(r.found.share >= floor.found, `${pct(r.found)} found, below the floor ${floor.found} of floor.json`);
  assert.ok(v.total <= floor.violations, `${v.total} "must not" checks violated, above the ${floor.violations} of floor.json`);
});
