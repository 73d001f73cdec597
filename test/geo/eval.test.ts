import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { geocodingScore, matchSpans, taggingScore } from '../../src/geo/eval/metrics.js';
import { readEvalCorpus } from '../../src/geo/eval/corpus.js';
import { evaluateBaseline, evaluateCorridor } from '../../src/geo/eval/run.js';
import { readBaselines } from '../../src/geo/eval/baselines.js';
import { geoResources } from '../shared-resources.js';

const gold = [
  { start: 0, end: 5, text: 'Mosul', type: 'Literal', lat: 36.34, lon: 43.13 },
  { start: 10, end: 18, text: 'Tal Afar', type: 'Literal', lat: 36.38, lon: 42.45 },
];

test('span matching: exact first, then overlap, one to one', () => {
  const predicted = [{ start: 0, end: 5, lat: 0, lon: 0 }, { start: 10, end: 13, lat: 0, lon: 0 }, { start: 11, end: 18, lat: 0, lon: 0 }];
  assert.equal(matchSpans(gold, predicted, false).length, 1);
  assert.equal(matchSpans(gold, predicted, true).length, 2);
  assert.deepEqual(taggingScore(1, 3, 2), { precision: 0.333, recall: 0.5, f1: 0.4, tp: 1, fp: 2, fn: 1 });
});

test('geocoding scores: accuracy at 161 km, mean, median and AUC', () => {
  const s = geocodingScore([0, 100, 200, 20039]);
  assert.equal(s.n, 4);
  assert.equal(s.acc161, 0.5);
  assert.equal(s.medianKm, 150);
  assert.equal(s.meanKm, 5085);
  assert.ok(s.auc > 0 && s.auc < 1);
  assert.equal(geocodingScore([0, 0]).auc, 0);
});

// The shared GeoWebNews data is not part of the project; the regression check runs where it is present.
const GWN = fileURLToPath(new URL('../../../../shared/eval/geowebnews/GWN.xml', import.meta.url));

test('GeoWebNews end to end: geotagging above spaCy, geocoding accuracy at 85% or more', { skip: !existsSync(GWN) && 'GeoWebNews not present' }, () => {
  const corpus = readEvalCorpus(GWN);
  const corridor = evaluateCorridor(corpus, geoResources(), 'end-to-end');
  const spacy = readBaselines(GWN.replace(/GWN\.xml$/, 'baselines'), corpus, GWN.replace(/GWN\.xml$/, 'brat'))
    .find((b) => b.name === 'spacy')!;
  const spacyReport = evaluateBaseline(corpus, spacy);
  assert.ok(corridor.geotagging!.f1 >= spacyReport.geotagging!.f1, `F1 ${corridor.geotagging!.f1} < spaCy ${spacyReport.geotagging!.f1}`);
  assert.ok(corridor.geocoding!.acc161 >= 0.85, `acc@161 ${corridor.geocoding!.acc161}`);
});

test('the error listing holds exactly the toponyms placed past 161 km', { skip: !existsSync(GWN) && 'GeoWebNews not present' }, () => {
  const corpus = readEvalCorpus(GWN);
  const report = evaluateCorridor(corpus, geoResources(), 'gold-spans');
  const wrong = Math.round(report.geocoding!.n * (1 - report.geocoding!.acc161));
  assert.ok(Math.abs(report.errors.length - wrong) <= 1, `${report.errors.length} listed, ${wrong} wrong`);
  assert.ok(report.errors.every((e) => e.km >= 161 && e.text.length > 0));
});
