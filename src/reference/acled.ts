/**
 * ACLED's data model as Corridor reads and writes it: the columns of an
 * ACLED export, its dates, its actor type ("inter") codes, and the mapping
 * between Corridor's event types and ACLED's (resources/acled-mapping.json,
 * documented in resources/acled-mapping.md).
 */
import { z } from 'zod';
import { readJsonResource, resourcePath } from '../resources.js';
import type { ActorKind, EventType } from '../types.js';

/** ACLED's export columns, in ACLED's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, string>;

/** One ACLED event with its values typed: what a row of an export says. */
export interface AcledEvent {
  id: string;
  /** ISO date. */
  date: string;
  timePrecision: 1 | 2 | 3;
  disorderType: string;
  eventType: string;
  subEventType: string;
  actor1: string;
  assocActor1: string;
  /** ACLED's actor type code (1-8); null when there is no such actor or its type is not known. */
  inter1: number | null;
  actor2: string;
  assocActor2: string;
  inter2: number | null;
  interaction: number | null;
  civilianTargeting: boolean;
  /** ISO 3166-1 numeric. */
  iso: number | null;
  region: string;
  country: string;
  admin1: string;
  admin2: string;
  admin3: string;
  location: string;
  lat: number;
  lon: number;
  geoPrecision: 1 | 2 | 3;
  source: string;
  sourceScale: string;
  notes: string;
  fatalities: number;
  tags: string;
  timestamp: number | null;
}

/** The inter code ACLED writes for an actor column left empty: `inter2` is 0 in a one-sided event. */
export const NO_ACTOR_INTER = 0;

const EVENT_TYPES = ['movement', 'control', 'attack', 'agreement', 'governance', 'displacement', 'declaration', 'protest'] as const satisfies readonly EventType[];
const ACTOR_KINDS = ['armed-group', 'state', 'state-force', 'coalition', 'militia', 'organisation', 'civilians', 'generic'] as const satisfies readonly ActorKind[];
const SIDES = ['government', 'non-state'] as const;
export type Side = (typeof SIDES)[number];

const words = z.array(z.string().min(1)).min(1);
const inter = z.number().int().min(1).max(8).nullable();
const day = z.number().int().min(0);
/** ACLED's time and geo precision codes. */
const precisionCode = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const kindSchema = z.object({
  inter,
  side: z.enum(SIDES).nullable(),
  /** ACLED's generic name for actors of the kind, `{country}` standing for the country's name. */
  name: z.string().min(1).optional(),
}).strict();

const mappingSchema = z.object({
  version: z.literal(1),
  $comment: z.string().optional(),
  subEventTypes: z.record(z.string().min(1), z.object({ eventType: z.string().min(1), disorderType: z.string().min(1) }).strict()),
  rules: z.array(z.object({
    when: z.object({
      type: z.enum(EVENT_TYPES),
      subtype: words.optional(),
      words: words.optional(),
      holderSide: z.array(z.enum(SIDES)).min(1).optional(),
      loserSide: z.array(z.enum(SIDES)).min(1).optional(),
      agentKind: z.array(z.enum(ACTOR_KINDS)).min(1).optional(),
      patientKind: z.array(z.enum(ACTOR_KINDS)).min(1).optional(),
    }).strict(),
    subEventType: z.string().min(1).nullable(),
  }).strict()).min(1),
  compareAlso: z.record(z.string(), z.array(z.string().regex(/^[a-z]+(?:\/[a-z-]+)?$/, 'expected "type" or "type/subtype"'))),
  civilianTargeting: z.object({ patientKind: z.array(z.enum(ACTOR_KINDS)), eventTypes: z.array(z.string()) }).strict(),
  kinds: z.object(Object.fromEntries(ACTOR_KINDS.map((k) => [k, kindSchema])) as Record<ActorKind, typeof kindSchema>).strict(),
  foreignForces: z.object({ kinds: z.array(z.enum(ACTOR_KINDS)), inter, side: z.enum(SIDES).nullable() }).strict(),
  actors: z.record(z.string(), z.object({ name: z.string().min(1).optional(), inter: inter.optional(), side: z.enum(SIDES).nullable().optional() }).strict()),
  interLabels: z.record(z.string().regex(/^[1-8]$/), z.string().min(1)),
  timePrecision: z.object({ maxDaysForWeek: day, maxDaysForMonth: day }).strict(),
  geoPrecision: z.object({ exact: precisionCode, nearby: precisionCode, admin: precisionCode, region: precisionCode, country: precisionCode }).strict(),
  regions: z.record(z.string(), z.string().min(1)),
  countryRegions: z.record(z.string().regex(/^[A-Z]{2}$/), z.string().min(1)),
  countryNames: z.record(z.string().regex(/^[A-Z]{2}$/), z.string().min(1)),
  compare: z.object({
    days: day,
    km: z.number().min(0),
    extraDaysByTimePrecision: z.record(z.string().regex(/^[123]$/), day),
    extraKmByGeoPrecision: z.record(z.string().regex(/^[123]$/), z.number().min(0)),
  }).strict(),
}).strict();

