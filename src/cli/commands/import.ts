import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, dbOption, jsonOption, printJson, resolveDb, withStore, type CliContext } from '../context.js';

interface ImportAcledOptions {
  db?: string;
  append?: boolean;
  json?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('import')
    .description('load reference event data to compare Corridor\'s findings with (see `corridor compare`)');
  command
    .command('acled')
    .description('load a curated ACLED export (CSV with ACLED\'s columns) as reference events')
    .argument('<file>', 'the CSV file')
    .addOption(dbOption())
    .option('--append', 'add to the reference events already loaded instead of replacing them')
    .addOption(jsonOption())
    .action(async (file: string, options: ImportAcledOptions) => {
      const { loadAcledMapping, parseAcledCsv, ReferenceFileError, saveReference } = await import('../../reference/index.js');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      let parsed;
      try {
        parsed = parseAcledCsv(text, file, loadAcledMapping());
      } catch (error) {
        if (error instanceof ReferenceFileError) throw new CliError(error.message);
        throw error;
      }
      for (const e of parsed.errors) ctx.stderr.write(`corridor: ${file}:${e.line}: ${e.message}\n`);
      const set = await withStore(ctx, options.db, {}, (store) => saveReference(store, file, parsed.events, { append: options.append }));
      if (options.json) {
        printJson(ctx, { database: resolveDb(ctx, options.db), file, imported: parsed.events.length, failed: parsed.errors.length, errors: parsed.errors, stored: set.events.length });
      } else {
        const failed = parsed.errors.length ? `, ${parsed.errors.length} row${parsed.errors.length === 1 ? '' : 's'} left out` : '';
        ctx.stdout.write(`Imported ${parsed.events.length} reference event${parsed.events.length === 1 ? '' : 's'} from ${file}${failed}; ${set.events.length} stored.\n`);
      }
      if (parsed.errors.length > 0) ctx.exitCode = 1;
    });
}
