import { z } from 'zod';
import type { ClaimStatus } from '../fusion/index.js';
import { readJsonResource, resourcePath } from '../resources.js';
import type { EventType } from '../types.js';

const STATUSES = ['corroborated', 'single-source', 'contested', 'unsupported'] as const satisfies readonly ClaimStatus[];
const EVENT_TYPES = ['movement', 'control', 'attack', 'agreement', 'governance', 'displacement', 'declaration', 'protest'] as const satisfies readonly EventType[];
/** The fewest independent sources a claim of each status can have: every status needs a rating from there on. */
const FEWEST_SOURCES: Record<ClaimStatus, number> = { corroborated: 2, 'single-source': 1, contested: 0, unsupported: 0 };
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are #rrggbb');

const settingsSchema = z.object({
  version: z.literal(1),
  $comment: z.string().optional(),
  claimReview: z.object({
    worstRating: z.number(),
    bestRating: z.number(),
    ratings: z.array(z.object({
      status: z.enum(STATUSES),
      minSources: z.number().int().min(0).optional(),
      ratingValue: z.number(),
      alternateName: z.string().min(1),
      explanation: z.string().min(1),
    }).strict()).min(1),
  }).strict(),
  colours: z.object(Object.fromEntries(EVENT_TYPES.map((t) => [t, colour])) as Record<EventType, typeof colour>).strict(),
}).strict();

export type ExportSettings = z.infer<typeof settingsSchema> & { source: string };
export type Rating = ExportSettings['claimReview']['ratings'][number];

/**
 * Loads the export settings (default: resources/export.json, documented in
 * resources/export.md); throws one error naming the file and the problem.
 */
export function loadExportSettings(path?: string): ExportSettings {
  const source = path ?? resourcePath('export.json');
  const parsed = settingsSchema.safeParse(readJsonResource<unknown>('export.json', path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { claimReview } = parsed.data;
  for (const [i, r] of claimReview.ratings.entries()) {
    if (r.ratingValue < claimReview.worstRating || r.ratingValue > claimReview.bestRating) {
      throw new Error(`${source}: claimReview.ratings.${i}.ratingValue: ${r.ratingValue} is outside ${claimReview.worstRating}..${claimReview.bestRating}`);
    }
  }
  for (const status of STATUSES) {
    const least = FEWEST_SOURCES[status];
    if (!claimReview.ratings.some((r) => r.status === status && (r.minSources ?? 0) <= least)) {
      throw new Error(`${source}: claimReview.ratings: no rating for status "${status}" with minSources ${least} or less`);
    }
  }
  return { ...parsed.data, source };
}

/** The rating of a claim: the entry for its status with the highest `minSources` it reaches. */
export function ratingFor(settings: ExportSettings, status: ClaimStatus, sources: number): Rating {
  return settings.claimReview.ratings
    .filter((r) => r.status === status && (r.minSources ?? 0) <= sources)
    .sort((a, b) => (b.minSources ?? 0) - (a.minSources ?? 0))[0]!;
}
