/**
 * File fixtures for stage tests: `test/fixtures/<area>/<case>/{input.txt,
 * expected.json, meta.json?}`. `REGEN=1` rewrites expected.json from the
 * current output; review the diff by eye before keeping it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { DocumentMeta, Span } from '../../src/types.js';

// Compiled to dist/test/time/; the fixtures stay in the source tree.
export const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

export interface FixtureCase {
  name: string;
  input: string;
  meta: Record<string, unknown>;
  expectedPath: string;
}

export function fixtureCases(area: string): FixtureCase[] {
  const root = join(FIXTURES, area);
  return readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory()).sort().map((name) => {
    const dir = join(root, name);
    const metaPath = join(dir, 'meta.json');
    return {
      name,
      input: readFileSync(join(dir, 'input.txt'), 'utf8'),
      meta: existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, unknown> : {},
      expectedPath: join(dir, 'expected.json'),
    };
  });
}

/** One string per line; blank lines and lines starting with `#` are skipped. */
export function fixtureLines(area: string, file: string): string[] {
  return readFileSync(join(FIXTURES, area, file), 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
}

export function documentFor(text: string, meta: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    id: createHash('sha256').update(text).digest('hex'),
    title: null, url: null, outlet: null, author: null, publishedAt: null, publishedAtSource: null,
    language: 'eng', text, ...meta,
  };
}

export function compareWithExpected(testCase: FixtureCase, actual: unknown): void {
  if (process.env.REGEN === '1') {
    writeFileSync(testCase.expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  assert.ok(existsSync(testCase.expectedPath), `${testCase.expectedPath} is missing; run with REGEN=1 and review it`);
  const expected: unknown = JSON.parse(readFileSync(testCase.expectedPath, 'utf8'));
  assert.deepStrictEqual(actual, expected, `fixture ${testCase.name}`);
}

/** Every item's offsets point at its text in the original document. */
export function assertSpans(text: string, items: ReadonlyArray<Span & { text: string }>): void {
  for (const item of items) {
    assert.equal(text.slice(item.start, item.end), item.text, `span ${item.start}-${item.end} is not "${item.text}"`);
  }
}
