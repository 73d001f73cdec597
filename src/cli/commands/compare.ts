import { InvalidArgumentError, type Command } from 'commander';
import { CliError, dbOption, jsonOption, parseCount, printJson, type CliContext } from '../context.js';
import { withFusion } from './clusters.js';

interface CompareOptions {
  db?: string;
  days?: number;
  km?: number;
  json?: boolean;
}

function kilometres(value: string): number {
  const km = Number(value);
  if (value.trim() === '' || !Number.isFinite(km) || km < 0) throw new InvalidArgumentError('expected a distance in km (0 or more).');
  return km;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('compare')
    .description('compare the fused events with the reference events loaded by `corridor import acled`')
    .addOption(dbOption())
    .option('--days <n>', 'days allowed between an event and a reference event (default in resources/acled-mapping.json)', parseCount)
    .option('--km <n>', 'kilometres allowed between their places (default in resources/acled-mapping.json)', kilometres)
    .addOption(jsonOption())
    .action(async (options: CompareOptions) => {
      const [{ describeCluster }, { compareWithReference, formatComparison, loadAcledMapping, loadReference }] = await Promise.all([
        import('../../fusion/index.js'), import('../../reference/index.js'),
      ]);
      await withFusion(ctx, options.db, async (state, store) => {
        const reference = await loadReference(store);
        if (!reference || reference.events.length === 0) throw new CliError('no reference events in the store: load some with `corridor import acled <file.csv>`');
        let mapping;
        try {
          mapping = loadAcledMapping();
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        const report = compareWithReference([...state.clusters.values()], reference.events, mapping, { days: options.days, km: options.km, describe: describeCluster });
        if (options.json) printJson(ctx, { files: reference.files, ...report });
        else ctx.stdout.write(formatComparison(report, reference.files.join(', ')));
      });
    });
}
