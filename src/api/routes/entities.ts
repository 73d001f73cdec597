import type { FastifyInstance } from 'fastify';
import { placeKey } from '../../fusion/index.js';
import type { PlaceRef } from '../../types.js';
import { responses } from '../context.js';
import { pageOfList, pageOfStream, type PageQuery } from '../paging.js';
import { PAGE_QUERY, closedObject, pageOf, pageParams, ref, str } from '../schemas/helpers.js';

/** Search hits come ranked from the store, which finds the first `offset + limit` of them: both are bounded. */
const SEARCH_PAGE = pageParams({ default: 20, max: 200 }, 1000);

/** The one place key (fusion's), with the normaliser the API's fusion state reads names with. */
function placeKeyOf(app: FastifyInstance): (place: PlaceRef) => string {
  const normalize = app.fusion.context.normalizeName;
  return (place) => placeKey(place, normalize);
}

export async function entityRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: PageQuery }>('/api/places', {
    schema: {
      summary: 'Every resolved place, with how often it is mentioned and in how many documents and events',
      tags: ['entities'],
      querystring: PAGE_QUERY,
      response: responses(200, pageOf(ref('Place'))),
    },
  }, async (request) => pageOfList(request, await app.store.listPlaces(placeKeyOf(app)), request.query));

  app.get<{ Querystring: PageQuery }>('/api/actors', {
    schema: {
      summary: 'Every actor, with how often it is mentioned and in how many documents and events',
      tags: ['entities'],
      querystring: PAGE_QUERY,
      response: responses(200, pageOf(ref('Actor'))),
    },
  }, async (request) => pageOfList(request, await app.store.listActors(), request.query));

  app.get<{ Querystring: PageQuery & { q: string } }>('/api/search', {
    schema: {
      summary: 'Full-text search over document texts; hits are wrapped in [[ and ]] in the snippet',
      tags: ['entities'],
      querystring: closedObject({ q: { ...str, minLength: 1, maxLength: 200 }, ...SEARCH_PAGE }, ['limit', 'offset']),
      response: responses(200, pageOf(ref('SearchHit'))),
    },
  }, async (request) => {
    const { q, limit, offset } = request.query;
    // One hit past the page tells whether there is a next one.
    const hits = await app.store.search(q, offset + limit + 1);
    return pageOfStream(request, hits.slice(offset), request.query);
  });
}
