/**
 * Fusion fixtures: `test/fixtures/fusion/<case>/{input.json, expected.json}`.
 * An input holds small hand-built documents: their sentences (with stance)
 * and events written out by hand, evidence given as the exact words, which
 * are located in the text to get the offsets. Places and actors are named
 * and looked up in `test/fixtures/fusion/world.json`.
 * `REGEN=1` rewrites expected.json; review it by eye before keeping it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FusionInput, UserCorridor } from '../../src/fusion/index.js';
import type { ActorKind, ActorMention, ActorRef, DocumentMeta, Event, EventType, Extraction, Modality, PlaceMention, PlaceRef, SourceKind, Stance, TimePrecision } from '../../src/types.js';

export const FUSION_FIXTURES = fileURLToPath(new URL('../../../test/fixtures/fusion/', import.meta.url));

interface World {
  /** name -> [geonameid, lat, lon, country (ISO alpha-2, when a case needs it)] */
  places: Record<string, [number | null, number, number, string?]>;
  /** id -> [name, kind] */
  actors: Record<string, [string, ActorKind]>;
}

export interface FixtureEvent {
  /** The exact words of the event's clause in the document. */
  evidence: string;
  /** The trigger word, inside the evidence (default: the evidence's first word). */
  trigger?: string;
  type: EventType;
  subtype: string;
  agent?: string;
  patient?: string;
  location?: string;
  origin?: string;
  destination?: string;
  /** How wide the event's place is, as the events stage grades it (default `exact`; `country` for "in northern Syria"). */
  placePrecision?: Event['placePrecision'];
  /** A day, [from, to] or [from, to, precision]; absent: the week before publication. */
  time?: string | [string, string] | [string, string, TimePrecision];
  /** The sources after the author, outermost first: [name, kind]. */
  /** Who relays the event, outermost first: source, its kind, and whom it speaks for. */
  via?: [string, SourceKind, string?][];
  modality?: Modality;
  negated?: boolean;
  /** The words that give the event as an aim ("aimed at"), as the events stage marks them. */
  intent?: string;
  /** The words that make the object a part of the place ("parts of"), as the events stage marks them (`event.part`). */
  part?: string;
  /** Casualty counts, as the events stage gives them (`event.casualties`) once it reads them. */
  casualties?: { killed?: number | null; wounded?: number | null; abducted?: number | null; civilians?: boolean | null };
}

export interface FixtureDocument {
  id: string;
  outlet: string | null;
  publishedAt: string | null;
  previousVersion?: string;
  sentences: [string, Stance][];
  events: FixtureEvent[];
  corridors?: { evidence: string; name: string; waypoints: string[] }[];
}

export interface FixtureInput {
  about: string;
  documents: FixtureDocument[];
  /** Which parts of the result expected.json shows. */
  show: ('clusters' | 'contradictions' | 'timelines' | 'trajectories' | 'corridors' | 'sources' | 'diff')[];
  /** For the diff case: the documents of each ingest run. */
  runs?: string[][];
  userCorridors?: UserCorridor[];
}

export interface FusionFixture {
  name: string;
  input: FixtureInput;
  expectedPath: string;
}

export function fusionFixtures(): FusionFixture[] {
  // demo-stories/ holds the end-to-end expectations on the demo corpus (demo-stories.test.ts), not a case.
  return readdirSync(FUSION_FIXTURES).filter((n) => existsSync(join(FUSION_FIXTURES, n, 'input.json'))).sort().map((name) => ({
    name,
    input: JSON.parse(readFileSync(join(FUSION_FIXTURES, name, 'input.json'), 'utf8')) as FixtureInput,
    expectedPath: join(FUSION_FIXTURES, name, 'expected.json'),
  }));
}

let world: World | null = null;
function theWorld(): World {
  world ??= JSON.parse(readFileSync(join(FUSION_FIXTURES, 'world.json'), 'utf8')) as World;
  return world;
}

export function place(name: string | undefined): PlaceRef | null {
  if (name === undefined) return null;
  const p = theWorld().places[name];
  assert.ok(p, `world.json has no place "${name}"`);
  return { geonameid: p[0], name, lat: p[1], lon: p[2] };
}

function actor(id: string | undefined): ActorRef | null {
  if (id === undefined) return null;
  const entry = theWorld().actors[id];
  assert.ok(entry, `world.json has no actor "${id}"`);
  return { actorId: id, name: entry[0] };
}

/** The actor mentions of an event: the actor's name where the evidence says it, else the evidence itself. */
function actorMentions(text: string, event: Event): ActorMention[] {
  const clause = event.evidence[1]!;
  return [event.agent, event.patient].flatMap((a) => {
    if (!a) return [];
    const at = text.slice(clause.start, clause.end).toLowerCase().indexOf(a.name.toLowerCase());
    const start = at >= 0 ? clause.start + at : clause.start;
    const end = at >= 0 ? start + a.name.length : clause.end;
    return [{ start, end, text: text.slice(start, end), actorId: a.actorId, name: a.name, kind: theWorld().actors[a.actorId]![1] }];
  });
}

