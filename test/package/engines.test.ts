// `npm ci` warned EBADENGINE when locked packages wanted Node 22 while
// package.json promised Node 20 (cookie 2, content-disposition 3, jsonlint 2.0.3;
// package.json's overrides keep versions that run on Node 20).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { packageRoot } from '../../src/resources.js';

const readJson = (name: string) => JSON.parse(readFileSync(join(packageRoot, name), 'utf8'));

test('every locked package runs on the oldest Node that package.json admits', () => {
  const ours: string = readJson('package.json').engines.node;
  const oldest = semver.minVersion(ours)!.version;
  const packages = readJson('package-lock.json').packages as Record<string, { version?: string; engines?: { node?: string } }>;
  const refusing = Object.entries(packages)
    .filter(([, p]) => p.engines?.node && !semver.satisfies(oldest, p.engines.node))
    .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} wants Node ${p.engines!.node}`);
  assert.deepEqual(refusing, [], `package.json says Node ${ours}`);
});
