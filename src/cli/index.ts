#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { CliError, createContext } from './context.js';

const ctx = createContext();
const program = new Command()
  .name('corridor')
  .description('Turns conflict reporting into evidence on a map: places, actors, events, who asserts them, and who confirms them.')
  .version(ctx.version)
  .showHelpAfterError('(run with --help for usage)')
  // Usage errors become exceptions (exit code 2) and print as `corridor: ...` like every other error.
  .exitOverride()
  .configureOutput({ outputError: (message, write) => write(`corridor: ${message.replace(/^error: /, '')}`) });
for (const register of commands) register(program, ctx);

// `corridor docs | head` closes stdout early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other commander error is a usage error, already printed.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`corridor: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  }
}
