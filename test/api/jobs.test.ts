import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/errors.js';
import { JobQueue } from '../../src/api/jobs.js';

const describeFailure = (error: unknown) => ({ code: 'TEST_FAILED', message: (error as Error).message });

describe('job queue', () => {
  it('runs jobs one at a time, in submission order', async () => {
    const log: string[] = [];
    const queue = new JobQueue<string>(async (name) => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, name === 'a' ? 30 : 1));
      log.push(`end ${name}`);
      return { documents: [{ id: name, outcome: 'new' }] };
    }, describeFailure);
    const a = queue.submit('a');
    const b = queue.submit('b');
    assert.equal(a.status, 'queued');
    await queue.drain();
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b']);
    assert.equal(queue.get(a.id)!.status, 'done');
    assert.equal(queue.get(b.id)!.docId, 'b');
    assert.ok(queue.get(b.id)!.finishedAt);
  });

  it('records a failure and goes on with the next job', async () => {
    const queue = new JobQueue<number>(async (n) => {
      if (n === 1) throw new Error('broken input');
      return { documents: [] };
    }, describeFailure);
    const failed = queue.submit(1);
    const next = queue.submit(2);
    await queue.drain();
    assert.deepEqual(queue.get(failed.id)!.error, { code: 'TEST_FAILED', message: 'broken input' });
    assert.equal(queue.get(failed.id)!.status, 'failed');
    assert.equal(queue.get(next.id)!.status, 'done');
    assert.equal(queue.get(next.id)!.docId, null);
  });

  it('refuses work beyond its limit with a 503 catalogue error, and forgets the oldest finished jobs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const queue = new JobQueue<number>(async () => { await gate; return { documents: [] }; }, describeFailure, { maxPending: 2, keepFinished: 1 });
    const first = queue.submit(1);
    queue.submit(2);
    assert.throws(() => queue.submit(3), (error: unknown) => error instanceof ApiError && error.code === 'CORRIDOR_ERR_INGEST_QUEUE_FULL' && error.statusCode === 503);
    release();
    await queue.drain();
    assert.equal(queue.get(first.id), null);
    queue.submit(4);
    await queue.drain();
  });

  it('hands out copies: a caller cannot change a job', async () => {
    const queue = new JobQueue<number>(async () => ({ documents: [{ id: 'x', outcome: 'new' }] }), describeFailure);
    const job = queue.submit(1);
    await queue.drain();
    const seen = queue.get(job.id)!;
    seen.documents.push({ id: 'y', outcome: 'new' });
    seen.status = 'failed';
    assert.equal(queue.get(job.id)!.status, 'done');
    assert.equal(queue.get(job.id)!.documents.length, 1);
  });
});
