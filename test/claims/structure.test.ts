// Structural checks of the claims stage (#16): it reads as recognisers and one resolver, no function
// is over 60 lines, and its words live in resources/modality-cues.json, not in the code.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import ts from 'typescript';

const CLAIMS = new URL('../../../src/claims/', import.meta.url);
const MAX_FUNCTION_LINES = 60;
// Three or more plain lower-case words in one literal list is a word list ("said", "told", "claimed").
const MIN_LIST_WORDS = 3;
const WORD = /^\p{Ll}+(?: \p{Ll}+)*$/u;

function sources(): ts.SourceFile[] {
  return readdirSync(CLAIMS).filter((f) => f.endsWith('.ts'))
    .map((f) => ts.createSourceFile(f, readFileSync(new URL(f, CLAIMS), 'utf8'), ts.ScriptTarget.Latest, true));
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/**
 * The values of a field of the lexicon's format (`z.enum([...])`), the keys of its sections
 * (`[...] as const`) and lists of a type's values are the schema, not words the stage reads in a text.
 */
function isClosedSet(list: ts.ArrayLiteralExpression): boolean {
  const parent = list.parent;
  if (ts.isAsExpression(parent) && parent.type.getText() === 'const') return true;
  // A list typed as values of one of the project's types (`readonly SourceKind[]`) holds those values, not words.
  if (ts.isVariableDeclaration(parent) && parent.type && !/\bstring\b/.test(parent.type.getText())) return true;
  return ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'enum';
}

const lineOf = (file: ts.SourceFile, pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;

test('no function in src/claims is over 60 lines', () => {
  const long: string[] = [];
  for (const file of sources()) {
    walk(file, (n) => {
      if (!ts.isFunctionLike(n) || !('body' in n) || !n.body) return;
      const lines = lineOf(file, n.end) - lineOf(file, n.getStart(file)) + 1;
      if (lines > MAX_FUNCTION_LINES) long.push(`${file.fileName}:${lineOf(file, n.getStart(file))} ${n.name?.getText(file) ?? '(anonymous)'}: ${lines} lines`);
    });
  }
  assert.deepEqual(long, []);
});

test('no word list is left in the code of src/claims: words are in resources/modality-cues.json', () => {
  const lists: string[] = [];
  for (const file of sources()) {
    walk(file, (n) => {
      if (!ts.isArrayLiteralExpression(n) || isClosedSet(n)) return;
      const words = n.elements.filter((e) => ts.isStringLiteralLike(e) && WORD.test(e.text));
      if (words.length >= MIN_LIST_WORDS) lists.push(`${file.fileName}:${lineOf(file, n.getStart(file))} ${n.getText(file).slice(0, 60)}`);
    });
  }
  assert.deepEqual(lists, []);
});
