// The project's expectations over the real reports of ../shared/eval/real-news (CI has the folder):
// every expectation file is valid against its report, and the share that holds is not below the floor
// of test/fixtures/real-news/floor.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/resources.js';
import { DEFAULT_EXPECTATIONS_DIR, evaluateRealNews, loadScoreContext, readAllExpectations } from '../../src/eval/real-news/run.js';
import { defaultPipeline } from '../shared-resources.js';

const REPORTS = join(packageRoot, '..', 'shared', 'eval', 'real-news');
const skip = existsSync(REPORTS) ? false : `no ${REPORTS}`;
const floor = (JSON.parse(readFileSync(join(DEFAULT_EXPECTATIONS_DIR, 'floor.json'), 'utf8')) as { holding: number }).holding;
const pct = (s: { count: number; of: number; share: number }) => `${s.count}/${s.of} (${(s.share * 100).toFixed(1)}%)`;

test('real-news expectations: every file is valid and every anchor is in its report', { skip }, () => {
  const files = readAllExpectations(DEFAULT_EXPECTATIONS_DIR, REPORTS, loadScoreContext());
  assert.ok(files.length > 0);
  const manifest = new Set(readFileSync(join(REPORTS, 'manifest.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { file: string }).file));
  for (const { expectations } of files) assert.ok(manifest.has(expectations.file), `${expectations.path}: ${expectations.file} is not in the manifest`);
});

test('real-news expectations: the share that holds is not below the floor', { skip }, async (t) => {
  const r = await evaluateRealNews({ reportsDir: REPORTS, pipeline: await defaultPipeline() });
  t.diagnostic(`${r.reports} reports: ${pct(r.holding)} of expectations hold (floor ${floor})`);
  t.diagnostic(`places ${pct(r.categories.place)}, non-places ${pct(r.categories.notPlace)}, events ${pct(r.categories.event)} (right type ${pct(r.eventsTyped)}), non-events ${pct(r.categories.notEvent)}`);
  const a = r.attributed;
  t.diagnostic(`attributed ${a.events}: source ${pct(a.source)}, kind ${pct(a.sourceKind)}, modality ${pct(a.modality)}; planned counted as occurrences ${a.countedAsOccurrence} of ${a.prospective}`);
  assert.ok(r.holding.share >= floor, `${pct(r.holding)} hold, below the floor ${floor} of floor.json`);
});
