/**
 * Shared schemas, registered once by `$id` and referenced by routes as
 * `{$ref: 'Event#'}`. The extraction's types come from the schema generated
 * from src/types.ts (extraction.ts); the rest mirror src/store/store.ts and
 * src/fusion/types.ts. The OpenAPI document names its components after them.
 */
import {
  ACTOR_KINDS, CLAIM_STATUSES, CONTRADICTION_KINDS, CORROBORATION_ROLES, CONTROL_ROLES, EVENT_TYPES, MENTION_WEIGHTS, MODALITIES,
  SOURCE_KINDS, STANCES, TIME_PRECISIONS,
} from './enums.js';
import { readExtractionSchemas } from './extraction.js';
import {
  arrayOf, bool, enumOf, int, nullableBool, nullableEnum, nullableInt, nullableRef, nullableStr, num, object, ref, str,
  type JsonSchema,
} from './helpers.js';

const extraction = readExtractionSchemas();

function generated(name: string): JsonSchema & { properties: Record<string, JsonSchema>; required: string[] } {
  const schema = extraction.get(name);
  if (!schema) throw new Error(`schema/extraction.schema.json has no ${name}: run \`npm run schema\``);
  return schema as JsonSchema & { properties: Record<string, JsonSchema>; required: string[] };
}

/** A generated object schema with more properties, all required. */
function extend($id: string, base: string, more: Record<string, JsonSchema>): JsonSchema {
  const { properties, required } = generated(base);
  return { $id, ...object({ ...properties, ...more }), required: [...required, ...Object.keys(more)] };
}

const span = generated('Span').properties;
const placeRef = generated('PlaceRef').properties;

const documentMeta = {
  id: str,
  title: nullableStr,
  url: nullableStr,
  outlet: nullableStr,
  author: nullableStr,
  publishedAt: nullableStr,
  publishedAtSource: nullableEnum(['metadata', 'dateline', 'text', 'user']),
  language: str,
  previousVersion: nullableStr,
  ingestedAt: str,
  source: nullableStr,
};

const timeWindow = object({ from: str, to: str, precision: enumOf([...TIME_PRECISIONS, 'document']) });

const lineString = object({ type: enumOf(['LineString']), coordinates: arrayOf(arrayOf(num)) });

