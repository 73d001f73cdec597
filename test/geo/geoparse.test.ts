import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline, segmentStage } from '../../src/pipeline.js';
import { geoparse, geocodeSpans } from '../../src/geo/index.js';
import { geoResources } from '../shared-resources.js';
import { assertSpans, compareWithExpected, documentFor, fixtureCases, fixtureLines } from '../time/fixtures.js';

const resources = geoResources();

test('geo fixtures: places found and resolved as reviewed', () => {
  for (const c of fixtureCases('geo')) {
    const focus = (c.meta.focus as string[] | undefined) ?? [];
    const pipeline = createPipeline([segmentStage(), geoparse(resources, { focus })]);
    const { places } = pipeline.extract(documentFor(c.input));
    assertSpans(c.input, places);
    // The reviewed fields: what was found, what it became, and how.
    compareWithExpected(c, places.map((p) => ({
      text: p.text, start: p.start, end: p.end, geonameid: p.geonameid, name: p.name, country: p.country, admin1: p.admin1,
      featureCode: p.featureCode, kind: p.kind, resolution: p.resolution, precision: p.precision, rule: p.rule, reasons: p.reasons,
      lat: Math.round(p.lat * 100) / 100, lon: Math.round(p.lon * 100) / 100,
    })));
  }
});

test('geo negatives: these strings contain no place', () => {
  const pipeline = createPipeline([segmentStage(), geoparse(resources)]);
  for (const line of fixtureLines('geo', 'negatives.txt')) {
    const { places } = pipeline.extract(documentFor(line));
    assert.deepEqual(places.map((p) => p.text), [], line);
  }
});

test("a county's chief city is the one that bears the county's name, not one known by it of old", () => {
  const pipeline = createPipeline([segmentStage(), geoparse(resources)]);
  // Franklin County, Ohio holds Columbus, whose first name was Franklin: "Franklin" stays a town called Franklin.
  const [franklin] = pipeline.extract(documentFor('The parade in Franklin drew a large crowd on Saturday.')).places;
  assert.equal(franklin?.name, 'Franklin');
  // An old or English name still finds its town when nothing else bears it more: Palmyra is Tadmur.
  const [palmyra] = pipeline.extract(documentFor('Government troops retook Palmyra from the militants.')).places;
  assert.equal(palmyra?.country, 'SY');
});

test('transliteration variants of one town resolve to one gazetteer entry', () => {
  const pipeline = createPipeline([segmentStage(), geoparse(resources)]);
  const text = "Tal Afar. Tall 'Afar. Tel Afar. Tall ʿAfar.";
  const { places } = pipeline.extract(documentFor(text));
  assert.equal(places.length, 4);
  assert.equal(new Set(places.map((p) => `${p.lat},${p.lon}`)).size, 1);
});

test('an article split from a name the gazetteer lacks is never a place of its own (not Ås, not Ål)', () => {
  const pipeline = createPipeline([segmentStage(), geoparse(resources)]);
  const { places } = pipeline.extract(documentFor('Militants regrouped in As Suwar, then moved on to Al Baghuz.'));
  assert.deepEqual(places.filter((p) => p.country === 'NO' || /^(As|Al)$/.test(p.text)), []);
});

test('geocodeSpans resolves exactly the spans it is given', () => {
  const text = 'They moved between Raqqa and the Nineveh Plains, then on to Frenchmen Street.';
  const spans = ['Raqqa', 'Nineveh Plains', 'Frenchmen Street'].map((s) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length }));
  const { places } = geocodeSpans(text, spans, resources);
  assert.deepEqual(places.map((p) => p.text), ['Raqqa', 'Nineveh Plains', 'Frenchmen Street']);
  assert.equal(places[0]!.country, 'SY');
  assert.equal(places[2]!.resolution, 'context');
});

test('geocodeSpans: a country or nationality in an embassy\'s name is its owner, not its place', () => {
  const text = 'Protesters met outside the Embassy of Norway in Nairobi, then outside the Italian Embassy, as talks went on in Kenya.';
  const spans = ['Embassy of Norway', 'Nairobi', 'Italian Embassy', 'Kenya'].map((s) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length }));
  const { places } = geocodeSpans(text, spans, resources);
  // Placed from their context (Nairobi beside the first, the story's focus for the second), never in Norway or Italy.
  assert.deepEqual(places.map((p) => [p.text, p.country, p.resolution]), [
    ['Embassy of Norway', 'KE', 'context'], ['Nairobi', 'KE', 'gazetteer'], ['Italian Embassy', 'KE', 'context'], ['Kenya', 'KE', 'gazetteer'],
  ]);
});

test('geocodeSpans: the head word of a given name is no place inside it (Fire Island is not in Iceland)', () => {
  const text = 'Ferries to Fire Island were cancelled, and hotels in Patchogue, New York, filled up.';
  const spans = ['Fire Island', 'Patchogue', 'New York'].map((s) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length }));
  const { places } = geocodeSpans(text, spans, resources);
  assert.deepEqual(places.map((p) => [p.text, p.country]), [['Fire Island', 'US'], ['Patchogue', 'US'], ['New York', 'US']]);
  assert.equal(places[0]!.resolution, 'context');
});

