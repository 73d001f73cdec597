import { Worker } from 'node:worker_threads';
import type { Store } from '../store.js';
import type { SqliteStore } from './sqlite-store.js';

/**
 * The store's reads that a server answers clients with. better-sqlite3 runs
 * every query on the calling thread; on the server's thread a query that
 * waits (a writer's lock, a checkpoint, a slow disk) or reads a large page
 * stalls every connection at once. Only reads whose arguments can be posted
 * to a thread: listPlaces takes its caller's place-key function and stays here.
 */
export const OFF_THREAD_READS = [
  'getDocument', 'findDocuments', 'listDocuments', 'countDocuments', 'getExtraction', 'search',
  'listEvents', 'listEventRecords', 'listActors', 'getDerived', 'listSnapshots',
] as const satisfies ReadonlyArray<keyof Store>;

type OffThreadRead = (typeof OFF_THREAD_READS)[number];

export interface ReadRequest {
  id: number;
  method: OffThreadRead;
  args: unknown[];
}

export type ReadResponse = { id: number; result: unknown } | { id: number; error: string };

export interface OffThreadStore {
  /** The store, its reads answered by the reader thread, its writes and locks by the store itself. */
  store: Store;
  /** Stops the reader thread; the store itself stays open (its owner closes it). */
  close(): Promise<void>;
}

/**
 * The same store with its reads (OFF_THREAD_READS) answered by a worker
 * thread holding its own read-only connection to the file. In WAL mode that
 * connection sees every committed write, the server's own included, and
 * never waits for a writer. A store in memory has no file to share and is
 * returned as it is.
 *
 * @example
 * const reading = readOffThread(openSqliteStore('corridor.db'));
 * await reading.store.listSnapshots(); // answered by the reader thread
 * await reading.close();
 */
export function readOffThread(store: SqliteStore): OffThreadStore {
  if (store.db.memory) return { store, close: async () => {} };
  const worker = new Worker(new URL('./read-worker.js', import.meta.url), { workerData: { file: store.db.name } });
  // A server's socket keeps the process alive; an idle reader should not.
  worker.unref();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (response: ReadResponse) => {
    const waiting = pending.get(response.id);
    pending.delete(response.id);
    if ('error' in response) waiting?.reject(new Error(response.error));
    else waiting?.resolve(response.result);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the store's reader thread stopped (exit ${code})`)));
  const read = (method: OffThreadRead) => (...args: unknown[]) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, method, args } satisfies ReadRequest);
  });
  const reads = new Map<PropertyKey, unknown>(OFF_THREAD_READS.map((method) => [method, read(method)]));
  const proxy = new Proxy(store, {
    get(target, property) {
      if (reads.has(property)) return reads.get(property);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy as Store, close: async () => { await worker.terminate(); } };
}
