import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDefaultPipeline } from '../../src/default-pipeline.js';
import { loadExportResources, type ExportResources } from '../../src/export/index.js';
import { refreshFusion } from '../../src/fusion/index.js';
import { ingest } from '../../src/ingest/index.js';
import type { Pipeline } from '../../src/pipeline.js';
import { packageRoot } from '../../src/resources.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';

/** Short reports written for these tests, one of them full of markup and quotes that must come out escaped. */
export const CORPUS = join(packageRoot, 'test', 'fixtures', 'export', 'corpus');
export const FIXTURES = join(packageRoot, 'test', 'fixtures', 'export');
export const CLI = join(packageRoot, 'dist', 'src', 'cli', 'index.js');

let sharedPipeline: Promise<Pipeline> | null = null;
let sharedResources: ExportResources | null = null;

/** The real default pipeline, created once per test file (it loads the gazetteer). */
export function pipeline(): Promise<Pipeline> {
  return (sharedPipeline ??= createDefaultPipeline());
}

export function resources(): ExportResources {
  return (sharedResources ??= loadExportResources());
}

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
  const summary = await ingest(inputs, { store, pipeline: await pipeline() });
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
