/**
 * `corridor eval real-news`: runs the default pipeline on each real report
 * that has an expectation file, as `corridor ingest --published --outlet
 * --title` would with the manifest's metadata, and adds up the scores.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDefaultPipeline } from '../../default-pipeline.js';
import { share, type Share } from '../../events/eval/metrics.js';
import { createSemantics, loadFusionSettings } from '../../fusion/settings.js';
import { loadActorLexicon } from '../../actors/index.js';
import { loadInput, normaliseDate, prepareDocument } from '../../ingest/index.js';
import type { Pipeline } from '../../pipeline.js';
import { loadAcledMapping } from '../../reference/acled.js';
import { packageRoot } from '../../resources.js';
import { createNameNormalizer, loadTransliterationRules } from '../../text/normalize.js';
import { expectationFiles, readExpectations, type Expectations } from './expectations.js';
import { EVENT_FIELDS, scoreReport, type Category, type EventField, type ItemScore, type ScoreContext } from './score.js';

/** Where the expectations are unless told: the project's fixtures. */
export const DEFAULT_EXPECTATIONS_DIR = join(packageRoot, 'test', 'fixtures', 'real-news');
/** Where the reports are unless told, from the current directory as the README's commands are run. */
export const DEFAULT_REPORTS_DIR = join('..', 'shared', 'eval', 'real-news');

/** One line of the reports' manifest.jsonl (the fields the runner reads). */
export interface ManifestEntry {
  file: string;
  publishedAt?: string | null;
  outlet?: string | null;
  title?: string | null;
}

export interface Failure {
  /** The expectation file. */
  path: string;
  category: Category;
  label: string;
  field: string;
  expected: unknown;
  found: unknown;
}

export interface RealNewsReport {
  reportsDir: string;
  expectationsDir: string;
  reports: number;
  /** Expectations (places, non-places, events, non-events) that hold in full. */
  holding: Share;
  categories: Record<Category, Share>;
  /** Mentions of the expected places resolved right. */
  placeMentions: Share;
  /** Expected events with an event at their anchor (of any type), and of the right type. */
  eventsMatched: Share;
  eventsTyped: Share;
  /** Each stated field right, of the expected events stating it (an event not found gets none right). */
  fields: Record<EventField, Share>;
  /** The expected events that name a source (#16). */
  attributed: {
    events: number;
    source: Share;
    sourceKind: Share;
    modality: Share;
    /** Planned or conditional events found, and how many of them fusion would count as occurrences. */
    prospective: number;
    countedAsOccurrence: number;
    /** The same three among the events found at their anchor: what attribution gets right when the events stage found the event. */
    found: { events: number; source: Share; sourceKind: Share; modality: Share };
  };
  files: { path: string; file: string; holding: Share }[];
  failures: Failure[];
}

export function readManifest(reportsDir: string): Map<string, ManifestEntry> {
  const path = join(reportsDir, 'manifest.jsonl');
  if (!existsSync(path)) return new Map();
  const entries = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as ManifestEntry);
  return new Map(entries.map((e) => [e.file, e]));
}

/** What scoring reads besides the extraction: the ACLED mapping, fusion's semantics, the name normaliser, actors' countries and names. */
export function loadScoreContext(): ScoreContext {
  const actorCountries = new Map<string, string>();
  const actorNames = new Map<string, string[]>();
  const lexicon = loadActorLexicon();
  for (const [id, actor] of lexicon.actors) {
    if (actor.country) actorCountries.set(id, actor.country);
    // The demonym forms are the actor's names too ("the Malian army" said -> Malian Armed Forces).
    actorNames.set(id, [id, actor.name, ...actor.aliases, ...(lexicon.demonymNames.get(id) ?? [])]);
  }
  return {
    mapping: loadAcledMapping(),
    semantics: createSemantics(loadFusionSettings()),
    normalize: createNameNormalizer(loadTransliterationRules()),
    actorCountries,
    actorNames,
  };
}

/** Reads and checks every expectation file under `expectationsDir` against its report; throws on the first problem. */
export function readAllExpectations(expectationsDir: string, reportsDir: string, ctx: Pick<ScoreContext, 'mapping'>): { expectations: Expectations; text: string }[] {
  const subEventTypes = new Set(ctx.mapping.subEventTypes.keys());
  return expectationFiles(expectationsDir).map((path) => readExpectations(path, expectationsDir, reportsDir, subEventTypes));
}