type MappingFile = z.infer<typeof mappingSchema>;
export type MappingRule = MappingFile['rules'][number];

export interface AcledMapping extends Omit<MappingFile, 'subEventTypes' | 'compareAlso'> {
  /** Where the mapping was read from, for messages. */
  source: string;
  subEventTypes: ReadonlyMap<string, { eventType: string; disorderType: string }>;
  compareAlso: ReadonlyMap<string, readonly string[]>;
}

/**
 * Loads the ACLED mapping (default: resources/acled-mapping.json). Throws one
 * clear error naming the file and the first problem.
 *
 * @example
 * const mapping = loadAcledMapping();
 * acledSubEventType(mapping, cluster, sentences); // 'Government regains territory'
 */
export function loadAcledMapping(path?: string): AcledMapping {
  return compileAcledMapping(readJsonResource<unknown>('acled-mapping.json', path), path ?? resourcePath('acled-mapping.json'));
}

export function compileAcledMapping(data: unknown, source = '<acled mapping>'): AcledMapping {
  const parsed = mappingSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const file = parsed.data;
  const subEventTypes = new Map(Object.entries(file.subEventTypes));
  const known = (name: string, where: string) => {
    if (!subEventTypes.has(name)) throw new Error(`${source}: ${where}: "${name}" is not one of the subEventTypes`);
  };
  file.rules.forEach((r, i) => r.subEventType !== null && known(r.subEventType, `rules.${i}.subEventType`));
  for (const name of Object.keys(file.compareAlso)) known(name, `compareAlso`);
  for (const name of file.civilianTargeting.eventTypes) {
    if (![...subEventTypes.values()].some((s) => s.eventType === name)) throw new Error(`${source}: civilianTargeting.eventTypes: "${name}" is not an event type of the subEventTypes`);
  }
  return { ...file, source, subEventTypes, compareAlso: new Map(Object.entries(file.compareAlso)) };
}

/** An actor as the mapping reads it. */
export interface MappedActor {
  actorId: string;
  name: string;
  kind: ActorKind | null;
  /** ISO alpha-2 code of the country it belongs to (resources/actors.json), when known. */
  country?: string | null;
}

/** What the rules look at in an event (a fused cluster or a single mention). */
export interface MappableEvent {
  type: EventType;
  subtype: string;
  agent: MappedActor | null;
  patient: MappedActor | null;
  control: { holder: MappedActor | null; loser: MappedActor | null } | null;
  /** ISO alpha-2 code of the country the event happens in, when known. */
  country?: string | null;
}

/** State forces active outside their own country, which ACLED codes as external forces. */
function isForeign(mapping: AcledMapping, actor: MappedActor, eventCountry: string | null | undefined): boolean {
  return actor.kind !== null && mapping.foreignForces.kinds.includes(actor.kind) && !!actor.country && !!eventCountry && actor.country !== eventCountry;
}

/** Which side of a change of control an actor stands on: the actor's own entry, else foreign forces', else its kind's. */
export function sideOf(mapping: AcledMapping, actor: MappedActor | null, eventCountry?: string | null): Side | null {
  if (!actor) return null;
  const own = mapping.actors[actor.actorId];
  if (own?.side !== undefined) return own.side;
  if (isForeign(mapping, actor, eventCountry)) return mapping.foreignForces.side;
  return actor.kind ? mapping.kinds[actor.kind].side : null;
}

/** ACLED's inter code of an actor, chosen like its side. */
export function interOf(mapping: AcledMapping, actor: MappedActor | null, eventCountry?: string | null): number | null {
  if (!actor) return null;
  const own = mapping.actors[actor.actorId];
  if (own?.inter !== undefined) return own.inter;
  if (isForeign(mapping, actor, eventCountry)) return mapping.foreignForces.inter;
  return actor.kind ? mapping.kinds[actor.kind].inter : null;
}

/** The name ACLED gives the actor: its own override, else the kind's generic name ("Civilians (Iraq)"), else Corridor's name. */
export function acledActorName(mapping: AcledMapping, actor: MappedActor | null, country: string | null): string {
  if (!actor) return '';
  const own = mapping.actors[actor.actorId]?.name;
  if (own) return own;
  const generic = actor.kind ? mapping.kinds[actor.kind].name : undefined;
  return generic && country ? generic.replace('{country}', country) : actor.name;
}

/** ACLED's interaction code: the two inter codes, lower first ("12"); one code times ten for a one-sided event. */
export function interactionCode(inter1: number | null, inter2: number | null): number | null {
  if (inter1 === null) return inter2 === null ? null : inter2 * 10;
  if (inter2 === null) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

function matchesPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, 'u').test(text);
}

function subtypeMatches(rule: MappingRule, subtype: string): boolean {
  return !rule.when.subtype || rule.when.subtype.includes(subtype);
}

/**
 * The ACLED sub-event type of an event: the first rule that matches.
 * `sentences` are the sentences stating the event, read by rules with `words`. Null when the
 * matching rule says the event has no ACLED counterpart (a place held, not
 * taken), undefined when no rule matches.
 */
