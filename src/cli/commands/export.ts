import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { ExportFilter } from '../../export/index.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/formats.js';
import type { EventType } from '../../types.js';
import { CliError, dbOption, parseCount, printJson, withStore, type CliContext } from '../context.js';

const EVENT_TYPES: EventType[] = ['movement', 'control', 'attack', 'agreement', 'governance', 'displacement', 'declaration', 'protest'];

// Areas of control are drawn for one day from the fused state, not from the filtered events.
const FORMATS = [...EXPORT_FORMATS, 'control-areas'] as const;

interface ExportOptions extends Omit<ExportFilter, 'bbox'> {
  format: ExportFormat | 'control-areas';
  at?: string;
  bbox?: [number, number, number, number];
  out?: string;
  title?: string;
  db?: string;
  json?: boolean;
}

/** Writes the areas of control on a day; says how many on stderr, or as JSON with --json. */
async function exportControlAreasTo(ctx: CliContext, options: { at: string; out?: string; db?: string; json?: boolean }): Promise<void> {
  const { exportControlAreas } = await import('../../export/control-areas.js');
  const { loadControlSettings } = await import('../../fusion/index.js');
  const { storeGazetteer } = await import('../gazetteer.js');
  await withStore(ctx, options.db, { mustExist: true }, async (store) => {
    const areas = await exportControlAreas(store, { at: options.at, gazetteer: storeGazetteer(ctx, options.db), settings: loadControlSettings() });
    const content = `${JSON.stringify(areas, null, 2)}\n`;
    if (!options.out) {
      ctx.stdout.write(content);
      return;
    }
    try {
      writeFileSync(options.out, content);
    } catch (error) {
      throw new CliError(`${options.out}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (options.json) printJson(ctx, { format: 'control-areas', out: options.out, at: options.at, areas: areas.features.length });
    else ctx.stderr.write(`Wrote ${areas.features.length} area${areas.features.length === 1 ? '' : 's'} of control on ${options.at} to ${options.out}.\n`);
  });
}

function choice<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}.`);
    return value as T;
  };
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  return value;
}

/** `west,south,east,north` in degrees; west > east is a box across the antimeridian. */
export function parseBboxOption(value: string): [number, number, number, number] {
  const parts = value.split(',').map((p) => Number(p.trim()));
  const [west, south, east, north] = parts as [number, number, number, number];
  const valid = parts.length === 4 && parts.every(Number.isFinite)
    && Math.abs(west) <= 180 && Math.abs(east) <= 180 && Math.abs(south) <= 90 && Math.abs(north) <= 90 && south <= north;
  if (!valid) throw new InvalidArgumentError('expected west,south,east,north in degrees (south <= north).');
  return [west, south, east, north];
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write the fused events with their evidence as GeoJSON, an ACLED CSV, ClaimReview or Web Annotation JSON-LD, timemap data or an HTML dossier')
    .requiredOption('--format <format>', `output format (${FORMATS.join(', ')})`, choice(FORMATS))
    .option('--at <date>', 'control-areas: the day the areas are drawn for (YYYY-MM-DD; default today)', isoDate)
    .option('--type <type>', `only events of this type (${EVENT_TYPES.join(', ')})`, choice(EVENT_TYPES))
    .option('--actor <actor>', 'only events involving this actor (id or name)')
    .option('--from <date>', 'only events ending on or after this date (YYYY-MM-DD)', isoDate)
    .option('--to <date>', 'only events starting on or before this date (YYYY-MM-DD)', isoDate)
    .option('--bbox <w,s,e,n>', 'only events whose place lies in this box (degrees)', parseBboxOption)
    .option('--min-corroboration <n>', 'only events asserted by at least this many independent sources', parseCount)
    .option('--status <status>', 'only events of this status (corroborated, single-source, contested, unsupported)')
    .option('--modality <modality>', 'only events one report tells with this modality (asserted, reported, claimed, alleged, denied, ...)')
    .option('--outlet <outlet>', 'only events one report of this outlet tells')
    .option('--source <names...>', 'only events one report attributes to one of these sources (case-insensitive)')
    .option('--title <title>', 'title of the HTML dossier')
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(dbOption())
    .option('--json', 'with --out: print what was written and left out as JSON')
    .addHelpText('after', '\n--modality, --outlet and --source are met by one report of an event at once, as the map\'s filters are.'
      + '\nThe ACLED CSV leaves out events ACLED would not record (a place held, not taken; no source asserting it; no place; a date vaguer than a month) and says which on stderr.')
    .action(async (options: ExportOptions) => {
      if (options.from && options.to && options.from > options.to) throw new CliError(`--from ${options.from} is after --to ${options.to}`, 2);
      if (options.json && !options.out) throw new CliError('--json reports on a file written with --out; without --out the export itself goes to standard output', 2);
      // Checked here, not when the command is defined: `corridor --help` loads no more than the definitions.
      const { CLAIM_STATUSES, MODALITIES } = await import('../../api/schemas/enums.js');
      for (const [name, value, allowed] of [['status', options.status, CLAIM_STATUSES], ['modality', options.modality, MODALITIES]] as const) {
        if (value !== undefined && !(allowed as readonly string[]).includes(value)) throw new CliError(`--${name} ${value}: expected one of ${allowed.join(', ')}`, 2);
      }
      const { format, out, title, db, json, at, ...filter } = options;
      if (format === 'control-areas') {
        await exportControlAreasTo(ctx, { at: at ?? new Date().toISOString().slice(0, 10), out, db, json });
        return;
      }
      const { buildExportDataset, loadExportResources, renderExport } = await import('../../export/index.js');
      await withStore(ctx, db, { mustExist: true }, async (store) => {
        let resources;
        try {
          resources = loadExportResources();
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        const dataset = await buildExportDataset(store, { filter, countries: resources.countries, version: ctx.version });
        const result = renderExport(format, dataset, resources, { title });
        if (out) {
          try {
            writeFileSync(out, result.content);
          } catch (error) {
            throw new CliError(`${out}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
          }
        } else {
          ctx.stdout.write(result.content);
        }
        if (json) {
          printJson(ctx, { format, out, events: result.events, skipped: result.skipped });
          return;
        }
        const reasons = new Map<string, number>();
        for (const s of result.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
        for (const [reason, n] of reasons) ctx.stderr.write(`corridor: export ${format}: left out ${n} event${n === 1 ? '' : 's'}: ${reason}\n`);
        if (out) ctx.stderr.write(`Wrote ${result.events} event${result.events === 1 ? '' : 's'} as ${format} to ${out}${result.skipped.length ? `; ${result.skipped.length} left out` : ''}.\n`);
      });
    });
}
