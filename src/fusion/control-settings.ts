import { z } from 'zod';
import { readJsonResource, resourcePath } from '../resources.js';
import type { ActorKind } from '../types.js';

const ACTOR_KINDS = ['armed-group', 'state', 'state-force', 'coalition', 'militia', 'organisation', 'civilians', 'generic'] as const satisfies readonly ActorKind[];
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are #rrggbb');
const positive = z.number().positive();

const settingsSchema = z.object({
  version: z.literal(1),
  $comment: z.string().optional(),
  palette: z.object(Object.fromEntries(ACTOR_KINDS.map((k) => [k, colour])) as Record<ActorKind, typeof colour>).strict(),
  contested: colour,
  areas: z.object({
    kmPerCubeRootPopulation: positive,
    minRadiusKm: positive,
    maxRadiusKm: positive,
    circleSteps: z.number().int().min(8),
    fullStrengthSources: positive,
    halfLifeDays: positive,
    minOpacity: z.number().min(0).max(1),
    maxOpacity: z.number().min(0).max(1),
    assumedPopulation: z.record(z.string().regex(/^PPL[A-Z0-9]*$/, 'keys are GeoNames feature codes of populated places'), z.number().int().min(0)),
  }).strict().refine((a) => a.minRadiusKm <= a.maxRadiusKm && a.minOpacity <= a.maxOpacity, 'each minimum must be at most its maximum'),
}).strict();

/** Holder colours and how areas of control are drawn: resources/control.json, documented in resources/control.md. */
export type ControlSettings = z.infer<typeof settingsSchema>;
export type ControlAreaSettings = ControlSettings['areas'];

/** Loads the control settings (default: resources/control.json); throws one error naming the file and the problem. */
export function loadControlSettings(path?: string): ControlSettings {
  const parsed = settingsSchema.safeParse(readJsonResource<unknown>('control.json', path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`corridor: ${path ?? resourcePath('control.json')}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}
