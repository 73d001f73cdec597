import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileModalityCues, loadModalityCues } from '../../src/claims/index.js';
import { compileCorridorCues, loadCorridorCues } from '../../src/corridors/index.js';
import { compileEventCues, loadEventCues, loadPloverTable, PhraseSet } from '../../src/events/index.js';
import { nounPlural, verbForms } from '../../src/events/inflect.js';
import { packageRoot } from '../../src/resources.js';
import type { EventType } from '../../src/types.js';
import { fixtureCases } from './support.js';

const SUBTYPES: Record<EventType, string[]> = {
  movement: ['relocated', 'withdrew', 'advanced', 'fled', 'headed-to', 'evacuated', 'moved-headquarters', 'patrolled', 'deployed', 'reinforced'],
  control: ['captured', 'retaken', 'lost', 'holds', 'besieged', 'cleared'],
  attack: [
    'airstrike', 'shelling', 'bombing', 'clash', 'execution', 'suicide-attack', 'grenade', 'chemical', 'killing', 'wounding', 'shooting', 'raid',
    'abduction', 'sexual-violence', 'torture', 'looting', 'destruction',
  ],
  agreement: ['ceasefire', 'corridor', 'evacuation-deal', 'surrender', 'accord', 'commitment'],
  governance: ['taxation', 'administration', 'arrest', 'restriction', 'restriction-eased', 'blockade-lifted', 'weapons-disrupted'],
  displacement: ['civilians-displaced', 'population-transfer'],
  declaration: ['victory', 'defeat', 'caliphate', 'headquarters', 'concession'],
  protest: ['peaceful', 'intervention', 'excessive-force', 'violent', 'mob-violence'],
};

test('inflection: regular rules and irregular forms', () => {
  assert.deepEqual(verbForms('capture'), { base: 'capture', third: 'captures', past: 'captured', participle: 'captured', ing: 'capturing' });
  assert.deepEqual(verbForms('flee', { past: 'fled' }), { base: 'flee', third: 'flees', past: 'fled', participle: 'fled', ing: 'fleeing' });
  assert.deepEqual(verbForms('pull out'), { base: 'pull out', third: 'pulls out', past: 'pulled out', participle: 'pulled out', ing: 'pulling out' });
  assert.equal(verbForms('carry').past, 'carried');
  assert.equal(verbForms('push').third, 'pushes');
  assert.equal(nounPlural('air strike'), 'air strikes');
  assert.equal(nounPlural('loss'), 'losses');
});

test('event cues: every documented subtype has a cue, every subtype a PLOVER row', () => {
  const cues = loadEventCues();
  const plover = loadPloverTable();
  const produced = new Set(cues.cues.flatMap((c) => [
    ...(c.subtype ? [`${c.type}/${c.subtype}`] : []),
    ...c.when.map((r) => `${r.type ?? c.type}/${r.subtype}`),
  ]));
  const documented = Object.entries(SUBTYPES).flatMap(([type, subs]) => subs.map((s) => `${type}/${s}`));
  assert.deepEqual([...produced].filter((s) => !documented.includes(s)), [], 'cues use only documented subtypes');
  assert.deepEqual(documented.filter((s) => !produced.has(s)), [], 'every documented subtype has a cue');
  for (const key of documented) {
    const [type, subtype] = key.split('/') as [EventType, string];
    assert.ok(plover.has(type, subtype), `plover.json has a row for ${key}`);
  }
  assert.deepEqual(plover.get('movement', 'withdrew'), { type: 'RETREAT', mode: 'withdraw', context: ['military'] });
  assert.equal(plover.get('control', 'holds'), null);
});

test('event cues: inflected forms come from the lemma and the irregular fields', () => {
  const cues = loadEventCues();
  const forms = (lemma: string, pos = 'verb') => [...cues.cues.find((c) => c.lemma === lemma && c.pos === pos)!.forms.keys()];
  assert.ok(['left', 'leaves', 'leaving', 'leave'].every((f) => forms('leave').includes(f)));
  assert.ok(['recaptured', 'recaptures', 'recapture'].every((f) => forms('recapture').includes(f)));
  assert.ok(['retook', 'retaken'].every((f) => forms('retake').includes(f)));
  assert.ok(['took back', 'taken back'].every((f) => forms('take back').includes(f)));
  assert.ok(forms('airstrike', 'noun').includes('airstrikes'));
});

test('lexicon files: a broken file fails with one line naming it and the problem', () => {
  const good = JSON.parse(readFileSync(join(packageRoot, 'resources', 'event-cues.json'), 'utf8'));
  assert.throws(() => compileEventCues({ ...good, cues: [{ ...good.cues[0], frame: 'nowhere' }] }, 'mine.json'), /^Error: corridor: mine\.json: cue "leave" names unknown frame "nowhere"$/);
  assert.throws(() => compileEventCues({ ...good, version: 2 }, 'mine.json'), (err: Error) => err.message.startsWith('corridor: mine.json: ') && !err.message.includes('\n'));
  assert.throws(() => compileModalityCues({ version: 1 }, 'm.json'), /corridor: m\.json: /);
  assert.throws(() => compileCorridorCues({}, 'c.json'), /corridor: c\.json: /);
  assert.ok(loadModalityCues().reporting.matchAt([{ lower: 'denied' }], 0));
  assert.ok(loadCorridorCues().heads.matchAt([{ lower: 'axes' }], 0));
});

test('phrase sets match whole phrases, longest first, never inside names', () => {
  const set = PhraseSet.of(['is', 'out of', 'out']);
  assert.equal(set.matchAt([{ lower: 'out' }, { lower: 'of' }], 0)?.value, 'out of');
  assert.equal(set.matchAt([{ lower: 'is', named: true }], 0), null, '"IS" the group is not "is"');
  assert.equal(set.matchEndingAt([{ lower: 'out' }, { lower: 'of' }], 1)?.value, 'out of');
});

test('fixtures cover every subtype, modality, statement form and speaker kind', () => {
  const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const subtypes = new Set<string>();
  const modalities = new Set<string>();
  const forms = new Set<string>();
  const kinds = new Set<string>();
  for (const c of fixtureCases('events')) for (const e of read(c.dir)) subtypes.add(`${e.type}/${e.subtype}`);
  for (const c of fixtureCases('claims')) {
    const expected = read(c.dir);
    for (const e of expected.events) { subtypes.add(`${e.type}/${e.subtype}`); modalities.add(e.modality); }
    for (const s of expected.statements) { forms.add(s.form); kinds.add(s.speakerKind); }
  }
  for (const [type, subs] of Object.entries(SUBTYPES)) for (const s of subs) assert.ok(subtypes.has(`${type}/${s}`), `a fixture has ${type}/${s}`);
  for (const m of ['asserted', 'reported', 'claimed', 'alleged', 'denied', 'hedged', 'speculative', 'question', 'planned', 'conditional']) assert.ok(modalities.has(m), `a fixture has modality ${m}`);
  for (const f of ['direct-quote', 'reported-speech', 'according-to', 'outlet-report', 'block-quote']) assert.ok(forms.has(f), `a fixture has form ${f}`);
  for (const k of ['author', 'named-person', 'official', 'outlet', 'anonymous', 'group']) assert.ok(kinds.has(k), `a fixture has speaker kind ${k}`);
});
