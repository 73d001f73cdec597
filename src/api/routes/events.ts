import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findPlace, placeKey } from '../../fusion/index.js';
import { extendJsonObject } from '../../store/common.js';
import type { EventFilter, StoredEvent } from '../../store/store.js';
import { responses } from '../context.js';
import { apiError, ERRORS } from '../errors.js';
import { indexMentions } from '../fusion-state.js';
import { EVENT_TYPES, MODALITIES } from '../schemas/enums.js';
import { createPageCache } from '../page-cache.js';
import { nextLink } from '../paging.js';
import { BBOX, enumOf, ISO_DATE, pageOf, pageParams, ref } from '../schemas/helpers.js';

/** The store's event filter as a query string carries it: bbox as text, plus fusion's corroboration floor and a place by name. */
type EventsQuery = Omit<EventFilter, 'bbox' | 'limit' | 'offset'> & { bbox?: string; minCorroboration?: number; place?: string; limit: number; offset: number };


type Box = [west: number, south: number, east: number, north: number];

const isFourNumbers = (parts: number[]): parts is Box => parts.length === 4 && parts.every(Number.isFinite);

/** `west,south,east,north` in degrees; west > east is a box across the antimeridian. */
export function parseBbox(value: string): Box {
  const parts = value.split(',').map(Number);
  if (!isFourNumbers(parts)) throw apiError(ERRORS.QUERY_BBOX, value);
  const [west, south, east, north] = parts;
  const inRange = (v: number, limit: number) => v >= -limit && v <= limit;
  if (!(inRange(west, 180) && inRange(east, 180) && inRange(south, 90) && inRange(north, 90) && south <= north)) throw apiError(ERRORS.QUERY_BBOX, value);
  return parts;
}

/** Whether an event is located at, leaves or reaches the place a name names (none: nothing matches). */
async function placeFilter(app: FastifyInstance, name: string): Promise<(e: StoredEvent) => boolean> {
  const normalize = app.fusion.context.normalizeName;
  const place = findPlace(await app.fusion.state(), name, app.gazetteer());
  if (!place) return () => false;
  const key = placeKey(place, normalize);
  return (e) => [e.location, e.origin, e.destination].some((p) => p !== null && placeKey(p, normalize) === key);
}

/**
 * Bytes of pages kept serialised: a whole page of 5000 events is about 6 MB
 * (1.2 kB an event on the demo store), so the map's lists and the last
 * viewports of a few users, without holding more than 64 MB.
 */
const CACHED_BYTES = 64_000_000;

/** One page of events as the response body: the stored JSON with fusion's cluster, corroboration and status added. */
async function eventPage(app: FastifyInstance, request: FastifyRequest<{ Querystring: EventsQuery }>): Promise<string> {
  const { bbox, minCorroboration, place, limit, offset, ...rest } = request.query;
  const filter: EventFilter = { ...rest, ...(bbox === undefined ? {} : { bbox: parseBbox(bbox) }) };
  const fusion = indexMentions(await app.fusion.read());
  const atPlace = place === undefined ? null : await placeFilter(app, place);
  // Corroboration lives in the fusion result and places are matched by key, not
  // in the store's event rows: with those filters the page is cut after filtering.
  const paged = minCorroboration === undefined && atPlace === null;
  // One event past the page tells whether there is a next one.
  const records = await app.store.listEventRecords(paged ? { ...filter, limit: limit + 1, offset } : filter);
  const items: string[] = [];
  for (const record of records) {
    const fused = fusion.get(`${record.docId}/${record.eventId}`);
    const corroboration = fused?.corroboration ?? 0;
    if (minCorroboration !== undefined && corroboration < minCorroboration) continue;
    if (atPlace && !atPlace(JSON.parse(record.json) as StoredEvent)) continue;
    items.push(extendJsonObject(record.json, { clusterId: fused?.clusterId ?? null, corroboration, status: fused?.status ?? null }));
  }
  // A page is up to 5000 events: the stored JSON is served as it is, since
  // parsing it to serialise it again was most of a request's cost and held
  // the event loop under load. The response schema still documents the
  // page, and a test holds the served events to it field by field.
  const page = paged ? items.slice(0, limit) : items.slice(offset, offset + limit);
  const more = paged ? items.length > limit : offset + limit < items.length;
  // Filtered in memory, the events are counted whole; the store's pages are not.
  const total = paged ? '' : `,"total":${items.length}`;
  const next = JSON.stringify(more ? nextLink(request, { limit, offset }) : null);
  return `{"items":[${page.join(',')}]${total},"limit":${limit},"offset":${offset},"next":${next}}`;
}

export async function eventRoutes(app: FastifyInstance): Promise<void> {
  const pages = createPageCache(CACHED_BYTES);
  app.get<{ Querystring: EventsQuery }>('/api/events', {
    schema: {
      summary: 'Events, filtered; each with the cluster it was fused into and its corroboration',
      tags: ['events'],
      querystring: {
        type: 'object',
        properties: {
          bbox: { ...BBOX, description: `${BBOX.description}; matches the event location, else its destination` },
          from: { type: 'string', pattern: ISO_DATE, description: 'Events ending on or after this date' },
          to: { type: 'string', pattern: ISO_DATE, description: 'Events starting on or before this date' },
          type: enumOf(EVENT_TYPES),
          actor: { type: 'string', minLength: 1, maxLength: 200, description: 'Actor id or name (agent or patient)' },
          modality: enumOf(MODALITIES),
          source: { type: 'string', minLength: 1, maxLength: 200, description: 'Who asserts the event (the attributed source; case-insensitive)' },
          docId: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          minCorroboration: { type: 'integer', minimum: 0, maximum: 1000 },
          place: {
            type: 'string', minLength: 1, maxLength: 200,
            description: 'Events located at, leaving or reaching a place: any of its names in the gazetteer (alternate names included, any transliteration), a GeoNames id or a place key; the place as /api/timelines/{place} finds it',
          },
          ...pageParams({ default: 1000, max: 5000 }),
        },
        additionalProperties: false,
      },
      response: responses(200, pageOf(ref('Event')), [ERRORS.QUERY_BBOX, ERRORS.QUERY_DATE_RANGE]),
    },
  }, async (request, reply) => {
    const { bbox, from, to } = request.query;
    if (from && to && from > to) throw apiError(ERRORS.QUERY_DATE_RANGE, from, to);
    if (bbox !== undefined) parseBbox(bbox);
    // Kept per snapshot, as fusion's views are: documents an ingest still running has saved are listed
    // from its snapshot on, with their clusters, instead of every request reading the store again meanwhile.
    const body = await pages.get(request.url, String(await app.fusion.version()), () => eventPage(app, request));
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
