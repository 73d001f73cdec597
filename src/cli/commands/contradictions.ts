import type { Command } from 'commander';
import type { ContradictionKind, ContradictionSide } from '../../fusion/index.js';
import { dbOption, jsonOption, printJson, shortId, type CliContext } from '../context.js';
import { createQuoter, oneOf, withFusion } from './clusters.js';

const KINDS: ContradictionKind[] = ['control-vs-ongoing', 'control-vs-control', 'agreement-vs-denial', 'destination-mismatch', 'deal-terms', 'casualty-mismatch', 'asserted-vs-denied'];

export function register(program: Command, ctx: CliContext): void {
  program
    .command('contradictions')
    .description('list claims that contradict each other, with both sides\' evidence')
    .addOption(dbOption())
    .option('--kind <kind>', `only contradictions of this kind (${KINDS.join(', ')})`, oneOf('--kind', KINDS))
    .addOption(jsonOption())
    .action(async (options: { db?: string; kind?: ContradictionKind; json?: boolean }) => {
      await withFusion(ctx, options.db, async (state, store) => {
        const contradictions = [...state.contradictions.values()]
          .filter((x) => !options.kind || x.kind === options.kind)
          .sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
        if (options.json) {
          printJson(ctx, contradictions);
          return;
        }
        if (contradictions.length === 0) {
          ctx.stdout.write('No contradictions found.\n');
          return;
        }
        const quote = createQuoter(store);
        const printSide = async (label: string, side: ContradictionSide) => {
          ctx.stdout.write(`  ${label} ${side.claim}  (${side.clusterId})\n      according to ${side.sources.join('; ')}\n`);
          // The whole sentence, so the reader sees the claim in its words, not only the clause.
          for (const m of side.mentions) {
            const where = m.sentence ?? m;
            ctx.stdout.write(`      ${shortId(m.docId)}@${where.start}-${where.end} ${m.outlet ?? ''}: "${await quote({ docId: m.docId, ...where })}"\n`);
          }
        };
        for (const x of contradictions) {
          ctx.stdout.write(`${x.id}  ${x.kind}\n  ${x.explanation}\n`);
          await printSide('A:', x.a);
          await printSide('B:', x.b);
        }
      });
    });
}
