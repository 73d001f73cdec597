import type { Command } from 'commander';
import type { FusionState } from '../../fusion/index.js';
import { CliError, dbOption, jsonOption, printJson, type CliContext } from '../context.js';
import { withFusion } from './clusters.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('trajectory')
    .description('where an actor went, in time order (movements and presence)')
    .argument('<actor>', 'an actor id or name, e.g. islamic-state, IS, "Islamic State"')
    .addOption(dbOption())
    .option('--geojson', 'print only the legs as a GeoJSON FeatureCollection of LineStrings')
    .addOption(jsonOption())
    .action(async (query: string, options: { db?: string; geojson?: boolean; json?: boolean }) => {
      const { findActor, trajectory } = await import('../../fusion/index.js');
      await withFusion(ctx, options.db, async (state) => {
        const actor = findActor(state, query) ?? await findByAlias(state, query);
        if (!actor) throw new CliError(`no fused event names the actor "${query}"`);
        const result = trajectory(state, { actorId: actor.actorId, name: actor.name });
        if (options.geojson) {
          printJson(ctx, result.geojson);
          return;
        }
        if (options.json) {
          printJson(ctx, result);
          return;
        }
        if (result.steps.length === 0) {
          ctx.stdout.write(`No movements or presence of ${actor.name} with a place and a date.\n`);
          return;
        }
        ctx.stdout.write(`${actor.name}: ${result.steps.map((s) => s.place.name).join(' -> ')}\n`);
        for (const s of result.steps) {
          const span = s.from === s.to ? s.from : `${s.from} .. ${s.to}`;
          ctx.stdout.write(`  ${span.padEnd(24)}  ${s.place.name.padEnd(20)}  ${s.status.padEnd(13)}  ${s.clusterIds.join(', ')}\n`);
        }
      });
    });
}

/** "IS", "ISIL", "Daesh": an alias from the actor lexicon (resources/actors.json) names the same actor. */
async function findByAlias(state: FusionState, query: string) {
  const [{ loadActorLexicon }, { findActor }] = await Promise.all([import('../../actors/index.js'), import('../../fusion/index.js')]);
  const normalize = state.context.normalizeName;
  const wanted = normalize(query);
  for (const entry of loadActorLexicon(undefined, normalize).actors.values()) {
    if ([entry.name, ...entry.aliases].some((alias) => normalize(alias) === wanted)) return findActor(state, entry.id);
  }
  return null;
}
