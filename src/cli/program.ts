import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { CliError, type CliContext } from './context.js';

/**
 * Runs one `corridor` command line (`argv` as process.argv: node, script, args...)
 * against the context's streams and environment, and returns its exit code.
 * The binary (index.ts) runs it with the process's streams; tests run it in
 * their own process, which spares each run Node's start-up and the module loads.
 */
export async function runCorridor(argv: readonly string[], ctx: CliContext): Promise<number> {
  const program = new Command()
    .name('corridor')
    .description('Turns conflict reporting into evidence on a map: places, actors, events, who asserts them, and who confirms them.')
    .version(ctx.version)
    .showHelpAfterError('(run with --help for usage)')
    // Usage errors become exceptions (exit code 2) and print as `corridor: ...` like every other error.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      outputError: (message, write) => write(`corridor: ${message.replace(/^error: /, '')}`),
    });
  for (const register of commands) register(program, ctx);

  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (error) {
    // Help and version exit 0; every other commander error is a usage error, already printed.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    ctx.stderr.write(`corridor: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
