import type { Command } from 'commander';

/** The `eval` command that `eval geo` and `eval events` stand under, made by whichever registers first. */
export function evalCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'eval') ?? program.command('eval').description('measure extraction quality against gold data');
}
