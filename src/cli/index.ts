#!/usr/bin/env node
import { createContext } from './context.js';
import { runCorridor } from './program.js';

const ctx = createContext({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });

// `corridor docs | head` closes stdout early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ctx.exitCode);
  throw error;
});

process.exitCode = await runCorridor(process.argv, ctx);
