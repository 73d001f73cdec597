import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandInputs, IngestError, loadInput } from '../../src/ingest/index.js';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-sources-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function write(path: string, content: string | Buffer = 'Fighters left the town on Monday, residents said.\n'): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

async function loadError(path: string, maxBytes?: number): Promise<IngestError> {
  try {
    await loadInput({ kind: 'file', path }, { maxBytes });
  } catch (error) {
    assert.ok(error instanceof IngestError);
    return error;
  }
  assert.fail('expected an IngestError');
}

test('directories are walked in name order, skipping hidden entries, node_modules, unknown extensions and .corridorignore', async (t) => {
  const dir = tempDir(t);
  for (const name of ['b.txt', 'a.md', 'c/d.html', 'c/e/f.jsonl', 'g.rss', 'h.atom', 'table.csv', '.hidden.txt', '.git/x.txt', 'node_modules/pkg/readme.txt', 'README.md', 'notes/skip-me.txt', 'notes/keep.txt']) {
    write(join(dir, name));
  }
  write(join(dir, '.corridorignore'), '# not documents\nREADME.md\nnotes/skip-*.txt\n');
  symlinkSync(dir, join(dir, 'c', 'loop'));
  const { inputs, errors } = await expandInputs([dir]);
  assert.deepEqual(errors, []);
  assert.deepEqual(inputs.map((i) => (i.kind === 'file' ? i.path.slice(dir.length + 1) : i.url)), [
    'a.md', 'b.txt', 'c/d.html', 'c/e/f.jsonl', 'g.rss', 'h.atom', 'notes/keep.txt',
  ]);
});

test('a file named on the command line is read whatever its name; a URL is kept as a URL', async (t) => {
  const dir = tempDir(t);
  write(join(dir, '.hidden-but-named.csv'));
  const { inputs, errors } = await expandInputs([join(dir, '.hidden-but-named.csv'), 'https://example.org/a']);
  assert.deepEqual(errors, []);
  assert.deepEqual(inputs, [{ kind: 'file', path: join(dir, '.hidden-but-named.csv') }, { kind: 'url', url: 'https://example.org/a' }]);
});

test('missing paths and directories without documents are errors naming the path; the rest goes on', async (t) => {
  const dir = tempDir(t);
  write(join(dir, 'empty', 'table.csv'));
  write(join(dir, 'empty', '.hidden.txt'));
  write(join(dir, 'good.txt'));
  symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'broken-link.txt'));
  const missing = join(dir, 'missing.txt');
  const { inputs, errors } = await expandInputs([missing, join(dir, 'empty'), join(dir, 'broken-link.txt'), join(dir, 'good.txt')]);
  assert.deepEqual(inputs, [{ kind: 'file', path: join(dir, 'good.txt') }]);
  assert.deepEqual(errors.map((e) => e.toLine()), [
    `${missing}: cannot read: no such file or directory`,
    `${join(dir, 'empty')}: no documents found (looked for .txt, .text, .md, .markdown, .html, .htm, .xhtml, .xml, .rss, .atom, .jsonl, .ndjson)`,
    `${join(dir, 'broken-link.txt')}: cannot read: no such file or directory`,
  ]);
});

test('an unreadable file is one clear error', { skip: process.getuid?.() === 0 ? 'root reads files whatever their mode' : false }, async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'locked.txt');
  write(path);
  const { chmodSync } = await import('node:fs');
  chmodSync(path, 0o000);
  assert.equal((await loadError(path)).toLine(), `${path}: cannot read: permission denied`);
});

test('files over the size limit are refused before reading, naming the limit', async (t) => {
  const dir = tempDir(t);
  const big = join(dir, 'big.txt');
  writeFileSync(big, '');
  truncateSync(big, 21_000_000); // sparse: nothing is written
  assert.equal((await loadError(big)).toLine(), `${big}: 21 MB is over the 20 MB size limit (raise it with --max-size)`);
  const small = join(dir, 'small.txt');
  write(small, 'x'.repeat(2000));
  assert.equal((await loadError(small, 1000)).toLine(), `${small}: 2 kB is over the 1 kB size limit (raise it with --max-size)`);
});

