/**
 * The real-news expectation files (test/fixtures/real-news/README.md): their
 * format, checked strictly so that a misspelt field fails, and each anchor
 * located in the report it names.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { EVENT_TYPES, MODALITIES, SOURCE_KINDS } from '../../api/schemas/enums.js';
import type { Span } from '../../types.js';

/** The story-level file each story folder may hold beside its reports' files (story-expectations.ts). */
export const STORY_FILE = 'story.json';

/** The longest anchor the format allows, in words. */
const MAX_ANCHOR_WORDS = 6;

const names = z.array(z.string().min(1)).min(1);
const count = z.number().int().min(0);

const place = z.union([
  z.object({ name: z.string().min(1), geonameId: z.number().int().positive() }).strict(),
  z.object({ name: z.string().min(1), near: z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]) }).strict(),
  z.object({ name: z.string().min(1), country: z.string().regex(/^[A-Z]{2}$/) }).strict(),
]);

const anchored = {
  anchor: z.string().min(1).refine((a) => a.trim().split(/\s+/).length <= MAX_ANCHOR_WORDS, `at most ${MAX_ANCHOR_WORDS} words`),
  nth: z.number().int().min(1).optional(),
  acled: z.string().min(1).optional(),
  corridor: z.string().min(1).optional(),
};

const event = z.object({
  ...anchored,
  place: names.nullable().optional(),
  origin: names.nullable().optional(),
  destination: names.nullable().optional(),
  agent: names.optional(),
  patient: names.optional(),
  killed: count.optional(),
  wounded: count.optional(),
  abducted: count.optional(),
  civilians: z.boolean().optional(),
  source: names.optional(),
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  modality: z.enum(MODALITIES).optional(),
}).strict();

const notEvent = z.object(anchored).strict();

const fileSchema = z.object({
  file: z.string().regex(/^[^/]+\/[^/]+\.txt$/, 'expected <story>/<report>.txt'),
  places: z.array(place).optional(),
  notPlaces: z.array(z.string().min(1)).optional(),
  events: z.array(event).optional(),
  notEvents: z.array(notEvent).optional(),
}).strict();

export type PlaceExpectation = z.infer<typeof place>;
export type EventExpectation = z.infer<typeof event>;
export type NotEventExpectation = z.infer<typeof notEvent>;

/** The event type an expectation asks for: an ACLED sub-event type, or Corridor's `type` or `type/subtype`. */
export type ExpectedType = { acled: string } | { corridor: string };

/** An anchored item with its anchor located in the report. */
export type Located<T> = T & { span: Span; type: ExpectedType };

export interface Expectations {
  /** The expectation file, relative to the expectations folder. */
  path: string;
  /** The report, relative to the reports folder (`<story>/<report>.txt`). */
  file: string;
  places: PlaceExpectation[];
  notPlaces: string[];
  events: Located<EventExpectation>[];
  notEvents: Located<NotEventExpectation>[];
}

/** A name's occurrences as a word, not inside a longer word ("Iraq" is not in "Iraqi"). */
export function wordOccurrences(text: string, name: string): Span[] {
  const letter = /[\p{L}\p{N}]/u;
  return occurrences(text, name).filter((s) => !letter.test(text[s.start - 1] ?? '') && !letter.test(text[s.end] ?? ''));
}

/** Corridor's kinds an expectation may name besides its event types: PLOVER's MOBILIZE (README, "Event type"). */
const PLOVER_KINDS = ['mobilize'];

/** Where `needle` occurs in `text` (every occurrence, case-sensitive). */
export function occurrences(text: string, needle: string): Span[] {
  const found: Span[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push({ start: at, end: at + needle.length });
  return found;
}

function typeOf(item: { acled?: string; corridor?: string }, subEventTypes: ReadonlySet<string>): ExpectedType | string {
  if ((item.acled === undefined) === (item.corridor === undefined)) return 'give exactly one of "acled" and "corridor"';
  if (item.acled !== undefined) return subEventTypes.has(item.acled) ? { acled: item.acled } : `"${item.acled}" is not an ACLED sub-event type of the mapping`;
  const [type, subtype, ...rest] = item.corridor!.split('/');
  const known = (EVENT_TYPES as readonly string[]).includes(type!) || (PLOVER_KINDS.includes(type!) && subtype === undefined);
  if (!known || rest.length > 0 || subtype === '') return `"${item.corridor}" is not a Corridor event type (type or type/subtype)`;
  return { corridor: item.corridor! };
}

function locate<T extends z.infer<typeof notEvent>>(item: T, text: string, subEventTypes: ReadonlySet<string>, where: string): Located<T> {
  const type = typeOf(item, subEventTypes);
  if (typeof type === 'string') throw new Error(`${where}: ${type}`);
  const found = occurrences(text, item.anchor);
  const nth = item.nth ?? 1;
  if (found.length === 0) throw new Error(`${where}: anchor "${item.anchor}" is not in the report`);
  if (item.nth === undefined && found.length > 1) throw new Error(`${where}: anchor "${item.anchor}" occurs ${found.length} times; say which with "nth"`);
  if (nth > found.length) throw new Error(`${where}: anchor "${item.anchor}" occurs ${found.length} times, not ${nth}`);
  return { ...item, span: found[nth - 1]!, type };
}

/**
 * Reads and checks one expectation file against its report: the format
 * (unknown fields fail), the event types, every anchor found as often as its
 * `nth` says, and every place name and non-place present in the report.
 * Throws with the file and the item on the first problem.
 */
export function readExpectations(path: string, expectationsDir: string, reportsDir: string, subEventTypes: ReadonlySet<string>): { expectations: Expectations; text: string } {
  const where = relative(expectationsDir, path);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { file, places = [], notPlaces = [], events = [], notEvents = [] } = parsed.data;
  const expected = `${file.replace(/\.txt$/, '')}.json`;
  if (where.split(/[\\/]/).join('/') !== expected) throw new Error(`${where}: names ${file}, so it belongs at ${expected}`);
  const reportPath = join(reportsDir, file);
  if (!existsSync(reportPath)) throw new Error(`${where}: no report ${reportPath}`);
  const text = readFileSync(reportPath, 'utf8');
  for (const name of [...places.map((p) => p.name), ...notPlaces]) {
    if (wordOccurrences(text, name).length === 0) throw new Error(`${where}: "${name}" is not in the report as a word`);
  }
  return {
    text,
    expectations: {
      path: where, file, places, notPlaces,
      events: events.map((e, i) => locate(e, text, subEventTypes, `${where}: events[${i}]`)),
      notEvents: notEvents.map((e, i) => locate(e, text, subEventTypes, `${where}: notEvents[${i}]`)),
    },
  };
}

/** The expectation files under `dir` (`<story>/<report>.json`, not the story files), sorted. */
export function expectationFiles(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
  return readdirSync(dir)
    .filter((story) => statSync(join(dir, story)).isDirectory())
    .flatMap((story) => readdirSync(join(dir, story)).filter((f) => f.endsWith('.json') && f !== STORY_FILE).map((f) => join(dir, story, f)))
    .sort();
}
