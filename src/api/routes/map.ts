import type { FastifyInstance } from 'fastify';
import { summariseLayer } from '../../web/layers.js';
import { responses } from '../context.js';
import { apiError, ERRORS } from '../errors.js';
import { pageOfList, type PageQuery } from '../paging.js';
import { PAGE_QUERY, object, pageOf, ref } from '../schemas/helpers.js';

const TAGS = ['map'];
// The basemap never changes while the server runs; let the browser keep it.
const CACHE_A_DAY = 'public, max-age=86400';

export async function mapRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/basemap/land', {
    schema: { summary: 'Land polygons (Natural Earth 1:50m)', tags: TAGS, response: responses(200, ref('FeatureCollection')) },
  }, async (_request, reply) => {
    reply.header('cache-control', CACHE_A_DAY);
    return app.basemap().land;
  });

  app.get('/api/basemap/countries', {
    schema: { summary: 'Country polygons (Natural Earth 1:50m), with their names', tags: TAGS, response: responses(200, ref('FeatureCollection')) },
  }, async (_request, reply) => {
    reply.header('cache-control', CACHE_A_DAY);
    return app.basemap().countries;
  });

  app.get<{ Querystring: PageQuery }>('/api/basemap/labels', {
    schema: { summary: 'Country label points, ranked by size', tags: TAGS, querystring: PAGE_QUERY, response: responses(200, pageOf(ref('Label'))) },
  }, async (request, reply) => {
    reply.header('cache-control', CACHE_A_DAY);
    return pageOfList(request, app.basemap().labels, request.query);
  });

  app.get<{ Querystring: PageQuery }>('/api/layers', {
    schema: { summary: 'Reference layers loaded from the --layers folder', tags: TAGS, querystring: PAGE_QUERY, response: responses(200, pageOf(ref('Layer'))) },
  }, async (request) => pageOfList(request, app.referenceLayers.map(summariseLayer), request.query));

  app.get<{ Params: { id: string } }>('/api/layers/:id', {
    schema: {
      summary: "A reference layer's features",
      tags: TAGS,
      params: object({ id: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' } }),
      response: responses(200, ref('FeatureCollection'), [ERRORS.LAYER_NOT_FOUND]),
    },
  }, async (request) => {
    const layer = app.referenceLayers.find((l) => l.id === request.params.id);
    if (!layer) throw apiError(ERRORS.LAYER_NOT_FOUND, request.params.id);
    return layer.geojson;
  });
}
