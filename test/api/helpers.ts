import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/api/server.js';
import { refreshFusion } from '../../src/fusion/index.js';
import { ingest } from '../../src/ingest/index.js';
import type { Pipeline } from '../../src/pipeline.js';
import { packageRoot } from '../../src/resources.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { defaultPipeline, geoResources } from '../shared-resources.js';

/** Five short reports written for these tests (test/api/corpus), one of them full of markup that must never run. */
export const CORPUS = join(packageRoot, 'test', 'api', 'corpus');
export const HOSTILE = join(CORPUS, 'hostile.txt');

export interface Fixture {
  app: FastifyInstance;
  store: Store;
  pipeline: Pipeline;
  dir: string;
  close(): Promise<void>;
}

/**
 * A temporary SQLite store holding the given inputs, read by the ingest
 * module through the real pipeline and fused, and the app built on it.
 */
export async function createFixture(inputs: string[] = [CORPUS], options: Partial<AppOptions> = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-api-'));
  const store = await openStore(join(dir, 'test.db'));
  const used = await defaultPipeline();
  const summary = await ingest(inputs, { store, pipeline: used });
  if (summary.failed > 0) throw new Error(`fixture ingest failed: ${summary.errors.map((e) => e.toLine()).join('; ')}`);
  await refreshFusion(store);
  const app = await buildApp({ store, pipeline: used, gazetteer: geoResources().gazetteer, ...options });
  return {
    app, store, pipeline: used, dir,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Parses a JSON response body. */
export function json<T = any>(response: { body: string }): T {
  return JSON.parse(response.body) as T;
}

/**
 * Polls a job until it leaves the queue, however long that takes on a busy
 * machine (a job that never finishes is a file that never ends, which
 * scripts/run-tests.js fails).
 */
export async function waitForJob(app: FastifyInstance, jobId: string): Promise<any> {
  for (;;) {
    const response = await app.inject(`/api/jobs/${jobId}`);
    if (response.statusCode !== 200) throw new Error(`job ${jobId}: ${response.statusCode} ${response.body}`);
    const job = json(response);
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
