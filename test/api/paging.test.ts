import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFixture, json, type Fixture } from './helpers.js';

/** Every list route of the API: each pages by default. */
const LIST_ROUTES = [
  '/api/documents', '/api/events', '/api/places', '/api/actors', '/api/search?q=Mosul', '/api/clusters', '/api/contradictions',
  '/api/timelines', '/api/trajectories', '/api/corridors', '/api/sources', '/api/basemap/labels', '/api/layers',
];

describe('paging of list routes', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(() => f.close());

  const get = async (path: string) => {
    const res = await f.app.inject(path);
    assert.equal(res.statusCode, 200, `${path}: ${res.body.slice(0, 200)}`);
    return json(res);
  };
  const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

  it('documents the default and the largest page of every list route in the OpenAPI document', async () => {
    const spec = json(await f.app.inject('/openapi.json'));
    for (const route of LIST_ROUTES) {
      const path = route.split('?')[0]!;
      const parameters = spec.paths[path].get.parameters as Array<{ name: string; in: string; schema: { default?: number; maximum?: number; minimum?: number } }>;
      const limit = parameters.find((p) => p.name === 'limit' && p.in === 'query');
      const offset = parameters.find((p) => p.name === 'offset' && p.in === 'query');
      assert.ok(limit && typeof limit.schema.default === 'number' && typeof limit.schema.maximum === 'number', `${path}: limit has a default and a maximum`);
      assert.ok(limit.schema.default! <= limit.schema.maximum!, path);
      assert.ok(offset && offset.schema.default === 0 && offset.schema.minimum === 0, `${path}: offset`);
      const body = spec.paths[path].get.responses['200'].content['application/json'].schema;
      assert.deepEqual(Object.keys(body.properties).sort(), ['items', 'limit', 'next', 'offset', 'total'], path);
    }
  });

  it('serves a page of the default size when none is asked for, with the total and a link to the next page', async () => {
    // About 250 country labels: more than a default page of 100.
    const first = await get('/api/basemap/labels');
    assert.equal(first.items.length, 100);
    assert.deepEqual([first.limit, first.offset], [100, 0]);
    assert.ok(first.total > 100);
    assert.equal(first.next, '/api/basemap/labels?limit=100&offset=100');
    const pages = [first.items];
    for (let next = first.next; next;) {
      const page = await get(next);
      pages.push(page.items);
      next = page.next;
    }
    assert.equal(pages.flat().length, first.total, 'following the links reaches every item once');
    assert.equal(new Set(pages.flat().map((l: { name: string }) => l.name)).size, first.total);
  });

  it('pages every list route with limit and offset, and keeps its filters in the next link', async () => {
    for (const route of LIST_ROUTES) {
      const whole = await get(withQuery(route, 'limit=200'));
      const one = await get(withQuery(route, 'limit=1'));
      assert.deepEqual(one.items, whole.items.slice(0, 1), route);
      assert.equal(one.limit, 1, route);
      if (whole.items.length > 1) {
        assert.ok(one.next, `${route}: a next page`);
        const second = await get(one.next);
        assert.deepEqual(second.items, whole.items.slice(1, 2), `${route}: the next link gives the second item`);
        assert.equal(second.offset, 1);
      } else {
        assert.equal(one.next, null, route);
      }
      if (whole.total !== undefined && whole.next === null) assert.equal(whole.total, whole.items.length, route);
      const beyond = await get(withQuery(route, 'offset=1000&limit=5'));
      assert.deepEqual([beyond.items, beyond.next], [[], null], `${route}: past the end`);
    }
    const movements = await get('/api/clusters?type=movement&limit=1');
    assert.ok(movements.total >= 2, 'the corpus has movements');
    assert.match(movements.next, /^\/api\/clusters\?type=movement&limit=1&offset=1$/);
  });

  it('refuses a page larger than the maximum, or a negative offset, with the catalogue error', async () => {
    for (const path of ['/api/clusters?limit=1001', '/api/places?limit=0', '/api/events?limit=5001', '/api/search?q=Mosul&limit=201', '/api/timelines?offset=-1']) {
      const res = await f.app.inject(path);
      assert.equal(res.statusCode, 400, path);
      assert.equal(json(res).error.code, 'CORRIDOR_ERR_REQUEST_INVALID', path);
    }
  });
});
