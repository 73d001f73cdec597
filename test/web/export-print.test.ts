// Export buttons and printing in a real browser, on the demo store.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../browser.js';
import { withDemoPage, type DemoPage } from './demo-page.js';

describeInBrowser('export and print in chromium', () => {
  let demo!: DemoPage;
  let page!: Page;
  withDemoPage((opened) => { demo = opened; page = opened.page; });

  /** Clicks an export link and reads the file it downloads. */
  const download = async (format: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#export-links a[data-format="${format}"]`)]);
    return { name: file.suggestedFilename(), url: new URL(file.url()), content: readFileSync((await file.path())!, 'utf8') };
  };

  it('downloads the events of the view, with its filters and dates, as GeoJSON, ACLED CSV and a dossier', async () => {
    await demo.open('#type=control&from=2017-06-01&to=2017-10-31&map=35.5,40,7');
    const geojson = await download('geojson');
    assert.equal(geojson.name, 'corridor-events.geojson');
    assert.equal(geojson.url.searchParams.get('type'), 'control');
    assert.equal(geojson.url.searchParams.get('from'), '2017-06-01');
    const [west, south, east, north] = geojson.url.searchParams.get('bbox')!.split(',').map(Number);
    assert.ok(west! < 40 && east! > 40 && south! < 35.5 && north! > 35.5, `the map's view: ${[west, south, east, north]}`);
    const events = JSON.parse(geojson.content).features.filter((f: any) => f.properties.featureKind === 'event');
    assert.ok(events.length > 0);
    assert.ok(events.every((f: any) => f.properties.type === 'control'));
    assert.match((await download('acled-csv')).content, /^event_id_cnty,/);
    assert.match((await download('html')).content, /^<!DOCTYPE html>/);
    assert.deepEqual(demo.problems, []);
  });

  it('exports what the outlet, status and source filters keep, every spelling of the speaker asked for (issue #20)', async () => {
    await demo.open('#outlet=Demo%20Wire&status=corroborated&map=35.5,40,5');
    const byOutlet = await download('geojson');
    assert.equal(byOutlet.url.searchParams.get('outlet'), 'Demo Wire');
    assert.equal(byOutlet.url.searchParams.get('status'), 'corroborated');
    const kept = JSON.parse(byOutlet.content).features.filter((f: any) => f.properties.featureKind === 'event');
    assert.ok(kept.length > 0);
    for (const e of kept) {
      assert.equal(e.properties.status, 'corroborated');
      assert.ok(e.properties.evidence.some((ev: any) => ev.outlet === 'Demo Wire'), e.properties.label);
    }

    // "Reyes" and "Col. Daniel Reyes" are one speaker in the Source filter.
    await demo.open('#source=Reyes&map=35.5,40,5');
    const bySource = await download('geojson');
    assert.deepEqual(bySource.url.searchParams.getAll('source').sort(), ['Col. Daniel Reyes', 'Reyes']);
    const told = JSON.parse(bySource.content).features.filter((f: any) => f.properties.featureKind === 'event');
    assert.ok(told.length > 0);
    for (const e of told) assert.ok(e.properties.evidence.some((ev: any) => /Reyes$/.test(ev.source)), e.properties.label);
    assert.deepEqual(demo.problems, []);
  });

  it('prints the map as drawn and the legend in its colours, without the controls', async () => {
    await demo.open('#map=35.5,40,6');
    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await page.locator('#panel').isVisible(), false);
      assert.equal(await page.locator('.timeline').isVisible(), false);
      assert.equal(await page.locator('#legend').isVisible(), true);
      const adjust = await page.locator('#legend-types li span').first().evaluate((swatch) => getComputedStyle(swatch).printColorAdjust);
      assert.equal(adjust, 'exact');
      // The print copies the canvas: a map that does not keep its drawing buffer copies as transparent pixels.
      const drawn = await page.evaluate(() => {
        const copy = document.createElement('canvas');
        copy.width = 40;
        copy.height = 40;
        const context = copy.getContext('2d')!;
        context.drawImage(document.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas')!, 0, 0, 40, 40);
        return context.getImageData(0, 0, 40, 40).data.filter((_, i) => i % 4 === 3 && _ > 0).length;
      });
      assert.equal(drawn, 40 * 40);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