test('geocodeSpans reads a given span ending in a full stop as an abbreviation, alone or written after a place', () => {
  const text = 'Deputies in Dalton, Ga. and Opelousas, La. met colleagues from Helena, Mont.';
  const spans = ['Ga.', 'La.', 'Mont.'].map((s) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length }));
  const { places } = geocodeSpans(text, spans, resources);
  assert.deepEqual(places.map((p) => [p.name, p.country, p.featureCode]), [['Georgia', 'US', 'ADM1'], ['Louisiana', 'US', 'ADM1'], ['Montana', 'US', 'ADM1']]);
});

test('geocodeSpans reads short capitals as an acronym or a name as written, never as a name the folding makes of them', () => {
  const text = 'Students at UCLA in Los Angeles went on strike, and so did students in Perth, WA.';
  const spans = ['UCLA', 'Los Angeles', 'Perth', 'WA'].map((s) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length }));
  const { places } = geocodeSpans(text, spans, resources);
  // Not Uccle, Belgium, whose folded key UCLA shares: placed from its neighbour. WA is an abbreviation before Wa, Ghana.
  assert.deepEqual(places.map((p) => [p.text, p.name, p.resolution]), [
    ['UCLA', 'Los Angeles', 'context'], ['Los Angeles', 'Los Angeles', 'gazetteer'], ['Perth', 'Perth', 'gazetteer'], ['WA', 'Western Australia', 'gazetteer'],
  ]);
});

test('a name the gazetteer lacks, beside only its country, is placed at the story\'s focus in that country', () => {
  const text = 'Police in Leeds sealed off the area on Friday. Kirkgate Market, the oldest in England, stayed shut. Leeds council met.';
  const spans = ['Leeds', 'Kirkgate Market', 'England', 'Leeds'].map((s, k) => {
    const start = k === 3 ? text.lastIndexOf(s) : text.indexOf(s);
    return { start, end: start + s.length };
  });
  const market = geocodeSpans(text, spans, resources).places.find((p) => p.text === 'Kirkgate Market')!;
  assert.deepEqual([market.name, market.resolution, market.reasons], ['Leeds', 'context', ['context:document']]);
});

test('geocodeSpans places a given span the gazetteer lacks at the first place named inside it', () => {
  const text = 'The forecast came from a team at Colorado State University; the Bank of England disagreed.';
  const spans = ['Colorado State University', 'Bank of England'].map((s) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length }));
  const { places } = geocodeSpans(text, spans, resources);
  assert.deepEqual(places.map((p) => [p.text, p.name, p.resolution, p.reasons]), [
    ['Colorado State University', 'Colorado', 'context', ['context:own-name']],
    ['Bank of England', 'England', 'context', ['context:own-name']],
  ]);
});

test('the story\'s focus is the place its other places bear out, not the one named most often alone', () => {
  const text = 'Fans in Paris cheered; Paris cafes stayed open late and Paris police were out. Meanwhile Leeds, Bradford, Halifax and Wakefield held their own parties. Kirkgate Market opened at dawn.';
  let from = 0;
  const spans = ['Paris', 'Paris', 'Paris', 'Leeds', 'Bradford', 'Halifax', 'Wakefield', 'Kirkgate Market'].map((name) => {
    const start = text.indexOf(name, from);
    from = start + name.length;
    return { start, end: start + name.length };
  });
  const market = geocodeSpans(text, spans, resources).places.at(-1)!;
  assert.deepEqual([market.text, market.country, market.admin1, market.reasons], ['Kirkgate Market', 'GB', 'England', ['context:document']]);
});

test('the geo stage does not mutate its input', () => {
  const pipeline = createPipeline([segmentStage()]);
  const analysis = pipeline.analyse(documentFor('Fighters left Mosul for Tal Afar.'));
  const before = JSON.stringify(analysis);
  geoparse(resources)(analysis);
  assert.equal(JSON.stringify(analysis), before);
});

test('a lower-case facility head goes on a name the gazetteer has under it; an admin or settlement head stays a cue', () => {
  const pipeline = createPipeline([segmentStage(), geoparse(resources)]);
  const { places } = pipeline.extract(documentFor('Jets hit the Mosul dam, shelled the Sinjar district and circled the Tabqa airport and Kobani town.'));
  assert.deepEqual(places.map((p) => p.text), ['Mosul dam', 'Sinjar', 'Tabqa airport', 'Kobani']);
  assert.deepEqual([places[0]!.featureCode, places[2]!.featureCode], ['DAM', 'AIRB']);
});

test('after "the", a name that also names a building is the building, not a town of that name; without it, the town', () => {
  const given = (text: string, names: string[]) => geocodeSpans(text, names.map((s) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length })), resources)
    .places.map((p) => [p.text, p.name, p.country, p.featureCode]);
  assert.deepEqual(given('Aides at the White House met officials at the Pentagon.', ['White House', 'Pentagon']), [
    ['White House', 'White House', 'US', 'BLDG'],
    ['Pentagon', 'The Pentagon', 'US', 'BLDG'],
  ]);
  assert.deepEqual(given('The mayor of White House met voters in Sumner County.', ['White House', 'Sumner County']).map((p) => p.slice(0, 4)), [
    ['White House', 'White House', 'US', 'PPL'],
    ['Sumner County', 'Sumner County', 'US', 'ADM2'],
  ]);
});
