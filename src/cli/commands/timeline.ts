import type { Command } from 'commander';
import { CliError, dbOption, jsonOption, printJson, type CliContext } from '../context.js';
import { withFusion } from './clusters.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('timeline')
    .description('who controlled a place from when to when, with the claims behind each change')
    .argument('<place>', 'any name of the place in the gazetteer, alternate names included, in any transliteration (Palmyra, Tadmur), or a GeoNames id')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (query: string, options: { db?: string; json?: boolean }) => {
      const [{ controlTimeline, findPlace }, { storeGazetteer }] = await Promise.all([import('../../fusion/index.js'), import('../gazetteer.js')]);
      await withFusion(ctx, options.db, async (state) => {
        const place = findPlace(state, query, storeGazetteer(ctx, options.db));
        if (!place) throw new CliError(`no fused event takes place in "${query}"`);
        const timeline = controlTimeline(state, place);
        if (options.json) {
          printJson(ctx, timeline ?? { place, periods: [] });
          return;
        }
        if (!timeline) {
          ctx.stdout.write(`No claims about who controls ${place.name}.\n`);
          return;
        }
        ctx.stdout.write(`${place.name}${place.geonameid !== null ? ` (GeoNames ${place.geonameid})` : ''}\n`);
        for (const p of timeline.periods) {
          const span = `${p.from} .. ${p.to ?? 'now'}`;
          ctx.stdout.write(`  ${span.padEnd(24)}  ${(p.holder?.name ?? 'unknown holder').padEnd(28)}  ${p.status}\n`);
          const change = p.changeClusterId ? `change ${p.changeClusterId}${p.loser ? `, lost by ${p.loser.name}` : ''}` : 'holding claimed';
          ctx.stdout.write(`      ${change}; claims ${p.claims.join(', ')}\n`);
          for (const id of p.contradictions) ctx.stdout.write(`      contested: ${state.contradictions.get(id)!.explanation}\n`);
        }
      });
    });
}
