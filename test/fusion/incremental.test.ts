import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addDocuments, createFusionContext, emptyState, fuse, fusionResult, restoreState, saveState, type FusionState,
} from '../../src/fusion/index.js';
import type { EventType, Modality, SourceKind, Stance } from '../../src/types.js';
import { fusionInput, type FixtureDocument, type FixtureEvent } from './fixtures.js';

const context = createFusionContext();

// A small world, so that random documents often tell of the same events and contradict each other.
const PLACES = ['Mosul', 'Tal Afar', 'al-Ayadiya', 'Raqqa'];
const ACTORS = ['islamic-state', 'iraqi-security-forces', 'sdf', 'fighters', 'government-forces', 'iraq'];
const OUTLETS = ['Demo Wire', 'Demo Radio', 'Demo Observer', 'Demo Blog'];
const SUBTYPES: Record<EventType, string[]> = {
  movement: ['relocated', 'withdrew', 'fled', 'advanced'],
  control: ['captured', 'retaken', 'lost', 'holds', 'besieged'],
  attack: ['clash', 'airstrike'],
  agreement: ['evacuation-deal', ''],
  declaration: ['victory', 'defeat'],
  governance: ['taxation'],
  displacement: ['civilians-displaced'],
  protest: ['peaceful'],
};
// Movements and control changes most often: they chain (origin only, destination only, both) and contradict.
const typeArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant<EventType>('movement') },
  { weight: 4, arbitrary: fc.constant<EventType>('control') },
  { weight: 2, arbitrary: fc.constantFrom<EventType>(...(Object.keys(SUBTYPES) as EventType[])) },
);
const MODALITIES: Modality[] = ['asserted', 'reported', 'claimed', 'denied', 'speculative', 'planned'];
const SOURCES: [string, SourceKind][] = [['Daniel Reyes', 'named-person'], ['Demo Wire', 'outlet'], ['security source', 'anonymous'], ['Islamic State', 'group']];
const STANCES: Stance[] = ['fact', 'reported', 'opinion'];

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const day = fc.integer({ min: 0, max: 20 }).map((n) => new Date(Date.UTC(2017, 5, 20 + n)).toISOString().slice(0, 10));

const randomEventArb = fc.record({
  type: typeArb,
  subtypeIndex: fc.nat(),
  agent: optional(fc.constantFrom(...ACTORS)),
  patient: optional(fc.constantFrom(...ACTORS)),
  location: optional(fc.constantFrom(...PLACES)),
  origin: optional(fc.constantFrom(...PLACES)),
  destination: optional(fc.constantFrom(...PLACES)),
  time: optional(fc.tuple(day, fc.integer({ min: 0, max: 10 }))),
  via: optional(fc.constantFrom(...SOURCES)),
  modality: fc.constantFrom(...MODALITIES),
  stance: fc.constantFrom(...STANCES),
});

// Real events that several documents tell, each leaving out different details: the mentions chain
// into clusters through one another (origin only, destination only, both), as reports do.
const STORIES = [
  { type: 'movement' as const, subtypeIndex: 0, agent: 'islamic-state', origin: 'Mosul', destination: 'Tal Afar', time: ['2017-06-24', 3] as [string, number] },
  { type: 'movement' as const, subtypeIndex: 1, agent: 'islamic-state', origin: 'Mosul', destination: 'Raqqa', time: ['2017-06-25', 2] as [string, number] },
  { type: 'control' as const, subtypeIndex: 0, agent: 'iraqi-security-forces', patient: 'islamic-state', location: 'Tal Afar', time: ['2017-07-01', 0] as [string, number] },
  { type: 'control' as const, subtypeIndex: 2, agent: 'islamic-state', patient: 'iraqi-security-forces', location: 'Tal Afar', time: ['2017-07-01', 0] as [string, number] },
  { type: 'control' as const, subtypeIndex: 3, agent: 'islamic-state', location: 'Tal Afar', time: ['2017-07-03', 0] as [string, number] },
];
const storyEventArb = fc.record({
  story: fc.constantFrom(...STORIES),
  omit: fc.subarray(['agent', 'patient', 'origin', 'destination', 'time'] as const),
  via: optional(fc.constantFrom(...SOURCES)),
  modality: fc.constantFrom(...MODALITIES),
  stance: fc.constantFrom(...STANCES),
}).map(({ story, omit, ...rest }) => {
  const event: Record<string, unknown> = { ...story, ...rest };
  for (const field of omit) delete event[field];
  return event as typeof rest & Partial<typeof STORIES[number]> & { type: EventType; subtypeIndex: number };
});

const eventArb = fc.oneof({ weight: 3, arbitrary: storyEventArb }, { weight: 2, arbitrary: randomEventArb });

