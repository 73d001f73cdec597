import type { FastifyInstance } from 'fastify';
import type { EventType } from '../../types.js';
import { controlTimeline, corridorReport, findActor, findCorridor, findPlace, type ClaimStatus } from '../../fusion/index.js';
import { responses } from '../context.js';
import { apiError, ERRORS } from '../errors.js';
import { pageOfList, type PageQuery } from '../paging.js';
import { CLAIM_STATUSES, EVENT_TYPES } from '../schemas/enums.js';
import { PAGE_QUERY, enumOf, object, pageOf, pageParams, ref, str } from '../schemas/helpers.js';

const TAGS = ['fusion'];

export async function fusionRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: PageQuery & { type?: EventType; status?: ClaimStatus; minCorroboration?: number } }>('/api/clusters', {
    schema: {
      summary: 'Events fused across documents, with their mentions and corroboration',
      tags: TAGS,
      querystring: {
        type: 'object',
        properties: {
          type: enumOf(EVENT_TYPES),
          status: enumOf(CLAIM_STATUSES),
          minCorroboration: { type: 'integer', minimum: 0, maximum: 1000 },
          ...pageParams(),
        },
        additionalProperties: false,
      },
      response: responses(200, pageOf(ref('Cluster'))),
    },
  }, async (request) => {
    const { type, status, minCorroboration } = request.query;
    const { clusters } = await app.fusion.read();
    const matching = clusters.filter((c) => (!type || c.type === type) && (!status || c.status === status)
      && (minCorroboration === undefined || c.corroboration.score >= minCorroboration));
    return pageOfList(request, matching, request.query);
  });

  app.get<{ Querystring: PageQuery }>('/api/contradictions', {
    schema: { summary: 'Claims that contradict each other, side by side', tags: TAGS, querystring: PAGE_QUERY, response: responses(200, pageOf(ref('Contradiction'))) },
  }, async (request) => pageOfList(request, (await app.fusion.read()).contradictions, request.query));

  app.get<{ Querystring: PageQuery }>('/api/timelines', {
    schema: { summary: 'Who controls each place over time', tags: TAGS, querystring: PAGE_QUERY, response: responses(200, pageOf(ref('ControlTimeline'))) },
  }, async (request) => pageOfList(request, (await app.fusion.read()).timelines, request.query));

  app.get<{ Params: { place: string } }>('/api/timelines/:place', {
    schema: {
      summary: "One place's control timeline, by GeoNames id, place key, or any of its names in the gazetteer (alternate names included, any transliteration)",
      tags: TAGS,
      params: object({ place: { ...str, minLength: 1, maxLength: 200 } }),
      response: responses(200, ref('ControlTimeline'), [ERRORS.TIMELINE_NOT_FOUND]),
    },
  }, async (request) => {
    // The lookup `corridor timeline` makes, so both answer the same for any spelling.
    const wanted = request.params.place;
    const state = await app.fusion.state();
    const place = findPlace(state, wanted, app.gazetteer());
    const timeline = place && controlTimeline(state, place);
    if (!timeline) throw apiError(ERRORS.TIMELINE_NOT_FOUND, wanted);
    return timeline;
  });

  app.get<{ Querystring: PageQuery }>('/api/trajectories', {
    schema: { summary: "Each actor's path from place to place", tags: TAGS, querystring: PAGE_QUERY, response: responses(200, pageOf(ref('Trajectory'))) },
  }, async (request) => pageOfList(request, (await app.fusion.read()).trajectories, request.query));

  app.get<{ Params: { actor: string } }>('/api/trajectories/:actor', {
    schema: {
      summary: "One actor's trajectories, one per unit when its points make several paths, by actor id, name or any alias in any spelling",
      tags: TAGS,
      params: object({ actor: { ...str, minLength: 1, maxLength: 200 } }),
      response: responses(200, ref('ActorTrajectories'), [ERRORS.TRAJECTORY_NOT_FOUND]),
    },
  }, async (request) => {
    const wanted = request.params.actor;
    const actor = findActor(await app.fusion.state(), wanted, app.actors());
    const found = actor ? (await app.fusion.read()).trajectories.filter((t) => t.actor.actorId === actor.actorId) : [];
    if (found.length === 0) throw apiError(ERRORS.TRAJECTORY_NOT_FOUND, wanted);
    return { actor: found[0]!.actor, trajectories: found };
  });

  app.get<{ Querystring: PageQuery }>('/api/corridors', {
    schema: {
      summary: 'Named corridors and axes, with the events, movements and control along them',
      tags: TAGS,
      querystring: PAGE_QUERY,
      response: responses(200, pageOf(ref('CorridorReport'))),
    },
  }, async (request) => pageOfList(request, (await app.fusion.read()).corridors, request.query));

  app.get<{ Params: { name: string } }>('/api/corridors/:name', {
    schema: {
      summary: 'One corridor, by its name, an alias, or two or more of its places in any of their names ("Tadmur-Raqqa")',
      tags: TAGS,
      params: object({ name: { ...str, minLength: 1, maxLength: 200 } }),
      response: responses(200, ref('CorridorReport'), [ERRORS.CORRIDOR_NOT_FOUND]),
    },
  }, async (request) => {
    // The lookup `corridor corridor <name>` makes.
    const wanted = request.params.name;
    const state = await app.fusion.state();
    const corridor = findCorridor(state, app.fusion.userCorridors, wanted, { lookup: (place) => app.gazetteer().lookup(place) });
    if (!corridor) throw apiError(ERRORS.CORRIDOR_NOT_FOUND, wanted);
    return corridorReport(state, corridor);
  });

  app.get<{ Querystring: PageQuery }>('/api/sources', {
    schema: {
      summary: 'Outlets and sources: how many of their claims are corroborated, contradicted or alone',
      tags: TAGS,
      querystring: PAGE_QUERY,
      response: responses(200, pageOf(ref('SourceProfile'))),
    },
  }, async (request) => pageOfList(request, (await app.fusion.read()).sources, request.query));
}
