import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const FUSION_SOURCE = fileURLToPath(new URL('../../../src/fusion/', import.meta.url));

/** Each module of src/fusion with the sibling modules it imports or re-exports (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(FUSION_SOURCE).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(FUSION_SOURCE, file), 'utf8');
    const siblings = [...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom '\.\/([\w-]+)\.js';/gms)].map((m) => `${m[1]}.ts`);
    graph.set(file, [...new Set(siblings)]);
  }
  return graph;
}

/** The first import cycle found, as the modules along it, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file];
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of [...graph.keys()].sort()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe('fusion: module shape', () => {
  it('reads the import lines it checks', () => {
    const graph = importGraph();
    assert.ok(graph.get('state.ts')!.includes('contradictions.ts'), 'state.ts imports contradictions.ts');
    assert.deepEqual(findCycle(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]])), ['a.ts', 'b.ts', 'a.ts']);
  });

  it('has no import cycle: mentions -> clusters -> corroboration -> contradictions -> views', () => {
    assert.equal(findCycle(importGraph())?.join(' -> ') ?? null, null);
  });

  it('keeps each step upstream of the next', () => {
    const graph = importGraph();
    const order = ['mentions.ts', 'clusters.ts', 'corroboration.ts', 'contradictions.ts', 'state.ts', 'timeline.ts'];
    order.forEach((file, i) => {
      for (const later of order.slice(i + 1)) assert.ok(!graph.get(file)!.includes(later), `${file} must not import ${later}`);
    });
  });
});
