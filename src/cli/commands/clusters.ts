import type { Command } from 'commander';
import type { ClaimStatus, ClusterMention, CorroborationRole, FusionState } from '../../fusion/index.js';
import type { Store } from '../../store/store.js';
import type { EventType } from '../../types.js';
import { CliError, dbOption, jsonOption, parseCount, printJson, shortId, withStore, type CliContext } from '../context.js';

const EVENT_TYPES: EventType[] = ['movement', 'control', 'attack', 'agreement', 'governance', 'displacement', 'declaration', 'protest'];
const STATUSES: ClaimStatus[] = ['corroborated', 'single-source', 'contested', 'unsupported'];

/**
 * Runs `use` with what fusion knows about the store: the saved state plus any
 * stored document not fused yet (added in memory; nothing is written).
 */
export async function withFusion<T>(ctx: CliContext, db: string | undefined, use: (state: FusionState, store: Store) => Promise<T>): Promise<T> {
  const { createFusionContext, currentFusionState } = await import('../../fusion/index.js');
  return withStore(ctx, db, { mustExist: true }, async (store) => {
    const { state } = await currentFusionState(store, createFusionContext());
    return use(state, store);
  });
}

/** The words of a mention in its document, fetched once per document. */
export function createQuoter(store: Store): (m: Pick<ClusterMention, 'docId' | 'start' | 'end'>) => Promise<string> {
  const texts = new Map<string, Promise<string>>();
  return async (m) => {
    let text = texts.get(m.docId);
    if (!text) {
      text = store.getDocument(m.docId).then((d) => d?.text ?? '');
      texts.set(m.docId, text);
    }
    return (await text).slice(m.start, m.end).replace(/\s+/g, ' ');
  };
}

/** Checks a value against a fixed list, as a usage error naming the choices. */
export function oneOf<T extends string>(option: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) throw new CliError(`${option} must be one of ${choices.join(', ')}; got "${value}"`, 2);
    return value as T;
  };
}

interface ClustersOptions {
  db?: string;
  type?: EventType;
  status?: ClaimStatus;
  minSources?: number;
  limit?: number;
  explain?: boolean;
  json?: boolean;
}

/** The order `--explain` lists a cluster's mentions in, by role. */
const ROLES: readonly CorroborationRole[] = ['source', 'repeat', 'context', 'denial', 'opinion'];

export function register(program: Command, ctx: CliContext): void {
  program
    .command('clusters')
    .description('list events fused across documents, with how many independent sources assert each')
    .addOption(dbOption())
    .option('--type <type>', `only events of this type (${EVENT_TYPES.join(', ')})`, oneOf('--type', EVENT_TYPES))
    .option('--status <status>', `only clusters with this status (${STATUSES.join(', ')})`, oneOf('--status', STATUSES))
    .option('--min-sources <n>', 'only clusters asserted by at least this many independent sources', parseCount)
    .option('--limit <n>', 'at most this many clusters', parseCount)
    .option('--explain', 'show every mention and why it counts as a source or not')
    .addOption(jsonOption())
    .action(async (options: ClustersOptions) => {
      const { describeCluster } = await import('../../fusion/index.js');
      await withFusion(ctx, options.db, async (state, store) => {
        const clusters = [...state.clusters.values()]
          .filter((c) => (!options.type || c.type === options.type) && (!options.status || c.status === options.status))
          .filter((c) => c.corroboration.score >= (options.minSources ?? 0))
          .sort((a, b) => b.corroboration.score - a.corroboration.score || (a.time?.from ?? '').localeCompare(b.time?.from ?? '') || a.id.localeCompare(b.id))
          .slice(0, options.limit ?? Infinity);
        if (options.json) {
          printJson(ctx, clusters);
          return;
        }
        if (clusters.length === 0) {
          ctx.stdout.write('No fused events match.\n');
          return;
        }
        const quote = createQuoter(store);
        for (const c of clusters) {
          const sources = `${c.corroboration.score} source${c.corroboration.score === 1 ? '' : 's'}`;
          ctx.stdout.write(`${c.id}  ${c.status.padEnd(13)}  ${sources.padEnd(10)}  ${describeCluster(c)}  [${c.mentions.length} mention${c.mentions.length === 1 ? '' : 's'}]\n`);
          if (!options.explain) continue;
          ctx.stdout.write(`    ${c.status}: ${c.statusReason}\n`);
          // Sources and repeats first, then context (background, plans, passing mentions), denials and opinion, each apart.
          for (const role of ROLES) {
            for (const entry of c.corroboration.explanation.filter((e) => e.role === role)) {
              const m = c.mentions.find((x) => x.key === entry.mention)!;
              ctx.stdout.write(`    ${entry.counted ? '+' : '-'} ${role.padEnd(7)} ${shortId(m.docId)} ${entry.source}: ${entry.reason}\n      "${await quote(m)}"\n`);
            }
          }
        }
      });
    });
}
