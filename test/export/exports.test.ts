// Every export format on a store built from test/fixtures/export/corpus through the real pipeline.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACLED_COLUMNS, parseAcledCsv,
} from '../../src/reference/index.js';
import {
  buildExportDataset, readCsv, renderExport, toAcledCsv, toAnnotations, toClaimReviews, toGeoJson, toHtml, toTimemap,
  type ExportDataset, type ExportFilter,
} from '../../src/export/index.js';
import { exportResources } from '../shared-resources.js';
import { fixtureStore, GENERATED_AT, type FixtureStore } from './helpers.js';
import { geoJsonViolations } from './geojson-rules.js';

describe('exports of the fixture corpus', () => {
  let fixture: FixtureStore;
  let dataset: ExportDataset;
  const build = (filter: ExportFilter = {}) => buildExportDataset(fixture.store, { filter, countries: exportResources().countries, generatedAt: GENERATED_AT, version: 'test' });
  const event = (label: RegExp) => {
    const found = dataset.events.find((e) => label.test(e.label));
    assert.ok(found, `an event matching ${label} among: ${dataset.events.map((e) => e.label).join(' | ')}`);
    return found;
  };

  before(async () => {
    fixture = await fixtureStore();
    dataset = await build();
  });
  after(async () => fixture?.close());

  describe('the dataset', () => {
    it('holds the fused events with their evidence, place and country', () => {
      const raqqa = event(/^captured \(control\) by Syrian Democratic Forces/);
      assert.equal(raqqa.status, 'corroborated');
      assert.equal(raqqa.corroboration.score, 2);
      assert.equal(raqqa.place?.country?.alpha2, 'SY');
      assert.equal(raqqa.place?.role, 'location');
      for (const ev of raqqa.evidence) {
        assert.equal(dataset.texts.get(ev.document.id)!.slice(ev.start, ev.end), ev.quote);
        assert.ok(ev.sentence.includes(ev.quote));
      }
    });

    it('filters like the API: type, actor, dates, box and corroboration', async () => {
      const only = async (filter: ExportFilter) => (await build(filter)).events;
      assert.ok((await only({ type: 'control' })).every((e) => e.type === 'control'));
      assert.deepEqual((await only({ actor: 'Syrian Democratic Forces' })).map((e) => e.id), [event(/by Syrian Democratic Forces/).id]);
      assert.ok((await only({ from: '2017-10-01' })).every((e) => e.time && e.time.to >= '2017-10-01'));
      assert.ok((await only({ to: '2017-09-30' })).every((e) => e.time && e.time.from <= '2017-09-30'));
      const iraq = await only({ bbox: [38.8, 29, 48.6, 37.4] });
      assert.ok(iraq.length > 0 && iraq.every((e) => e.place!.lon >= 38.8 && e.place!.lat <= 37.4));
      // Two outlets each report the capture of Raqqa and the strike on Deir ez-Zor.
      assert.deepEqual((await only({ minCorroboration: 2 })).map((e) => e.id).sort(), [event(/by Syrian Democratic Forces/).id, event(/airstrike.*Deir/).id].sort());
      assert.deepEqual(await only({ type: 'governance' }), []);
    });
  });

  describe('GeoJSON', () => {
    it('follows RFC 7946', () => {
      const collection = toGeoJson(dataset);
      assert.deepEqual(geoJsonViolations(JSON.parse(JSON.stringify(collection))), []);
      assert.ok(!('crs' in collection));
    });

    it('draws events as Points in longitude, latitude order and movements as LineStrings from origin to destination', () => {
      const { features } = toGeoJson(dataset);
      const raqqa = features.find((f) => f.id === event(/by Syrian Democratic Forces/).id)!;
      assert.equal(raqqa.geometry.type, 'Point');
      const [lon, lat] = (raqqa.geometry as { coordinates: number[] }).coordinates;
      assert.ok(Math.abs(lon! - 39.01) < 0.1 && Math.abs(lat! - 35.95) < 0.1, `Raqqa at ${lon}, ${lat}`);
      assert.equal(raqqa.properties!['status'], 'corroborated');
      assert.equal(raqqa.properties!['corroboration'], 2);
      assert.deepEqual(raqqa.properties!['sources'], ['Test Wire', 'Test Gazette']);
      const move = features.find((f) => f.properties!['featureKind'] === 'movement' && f.properties!['origin'] === 'Mosul')!;
      assert.equal(move.geometry.type, 'LineString');
      const [from, to] = (move.geometry as { coordinates: number[][] }).coordinates;
      assert.ok(from![0]! > to![0]!, 'from Mosul (east) to Tal Afar (west)');
    });

    it('leaves out of the Points the events that have no place', () => {
      const placed = new Set(dataset.events.filter((e) => e.place).map((e) => e.id));
      const points = toGeoJson(dataset).features.filter((f) => f.properties!['featureKind'] === 'event').map((f) => f.id);
      assert.deepEqual(new Set(points), placed);
    });
  });

  describe('ACLED CSV', () => {
    it('has exactly ACLED\'s columns, in order, and one record of 31 fields per row', () => {
      const { csv, rows } = toAcledCsv(dataset, exportResources().mapping, exportResources().actorCountries);
      const [header, ...records] = readCsv(csv);
      assert.deepEqual(header!.fields, [...ACLED_COLUMNS]);
      assert.equal(records.length, rows.length);
      assert.ok(records.every((r) => r.fields.length === 31));
      assert.ok(csv.endsWith('\r\n'));
    });

    it('codes the capture of Raqqa as ACLED would', () => {
      const { rows } = toAcledCsv(dataset, exportResources().mapping, exportResources().actorCountries);
      const raqqa = rows.find((r) => r.tags.includes(event(/by Syrian Democratic Forces/).id))!;
      assert.deepEqual(
        [raqqa.event_date, raqqa.year, raqqa.time_precision, raqqa.disorder_type, raqqa.event_type, raqqa.sub_event_type, raqqa.actor1, raqqa.inter1, raqqa.actor2, raqqa.inter2, raqqa.interaction],
        ['17 October 2017', '2017', '1', 'Political violence', 'Battles', 'Non-state actor overtakes territory', 'QSD: Syrian Democratic Forces', '2', 'Islamic State', '2', '22'],
      );
      assert.deepEqual([raqqa.iso, raqqa.region, raqqa.country, raqqa.geo_precision, raqqa.source, raqqa.fatalities], ['760', 'Middle East', 'Syria', '1', 'Test Wire; Test Gazette', '0']);
      assert.match(raqqa.event_id_cnty, /^SYR-ev-[0-9a-f]{12}$/);
    });

    it('writes the lowest count of the dead its reports give as fatalities (14 and nine: 9)', () => {
      const { rows } = toAcledCsv(dataset, exportResources().mapping, exportResources().actorCountries);
      const strike = rows.find((r) => r.tags.includes(event(/airstrike.*Deir/).id))!;
      assert.deepEqual([strike.sub_event_type, strike.fatalities], ['Air/drone strike', '9']);
    });

    it('codes a handover without a fight as a non-violent transfer and foreign forces as external', () => {
      const { rows } = toAcledCsv(dataset, exportResources().mapping, exportResources().actorCountries);
      const sinjar = rows.find((r) => r.tags.includes(event(/Sinj/).id))!;
      assert.equal(sinjar.sub_event_type, 'Non-violent transfer of territory');
      assert.equal(sinjar.event_type, 'Strategic developments');
      const strike = rows.find((r) => r.tags.includes(event(/^airstrike \(attack\) by Russian forces/).id))!;
      assert.deepEqual([strike.sub_event_type, strike.inter1, strike.interaction], ['Air/drone strike', '8', '80']);
      assert.deepEqual([strike.actor2, strike.inter2], ['', '0'], 'no second actor: inter2 0, as ACLED writes it');
    });

    it('keeps spreadsheets from running document text as a formula', () => {
      const { rows } = toAcledCsv(dataset, exportResources().mapping, exportResources().actorCountries);
      const siege = rows.find((r) => r.tags.includes(event(/^besieged \(control\).*Deir ez-Zor/).id))!;
      assert.equal(siege.source, "'=Test <b>Feed</b>");
      assert.ok(rows.every((r) => !/^[=+@]/.test(r.source) && !/^[=+@]/.test(r.notes)));
    });

    it('leaves out a place held and an event nobody asserts, saying why', () => {
      const { rows, skipped } = toAcledCsv(dataset, exportResources().mapping, exportResources().actorCountries);
      const held = event(/^holds \(control\)/);
      const opinion = event(/Hezbollah/);
      assert.ok(!rows.some((r) => r.tags.includes(held.id) || r.tags.includes(opinion.id)));
      assert.deepEqual(skipped.find((s) => s.id === held.id)?.reason, 'ACLED records no control/holds events');
      assert.deepEqual(skipped.find((s) => s.id === opinion.id)?.reason, 'no source asserts it (only opinion, denial or plans)');
      assert.equal(rows.length + skipped.length, dataset.events.length);
    });

    it('re-imports with `import acled`: same count, dates, coordinates and types', () => {
      const { csv, rows } = toAcledCsv(dataset, exportResources().mapping, exportResources().actorCountries);
      const { events, errors } = parseAcledCsv(csv, 'export.csv', exportResources().mapping);
      assert.deepEqual(errors, []);
      assert.equal(events.length, rows.length);
      assert.ok(rows.length >= 5);
      for (const [i, row] of rows.entries()) {
        const back = events[i]!;
        assert.equal(back.id, row.event_id_cnty);
        const id = row.tags.match(/corridor: (ev-[0-9a-f]+)/)![1];
        const original = dataset.events.find((e) => e.id === id)!;
        assert.ok(back.date >= original.time!.from && back.date <= original.time!.to, `${back.date} within ${original.time!.from}..${original.time!.to}`);
        assert.equal(back.lat, Number(original.place!.lat.toFixed(4)));
        assert.equal(back.lon, Number(original.place!.lon.toFixed(4)));
        assert.deepEqual([back.eventType, back.subEventType], [row.event_type, row.sub_event_type]);
        assert.equal(back.notes, row.notes);
      }
    });
  });

  describe('ClaimReview', () => {
    it('is schema.org JSON-LD: a ClaimReview per event with the claim, its appearances and a rating', () => {
      const reviews = JSON.parse(JSON.stringify(toClaimReviews(dataset, exportResources().settings))) as any[];
      assert.equal(reviews.length, dataset.events.length);
      for (const r of reviews) {
        assert.equal(r['@context'], 'https://schema.org');
        assert.equal(r['@type'], 'ClaimReview');
        assert.equal(r.itemReviewed['@type'], 'Claim');
        assert.ok(r.itemReviewed.author.length > 0 && r.itemReviewed.author.every((a: any) => ['Person', 'Organization'].includes(a['@type'])));
        assert.ok(r.itemReviewed.appearance.every((a: any) => a['@type'] === 'CreativeWork' && (a.url || a['@id'])));
        assert.deepEqual(r.author, { '@type': 'Organization', name: 'Corridor' });
        assert.equal(r.datePublished, '2024-01-02');
        const rating = r.reviewRating;
        assert.equal(rating['@type'], 'Rating');
        assert.ok(rating.ratingValue >= rating.worstRating && rating.ratingValue <= rating.bestRating);
        assert.ok(rating.alternateName && rating.ratingExplanation);
        assert.ok([...dataset.texts.values()].some((t) => t.replace(/\s+/g, ' ').includes(r.claimReviewed)), `"${r.claimReviewed}" is words of a document`);
      }
    });

    it('rates by corroboration and contradiction', () => {
      const reviews = toClaimReviews(dataset, exportResources().settings) as any[];
      const rating = (label: RegExp) => reviews.find((r) => label.test(r.name)).reviewRating;
      assert.deepEqual([rating(/by Syrian Democratic Forces/).ratingValue, rating(/by Syrian Democratic Forces/).alternateName], [4, 'Corroborated']);
      const contested = rating(/^withdrew \(movement\) by Islamic State, Ar Raqqah/);
      assert.deepEqual([contested.ratingValue, contested.alternateName], [2, 'Contested']);
      assert.match(contested.ratingExplanation, /Denied by: US-led coalition/);
      assert.equal(rating(/Hezbollah/).alternateName, 'Unsupported');
    });
  });

  describe('Web Annotations', () => {
    it('is an AnnotationCollection of Annotations, each with both selectors that agree with the document', () => {
      const collection = JSON.parse(JSON.stringify(toAnnotations(dataset))) as any;
      assert.equal(collection['@context'], 'http://www.w3.org/ns/anno.jsonld');
      assert.equal(collection.type, 'AnnotationCollection');
      assert.equal(collection.first.type, 'AnnotationPage');
      const items = collection.first.items as any[];
      assert.equal(collection.total, items.length);
      assert.equal(items.length, dataset.events.reduce((n, e) => n + e.evidence.reduce((m, ev) => m + ev.spans.length, 0), 0));
      const textOf = new Map(dataset.events.flatMap((e) => e.evidence.map((ev) => [ev.document.url ?? `urn:corridor:doc:${ev.document.id}`, dataset.texts.get(ev.document.id)!] as const)));
      for (const a of items) {
        assert.equal(a.type, 'Annotation');
        const [quote, position] = a.target.selector;
        assert.equal(quote.type, 'TextQuoteSelector');
        assert.equal(position.type, 'TextPositionSelector');
        // Positions count code points, as the Web Annotation model asks.
        const points = Array.from(textOf.get(a.target.source)!);
        assert.equal(points.slice(position.start, position.end).join(''), quote.exact);
        assert.equal(quote.prefix, points.slice(Math.max(0, position.start - 32), position.start).join(''));
        assert.equal(quote.suffix, points.slice(position.end, position.end + 32).join(''));
        const link = a.body.find((b: any) => b.type === 'SpecificResource');
        assert.ok(dataset.events.some((e) => link.source === `urn:corridor:event:${e.id}`));
        assert.ok(a.body.some((b: any) => b.type === 'TextualBody' && b.purpose === 'describing'));
      }
    });

    it('counts code points after an emoji, and targets a document without a URL by its id', () => {
      const siege = event(/^besieged \(control\).*Deir ez-Zor/);
      const ev = siege.evidence[0]!;
      assert.equal(ev.document.url, null);
      const annotations = (toAnnotations(dataset).first.items as any[]).filter((a) => a.target.source === `urn:corridor:doc:${ev.document.id}` && a.body[0].source === `urn:corridor:event:${siege.id}`);
      assert.equal(annotations.length, ev.spans.length);
      const position = annotations.map((a) => a.target.selector[1]).find((p) => p.end - p.start === Math.max(...annotations.map((a) => a.target.selector[1].end - a.target.selector[1].start)));
      // The 🚨 opening the clause is two UTF-16 code units and one code point.
      assert.ok(ev.quote.startsWith('🚨'));
      assert.equal(position.end - position.start, ev.quote.length - 1);
      assert.equal(position.start, Array.from(dataset.texts.get(ev.document.id)!.slice(0, ev.start)).length);
    });
  });

  describe('timemap', () => {
    it('gives events only the fields timemap\'s schema allows, in its formats', () => {
      const { events, sources, associations } = toTimemap(dataset);
      assert.ok(events.length > 0);
      const allowed = ['id', 'description', 'date', 'time', 'time_precision', 'location', 'latitude', 'longitude', 'type', 'category', 'associations', 'sources', 'comments'];
      const ids = new Set(associations.map((a) => a.id));
      for (const e of events) {
        assert.deepEqual(Object.keys(e).filter((k) => !allowed.includes(k)), []);
        assert.match(e.date, /^\d{2}\/\d{2}\/\d{4}$/);
        assert.equal(typeof e.latitude, 'string');
        assert.ok(Number.isFinite(Number(e.latitude)) && Number.isFinite(Number(e.longitude)));
        assert.ok(e.sources.every((id) => sources[id]?.id === id && Array.isArray(sources[id]?.paths)));
        assert.ok(e.associations.every((id) => ids.has(id)));
      }
      assert.ok(associations.every((a) => a.mode === 'FILTER' && a.filter_paths.length === 2));
      const raqqa = events.find((e) => e.id === event(/by Syrian Democratic Forces/).id)!;
      assert.equal(raqqa.date, '10/17/2017');
    });
  });

  describe('HTML dossier', () => {
    it('escapes every text value and loads nothing', () => {
      const html = toHtml(dataset, { countries: exportResources().countries, settings: exportResources().settings, title: 'Dossier <of> "tests"' });
      assert.ok(!/<script/i.test(html), 'no script element');
      assert.ok(!html.includes('<img'), 'no img element');
      assert.ok(!html.includes('<b>Feed'), 'outlet markup escaped');
      assert.ok(html.includes('&#60;script&#62;window.__pwned = 2&#60;/script&#62;'), 'quoted markup shown as text');
      assert.ok(html.includes('<title>Dossier &#60;of&#62; &#34;tests&#34;</title>'));
      assert.ok(!/(?:src|href)="(?!#|data:|https:\/\/test)/.test(html), 'only in-page, data: and the documents\' own links');
      assert.match(html, /<svg class="map"[\s\S]*class="event-mark/);
      assert.match(html, /class="movement-arrow"/);
      assert.match(html, /<svg class="timeline"/);
      assert.match(html, /asserted-vs-denied/);
    });
  });

  describe('renderExport', () => {
    it('counts what each format wrote and what it left out', () => {
      for (const format of ['geojson', 'acled-csv', 'claimreview', 'annotations', 'timemap', 'html'] as const) {
        const result = renderExport(format, dataset, exportResources());
        assert.equal(result.events + result.skipped.length, dataset.events.length, format);
        assert.ok(result.content.length > 0);
      }
    });
  });
});
