import type { Command } from 'commander';
import type { FusionState } from '../../fusion/index.js';
import { CliError, dbOption, jsonOption, printJson, type CliContext } from '../context.js';
import { withFusion } from './clusters.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('trajectory')
    .description('where an actor went, in time order (movements and presence), one path per unit no one unit could travel')
    .argument('<actor>', 'an actor id or name, e.g. islamic-state, IS, "Islamic State"')
    .addOption(dbOption())
    .option('--geojson', 'print only the legs (of every unit) as a GeoJSON FeatureCollection of LineStrings')
    .addOption(jsonOption())
    .action(async (query: string, options: { db?: string; geojson?: boolean; json?: boolean }) => {
      const { findActor, trajectory } = await import('../../fusion/index.js');
      await withFusion(ctx, options.db, async (state) => {
        const actor = findActor(state, query, await lexiconDirectory(state));
        if (!actor) throw new CliError(`no fused event names the actor "${query}"`);
        const units = trajectory(state, { actorId: actor.actorId, name: actor.name });
        if (options.geojson) {
          printJson(ctx, { type: 'FeatureCollection', features: units.flatMap((u) => u.geojson.features) });
          return;
        }
        if (options.json) {
          printJson(ctx, units);
          return;
        }
        if (units.length === 0) {
          ctx.stdout.write(`No movements or presence of ${actor.name} with a place and a date.\n`);
          return;
        }
        for (const unit of units) {
          ctx.stdout.write(`${actor.name}${unit.unit ? ` (${unit.unit})` : ''}: ${unit.steps.map((s) => s.place.name).join(' -> ')}\n`);
          for (const s of unit.steps) {
            const span = s.from === s.to ? s.from : `${s.from} .. ${s.to}`;
            ctx.stdout.write(`  ${span.padEnd(24)}  ${s.place.name.padEnd(20)}  ${s.status.padEnd(13)}  ${s.clusterIds.join(', ')}\n`);
          }
        }
      });
    });
}

/** "IS", "ISIL", "Daesh": every name and alias of the actor lexicon (resources/actors.json), in any spelling. */
async function lexiconDirectory(state: FusionState) {
  const [{ loadActorLexicon }, { actorDirectory }] = await Promise.all([import('../../actors/index.js'), import('../../fusion/index.js')]);
  const normalize = state.context.normalizeName;
  return actorDirectory(loadActorLexicon(undefined, normalize).actors.values(), normalize);
}
