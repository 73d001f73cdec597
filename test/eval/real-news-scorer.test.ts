// `corridor eval real-news`: the expectation format and the scorer, on a report of our own
// (test/fixtures/real-news-scorer) with an extraction written by hand, so that every count is known;
// some items are meant to fail. Then the command end to end on the same folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/resources.js';
import { loadScoreContext, readAllExpectations, summarise } from '../../src/eval/real-news/run.js';
import { scoreReport } from '../../src/eval/real-news/score.js';
import type { ActorKind, Attribution, Event, Extraction, Modality, PlaceMention, SourceKind } from '../../src/types.js';
import { runCliInProcess } from '../reliability/helpers.js';

const ROOT = join(packageRoot, 'test', 'fixtures', 'real-news-scorer');
const REPORTS = join(ROOT, 'reports');
const EXPECTATIONS = join(ROOT, 'expectations');
const REPORT = 'synthetic/wire-2024-03-02.txt';
const ctx = loadScoreContext();
const text = readFileSync(join(REPORTS, REPORT), 'utf8');

/** The span of the nth occurrence of `phrase`. */
function at(phrase: string, nth = 1) {
  let start = -1;
  for (let i = 0; i < nth; i++) start = text.indexOf(phrase, start + 1);
  assert.ok(start >= 0, phrase);
  return { start, end: start + phrase.length };
}

function place(phrase: string, nth: number, entry: { geonameid: number | null; name: string; lat: number; lon: number; country: string }): PlaceMention {
  return {
    ...at(phrase, nth), text: phrase, ...entry, admin1: null, featureCode: 'PPL', kind: 'literal', resolution: 'gazetteer',
    precision: 'exact', confidence: 0.9, rule: 'name:single', reasons: [],
  };
}

const TAL_RIFAAT = { geonameid: 163476, name: 'Tall Rif‘at', lat: 36.47, lon: 37.09, country: 'SY' };
const ALEPPO = { geonameid: 170063, name: 'Aleppo', lat: 36.2, lon: 37.16, country: 'SY' };
// A second "Aleppo" put in another country, more than 161 km away: that mention is wrong.
const ALEPPO_ELSEWHERE = { geonameid: 1, name: 'Aleppo', lat: 40.0, lon: -80.0, country: 'US' };
const REBELS_AS_PLACE = { geonameid: 2, name: 'Rebels', lat: 10, lon: 10, country: 'NG' };

function attribution(source: string, sourceKind: SourceKind): Attribution {
  return { source, sourceKind, cueStart: null, cueEnd: null, chain: [], rule: 'test' };
}

function event(trigger: string, clause: string, fields: Partial<Event>): Event {
  const t = at(trigger);
  return {
    id: `x:${t.start}`, type: 'attack', subtype: 'clash', agent: null, patient: null, location: null, origin: null, destination: null,
    time: { from: null, to: null, precision: null, basis: 'none' }, evidence: [t, at(clause)], trigger: { ...t, text: trigger },
    attribution: attribution('Synthetic Wire', 'author'), modality: 'asserted' as Modality, negated: false,
    factuality: { certainty: 'certain', polarity: 'positive' }, plover: null, casualties: null, placePrecision: null, placeBasis: null, intent: null, confidence: 0.8, rule: 'test', ...fields,
  };
}

const actor = (phrase: string, actorId: string, name: string, kind: ActorKind) => ({ ...at(phrase), text: phrase, actorId, name, kind });
const ref = (p: { geonameid: number | null; name: string; lat: number; lon: number }) => ({ geonameid: p.geonameid, name: p.name, lat: p.lat, lon: p.lon });

