/**
 * Scores one report's extraction against its expectations
 * (test/fixtures/real-news/README.md): every item becomes a list of checks,
 * and the item holds when all of them hold.
 */
import distance from '@turf/distance';
import { readControl, weighMention } from '../../fusion/mentions.js';
import type { Semantics } from '../../fusion/settings.js';
import { acledSubEventType, type AcledMapping, type MappedActor } from '../../reference/acled.js';
import { firstEndingAfter } from '../../text/span-index.js';
import type { NameNormalizer } from '../../text/normalize.js';
import { isChecked, type ActorRef, type Event, type Extraction, type PlaceMention, type PlaceRef, type Span } from '../../types.js';
import { wordOccurrences, type EventExpectation, type ExpectedType, type Expectations, type Located, type PlaceExpectation } from './expectations.js';

/** How far a `near` place may resolve from its point (README, "Places"). */
export const NEAR_KM = 161;

/** The event fields an expectation may state, in the order they are checked and printed. */
export const EVENT_FIELDS = [
  'place', 'origin', 'destination', 'agent', 'patient', 'killed', 'wounded', 'abducted', 'civilians', 'source', 'sourceKind', 'modality',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export type Category = 'place' | 'notPlace' | 'event' | 'notEvent';

export interface Check {
  /** What is checked: `type` (the event found with its type), an event field, or a mention of a place (`mention@start`). */
  field: string;
  ok: boolean;
  expected: unknown;
  found: unknown;
}

export interface ItemScore {
  category: Category;
  /** The anchor, or the place name. */
  label: string;
  holds: boolean;
  checks: Check[];
  /** Events: whether an event was matched at the anchor at all (of any type). */
  matched?: boolean;
  /** Planned or conditional events: whether the event found would count as an occurrence in fusion. */
  countedAsOccurrence?: boolean;
  /** Events: whether the expectation names who asserts it. */
  attributed?: boolean;
}

/** What scoring reads besides the extraction, loaded once for a run. */
export interface ScoreContext {
  mapping: AcledMapping;
  semantics: Semantics;
  normalize: NameNormalizer;
  /** Actor id -> ISO alpha-2 country (resources/actors.json), as the ACLED export reads them. */
  actorCountries: ReadonlyMap<string, string>;
  /** Actor id -> its id, name and aliases: an expectation may name the actor by any of them ("southern separatists" is the STC). */
  actorNames: ReadonlyMap<string, readonly string[]>;
}


const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Whether two names match: after the project's normaliser, one contains the other as whole words (README). */
export function namesMatch(normalize: NameNormalizer, a: string, b: string): boolean {
  const [ka, kb] = [normalize(a), normalize(b)];
  if (!ka || !kb) return false;
  return ` ${ka} `.includes(` ${kb} `) || ` ${kb} `.includes(` ${ka} `);
}

function placeRight(expected: PlaceExpectation, mention: PlaceMention): boolean {
  if ('geonameId' in expected) return mention.geonameid === expected.geonameId;
  if ('country' in expected) return mention.country === expected.country;
  const [lat, lon] = expected.near;
  return distance([lon, lat], [mention.lon, mention.lat], { units: 'kilometers' }) <= NEAR_KM;
}

const placeFound = (m: PlaceMention | undefined) => (m ? { text: m.text, geonameid: m.geonameid, name: m.name, country: m.country } : null);

function scorePlace(expected: PlaceExpectation, text: string, places: readonly PlaceMention[]): ItemScore {
  const target = 'geonameId' in expected ? { geonameid: expected.geonameId } : 'country' in expected ? { country: expected.country } : { near: expected.near };
  const checks = wordOccurrences(text, expected.name).map((span): Check => {
    const mention = places.find((p) => overlaps(p, span));
    return { field: `mention@${span.start}`, ok: mention !== undefined && placeRight(expected, mention), expected: target, found: placeFound(mention) };
  });
  return { category: 'place', label: expected.name, holds: checks.every((c) => c.ok), checks };
}

function scoreNotPlace(name: string, text: string, places: readonly PlaceMention[]): ItemScore {
  const checks = wordOccurrences(text, name).map((span): Check => {
    const mention = places.find((p) => overlaps(p, span));
    return { field: `mention@${span.start}`, ok: mention === undefined, expected: 'no place', found: placeFound(mention) };
  });
  return { category: 'notPlace', label: name, holds: checks.every((c) => c.ok), checks };
}

/** Reads the events of one extraction as the ACLED export and fusion read them. */
class EventReader {
  private readonly kinds: Map<string, MappedActor['kind']>;

  constructor(private readonly extraction: Extraction, private readonly text: string, private readonly ctx: ScoreContext) {
    this.kinds = new Map(extraction.actors.map((a) => [a.actorId, a.kind]));
  }

  private sentenceAt(offset: number) {
    const s = this.extraction.sentences[firstEndingAfter(this.extraction.sentences, offset)];
    return s && s.start <= offset ? s : null;
  }

  private mapped(actor: ActorRef | null): MappedActor | null {
    return actor && { ...actor, kind: this.kinds.get(actor.actorId) ?? null, country: this.ctx.actorCountries.get(actor.actorId) ?? null };
  }

  /** The mentions resolved to the entry an event's place stands for. */
  private mentionsOf(place: PlaceRef): PlaceMention[] {
    return this.extraction.places.filter((m) => m.geonameid === place.geonameid && m.name === place.name);
  }

  /**
   * The names a source goes by: a group's source is the canonical name of the actor its speaker
   * phrase named ("the Iraqi army" said -> "Iraqi Security Forces"), so any of that actor's names.
   */
  sourceNames(source: string): readonly string[] {
    const actor = this.extraction.actors.find((a) => a.name === source);
    return actor ? this.actorNames(actor) : [source];
  }

  actorNames(actor: ActorRef): readonly string[] {
    return this.ctx.actorNames.get(actor.actorId) ?? [actor.actorId, actor.name];
  }

  /** The ACLED sub-event type, through the mapping and the rule the ACLED export uses. */
  acled(event: Event): string | null | undefined {
    const agent = this.mapped(event.agent);
    const patient = this.mapped(event.patient);
    const control = readControl(event, agent, patient, this.ctx.semantics);
    const sentence = this.sentenceAt(event.trigger.start);
    const sentences = sentence ? [this.text.slice(sentence.start, sentence.end)] : [];
    const country = (event.location && this.mentionsOf(event.location)[0]?.country) ?? null;
    return acledSubEventType(this.ctx.mapping, { type: event.type, subtype: event.subtype, agent, patient, control: control && { holder: control.holder as MappedActor | null, loser: control.loser as MappedActor | null }, country }, sentences);
  }

  isOfType(event: Event, type: ExpectedType): boolean {
    if ('acled' in type) return this.acled(event) === type.acled;
    const [kind, subtype] = type.corridor.split('/');
    if (kind === 'mobilize') return event.plover?.type === 'MOBILIZE';
    return event.type === kind && (subtype === undefined || event.subtype === subtype);
  }

  describe(event: Event): string {
    const acled = this.acled(event);
    return `${event.type}/${event.subtype} "${event.trigger.text}"${acled ? ` (${acled})` : ''}`;
  }

  /** Whether fusion would count the event as something that happened (its weight is evidence). */
  countsAsOccurrence(event: Event): boolean {
    return isChecked(event) && weighMention(event, this.sentenceAt(event.trigger.start)?.stance ?? null) === 'evidence';
  }

  /** The names a place of an event goes by: its gazetteer name and the texts of its mentions. */
  placeNames(place: PlaceRef): string[] {
    return [place.name, ...this.mentionsOf(place).map((m) => m.text)];
  }
}

/** The events at an anchor: trigger inside the anchor, or the anchor inside the event's evidence (README, "Anchors"). */
function eventsAt(events: readonly Event[], span: Span): Event[] {
  return events.filter((e) => within(e.trigger, span) || e.evidence.some((ev) => within(span, ev)));
}

/** Best first: of the right type, trigger inside the anchor, trigger nearest the anchor. */
function rank(candidates: Event[], span: Span, rightType: (e: Event) => boolean): Event[] {
  const key = (e: Event) => [rightType(e) ? 0 : 1, within(e.trigger, span) ? 0 : 1, Math.abs(e.trigger.start - span.start)];
  return candidates.map((e) => ({ e, k: key(e) })).sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]! || a.k[2]! - b.k[2]!).map((x) => x.e);
}

