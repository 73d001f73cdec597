import type { Command } from 'commander';
import type { CorridorReport, UserCorridorDefinition, WaypointResolver } from '../../fusion/index.js';
import type { Gazetteer } from '../../geo/gazetteer/index.js';
import { CliError, dbOption, jsonOption, printJson, type CliContext } from '../context.js';
import { withFusion } from './clusters.js';

/** The store's gazetteer, loaded on first use: listing corridors rarely needs it. */
async function lazyGazetteer(ctx: CliContext, db: string | undefined): Promise<() => Gazetteer> {
  const { storeGazetteer } = await import('../gazetteer.js');
  let gazetteer: Gazetteer | null = null;
  return () => (gazetteer ??= storeGazetteer(ctx, db));
}

/** Places waypoints given only by GeoNames id. */
function gazetteerResolver(gazetteer: () => Gazetteer): WaypointResolver {
  return (name, geonameid) => {
    const entry = gazetteer().lookup(name).find((e) => e.geonameid === geonameid);
    return entry ? { geonameid, name, lat: entry.lat, lon: entry.lon } : null;
  };
}

async function userCorridors(file: string | undefined, gazetteer: () => Gazetteer): Promise<UserCorridorDefinition[]> {
  const { loadUserCorridors } = await import('../../fusion/index.js');
  try {
    return loadUserCorridors(file, gazetteerResolver(gazetteer));
  } catch (error) {
    throw new CliError((error as Error).message.replace(/^corridor: /, ''));
  }
}

const corridorsOption = ['--corridors <file>', 'user-defined corridors (default: resources/corridors.json; format in resources/corridors.md)'] as const;

export function register(program: Command, ctx: CliContext): void {
  program
    .command('corridors')
    .description('list named corridors and axes: from the documents and from resources/corridors.json')
    .addOption(dbOption())
    .option(...corridorsOption)
    .addOption(jsonOption())
    .action(async (options: { db?: string; corridors?: string; json?: boolean }) => {
      const { corridorReports } = await import('../../fusion/index.js');
      const user = await userCorridors(options.corridors, await lazyGazetteer(ctx, options.db));
      await withFusion(ctx, options.db, async (state) => {
        const reports = corridorReports(state, user);
        if (options.json) {
          printJson(ctx, reports);
          return;
        }
        if (reports.length === 0) {
          ctx.stdout.write('No corridors: none named in the documents or in the corridors file.\n');
          return;
        }
        for (const r of reports) {
          const route = r.waypoints.map((w) => w.name).join(' - ');
          ctx.stdout.write(`${r.name}  (${r.origin}; ${route})  ${r.events.length} events, ${r.movements.length} movements, named in ${r.mentions.length} places\n`);
        }
      });
    });

  program
    .command('corridor')
    .description('what happened along one corridor: events within its buffer, control of its waypoints, movements along it')
    .argument('<name>', 'the corridor\'s name (as `corridor corridors` lists it), an alias, or two or more of its places in any of their names ("Tadmur-Raqqa")')
    .addOption(dbOption())
    .option(...corridorsOption)
    .addOption(jsonOption())
    .action(async (name: string, options: { db?: string; corridors?: string; json?: boolean }) => {
      const { corridorReport, findCorridor } = await import('../../fusion/index.js');
      const gazetteer = await lazyGazetteer(ctx, options.db);
      const user = await userCorridors(options.corridors, gazetteer);
      await withFusion(ctx, options.db, async (state) => {
        // Loaded only when the name is not one of the corridors' own.
        const def = findCorridor(state, user, name, { lookup: (place) => gazetteer().lookup(place) });
        if (!def) throw new CliError(`no corridor named "${name}"; \`corridor corridors\` lists them`);
        const report = corridorReport(state, def);
        if (options.json) printJson(ctx, report);
        else printReport(ctx, report);
      });
    });
}

function printReport(ctx: CliContext, r: CorridorReport): void {
  const out = (line: string) => ctx.stdout.write(`${line}\n`);
  out(`${r.name}  (${r.origin}; buffer ${r.bufferKm} km)`);
  out(`  waypoints: ${r.waypoints.map((w) => `${w.name} (${w.lat.toFixed(3)}, ${w.lon.toFixed(3)})`).join(' - ')}`);
  for (const m of r.mentions) out(`  named: ${m.docId.slice(0, 10)}@${m.start}-${m.end} "${m.text}"`);
  out(`  events (${r.events.length}):`);
  for (const e of r.events) out(`    ${e.clusterId}  ${e.status.padEnd(13)}  ${String(e.distanceKm).padStart(5)} km  ${e.claim}`);
  out(`  control of waypoints:`);
  for (const t of r.control) {
    out(`    ${t.place.name}: ${t.periods.map((p) => `${p.holder?.name ?? 'unknown'} from ${p.from} (${p.status})`).join('; ')}`);
  }
  out(`  movements along it (${r.movements.length}):`);
  for (const m of r.movements) {
    out(`    ${m.clusterId}  ${m.direction.padEnd(8)}  ${m.agent?.name ?? 'unnamed'}: ${m.from?.name ?? '?'} -> ${m.to?.name ?? '?'}  ${m.time?.from ?? ''}  ${m.status}`);
  }
}
