import type { Command } from 'commander';
import type { Share } from '../../events/eval/metrics.js';
import type { RealNewsReport } from '../../eval/real-news/run.js';
import type { FusionEvalReport } from '../../eval/real-news/story-run.js';
import { CliError, jsonOption, printJson, type CliContext } from '../context.js';
import { evalCommand } from './eval.js';

interface RealNewsOptions {
  expectations?: string;
  fusion?: boolean;
  json?: boolean;
  verbose?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  evalCommand(program)
    .command('real-news')
    .description('score the pipeline on the real reports against the project\'s expectations (test/fixtures/real-news)')
    .argument('[folder]', 'the reports, with their manifest.jsonl (default: ../shared/eval/real-news)')
    .option('--expectations <dir>', 'the expectation files, <story>/<report>.json (default: the project\'s test/fixtures/real-news)')
    .option('--fusion', 'read each story\'s reports together and score fusion against <story>/story.json: clusters, contradictions, control changes, trajectory steps, "must not" checks')
    .option('--verbose', 'list every failing check with its file, anchor, expected and found')
    .addOption(jsonOption())
    .action(async (folder: string | undefined, options: RealNewsOptions) => {
      const verbose = options.verbose ?? false;
      const dirs = { reportsDir: folder, expectationsDir: options.expectations };
      if (options.fusion) {
        const { evaluateStories } = await import('../../eval/real-news/story-run.js');
        const report = await asCliError(() => evaluateStories(dirs));
        if (options.json) printJson(ctx, report);
        else ctx.stdout.write(formatFusionReport(report, verbose));
        return;
      }
      const { evaluateRealNews } = await import('../../eval/real-news/run.js');
      const report = await asCliError(() => evaluateRealNews(dirs));
      if (options.json) printJson(ctx, report);
      else ctx.stdout.write(formatRealNewsReport(report, verbose));
    });
}

/** A problem with the folders or the expectation files is the user's to fix: a CLI error, not a crash. */
async function asCliError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
const line = (label: string, s: Share, note = '') => `${label.padEnd(26)} ${String(s.count).padStart(4)} of ${String(s.of).padEnd(4)} ${s.of ? pct(s.share) : '     -'}${note ? `   ${note}` : ''}`;
const show = (value: unknown) => JSON.stringify(value) ?? 'none';

/** The report as text: the share that holds, then each category and field, the #16 attribution figures, and with `verbose` the failures. */
export function formatRealNewsReport(r: RealNewsReport, verbose: boolean): string {
  const { attributed: a } = r;
  const lines = [
    `${r.reports} reports scored against ${r.expectationsDir}`,
    line('expectations holding', r.holding),
    line('places resolved right', r.categories.place, `mentions ${r.placeMentions.count} of ${r.placeMentions.of}`),
    line('not read as places', r.categories.notPlace),
    line('events holding in full', r.categories.event),
    line('  an event at the anchor', r.eventsMatched),
    line('  of the right type', r.eventsTyped),
    ...Object.entries(r.fields).filter(([, s]) => s.of > 0).map(([field, s]) => line(`  ${field}`, s)),
    line('not coded as events', r.categories.notEvent),
    `attributed events (#16): ${a.events}`,
    line('  source right', a.source),
    line('  source kind right', a.sourceKind),
    line('  modality right', a.modality),
    `  planned or conditional events found: ${a.prospective}, counted as occurrences: ${a.countedAsOccurrence}`,
    `  of the ${a.found.events} found at their anchor:`,
    line('    source right', a.found.source),
    line('    source kind right', a.found.sourceKind),
    line('    modality right', a.found.modality),
  ];
  if (verbose) {
    lines.push('failures:');
    for (const f of r.failures) lines.push(`  ${f.path}  ${f.category} "${f.label}"  ${f.field}: expected ${show(f.expected)}, found ${show(f.found)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The fusion report as text: what was found of each kind, the "must not" checks, and with `verbose` every miss and violation. */
export function formatFusionReport(r: FusionEvalReport, verbose: boolean): string {
  const v = r.violations;
  const checks = (label: string, c: { violated: number; of: number; reached: number }) => `${label.padEnd(26)} ${String(c.violated).padStart(4)} of ${String(c.of).padEnd(4)} violated   (${c.reached} reached by fusion)`;
  const lines = [
    `${r.stories} stories (${r.reports} reports) fused and scored against ${r.expectationsDir}`,
    line('found (all kinds)', r.found),
    line('clusters', r.clusters),
    line('  in full', r.clustersInFull),
    line('  listed reports held', r.members),
    line('  status right', r.status),
    line('  enough sources', r.sources),
    line('contradictions', r.contradictions),
    line('control changes', r.timeline),
    line('trajectory steps', r.trajectory),
    `must not (violations: ${v.total})`,
    checks('  context corroborating', v.notCorroborating),
    checks('  one statement, 2 sources', v.oneSource),
    `${'  verbatim copies, 2+'.padEnd(26)} ${String(v.verbatim.violated).padStart(4)} of ${String(v.verbatim.of).padEnd(4)} clauses shared word for word by reports of a cluster`,
    `${'  implausible steps'.padEnd(26)} ${String(v.implausibleSteps.violated).padStart(4)} of ${v.implausibleSteps.checked} consecutive steps`,
    ...r.errors.map((e) => `error: ${e}`),
    'per story (found of expected, must-not violations):',
    ...r.perStory.map((s) => `  ${s.story.padEnd(24)} ${String(s.found.count).padStart(3)} of ${String(s.found.of).padEnd(3)} ${String(s.violations).padStart(3)} violated`),
  ];
  if (verbose) for (const s of r.scores) lines.push(...storyLines(s));
  return `${lines.join('\n')}\n`;
}

function storyLines(s: FusionEvalReport['scores'][number]): string[] {
  const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
  // A miss is followed by what fusion made near it, one line each.
  const item = (kind: string, c: { found: boolean; label: string; detail: string; nearby?: string[] }, extra = '') =>
    [`  ${mark(c.found)} ${kind} ${c.label}: ${c.detail}${extra}`, ...(c.nearby ?? []).map((n) => `         near: ${n}`)];
  return [
    `${s.story}:`,
    ...s.clusters.flatMap((c) => item('cluster', c, c.found ? `; reports ${c.members.count}/${c.members.of}, status ${show(c.statusRight)}, sources ${show(c.sourcesRight)}` : '')),
    ...s.contradictions.flatMap((c) => item('contradiction', c)),
    ...s.timeline.flatMap((c) => item('change', c)),
    ...s.trajectory.flatMap((c) => item('step', c)),
    ...[...s.notCorroborating, ...s.oneSource, ...s.verbatim].filter((c) => c.violated).map((c) => `  VIOLATED ${c.label}: ${c.detail}`),
    ...s.steps.implausible.map((p) => `  VIOLATED implausible step of ${p.actor}: ${p.from} -> ${p.to}, ${p.km} km in ${p.days} day(s)`),
  ];
}