/** Adds up the scored items of every report. */
export function summarise(scored: { expectations: Expectations; items: ItemScore[] }[], dirs: { reportsDir: string; expectationsDir: string }): RealNewsReport {
  const all = scored.flatMap((s) => s.items);
  const count = (items: ItemScore[], test: (i: ItemScore) => boolean) => items.filter(test).length;
  const held = (items: ItemScore[]) => share(count(items, (i) => i.holds), items.length);
  const of = (category: Category) => all.filter((i) => i.category === category);
  const events = of('event');
  const checksOf = (items: ItemScore[], field: string) => items.flatMap((i) => i.checks.filter((c) => c.field === field));
  const right = (items: ItemScore[], field: string) => {
    const checks = checksOf(items, field);
    return share(checks.filter((c) => c.ok).length, checks.length);
  };
  const places = of('place').flatMap((i) => i.checks);
  const attributed = events.filter((i) => i.attributed);
  const found = attributed.filter((i) => i.matched === true);
  const prospective = events.filter((i) => i.countedAsOccurrence !== undefined);
  return {
    ...dirs,
    reports: scored.length,
    holding: held(all),
    categories: { place: held(of('place')), notPlace: held(of('notPlace')), event: held(events), notEvent: held(of('notEvent')) },
    placeMentions: share(places.filter((c) => c.ok).length, places.length),
    eventsMatched: share(count(events, (i) => i.matched === true), events.length),
    eventsTyped: right(events, 'type'),
    fields: Object.fromEntries(EVENT_FIELDS.map((f) => [f, right(events, f)])) as Record<EventField, Share>,
    attributed: {
      events: attributed.length,
      source: right(attributed, 'source'),
      sourceKind: right(attributed, 'sourceKind'),
      modality: right(attributed, 'modality'),
      prospective: prospective.length,
      countedAsOccurrence: count(prospective, (i) => i.countedAsOccurrence === true),
      found: { events: found.length, source: right(found, 'source'), sourceKind: right(found, 'sourceKind'), modality: right(found, 'modality') },
    },
    files: scored.map((s) => ({ path: s.expectations.path, file: s.expectations.file, holding: held(s.items) })),
    failures: scored.flatMap((s) => s.items.flatMap((i) => i.checks.filter((c) => !c.ok).map((c) => ({
      path: s.expectations.path, category: i.category, label: i.label, field: c.field, expected: c.expected, found: c.found,
    })))),
  };
}

/**
 * Scores every report of `reportsDir` that has an expectation file in
 * `expectationsDir`.
 *
 * @example
 * const report = await evaluateRealNews({ reportsDir: '../shared/eval/real-news' });
 * report.holding.share; // 0.62
 */
export async function evaluateRealNews(options: { reportsDir?: string; expectationsDir?: string; pipeline?: Pipeline } = {}): Promise<RealNewsReport> {
  const reportsDir = resolve(options.reportsDir ?? DEFAULT_REPORTS_DIR);
  const expectationsDir = resolve(options.expectationsDir ?? DEFAULT_EXPECTATIONS_DIR);
  if (!existsSync(reportsDir)) throw new Error(`${reportsDir}: no such folder`);
  const ctx = loadScoreContext();
  const files = readAllExpectations(expectationsDir, reportsDir, ctx);
  const manifest = readManifest(reportsDir);
  const pipeline = options.pipeline ?? await createDefaultPipeline();
  const scored = [];
  for (const { expectations, text } of files) {
    const entry = manifest.get(expectations.file);
    const { documents: [raw], errors } = await loadInput({ kind: 'file', path: join(reportsDir, expectations.file) });
    if (!raw) throw errors[0] ?? new Error(`${expectations.file}: no document`);
    // Anchors were found in the file read as UTF-8; the pipeline's offsets index the text ingest decodes.
    if (raw.text !== text) throw new Error(`${expectations.file}: ingest reads another text than the file's UTF-8 (a byte-order mark?), so anchors would not line up`);
    const { document } = prepareDocument(raw, { publishedAt: normaliseDate(entry?.publishedAt ?? null), outlet: entry?.outlet, title: entry?.title });
    scored.push({ expectations, items: scoreReport(expectations, text, pipeline.extract(document), ctx) });
  }
  return summarise(scored, { reportsDir, expectationsDir });
}
