import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes } from '../../src/claims/index.js';
import { segment } from '../../src/text/segment.js';

const quoted = (text: string) => findQuotes(text, segment(text).paragraphs).map((q) => text.slice(q.start, q.end));

test('findQuotes: quotes of later paragraphs are found after paragraphs with none', () => {
  const text = 'The convoy left at dawn.\n\nNobody was hurt.\n\n"We will hold the bridge until the end," the commander said.\n\nTalks resumed.\n\n“The road is open to civilians now,” an official said.';
  assert.deepEqual(quoted(text), ['We will hold the bridge until the end', 'The road is open to civilians now']);
});

test('findQuotes: a quote left open ends with its paragraph, and the next paragraph starts afresh', () => {
  const text = '"The fighters are leaving the city tonight and\n\nThe council met on Monday.';
  assert.deepEqual(quoted(text), ['The fighters are leaving the city tonight and']);
});

test('findQuotes: apostrophes and scare quotes are no quotes', () => {
  assert.deepEqual(quoted("The Kurds' offer, called a 'truce', doesn't hold."), []);
});
