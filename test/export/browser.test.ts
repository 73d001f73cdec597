// The HTML dossier opened from a file in a real browser (Debian's chromium through playwright-core),
// with every request but the file itself blocked: it must show the map all the same.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { buildExportDataset, toHtml } from '../../src/export/index.js';
import { describeInBrowser, launchChromium } from '../browser.js';
import { exportResources } from '../shared-resources.js';
import { fixtureStore, GENERATED_AT, type FixtureStore } from './helpers.js';

describeInBrowser('the HTML dossier in chromium, offline', () => {
  let fixture: FixtureStore;
  let browser: Browser;
  let file: string;

  before(async () => {
    fixture = await fixtureStore();
    const dataset = await buildExportDataset(fixture.store, { countries: exportResources().countries, generatedAt: GENERATED_AT, version: 'test' });
    file = join(fixture.dir, 'dossier.html');
    writeFileSync(file, toHtml(dataset, { countries: exportResources().countries, settings: exportResources().settings }));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await fixture?.close();
  });

  it('shows the map with its event marks and movement arrows, and no request leaves the page', async () => {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const url = pathToFileURL(file).href;
    const blocked: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    // Requests the router does not see (other file: URLs) are counted too.
    const requested: string[] = [];
    page.on('request', (request) => { if (request.url() !== url) requested.push(request.url()); });
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(url, { waitUntil: 'load' });

    const map = page.locator('svg.map');
    const box = await map.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 150, `the map is drawn (${JSON.stringify(box)})`);
    const marks = page.locator('svg.map circle.event-mark');
    assert.ok(await marks.count() >= 5, 'event marks');
    assert.ok(await marks.first().isVisible());
    assert.ok(await page.locator('svg.map path.country').count() > 0, 'country outlines');
    assert.ok(await page.locator('svg.map line.movement-arrow').count() > 0, 'movement arrows');
    assert.ok(await page.locator('svg.timeline rect.timeline-mark').count() > 0, 'the timeline');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'no markup from a document ran');
    assert.match((await page.locator('#claims').textContent())!, /<script>window\.__pwned = 2<\/script>/);
    assert.deepEqual(blocked, []);
    assert.deepEqual(requested, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
