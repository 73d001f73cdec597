// The server's defences, tested from the outside: request size limits, schema
// validation on every route, a token for writes beyond loopback, security
// headers, no stack traces, SQL injection through search and filters, and
// static files that stay in their folder (raw HTTP, so no client tidies the path).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { syntheticCorpus } from '../../bench/synthetic.js';
import { buildApp, startServer, TokenRequiredError } from '../../src/api/server.js';
import { isLoopback } from '../../src/api/security.js';
import { refreshFusion } from '../../src/fusion/index.js';
import { ingest } from '../../src/ingest/index.js';
import type { Pipeline } from '../../src/pipeline.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { checkStore, runCli, spawnCli } from './helpers.js';
import { defaultPipeline } from '../shared-resources.js';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request written byte for byte on a socket: the path reaches the server exactly as given. */
function rawRequest(port: number, head: string, body = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    // A server that waited for bytes never sent would leave this pending: scripts/run-tests.js fails a file that hangs.
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headerPart = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = headerPart.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(`${head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n${body}`);
  });
}

const rawGet = (port: number, path: string) => rawRequest(port, `GET ${path} HTTP/1.1`);

const STACK_TRACE = /\bat [\w.<>]+ \(|\.(?:js|ts):\d+|node_modules|file:\/\/|SqliteError|better-sqlite3/;

function assertCatalogueError(response: { statusCode: number; body: string }, status: number, code: RegExp | string, what: string): void {
  assert.equal(response.statusCode, status, `${what}: ${response.body.slice(0, 300)}`);
  const body = JSON.parse(response.body) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ['error'], what);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message'], what);
  if (typeof code === 'string') assert.equal(body.error.code, code, what);
  else assert.match(body.error.code, code, what);
  assert.doesNotMatch(response.body, STACK_TRACE, `${what}: no stack trace`);
}

function assertSecurityHeaders(headers: Record<string, unknown>, what: string): void {
  const csp = String(headers['content-security-policy'] ?? '');
  assert.match(csp, /(?:^|; )script-src 'self'(?:;|$)/, `${what}: scripts from this origin only`);
  assert.match(csp, /(?:^|; )frame-ancestors 'none'(?:;|$)/, `${what}: never framed`);
  assert.match(csp, /(?:^|; )object-src 'none'(?:;|$)/, what);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, `${what}: no inline script`);
  assert.equal(headers['x-content-type-options'], 'nosniff', what);
  assert.equal(headers['x-frame-options'], 'DENY', what);
}