function locate(text: string, words: string, from = 0): number {
  const at = text.indexOf(words, from);
  assert.ok(at >= 0, `"${words}" is not in the document text`);
  return at;
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function documentText(doc: FixtureDocument): string {
  return doc.sentences.map(([s]) => s).join(' ');
}

function toEvent(doc: FixtureDocument, text: string, e: FixtureEvent): Event {
  const start = locate(text, e.evidence);
  const end = start + e.evidence.length;
  const triggerWords = e.trigger ?? e.evidence.split(' ')[0]!;
  const triggerStart = locate(text, triggerWords, start);
  const time = e.time === undefined
    ? { from: shiftDay(doc.publishedAt!, -6), to: doc.publishedAt, precision: 'week' as const, basis: 'document' as const }
    : typeof e.time === 'string'
      ? { from: e.time, to: e.time, precision: 'day' as const, basis: 'clause' as const }
      : { from: e.time[0], to: e.time[1], precision: e.time[2] ?? 'day', basis: 'clause' as const };
  const chain = [{ source: doc.outlet ?? 'author', sourceKind: 'author' as SourceKind, affiliation: null, cueStart: null, cueEnd: null },
    ...(e.via ?? []).map(([source, sourceKind, affiliation]) => ({ source, sourceKind, affiliation: affiliation ?? null, cueStart: null, cueEnd: null }))];
  const innermost = chain.at(-1)!;
  const negated = e.negated ?? false;
  const modality = e.modality ?? 'asserted';
  return {
    id: `${doc.id.slice(0, 8)}:${start}:${e.type}`,
    type: e.type, subtype: e.subtype,
    agent: actor(e.agent), patient: actor(e.patient),
    location: place(e.location), origin: place(e.origin), destination: place(e.destination),
    time,
    evidence: [{ start: triggerStart, end: triggerStart + triggerWords.length }, { start, end }],
    trigger: { start: triggerStart, end: triggerStart + triggerWords.length, text: triggerWords },
    attribution: { source: innermost.source, sourceKind: innermost.sourceKind, cueStart: null, cueEnd: null, chain, rule: 'fixture' },
    modality, negated,
    factuality: { certainty: 'certain', polarity: negated || modality === 'denied' ? 'negative' : 'positive' },
    plover: null, casualties: casualtiesOf(e), placePrecision: e.placePrecision ?? 'exact', placeBasis: 'clause', intent: intentSpan(text, e.intent, start), confidence: 0.9, rule: 'fixture',
    ...(e.part === undefined ? {} : { part: intentSpan(text, e.part, start)! }),
  };
}

/** The figures a fixture gives, as the events stage would give them (without their evidence spans, which fusion does not read). */
function casualtiesOf(e: FixtureEvent): Event['casualties'] {
  const c = e.casualties;
  return c ? { killed: c.killed ?? null, wounded: c.wounded ?? null, abducted: c.abducted ?? null, civilians: c.civilians ?? null, evidence: [] } : null;
}

function intentSpan(text: string, words: string | undefined, from: number): Event['intent'] {
  if (words === undefined) return null;
  const start = locate(text, words, from);
  return { start, end: start + words.length, text: words };
}

/** Where the text names the events' places: every occurrence of each place name the events give, as the geoparser would find it. */
function placeMentions(text: string, events: readonly Event[]): PlaceMention[] {
  const named = new Map(events.flatMap((e) => [e.location, e.origin, e.destination]).filter((p): p is PlaceRef => p !== null).map((p) => [p.name, p]));
  return [...named.values()].flatMap((p) => [...text.matchAll(new RegExp(p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => ({
    ...p, text: p.name, start: m.index!, end: m.index! + p.name.length, country: theWorld().places[p.name]?.[3] ?? null, admin1: null, featureCode: 'PPL',
    kind: 'literal' as const, resolution: 'gazetteer' as const, precision: 'exact' as const, confidence: 1, rule: 'fixture', reasons: [],
  }))).sort((a, b) => a.start - b.start);
}

/** The document and its extraction, as the store would hold them. */
export function buildDocument(doc: FixtureDocument): { meta: DocumentMeta; extraction: Extraction } {
  const text = documentText(doc);
  let offset = 0;
  const sentences = doc.sentences.map(([s, stance], paragraph) => {
    const start = offset;
    offset += s.length + 1;
    return { start, end: start + s.length, stance, paragraph };
  });
  const events = doc.events.map((e) => toEvent(doc, text, e)).sort((a, b) => a.trigger.start - b.trigger.start);
  const corridors = (doc.corridors ?? []).map((c) => {
    const start = locate(text, c.evidence);
    return {
      start, end: start + c.evidence.length, text: c.evidence, name: c.name,
      waypoints: c.waypoints.map((w) => ({ ...place(w)!, start: null, end: null })),
    };
  });
  const meta: DocumentMeta = {
    id: doc.id, title: null, url: null, outlet: doc.outlet, author: null, publishedAt: doc.publishedAt,
    publishedAtSource: doc.publishedAt ? 'metadata' : null, language: 'eng', text,
  };
  const extraction: Extraction = {
    document: { id: doc.id, title: null, url: null, outlet: doc.outlet, publishedAt: doc.publishedAt },
    places: placeMentions(text, events), actors: events.flatMap((e) => actorMentions(text, e)), times: [], events, statements: [], sentences, corridors, messages: [],
  };
  return { meta, extraction };
}

export function fusionInput(doc: FixtureDocument): FusionInput {
  const { meta, extraction } = buildDocument(doc);
  return { document: { id: meta.id, outlet: meta.outlet, publishedAt: meta.publishedAt, previousVersion: doc.previousVersion ?? null, text: meta.text }, extraction };
}

export function compareWithExpected(fixture: FusionFixture, actual: unknown): void {
  if (process.env.REGEN === '1') {
    writeFileSync(fixture.expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  assert.ok(existsSync(fixture.expectedPath), `${fixture.expectedPath} is missing; run with REGEN=1 and review it`);
  assert.deepStrictEqual(actual, JSON.parse(readFileSync(fixture.expectedPath, 'utf8')), `fixture ${fixture.name}`);
}
