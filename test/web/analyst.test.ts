// The analyst's everyday tools in a real browser, on the demo store: the events
// at one place as a list, a list that follows the map, links that reopen a view.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../browser.js';
import { withDemoPage, type DemoPage } from './demo-page.js';
import { isOccurrence } from '../../src/types.js';

const TAL_AFAR = 'Tall ‘Afar';

describeInBrowser('the analyst\'s tools in chromium', () => {
  let demo!: DemoPage;
  let page!: Page;
  withDemoPage((opened) => { demo = opened; page = opened.page; });

  /** The number the overview's first line gives: events whose place the map shows. */
  const eventsInView = async () => Number((await page.locator('#panel-body .summary').textContent())!.match(/^(\d+) events in view/)![1]);
  /** Where on the screen a place's marks are drawn: the map projects the point its label names. */
  const screenPoint = async (name: string) => page.evaluate((wanted) => {
    const map = (window as any).corridorMap;
    const place = map.querySourceFeatures('places').find((f: any) => f.properties.kind === 'evidence' && f.properties.name === wanted);
    const { x, y } = map.project(place.geometry.coordinates);
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, name);
  /** The scale bar's length in metres: it follows every step of a zoom. */
  const scaleMetres = async () => {
    const [, value, unit] = (await page.locator('.maplibregl-ctrl-scale').textContent())!.match(/^([\d.]+)\s*(km|m)$/)!;
    return Number(value) * (unit === 'km' ? 1000 : 1);
  };
  /** Turns the mouse wheel over a point, one notch at a time, until the scale bar passes `metres` (down or up). */
  const zoomAt = async (point: { x: number; y: number }, metres: number) => {
    const zoomingIn = await scaleMetres() > metres;
    await page.mouse.move(point.x, point.y);
    for (let notch = 0; notch < 20 && (zoomingIn ? await scaleMetres() > metres : await scaleMetres() < metres); notch++) {
      // The bar's width changes at each step, its rounded length not always.
      const width = await page.locator('.maplibregl-ctrl-scale').evaluate((bar: HTMLElement) => bar.style.width);
      await page.mouse.wheel(0, zoomingIn ? -600 : 600);
      await page.waitForFunction((before) => document.querySelector<HTMLElement>('.maplibregl-ctrl-scale')!.style.width !== before, width);
    }
  };
  const listed = () => page.locator('#panel-body .group-item .group-label').allTextContents();
  /** Waits until the overview, redrawn once the map rests, lists at least `atLeast` events, or (with `farAway`) none whose label matches it. */
  const settled = async ({ atLeast, farAway }: { atLeast?: number; farAway?: string }) => {
    await page.waitForFunction(({ atLeast, farAway }) => {
      const labels = Array.from(document.querySelectorAll('#panel-body .group-item .group-label')).map((l) => l.textContent ?? '');
      if (atLeast !== undefined) return labels.length >= atLeast;
      return labels.length > 0 && !labels.some((l) => new RegExp(farAway!).test(l));
    }, { atLeast, farAway }, { timeout: 15_000 }).catch(async (error) => {
      const scale = await page.locator('.maplibregl-ctrl-scale').textContent();
      throw new Error(`at a ${scale} scale the overview lists ${(await listed()).join(' | ')}`, { cause: error });
    });
    return listed();
  };

  /** What a user sees of a view: the URL, the filters, the exact days, the status line and the events listed. */
  const snapshot = async () => ({
    hash: new URL(page.url()).hash,
    filters: await page.locator('#filters select').evaluateAll((selects) => selects.map((s) => `${s.id}=${(s as HTMLSelectElement).value}`)),
    days: [await page.locator('#date-from').inputValue(), await page.locator('#date-to').inputValue()],
    status: await page.locator('#status').textContent(),
    title: await page.locator('#panel-title').textContent(),
    listed: await listed(),
  });
  /** Asks `read` again until it equals `expected` (the page redraws asynchronously), then asserts it does. */
  const eventually = async <T>(read: () => Promise<T>, expected: T) => {
    let actual = await read();
    for (let tries = 0; tries < 100 && JSON.stringify(actual) !== JSON.stringify(expected); tries++) {
      await page.waitForTimeout(100);
      actual = await read();
    }
    assert.deepEqual(actual, expected);
  };

  it('opens the events at one place as a list: Tal Afar\'s marks, each opening its evidence', async () => {
    await demo.open();
    const { x, y } = await screenPoint(TAL_AFAR);
    await page.mouse.move(x, y);
    await page.waitForSelector('.maplibregl-popup .hint');
    assert.match((await page.locator('.maplibregl-popup .hint').textContent())!, /^and \d+ more events here: click for the list$/);
    await page.mouse.click(x, y);
    await page.waitForFunction(() => / events?$/.test(document.querySelector('#panel-title')?.textContent ?? ''));
    const title = (await page.locator('#panel-title').textContent())!;
    const count = Number(title.match(/: (\d+) events$/)?.[1]);
    assert.equal(title, `${TAL_AFAR}: ${count} events`);
    const labels = await listed();
    assert.ok(count >= 10, `about ten events at Tal Afar, got ${count}`);
    assert.equal(labels.length, count);
    assert.ok(labels.every((label) => label.includes(TAL_AFAR)), labels.join(' | '));
    assert.match(page.url(), /view=at%3A36\.37913%2C42\.44806/);

    await page.locator('#panel-body .group-item').nth(1).click();
    await page.waitForSelector('.mention');
    assert.equal(await page.locator('#panel-title').textContent(), labels[1]);
    await page.locator('#panel-back').click();
    await page.waitForFunction((t) => document.querySelector('#panel-title')?.textContent === t, title);
    assert.deepEqual(demo.problems, []);
  });

  it('lists the events in the map\'s view: fewer when zoomed in on Tal Afar to a 3 km scale, more again when zoomed out', async () => {
    await demo.open();
    const everything = await eventsInView();
    const talAfar = await screenPoint(TAL_AFAR);
    await zoomAt(talAfar, 3_000);
    const near = await settled({ farAway: 'Ar Raqqah|Tadmur|Deir ez-Zor|Sinjār' });
    assert.ok(near.some((label) => label.includes(TAL_AFAR)), near.join(' | '));
    const zoomedIn = await eventsInView();
    assert.ok(zoomedIn === near.length && zoomedIn < everything, `${zoomedIn} of ${everything} events in view`);
    // Out past the first view, which framed most of the evidence: every event with a place is in view again.
    await zoomAt(talAfar, 300_000);
    assert.ok((await settled({ atLeast: everything })).length >= everything);
    assert.deepEqual(demo.problems, []);
  });

  it('keeps exact days, the filters, the map\'s centre and zoom in the URL: a link reopens the same view', async () => {
    await demo.open('#type=control&from=2017-06-01&to=2017-08-31');
    assert.deepEqual((await snapshot()).days, ['2017-06-01', '2017-08-31']);
    assert.equal(await page.locator('#time-from').getAttribute('aria-valuetext'), '2017-06-01');
    assert.match(page.url(), /type=control&from=2017-06-01&to=2017-08-31&map=[-\d.]+%2C[-\d.]+%2C[\d.]+$/);
    await zoomAt(await screenPoint(TAL_AFAR), 20_000);
    await settled({ farAway: 'Ar Raqqah|Tadmur|Deir ez-Zor' });
    await page.locator('#filter-actor').selectOption({ label: 'Islamic State' });
    const shared = await snapshot();
    assert.ok(shared.listed.length > 0, 'events are listed');

    await demo.open(shared.hash);
    assert.deepEqual(await snapshot(), shared);
    assert.deepEqual(demo.problems, []);
  });

  it('restores a link pasted into an open tab, and Reset clears the dates and filters from the URL', async () => {
    await demo.open('#type=control&from=2017-06-01&to=2017-08-31');
    await zoomAt(await screenPoint(TAL_AFAR), 20_000);
    await settled({ farAway: 'Ar Raqqah|Tadmur|Deir ez-Zor' });
    const shared = await snapshot();

    await page.locator('#filter-reset').click();
    const hash = new URL(page.url()).hash;
    assert.doesNotMatch(hash, /from=|to=|type=/);
    assert.match(hash, /map=/, 'Reset leaves the map where it is');
    await page.locator('#filter-type').selectOption('movement');
    await zoomAt(await screenPoint(TAL_AFAR), 300_000);
    assert.notDeepEqual(await snapshot(), shared);

    await page.evaluate((h) => { location.hash = h; }, shared.hash);
    await eventually(snapshot, shared);
    assert.deepEqual(demo.problems, []);
  });

  /** Every event the API holds, as the page loads them; without a Modality filter the page shows what happened. */
  const apiEvents = async () => ((await (await fetch(`${demo.server.url}/api/events?limit=5000`)).json()) as { items: any[] }).items.filter(isOccurrence);
  /** The reports the status line counts. */
  const reportsShown = async () => Number((await page.locator('#status').textContent())!.match(/ · (\d+) reports/)![1]);

  it('filters by outlet and by status (contested, single source), and the status line counts the reports kept', async () => {
    const events = await apiEvents();
    await demo.open();
    await page.locator('#filter-outlet').selectOption('Demo Radio');
    assert.equal(await reportsShown(), events.filter((e) => e.outlet === 'Demo Radio').length);
    assert.match(page.url(), /outlet=Demo\+Radio/);
    await page.locator('#filter-outlet').selectOption('');

    for (const [status, badge] of [['contested', 'contested'], ['single-source', 'single source']] as const) {
      await page.locator('#filter-status').selectOption(status);
      assert.equal(await reportsShown(), events.filter((e) => e.status === status).length, status);
      const badges = await page.locator('#panel-body .group-item .badge').allTextContents();
      assert.ok(badges.length > 0 && badges.every((b) => b === badge), `${status}: ${badges.join(', ')}`);
    }
    assert.match(page.url(), /status=single-source/);
    assert.deepEqual(demo.problems, []);
  });

  it('lists the contradictions the filters and time range keep, and the events newest first', async () => {
    await demo.open();
    const contradictions = () => page.locator('#panel-body .cx-list li').allTextContents();
    const all = await contradictions();
    assert.ok(all.length > 1);
    await page.locator('#filter-type').selectOption('control');
    const control = await contradictions();
    assert.ok(control.length > 0 && control.length < all.length, `${control.length} of ${all.length}`);
    // Each reads as a sentence; one side at least is a change or a holding of control.
    assert.ok(control.every((cx) => / (took|retook|lost|holds|besieged|cleared) /.test(cx)), control.join(' | '));

    await demo.open('#from=2014-01-01&to=2014-12-31');
    const early = await contradictions();
    assert.ok(early.length < all.length && early.every((cx) => / 2014\b/.test(cx)), early.join(' | '));

    await demo.open('#map=35.5,40.5,3');
    const lastDays = (await page.locator('#panel-body .group-item .group-meta').allTextContents())
      .map((meta) => meta.match(/(\d{4}-\d{2}-\d{2}) · /)?.[1] ?? 'undated');
    const dated = lastDays.filter((d) => d !== 'undated');
    assert.deepEqual(dated, [...dated].sort().reverse(), 'newest first');
    assert.deepEqual(lastDays.slice(dated.length).every((d) => d === 'undated'), true, 'undated last');
    assert.ok(dated[0]! > dated[dated.length - 1]!);
  });

  it('reads each contradiction as a sentence with both sides\' sources and dates', async () => {
    await demo.open();
    const sentences = await page.locator('#panel-body .cx-list li').allTextContents();
    // The demo's Tal Afar story: the city retaken on 27 August, and a radio report of fighting the next day.
    const talAfar = sentences.find((cx) => cx.includes('there was fighting at'));
    assert.ok(talAfar, sentences.join(' | '));
    assert.match(talAfar, new RegExp(`^.*Demo Radio.* says? .*retook ${TAL_AFAR} on 27 Aug 2017; Demo Radio says there was fighting at ${TAL_AFAR} on 28 Aug 2017$`));
    assert.ok(sentences.every((cx) => !cx.includes('⟷') && / (says|say|denies that|deny that) /.test(cx)), sentences.join(' | '));
    await page.locator('#panel-body .cx-list button', { hasText: 'there was fighting at' }).click();
    // The sides are drawn once their documents have been fetched.
    await page.waitForSelector('#panel-body .cx-side h4');
    assert.deepEqual(await page.locator('#panel-body .cx-side h4').allTextContents(), talAfar.split('; '));
    assert.deepEqual(demo.problems, []);
  });

  it('finds a place by another transliteration: "Talafar" lists Tal Afar\'s events', async () => {
    const atTalAfarAll = ((await (await fetch(`${demo.server.url}/api/events?place=${encodeURIComponent('Tal Afar')}&limit=5000`)).json()) as { items: any[] }).items;
    const atTalAfar = atTalAfarAll.length;
    assert.ok(atTalAfar > 10);
    await demo.open();
    await page.locator('#search-input').fill('Talafar');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /reports at the place/.test(document.querySelector('#status')?.textContent ?? ''));
    assert.match((await page.locator('#status').textContent())!, new RegExp(`search “Talafar”: \\d+ documents, ${atTalAfar} reports at the place`));
    const labels = await listed();
    assert.ok(labels.length >= 10 && labels.every((label) => label.includes(TAL_AFAR)), labels.join(' | '));
    assert.equal(await reportsShown(), atTalAfarAll.filter(isOccurrence).length);
    assert.deepEqual(demo.problems, []);
  });
});
