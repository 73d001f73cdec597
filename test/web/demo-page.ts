// The web page in chromium on a server holding the demo corpus: what the browser
// tests of the analyst's views share (control.test.ts, analyst.test.ts).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { refreshFusion } from '../../src/fusion/index.js';
import { ingest } from '../../src/ingest/index.js';
import { packageRoot } from '../../src/resources.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { launchChromium } from '../browser.js';
import { defaultPipeline } from '../shared-resources.js';

export interface DemoPage {
  server: RunningServer;
  store: Store;
  browser: Browser;
  page: Page;
  /** Console errors and uncaught exceptions of the page, in order. */
  problems: string[];
  /** Loads the page at `hash` and waits until it has drawn everything. */
  open(hash?: string): Promise<void>;
  close(): Promise<void>;
}

/** Ingests the demo corpus into a fresh store, serves it, and opens a chromium page of `viewport` size on it. */
export async function openDemoPage(viewport = { width: 1280, height: 800 }): Promise<DemoPage> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-demo-page-'));
  const store = await openStore(join(dir, 'demo.db'));
  const pipeline = await defaultPipeline();
  const summary = await ingest([join(packageRoot, 'examples', 'demo')], { store, pipeline });
  assert.equal(summary.failed, 0, summary.errors.map((e) => e.toLine()).join('\n'));
  await refreshFusion(store);
  const server = await startServer({ store, pipeline, host: '127.0.0.1', port: 0, logger: false });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    server, store, browser, page, problems,
    async open(hash = '') {
      await page.goto(`${server.url}/${hash}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    },
    async close() {
      await browser.close();
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the demo page before a suite's tests and closes it after them; `use` receives it once open.
 *
 * @example
 * let page!: Page;
 * withDemoPage((demo) => { page = demo.page; });
 */
export function withDemoPage(use: (demo: DemoPage) => void, viewport?: { width: number; height: number }): void {
  let demo: DemoPage | undefined;
  before(async () => {
    demo = await openDemoPage(viewport);
    use(demo);
  });
  after(async () => demo?.close());
}
