import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segment } from '../../src/text/segment.js';
import { workingText } from '../../src/text/working-text.js';

describe('segment', () => {
  it('takes a line of blanks, no-break spaces included, for an empty line between paragraphs', () => {
    const text = 'Troops entered the town.\n \u00a0\t\nShops opened again.';
    const { paragraphs, sentences } = segment(text);
    assert.deepEqual(paragraphs.map((p) => text.slice(p.start, p.end)), ['Troops entered the town.', 'Shops opened again.']);
    assert.deepEqual(sentences.map((s) => s.paragraph), [0, 1]);
  });

  it('finds the paragraphs of a CRLF text in its working text, on the offsets of the text as given', () => {
    const given = '\r\nTroops entered the town.\r\n\r\nShops opened\r\nagain.\r\n';
    const { paragraphs } = segment(workingText(given).text);
    assert.deepEqual(paragraphs.map((p) => given.slice(p.start, p.end)), ['Troops entered the town.', 'Shops opened\r\nagain.']);
  });
});