export function acledSubEventType(mapping: AcledMapping, event: MappableEvent, sentences: readonly string[]): string | null | undefined {
  const lowered = sentences.map((q) => q.toLowerCase());
  const kindIn = (kinds: readonly ActorKind[] | undefined, actor: MappedActor | null) => !kinds || (actor?.kind != null && kinds.includes(actor.kind));
  const sideIn = (sides: readonly Side[] | undefined, actor: MappedActor | null) => {
    if (!sides) return true;
    const side = sideOf(mapping, actor, event.country);
    return side !== null && sides.includes(side);
  };
  for (const rule of mapping.rules) {
    const { when } = rule;
    if (when.type !== event.type || !subtypeMatches(rule, event.subtype)) continue;
    if (when.words && !when.words.some((w) => lowered.some((q) => matchesPhrase(q, w)))) continue;
    if (!kindIn(when.agentKind, event.agent) || !kindIn(when.patientKind, event.patient)) continue;
    if (!sideIn(when.holderSide, event.control?.holder ?? null) || !sideIn(when.loserSide, event.control?.loser ?? null)) continue;
    return rule.subEventType;
  }
  return undefined;
}

/**
 * Every ACLED sub-event type an event of this type and subtype may be coded
 * as, whatever its actors and wording: the rules it can reach (up to the first
 * that holds for any event of the type) plus `compareAlso`. Empty when ACLED
 * records no such event.
 */
export function comparableSubEventTypes(mapping: AcledMapping, type: EventType, subtype: string): Set<string> {
  const found = new Set<string>();
  for (const rule of mapping.rules) {
    const { when } = rule;
    if (when.type !== type || !subtypeMatches(rule, subtype)) continue;
    if (rule.subEventType !== null) found.add(rule.subEventType);
    const conditional = when.words || when.agentKind || when.patientKind || when.holderSide || when.loserSide;
    if (!conditional) break;
  }
  for (const [subEventType, keys] of mapping.compareAlso) {
    if (keys.includes(type) || keys.includes(`${type}/${subtype}`)) found.add(subEventType);
  }
  return found;
}

/** Whether ACLED marks an event of this kind as targeting civilians. */
export function civilianTargeting(mapping: AcledMapping, eventType: string, patient: MappedActor | null): boolean {
  const rule = mapping.civilianTargeting;
  return patient?.kind != null && rule.patientKind.includes(patient.kind) && rule.eventTypes.includes(eventType);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** ACLED's date format: "10 July 2017". */
export function formatAcledDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * An event as ACLED writes a row: dates as "9 May 2020", coordinates with
 * four decimals, 0 as the inter code of an empty actor column, "Civilians
 * targeted" or nothing. `corridor import acled` reads every value back.
 *
 * @example
 * acledRow(event).inter2; // '0' when the event has no second actor
 */
export function acledRow(e: AcledEvent): AcledRow {
  const text = (v: number | null) => (v === null ? '' : String(v));
  const inter = (actor: string, code: number | null) => (actor === '' && code === null ? String(NO_ACTOR_INTER) : text(code));
  return {
    event_id_cnty: e.id,
    event_date: formatAcledDate(e.date),
    year: e.date.slice(0, 4),
    time_precision: String(e.timePrecision),
    disorder_type: e.disorderType,
    event_type: e.eventType,
    sub_event_type: e.subEventType,
    actor1: e.actor1,
    assoc_actor_1: e.assocActor1,
    inter1: inter(e.actor1, e.inter1),
    actor2: e.actor2,
    assoc_actor_2: e.assocActor2,
    inter2: inter(e.actor2, e.inter2),
    interaction: text(e.interaction),
    civilian_targeting: e.civilianTargeting ? 'Civilians targeted' : '',
    iso: text(e.iso),
    region: e.region,
    country: e.country,
    admin1: e.admin1,
    admin2: e.admin2,
    admin3: e.admin3,
    location: e.location,
    latitude: e.lat.toFixed(4),
    longitude: e.lon.toFixed(4),
    geo_precision: String(e.geoPrecision),
    source: e.source,
    source_scale: e.sourceScale,
    notes: e.notes,
    fatalities: String(e.fatalities),
    tags: e.tags,
    timestamp: text(e.timestamp),
  };
}

function isoDate(year: number, month: number, dayOfMonth: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dayOfMonth) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Reads a date in any of the forms ACLED files carry: "10 July 2017" (and
 * "10-July-2017", "10 Jul 2017"), ISO "2017-07-10" (the API), and
 * "10/07/2017" (day first, as ACLED writes numeric dates). Null when the text
 * is none of these or not a real day.
 */
export function parseAcledDate(text: string): string | null {
  const value = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(value);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{2}|\d{4})$/.exec(value);
  if (m) {
    const name = m[2]!.toLowerCase();
    const month = MONTHS.findIndex((full) => full.toLowerCase() === name || (name.length >= 3 && full.toLowerCase().startsWith(name))) + 1;
    if (month === 0) return null;
    // Two-digit years as spreadsheets shorten them; ACLED's data start in 1997.
    const short = Number(m[3]);
    const year = m[3]!.length === 2 ? (short >= 70 ? 1900 + short : 2000 + short) : short;
    return isoDate(year, month, Number(m[1]));
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}
