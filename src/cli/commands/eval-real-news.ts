import type { Command } from 'commander';
import type { Share } from '../../events/eval/metrics.js';
import type { RealNewsReport } from '../../eval/real-news/run.js';
import { CliError, jsonOption, printJson, type CliContext } from '../context.js';
import { evalCommand } from './eval.js';

interface RealNewsOptions {
  expectations?: string;
  json?: boolean;
  verbose?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  evalCommand(program)
    .command('real-news')
    .description('score the pipeline on the real reports against the project\'s expectations (test/fixtures/real-news)')
    .argument('[folder]', 'the reports, with their manifest.jsonl (default: ../shared/eval/real-news)')
    .option('--expectations <dir>', 'the expectation files, <story>/<report>.json (default: the project\'s test/fixtures/real-news)')
    .option('--verbose', 'list every failing check with its file, anchor, expected and found')
    .addOption(jsonOption())
    .action(async (folder: string | undefined, options: RealNewsOptions) => {
      const { evaluateRealNews } = await import('../../eval/real-news/run.js');
      let report;
      try {
        report = await evaluateRealNews({ reportsDir: folder, expectationsDir: options.expectations });
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      if (options.json) printJson(ctx, report);
      else ctx.stdout.write(formatRealNewsReport(report, options.verbose ?? false));
    });
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
  ];
  if (verbose) {
    lines.push('failures:');
    for (const f of r.failures) lines.push(`  ${f.path}  ${f.category} "${f.label}"  ${f.field}: expected ${show(f.expected)}, found ${show(f.found)}`);
  }
  return `${lines.join('\n')}\n`;
}
