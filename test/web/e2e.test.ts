// The page in a real browser (Debian's chromium through playwright-core), on
// a server holding the demo corpus plus one hostile document.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { refreshFusion } from '../../src/fusion/index.js';
import { ingest } from '../../src/ingest/index.js';
import { packageRoot } from '../../src/resources.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { HOSTILE } from '../api/helpers.js';
import { describeInBrowser, launchChromium } from '../browser.js';
import { defaultPipeline } from '../shared-resources.js';

const ARTIFACTS = join(packageRoot, 'test-artifacts');

const CONTROL_AREAS = {
  type: 'FeatureCollection',
  name: 'Areas of control (test)',
  features: [{
    type: 'Feature',
    properties: { holder: '<img src=x onerror="window.__corridorPwned = \'layer\'">' },
    geometry: { type: 'Polygon', coordinates: [[[38.5, 35.5], [39.5, 35.5], [39.5, 36.3], [38.5, 36.3], [38.5, 35.5]]] },
  }],
};

describeInBrowser('the web page in chromium', () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const foreignRequests: string[] = [];

  const status = async () => Number((await page.locator('#status').textContent())!.match(/^(\d+) events/)![1]);
  const open = async (hash = '') => {
    await page.goto(`${server.url}/${hash}`);
    try {
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    } catch (error) {
      // Say why the page did not come up: its status line and what the console reported.
      const line = await page.locator('#status').textContent().catch(() => null);
      throw new Error(`the page did not finish loading (status: ${line}; console: ${problems.join(' | ') || 'nothing'})`, { cause: error });
    }
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corridor-e2e-'));
    mkdirSync(join(dir, 'layers'));
    writeFileSync(join(dir, 'layers', 'control.geojson'), JSON.stringify(CONTROL_AREAS));
    store = await openStore(join(dir, 'demo.db'));
    const pipeline = await defaultPipeline();
    const summary = await ingest([join(packageRoot, 'examples', 'demo'), HOSTILE], { store, pipeline });
    assert.equal(summary.failed, 0, summary.errors.map((e) => e.toLine()).join('\n'));
    await refreshFusion(store);
    server = await startServer({ store, pipeline, host: '127.0.0.1', port: 0, layersDir: join(dir, 'layers'), logger: false });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      // Software WebGL reports driver performance notes as warnings; errors are what count.
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:')) foreignRequests.push(url);
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the map on the offline basemap, with no request elsewhere and no script or CSP error', async () => {
    await open();
    const canvas = await page.locator('canvas.maplibregl-canvas').boundingBox();
    assert.ok(canvas && canvas.width > 600 && canvas.height > 400, 'the map fills its area');
    // Country names are drawn by MapLibre on the canvas: the map is asked what it placed. Which names it places moves with the
    // data (a mark at a country's own point, an event placed at "Iraq", hides that country's name), so any country's will do.
    await page.waitForFunction(() => (window as any).corridorMap.queryRenderedFeatures({ layers: ['country-labels'] })
      .some((f: any) => typeof f.properties.name === 'string' && f.properties.name.length > 0), null, { timeout: 15_000 });
    assert.ok(await status() > 0, 'events are drawn');
    assert.ok(await page.locator('.group-item').count() > 0, 'the overview lists them');
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(problems, []);
  });

  it('draws movements with arrowheads; clicking one opens its evidence and the document behind it', async () => {
    await open();
    const arrows = page.locator('.movement-arrow');
    assert.ok(await arrows.count() > 0, 'movement arrows are drawn');
    // The first arrow nothing else covers, clicked with the mouse like a user would.
    const target = await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('.movement-arrow'))) {
        const box = el.getBoundingClientRect();
        const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
        if (document.elementFromPoint(x, y) === el) return { x, y, label: el.getAttribute('aria-label') };
      }
      return null;
    });
    assert.ok(target, 'one arrow can be clicked');
    await page.mouse.click(target.x, target.y);
    await page.waitForSelector('.mention');
    const title = await page.locator('#panel-title').textContent();
    assert.ok(target.label!.startsWith(title!), `panel "${title}" for arrow "${target.label}"`);
    const quote = (await page.locator('.evidence-quote').first().textContent())!;
    assert.ok(quote.length > 10);
    assert.match(page.url(), /view=cluster%3A/);

    await page.locator('.mention button', { hasText: 'Read the document' }).first().click();
    await page.waitForSelector('.doc-text');
    const focused = (await page.locator('.doc-text .focus').allTextContents()).join('');
    assert.ok(focused.length > 0 && quote.includes(focused.trim().slice(0, 20)), 'the event\'s clause is highlighted');
    assert.ok(await page.locator('.doc-text mark.hl-place').count() > 0, 'places are highlighted');
    assert.ok(await page.locator('.doc-events .doc-event').count() > 0, 'the events of the document are listed');
    assert.match(page.url(), /view=doc%3A[0-9a-f]{64}%40/);

    await page.locator('#panel-back').click();
    await page.waitForSelector('.mention');

    // For the screenshot: the movement with the most reports, opened from the keyboard.
    const reports = await page.locator('.movement-arrow').evaluateAll((els) =>
      els.map((el) => Number(/(\d+) reports?;/.exec(el.getAttribute('aria-label') ?? '')?.[1] ?? 0)));
    await page.locator('.movement-arrow').nth(reports.indexOf(Math.max(...reports))).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.mention').length === n, Math.max(...reports));
    // Leaving the arrow closes its hover summary, which would cover the map.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'map.png') });
    assert.deepEqual(problems, []);
  });

  it('opens an arrow from the keyboard, and Escape closes the panel', async () => {
    await open();
    await page.locator('.movement-arrow').last().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.mention');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#panel').isHidden(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'panel-open');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#panel').isVisible(), true);
  });

  it('filters the map by time with the range, and the play button walks forward', async () => {
    await open();
    const everything = await status();
    const arrowsBefore = await page.locator('.movement-arrow').count();
    const max = Number(await page.locator('#time-to').getAttribute('max'));
    await page.locator('#time-to').fill(String(Math.floor(max / 3)));
    const early = await status();
    assert.ok(early < everything, `${early} < ${everything} events`);
    assert.ok(await page.locator('.movement-arrow').count() <= arrowsBefore);
    assert.match(page.url(), /to=\d{4}-\d{2}-\d{2}/);

    await page.locator('#play').click();
    // The window moves forward step by step, however long a busy machine takes to draw each.
    await page.waitForFunction(() => Number((document.querySelector('#time-from') as HTMLInputElement).value) > 0);
    await page.locator('#play').click();
    assert.notEqual(await status(), everything);
  });

  it('searches the documents and shows only their events', async () => {
    await open();
    const everything = await status();
    await page.locator('#search-input').fill('Palmyra');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.search-item');
    assert.equal(await page.locator('#panel-title').textContent(), 'Search: Palmyra');
    const marks = await page.locator('.search-item mark').allTextContents();
    assert.ok(marks.length > 0 && marks.every((m) => /palmyra/i.test(m)));
    assert.ok(await status() < everything);
    assert.match(page.url(), /q=Palmyra/);
  });

  it('searching a place name also shows the events at that place, whatever name their reports give it', async () => {
    await open();
    const everything = await status();
    const placeEvents = async (name: string) => {
      const items = (await (await fetch(`${server.url}/api/events?place=${encodeURIComponent(name)}&limit=5000`)).json()).items as any[];
      return new Set(items.map((e) => `${e.docId}/${e.id}`));
    };
    const atPalmyra = await placeEvents('Palmyra');
    assert.ok(atPalmyra.size > 0);
    assert.deepEqual(await placeEvents('Tadmur'), atPalmyra);
    await page.locator('#search-input').fill('Tadmur');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /reports at the place/.test(document.querySelector('#status')?.textContent ?? ''));
    assert.match((await page.locator('#status').textContent())!, new RegExp(`search “Tadmur”: \\d+ documents, ${atPalmyra.size} reports at the place`));
    assert.match((await page.locator('#panel-body .summary').textContent())!, /reports? of events at the place/);
    const shown = await status();
    assert.ok(shown > 0 && shown < everything, `${shown} of ${everything} events`);
    await page.locator('#filter-reset').click();
  });

  it('shows whom a quoted source speaks for, and counts a spokesman and his ministry once', async () => {
    const clusters = (await (await fetch(`${server.url}/api/clusters?limit=1000`)).json()).items as any[];
    const cluster = clusters.find((c) => c.mentions.some((m: any) => m.chain.some((l: any) => l.source === 'Orlov')));
    assert.ok(cluster, 'the demo corpus quotes Orlov on a cluster');
    await open(`#view=cluster%3A${cluster.id}`);
    await page.waitForSelector('.mention');
    const lines = await page.locator('.mention-source').allTextContents();
    assert.ok(lines.some((line) => line.includes("Orlov (Russia's defence ministry)")), lines.join(' | '));
    await page.locator('summary', { hasText: /independent source/ }).click();
    const reasons = await page.locator('li.counted, li.not-counted').allTextContents();
    assert.ok(reasons.some((r) => r.includes("quoting Orlov for Russia's defence ministry")), reasons.join(' | '));
    assert.equal(reasons.filter((r) => r.startsWith('✓') && r.includes("Russia's defence ministry")).length, 1, reasons.join(' | '));
    assert.deepEqual(problems, []);
  });

  it('keeps the filters in the URL, so a shared link shows the same view', async () => {
    await open();
    await page.locator('#filter-type').selectOption('movement');
    const filtered = await status();
    const hash = new URL(page.url()).hash;
    assert.match(hash, /type=movement/);
    await open(hash);
    assert.equal(await page.locator('#filter-type').inputValue(), 'movement');
    assert.equal(await status(), filtered);
  });

  it('shows a hostile document as text: its markup never runs', async () => {
    const [hostile] = (await store.search('corridorPwned', 5));
    assert.ok(hostile, 'the hostile document is stored');
    await open(`#view=doc:${hostile.docId}`);
    await page.waitForSelector('.doc-text');
    const text = (await page.locator('.doc-text').textContent())!;
    assert.ok(text.includes('<script>window.__corridorPwned = "script"</script>'));
    assert.ok(text.includes('onerror='));
    assert.ok((await page.locator('#panel-title').textContent())!.includes('<script>'));
    assert.equal(await page.locator('#panel img, #panel script, #panel iframe, #panel a[href^="javascript"]').count(), 0);
    // And its search snippet, also built from document text.
    await page.locator('#search-input').fill('corridorPwned');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.search-item');
    assert.equal(await page.locator('#panel img, #panel script, #panel iframe').count(), 0);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as unknown as { __corridorPwned?: string }).__corridorPwned), undefined);
  });

  it('lists reference layers from the folder and from a file, toggled in the legend', async () => {
    await open();
    const folderLayer = page.locator('#legend-layers label', { hasText: 'Areas of control (test)' });
    assert.equal(await folderLayer.count(), 1);
    await page.locator('#layer-file').setInputFiles({
      name: 'roads.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'LineString', coordinates: [[38.3, 34.6], [40.1, 35.3]] })),
    });
    const fileLayer = page.locator('#legend-layers label', { hasText: 'roads.geojson (1)' });
    await fileLayer.waitFor();
    await fileLayer.locator('input').uncheck();
    assert.match(page.url(), /hide=file-1/);
    await page.locator('#layer-file').setInputFiles({ name: 'bad.geojson', mimeType: 'application/json', buffer: Buffer.from('{"type": "Topology"}') });
    // The file is read asynchronously: wait for the message to appear.
    await page.locator('#layer-error').waitFor({ state: 'visible' });
    assert.match((await page.locator('#layer-error').textContent())!, /bad\.geojson: not GeoJSON/);
    assert.equal(await page.evaluate(() => (window as unknown as { __corridorPwned?: string }).__corridorPwned), undefined);
    assert.deepEqual(problems, []);
  });
});
