import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeText, IngestError } from '../../src/ingest/index.js';
import { firstInvalidUtf8, sniffHtmlCharset } from '../../src/ingest/decode.js';

function decodeError(bytes: Uint8Array, charset?: string): IngestError {
  try {
    decodeText(bytes, 'x.txt', { charset });
  } catch (error) {
    assert.ok(error instanceof IngestError);
    return error;
  }
  assert.fail('expected an IngestError');
}

test('firstInvalidUtf8 agrees with the fatal TextDecoder on any bytes', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
    let valid = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      valid = false;
    }
    assert.equal(firstInvalidUtf8(bytes) === -1, valid);
  }), { numRuns: 2000 });
});

test('firstInvalidUtf8 points at the first bad byte: stray, truncated, overlong, surrogate, too large', () => {
  const cases: Array<[number[], number]> = [
    [[0x61, 0x62, 0xff], 2],
    [[0x61, 0xc3], 1],
    [[0xc3, 0xa9, 0xe2, 0x82], 2],
    [[0xc0, 0xaf], 0],
    [[0xe0, 0x80, 0xaf], 0],
    [[0xed, 0xa0, 0x80], 0],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0x61, 0xe2, 0x82, 0xac, 0x62], -1],
  ];
  for (const [bytes, offset] of cases) assert.equal(firstInvalidUtf8(Uint8Array.from(bytes)), offset, bytes.join(' '));
});

test('decodeText names the offset of invalid UTF-8', () => {
  const error = decodeError(Buffer.concat([Buffer.from('a'.repeat(1234)), Buffer.from([0xe9, 0x20])]));
  assert.equal(error.code, 'CORRIDOR_ERR_INGEST_INVALID_UTF8');
  assert.equal(error.toLine(), 'x.txt: invalid UTF-8 at byte 1234');
});

test('decodeText: byte-order marks select the encoding and stay as U+FEFF, as readFileSync keeps them', () => {
  const text = 'Tall ʿAfar — 3 km';
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  assert.equal(decodeText(utf8, 'x'), `\uFEFF${text}`);
  assert.equal(decodeText(utf8, 'x'), utf8.toString('utf8'), 'the same characters as readFileSync(file, "utf8")');
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'x'), `\uFEFF${text}`);
  const bigEndian = Buffer.from(text, 'utf16le').swap16();
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]), 'x'), `\uFEFF${text}`);
});

test('decodeText: a declared charset is honoured, windows-1252 punctuation included', () => {
  assert.equal(decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x6f, 0x6b, 0x94]), 'x', { charset: 'windows-1252' }), 'Café – “ok”');
  assert.equal(decodeText(Buffer.from([0xe9]), 'x', { charset: 'ISO-8859-1' }), 'é');
  assert.equal(decodeError(Buffer.from('abc'), 'klingon-8').code, 'CORRIDOR_ERR_INGEST_ENCODING');
});

test('decodeText refuses archives, images and binary, naming what it found', () => {
  const cases: Array<[number[], string]> = [
    [[0x1f, 0x8b, 0x08, 0x00], 'x.txt: gzip data, not text (decompress it first)'],
    [[0x50, 0x4b, 0x03, 0x04, 0x14], 'x.txt: zip data, not text (decompress it first)'],
    [[0x42, 0x5a, 0x68, 0x39, 0x31], 'x.txt: bzip2 data, not text (decompress it first)'],
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'x.txt: binary content (a PDF document), not text'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'x.txt: binary content (a PNG image), not text'],
    [[0x61, 0x62, 0x00, 0x63], 'x.txt: binary content (NUL byte at offset 2), not text'],
  ];
  for (const [bytes, line] of cases) assert.equal(decodeError(Uint8Array.from(bytes)).toLine(), line);
  // Words that merely start like a signature are text.
  assert.equal(decodeText(Buffer.from('BZh is not bzip2 without its digit'), 'x'), 'BZh is not bzip2 without its digit');
});

test('decodeText: a few stray control characters are text, many are binary', () => {
  const prose = 'Fighters left the city overnight, officials said. '.repeat(10);
  assert.equal(decodeText(Buffer.from(`${prose}\u0007${prose}`), 'x').length, prose.length * 2 + 1);
  assert.equal(decodeError(Buffer.from(`ab${'\u0001\u0002\u0003'.repeat(5)}cd`)).code, 'CORRIDOR_ERR_INGEST_BINARY');
  // UTF-16 that decodes to control characters is binary too.
  assert.equal(decodeError(Buffer.from([0xff, 0xfe, 0x01, 0x00, 0x02, 0x00, 0x41, 0x00])).code, 'CORRIDOR_ERR_INGEST_BINARY');
});

test('decodeText: empty and whitespace-only inputs', () => {
  assert.equal(decodeError(new Uint8Array()).toLine(), 'x.txt: empty file');
  assert.equal(decodeError(Buffer.from(' \n\t\r\n')).toLine(), 'x.txt: only whitespace');
  assert.equal(decodeError(Buffer.from([0xef, 0xbb, 0xbf])).toLine(), 'x.txt: only whitespace');
});

test('sniffHtmlCharset reads <meta charset> and http-equiv declarations', () => {
  assert.equal(sniffHtmlCharset(Buffer.from('<html><head><meta charset="ISO-8859-6">')), 'iso-8859-6');
  assert.equal(sniffHtmlCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')), 'windows-1256');
  assert.equal(sniffHtmlCharset(Buffer.from('<html><head><title>x</title>')), null);
});
