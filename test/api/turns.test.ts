import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { takeTurns } from '../../src/api/turns.js';

test('handlers take turns: one request is answered per pass of the event loop, in arrival order', async (t) => {
  // A timer counts the passes: each one spends 5 ms, so the 1 ms timer is due at every next pass.
  let pass = 0;
  let ticking = true;
  const tick = () => { pass += 1; if (ticking) setTimeout(tick, 1); };
  tick();
  const app = Fastify();
  takeTurns(app);
  const seen: Array<[string, number]> = [];
  app.get('/work/:n', async (request) => {
    const { n } = request.params as { n: string };
    seen.push([n, pass]);
    const until = performance.now() + 5;
    while (performance.now() < until);
    return { n };
  });
  t.after(async () => { ticking = false; await app.close(); });
  const answers = await Promise.all(['1', '2', '3', '4'].map((n) => app.inject(`/work/${n}`)));
  assert.deepEqual(answers.map((a) => a.json()), [{ n: '1' }, { n: '2' }, { n: '3' }, { n: '4' }]);
  assert.deepEqual(seen.map(([n]) => n), ['1', '2', '3', '4']);
  const passes = seen.map(([, p]) => p);
  for (let i = 1; i < passes.length; i += 1) assert.ok(passes[i]! > passes[i - 1]!, `each handler has a pass of its own: ${passes.join(', ')}`);
});

test('a handler that fails does not hold up the queue', async (t) => {
  const app = Fastify();
  takeTurns(app);
  app.get('/fail', async () => { throw new Error('broken'); });
  app.get('/ok', async () => ({ ok: true }));
  t.after(() => app.close());
  const [failed, ok] = await Promise.all([app.inject('/fail'), app.inject('/ok')]);
  assert.equal(failed.statusCode, 500);
  assert.deepEqual(ok.json(), { ok: true });
});
