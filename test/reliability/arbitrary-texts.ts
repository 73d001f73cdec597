// Texts for the property tests: hostile characters, right-to-left words, the words of
// conflict reporting, and our own demo reports, shared by properties.test.ts and ten-megabytes.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROOT } from './helpers.js';

export const hostileCharacter = fc.oneof(
  // C0 and C1 controls, DEL, NUL.
  fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\u007f', '\u0085', '\u0080', '\u009f'),
  // Lone surrogates, high and low.
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  // Bidirectional controls, zero-width characters, separators, the byte-order mark.
  fc.constantFrom('\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
    '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u2028', '\u2029', '\u00a0', '\u3000', '\ufffd'),
  // Astral characters: emoji with modifiers and ZWJ sequences, mathematical letters, CJK extension B.
  fc.constantFrom('😀', '👍🏽', '👩‍👩‍👧', '🇮🇶', '𝐌𝐨𝐬𝐮𝐥', '𠀀', '𝔄', '\u{10ffff}'),
  // Combining marks stacked on a letter.
  fc.constantFrom('e\u0301', 'a\u0300\u0301\u0302\u0303', 'ا\u064b\u064c'),
);

export const rightToLeft = fc.constantFrom('الموصل', 'تلعفر', 'الرقة', 'داعش', 'قال مسؤول', 'ירושלים', 'צה"ל', '\u202bالموصل\u202c');

export const domainWord = fc.constantFrom(
  'Mosul', 'Tal Afar', 'Tall Afar', 'Raqqa', 'Palmyra', 'Deir ez-Zor', 'Syria', 'Iraq', 'Aleppo', 'Sinjar',
  'IS', 'ISIS', 'ISIL', 'Daesh', 'the SDF', 'Iraqi forces', 'the coalition', 'Hezbollah', 'the group', 'they', 'fighters', 'militants',
  'left', 'withdrew', 'moved', 'fled', 'captured', 'seized', 'attacked', 'shelled', 'declared', 'agreed', 'evacuated', 'through', 'via', 'corridor',
  'from', 'to', 'for', 'towards', 'near', 'outskirts of',
  'said', 'told', 'denied', 'claimed', 'reportedly', 'allegedly', 'may have', 'according to', 'sources said', 'a spokesman said',
  'on July 11', 'in late June', 'last week', 'yesterday', '2017', 'July 2017', 'Monday', 'mid-August', '11/07/2017',
  '"', '“', '”', '‘', '’', "'", '«', '»', '(', ')', '[', ']', '.', ',', ';', ':', '?', '!', '...', '—', '-',
  'U.S.', 'Mr.', 'Gen.', 'No.', '\n', '\n\n', '\t', '  ', '> ', '* ', '# ',
);

/** Text assembled from pieces of every kind, joined with or without spaces. */
export const mixedText = fc.tuple(
  fc.array(fc.oneof(
    { weight: 4, arbitrary: domainWord },
    { weight: 2, arbitrary: hostileCharacter },
    { weight: 1, arbitrary: rightToLeft },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  ), { maxLength: 120 }),
  fc.constantFrom(' ', '', '\n', ' '),
).map(([pieces, separator]) => pieces.join(separator));

/** Our own demo corpus texts (plain text and Markdown bodies), as realistic bases to damage. */
export function demoTexts(): string[] {
  const dirs = ['text', 'markdown'].map((name) => join(ROOT, 'examples', 'demo', name));
  return dirs.flatMap((dir) => readdirSync(dir).sort().map((name) => readFileSync(join(dir, name), 'utf8')));
}
