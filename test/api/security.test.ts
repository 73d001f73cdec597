import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ERRORS } from '../../src/api/errors.js';
import { createFixture, json, type Fixture } from './helpers.js';

function assertSecurityHeaders(headers: Record<string, unknown>, url: string): void {
  const csp = String(headers['content-security-policy']);
  assert.match(csp, /script-src 'self'(;|$)/, url);
  assert.match(csp, /style-src 'self'(;|$)/, url);
  assert.match(csp, /img-src 'self' data: blob:/, url);
  assert.match(csp, /worker-src blob: 'self'/, url);
  assert.match(csp, /connect-src 'self'/, url);
  assert.match(csp, /frame-ancestors 'none'/, url);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/, url);
  assert.equal(headers['x-content-type-options'], 'nosniff', url);
}

describe('security', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(() => f.close());

  it('sends the security headers on every kind of response', async () => {
    const urls = [
      '/', '/static/app.js', '/static/style.css', '/vendor/maplibre/maplibre-gl.mjs', '/api/documents', '/api/events?limit=0',
      '/api/documents/zzz', '/no/such/route', '/openapi.json', '/docs', '/docs/static/swagger-ui.css', '/api/basemap/labels',
    ];
    for (const url of urls) assertSecurityHeaders((await f.app.inject(url)).headers, url);
  });

  it('answers an unknown route with a catalogue 404', async () => {
    const res = await f.app.inject('/api/nothing-here?x=1');
    assert.equal(res.statusCode, 404);
    assert.deepEqual(json(res), { error: { code: 'CORRIDOR_ERR_ROUTE_NOT_FOUND', message: 'No route for GET /api/nothing-here' } });
  });

  it('never sends a stack trace: an internal error is a bare catalogue error', async () => {
    const broken = await createFixture([]);
    // A closed database makes every store call throw, deep inside better-sqlite3.
    await broken.store.close();
    try {
      for (const url of ['/api/documents', '/api/events', '/api/places', '/api/clusters', '/api/search?q=x']) {
        const res = await broken.app.inject(url);
        assert.equal(res.statusCode, 500, url);
        assert.deepEqual(json(res), { error: { code: ERRORS.INTERNAL.code, message: 'Internal server error' } }, url);
        assert.doesNotMatch(res.body, /at |\.js|sqlite|database/i, url);
        assertSecurityHeaders(res.headers, url);
      }
    } finally {
      await broken.app.close();
    }
  });

  it('keeps static files inside their folders', async () => {
    const attempts = [
      '/static/../../../package.json',
      '/static/..%2f..%2f..%2fpackage.json',
      '/static/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/static/%2e%2e%2f%2e%2e%2fplugin.ts',
      '/static/..\\..\\plugin.ts',
      '/static//etc/passwd',
      '/static/%00index.html',
      '/vendor/maplibre/../package.json',
      '/vendor/maplibre/%2e%2e/package.json',
      '/vendor/maplibre/maplibre-gl.d.ts',
      '/vendor/maplibre/maplibre-gl.mjs.map',
    ];
    for (const url of attempts) {
      const res = await f.app.inject(url);
      assert.ok(res.statusCode === 404 || res.statusCode === 403 || res.statusCode === 400, `${url} -> ${res.statusCode}`);
      assert.doesNotMatch(res.body, /"dependencies"|fastifyStatic|root:x:0/, url);
      assert.match(json(res).error.code, /^CORRIDOR_ERR_/, url);
    }
  });

  it('serves the page, its modules and MapLibre with the right types', async () => {
    const page = await f.app.inject('/');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    // No inline script: every <script> loads a file from this origin.
    for (const tag of page.body.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      assert.match(tag, /^<script[^>]+src="\/[^"]+"[^>]*><\/script>$/, tag);
    }
    assert.doesNotMatch(page.body, /\sstyle="|\son[a-z]+="|https?:\/\//);
    for (const [url, type] of [['/static/app.js', /javascript/], ['/static/style.css', /text\/css/], ['/vendor/maplibre/maplibre-gl.mjs', /javascript/], ['/vendor/maplibre/maplibre-gl-worker.mjs', /javascript/], ['/vendor/maplibre/maplibre-gl.css', /text\/css/]] as const) {
      const res = await f.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), type, url);
    }
  });
});

describe('OpenAPI', () => {
  let f: Fixture;
  before(async () => { f = await createFixture([]); });
  after(() => f.close());

  it('documents every API route with its parameters and shared schemas', async () => {
    const spec = json(await f.app.inject('/openapi.json'));
    assert.equal(spec.openapi, '3.0.3');
    const paths = Object.keys(spec.paths).sort();
    for (const path of [
      '/api/documents', '/api/documents/{id}', '/api/documents/{id}/extraction', '/api/jobs/{id}', '/api/events', '/api/places', '/api/actors',
      '/api/search', '/api/clusters', '/api/contradictions', '/api/timelines', '/api/timelines/{place}', '/api/trajectories',
      '/api/trajectories/{actor}', '/api/corridors', '/api/corridors/{name}', '/api/sources', '/api/basemap/land', '/api/basemap/countries', '/api/basemap/labels',
      '/api/layers', '/api/layers/{id}',
    ]) assert.ok(paths.includes(path), path);
    assert.ok(!paths.some((p) => p.startsWith('/static') || p === '/'), 'the page is not part of the API document');
    for (const name of ['Event', 'Document', 'Extraction', 'Place', 'Actor', 'Cluster', 'Contradiction', 'Error', 'Job']) {
      assert.ok(spec.components.schemas[name], name);
    }
    const events = spec.paths['/api/events'].get;
    assert.ok(events.parameters.some((p: any) => p.name === 'bbox' && p.in === 'query'));
    assert.ok(events.responses['400'] && events.responses['200']);
    assert.ok(spec.paths['/api/documents'].post.requestBody);
  });

  it('serves the docs page from this server, without inline script', async () => {
    const res = await f.app.inject('/docs/');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /https?:\/\/(?!.*localhost)/);
    for (const tag of res.body.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? []) assert.match(tag, /src="/);
    assert.equal((await f.app.inject('/docs/static/swagger-ui-bundle.js')).statusCode, 200);
  });
});
