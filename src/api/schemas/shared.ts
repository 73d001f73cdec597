/**
 * Shared schemas, registered once by `$id` and referenced by routes as
 * `{$ref: 'Event#'}`. They mirror src/types.ts (the extraction contract) and
 * src/fusion/types.ts; the OpenAPI document names its components after them.
 */
import {
  ACTOR_KINDS, CLAIM_STATUSES, CONTRADICTION_KINDS, CONTROL_ROLES, EVENT_TYPES, MENTION_WEIGHTS, MODALITIES,
  PLACE_KINDS, PLACE_PRECISIONS, SOURCE_KINDS, STANCES, TIME_PRECISIONS,
} from './enums.js';
import {
  arrayOf, bool, enumOf, int, nullableEnum, nullableInt, nullableRef, nullableStr, num, object, ref, str,
  type JsonSchema,
} from './helpers.js';

const span = { start: int, end: int };
const placeRef = { geonameid: nullableInt, name: str, lat: num, lon: num };

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

const eventProperties = {
  id: str,
  type: enumOf(EVENT_TYPES),
  subtype: str,
  agent: nullableRef('ActorRef'),
  patient: nullableRef('ActorRef'),
  location: nullableRef('PlaceRef'),
  origin: nullableRef('PlaceRef'),
  destination: nullableRef('PlaceRef'),
  time: object({
    from: nullableStr,
    to: nullableStr,
    precision: nullableEnum(TIME_PRECISIONS),
    basis: enumOf(['clause', 'sentence', 'document', 'none']),
  }),
  evidence: arrayOf(ref('Span')),
  trigger: object({ ...span, text: str }),
  attribution: ref('Attribution'),
  modality: enumOf(MODALITIES),
  negated: bool,
  factuality: object({
    certainty: enumOf(['certain', 'probable', 'possible', 'underspecified']),
    polarity: enumOf(['positive', 'negative', 'unknown']),
  }),
  plover: { anyOf: [object({ type: str, mode: nullableStr, context: arrayOf(str) }), { type: 'null' }] },
  placePrecision: nullableEnum(PLACE_PRECISIONS),
  confidence: num,
  rule: str,
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
  { $id: 'Span', ...object(span) },
  { $id: 'PlaceRef', ...object(placeRef) },
  { $id: 'ActorRef', ...object({ actorId: str, name: str }) },
  // An actor as fusion compares it: its kind tells whether a generic actor ("fighters") may be a named one.
  { $id: 'FusedActor', ...object({ actorId: str, name: str, kind: nullableEnum(ACTOR_KINDS) }) },
  { $id: 'TimeWindow', ...timeWindow },
  { $id: 'DocumentSummary', ...object(documentMeta) },
  { $id: 'Document', ...object({ ...documentMeta, text: str }) },
  {
    $id: 'PlaceMention',
    ...object({
      ...span, ...placeRef, text: str, country: nullableStr, admin1: nullableStr, featureCode: str,
      kind: enumOf(PLACE_KINDS), resolution: enumOf(['gazetteer', 'context']), precision: enumOf(PLACE_PRECISIONS), confidence: num,
      rule: str, reasons: arrayOf(str),
    // Extractions stored before places carried their rule and reasons are still served.
    }, ['rule', 'reasons']),
  },
  {
    $id: 'ActorMention',
    ...object({ ...span, text: str, actorId: str, name: str, kind: enumOf(ACTOR_KINDS), antecedent: ref('Span') }, ['antecedent']),
  },
  {
    $id: 'TimeMention',
    ...object({ ...span, text: str, from: str, to: str, precision: enumOf(TIME_PRECISIONS), certainty: enumOf(['stated', 'implied']) }),
  },
  {
    $id: 'Attribution',
    ...object({
      source: str, sourceKind: enumOf(SOURCE_KINDS), cueStart: nullableInt, cueEnd: nullableInt,
      chain: arrayOf(object({ source: str, sourceKind: enumOf(SOURCE_KINDS), affiliation: nullableStr, cueStart: nullableInt, cueEnd: nullableInt })),
    }),
  },
  { $id: 'ExtractedEvent', ...object(eventProperties) },
  {
    // An event as the map and lists show it: where it was read, and what fusion made of it.
    $id: 'Event',
    ...object({
      ...eventProperties,
      docId: str,
      outlet: nullableStr,
      publishedAt: nullableStr,
      clusterId: nullableStr,
      corroboration: int,
      status: nullableEnum(CLAIM_STATUSES),
    }),
  },
  {
    $id: 'Statement',
    ...object({
      ...span, speaker: str, speakerKind: enumOf(SOURCE_KINDS), affiliation: nullableStr, cueStart: nullableInt, cueEnd: nullableInt, parent: nullableInt,
      form: enumOf(['direct-quote', 'reported-speech', 'according-to', 'outlet-report', 'block-quote']),
    }),
  },
  { $id: 'Sentence', ...object({ ...span, stance: enumOf(STANCES), paragraph: int }) },
  {
    $id: 'ExtractedCorridor',
    ...object({
      ...span, name: str, text: str,
      waypoints: arrayOf(object({ ...placeRef, start: nullableInt, end: nullableInt })),
    }),
  },
  {
    $id: 'Message',
    ...object({ ruleId: str, reason: str, start: int, end: int, fatal: bool }, ['start', 'end']),
  },
  {
    $id: 'Extraction',
    ...object({
      document: object({ id: str, title: nullableStr, url: nullableStr, outlet: nullableStr, publishedAt: nullableStr }),
      places: arrayOf(ref('PlaceMention')),
      actors: arrayOf(ref('ActorMention')),
      times: arrayOf(ref('TimeMention')),
      events: arrayOf(ref('ExtractedEvent')),
      statements: arrayOf(ref('Statement')),
      sentences: arrayOf(ref('Sentence')),
      corridors: arrayOf(ref('ExtractedCorridor')),
      messages: arrayOf(ref('Message')),
    }),
  },
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
      control: nullableRef('ControlReading'),
      outlet: nullableStr, publishedAt: nullableStr,
      source: str, sourceKind: enumOf(SOURCE_KINDS), chain: arrayOf(object({ source: str, sourceKind: enumOf(SOURCE_KINDS), affiliation: nullableStr })),
      modality: enumOf(MODALITIES), negated: bool,
      stance: nullableEnum(STANCES), weight: enumOf(MENTION_WEIGHTS), time: nullableRef('TimeWindow'),
      evidence: arrayOf(ref('Span')),
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
      time: nullableRef('TimeWindow'),
      mentions: arrayOf(ref('ClusterMention')),
      corroboration: object({
        score: int,
        independentSources: arrayOf(str),
        explanation: arrayOf(object({ mention: str, source: str, origin: nullableStr, counted: bool, reason: str })),
      }),
      status: enumOf(CLAIM_STATUSES),
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
  { $id: 'ContradictionSide', ...object({ clusterId: str, mentions: arrayOf(ref('ClusterMention')), claim: str }) },
  {
    $id: 'ControlTimeline',
    ...object({
      place: ref('PlaceRef'),
      periods: arrayOf(object({
        holder: nullableRef('FusedActor'),
        from: str,
        to: nullableStr,
        changeClusterId: nullableStr,
        claims: arrayOf(str),
        contradictions: arrayOf(str),
        status: enumOf(CLAIM_STATUSES),
      })),
    }),
  },
  {
    $id: 'Trajectory',
    ...object({
      actor: ref('ActorRef'),
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
