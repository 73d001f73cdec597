import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fusionPlaceKey, summariseExtractions } from '../store/extraction-summary.js';
import { createFixture, json, type Fixture } from './helpers.js';

describe('places, actors and search', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(() => f.close());

  it('serves places and actors from the store tables, as re-reading every extraction gave them', async () => {
    const expected = await summariseExtractions(f.store, fusionPlaceKey());
    const places = json(await f.app.inject('/api/places')).items as any[];
    const actors = json(await f.app.inject('/api/actors')).items as any[];
    assert.deepEqual(places, expected.places);
    assert.deepEqual(actors, expected.actors);
    const mosul = places.find((p) => p.name === 'Mosul');
    assert.ok(mosul, 'Mosul is found');
    assert.ok(mosul.documents >= 3 && mosul.events >= 2);
    assert.deepEqual(places.map((p) => p.mentions), [...places.map((p) => p.mentions)].sort((a, b) => b - a));
    const islamicState = actors.find((a) => /islamic state/i.test(a.name));
    assert.ok(islamicState, 'Islamic State is found');
    assert.ok(islamicState.documents >= 4);
    assert.ok(islamicState.events > 0);
    for (const a of actors) assert.deepEqual(Object.keys(a).sort(), ['actorId', 'documents', 'events', 'kind', 'mentions', 'name']);
  });

  it('searches the texts and marks the hits', async () => {
    const hits = json(await f.app.inject('/api/search?q=Palmyra')).items as any[];
    assert.deepEqual(hits.map((h) => h.title), ['Where did the Raqqa fighters go?']);
    assert.match(hits[0].snippet, /\[\[Palmyra\]\]/);
    assert.deepEqual(json(await f.app.inject('/api/search?q=Vladivostok')).items, []);
    assert.equal(json(await f.app.inject('/api/search?q=Tal%20Afar&limit=1')).items.length, 1);
  });

  it('requires a query', async () => {
    for (const query of ['', '?q=', `?q=${'a'.repeat(201)}`, '?q=x&limit=0']) {
      const res = await f.app.inject(`/api/search${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.equal(json(res).error.code, 'CORRIDOR_ERR_REQUEST_INVALID');
    }
  });
});
