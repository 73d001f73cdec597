// One trajectory at a time, with arrows along it, in a real browser on the demo store.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../browser.js';
import { withDemoPage, type DemoPage } from './demo-page.js';

describeInBrowser('trajectories in chromium', () => {
  let demo!: DemoPage;
  let page!: Page;
  withDemoPage((opened) => { demo = opened; page = opened.page; });

  /** The actors of the trajectory legs the map draws now: it holds every leg, and shows those whose feature state says so. */
  const drawnActors = () => page.evaluate(() => {
    const map = (window as any).corridorMap;
    return [...new Set(map.querySourceFeatures('trajectories').filter((f: any) => map.getFeatureState({ source: 'trajectories', id: f.id }).shown)
      .map((f: any) => f.properties.actorId as string))].sort() as string[];
  });
  /** The map shows new marks once it has laid out their labels: waits until it draws the legs of `expected`, then asserts it does. */
  const drawsOnly = async (expected: string[]) => {
    await page.waitForFunction((want) => {
      const map = (window as any).corridorMap;
      const shown = map.querySourceFeatures('trajectories').filter((f: any) => map.getFeatureState({ source: 'trajectories', id: f.id }).shown);
      return JSON.stringify([...new Set(shown.map((f: any) => f.properties.actorId))].sort()) === JSON.stringify(want);
    }, expected, { timeout: 15_000 }).catch(() => {});
    assert.deepEqual(await drawnActors(), expected);
  };

  it('shows one actor\'s trajectory alone, from the picker and from a link, with arrows along it', async () => {
    await demo.open('#map=35.5,40.5,6');
    const all = await drawnActors();
    assert.ok(all.length >= 3 && all.includes('islamic-state'), `every trajectory at first: ${all.join(', ')}`);

    // Fusion may tell an actor's units apart ('islamic-state/<unit>'): the picker lists each path.
    const pick = await page.locator('#trajectory-pick option').evaluateAll((options) =>
      options.map((o) => (o as HTMLOptionElement).value).find((v) => v === 'islamic-state' || v.startsWith('islamic-state/')));
    assert.ok(pick, 'a path of the Islamic State in the picker');
    await page.selectOption('#trajectory-pick', pick);
    await page.waitForFunction(() => location.hash.includes('path=islamic-state'));
    await drawsOnly(['islamic-state']);
    await page.waitForFunction(() => (window as any).corridorMap.queryRenderedFeatures({ layers: ['trajectory-arrows'] }).length > 0, null, { timeout: 15_000 });

    await page.selectOption('#trajectory-pick', '');
    await page.waitForFunction(() => !location.hash.includes('path='));
    await drawsOnly(all);

    await demo.open('#path=syrian-arab-army&map=35.5,40.5,6');
    assert.equal(await page.locator('#trajectory-pick').inputValue(), 'syrian-arab-army');
    await drawsOnly(['syrian-arab-army']);
    assert.deepEqual(demo.problems, []);
  });
});
