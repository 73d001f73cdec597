import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFixture, json, waitForJob, type Fixture } from './helpers.js';

const SUMMARY_FIELDS = ['id', 'title', 'url', 'outlet', 'author', 'publishedAt', 'publishedAtSource', 'language', 'previousVersion', 'ingestedAt', 'source'].sort();

describe('documents API', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(() => f.close());

  it('lists documents without their text, fields limited to the schema', async () => {
    const res = await f.app.inject('/api/documents');
    assert.equal(res.statusCode, 200);
    const body = json(res);
    assert.equal(body.total, 5);
    assert.equal(body.items.length, 5);
    for (const item of body.items) assert.deepEqual(Object.keys(item).sort(), SUMMARY_FIELDS);
    assert.deepEqual(Object.keys(body).sort(), ['items', 'limit', 'next', 'offset', 'total']);
  });

  it('pages and filters by outlet', async () => {
    const page = json(await f.app.inject('/api/documents?limit=2&offset=1'));
    assert.equal(page.items.length, 2);
    assert.equal(page.offset, 1);
    const wire = json(await f.app.inject('/api/documents?outlet=Test%20Wire'));
    assert.deepEqual(wire.items.map((d: any) => d.title), ['Islamic State fighters leave Mosul for Tal Afar']);
    assert.equal(wire.total, undefined);
  });

  it('returns one document by id or by a unique prefix, with its text unchanged', async () => {
    const [stored] = await f.store.listDocuments({ outlet: 'Test Radio' });
    assert.ok(stored, 'the corpus has a Test Radio report');
    const full = json(await f.app.inject(`/api/documents/${stored.id}`));
    assert.equal(full.text, stored.text);
    assert.equal(full.outlet, 'Test Radio');
    const byPrefix = json(await f.app.inject(`/api/documents/${stored.id.slice(0, 10)}`));
    assert.equal(byPrefix.id, stored.id);
  });

  it('serves a hostile document as JSON data, its markup kept as text', async () => {
    const hostile = (await f.store.listDocuments()).find((d) => d.text.includes('__corridorPwned'));
    assert.ok(hostile, 'the corpus has the hostile document');
    const res = await f.app.inject(`/api/documents/${hostile.id}`);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(json(res).text.includes('<script>window.__corridorPwned = "script"</script>'));
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await f.app.inject(`/api/documents/${'0'.repeat(64)}`);
    assert.equal(missing.statusCode, 404);
    assert.equal(json(missing).error.code, 'CORRIDOR_ERR_DOCUMENT_NOT_FOUND');
    for (const bad of ['xyz', '12345', 'ABCDEF0123', `${'a'.repeat(65)}`]) {
      const res = await f.app.inject(`/api/documents/${bad}`);
      assert.equal(res.statusCode, 400, bad);
      assert.equal(json(res).error.code, 'CORRIDOR_ERR_REQUEST_INVALID');
      assert.match(json(res).error.message, /params\/id/);
    }
  });

  it('refuses out-of-range paging with the catalogue code', async () => {
    for (const query of ['limit=0', 'limit=1001', 'offset=-1', 'limit=ten']) {
      const res = await f.app.inject(`/api/documents?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.deepEqual(Object.keys(json(res)), ['error']);
      assert.equal(json(res).error.code, 'CORRIDOR_ERR_REQUEST_INVALID');
    }
  });

  it("returns a document's extraction exactly as stored: the schema lets every contract field through", async () => {
    for (const document of await f.store.listDocuments()) {
      const res = await f.app.inject(`/api/documents/${document.id}/extraction`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(json(res), JSON.parse(JSON.stringify(await f.store.getExtraction(document.id))));
    }
    const missing = await f.app.inject(`/api/documents/${'f'.repeat(64)}/extraction`);
    assert.equal(json(missing).error.code, 'CORRIDOR_ERR_DOCUMENT_NOT_FOUND');
  });
});

describe('POST /api/documents', () => {
  let f: Fixture;
  before(async () => { f = await createFixture([]); });
  after(() => f.close());

  it('a publication date in the body dates a text that has none: no "no date" message is stored', async () => {
    const text = 'Army engineers reopened the bridge over the river yesterday, the ministry said.';
    const job = await waitForJob(f.app, json(await f.app.inject({ method: 'POST', url: '/api/documents', payload: { text, publishedAt: '2017-05-04' } })).jobId);
    const document = json(await f.app.inject(`/api/documents/${job.docId}`));
    assert.deepEqual([document.publishedAt, document.publishedAtSource], ['2017-05-04', 'user']);
    const extraction = json(await f.app.inject(`/api/documents/${job.docId}/extraction`));
    assert.deepEqual(extraction.messages.filter((m: any) => m.ruleId.startsWith('ingest:')), []);
  });

  it('accepts a text, runs it through the queue and stores it with its extraction', async () => {
    const text = 'KIRKUK, 2 March 2017 - Islamic State fighters left Hawija for Kirkuk on Wednesday, police said.';
    const res = await f.app.inject({ method: 'POST', url: '/api/documents', payload: { text, title: 'Posted report', outlet: 'Post Test', publishedAt: '2017-03-02' } });
    assert.equal(res.statusCode, 202);
    const { jobId } = json(res);
    assert.match(jobId, /^[0-9a-f-]{36}$/);
    assert.equal(res.headers.location, `/api/jobs/${jobId}`);
    const job = await waitForJob(f.app, jobId);
    assert.equal(job.status, 'done');
    assert.equal(job.outcome, 'new');
    assert.equal(job.error, null);
    assert.match(job.docId, /^[0-9a-f]{64}$/);

    const document = json(await f.app.inject(`/api/documents/${job.docId}`));
    assert.equal(document.text, text);
    assert.equal(document.title, 'Posted report');
    assert.equal(document.outlet, 'Post Test');
    assert.equal(document.publishedAt, '2017-03-02');
    assert.equal(document.publishedAtSource, 'user');
    const extraction = json(await f.app.inject(`/api/documents/${job.docId}/extraction`));
    assert.ok(extraction.sentences.length > 0);
    assert.ok(extraction.places.some((p: any) => p.name === 'Kirkuk'), 'the real pipeline ran on the posted text');

    // The same text again is recognised by its hash.
    const again = await waitForJob(f.app, json(await f.app.inject({ method: 'POST', url: '/api/documents', payload: { text } })).jobId);
    assert.equal(again.outcome, 'unchanged');
    assert.equal(again.docId, job.docId);
  });

  it('reads posted HTML with the ingest module: scripts are dropped, the article kept', async () => {
    const html = '<html><head><title>Page</title><script>alert(1)</script></head><body><article><h1>Convoy reaches Raqqa</h1>'
      + '<p>A convoy of fighters reached Raqqa from Palmyra on Friday, witnesses said. The convoy travelled by night along the desert road.</p>'
      + '<p>Local residents counted more than forty vehicles, and several of them carried families as well as fighters and their weapons.</p></article></body></html>';
    const job = await waitForJob(f.app, json(await f.app.inject({ method: 'POST', url: '/api/documents', payload: { html } })).jobId);
    assert.equal(job.status, 'done');
    const document = json(await f.app.inject(`/api/documents/${job.docId}`));
    assert.ok(document.text.includes('A convoy of fighters reached Raqqa'));
    assert.ok(!document.text.includes('alert(1)'));
  });

  it('fetches a posted URL with the ingest module (here from a local server) and stores the page', async () => {
    const page = '<html><head><title>Local page</title><meta property="article:published_time" content="2017-08-20"></head><body><article>'
      + '<p>Families fled Tal Afar toward Mosul on Sunday as Iraqi forces began their offensive on the town, aid workers said.</p>'
      + '<p>Aid groups counted several thousand people at the checkpoints west of Mosul by the evening, most of them women and children.</p>'
      + '</article></body></html>';
    const server = createServer((request, response) => {
      if (request.url === '/article') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const url = `http://127.0.0.1:${port}/article`;
      const job = await waitForJob(f.app, json(await f.app.inject({ method: 'POST', url: '/api/documents', payload: { url } })).jobId);
      assert.equal(job.status, 'done', JSON.stringify(job.error));
      const document = json(await f.app.inject(`/api/documents/${job.docId}`));
      assert.equal(document.url, url);
      assert.equal(document.source, url);
      assert.equal(document.publishedAt, '2017-08-20');
      assert.ok(document.text.startsWith('Families fled Tal Afar'));
      const missing = await waitForJob(f.app, json(await f.app.inject({ method: 'POST', url: '/api/documents', payload: { url: `http://127.0.0.1:${port}/gone` } })).jobId);
      assert.equal(missing.status, 'failed');
      assert.equal(missing.error.code, 'CORRIDOR_ERR_INGEST_HTTP_STATUS');
    } finally {
      server.close();
    }
  });

  it('fuses what it ingests: a second report of the same move joins the first one\'s cluster', async () => {
    const first = 'MOSUL, July 3, 2017 - Islamic State fighters left Mosul for Tal Afar last week, an Iraqi army officer said.';
    const second = 'BAGHDAD, July 4, 2017 - Islamic State militants moved from Mosul to Tal Afar last week, a police colonel told reporters.';
    const a = await waitForJob(f.app, json(await f.app.inject({ method: 'POST', url: '/api/documents', payload: { text: first, outlet: 'Outlet A' } })).jobId);
    const b = await waitForJob(f.app, json(await f.app.inject({ method: 'POST', url: '/api/documents', payload: { text: second, outlet: 'Outlet B' } })).jobId);
    const clusters = json(await f.app.inject('/api/clusters?type=movement')).items as any[];
    const joint = clusters.find((c) => c.mentions.some((m: any) => m.docId === a.docId) && c.mentions.some((m: any) => m.docId === b.docId));
    assert.ok(joint, 'both reports are mentions of one cluster');
    assert.equal(joint.corroboration.score, 2);
  });

  it('reports a document that cannot be ingested as a failed job with the ingest catalogue code', async () => {
    const job = await waitForJob(f.app, json(await f.app.inject({ method: 'POST', url: '/api/documents', payload: { html: '<html><body><script>x()</script></body></html>' } })).jobId);
    assert.equal(job.status, 'failed');
    assert.equal(job.docId, null);
    assert.equal(job.error.code, 'CORRIDOR_ERR_INGEST_HTML_NO_TEXT');
  });

  it('refuses bodies that do not name exactly one source, or a URL that is not http(s)', async () => {
    const cases: [unknown, string][] = [
      [{}, 'CORRIDOR_ERR_INGEST_SOURCE'],
      [{ text: 'a', url: 'https://example.org/' }, 'CORRIDOR_ERR_INGEST_SOURCE'],
      [{ url: 'javascript:alert(1)' }, 'CORRIDOR_ERR_INGEST_URL'],
      [{ url: 'file:///etc/passwd' }, 'CORRIDOR_ERR_INGEST_URL'],
      [{ text: '' }, 'CORRIDOR_ERR_REQUEST_INVALID'],
      [{ text: 42 }, 'CORRIDOR_ERR_REQUEST_INVALID'],
      [{ text: 'a', publishedAt: 'yesterday' }, 'CORRIDOR_ERR_REQUEST_INVALID'],
      [{ text: 'a', titel: 'typo' }, 'CORRIDOR_ERR_REQUEST_INVALID'],
    ];
    for (const [payload, code] of cases) {
      const res = await f.app.inject({ method: 'POST', url: '/api/documents', payload: payload as object });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(json(res).error.code, code, JSON.stringify(payload));
    }
  });

  it('refuses malformed JSON, other content types and bodies over the limit', async () => {
    const malformed = await f.app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'application/json' }, payload: '{"text": ' });
    assert.equal(malformed.statusCode, 400);
    assert.equal(json(malformed).error.code, 'CORRIDOR_ERR_REQUEST_MALFORMED');
    const form = await f.app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'text=a' });
    assert.equal(form.statusCode, 415);
    assert.equal(json(form).error.code, 'CORRIDOR_ERR_REQUEST_MEDIA_TYPE');
    const small = await createFixture([], { bodyLimit: 1000 });
    try {
      const big = await small.app.inject({ method: 'POST', url: '/api/documents', payload: { text: 'x'.repeat(2000) } });
      assert.equal(big.statusCode, 413);
      assert.equal(json(big).error.code, 'CORRIDOR_ERR_REQUEST_TOO_LARGE');
      assert.match(json(big).error.message, /1000 bytes/);
    } finally {
      await small.close();
    }
  });

  it('answers 404 for an unknown job and 400 for a job id that is not a UUID', async () => {
    const unknown = await f.app.inject('/api/jobs/00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.statusCode, 404);
    assert.equal(json(unknown).error.code, 'CORRIDOR_ERR_JOB_NOT_FOUND');
    const bad = await f.app.inject('/api/jobs/not-a-job');
    assert.equal(bad.statusCode, 400);
    assert.equal(json(bad).error.code, 'CORRIDOR_ERR_REQUEST_INVALID');
  });
});