/** What a pipeline might have found: right on some items, wrong on others. */
const extraction: Extraction = {
  document: { id: 'x', title: null, url: null, outlet: 'Synthetic Wire', publishedAt: '2024-03-02' },
  places: [
    place('Tal Rifaat', 1, TAL_RIFAAT),
    place('Aleppo', 1, ALEPPO),
    place('Aleppo', 2, ALEPPO_ELSEWHERE),
    place('Rebels', 1, REBELS_AS_PLACE),
  ],
  actors: [actor('IS', 'islamic-state', 'Islamic State', 'armed-group'), actor('Government forces', 'government-forces', 'government forces', 'generic')],
  times: [],
  events: [
    // Right in every stated field.
    event('seized', 'IS fighters seized Tal Rifaat on Monday', {
      type: 'control', subtype: 'captured', agent: { actorId: 'islamic-state', name: 'Islamic State' }, location: ref(TAL_RIFAAT),
      attribution: attribution('a local commander', 'official'), modality: 'reported', casualties: { killed: 3, wounded: null, abducted: null, civilians: false, evidence: [] },
    }),
    // Right type and destination, but no origin.
    event('fled', 'Hundreds of families fled to Aleppo', { type: 'displacement', subtype: 'civilians-displaced', destination: ref(ALEPPO) }),
    // A planned retaking read as done: modality wrong, and fusion would count it.
    event('retake', 'Government forces are ready to retake the town', {
      type: 'control', subtype: 'retaken', agent: { actorId: 'government-forces', name: 'government forces' }, attribution: attribution('the ministry', 'official'),
    }),
    // "The battle for Aleppo" coded as a clash.
    event('battle', 'The battle for Aleppo shaped the war', {}),
  ],
  statements: [],
  sentences: text.split('\n').filter(Boolean).map((s, i) => ({ ...at(s), stance: 'fact', paragraph: i })),
  corridors: [],
  messages: [],
};

test('real-news scorer: each item and field of the synthetic report, counted exactly', () => {
  const [{ expectations }] = readAllExpectations(EXPECTATIONS, REPORTS, ctx) as [ReturnType<typeof readAllExpectations>[number]];
  const items = scoreReport(expectations, text, extraction, ctx);
  assert.deepEqual(items.map((i) => [i.category, i.label, i.holds]), [
    ['place', 'Tal Rifaat', true],
    ['place', 'Aleppo', false],
    ['notPlace', 'Monday', true],
    ['notPlace', 'Rebels', false],
    ['event', 'IS fighters seized Tal Rifaat', true],
    ['event', 'families fled to Aleppo', false],
    ['event', 'ready to retake the town', false],
    ['event', 'shaped the war', false],
    ['notEvent', 'The battle for Aleppo', false],
    ['notEvent', 'Hundreds of families', true],
  ]);
  const failing = (label: string) => items.find((i) => i.label === label && i.category === 'event')!.checks.filter((c) => !c.ok).map((c) => c.field);
  assert.deepEqual(failing('families fled to Aleppo'), ['origin']);
  assert.deepEqual(failing('ready to retake the town'), ['modality']);
  // "shaped the war" lies in the battle's clause, so an event is matched there, of the wrong type.
  assert.deepEqual(failing('shaped the war'), ['type']);

  const report = summarise([{ expectations, items }], { reportsDir: REPORTS, expectationsDir: EXPECTATIONS });
  assert.deepEqual(report.holding, { count: 4, of: 10, share: 0.4 });
  assert.deepEqual(report.placeMentions, { count: 2, of: 3, share: 0.667 });
  assert.deepEqual(report.eventsTyped, { count: 3, of: 4, share: 0.75 });
  assert.deepEqual(report.eventsMatched, { count: 4, of: 4, share: 1 });
  assert.deepEqual([report.fields.origin, report.fields.destination, report.fields.killed], [
    { count: 0, of: 1, share: 0 }, { count: 1, of: 1, share: 1 }, { count: 1, of: 1, share: 1 },
  ]);
  assert.deepEqual(report.attributed, {
    events: 3, source: { count: 3, of: 3, share: 1 }, sourceKind: { count: 3, of: 3, share: 1 }, modality: { count: 2, of: 3, share: 0.667 },
    prospective: 1, countedAsOccurrence: 1,
    found: { events: 3, source: { count: 3, of: 3, share: 1 }, sourceKind: { count: 3, of: 3, share: 1 }, modality: { count: 2, of: 3, share: 0.667 } },
  });
  assert.equal(report.failures.length, 6, JSON.stringify(report.failures, null, 1));
});

