import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { workingText } from '../../src/text/working-text.js';

describe('workingText', () => {
  it('keeps the length where it can: CRLF, a lone CR and a byte-order mark become blanks and line feeds', () => {
    const given = '\uFEFFMosul\r\nTal Afar\rRaqqa\r\n';
    const working = workingText(given);
    assert.equal(working.text, ' Mosul \nTal Afar\nRaqqa \n');
    assert.equal(working.text.length, given.length);
    assert.equal(working.givenOffsets, null, 'offsets need no mapping');
  });

  it('composes decomposed accents and maps each offset back to the text as given', () => {
    const given = 'Al Maya\u0304di\u0304n.';
    const working = workingText(given);
    assert.equal(working.text, 'Al Mayādīn.');
    const place = { start: 3, end: 10 };
    const { givenOffsets } = working;
    assert.ok(givenOffsets);
    assert.equal(given.slice(givenOffsets[place.start], givenOffsets[place.end]), 'Maya\u0304di\u0304n');
    assert.equal(given.slice(givenOffsets[10], givenOffsets[11]), '.');
  });

  it('keeps a byte-order mark or a CR inside a decomposed text at its own offset', () => {
    const given = '\uFEFFCafe\u0301\r\nKu\u0308rt';
    const { text, givenOffsets } = workingText(given);
    assert.equal(text, ' Café \nKürt');
    assert.deepEqual([...givenOffsets!], [0, 1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13]);
  });

  // Letters with marks of several combining classes, Hangul jamo that compose without marks, astral letters, line breaks.
  const piece = fc.constantFrom(
    'a', 'e', 'K', ' ', '.', '\n', '\r', '\r\n', '\uFEFF', 'ı',
    '\u0301', '\u0323', '\u0308', '\u0345', '\u0334', '\u064b', '\u05b4',
    '\u1100', '\u1161', '\u11a8', '\uac00', '\u212b', '\u0958', '𝐌', 'é', 'ḉ',
  );

  it('is the NFC of the text, and every offset maps into the text as given, in order', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')), (given) => {
      const { text, givenOffsets } = workingText(given);
      const uniform = given.replace(/^\uFEFF/, ' ').replace(/\r\n?/g, (cr) => (cr.length === 2 ? ' \n' : '\n'));
      assert.equal(text, uniform.normalize('NFC'));
      const at = (offset: number) => (givenOffsets ? givenOffsets[offset]! : offset);
      assert.equal(at(0), 0);
      assert.equal(at(text.length), given.length);
      for (let k = 1; k <= text.length; k++) assert.ok(at(k) >= at(k - 1), 'offsets keep their order');
      // Between two ASCII characters (which always start a cluster) the working text is the given text in NFC.
      const boundaries = [...Array(text.length + 1).keys()].filter((k) => k === text.length || text.charCodeAt(k) < 0x80);
      for (const a of boundaries) for (const b of boundaries) {
        if (a < b) assert.equal(uniform.slice(at(a), at(b)).normalize('NFC'), text.slice(a, b));
      }
    }), { numRuns: 300 });
  });
});
