/**
 * One suite for every store: SQLite, PostgreSQL with PostGIS, and PostgreSQL
 * without it (plain btree indexes). Backend-specific checks (migrations, WAL,
 * the recorded spatial index) follow the shared suite.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPipeline, segmentStage } from '../../src/pipeline.js';
import { prepareDocument } from '../../src/ingest/index.js';
import { openStore, PostgresStore, SqliteStore, type Store } from '../../src/store/index.js';
import { migrate } from '../../src/store/sqlite/migrate.js';
import { refreshStatistics } from '../../src/store/sqlite/statistics.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations/index.js';
import { migrate as migratePostgres } from '../../src/store/postgres/migrate.js';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations/index.js';
import type { ActorKind, ActorMention, DocumentMeta, Event, Extraction, PlaceMention, PlaceRef } from '../../src/types.js';
import { createMigratedDatabase, createTestDatabase, probePostgres } from './postgres-test-db.js';
import { fusionPlaceKey, summariseExtractions } from './extraction-summary.js';

type TestContext = { after: (fn: () => void | Promise<void>) => void };

const pipeline = createPipeline([segmentStage()]);
const postgres = await probePostgres();

interface Backend {
  name: string;
  skip: string | false;
  /** A new empty store location (file path or URL), removed after the test. */
  location(t: TestContext): Promise<string>;
  /** Rows in a table, straight from the database. */
  count(store: Store, table: string): Promise<number>;
  /** The tables a saved document writes to. */
  tables: string[];
  /** What the database says when one extraction holds the same event twice. */
  duplicateEvent: RegExp;
}

const ITEM_TABLES = ['places', 'actors', 'events', 'event_places'];

function tempDb(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'test.db');
}

const sqlite: Backend = {
  name: 'sqlite',
  skip: false,
  location: async (t) => tempDb(t),
  count: async (store, table) => (store as SqliteStore).db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
  tables: ['documents', 'documents_fts', ...ITEM_TABLES],
  duplicateEvent: /UNIQUE constraint failed: events/,
};

