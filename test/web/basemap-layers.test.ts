// The basemap's detail in a real browser, on the demo store: river areas, admin-1
// borders and populated places asked for the view, and labels that never stand twice.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../browser.js';
import { withDemoPage, type DemoPage } from './demo-page.js';

describeInBrowser('the basemap in chromium', () => {
  let demo!: DemoPage;
  let page!: Page;
  withDemoPage((opened) => { demo = opened; page = opened.page; });

  /** The names MapLibre placed on screen for a layer (symbols lost to a collision are not rendered). */
  const rendered = (layer: string): Promise<string[]> => page.evaluate((id) => (window as any).corridorMap.queryRenderedFeatures({ layers: [id] })
    .map((f: any) => f.properties.name as string), layer);

  it('draws governorate borders and town names along the Euphrates once zoomed in, each name once', async () => {
    await demo.open('#map=34.9,40.6,8');
    await page.waitForFunction(() => {
      const map = (window as any).corridorMap;
      return map.queryRenderedFeatures({ layers: ['admin1'] }).length > 0 && map.queryRenderedFeatures({ layers: ['places'] }).length > 0;
    }, null, { timeout: 60_000 });
    const towns = await rendered('places');
    assert.equal(new Set(towns).size, towns.length, `one label per town: ${towns.join(', ')}`);
    const evidenceLabels = await rendered('evidence-labels');
    assert.ok(evidenceLabels.length > 0, 'the evidence labels its places');
    assert.deepEqual(towns.filter((t) => evidenceLabels.includes(t)), [], 'a place the evidence labels is not labelled again by the basemap');
    const labelled = new Set(evidenceLabels);
    assert.equal(labelled.size, evidenceLabels.length, `one evidence label per name: ${evidenceLabels.join(', ')}`);
    assert.deepEqual(demo.problems, []);
  });

  it('names no town at the zoom of the whole region, and only the largest countries when zoomed out', async () => {
    await demo.open('#map=34,40,2');
    await page.waitForFunction(() => (window as any).corridorMap.queryRenderedFeatures({ layers: ['country-labels'] }).length > 0, null, { timeout: 15_000 });
    assert.deepEqual(await rendered('places'), []);
    const countries = await rendered('country-labels');
    assert.ok(countries.includes('Russia'), countries.join(', '));
    assert.ok(!countries.includes('Lebanon'), 'a small country waits for a closer zoom');
  });

  it('draws the Euphrates around Raqqa at zoom 9: its areas and its course as a line', async () => {
    await demo.open('#map=35.95,39.0,9');
    await page.waitForFunction(() => (window as any).corridorMap.queryRenderedFeatures({ layers: ['rivers'] }).length > 0, null, { timeout: 30_000 });
    await page.waitForFunction(() => (window as any).corridorMap.queryRenderedFeatures({ layers: ['river-lines'] }).length > 0, null, { timeout: 30_000 });
    const attribution = await page.evaluate(() => (window as any).corridorMap.getContainer().querySelector('.maplibregl-ctrl-attrib-inner')?.textContent ?? '');
    assert.match(attribution, /OpenStreetMap/);
    assert.match(attribution, /Natural Earth/);
    assert.deepEqual(demo.problems, []);
  });

  it('keeps the first load within 6 MB, basemap detail of the first view included (issue #20)', async () => {
    // A page of its own: a new context, so nothing comes from the other tests' cache.
    const fresh = await demo.browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await fresh.goto(`${demo.server.url}/`);
      await fresh.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      // The first view's basemap detail is asked for once the map has loaded (the demo opens at about zoom 6): wait until it has come.
      await fresh.waitForFunction(() => ['/api/basemap/rivers', '/api/basemap/admin1', '/api/basemap/places'].every((path) => performance.getEntriesByType('resource')
        .some((entry) => entry.name.includes(path) && (entry as PerformanceResourceTiming).responseEnd > 0)), null, { timeout: 30_000 });
      const bytes = await fresh.evaluate(() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0));
      assert.ok(bytes > 100_000, `the page and its data were counted: ${bytes} bytes`);
      assert.ok(bytes <= 6 * 1024 * 1024, `first load: ${(bytes / 1024 / 1024).toFixed(2)} MB`);
    } finally {
      await fresh.close();
    }
  });
});
