import type { FastifyInstance } from 'fastify';
import type { EventType } from '../../types.js';
import type { ClaimStatus } from '../../fusion/types.js';
import { placeKey } from '../../store/entities.js';
import { responses } from '../context.js';
import { apiError, ERRORS } from '../errors.js';
import { CLAIM_STATUSES, EVENT_TYPES } from '../schemas/enums.js';
import { enumOf, listOf, object, ref, str } from '../schemas/helpers.js';

const TAGS = ['fusion'];

/** Names are matched without case or extra spaces, so `/api/timelines/tal%20afar` finds "Tal Afar". */
function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return fold(a) === fold(b);
}

export async function fusionRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { type?: EventType; status?: ClaimStatus; minCorroboration?: number } }>('/api/clusters', {
    schema: {
      summary: 'Events fused across documents, with their mentions and corroboration',
      tags: TAGS,
      querystring: {
        type: 'object',
        properties: {
          type: enumOf(EVENT_TYPES),
          status: enumOf(CLAIM_STATUSES),
          minCorroboration: { type: 'integer', minimum: 0, maximum: 1000 },
        },
        additionalProperties: false,
      },
      response: responses(200, listOf(ref('Cluster'))),
    },
  }, async (request) => {
    const { type, status, minCorroboration } = request.query;
    const { clusters } = await app.fusion.read();
    return {
      items: clusters.filter((c) => (!type || c.type === type) && (!status || c.status === status)
        && (minCorroboration === undefined || c.corroboration.score >= minCorroboration)),
    };
  });

  app.get('/api/contradictions', {
    schema: { summary: 'Claims that contradict each other, side by side', tags: TAGS, response: responses(200, listOf(ref('Contradiction'))) },
  }, async () => ({ items: (await app.fusion.read()).contradictions }));

  app.get('/api/timelines', {
    schema: { summary: 'Who controls each place over time', tags: TAGS, response: responses(200, listOf(ref('ControlTimeline'))) },
  }, async () => ({ items: (await app.fusion.read()).timelines }));

  app.get<{ Params: { place: string } }>('/api/timelines/:place', {
    schema: {
      summary: "One place's control timeline, by GeoNames id, place key or name",
      tags: TAGS,
      params: object({ place: { ...str, minLength: 1, maxLength: 200 } }),
      response: responses(200, ref('ControlTimeline'), [ERRORS.TIMELINE_NOT_FOUND]),
    },
  }, async (request) => {
    const wanted = request.params.place;
    const timeline = (await app.fusion.read()).timelines.find(({ place }) =>
      String(place.geonameid) === wanted || placeKey(place) === wanted || sameName(place.name, wanted));
    if (!timeline) throw apiError(ERRORS.TIMELINE_NOT_FOUND, wanted);
    return timeline;
  });

  app.get('/api/trajectories', {
    schema: { summary: "Each actor's path from place to place", tags: TAGS, response: responses(200, listOf(ref('Trajectory'))) },
  }, async () => ({ items: (await app.fusion.read()).trajectories }));

  app.get<{ Params: { actor: string } }>('/api/trajectories/:actor', {
    schema: {
      summary: "One actor's trajectory, by actor id or name",
      tags: TAGS,
      params: object({ actor: { ...str, minLength: 1, maxLength: 200 } }),
      response: responses(200, ref('Trajectory'), [ERRORS.TRAJECTORY_NOT_FOUND]),
    },
  }, async (request) => {
    const wanted = request.params.actor;
    const trajectory = (await app.fusion.read()).trajectories.find(({ actor }) => actor.actorId === wanted || sameName(actor.name, wanted));
    if (!trajectory) throw apiError(ERRORS.TRAJECTORY_NOT_FOUND, wanted);
    return trajectory;
  });

  app.get('/api/corridors', {
    schema: {
      summary: 'Named corridors and axes, with the events, movements and control along them',
      tags: TAGS,
      response: responses(200, listOf(ref('CorridorReport'))),
    },
  }, async () => ({ items: (await app.fusion.read()).corridors }));

  app.get('/api/sources', {
    schema: {
      summary: 'Outlets and sources: how many of their claims are corroborated, contradicted or alone',
      tags: TAGS,
      response: responses(200, listOf(ref('SourceProfile'))),
    },
  }, async () => ({ items: (await app.fusion.read()).sources }));
}
