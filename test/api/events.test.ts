import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { sharedSchemas } from '../../src/api/schemas/shared.js';
import type { JsonSchema } from '../../src/api/schemas/helpers.js';
import { createFixture, json, type Fixture } from './helpers.js';

const EVENT_FIELDS = [
  'id', 'type', 'subtype', 'agent', 'patient', 'location', 'origin', 'destination', 'time', 'evidence', 'trigger', 'attribution',
  'modality', 'negated', 'intent', 'factuality', 'plover', 'casualties', 'placePrecision', 'placeBasis', 'confidence', 'rule',
  'docId', 'outlet', 'publishedAt', 'clusterId', 'corroboration', 'status',
].sort();

describe('GET /api/events', () => {
  let f: Fixture;
  let all: any[];
  const get = async (query: string) => json(await f.app.inject(`/api/events?${query}`)).items as any[];

  before(async () => {
    f = await createFixture();
    all = await get('limit=5000');
  });
  after(() => f.close());

  it('lists every stored event with exactly the schema fields', async () => {
    assert.equal(all.length, (await f.store.listEvents()).length);
    assert.ok(all.some((e) => e.type === 'movement'), 'the corpus reports movements');
    for (const e of all) assert.deepEqual(Object.keys(e).sort(), EVENT_FIELDS);
  });

  it('serves the stored events with exactly what the response schema allows, at every depth', async () => {
    // The route sends stored JSON without the schema's serialiser: closing every
    // object of the schema makes any field the API does not document fail here.
    const close = (schema: unknown): unknown => {
      if (Array.isArray(schema)) return schema.map(close);
      if (schema === null || typeof schema !== 'object') return schema;
      const closed = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, close(value)]));
      return 'properties' in closed ? { ...closed, additionalProperties: false } : closed;
    };
    const ajv = new Ajv({ allowUnionTypes: true, strict: false });
    for (const schema of sharedSchemas) ajv.addSchema(close(schema) as JsonSchema);
    const validate = ajv.compile({ type: 'array', items: { $ref: 'Event#' } });
    assert.ok(all.length >= 5, `${all.length} events`);
    assert.ok(validate(all), ajv.errorsText(validate.errors));
    const res = await f.app.inject('/api/events?limit=3&offset=2');
    assert.match(res.headers['content-type'] as string, /^application\/json; charset=utf-8$/);
    assert.deepEqual(Object.keys(json(res)), ['items', 'limit', 'offset', 'next']);
    assert.deepEqual(json(res), { items: all.slice(2, 5), limit: 3, offset: 2, next: all.length > 5 ? '/api/events?limit=3&offset=5' : null });
  });

  it('gives each event the cluster fusion put it in and that cluster\'s corroboration', async () => {
    const clusters = new Map((json(await f.app.inject('/api/clusters')).items as any[]).map((c) => [c.id, c]));
    assert.ok(all.some((e) => e.clusterId !== null));
    for (const e of all.filter((x) => x.clusterId)) {
      const cluster = clusters.get(e.clusterId);
      assert.ok(cluster, `cluster ${e.clusterId} exists`);
      assert.ok(cluster.mentions.some((m: any) => m.key === `${e.docId}/${e.id}`));
      assert.equal(e.corroboration, cluster.corroboration.score);
      assert.equal(e.status, cluster.status);
    }
  });

  it('filters by type, actor, modality, source and document', async () => {
    const movements = await get('type=movement');
    assert.ok(movements.length > 0);
    assert.deepEqual(movements, all.filter((e) => e.type === 'movement'));

    const actor = all.find((e) => e.agent)!.agent.actorId;
    assert.deepEqual(await get(`actor=${encodeURIComponent(actor)}`), all.filter((e) => e.agent?.actorId === actor || e.patient?.actorId === actor));

    const modality = all[0].modality;
    assert.deepEqual(await get(`modality=${modality}`), all.filter((e) => e.modality === modality));

    const source = all[0].attribution.source;
    assert.deepEqual(await get(`source=${encodeURIComponent(source.toUpperCase())}`), all.filter((e) => e.attribution.source.toLowerCase() === source.toLowerCase()));

    const docId = all[0].docId;
    assert.deepEqual(await get(`docId=${docId}`), all.filter((e) => e.docId === docId));
  });

  it('filters by bounding box on the location, else the destination', async () => {
    // Around Mosul and Tal Afar, not Raqqa or Palmyra.
    const inBox = await get('bbox=41.5,35.5,44,37');
    assert.ok(inBox.length > 0);
    for (const e of inBox) {
      const p = e.location ?? e.destination;
      assert.ok(p.lon >= 41.5 && p.lon <= 44 && p.lat >= 35.5 && p.lat <= 37, `${p.name} is in the box`);
    }
    assert.ok(inBox.length < all.length);
    assert.deepEqual(await get('bbox=-10,-10,-5,-5'), []);
  });

  it('filters by time overlap', async () => {
    const dated = all.filter((e) => e.time.from);
    assert.ok(dated.length > 0);
    const july = await get('from=2017-07-01&to=2017-07-31');
    assert.ok(july.length > 0);
    for (const e of july) assert.ok((e.time.to ?? e.time.from) >= '2017-07-01' && (e.time.from ?? e.time.to) <= '2017-07-31');
    assert.ok(july.length < all.length);
  });

  it('filters by minimum corroboration, then pages', async () => {
    const corroborated = all.filter((e) => e.corroboration >= 2);
    assert.deepEqual(await get('minCorroboration=2'), corroborated);
    assert.deepEqual(await get('minCorroboration=2&limit=1&offset=1'), corroborated.slice(1, 2));
    assert.deepEqual(await get('minCorroboration=1000'), []);
  });

  it('pages in order', async () => {
    assert.deepEqual(await get('limit=2&offset=1'), all.slice(1, 3));
  });

  it('refuses bad parameters with clear catalogue errors', async () => {
    const cases: [string, string, RegExp][] = [
      ['bbox=1,2,3', 'CORRIDOR_ERR_REQUEST_INVALID', /querystring\/bbox/],
      ['bbox=a,b,c,d', 'CORRIDOR_ERR_REQUEST_INVALID', /querystring\/bbox/],
      ['bbox=0,50,10,40', 'CORRIDOR_ERR_QUERY_BBOX', /0,50,10,40/],
      ['bbox=0,0,200,10', 'CORRIDOR_ERR_QUERY_BBOX', /south <= north/],
      ['from=2017-08-01&to=2017-07-01', 'CORRIDOR_ERR_QUERY_DATE_RANGE', /2017-08-01/],
      ['from=July', 'CORRIDOR_ERR_REQUEST_INVALID', /querystring\/from/],
      ['type=riot', 'CORRIDOR_ERR_REQUEST_INVALID', /allowed values/],
      ['modality=maybe', 'CORRIDOR_ERR_REQUEST_INVALID', /querystring\/modality/],
      ['minCorroboration=-1', 'CORRIDOR_ERR_REQUEST_INVALID', /querystring\/minCorroboration/],
      ['limit=0', 'CORRIDOR_ERR_REQUEST_INVALID', /querystring\/limit/],
      ['limit=5001', 'CORRIDOR_ERR_REQUEST_INVALID', /querystring\/limit/],
      ['docId=abc', 'CORRIDOR_ERR_REQUEST_INVALID', /querystring\/docId/],
    ];
    for (const [query, code, message] of cases) {
      const res = await f.app.inject(`/api/events?${query}`);
      assert.equal(res.statusCode, 400, query);
      const body = json(res);
      assert.deepEqual(Object.keys(body), ['error'], query);
      assert.equal(body.error.code, code, query);
      assert.match(body.error.message, message, query);
    }
  });

  it('ignores parameters it does not know', async () => {
    assert.deepEqual(await get('limit=5000&colour=red'), all);
  });
});