describe('server defences', () => {
  let dir: string;
  let db: string;
  let store: Store;
  let pipeline: Pipeline;
  let app: FastifyInstance;
  let documentsBefore: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corridor-server-'));
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    for (const [i, d] of syntheticCorpus(12, 5, 1500).entries()) writeFileSync(join(corpus, `r${i}.txt`), `${d.title}\n\n${d.text}`);
    db = join(dir, 'server.db');
    store = await openStore(db);
    pipeline = await defaultPipeline();
    await ingest([corpus], { store, pipeline });
    await refreshFusion(store);
    documentsBefore = await store.countDocuments();
    app = await buildApp({ store, pipeline });
  });

  after(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('schema validation', () => {
    type Schema = { type?: string; enum?: string[]; pattern?: string; minimum?: number; maximum?: number; maxLength?: number; minLength?: number };

    /** Values a parameter's schema must refuse. */
    function badValues(schema: Schema): string[] {
      const values: string[] = [];
      if (schema.type === 'integer' || schema.type === 'number') {
        values.push('abc', '1e400x');
        if (schema.minimum !== undefined) values.push(String(schema.minimum - 1));
        if (schema.maximum !== undefined) values.push(String(schema.maximum + 1));
      }
      if (schema.type === 'boolean') values.push('maybe');
      if (schema.enum) values.push('not-a-value', `${schema.enum[0]}'--`);
      if (schema.pattern) values.push(...["' OR '1'='1", '../../etc/passwd', '%00'].filter((v) => !new RegExp(schema.pattern!).test(v)));
      if (schema.maxLength !== undefined) values.push('x'.repeat(schema.maxLength + 1));
      return values;
    }

    const VALID_PATH: Record<string, string> = { id: 'abcdef', place: 'Mosul', actor: 'isis' };

    it('answers a bad value of every declared parameter of every route with a catalogue 400', async () => {
      const spec = (await app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean; schema: Schema }> }>> };
      let checked = 0;
      for (const [path, operations] of Object.entries(spec.paths)) {
        const get = operations['get'];
        if (!get) continue;
        const params = get.parameters ?? [];
        const required = params.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=x`);
        for (const param of params) {
          for (const bad of badValues(param.schema)) {
            const pathPart = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(name === param.name && param.in === 'path' ? bad : VALID_PATH[name] ?? 'abcdef'));
            const query = [...required.filter((r) => !r.startsWith(`${param.name}=`)), ...(param.in === 'query' ? [`${param.name}=${encodeURIComponent(bad)}`] : [])];
            const url = `${pathPart}${query.length ? `?${query.join('&')}` : ''}`;
            assertCatalogueError(await app.inject(url), 400, /^CORRIDOR_ERR_(?:REQUEST_INVALID|QUERY_\w+)$/, `GET ${url}`);
            checked++;
          }
        }
      }
      assert.ok(checked >= 40, `${checked} bad values tried`);
    });

    it('checks what a schema cannot say: box corners and date order', async () => {
      assertCatalogueError(await app.inject('/api/events?bbox=40,37,36,33'), 400, 'CORRIDOR_ERR_QUERY_BBOX', 'south above north');
      assertCatalogueError(await app.inject('/api/events?bbox=-200,0,10,10'), 400, 'CORRIDOR_ERR_QUERY_BBOX', 'west beyond -180');
      assertCatalogueError(await app.inject('/api/events?from=2017-08-01&to=2017-07-01'), 400, 'CORRIDOR_ERR_QUERY_DATE_RANGE', 'from after to');
    });

    it('refuses malformed ingestion requests with catalogue errors', async () => {
      const post = (payload: string, contentType = 'application/json') => app.inject({ method: 'POST', url: '/api/documents', payload, headers: { 'content-type': contentType } });
      assertCatalogueError(await post('{"text": "unterminated'), 400, 'CORRIDOR_ERR_REQUEST_MALFORMED', 'broken JSON');
      assertCatalogueError(await post('text=Fighters', 'application/x-www-form-urlencoded'), 415, 'CORRIDOR_ERR_REQUEST_MEDIA_TYPE', 'a form');
      assertCatalogueError(await post('["text"]'), 400, 'CORRIDOR_ERR_REQUEST_INVALID', 'an array');
      assertCatalogueError(await post('{"text": 5}'), 400, 'CORRIDOR_ERR_REQUEST_INVALID', 'a number as text');
      assertCatalogueError(await post('{"text": ""}'), 400, 'CORRIDOR_ERR_REQUEST_INVALID', 'an empty text');
      assertCatalogueError(await post('{}'), 400, 'CORRIDOR_ERR_INGEST_SOURCE', 'nothing to ingest');
      assertCatalogueError(await post('{"text": "a", "url": "https://x.example/"}'), 400, 'CORRIDOR_ERR_INGEST_SOURCE', 'two sources');
      assertCatalogueError(await post('{"text": "Fighters left.", "publishedAt": "yesterday"}'), 400, 'CORRIDOR_ERR_REQUEST_INVALID', 'a date that is not ISO');
      assertCatalogueError(await post(JSON.stringify({ text: 'x'.repeat(2_000_001) })), 400, 'CORRIDOR_ERR_REQUEST_INVALID', 'a text over its field limit');
      assertCatalogueError(await post(JSON.stringify({ url: `https://x.example/${'a'.repeat(2000)}` })), 400, 'CORRIDOR_ERR_REQUEST_INVALID', 'a URL over its field limit');
    });
  });

  describe('SQL injection through search and filters', () => {
    const PAYLOADS = [
      "' OR '1'='1", "' OR 1=1 --", '"; DROP TABLE documents; --', "x'); DROP TABLE events; --",
      "' UNION SELECT sql, sql, sql, sql, sql FROM sqlite_master --", '1; ATTACH DATABASE \'/tmp/pwned.db\' AS p; --',
      '*', '%', '_', '"', '""', '(', ')', 'NEAR(a b)', 'title:x', '^x', 'a AND', 'OR', '- x', '\u0000', '\\', "''''",
    ];

    it('treats every payload as data: no error, no extra rows, every table intact', async () => {
      const allEvents = (await app.inject('/api/events?limit=1000')).json().items.length as number;
      assert.ok(allEvents > 0, 'there are events to leak');
      for (const payload of PAYLOADS) {
        const q = encodeURIComponent(payload);
        const search = await app.inject(`/api/search?q=${q}`);
        assert.equal(search.statusCode, 200, `search ${payload}: ${search.body.slice(0, 200)}`);
        // A payload FTS5 cannot parse is searched as its words: every hit must hold them all, as data.
        const words = (payload.match(/[\p{L}\p{N}_]+/gu) ?? []).map((w) => w.toLowerCase());
        for (const hit of search.json().items as Array<{ docId: string }>) {
          const text = (await store.getDocument(hit.docId))?.text.toLowerCase() ?? '';
          assert.ok(words.length > 0 && words.every((w) => new RegExp(`\\b${w}\\b`, 'u').test(text)), `search ${payload} matched ${hit.docId}`);
        }
        for (const filter of ['actor', 'source']) {
          const res = await app.inject(`/api/events?${filter}=${q}`);
          assert.equal(res.statusCode, 200, `${filter} ${payload}: ${res.body.slice(0, 200)}`);
          assert.equal(res.json().items.length, 0, `${filter}=${payload} matched events`);
        }
        const outlet = await app.inject(`/api/documents?outlet=${q}`);
        assert.equal(outlet.statusCode, 200, `outlet ${payload}`);
        assert.equal(outlet.json().items.length, 0, `outlet=${payload} matched documents`);
        for (const path of [`/api/timelines/${q}`, `/api/trajectories/${q}`]) {
          const res = await app.inject(path);
          assert.ok(res.statusCode === 404 || res.statusCode === 400, `${path}: ${res.statusCode}`);
        }
      }
      assert.equal(await store.countDocuments(), documentsBefore);
      assert.equal((await app.inject('/api/events?limit=1000')).json().items.length, allEvents);
      checkStore(db);
    });

    it('still finds what a plain query asks for', async () => {
      const hits = (await app.inject('/api/search?q=Mosul')).json().items as unknown[];
      assert.ok(hits.length > 0);
    });
  });

  describe('a token for writes', () => {
    const TOKEN = 'correct-horse-battery-staple';

    it('refuses writes without the right bearer token and serves reads to anyone', async (t) => {
      const guarded = await buildApp({ store, pipeline, token: TOKEN });
      t.after(() => guarded.close());
      const post = (authorization?: string) => guarded.inject({
        method: 'POST', url: '/api/documents', payload: { text: 'Fighters left Mosul, officials said.' },
        headers: authorization === undefined ? {} : { authorization },
      });
      for (const authorization of [undefined, '', 'Bearer', 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`, TOKEN, `Bearer ${TOKEN.slice(0, -1)}`]) {
        const res = await post(authorization);
        assertCatalogueError(res, 401, 'CORRIDOR_ERR_UNAUTHORIZED', `Authorization: ${authorization}`);
        assert.equal(res.headers['www-authenticate'], 'Bearer');
        assertSecurityHeaders(res.headers, 'a 401');
      }
      assert.equal((await post(`Bearer ${TOKEN}`)).statusCode, 202);
      assert.equal((await post(`bearer  ${TOKEN}`)).statusCode, 202, 'the scheme is case-insensitive');
      for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
        assertCatalogueError(await guarded.inject({ method, url: '/api/documents' }), 401, 'CORRIDOR_ERR_UNAUTHORIZED', method);
      }
      assert.equal((await guarded.inject('/api/events')).statusCode, 200);
      assert.equal((await guarded.inject('/')).statusCode, 200);
    });

    it('will not listen beyond loopback without a token', async () => {
      for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopback(host), host);
      for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.org', '128.0.0.1', '::ffff:10.0.0.1']) assert.ok(!isLoopback(host), host);
      await assert.rejects(startServer({ store, pipeline, host: '0.0.0.0', port: 0 }), TokenRequiredError);
      await assert.rejects(startServer({ store, pipeline, host: '::', port: 0 }), /needs a token for writes/);
    });

    it('listens on every address with a token, and then asks for it on writes', async () => {
      const server = await startServer({ store, pipeline, host: '0.0.0.0', port: 0, token: TOKEN });
      try {
        const port = (server.app.server.address() as AddressInfo).port;
        const body = JSON.stringify({ text: 'Fighters left Raqqa, residents said.' });
        const post = (auth: string) => rawRequest(port, `POST /api/documents HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}${auth}`, body);
        assert.equal((await post('')).status, 401);
        assert.equal((await post(`\r\nAuthorization: Bearer ${TOKEN}`)).status, 202);
        assert.equal((await rawGet(port, '/api/events?limit=1')).status, 200);
      } finally {
        await server.close();
      }
    });

    it('corridor serve --host 0.0.0.0 needs --token or CORRIDOR_TOKEN', async () => {
      const refused = runCli(['serve', '--db', db, '--host', '0.0.0.0', '--port', '0']);
      assert.equal(refused.status, 2);
      assert.equal(refused.stderr, 'corridor: --host 0.0.0.0 lets other machines in: give a token for writes with --token or CORRIDOR_TOKEN\n');

      const child = spawnCli(['serve', '--db', db, '--host', '0.0.0.0', '--port', '0', '--json'], { CORRIDOR_TOKEN: TOKEN });
      try {
        const started = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes('}')) resolve(out);
          });
          child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
        });
        const { url } = JSON.parse(started) as { url: string };
        const port = Number(new URL(url).port);
        const body = '{"text": "Fighters left."}';
        const head = `POST /api/documents HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}`;
        assert.equal((await rawRequest(port, head, body)).status, 401);
        assert.equal((await rawRequest(port, `${head}\r\nAuthorization: Bearer ${TOKEN}`, body)).status, 202);
      } finally {
        child.kill('SIGTERM');
      }
    });
  });

  describe('over real HTTP', () => {
    let port: number;
    let close: () => Promise<void>;

    before(async () => {
      const server = await startServer({ store, pipeline, port: 0 });
      port = (server.app.server.address() as AddressInfo).port;
      close = server.close;
    });
    after(() => close());

    it('refuses a body announced as 100 MB before reading it', async () => {
      const res = await rawRequest(port, 'POST /api/documents HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100000000', '{"text": "');
      assert.equal(res.status, 413);
      assert.equal(JSON.parse(res.body).error.code, 'CORRIDOR_ERR_REQUEST_TOO_LARGE');
      assert.doesNotMatch(res.body, STACK_TRACE);
    });

    it('refuses oversized request lines and headers, and keeps serving', async () => {
      const longUrl = await rawGet(port, `/api/search?q=${'a'.repeat(100_000)}`);
      assert.ok(longUrl.status === 431 || longUrl.status === 414 || longUrl.status === 400, `status ${longUrl.status}`);
      const manyParams = await rawGet(port, `/api/events?${Array.from({ length: 500 }, (_, i) => `actor=a${i}`).join('&')}`);
      assert.ok(manyParams.status === 200 || manyParams.status === 400, `status ${manyParams.status}`);
      assert.equal((await rawGet(port, '/api/events?limit=1')).status, 200);
    });

    it('sends the security headers on pages, files, data and every kind of error', async () => {
      const cases: Array<[string, string, string?]> = [
        ['GET / HTTP/1.1', 'the page'], ['GET /static/app.js HTTP/1.1', 'a module'], ['GET /api/events?limit=1 HTTP/1.1', 'data'],
        ['GET /docs/ HTTP/1.1', 'API docs'], ['GET /openapi.json HTTP/1.1', 'the OpenAPI document'], ['GET /nowhere HTTP/1.1', 'a 404'],
        ['GET /api/events?type=nothing HTTP/1.1', 'a 400'], ['GET /static/../package.json HTTP/1.1', 'a traversal attempt'],
        ['POST /api/documents HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100000000', 'a 413'],
        ['POST /api/documents HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 1', 'a 415', 'x'],
      ];
      for (const [head, what, body] of cases) assertSecurityHeaders((await rawRequest(port, head, body)).headers, what);
    });

    it('keeps static files inside their folders however the path is spelled', async () => {
      const attempts = [
        '/static/../package.json', '/static/../../package.json', '/static/%2e%2e/%2e%2e/package.json', '/static/%2e%2e%2f%2e%2e%2fpackage.json',
        '/static/..%2f..%2f..%2fpackage.json', '/static/..%5c..%5c..%5cpackage.json', '/static/..\\..\\..\\package.json', '/static/%252e%252e/%252e%252e/package.json',
        '/static/.%2e/.%2e/package.json', '/static/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json', '/static/....//....//package.json',
        '/static//etc/passwd', '/static/%2fetc%2fpasswd', '/static/../../../../../../etc/passwd', '/static/%00../package.json', '/static/app.js%00.json',
        '/static/.git/config', '/static/%2e%2e/plugin.ts', '/vendor/maplibre/../../../package.json', '/vendor/maplibre/%2e%2e/package.json',
        '/vendor/maplibre/package.json', '/../package.json', '/%2e%2e/package.json', '/docs/static/../../package.json', '/docs/static/%2e%2e/%2e%2e/package.json',
      ];
      for (const path of attempts) {
        const res = await rawGet(port, path);
        assert.ok([400, 403, 404].includes(res.status), `${path} -> ${res.status}`);
        assert.doesNotMatch(res.body, /"dependencies"|"devDependencies"|root:x?:0:0|\[core\]|import \{|export (?:async )?function/, path);
        assert.doesNotMatch(res.body, STACK_TRACE, path);
      }
    });

    it('never sends a stack trace, even when the store fails underneath', async (t) => {
      const brokenDir = mkdtempSync(join(tmpdir(), 'corridor-broken-'));
      t.after(() => rmSync(brokenDir, { recursive: true, force: true }));
      const broken = await openStore(join(brokenDir, 'broken.db'));
      const brokenApp = await buildApp({ store: broken, pipeline });
      t.after(() => brokenApp.close());
      await broken.close();
      for (const url of ['/api/documents', '/api/events', '/api/search?q=Mosul', '/api/places', '/api/clusters', '/api/documents/abcdef']) {
        const res = await brokenApp.inject(url);
        assertCatalogueError(res, 500, 'CORRIDOR_ERR_INTERNAL', url);
        assert.equal(JSON.parse(res.body).error.message, 'Internal server error', url);
      }
    });
  });
});
