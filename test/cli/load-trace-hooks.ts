// Module hooks of load-trace.ts (they run on the loader's own thread).
import type { ResolveHook } from 'node:module';

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.startsWith('file:')) process.stderr.write(`loaded ${resolved.url}\n`);
  return resolved;
};