const documentsArb = fc.array(fc.record({
  outlet: fc.constantFrom(...OUTLETS),
  publishedAt: day,
  events: fc.array(eventArb, { maxLength: 4 }),
  supersedes: fc.option(fc.nat(), { nil: undefined, freq: 6 }),
}), { minLength: 1, maxLength: 10 }).map((docs) => docs.map((d, i): FixtureDocument => {
  const sentences = d.events.map((e, j): [string, Stance] => [`Event ${j} of document ${i}.`, e.stance]);
  const events = d.events.map((e, j): FixtureEvent => {
    const subtypes = SUBTYPES[e.type];
    const time = e.time ? [e.time[0], new Date(Date.parse(e.time[0]) + e.time[1] * 86_400_000).toISOString().slice(0, 10)] as [string, string] : undefined;
    return {
      evidence: `Event ${j} of document ${i}.`, trigger: 'Event',
      type: e.type, subtype: subtypes[e.subtypeIndex % subtypes.length]!,
      ...(e.agent && { agent: e.agent }), ...(e.patient && { patient: e.patient }),
      ...(e.location && { location: e.location }), ...(e.origin && { origin: e.origin }), ...(e.destination && { destination: e.destination }),
      ...(time && { time }), ...(e.via && { via: [e.via] }),
      modality: e.modality,
    };
  });
  const previous = d.supersedes !== undefined && i > 0 ? `doc-${d.supersedes % i}` : undefined;
  return { id: `doc-${i}`, outlet: d.outlet, publishedAt: d.publishedAt, sentences, events, ...(previous && { previousVersion: previous }) };
}));

/** Everything fusion reports, in a form two states can be compared by. */
const canonical = (state: FusionState) => JSON.stringify(fusionResult(state));

describe('fusion: incremental equals rebuild', () => {
  it('ingesting documents in any order and any batches gives the same result as fusing them all at once', () => {
    fc.assert(fc.property(
      documentsArb.chain((docs) => fc.tuple(fc.constant(docs), fc.shuffledSubarray(docs, { minLength: docs.length }), fc.array(fc.nat({ max: 3 }), { minLength: docs.length, maxLength: docs.length }))),
      ([docs, order, batchBreaks]) => {
        const expected = canonical(fuse(docs.map(fusionInput), context));
        const state = emptyState(context);
        let batch: FixtureDocument[] = [];
        order.forEach((doc, i) => {
          batch.push(doc);
          if (batchBreaks[i] === 0 || i === order.length - 1) {
            addDocuments(state, batch.map(fusionInput));
            batch = [];
          }
        });
        assert.equal(canonical(state), expected);
        // Saved and restored, the state reads the same too.
        const restored = restoreState(JSON.parse(JSON.stringify(saveState(state))), context);
        assert.ok(restored);
        assert.equal(canonical(restored), expected);
      },
    ), { numRuns: 400, seed: 20170710 });
  });

  it('finds a contradiction whichever of its clusters came last, when a mention reaches past its cluster\'s days', () => {
    // A capture dated by its report's week (and, in another sentence, to one day a week earlier) and a holding
    // told eight days after that day: found as a contradiction whether the holding or the capture arrived first.
    const holding: FixtureDocument = {
      id: 'holding', outlet: 'Demo Wire', publishedAt: '2017-07-01', sentences: [['IS holds Tal Afar.', 'fact']],
      events: [{ evidence: 'IS holds Tal Afar', type: 'control', subtype: 'holds', agent: 'islamic-state', location: 'Tal Afar', time: ['2017-07-03', '2017-07-03'] }],
    };
    const capture: FixtureDocument = {
      id: 'capture', outlet: 'Demo Wire', publishedAt: '2017-06-26', sentences: [['Iraqi forces took Tal Afar from IS.', 'fact'], ['They took it.', 'fact']],
      events: [
        { evidence: 'Iraqi forces took Tal Afar from IS', type: 'control', subtype: 'captured', agent: 'iraqi-security-forces', patient: 'islamic-state', location: 'Tal Afar' },
        { evidence: 'They took it', type: 'control', subtype: 'captured', time: ['2017-06-20', '2017-06-20'] },
      ],
    };
    const expected = canonical(fuse([holding, capture].map(fusionInput), context));
    for (const order of [[holding, capture], [capture, holding]]) {
      const state = emptyState(context);
      for (const doc of order) addDocuments(state, [fusionInput(doc)]);
      assert.equal(canonical(state), expected);
    }
    assert.ok(fusionResult(fuse([holding, capture].map(fusionInput), context)).contradictions.length > 0, 'the case has a contradiction to find');
  });

  it('finds clusters and contradictions in the generated documents (the property is not vacuous)', () => {
    const sample = fc.sample(documentsArb, { numRuns: 200, seed: 7 });
    const results = sample.map((docs) => fusionResult(fuse(docs.map(fusionInput), context)));
    assert.ok(results.some((r) => r.clusters.some((c) => c.mentions.length >= 2)), 'some clusters merge mentions');
    assert.ok(results.some((r) => r.contradictions.length > 0), 'some contradictions are found');
    assert.ok(results.some((r) => r.timelines.length > 0), 'some timelines are built');
  });
});