test('real-news scorer: an event the extraction lacks fails every field it states, and a right planned one is not counted', () => {
  const [{ expectations }] = readAllExpectations(EXPECTATIONS, REPORTS, ctx) as [ReturnType<typeof readAllExpectations>[number]];
  const planned = { ...extraction.events[2]!, modality: 'planned' as Modality, factuality: { certainty: 'possible' as const, polarity: 'positive' as const } };
  const items = scoreReport(expectations, text, { ...extraction, events: [planned] }, ctx);
  const retake = items.find((i) => i.label === 'ready to retake the town')!;
  assert.equal(retake.holds, true);
  assert.equal(retake.countedAsOccurrence, false);
  const seized = items.find((i) => i.label === 'IS fighters seized Tal Rifaat')!;
  assert.equal(seized.matched, false);
  assert.equal(seized.checks.length, 8, 'type and the 7 fields it states');
  assert.ok(seized.checks.every((c) => !c.ok && c.found === null));
  // Attribution is also measured on the events found at their anchor alone.
  const { attributed } = summarise([{ expectations, items }], { reportsDir: REPORTS, expectationsDir: EXPECTATIONS });
  assert.deepEqual([attributed.events, attributed.source.count, attributed.found.events, attributed.found.source.count], [3, 1, 1, 1]);
});

test('real-news expectations: a misspelt field, a missing anchor, a repeated anchor without nth and an unknown type are refused', () => {
  const original = JSON.parse(readFileSync(join(EXPECTATIONS, 'synthetic', 'wire-2024-03-02.json'), 'utf8'));
  const refused = (change: (x: typeof original) => void, message: RegExp) => {
    const dir = mkdtempSync(join(tmpdir(), 'rn-exp-'));
    mkdirSync(join(dir, 'synthetic'));
    const copy = structuredClone(original);
    change(copy);
    writeFileSync(join(dir, 'synthetic', 'wire-2024-03-02.json'), JSON.stringify(copy));
    assert.throws(() => readAllExpectations(dir, REPORTS, ctx), message);
  };
  refused((x) => { x.events[0].agnet = x.events[0].agent; }, /events\.0: Unrecognized key.*agnet/);
  refused((x) => { x.events[1].anchor = 'families ran to Aleppo'; }, /events\[1\]: anchor "families ran to Aleppo" is not in the report/);
  refused((x) => { x.notEvents[0].anchor = 'Aleppo'; }, /notEvents\[0\]: anchor "Aleppo" occurs 2 times; say which with "nth"/);
  refused((x) => { x.notEvents[0] = { anchor: 'Aleppo', nth: 3, acled: 'Armed clash' }; }, /occurs 2 times, not 3/);
  refused((x) => { x.events[0].acled = 'Armed clashes'; }, /"Armed clashes" is not an ACLED sub-event type/);
  refused((x) => { x.events[1].corridor = 'displaced'; }, /"displaced" is not a Corridor event type/);
  refused((x) => { x.events[3].anchor = 'one two three four five six seven'; }, /at most 6 words/);
  refused((x) => { x.notPlaces.push('Alep'); }, /"Alep" is not in the report as a word/);
  refused((x) => { x.events[2].sourceKind = 'official-person'; }, /events\.2\.sourceKind/);
});

test('corridor eval real-news: the command on the synthetic folder, as text, JSON and with --verbose', async () => {
  const json = await runCliInProcess(['eval', 'real-news', REPORTS, '--expectations', EXPECTATIONS, '--json']);
  assert.equal(json.status, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.equal(report.reports, 1);
  assert.equal(report.holding.of, 10);
  assert.deepEqual(Object.values(report.categories).map((s) => (s as { of: number }).of), [2, 2, 4, 2]);
  const verbose = await runCliInProcess(['eval', 'real-news', REPORTS, '--expectations', EXPECTATIONS, '--verbose']);
  assert.match(verbose.stdout, /^expectations holding +\d+ of 10 /m);
  assert.match(verbose.stdout, /^attributed events \(#16\): 3$/m);
  const failures = verbose.stdout.split('failures:\n')[1]!.split('\n').filter(Boolean);
  assert.equal(failures.length, report.failures.length);
  for (const line of failures) assert.match(line, /^ {2}synthetic\/wire-2024-03-02\.json {2}(place|notPlace|event|notEvent) ".+" {2}\S+: expected .+, found .+$/);
  const missing = await runCliInProcess(['eval', 'real-news', join(ROOT, 'no-such-folder')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no-such-folder: no such folder/);
});

test('real-news scorer: an actor goes by its demonym forms too, as the actors stage reads them', () => {
  // "The Malian army said" resolves to Malian Armed Forces; "Malian army" is that actor's name.
  assert.ok(ctx.actorNames.get('malian-armed-forces')!.includes('Malian army'));
  assert.ok(!ctx.actorNames.get('malian-armed-forces')!.includes('Sudanese army'));
});
