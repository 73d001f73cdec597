import type { FastifyInstance } from 'fastify';
import { responses } from '../context.js';
import { closedObject, listOf, ref, str } from '../schemas/helpers.js';

export async function entityRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/places', {
    schema: {
      summary: 'Every resolved place, with how often it is mentioned and in how many documents and events',
      tags: ['entities'],
      response: responses(200, listOf(ref('Place'))),
    },
  }, async () => ({ items: await app.store.listPlaces() }));

  app.get('/api/actors', {
    schema: {
      summary: 'Every actor, with how often it is mentioned and in how many documents and events',
      tags: ['entities'],
      response: responses(200, listOf(ref('Actor'))),
    },
  }, async () => ({ items: await app.store.listActors() }));

  app.get<{ Querystring: { q: string; limit: number } }>('/api/search', {
    schema: {
      summary: 'Full-text search over document texts; hits are wrapped in [[ and ]] in the snippet',
      tags: ['entities'],
      querystring: closedObject({ q: { ...str, minLength: 1, maxLength: 200 }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 } }, ['limit']),
      response: responses(200, listOf(ref('SearchHit'))),
    },
  }, async (request) => ({ items: await app.store.search(request.query.q, request.query.limit) }));
}