test('the extension chooses the reader; unknown extensions are sniffed', async (t) => {
  const dir = tempDir(t);
  write(join(dir, 'page'), '<!doctype html><html><head><title>Sniffed page</title></head><body><p>Troops entered the town on Friday.</p></body></html>');
  write(join(dir, 'records.data'), '{"text": "First record."}\n{"text": "Second record."}\n');
  write(join(dir, 'page-as.txt'), '<p>Tags in a .txt file stay text.</p>');
  const page = await loadInput({ kind: 'file', path: join(dir, 'page') });
  assert.equal(page.documents[0]!.title, 'Sniffed page');
  assert.equal(page.documents[0]!.text, 'Troops entered the town on Friday.');
  assert.deepEqual((await loadInput({ kind: 'file', path: join(dir, 'records.data') })).documents.map((d) => d.text), ['First record.', 'Second record.']);
  assert.equal((await loadInput({ kind: 'file', path: join(dir, 'page-as.txt') })).documents[0]!.text, '<p>Tags in a .txt file stay text.</p>');
});

/** A local HTTP server answering each path with a fixed status, content type and body. */
async function serve(t: { after: (fn: () => void) => void }, routes: Record<string, { status?: number; type?: string; body: string | Buffer }>): Promise<string> {
  const server: Server = createServer((request, response) => {
    const route = routes[request.url ?? ''];
    if (!route) {
      response.writeHead(404, 'Not Found').end('no such page');
      return;
    }
    response.writeHead(route.status ?? 200, route.type ? { 'content-type': route.type } : {}).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('URLs: the content type chooses the reader, and the fetched address is the document URL', async (t) => {
  const base = await serve(t, {
    '/article': { type: 'text/html; charset=utf-8', body: '<html><head><title>Fetched</title></head><body><article><p>Shelling resumed on the southern front on Sunday, a monitor said.</p></article></body></html>' },
    '/feed': { type: 'application/rss+xml', body: '<rss><channel><title>Wire</title><item><title>One</title><link>https://wire.example/1</link><description>First item text.</description></item></channel></rss>' },
    '/plain': { type: 'text/plain; charset=windows-1252', body: Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x2e]) },
  });
  const article = await loadInput({ kind: 'url', url: `${base}/article` });
  assert.deepEqual(article.documents.map((d) => [d.title, d.url, d.text]), [['Fetched', `${base}/article`, 'Shelling resumed on the southern front on Sunday, a monitor said.']]);
  const feed = await loadInput({ kind: 'url', url: `${base}/feed` });
  assert.deepEqual(feed.documents.map((d) => [d.title, d.url, d.outlet, d.source]), [['One', 'https://wire.example/1', 'Wire', `${base}/feed#https://wire.example/1`]]);
  const plain = await loadInput({ kind: 'url', url: `${base}/plain` });
  assert.deepEqual(plain.documents.map((d) => [d.text, d.url]), [['Café – open.', `${base}/plain`]]);
});

test('URLs: HTTP errors, unsupported content, oversized bodies and unreachable hosts are one-line errors', async (t) => {
  const base = await serve(t, {
    '/report.pdf': { type: 'application/pdf', body: '%PDF-1.4' },
    '/big': { type: 'text/plain', body: 'x'.repeat(5000) },
  });
  const errorOf = async (url: string, maxBytes?: number) => {
    try {
      await loadInput({ kind: 'url', url }, { maxBytes });
    } catch (error) {
      assert.ok(error instanceof IngestError);
      return error.toLine();
    }
    assert.fail(`expected ${url} to fail`);
  };
  assert.equal(await errorOf(`${base}/missing`), `${base}/missing: HTTP 404 Not Found`);
  assert.equal(await errorOf(`${base}/report.pdf`), `${base}/report.pdf: unsupported content type application/pdf`);
  // Sent without Content-Length, so the limit is found while reading.
  assert.equal(await errorOf(`${base}/big`, 1000), `${base}/big: the response is over the 1 kB size limit (raise it with --max-size)`);
  // A port that was just released: the connection is refused.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  assert.equal(await errorOf(`http://127.0.0.1:${port}/x`), `http://127.0.0.1:${port}/x: cannot fetch (connect ECONNREFUSED 127.0.0.1:${port}); is the network reachable?`);
});
