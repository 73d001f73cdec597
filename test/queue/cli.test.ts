// The queue from the command line: `ingest --queue`, `worker`, `queue status`, as a user runs them
// (the usage errors in this process, the queue's work in child processes).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCliInProcess } from '../reliability/helpers.js';
import { createMigratedDatabase, probePostgres } from '../store/postgres-test-db.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli', 'index.js');
const TEXTS = 'examples/demo/text';
const postgres = await probePostgres();

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { CORRIDOR_DB: _ignored, ...env } = process.env;
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env });
}

test('queue commands need a PostgreSQL store: a usage error naming what was given', async () => {
  for (const args of [['queue', 'status'], ['worker'], ['ingest', '--queue', TEXTS]]) {
    const result = await runCliInProcess([...args, '--db', 'corridor.db']);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /^corridor: .* needs a PostgreSQL store: pass --db postgres:\/\/\.\.\. or set CORRIDOR_DB \(got corridor\.db\)\n$/);
  }
  assert.equal((await runCliInProcess(['worker', '--concurrency', '0', '--db', 'postgres://x'])).status, 2);
});

describe('queue from the command line', { skip: postgres.skip }, () => {
  test('ingest --queue, queue status, worker --drain, queue status', async (t) => {
    const db = await createMigratedDatabase(t, { postgis: false });
    const queued = run(['ingest', '--queue', TEXTS, '--db', db, '--json']);
    assert.equal(queued.status, 0, queued.stderr);
    assert.deepEqual(JSON.parse(queued.stdout), { database: db, inputs: 8, documents: 8, queued: 8, alreadyQueued: 0, alreadyStored: 0, failed: 0, errors: [] });
    assert.equal(run(['ingest', '--queue', TEXTS, '--focus', 'IQ', '--db', db]).status, 2, '--focus belongs to the worker');

    const waiting = run(['queue', 'status', '--db', db]);
    assert.equal(waiting.stdout, 'Documents: 8 queued, 0 active, 0 done, 0 failed\nFusion refreshes: 0 queued, 0 active, 0 done, 0 failed\n');

    const worked = run(['worker', '--drain', '--no-fusion', '--concurrency', '2', '--db', db, '--json']);
    assert.equal(worked.status, 0, worked.stderr);
    const summary = JSON.parse(worked.stdout) as Record<string, number>;
    assert.deepEqual({ ...summary, seconds: 0 }, { new: 8, unchanged: 0, updated: 0, failed: 0, fusionRefreshes: 0, seconds: 0 });

    const status = JSON.parse(run(['queue', 'status', '--db', db, '--json']).stdout) as { documents: unknown };
    assert.deepEqual(status.documents, { queued: 0, active: 0, done: 8, failed: 0 });
    const docs = JSON.parse(run(['docs', '--db', db, '--json']).stdout) as unknown[];
    assert.equal(docs.length, 8);
    const again = run(['ingest', '--queue', TEXTS, '--db', db]);
    assert.equal(again.stdout, 'Read 8 inputs: 0 queued, 0 already queued, 8 already stored, 0 failed.\n');
  });
});
