/**
 * The thread behind `readOffThread`: a read-only connection to the store's
 * file that answers the read methods it is sent, one at a time, so that a
 * query a writer's lock or a large WAL slows waits here and not on the
 * server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from './sqlite-store.js';
import { OFF_THREAD_READS, type ReadRequest, type ReadResponse } from './off-thread.js';

const port = parentPort;
if (!port) throw new Error('read-worker.js runs as a worker thread (see readOffThread)');
const store = new SqliteStore((workerData as { file: string }).file, { readOnly: true });
const allowed = new Set<string>(OFF_THREAD_READS);

port.on('message', async ({ id, method, args }: ReadRequest) => {
  let response: ReadResponse;
  try {
    if (!allowed.has(method)) throw new Error(`${method} is not a read this thread answers`);
    const read = store[method] as (...a: unknown[]) => Promise<unknown>;
    response = { id, result: await read.apply(store, args) };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(response);
});
