import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { packageRoot } from '../../src/resources.js';

const CLI = join(packageRoot, 'dist', 'src', 'cli', 'index.js');

/** Runs `corridor serve ...`; resolves with the first stdout line, or with the exit code and stderr if it stops first. */
function serve(args: string[]) {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const firstLine = new Promise<string>((resolve) => child.stdout.on('data', () => { if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n'))); }));
  // --json prints a pretty-printed object: complete once it parses.
  const json = new Promise<Record<string, string>>((resolve) => child.stdout.on('data', () => {
    try { resolve(JSON.parse(stdout)); } catch { /* not complete yet */ }
  }));
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }));
  return { child, firstLine, json, exited };
}

describe('corridor serve', () => {
  it('serves the store on the given port, prints where, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-serve-'));
    const run = serve(['--db', join(dir, 'x.db'), '--port', '0', '--json']);
    try {
      const { url, database } = await run.json;
      assert.ok(url, 'the JSON names the URL');
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(database, join(dir, 'x.db'));
      const response = await fetch(`${url}/api/documents`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { items: [], total: 0, limit: 100, offset: 0, next: null });
      assert.equal((await fetch(`${url}/`)).status, 200);
      run.child.kill('SIGTERM');
      assert.equal((await run.exited).code, 0);
    } finally {
      run.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the address in words without --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-serve-'));
    const run = serve(['--db', join(dir, 'x.db'), '--port', '0', '--host', '127.0.0.1']);
    try {
      assert.match(await run.firstLine, /^Corridor is serving .+ at http:\/\/127\.0\.0\.1:\d+ +\(API docs: http:\/\/127\.0\.0\.1:\d+\/docs\)/);
      run.child.kill('SIGINT');
      assert.equal((await run.exited).code, 0);
    } finally {
      run.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with one clear line: bad port (usage, exit 2), missing layers folder, port in use (exit 1)', async () => {
    const badPort = await serve(['--port', 'http']).exited;
    assert.equal(badPort.code, 2);
    assert.match(badPort.stderr, /^corridor: .*--port.*expected a port number from 0 to 65535/m);

    const noLayers = await serve(['--layers', '/no/such/folder', '--db', ':memory:']).exited;
    assert.equal(noLayers.code, 1);
    assert.equal(noLayers.stderr, 'corridor: /no/such/folder: not a folder (--layers wants a folder of .geojson files)\n');

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const inUse = await serve(['--port', String(port), '--db', ':memory:']).exited;
      assert.equal(inUse.code, 1);
      assert.equal(inUse.stderr, `corridor: port ${port} is already in use; choose another with --port\n`);
    } finally {
      blocker.close();
    }
  });
});