function postgresBackend(postgis: boolean): Backend {
  return {
    name: postgis ? 'postgres (PostGIS)' : 'postgres (btree, no PostGIS)',
    skip: postgis ? postgres.skipPostgis : postgres.skip,
    location: (t) => createMigratedDatabase(t, { postgis }),
    count: async (store, table) => (await (store as PostgresStore).pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n,
    tables: ['documents', ...ITEM_TABLES],
    duplicateEvent: /duplicate key value violates unique constraint "events_pkey"/,
  };
}

const BACKENDS = [sqlite, postgresBackend(true), postgresBackend(false)];

function doc(text: string, meta: { url?: string; title?: string; outlet?: string; publishedAt?: string } = {}): DocumentMeta {
  return prepareDocument({ text, source: 'test', input: 'test', ...meta }).document;
}

const MOSUL: PlaceRef = { geonameid: 99072, name: 'Mosul', lat: 36.335, lon: 43.119 };
const TAL_AFAR: PlaceRef = { geonameid: 98245, name: 'Tall Afar', lat: 36.377, lon: 42.449 };
const RAQQA: PlaceRef = { geonameid: 163915, name: 'Ar Raqqah', lat: 35.95, lon: 39.009 };
const SUVA: PlaceRef = { geonameid: 2198148, name: 'Suva', lat: -18.141, lon: 178.441 };

/** An event located in the text at `start`, with the fields the filters look at. */
function event(document: DocumentMeta, start: number, fields: Partial<Event> & { from?: string | null; to?: string | null; source?: string }): Event {
  const { from = null, to = from, source = 'author', ...rest } = fields;
  const type = rest.type ?? 'movement';
  return {
    id: `${document.id.slice(0, 8)}:${start}:${type}`, type, subtype: 'withdrawal', agent: null, patient: null,
    location: null, origin: null, destination: null,
    time: { from, to, precision: from ? 'day' : null, basis: from ? 'clause' : 'none' },
    evidence: [{ start, end: start + 5 }], trigger: { start, end: start + 5, text: document.text.slice(start, start + 5) },
    attribution: { source, sourceKind: 'author', cueStart: null, cueEnd: null, chain: [], rule: 'test' },
    modality: 'asserted', negated: false, factuality: { certainty: 'certain', polarity: 'positive' },
    plover: null, casualties: null, placePrecision: null, placeBasis: null, intent: null, confidence: 0.8, rule: 'test', ...rest,
  };
}

function extractionWith(document: DocumentMeta, events: Event[] = []): Extraction {
  return { ...pipeline.extract(document), events };
}

/** A place mention of `place` at the first occurrence of `text` in the document. */
function placeAt(document: DocumentMeta, text: string, place: PlaceRef, country = 'IQ'): PlaceMention {
  const start = document.text.indexOf(text);
  return { ...place, text, start, end: start + text.length, country, admin1: null, featureCode: 'PPL', kind: 'literal', resolution: 'gazetteer', precision: 'exact', confidence: 0.9, rule: 'test:placed-by-hand', reasons: [] };
}

function actorAt(document: DocumentMeta, text: string, actorId: string, name: string, kind: ActorKind = 'armed-group'): ActorMention {
  const start = document.text.indexOf(text);
  return { text, start, end: start + text.length, actorId, name, kind };
}

/**
 * Four documents, the last a new version of the third, naming places
 * and actors in the ways the summaries must count: twice in one document,
 * under two spellings with one key, as both location and destination of one
 * event, as both agent and patient, and only in an event.
 */
async function saveEntityStories(store: Store): Promise<void> {
  const village = (name: string, lat: number, lon: number): PlaceRef => ({ geonameid: null, name, lat, lon });
  const a = doc('Fighters of the Islamic State left Mosul for Tal Afar. IS fighters reached Mosul again, near Hamam village.', { url: 'https://wire.example/a' });
  await store.saveDocument(a, {
    ...extractionWith(a, [
      event(a, 0, { location: MOSUL, destination: MOSUL, agent: { actorId: 'isis', name: 'Islamic State' }, patient: { actorId: 'isis', name: 'Islamic State' } }),
      event(a, 9, { origin: MOSUL, destination: TAL_AFAR, agent: { actorId: 'isis', name: 'Islamic State' }, patient: { actorId: 'pmf', name: 'Popular Mobilisation' } }),
      event(a, 19, { location: RAQQA }),
    ]),
    places: [placeAt(a, 'Mosul', MOSUL), placeAt(a, 'Tal Afar', TAL_AFAR), placeAt(a, 'Mosul again', { ...MOSUL, name: 'Al Mawsil' }),
      placeAt(a, 'Hamam', village('Hamam', 36.1234, 43.2567))],
    actors: [actorAt(a, 'Islamic State', 'isis', 'Islamic State'), actorAt(a, 'IS fighters', 'isis', 'IS')],
  });
  const b = doc('Popular Mobilisation units entered Tal Afar; the Hamam road stayed closed.', { url: 'https://wire.example/b' });
  await store.saveDocument(b, {
    ...extractionWith(b, [event(b, 0, { location: TAL_AFAR, agent: { actorId: 'pmf', name: 'Popular Mobilisation' } })]),
    places: [placeAt(b, 'Tal Afar', TAL_AFAR), placeAt(b, 'Hamam', village('Hamam', 36.12341, 43.25669))],
    actors: [actorAt(b, 'Popular Mobilisation', 'pmf', 'Popular Mobilisation Forces', 'militia')],
  });
  const old = doc('A first draft that named Raqqa and the Islamic State.', { url: 'https://wire.example/c' });
  await store.saveDocument(old, { ...extractionWith(old, [event(old, 0, { location: RAQQA })]), places: [placeAt(old, 'Raqqa', RAQQA, 'SY')], actors: [actorAt(old, 'Islamic State', 'isis', 'Islamic State')] });
  const revised = doc('The revised text names only Suva.', { url: 'https://wire.example/c' });
  await store.saveDocument(revised, { ...extractionWith(revised, [event(revised, 0, { location: SUVA })]), places: [placeAt(revised, 'Suva', SUVA, 'FJ')] });
}

function pick<T extends object, K extends keyof T>(value: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

async function open(t: TestContext, location: string): Promise<Store> {
  const store = await openStore(location);
  t.after(() => store.close());
  return store;
}

for (const backend of BACKENDS) {
  const tempStore = async (t: TestContext) => open(t, await backend.location(t));

  describe(`store: ${backend.name}`, { skip: backend.skip }, () => {
    test('saveDocument: new, then unchanged; the document and extraction come back as saved', async (t) => {
      const store = await tempStore(t);
      const d = doc('MOSUL, July 11, 2017 (Demo Wire) - Fighters left the old city.', { title: 'Fighters leave', url: 'https://wire.example/a' });
      const extraction = extractionWith(d, [event(d, 38, { location: MOSUL, from: '2017-07-10' })]);
      assert.equal(await store.saveDocument(d, extraction, 'a.txt'), 'new');
      assert.equal(await store.saveDocument(d, extraction, 'a.txt'), 'unchanged');
      const stored = await store.getDocument(d.id);
      assert.deepEqual({ ...stored, ingestedAt: 'x' }, { ...d, previousVersion: null, ingestedAt: 'x', source: 'a.txt' });
      assert.deepEqual(await store.getExtraction(d.id), extraction);
      assert.equal(await store.countDocuments(), 1);
      assert.equal(await store.getDocument('0'.repeat(64)), null);
      assert.equal(await store.getExtraction('0'.repeat(64)), null);
    });

    test('saveDocument: a changed text at the same URL is a new version linked to the previous one', async (t) => {
      const store = await tempStore(t);
      const first = doc('Fighters left the city on Monday.', { url: 'https://wire.example/a', title: 'v1' });
      const second = doc('Fighters left the city on Monday, officials said.', { url: 'https://wire.example/a', title: 'v2' });
      const other = doc('A different story at another address.', { url: 'https://wire.example/b' });
      assert.equal(await store.saveDocument(first, extractionWith(first, [event(first, 0, { from: '2017-07-10' })])), 'new');
      assert.equal(await store.saveDocument(other, extractionWith(other)), 'new');
      assert.equal(await store.saveDocument(second, extractionWith(second, [event(second, 0, { from: '2017-07-10' })])), 'updated');
      assert.equal((await store.getDocument(second.id))!.previousVersion, first.id);
      // The old version stays readable by id but leaves lists, counts, events and search.
      assert.equal((await store.getDocument(first.id))!.title, 'v1');
      assert.deepEqual((await store.listDocuments()).map((d) => d.title).sort(), [null, 'v2']);
      assert.equal(await store.countDocuments(), 2);
      assert.deepEqual((await store.listEvents()).map((e) => e.docId), [second.id]);
      assert.deepEqual((await store.search('officials')).map((h) => h.docId), [second.id]);
      assert.deepEqual((await store.search('Monday')).map((h) => h.docId), [second.id]);
    });

    test('saveDocument: without a URL, versions follow the source', async (t) => {
      const store = await tempStore(t);
      const first = doc('Notes from the field, first draft.');
      const second = doc('Notes from the field, second draft.');
      assert.equal(await store.saveDocument(first, extractionWith(first), 'notes.txt'), 'new');
      assert.equal(await store.saveDocument(second, extractionWith(second), 'notes.txt'), 'updated');
      const third = doc('Unrelated text from elsewhere.');
      assert.equal(await store.saveDocument(third, extractionWith(third), 'other.txt'), 'new');
      const fourth = doc('No source and no URL: nothing to follow.');
      assert.equal(await store.saveDocument(fourth, extractionWith(fourth)), 'new');
    });

    test('saveDocument is one transaction: a failure leaves no trace of the document', async (t) => {
      const store = await tempStore(t);
      const d = doc('Fighters left Mosul for Tal Afar, officials said.');
      const duplicate = event(d, 0, { location: MOSUL });
      const extraction: Extraction = {
        ...extractionWith(d, [duplicate, duplicate]),
        places: [{ ...MOSUL, start: 13, end: 18, text: 'Mosul', country: 'IQ', admin1: 'Nineveh', featureCode: 'PPLA', kind: 'literal', resolution: 'gazetteer', precision: 'exact', confidence: 0.9, rule: 'name:single', reasons: ['prior'] }],
      };
      await assert.rejects(store.saveDocument(d, extraction), backend.duplicateEvent);
      assert.equal(await store.getDocument(d.id), null);
      for (const table of backend.tables) assert.equal(await backend.count(store, table), 0, table);
      // And the same document saves cleanly afterwards.
      assert.equal(await store.saveDocument(d, { ...extraction, events: [duplicate] }), 'new');
      assert.equal(await backend.count(store, 'places'), 1);
    });

    test('saveDocument: an event the claims stage has not read is stored without source or modality, and listed', async (t) => {
      const store = await tempStore(t);
      const d = doc('Fighters left Mosul on Monday.');
      const unread: Event = { ...event(d, 9, { location: MOSUL, from: '2017-07-10' }), attribution: null, modality: null, factuality: null };
      assert.equal(await store.saveDocument(d, extractionWith(d, [unread])), 'new');
      assert.deepEqual((await store.listEvents()).map((e) => [e.id, e.attribution, e.modality]), [[unread.id, null, null]]);
      assert.deepEqual(await store.listEvents({ modality: 'asserted' }), []);
      assert.deepEqual(await store.listEvents({ source: 'author' }), []);
    });

    test('saveDocument refuses an extraction of another document', async (t) => {
      const store = await tempStore(t);
      const a = doc('Text A about the convoy.');
      const b = doc('Text B about the bridge.');
      await assert.rejects(store.saveDocument(a, extractionWith(b)), /the extraction is of document/);
    });

    test('saveDocument from two connections at once: one document, one version chain', async (t) => {
      const location = await backend.location(t);
      const [one, two] = [await open(t, location), await open(t, location)];
      const d = doc('Fighters left Mosul for Tal Afar, officials said.', { url: 'https://wire.example/same' });
      const extraction = extractionWith(d, [event(d, 0, { location: MOSUL })]);
      const outcomes = await Promise.all([one.saveDocument(d, extraction), two.saveDocument(d, extraction)]);
      assert.deepEqual(outcomes.sort(), ['new', 'unchanged']);
      assert.equal(await backend.count(one, 'documents'), 1);
      assert.equal(await backend.count(one, 'events'), 1);
      // Two new versions of that URL saved at once: each replaces exactly one version.
      const [v2, v3] = ['Fighters left Mosul, officials said on Tuesday.', 'Fighters left Mosul, officials said on Wednesday.']
        .map((text) => doc(text, { url: 'https://wire.example/same' }));
      assert.deepEqual(await Promise.all([one.saveDocument(v2!, extractionWith(v2!)), two.saveDocument(v3!, extractionWith(v3!))]), ['updated', 'updated']);
      const current = await one.listDocuments();
      assert.equal(current.length, 1);
      const chain = [current[0]!.id];
      while (chain.length < 4) {
        const previous = (await one.getDocument(chain.at(-1)!))!.previousVersion;
        if (!previous) break;
        chain.push(previous);
      }
      assert.equal(chain.length, 3);
      assert.equal(chain.at(-1), d.id);
    });

    test('findDocuments: by id prefix, any case; non-hex prefixes match nothing', async (t) => {
      const store = await tempStore(t);
      const texts = Array.from({ length: 40 }, (_, i) => `Bulletin number ${i} from the front.`);
      for (const text of texts) await store.saveDocument(doc(text), extractionWith(doc(text)));
      const target = doc(texts[7]!);
      assert.deepEqual((await store.findDocuments(target.id.slice(0, 12).toUpperCase())).map((d) => d.id), [target.id]);
      const firstChar = target.id[0]!;
      const sharing = texts.map((text) => doc(text).id).filter((id) => id.startsWith(firstChar));
      assert.deepEqual((await store.findDocuments(firstChar)).map((d) => d.id).sort(), sharing.sort());
      assert.deepEqual(await store.findDocuments('zz*'), []);
      assert.deepEqual(await store.findDocuments(''), []);
      assert.deepEqual(await store.findDocuments('%'), []);
    });

    test('listDocuments: current versions by publication date (undated last), filter by outlet, paging', async (t) => {
      const store = await tempStore(t);
      const docs = [
        doc('Later story.', { publishedAt: '2017-08-01', outlet: 'Wire' }),
        doc('Undated story.', { outlet: 'Radio' }),
        doc('Earlier story.', { publishedAt: '2017-07-01', outlet: 'Wire' }),
      ];
      for (const d of docs) await store.saveDocument(d, extractionWith(d));
      assert.deepEqual((await store.listDocuments()).map((d) => d.text), ['Earlier story.', 'Later story.', 'Undated story.']);
      assert.deepEqual((await store.listDocuments({ outlet: 'Wire' })).map((d) => d.text), ['Earlier story.', 'Later story.']);
      assert.deepEqual((await store.listDocuments({ limit: 1, offset: 1 })).map((d) => d.text), ['Later story.']);
      await assert.rejects(store.listDocuments({ limit: -1 }), /limit must be a non-negative integer/);
    });

    test('search: titles and texts with [[hit]] snippets, phrases, OR, and queries the syntax cannot parse', async (t) => {
      const store = await tempStore(t);
      const texts = [
        ['Fighters moved from Mosul to Tal Afar overnight, residents said.', 'Exodus west'],
        ['The convoy reached Raqqa after a long drive from the border.', 'Convoy arrives'],
        ['Nothing about the places searched for here.', 'Unrelated'],
      ] as const;
      for (const [text, title] of texts) await store.saveDocument(doc(text, { title }), extractionWith(doc(text, { title })));
      const hits = await store.search('"Tal Afar"');
      assert.equal(hits.length, 1);
      assert.equal(hits[0]!.snippet, 'Fighters moved from Mosul to [[Tal Afar]] overnight, residents said.');
      assert.equal(hits[0]!.title, 'Exodus west');
      assert.deepEqual((await store.search('Mosul OR Raqqa')).map((h) => h.title).sort(), ['Convoy arrives', 'Exodus west']);
      assert.deepEqual((await store.search('Tal-Afar')).map((h) => h.title), ['Exodus west']);
      assert.deepEqual((await store.search("resident's \"unbalanced")).map((h) => h.title), []);
      assert.deepEqual((await store.search('exodus')).map((h) => h.snippet), ['[[Exodus]] west']);
      assert.deepEqual(await store.search('Palmyra'), []);
      assert.deepEqual(await store.search('!!!'), []);
      const ranked = await store.search('convoy OR border OR drive OR Raqqa OR Mosul');
      assert.equal(ranked[0]!.title, 'Convoy arrives');
      assert.ok(ranked[0]!.rank > ranked[1]!.rank, 'rank: higher is more relevant');
      // Juxtaposed words are all required, NOT excludes, a trailing * matches prefixes, parentheses group.
      assert.deepEqual((await store.search('convoy border')).map((h) => h.title), ['Convoy arrives']);
      assert.deepEqual((await store.search('convoy Mosul')).map((h) => h.title), []);
      assert.deepEqual((await store.search('(Mosul OR Raqqa) NOT convoy')).map((h) => h.title), ['Exodus west']);
      assert.deepEqual((await store.search('Mos*')).map((h) => h.title), ['Exodus west']);
      assert.deepEqual((await store.search('searched')).map((h) => h.snippet), ['Nothing about the places [[searched]] for here.']);
    });

    test('search: a long text gives a window around the hit, cut ends marked with an ellipsis', async (t) => {
      const store = await tempStore(t);
      const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
      const d = doc(`${filler(40)} Palmyra ${filler(40)}.`);
      await store.saveDocument(d, extractionWith(d));
      const [hit] = await store.search('Palmyra');
      assert.match(hit!.snippet, /^….*\[\[Palmyra\]\].*…$/);
      assert.ok(hit!.snippet.split(' ').length <= 17, hit!.snippet);
    });

    test('listEvents: bbox, time overlap, type, actor, modality, source, document, paging', async (t) => {
      const store = await tempStore(t);
      const a = doc('Fighters left Mosul for Tal Afar. Strikes hit a convoy near Raqqa.', { outlet: 'Wire', publishedAt: '2017-07-11' });
      const b = doc('A ferry sank near Suva. Officials denied any deal at Raqqa.', { outlet: 'Radio' });
      const is = { actorId: 'isis', name: 'Islamic State' };
      const coalition = { actorId: 'coalition', name: 'Coalition' };
      await store.saveDocument(a, extractionWith(a, [
        event(a, 0, { origin: MOSUL, destination: TAL_AFAR, agent: is, from: '2017-07-10', to: '2017-07-11' }),
        event(a, 34, { type: 'attack', location: RAQQA, agent: coalition, patient: is, from: '2017-08-30', source: 'Coalition spokesman' }),
      ]));
      await store.saveDocument(b, extractionWith(b, [
        event(b, 0, { type: 'attack', location: SUVA }),
        event(b, 24, { type: 'agreement', location: RAQQA, modality: 'denied', from: '2017-10', to: '2017-10-31', source: 'coalition spokesman' }),
      ]));
      const ids = async (filter: Parameters<Store['listEvents']>[0]) => (await store.listEvents(filter)).map((e) => `${e.type}@${e.evidence[0]!.start}`);

      assert.deepEqual(await ids({}), ['movement@0', 'attack@34', 'agreement@24', 'attack@0']);
      // The location, else the destination: Tal Afar for the movement, not its origin Mosul.
      assert.deepEqual(await ids({ bbox: [42.0, 36.0, 43.0, 37.0] }), ['movement@0']);
      assert.deepEqual(await ids({ bbox: [43.0, 36.0, 44.0, 37.0] }), []);
      assert.deepEqual(await ids({ bbox: [35, 30, 45, 40] }), ['movement@0', 'attack@34', 'agreement@24']);
      assert.deepEqual(await ids({ bbox: [170, -25, -170, -10] }), ['attack@0'], 'a box across the antimeridian');
      assert.deepEqual(await ids({ bbox: [-170, -25, 170, -10] }), [], 'the same edges the other way round: the rest of the world');
      assert.deepEqual(await ids({ bbox: [42.449, 36.377, 42.449, 36.377] }), ['movement@0'], 'edges are inclusive');
      assert.deepEqual(await ids({ from: '2017-07-11', to: '2017-07-31' }), ['movement@0']);
      assert.deepEqual(await ids({ from: '2017-07-12' }), ['attack@34', 'agreement@24']);
      assert.deepEqual(await ids({ to: '2017-07-10' }), ['movement@0']);
      assert.deepEqual(await ids({ from: '2017-10', to: '2017-10' }), ['agreement@24'], 'month prefixes');
      assert.deepEqual(await ids({ from: '2017-08-30', to: '2017-08' }), ['attack@34'], 'a day within a month');
      assert.deepEqual(await ids({ from: '2017-07-11', to: '2017-07-10' }), ['movement@0'], 'given backwards: what spans both');
      assert.deepEqual(await ids({ from: '2018' }), []);
      assert.deepEqual(await ids({ type: 'attack' }), ['attack@34', 'attack@0']);
      assert.deepEqual(await ids({ actor: 'isis' }), ['movement@0', 'attack@34'], 'agent or patient');
      assert.deepEqual(await ids({ actor: 'coalition' }), ['attack@34']);
      assert.deepEqual(await ids({ modality: 'denied' }), ['agreement@24']);
      assert.deepEqual(await ids({ source: 'COALITION SPOKESMAN' }), ['attack@34', 'agreement@24']);
      assert.deepEqual(await ids({ docId: b.id }), ['agreement@24', 'attack@0']);
      assert.deepEqual(await ids({ type: 'attack', bbox: [35, 30, 45, 40] }), ['attack@34']);
      assert.deepEqual(await ids({ limit: 2, offset: 1 }), ['attack@34', 'agreement@24']);

      const [first] = await store.listEvents({ docId: a.id, limit: 1 });
      assert.deepEqual({ docId: first!.docId, outlet: first!.outlet, publishedAt: first!.publishedAt, destination: first!.destination }, { docId: a.id, outlet: 'Wire', publishedAt: '2017-07-11', destination: TAL_AFAR });
      await assert.rejects(store.listEvents({ bbox: [0, 10, 1, 5] }), /bbox must be \[west, south, east, north\]/);
      await assert.rejects(store.listEvents({ bbox: [0, 0, 1] as unknown as [number, number, number, number] }), /bbox/);
    });

    test('allExtractions: every current document once, in ingestion order, across pages', async (t) => {
      const store = await tempStore(t);
      const texts = Array.from({ length: 230 }, (_, i) => `Report ${i}: the road stayed closed.`);
      for (const text of texts) await store.saveDocument(doc(text), extractionWith(doc(text)));
      const seen: string[] = [];
      for await (const { document, extraction } of store.allExtractions()) {
        assert.equal(extraction.document.id, document.id);
        seen.push(document.text);
        // Writing between steps is allowed.
        if (seen.length === 150) await store.putDerived('progress', seen.length);
      }
      assert.deepEqual(seen, texts);
    });

    test('listPlaces and listActors: from the tables, what re-reading every extraction gave', async (t) => {
      const store = await tempStore(t);
      await saveEntityStories(store);
      const expected = await summariseExtractions(store, fusionPlaceKey());
      assert.deepEqual(await store.listPlaces(fusionPlaceKey()), expected.places);
      assert.deepEqual(await store.listActors(), expected.actors);
      // The cases the stories were written for. The militia's first event is in a document stored before its first mention: it counts.
      const places = new Map((await store.listPlaces(fusionPlaceKey())).map((p) => [p.key, p]));
      assert.deepEqual([...places.keys()], ['name:hamam', 'gn:99072', 'gn:98245', 'gn:2198148']);
      assert.deepEqual(pick(places.get('gn:99072')!, 'name', 'mentions', 'documents', 'events'), { name: 'Mosul', mentions: 2, documents: 1, events: 2 });
      assert.deepEqual(pick(places.get('name:hamam')!, 'mentions', 'documents', 'events'), { mentions: 2, documents: 2, events: 0 });
      const actors = await store.listActors();
      assert.deepEqual(actors.map((a) => pick(a, 'actorId', 'name', 'kind', 'mentions', 'documents', 'events')), [
        { actorId: 'isis', name: 'Islamic State', kind: 'armed-group', mentions: 2, documents: 1, events: 2 },
        { actorId: 'pmf', name: 'Popular Mobilisation Forces', kind: 'militia', mentions: 1, documents: 1, events: 2 },
      ]);
    });

    test('derived values are replaced as a whole; snapshots count current documents and events', async (t) => {
      const store = await tempStore(t);
      assert.equal(await store.getDerived('fusion'), null);
      await store.putDerived('fusion', { clusters: [1, 2] });
      await store.putDerived('fusion', { clusters: [3] });
      assert.deepEqual(await store.getDerived('fusion'), { clusters: [3] });
      const d = doc('One event in this text.', { url: 'https://x.example/1' });
      await store.saveDocument(d, extractionWith(d, [event(d, 0, {})]));
      const snapshot = await store.createSnapshot('first');
      assert.deepEqual({ ...snapshot, createdAt: 'x' }, { id: 1, createdAt: 'x', label: 'first', documents: 1, events: 1 });
      const d2 = doc('One event in this text, revised.', { url: 'https://x.example/1' });
      await store.saveDocument(d2, extractionWith(d2, [event(d2, 0, {}), event(d2, 4, { type: 'attack' })]));
      await store.createSnapshot();
      assert.deepEqual((await store.listSnapshots()).map((s) => [s.id, s.label, s.documents, s.events]), [[1, 'first', 1, 1], [2, null, 1, 2]]);
    });

    test('withLock: holders of one name take turns, a failed holder frees the lock, other names run alongside', async (t) => {
      const location = await backend.location(t);
      const [store, other] = [await open(t, location), await open(t, location)];
      const log: string[] = [];
      const holder = (who: string, fail = false) => async () => {
        log.push(`${who}+`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        log.push(`${who}-`);
        if (fail) throw new Error(`${who} failed`);
        return who;
      };
      const results = await Promise.allSettled([
        store.withLock('a', holder('x', true)), other.withLock('a', holder('y')), store.withLock('a', holder('z')),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['rejected', 'fulfilled', 'fulfilled']);
      // Each holder of "a" ends before the next one starts.
      for (let i = 0; i < log.length; i += 2) assert.equal(log[i]!.slice(0, -1), log[i + 1]!.slice(0, -1), log.join(' '));
      // The holder of "a" ends only once the holder of "b" has started: had "b" to wait for "a", this would never end.
      let bStarted!: () => void;
      const started = new Promise<void>((resolve) => { bStarted = resolve; });
      const alongside = await Promise.all([
        store.withLock('a', async () => { await started; return 'a'; }),
        store.withLock('b', async () => { bStarted(); return 'b'; }),
      ]);
      assert.deepEqual(alongside, ['a', 'b'], 'different names do not wait for each other');
    });
  });
}

describe('store: sqlite only', () => {
  test('migrations: applied once, recorded, and a database from a newer Corridor is refused', (t) => {
    const file = tempDb(t);
    const db = new Database(file);
    t.after(() => db.close());
    assert.deepEqual(migrate(db), MIGRATIONS.map((m) => m.version));
    assert.deepEqual(migrate(db), []);
    assert.deepEqual(db.prepare('SELECT version, name FROM schema_migrations').all(), MIGRATIONS.map(({ version, name }) => ({ version, name })));
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')").run();
    assert.throws(() => migrate(db), /schema version 999, newer than this Corridor knows/);
  });

  test('migration 3 fills event_places from the events stored before it, and drops the tables nothing read', (t) => {
    const db = new Database(tempDb(t));
    t.after(() => db.close());
    migrate(db, MIGRATIONS.filter((m) => m.version < 3));
    const d = doc('Fighters left Mosul for Tal Afar.');
    db.prepare("INSERT INTO documents (id, language, text, ingested_at, extraction) VALUES (?, 'en', ?, '2017-07-11', '{}')").run(d.id, d.text);
    const insert = db.prepare("INSERT INTO events (doc_id, id, idx, type, subtype, modality, negated, source, source_kind, confidence, json) VALUES (?, ?, ?, 'movement', 'withdrawal', 'asserted', 0, 'author', 'author', 0.8, ?)");
    [event(d, 0, { origin: MOSUL, destination: TAL_AFAR }), event(d, 9, {})].forEach((e, i) => insert.run(d.id, e.id, i, JSON.stringify(e)));
    migrate(db);
    assert.deepEqual(db.prepare('SELECT event_idx, role, geonameid, name, lat, lon FROM event_places ORDER BY role').all(), [
      { event_idx: 0, role: 'destination', ...TAL_AFAR }, { event_idx: 0, role: 'origin', ...MOSUL },
    ]);
    for (const table of ['times', 'statements', 'corridors']) assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = ?").pluck().get(table), 0, table);
  });

  test('migration 4 keeps every event and index while letting source and modality be empty', (t) => {
    const db = new Database(tempDb(t));
    t.after(() => db.close());
    migrate(db, MIGRATIONS.filter((m) => m.version < 4));
    const indexes = () => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").all();
    const before = indexes();
    const d = doc('Fighters left Mosul.');
    db.prepare("INSERT INTO documents (id, language, text, ingested_at, extraction) VALUES (?, 'en', ?, '2017-07-11', '{}')").run(d.id, d.text);
    const e = event(d, 9, { location: MOSUL });
    db.prepare("INSERT INTO events (doc_id, doc_seq, id, idx, type, subtype, modality, negated, source, source_kind, lat, lon, confidence, json) VALUES (?, 1, ?, 0, 'movement', 'withdrawal', 'asserted', 0, 'author', 'author', ?, ?, 0.8, ?)")
      .run(d.id, e.id, MOSUL.lat, MOSUL.lon, JSON.stringify(e));
    const rows = db.prepare('SELECT * FROM events').all();
    migrate(db);
    assert.deepEqual(db.prepare('SELECT * FROM events').all(), rows);
    assert.deepEqual(indexes(), before);
    db.prepare('UPDATE events SET modality = NULL, source = NULL, source_kind = NULL').run();
  });

  test('opening a store twice keeps one migration record per version and uses WAL', async (t) => {
    const file = tempDb(t);
    await new SqliteStore(file).close();
    const store = new SqliteStore(file);
    t.after(() => store.close());
    assert.equal(store.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get(), MIGRATIONS.length);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  });

  test('planner statistics follow the data: a wide viewport is read in time order, a town-sized one through the position index', async (t) => {
    const store = new SqliteStore(tempDb(t));
    t.after(() => store.close());
    const db = store.db;
    assert.equal(refreshStatistics(db), false, 'no events, nothing to analyse');
    // 300 reports of 8 events each on a grid over Iraq and Syria, through 2017.
    for (let n = 0; n < 300; n += 1) {
      const d = doc(`Report ${n}: fighters moved between towns in the region on several days.`);
      const events = Array.from({ length: 8 }, (_, i) => {
        const k = n * 8 + i;
        const place: PlaceRef = { geonameid: k, name: `Town ${k}`, lat: 29 + (k % 90) / 10, lon: 35 + (Math.floor(k / 90) % 140) / 10 };
        return event(d, i, { location: place, from: `2017-${String(1 + (k % 12)).padStart(2, '0')}-15` });
      });
      await store.saveDocument(d, extractionWith(d, events));
    }
    const samples = () => db.prepare("SELECT count(*) FROM sqlite_stat4 WHERE tbl = 'events'").pluck().get() as number;
    assert.ok(samples() > 0, 'saving analysed the events table with histogram samples');
    assert.equal(refreshStatistics(db), false, 'not again until the table doubles');
    db.exec("DELETE FROM sqlite_stat4 WHERE tbl = 'events'");
    assert.equal(refreshStatistics(db), true, 'limited statistics (no samples) are redone');

    // The shape of listEvents' query with a bbox and a period.
    const plan = (west: number, south: number, east: number, north: number) => (db.prepare(`EXPLAIN QUERY PLAN
      SELECT e.json FROM events e JOIN documents d ON d.id = e.doc_id
      WHERE d.superseded_by IS NULL AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?
        AND substr(coalesce(e.to_date, e.from_date), 1, 10) >= '2017-01-01' AND substr(coalesce(e.from_date, e.to_date), 1, 10) <= '2017-12-31'
      ORDER BY e.from_date IS NULL, e.from_date, e.doc_seq, e.idx LIMIT 1000`).all(south, north, west, east) as Array<{ detail: string }>)
      .map((row) => row.detail).join('; ');
    assert.match(plan(35, 29, 49, 38), /SCAN e USING INDEX events_chronology/);
    assert.match(plan(40.1, 30.1, 40.2, 30.2), /SEARCH e USING INDEX events_position/);
  });

  test('openStore: SQLite for paths, a clear refusal for missing databases', async (t) => {
    const file = tempDb(t);
    await assert.rejects(openStore(file, { mustExist: true }), new RegExp(`${file}: no such database`));
    assert.equal(existsSync(file), false, 'a read-only command creates no file');
    const store = await openStore(file);
    assert.equal(store.kind, 'sqlite');
    await store.close();
    await assert.rejects(openStore(join(file, 'no', 'such', 'folder.db')), /cannot create the database, the folder .* does not exist/);
  });
});

test('openStore: an unreachable postgres:// URL is one line naming it, without its password', async () => {
  await assert.rejects(openStore('postgres://corridor:secret@127.0.0.1:1/corridor'), (error: Error) => {
    assert.match(error.message, /^postgres:\/\/corridor:\*\*\*@127\.0\.0\.1:1\/corridor: cannot open the database \(.*ECONNREFUSED.*\)$/);
    return true;
  });
});

describe('store: postgres only', { skip: postgres.skip }, () => {
  async function client(t: TestContext, url: string): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    // The database is dropped (WITH FORCE) before this client's own after hook ends it.
    c.on('error', () => {});
    await c.connect();
    t.after(() => c.end());
    return c;
  }

  test('migrations: applied once, recorded, and a database from a newer Corridor is refused', async (t) => {
    const db = await client(t, await createTestDatabase(t));
    assert.deepEqual(await migratePostgres(db, { postgis: false }), POSTGRES_MIGRATIONS.map((m) => m.version));
    assert.deepEqual(await migratePostgres(db), []);
    assert.deepEqual((await db.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows, POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    await db.query("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')");
    await assert.rejects(migratePostgres(db), /schema version 999, newer than this Corridor knows/);
  });

  test('migration 5 fills event_places from the events stored before it, and drops the tables nothing read', async (t) => {
    const db = await client(t, await createTestDatabase(t));
    await migratePostgres(db, { postgis: false }, POSTGRES_MIGRATIONS.filter((m) => m.version < 5));
    const d = doc('Fighters left Mosul for Tal Afar.');
    await db.query("INSERT INTO documents (id, language, text, ingested_at, extraction) VALUES ($1, 'en', $2, '2017-07-11', '{}')", [d.id, d.text]);
    for (const [i, e] of [event(d, 0, { origin: MOSUL, destination: TAL_AFAR }), event(d, 9, {})].entries()) {
      await db.query("INSERT INTO events (doc_id, id, idx, type, subtype, modality, negated, source, source_kind, confidence, json) VALUES ($1, $2, $3, 'movement', 'withdrawal', 'asserted', false, 'author', 'author', 0.8, $4)", [d.id, e.id, i, JSON.stringify(e)]);
    }
    await migratePostgres(db);
    assert.deepEqual((await db.query('SELECT event_idx, role, geonameid, name, lat, lon FROM event_places ORDER BY role')).rows, [
      { event_idx: 0, role: 'destination', ...TAL_AFAR }, { event_idx: 0, role: 'origin', ...MOSUL },
    ]);
    for (const table of ['times', 'statements', 'corridors']) assert.equal((await db.query('SELECT to_regclass($1) AS t', [table])).rows[0].t, null, table);
  });

  test('a failed migration leaves the database as it was', async (t) => {
    const db = await client(t, await createTestDatabase(t));
    const broken = [...POSTGRES_MIGRATIONS, { version: 99, name: 'broken', up: async (c: pg.ClientBase) => { await c.query('SELECT no_such_function()'); } }];
    await assert.rejects(migratePostgres(db, {}, broken), /no_such_function/);
    assert.equal((await db.query("SELECT to_regclass('documents') AS t")).rows[0].t, null);
  });

  test('stores opened at once on a new database migrate it once', async (t) => {
    const url = await createTestDatabase(t);
    const stores = await Promise.all([1, 2, 3].map(() => openStore(url, { postgis: false })));
    for (const store of stores) t.after(() => store.close());
    const db = await client(t, url);
    assert.equal((await db.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n, POSTGRES_MIGRATIONS.length);
  });

  test('without PostGIS: btree indexes, recorded as the spatial setting, and no geometry column', async (t) => {
    const url = await createTestDatabase(t);
    const store = await openStore(url, { postgis: false });
    t.after(() => store.close());
    assert.equal((store as PostgresStore).spatialIndex, 'btree');
    const db = await client(t, url);
    assert.deepEqual((await db.query("SELECT value FROM store_settings WHERE key = 'spatial'")).rows, [{ value: 'btree' }]);
    assert.deepEqual((await db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'geom'")).rows, []);
    assert.deepEqual((await db.query("SELECT indexname FROM pg_indexes WHERE tablename = 'events' AND indexname = 'events_position'")).rows, [{ indexname: 'events_position' }]);
  });

  test('with PostGIS: a geometry column with a GiST index, recorded as the spatial setting', { skip: postgres.skipPostgis }, async (t) => {
    const url = await createTestDatabase(t);
    const store = await openStore(url);
    t.after(() => store.close());
    assert.equal((store as PostgresStore).spatialIndex, 'postgis');
    const db = await client(t, url);
    assert.deepEqual((await db.query("SELECT value FROM store_settings WHERE key = 'spatial'")).rows, [{ value: 'postgis' }]);
    assert.deepEqual((await db.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_geom'")).rows.map((r) => /USING gist \(geom\)/.test(r.indexdef)), [true]);
    // A viewport query uses the GiST index.
    const plan = (await db.query("EXPLAIN SELECT 1 FROM events e WHERE e.geom && ST_MakeEnvelope(42, 36, 43, 37, 4326)")).rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(plan, /events_geom/);
  });

  test('mustExist refuses a database without a Corridor schema', async (t) => {
    const url = await createTestDatabase(t);
    await assert.rejects(openStore(url, { mustExist: true }), /cannot open the database \(no Corridor store in this database/);
  });
});
