import type { Command } from 'commander';
import type { SourceProfile } from '../../fusion/index.js';
import { dbOption, jsonOption, printJson, type CliContext } from '../context.js';
import { oneOf, withFusion } from './clusters.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('sources')
    .description('how each outlet and each named source fares: claims, corroborated, contradicted, alone')
    .addOption(dbOption())
    .option('--kind <kind>', 'only outlets or only the sources they quote (outlet, source)', oneOf('--kind', ['outlet', 'source'] as const))
    .addOption(jsonOption())
    .action(async (options: { db?: string; kind?: SourceProfile['kind']; json?: boolean }) => {
      const { sourceProfiles } = await import('../../fusion/index.js');
      await withFusion(ctx, options.db, async (state) => {
        const profiles = sourceProfiles(state).filter((p) => !options.kind || p.kind === options.kind);
        if (options.json) {
          printJson(ctx, profiles);
          return;
        }
        if (profiles.length === 0) {
          ctx.stdout.write('No sources: no fused event is asserted or denied by anyone yet.\n');
          return;
        }
        const width = Math.min(36, Math.max(...profiles.map((p) => p.name.length)));
        ctx.stdout.write(`${'kind'.padEnd(7)} ${'name'.padEnd(width)}  claims  corroborated  contradicted  alone\n`);
        for (const p of profiles) {
          ctx.stdout.write(`${p.kind.padEnd(7)} ${p.name.slice(0, width).padEnd(width)}  ${String(p.claims).padStart(6)}  ${String(p.corroborated).padStart(12)}  ${String(p.contradicted).padStart(12)}  ${String(p.alone).padStart(5)}\n`);
        }
      });
    });
}
