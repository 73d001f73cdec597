import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline, segmentStage } from '../../src/pipeline.js';
import { geoparse } from '../../src/geo/index.js';
import { anchorCue } from '../../src/geo/context.js';
import { geoResources } from '../shared-resources.js';
import { documentFor } from '../time/fixtures.js';

const resources = geoResources();
const pipeline = createPipeline([segmentStage(), geoparse(resources)]);

// The words between a place and its anchor: [gap, cue, km], or [gap, null] when they are no anchor cue.
const CUES: [string, string | null, number?][] = [
  [', west of ', 'west of', 0],
  [' oil field, some 20 km north-east of ', 'north-east of', 20],
  [', 12 miles (19 km) south of the city of ', 'south of', 19.308],
  [' near ', 'near', 0],
  [', 40km from ', 'from', 40],
  [' district of ', 'district of', 0],
  [' old city in the ', 'old city in', 0],
  [', a small Christian town east of ', 'east of', 0],
  [', a doctor near ', null],
  [', located some 60 km south of ', 'south of', 60],
  [', which lies just north of ', 'north of', 0],
  // "London is west of Berlin" states a direction, not a neighbourhood.
  [' is west of ', null],
  [' from ', null],
  [' and west of ', null],
  [', then ', null],
];

test('anchorCue reads direction, distance and proximity cues, and nothing else', () => {
  for (const [gap, cue, km] of CUES) {
    const found = anchorCue(gap, resources.lexicon.anchorCues);
    assert.deepEqual(found && { cue: found.cue, km: Math.round(found.km * 1000) / 1000 }, cue === null ? null : { cue, km }, JSON.stringify(gap));
  }
});

// One line each: the mention, where it must be (country), how (resolution), and the sentence.
const CASES: [string, string, 'gazetteer' | 'context', string][] = [
  ['Havana', 'IQ', 'context', 'Crews capped a well in the Havana field, 25 km west of Kirkuk.'],
  ['Tripoli', 'LB', 'gazetteer', 'Fishermen sailed from Tripoli, north of Beirut.'],
  ['Alexandria', 'IQ', 'context', 'A checkpoint at Alexandria, south of Baghdad, was bombed.'],
  ['Tell Ghazal', 'IQ', 'context', 'Gunmen raided Tell Ghazal, 15 km west of Kirkuk.'],
  ['Old City', 'IQ', 'context', "Medics worked in Mosul's Old City all week."],
  ['Bartella', 'IQ', 'context', 'Shells landed on Bartella, a small town east of Mosul.'],
  ['Amerli', 'IQ', 'context', 'Amerli, the Turkmen town south of Kirkuk, held out.'],
  // Nothing within 150 km: a reading in the anchor's own country, further away, is kept.
  ['Palmyra', 'SY', 'gazetteer', 'Troops entered Palmyra, northeast of Damascus.'],
  // A common word ("sake") is a place when the cue after it says so.
  ['Sake', 'CD', 'gazetteer', 'Rebels seized Sake, 25 km west of Goma.'],
];

test('a part of a city is the city: "east Mosul", "Western Mosul", "Eastern Aleppo"', () => {
  for (const [line, city] of [['Sappers cleared east Mosul.', 'Mosul'], ['Later, Western Mosul fell.', 'Mosul'], ['Aid reached Eastern Aleppo.', 'Aleppo']]) {
    const places = pipeline.extract(documentFor(line!)).places;
    assert.deepEqual(places.map((p) => [p.text, p.rule.endsWith('+sub-place')]), [[city, true]], line);
  }
});

test('context cues place each mention near its anchor', () => {
  for (const [mention, country, resolution, line] of CASES) {
    const place = pipeline.extract(documentFor(line)).places.find((p) => p.text === mention);
    assert.ok(place, `${line}: no "${mention}"`);
    assert.deepEqual([place.country, place.resolution], [country, resolution], line);
    assert.ok(place.reasons.some((r) => r.startsWith('anchor:')), `${line}: ${place.reasons.join(', ')}`);
  }
});

test('an unknown name is a place by its cue only when the cue is set apart, measured or names a part', () => {
  const names = (line: string) => pipeline.extract(documentFor(line)).places.map((p) => p.text);
  // A person "near Mosul" is not a village.
  assert.deepEqual(names('Reporters met Nouri Sabri near Mosul on Friday.'), ['Mosul']);
  // After "a", capitals describe ("a Sunni Muslim city"), and a name whose start was refused is not taken from its middle.
  assert.deepEqual(names('Fallujah, a Sunni Muslim town 40 miles west of Baghdad, was retaken.'), ['Fallujah', 'Baghdad']);
  assert.deepEqual(names('Sappers cleared the al-Shifa district of Mosul.'), ['al-Shifa', 'Mosul']);
});

test('"the Kurdistan region" in an Iraqi story is the Kurdistan Region of Iraq, not the wider Kurdistan', () => {
  const resolve = (line: string) => pipeline.extract(documentFor(line)).places.find((p) => p.text.startsWith('Kurdistan'));
  assert.equal(resolve('Exports from the Kurdistan region dropped after the vote in Iraq.')?.country, 'IQ');
  assert.equal(resolve('Erbil lies in the Kurdistan Region.')?.country, 'IQ');
  // Without an Iraqi place around it, the name keeps its wider sense.
  assert.equal(resolve('Kurds in Syria, Turkey and Iran call their homeland Kurdistan.')?.country, null);
});

test('a list splits into its places, and its places share the cue before it', () => {
  const names = (line: string) => pipeline.extract(documentFor(line)).places.map((p) => `${p.text}:${p.rule}`);
  // A short or common name after "and" is a place when the list follows "into", "from"...
  assert.deepEqual(names('Patrols went into Tikrit and Hit.'), ['Tikrit:name:single', 'Hit:name:single']);
  // A name the gazetteer lacks, listed with a known place after a cue, is a place placed beside it.
  assert.deepEqual(names('Rebels fled from Humayma and As Sukhnah.'), ['Humayma:coordination', 'As Sukhnah:name:multiword']);
  assert.deepEqual(names('Aid reached Erbil and Bartella on Monday.'), ['Erbil:name:single', 'Bartella:coordination']);
  // People listed after a cue stay people.
  assert.deepEqual(names('In Mosul, and Omar Sabri said so.'), ['Mosul:name:single']);
  assert.deepEqual(names('She thanked Nouri and Sabri for their help.'), []);
});

test('a mention placed from its anchor says so on the document: which entries were too far, and where it went', () => {
  const { messages } = pipeline.analyse(documentFor('Crews capped a well in the Havana field, west of Kirkuk.'));
  const message = messages.find((m) => m.ruleId === 'geo:context');
  assert.ok(message, JSON.stringify(messages));
  assert.match(message.reason, /^"Havana": its \d+ gazetteer entries lie too far from Kirkuk .*anchor:west of/);
});
