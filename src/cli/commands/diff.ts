import type { Command } from 'commander';
import type { FusionDiff } from '../../fusion/index.js';
import type { Store } from '../../store/store.js';
import { CliError, dbOption, jsonOption, parseCount, printJson, withStore, type CliContext } from '../context.js';

async function digest(store: Store, id: number) {
  const { loadSnapshotDigest } = await import('../../fusion/index.js');
  const found = await loadSnapshotDigest(store, id);
  if (!found) {
    const known = (await store.listSnapshots()).map((s) => s.id);
    throw new CliError(known.includes(id)
      ? `snapshot ${id} has no fusion record (it was taken before fusion ran)`
      : `no snapshot ${id}; snapshots: ${known.join(', ') || 'none yet (each ingest run makes one)'}`);
  }
  return found;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('diff')
    .description('what changed between two ingest runs (snapshots); without ids, list the snapshots')
    .argument('[a]', 'the earlier snapshot id', parseCount)
    .argument('[b]', 'the later snapshot id (default: the latest)', parseCount)
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (a: number | undefined, b: number | undefined, options: { db?: string; json?: boolean }) => {
      await withStore(ctx, options.db, { mustExist: true }, async (store) => {
        const snapshots = await store.listSnapshots();
        if (a === undefined) {
          if (options.json) printJson(ctx, snapshots);
          else if (snapshots.length === 0) ctx.stdout.write('No snapshots yet: each ingest run makes one.\n');
          else for (const s of snapshots) ctx.stdout.write(`${String(s.id).padStart(4)}  ${s.createdAt}  ${s.documents} documents, ${s.events} events${s.label ? `  ${s.label}` : ''}\n`);
          return;
        }
        const later = b ?? snapshots.at(-1)?.id;
        if (later === undefined) throw new CliError('no snapshots yet: each ingest run makes one');
        const { diffSnapshots } = await import('../../fusion/index.js');
        const diff = diffSnapshots(await digest(store, a), await digest(store, later));
        if (options.json) printJson(ctx, diff);
        else printDiff(ctx, diff);
      });
    });
}

function printDiff(ctx: CliContext, d: FusionDiff): void {
  const out = (line: string) => ctx.stdout.write(`${line}\n`);
  out(`From snapshot ${d.from} to ${d.to}:`);
  const section = <T>(title: string, items: T[], line: (item: T) => string) => {
    out(`  ${title} (${items.length})`);
    for (const item of items) out(`    ${line(item)}`);
  };
  section('events added', d.eventsAdded, (e) => `${e.clusterId}  ${e.label}`);
  section('events removed', d.eventsRemoved, (e) => `${e.clusterId}  ${e.label}`);
  section('clusters merged', d.clustersMerged, (m) => `${m.clusterId} <- ${m.from.join(' + ')}  ${m.label}`);
  section('newly corroborated', d.newlyCorroborated, (c) => `${c.clusterId}  ${c.before} -> ${c.after} sources  ${c.label}`);
  section('newly contradicted', d.newlyContradicted, (c) => `${c.kind}: ${c.labels[0]}  vs  ${c.labels[1]}`);
  section('control changes', d.controlChanges, (c) =>
    `${c.place}: ${c.holder ?? 'unknown holder'} from ${c.from} ${c.change}${c.before ? ` (${c.before} -> ${c.status})` : ` (${c.status})`}`);
}
