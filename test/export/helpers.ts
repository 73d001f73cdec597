import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refreshFusion } from '../../src/fusion/index.js';
import { ingest } from '../../src/ingest/index.js';
import { packageRoot } from '../../src/resources.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { defaultPipeline } from '../shared-resources.js';

/** Short reports written for these tests, one of them full of markup and quotes that must come out escaped. */
export const CORPUS = join(packageRoot, 'test', 'fixtures', 'export', 'corpus');
export const FIXTURES = join(packageRoot, 'test', 'fixtures', 'export');
export const CLI = join(packageRoot, 'dist', 'src', 'cli', 'index.js');

export interface FixtureStore {
  store: Store;
  dir: string;
  db: string;
  close(): Promise<void>;
}

/** A temporary SQLite store holding the inputs, read through the real pipeline by the ingest module and fused. */
export async function fixtureStore(inputs: string[] = [CORPUS]): Promise<FixtureStore> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-export-'));
  const db = join(dir, 'test.db');
  const store = await openStore(db);
  const summary = await ingest(inputs, { store, pipeline: await defaultPipeline() });
  if (summary.failed > 0) throw new Error(`fixture ingest failed: ${summary.errors.map((e) => e.toLine()).join('; ')}`);
  await refreshFusion(store);
  return {
    store, dir, db,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fixed export time, so outputs do not depend on the clock. */
export const GENERATED_AT = '2024-01-02T03:04:05.000Z';