function fieldCheck(field: EventField, expected: EventExpectation, event: Event, reader: EventReader, normalize: NameNormalizer): Check {
  const anyName = (accepted: readonly string[], found: readonly string[]) => accepted.some((a) => found.some((f) => namesMatch(normalize, a, f)));
  switch (field) {
    case 'place': case 'origin': case 'destination': {
      const accepted = expected[field]!;
      const place = field === 'place' ? event.location : event[field];
      const ok = accepted === null ? place === null : place !== null && anyName(accepted, reader.placeNames(place));
      return { field, ok, expected: accepted, found: place?.name ?? null };
    }
    case 'agent': case 'patient': {
      const actor = event[field];
      return { field, ok: actor !== null && anyName(expected[field]!, reader.actorNames(actor)), expected: expected[field], found: actor?.actorId ?? null };
    }
    case 'killed': case 'wounded': case 'abducted': case 'civilians': {
      // An event without figures gets no figure right.
      const found = event.casualties?.[field] ?? null;
      return { field, ok: found === expected[field], expected: expected[field], found };
    }
    case 'source': {
      const a = event.attribution;
      const ok = a !== null && expected.source!.some((s) => (s === 'author' ? a.sourceKind === 'author' : a.sourceKind !== 'author' && anyName([s], reader.sourceNames(a.source))));
      return { field, ok, expected: expected.source, found: a ? (a.sourceKind === 'author' ? 'author' : a.source) : null };
    }
    case 'sourceKind':
      return { field, ok: event.attribution?.sourceKind === expected.sourceKind, expected: expected.sourceKind, found: event.attribution?.sourceKind ?? null };
    case 'modality':
      return { field, ok: event.modality === expected.modality, expected: expected.modality, found: event.modality };
  }
}

