/**
 * The story-level expectation files (test/fixtures/real-news/README.md,
 * "Stories"): what fusion should find when a story's reports are read
 * together, checked strictly so that a misspelt field fails, with every
 * anchor located in the report it names.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { EVENT_TYPES } from '../../api/schemas/enums.js';
import type { Span } from '../../types.js';
import { occurrences, STORY_FILE } from './expectations.js';

/** The longest anchor the format allows, in words (the per-report rule). */
const MAX_ANCHOR_WORDS = 6;

/** Claim statuses a cluster may be expected to have (`ClaimStatus` in src/fusion/types.ts). */
export const CLAIM_STATUSES = ['corroborated', 'single-source', 'contested', 'unsupported'] as const;
/** Why a mention must not count as corroboration (#19). */
export const CONTEXT_REASONS = ['background', 'planned', 'nominal'] as const;

const names = z.array(z.string().min(1)).min(1);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const label = z.string().min(1);
// Contradiction kinds are names fusion gives its rules; they are not closed here, so a rule added later can be expected.
const kind = z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'expected a kebab-case rule name');

const anchorRef = z.object({
  report: z.string().regex(/^[^/\\]+$/, 'the report\'s base name, without folder or extension'),
  anchor: z.string().min(1).refine((a) => a.trim().split(/\s+/).length <= MAX_ANCHOR_WORDS, `at most ${MAX_ANCHOR_WORDS} words`),
  nth: z.number().int().min(1).optional(),
}).strict();

const eventType = z.string().refine((t) => {
  const [type, subtype, ...rest] = t.split('/');
  return (EVENT_TYPES as readonly string[]).includes(type!) && subtype !== '' && rest.length === 0;
}, 'not a Corridor event type (type or type/subtype)');

const cluster = z.object({
  label,
  type: z.union([eventType, z.array(eventType).min(1)]),
  place: names.nullable(),
  actors: names.optional(),
  time: z.tuple([isoDate, isoDate]).optional(),
  reports: z.array(anchorRef).min(1),
  status: z.array(z.enum(CLAIM_STATUSES)).min(1).optional(),
  minSources: z.number().int().min(1).optional(),
}).strict();

const contradiction = z.object({ label, kinds: z.array(kind).min(1).optional(), a: anchorRef, b: anchorRef }).strict();

const timelineChange = z.object({
  place: names,
  before: names.optional(),
  after: names,
  date: isoDate,
  days: z.number().int().min(0),
}).strict();

const trajectoryStep = z.object({
  actor: names,
  from: names.nullable(),
  to: names,
  date: isoDate,
  days: z.number().int().min(0),
}).strict();

const contextMention = anchorRef.extend({ why: z.enum(CONTEXT_REASONS) }).strict();
const oneSource = z.object({ label, mentions: z.array(anchorRef).min(2) }).strict();

const storySchema = z.object({
  story: z.string().min(1),
  clusters: z.array(cluster),
  contradictions: z.array(contradiction),
  timeline: z.array(timelineChange),
  trajectory: z.array(trajectoryStep),
  notCorroborating: z.array(contextMention),
  oneSource: z.array(oneSource),
}).strict();

/** An anchor found in its report: the report file (`<story>/<report>.txt`) and the span. */
export interface LocatedAnchor {
  report: string;
  file: string;
  anchor: string;
  span: Span;
}

type Anchored<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] extends readonly unknown[] ? LocatedAnchor[] : LocatedAnchor };

export type ClusterExpectation = Anchored<z.infer<typeof cluster>, 'reports'> & { types: string[] };
export type ContradictionExpectation = Anchored<z.infer<typeof contradiction>, 'a' | 'b'>;
export type TimelineExpectation = z.infer<typeof timelineChange>;
export type TrajectoryExpectation = z.infer<typeof trajectoryStep>;
export type ContextExpectation = LocatedAnchor & { why: (typeof CONTEXT_REASONS)[number] };
export type OneSourceExpectation = Anchored<z.infer<typeof oneSource>, 'mentions'>;

export interface StoryExpectations {
  /** The story folder's name, which is also the reports' folder. */
  story: string;
  /** The expectation file, relative to the expectations folder. */
  path: string;
  clusters: ClusterExpectation[];
  contradictions: ContradictionExpectation[];
  timeline: TimelineExpectation[];
  trajectory: TrajectoryExpectation[];
  notCorroborating: ContextExpectation[];
  oneSource: OneSourceExpectation[];
}

/** Finds anchors in a story's reports, reading each report once. */
class AnchorLocator {
  private readonly texts = new Map<string, string>();

  constructor(private readonly reportsDir: string, private readonly story: string) {}

  locate(ref: z.infer<typeof anchorRef>, where: string): LocatedAnchor {
    const file = `${this.story}/${ref.report}.txt`;
    const text = this.text(file, where);
    const found = occurrences(text, ref.anchor);
    if (found.length === 0) throw new Error(`${where}: anchor "${ref.anchor}" is not in ${file}`);
    if (ref.nth === undefined && found.length > 1) throw new Error(`${where}: anchor "${ref.anchor}" occurs ${found.length} times in ${file}; say which with "nth"`);
    const span = found[(ref.nth ?? 1) - 1];
    if (!span) throw new Error(`${where}: anchor "${ref.anchor}" occurs ${found.length} times in ${file}, not ${ref.nth}`);
    return { report: ref.report, file, anchor: ref.anchor, span };
  }

  private text(file: string, where: string): string {
    const known = this.texts.get(file);
    if (known !== undefined) return known;
    const path = join(this.reportsDir, file);
    if (!existsSync(path)) throw new Error(`${where}: no report ${path}`);
    const text = readFileSync(path, 'utf8');
    this.texts.set(file, text);
    return text;
  }
}

function parse(path: string, where: string): z.infer<typeof storySchema> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const parsed = storySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Reads and checks one story file: the format (unknown fields fail), the
 * story named as its folder, and every anchor found in its report as often
 * as its `nth` says. Throws with the file and the item on the first problem.
 */
export function readStoryExpectations(path: string, expectationsDir: string, reportsDir: string): StoryExpectations {
  const where = relative(expectationsDir, path).split(/[\\/]/).join('/');
  const data = parse(path, where);
  if (where !== `${data.story}/${STORY_FILE}`) throw new Error(`${where}: names story ${data.story}, so it belongs at ${data.story}/${STORY_FILE}`);
  const locator = new AnchorLocator(reportsDir, data.story);
  const at = (ref: z.infer<typeof anchorRef>, item: string) => locator.locate(ref, `${where}: ${item}`);
  return {
    story: data.story,
    path: where,
    clusters: data.clusters.map((c, i) => ({
      ...c, types: typeof c.type === 'string' ? [c.type] : c.type, reports: c.reports.map((r, j) => at(r, `clusters[${i}].reports[${j}]`)),
    })),
    contradictions: data.contradictions.map((c, i) => ({ ...c, a: at(c.a, `contradictions[${i}].a`), b: at(c.b, `contradictions[${i}].b`) })),
    timeline: data.timeline,
    trajectory: data.trajectory,
    notCorroborating: data.notCorroborating.map((c, i) => ({ ...at(c, `notCorroborating[${i}]`), why: c.why })),
    oneSource: data.oneSource.map((g, i) => ({ ...g, mentions: g.mentions.map((m, j) => at(m, `oneSource[${i}].mentions[${j}]`)) })),
  };
}

/** The story files under `dir` (`<story>/story.json`), sorted. */
export function storyFiles(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, STORY_FILE)))
    .map((entry) => join(dir, entry.name, STORY_FILE))
    .sort();
}