/** Any GeoJSON geometry; coordinates are nested arrays of numbers whose depth depends on the type. */
const geometry = {
  type: 'object',
  properties: {
    type: enumOf(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']),
    coordinates: { type: 'array' },
    geometries: { type: 'array' },
  },
  required: ['type'],
};

export const sharedSchemas: JsonSchema[] = [
  { $id: 'ErrorDetail', ...object({ code: str, message: str }) },
  { $id: 'Error', ...object({ error: ref('ErrorDetail') }) },
  ...extraction.values(),
  // An actor as fusion compares it: its kind tells whether a generic actor ("fighters") may be a named one.
  { $id: 'FusedActor', ...object({ actorId: str, name: str, kind: nullableEnum(ACTOR_KINDS) }) },
  { $id: 'TimeWindow', ...timeWindow },
  { $id: 'DocumentSummary', ...object(documentMeta) },
  { $id: 'Document', ...object({ ...documentMeta, text: str }) },
  // An event as the map and lists show it: where it was read, and what fusion made of it.
  extend('Event', 'ExtractedEvent', {
    docId: str,
    outlet: nullableStr,
    publishedAt: nullableStr,
    clusterId: nullableStr,
    corroboration: int,
    status: nullableEnum(CLAIM_STATUSES),
  }),
  {
    // A place aggregated over every extraction.
    $id: 'Place',
    ...object({
      key: str, ...placeRef, country: nullableStr, admin1: nullableStr, featureCode: str,
      mentions: int, documents: int, events: int,
    }),
  },
  {
    // An actor aggregated over every extraction.
    $id: 'Actor',
    ...object({ actorId: str, name: str, kind: enumOf(ACTOR_KINDS), mentions: int, documents: int, events: int }),
  },
  {
    $id: 'SearchHit',
    ...object({ docId: str, title: nullableStr, outlet: nullableStr, publishedAt: nullableStr, snippet: str, rank: num }),
  },
  { $id: 'ControlReading', ...object({ role: enumOf(CONTROL_ROLES), holder: nullableRef('FusedActor'), loser: nullableRef('FusedActor') }) },
  {
    $id: 'ClusterMention',
    ...object({
      ...span, key: str, docId: str, eventId: str, type: enumOf(EVENT_TYPES), subtype: str,
      agent: nullableRef('FusedActor'), patient: nullableRef('FusedActor'),
      location: nullableRef('PlaceRef'), origin: nullableRef('PlaceRef'), destination: nullableRef('PlaceRef'),
      placeFrom: nullableStr, operation: nullableStr, unit: nullableStr, continuing: bool,
      control: nullableRef('ControlReading'),
      outlet: nullableStr, publishedAt: nullableStr,
      source: str, sourceKind: enumOf(SOURCE_KINDS), chain: arrayOf(object({ source: str, sourceKind: enumOf(SOURCE_KINDS), affiliation: nullableStr })),
      modality: enumOf(MODALITIES), negated: bool,
      stance: nullableEnum(STANCES), weight: enumOf(MENTION_WEIGHTS), time: nullableRef('TimeWindow'),
      evidence: arrayOf(ref('Span')),
      sentence: nullableRef('Span'),
      copyKey: nullableStr,
      casualties: { ...object({ killed: nullableInt, wounded: nullableInt, abducted: nullableInt, civilians: nullableBool }), type: ['object', 'null'] },
    }),
  },
  {
    $id: 'Cluster',
    ...object({
      id: str,
      type: enumOf(EVENT_TYPES),
      subtype: str,
      agent: nullableRef('FusedActor'),
      patient: nullableRef('FusedActor'),
      location: nullableRef('PlaceRef'),
      origin: nullableRef('PlaceRef'),
      destination: nullableRef('PlaceRef'),
      control: nullableRef('ControlReading'),
      unit: nullableStr,
      time: nullableRef('TimeWindow'),
      mentions: arrayOf(ref('ClusterMention')),
      corroboration: object({
        score: int,
        independentSources: arrayOf(str),
        explanation: arrayOf(object({ mention: str, source: str, origin: nullableStr, counted: bool, role: enumOf(CORROBORATION_ROLES), reason: str })),
      }),
      status: enumOf(CLAIM_STATUSES),
      statusReason: str,
      contradictions: arrayOf(str),
    }),
  },
  {
    $id: 'Contradiction',
    ...object({
      id: str,
      kind: enumOf(CONTRADICTION_KINDS),
      a: ref('ContradictionSide'),
      b: ref('ContradictionSide'),
      explanation: str,
    }),
  },
  { $id: 'ContradictionSide', ...object({ clusterId: str, mentions: arrayOf(ref('ClusterMention')), claim: str, sources: arrayOf(str) }) },
  {
    $id: 'ControlTimeline',
    ...object({
      place: ref('PlaceRef'),
      periods: arrayOf(object({
        holder: nullableRef('FusedActor'),
        from: str,
        to: nullableStr,
        changeClusterId: nullableStr,
        loser: nullableRef('FusedActor'),
        claims: arrayOf(str),
        contradictions: arrayOf(str),
        status: enumOf(CLAIM_STATUSES),
      })),
    }),
  },
  {
    // Estimated areas of control (src/fusion/control-areas.ts): a FeatureCollection of Polygons and MultiPolygons.
    $id: 'ControlAreas',
    ...object({
      type: enumOf(['FeatureCollection']),
      features: arrayOf(object({
        type: enumOf(['Feature']),
        geometry: object({ type: enumOf(['Polygon', 'MultiPolygon']), coordinates: { type: 'array' } }),
        properties: object({
          place: str, geonameid: nullableInt, holder: ref('FusedActor'), status: enumOf(CLAIM_STATUSES), from: str, to: nullableStr,
          sources: int, lastEvidence: str, population: num, claims: arrayOf(str), contradictions: arrayOf(str),
          at: str, radiusKm: num, strength: num, ageDays: int, opacity: num, contested: bool, evidence: arrayOf(str),
        }),
      })),
    }),
  },
  {
    $id: 'ControlPalette',
    ...object({ palette: object(Object.fromEntries(ACTOR_KINDS.map((kind) => [kind, str]))), contested: str }),
  },
  {
    // One actor's paths: one per unit where fusion tells its units apart (`/api/trajectories/:actor`).
    $id: 'ActorTrajectories',
    ...object({ actor: ref('ActorRef'), trajectories: arrayOf(ref('Trajectory')) }),
  },
  {
    $id: 'Trajectory',
    ...object({
      actor: ref('ActorRef'),
      unit: nullableStr,
      steps: arrayOf(object({ place: ref('PlaceRef'), from: str, to: str, clusterIds: arrayOf(str), status: enumOf(CLAIM_STATUSES) })),
      geojson: object({
        type: enumOf(['FeatureCollection']),
        features: arrayOf(object({
          type: enumOf(['Feature']),
          geometry: lineString,
          properties: object({
            actorId: str, from: str, to: str, departed: str, arrived: str, clusterIds: arrayOf(str), status: enumOf(CLAIM_STATUSES),
          }),
        })),
      }),
    }),
  },
  {
    $id: 'CorridorReport',
    ...object({
      name: str,
      origin: enumOf(['extracted', 'user']),
      waypoints: arrayOf(ref('PlaceRef')),
      line: { anyOf: [lineString, { type: 'null' }] },
      bufferKm: num,
      mentions: arrayOf(object({ docId: str, start: int, end: int, text: str })),
      events: arrayOf(object({ clusterId: str, type: enumOf(EVENT_TYPES), subtype: str, claim: str, distanceKm: num, status: enumOf(CLAIM_STATUSES) })),
      control: arrayOf(ref('ControlTimeline')),
      movements: arrayOf(object({
        clusterId: str,
        agent: nullableRef('FusedActor'),
        from: nullableRef('PlaceRef'),
        to: nullableRef('PlaceRef'),
        time: nullableRef('TimeWindow'),
        direction: enumOf(['forward', 'backward', 'unknown']),
        status: enumOf(CLAIM_STATUSES),
      })),
    }),
  },
  {
    $id: 'SourceProfile',
    ...object({ kind: enumOf(['outlet', 'source']), name: str, claims: int, corroborated: int, contradicted: int, alone: int }),
  },
  {
    $id: 'Job',
    ...object({
      id: str,
      status: enumOf(['queued', 'running', 'done', 'failed']),
      docId: nullableStr,
      outcome: nullableEnum(['new', 'unchanged', 'updated']),
      documents: arrayOf(object({ id: str, outcome: enumOf(['new', 'unchanged', 'updated']) })),
      error: nullableRef('ErrorDetail'),
      createdAt: str,
      finishedAt: nullableStr,
    }),
  },
  {
    // GeoJSON from user files: geometry is checked for shape, properties pass through as the user wrote them.
    $id: 'FeatureCollection',
    type: 'object',
    properties: {
      type: enumOf(['FeatureCollection']),
      features: arrayOf({
        type: 'object',
        properties: {
          type: enumOf(['Feature']),
          id: { type: ['string', 'number'] },
          geometry: { anyOf: [geometry, { type: 'null' }] },
          properties: { type: ['object', 'null'], additionalProperties: true },
        },
        required: ['type', 'geometry'],
      }),
    },
    required: ['type', 'features'],
  },
  {
    $id: 'Label',
    ...object({ name: str, lon: num, lat: num, rank: int }),
  },
  {
    $id: 'Layer',
    ...object({ id: str, name: str, features: int, geometryTypes: arrayOf(str) }),
  },
];