const PROSPECTIVE = new Set(['planned', 'conditional']);

function scoreEvent(expected: Located<EventExpectation>, reader: EventReader, events: readonly Event[], normalize: NameNormalizer): ItemScore {
  const rightType = (e: Event) => reader.isOfType(e, expected.type);
  const [best] = rank(eventsAt(events, expected.span), expected.span, rightType);
  const stated = EVENT_FIELDS.filter((f) => expected[f] !== undefined);
  const typeCheck: Check = { field: 'type', ok: best !== undefined && rightType(best), expected: expected.type, found: best ? reader.describe(best) : null };
  const checks = [typeCheck, ...stated.map((f) => (best ? fieldCheck(f, expected, best, reader, normalize) : { field: f, ok: false, expected: expected[f], found: null }))];
  const score: ItemScore = { category: 'event', label: expected.anchor, holds: checks.every((c) => c.ok), checks, matched: best !== undefined, attributed: expected.source !== undefined };
  if (best && expected.modality && PROSPECTIVE.has(expected.modality)) score.countedAsOccurrence = reader.countsAsOccurrence(best);
  return score;
}

function scoreNotEvent(expected: Located<{ anchor: string }>, reader: EventReader, events: readonly Event[]): ItemScore {
  const wrong = eventsAt(events, expected.span).filter((e) => reader.isOfType(e, expected.type));
  const check: Check = { field: 'type', ok: wrong.length === 0, expected: { not: expected.type }, found: wrong.length ? wrong.map((e) => reader.describe(e)) : null };
  return { category: 'notEvent', label: expected.anchor, holds: check.ok, checks: [check] };
}

/**
 * Every item of one report, scored.
 *
 * @example
 * const items = scoreReport(expectations, text, pipeline.extract(document), ctx);
 * items.filter((i) => !i.holds).map((i) => i.label);
 */
export function scoreReport(expectations: Expectations, text: string, extraction: Extraction, ctx: ScoreContext): ItemScore[] {
  const reader = new EventReader(extraction, text, ctx);
  return [
    ...expectations.places.map((p) => scorePlace(p, text, extraction.places)),
    ...expectations.notPlaces.map((n) => scoreNotPlace(n, text, extraction.places)),
    ...expectations.events.map((e) => scoreEvent(e, reader, extraction.events, ctx.normalize)),
    ...expectations.notEvents.map((e) => scoreNotEvent(e, reader, extraction.events)),
  ];
}
