import type { FastifyInstance } from 'fastify';

/**
 * Runs route handlers one per turn of the event loop, in the order their
 * requests arrived.
 *
 * Node reads every request that is ready in one pass of its loop, and store
 * reads are synchronous (better-sqlite3), so without turns it answers all of
 * them before it looks at the listening socket again, and it accepts one new
 * connection per pass. Measured with 50 connections opened at once on a map
 * page of 1000 events: passes took over a second, the last connections were
 * accepted 8 to 20 s late, and their clients timed out at 10 s while the
 * server's own answer times stayed under 1.5 s. With a turn per handler a
 * pass does one request's work, so connections are accepted and requests
 * queued as they come while others are answered.
 *
 * By hand because no Fastify plugin orders work: @fastify/under-pressure
 * refuses requests under load rather than queueing them fairly.
 *
 * @example
 * const app = Fastify();
 * takeTurns(app); // before the routes are registered
 */
export function takeTurns(app: FastifyInstance): void {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(runNext);
  };
  // The handler whose turn it is runs in the microtasks after this callback;
  // the next one is scheduled for the next pass, after the loop polls for I/O.
  const runNext = () => {
    scheduled = false;
    waiting.shift()?.();
    if (waiting.length > 0) schedule();
  };
  app.addHook('preHandler', () => new Promise<void>((resolve) => {
    waiting.push(resolve);
    schedule();
  }));
}
