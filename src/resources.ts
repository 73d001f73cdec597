import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

/** The package root: the nearest folder above this file with a package.json, whether it runs from `src/` (tsx) or `dist/src/`. */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      dir = resolve(dir, '..');
    }
  }
  throw new Error('corridor: cannot find the package root');
})();

/** Path of a file in the package's `resources/` folder. */
export function resourcePath(name: string): string {
  return join(packageRoot, 'resources', name);
}

/** Reads a JSON resource; `path` overrides the bundled file (user-extended lexicons). */
export function readJsonResource<T>(name: string, path?: string): T {
  const file = path ?? resourcePath(name);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new Error(`corridor: ${file}: cannot read resource (${(err as Error).message})`);
  }
}
