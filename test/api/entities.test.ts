import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFusionContext, placeKey } from '../../src/fusion/index.js';
import { createFixture, json, type Fixture } from './helpers.js';

describe('places, actors and search', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(() => f.close());

  it('aggregates places over every extraction: mentions, documents and events', async () => {
    const mentions = new Map<string, { count: number; docs: Set<string> }>();
    const { normalizeName } = createFusionContext();
    for await (const { document, extraction } of f.store.allExtractions()) {
      for (const p of extraction.places) {
        const key = placeKey(p, normalizeName);
        const entry = mentions.get(key) ?? { count: 0, docs: new Set<string>() };
        entry.count++;
        entry.docs.add(document.id);
        mentions.set(key, entry);
      }
    }
    const places = json(await f.app.inject('/api/places')).items as any[];
    assert.equal(places.length, mentions.size);
    for (const place of places) {
      assert.equal(place.mentions, mentions.get(place.key)!.count, place.name);
      assert.equal(place.documents, mentions.get(place.key)!.docs.size, place.name);
    }
    const mosul = places.find((p) => p.name === 'Mosul');
    assert.ok(mosul, 'Mosul is found');
    assert.ok(mosul.documents >= 3 && mosul.events >= 2);
    assert.deepEqual(places.map((p) => p.mentions), [...places.map((p) => p.mentions)].sort((a, b) => b - a));
  });

  it('aggregates actors the same way', async () => {
    const actors = json(await f.app.inject('/api/actors')).items as any[];
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
