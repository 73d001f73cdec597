import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOccurrence, type Event, type Modality } from '../../src/types.js';

// The page's model is a browser module; it stays in src/web/static and is loaded from there.
const model = await import(new URL('../../../src/web/static/model.js', import.meta.url).href) as {
  MODALITIES: Modality[];
  isOccurrence(e: Pick<Event, 'modality' | 'intent'>): boolean;
  matchesFilters(e: Partial<Event>, filters: Record<string, unknown>): boolean;
};

const intent = { start: 0, end: 9, text: 'aimed at' };

test('the map counts as happened what fusion and control timelines count: isOccurrence of src/types.ts', () => {
  for (const modality of [...model.MODALITIES, null]) {
    for (const aim of [null, intent]) {
      const event = { modality, intent: aim } as Pick<Event, 'modality' | 'intent'>;
      assert.equal(model.isOccurrence(event), isOccurrence(event), `${modality} ${aim ? 'with' : 'without'} an aim`);
    }
  }
});

test('the default view leaves out planned, conditional and intended events; the Modality filter shows them', () => {
  const told = { type: 'control', modality: 'reported', intent: null } as Partial<Event>;
  const planned = { type: 'control', modality: 'planned', intent: null } as Partial<Event>;
  const aim = { type: 'control', modality: 'asserted', intent } as Partial<Event>;
  assert.deepEqual([told, planned, aim].map((e) => model.matchesFilters(e, {})), [true, false, false]);
  assert.deepEqual([told, planned, aim].map((e) => model.matchesFilters(e, { modality: 'planned' })), [false, true, false]);
});
