// Event pages are computed once per snapshot, shared by the requests that ask at
// once, and never served once a newer snapshot is made.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPageCache } from '../../src/api/page-cache.js';
import { refreshFusion } from '../../src/fusion/index.js';
import { documentId, normaliseText } from '../../src/ingest/normalise.js';
import type { DocumentMeta } from '../../src/types.js';
import { createFixture, json, type Fixture } from './helpers.js';

describe('createPageCache', () => {
  /** A computation that counts its calls and answers `body-<n>`. */
  const counter = () => {
    let calls = 0;
    return { compute: async () => `body-${++calls}`, calls: () => calls };
  };

  it('computes a page once for the requests that ask for one version, at once or later', async () => {
    const pages = createPageCache(1000);
    const { compute, calls } = counter();
    const bodies = (await Promise.all([1, 2, 3].map(() => pages.get('/api/events', 'v1', compute)))).map(String);
    assert.deepEqual(bodies, ['body-1', 'body-1', 'body-1']);
    assert.equal(String(await pages.get('/api/events', 'v1', compute)), 'body-1');
    assert.equal(calls(), 1);
  });

  it('computes again for a new version and never serves the old page for it', async () => {
    const pages = createPageCache(1000);
    const { compute } = counter();
    assert.equal(String(await pages.get('/api/events', 'v1', compute)), 'body-1');
    assert.equal(String(await pages.get('/api/events', 'v2', compute)), 'body-2');
    assert.equal(String(await pages.get('/api/events?type=control', 'v2', compute)), 'body-3', 'each request its own page');
  });

  it('keeps no failed computation, and drops the least recently used pages past its size', async () => {
    // Room for two bodies of six bytes ('body-1').
    const pages = createPageCache(12);
    const { compute, calls } = counter();
    await assert.rejects(pages.get('a', 'v1', async () => { throw new Error('store busy'); }), /store busy/);
    assert.equal(String(await pages.get('a', 'v1', compute)), 'body-1');
    await pages.get('b', 'v1', compute);
    await pages.get('a', 'v1', compute);
    await pages.get('c', 'v1', compute);
    assert.equal(calls(), 3, 'a was used last, so b made room for c');
    assert.equal(String(await pages.get('a', 'v1', compute)), 'body-1');
    assert.equal(String(await pages.get('b', 'v1', compute)), 'body-4');
  });
});

describe('GET /api/events per snapshot', () => {
  let f: Fixture;
  const events = async () => json(await f.app.inject('/api/events?limit=5000')).items as any[];

  before(async () => { f = await createFixture(); });
  after(() => f.close());

  it('serves the page of the latest snapshot while a run saves documents, and lists them from its snapshot on', async () => {
    const before = await events();
    // A document saved as an ingest run saves each one, before the run records its snapshot.
    const text = 'MOSUL, July 14, 2017 (Test Wire) - Iraqi forces captured the village of Badush west of Mosul on Friday.';
    const document: DocumentMeta = {
      id: documentId(normaliseText(text)), title: 'Badush', url: null, outlet: 'Test Wire', author: null,
      publishedAt: '2017-07-14', publishedAtSource: 'user', language: 'eng', text,
    };
    assert.equal(await f.store.saveDocument(document, f.pipeline.extract(document)), 'new');
    assert.deepEqual(await events(), before, 'the run has no snapshot yet');

    await f.store.createSnapshot('run');
    const added = (await events()).filter((e) => e.docId === document.id);
    assert.ok(added.length > 0, 'listed from the run\'s snapshot on');
    assert.ok(added.every((e) => e.clusterId === null), 'not fused yet');
    await refreshFusion(f.store);
    assert.ok((await events()).filter((e) => e.docId === document.id).every((e) => e.clusterId !== null), 'in their clusters once fused');
  });
});
