// Calls made while a query runs share the next run, and never get an answer from a run started before them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { oneQueryAtATime } from '../../src/api/one-query-at-a-time.js';

describe('oneQueryAtATime', () => {
  /** A query answering the number of its run, finishing when `finish` is called. */
  const controlled = () => {
    let runs = 0;
    const finishers: Array<() => void> = [];
    const query = () => new Promise<number>((resolve) => {
      const run = ++runs;
      finishers.push(() => resolve(run));
    });
    const finish = async () => {
      finishers.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    };
    return { query, finish, runs: () => runs };
  };

  it('shares one run among the calls made while another runs, started after them', async () => {
    const { query, finish, runs } = controlled();
    const latest = oneQueryAtATime(query);
    const first = latest();
    const during = [latest(), latest(), latest()];
    assert.equal(runs(), 1, 'the calls made meanwhile wait');
    await finish();
    assert.equal(await first, 1);
    assert.equal(runs(), 2, 'they share the run started once the first ended');
    await finish();
    assert.deepEqual(await Promise.all(during), [2, 2, 2]);
  });

  it('starts a run at once when none is running, also after a failed one', async () => {
    let runs = 0;
    const latest = oneQueryAtATime(async () => {
      runs += 1;
      if (runs === 1) throw new Error('busy');
      return runs;
    });
    await assert.rejects(latest(), /busy/);
    assert.equal(await latest(), 2);
  });
});
