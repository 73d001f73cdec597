// The ACLED mapping as data: rules, comparable types, dates and codes, each case one line of a fixture.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acledDate } from '../../src/export/index.js';
import {
  acledSubEventType, comparableSubEventTypes, compileAcledMapping, formatAcledDate, interactionCode, interOf, loadAcledMapping, parseAcledDate,
  type MappableEvent, type MappedActor,
} from '../../src/reference/index.js';
import type { ActorKind, EventType } from '../../src/types.js';
import { FIXTURES } from './helpers.js';

const mapping = loadAcledMapping();
const fixture = <T>(name: string) => JSON.parse(readFileSync(join(FIXTURES, 'acled-mapping', name), 'utf8')) as T;

type ActorTuple = [string, ActorKind, string | null];
interface RuleCase {
  type: EventType;
  subtype: string;
  agent?: ActorTuple;
  patient?: ActorTuple;
  holder?: ActorTuple;
  loser?: ActorTuple;
  country: string;
  sentence: string;
  expected: string | null;
}

const actor = (t: ActorTuple | undefined): MappedActor | null => (t ? { actorId: t[0], name: t[0], kind: t[1], country: t[2] } : null);

describe('ACLED sub-event types from the mapping rules', () => {
  for (const c of fixture<{ cases: RuleCase[] }>('rules.json').cases) {
    it(`${c.type}/${c.subtype} "${c.sentence}" -> ${c.expected}`, () => {
      const event: MappableEvent = {
        type: c.type, subtype: c.subtype, agent: actor(c.agent), patient: actor(c.patient), country: c.country,
        control: c.holder || c.loser ? { holder: actor(c.holder), loser: actor(c.loser) } : null,
      };
      assert.equal(acledSubEventType(mapping, event, [c.sentence]), c.expected);
    });
  }

  it('every Corridor event type reaches a rule, so no event goes unmapped', () => {
    for (const type of ['movement', 'control', 'attack', 'agreement', 'governance', 'displacement', 'declaration'] as const) {
      assert.notEqual(acledSubEventType(mapping, { type, subtype: 'some-new-subtype', agent: null, patient: null, control: null }, []), undefined, type);
    }
  });
});

describe('sub-event types an event may be compared with', () => {
  const cases: [EventType, string, string[]][] = [
    ['control', 'captured', ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory']],
    ['control', 'holds', []],
    ['declaration', 'victory', ['Government regains territory', 'Non-state actor overtakes territory', 'Other']],
    ['attack', 'airstrike', ['Air/drone strike', 'Shelling/artillery/missile attack']],
    ['attack', 'clash', ['Armed clash', 'Attack']],
    ['movement', 'advanced', ['Armed clash', 'Change to group/activity', 'Other']],
  ];
  for (const [type, subtype, expected] of cases) {
    it(`${type}/${subtype}`, () => assert.deepEqual([...comparableSubEventTypes(mapping, type, subtype)].sort(), expected));
  }
});

describe('ACLED dates', () => {
  const { read, reject } = fixture<{ read: Record<string, string>; reject: string[] }>('dates.json');
  for (const [text, iso] of Object.entries(read)) it(`reads "${text}" as ${iso}`, () => assert.equal(parseAcledDate(text), iso));
  for (const text of reject) it(`rejects "${text}"`, () => assert.equal(parseAcledDate(text), null));

  it('writes dates as ACLED does', () => {
    assert.equal(formatAcledDate('2017-07-10'), '10 July 2017');
    assert.equal(formatAcledDate('2017-10-01T12:00:00Z'), '1 October 2017');
  });

  it('codes time precision from the window: the middle day, 1 day, 2 week, 3 month, nothing vaguer', () => {
    assert.deepEqual(acledDate(mapping, { from: '2017-10-17', to: '2017-10-17', precision: 'day' }), { date: '2017-10-17', precision: 1 });
    assert.deepEqual(acledDate(mapping, { from: '2017-10-17', to: '2017-10-20', precision: 'day' }), { date: '2017-10-18', precision: 2 });
    assert.deepEqual(acledDate(mapping, { from: '2017-10-11', to: '2017-10-17', precision: 'document' }), { date: '2017-10-14', precision: 2 });
    assert.deepEqual(acledDate(mapping, { from: '2017-10-17', to: '2017-10-17', precision: 'document' }), { date: '2017-10-17', precision: 2 });
    assert.deepEqual(acledDate(mapping, { from: '2017-07-01', to: '2017-07-31', precision: 'month' }), { date: '2017-07-16', precision: 3 });
    assert.deepEqual(acledDate(mapping, { from: '2017-07-01', to: '2017-07-15', precision: 'day' }), { date: '2017-07-08', precision: 3 });
    assert.equal(acledDate(mapping, { from: '2017-06-01', to: '2017-08-31', precision: 'month' }), null);
    assert.equal(acledDate(mapping, { from: '2017-01-01', to: '2017-01-01', precision: 'year' }), null);
  });
});

describe('ACLED actor codes', () => {
  it('combines inter codes, lower first, one code times ten when one-sided', () => {
    assert.equal(interactionCode(1, 2), 12);
    assert.equal(interactionCode(2, 1), 12);
    assert.equal(interactionCode(7, 8), 78);
    assert.equal(interactionCode(2, null), 20);
    assert.equal(interactionCode(null, 7), 70);
    assert.equal(interactionCode(null, null), null);
  });

  it('codes state forces abroad as external forces, at home as state forces', () => {
    const russia: MappedActor = { actorId: 'russian-forces', name: 'Russian forces', kind: 'state-force', country: 'RU' };
    assert.equal(interOf(mapping, russia, 'SY'), 8);
    assert.equal(interOf(mapping, russia, 'RU'), 1);
    assert.equal(interOf(mapping, { ...russia, country: null }, 'SY'), 1);
    assert.equal(interOf(mapping, { actorId: 'sdf', name: 'SDF', kind: 'militia', country: 'SY' }, 'SY'), 2);
  });
});

describe('loading a mapping', () => {
  const valid = JSON.parse(readFileSync(mapping.source, 'utf8')) as Record<string, any>;

  it('names the file and the field when a rule names no ACLED sub-event type', () => {
    const bad = { ...valid, rules: [{ when: { type: 'attack' }, subEventType: 'Air strike' }] };
    assert.throws(() => compileAcledMapping(bad, 'custom.json'), /^Error: custom\.json: rules\.0\.subEventType: "Air strike" is not one of the subEventTypes$/);
  });

  it('names the field of a malformed entry', () => {
    const bad = { ...valid, kinds: { ...valid['kinds'], militia: { inter: 9, side: 'non-state' } } };
    assert.throws(() => compileAcledMapping(bad, 'custom.json'), /custom\.json: kinds\.militia\.inter: /);
  });

  it('refuses an unknown Corridor event type in a rule', () => {
    const bad = { ...valid, rules: [{ when: { type: 'riot' }, subEventType: 'Violent demonstration' }] };
    assert.throws(() => compileAcledMapping(bad, 'custom.json'), /custom\.json: rules\.0\.when\.type: /);
  });
});
