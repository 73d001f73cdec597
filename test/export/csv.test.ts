import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CsvSyntaxError, readCsv, writeCsv } from '../../src/export/index.js';

describe('CSV (RFC 4180)', () => {
  it('quotes exactly the fields that need it and ends every record with CRLF', () => {
    const csv = writeCsv(['a', 'b'], [['plain', 'with, comma'], ['say "hi"', 'two\nlines'], ['', ' spaced ']]);
    assert.equal(csv, 'a,b\r\nplain,"with, comma"\r\n"say ""hi""","two\nlines"\r\n, spaced \r\n');
  });

  it('reads back what it writes, whatever the text', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r', ' ', 'é', '🚨', ';') });
    fc.assert(fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
      const records = readCsv(writeCsv(['h1', 'h2'], rows));
      assert.deepEqual(records.map((r) => r.fields), [['h1', 'h2'], ...rows]);
    }));
  });

  it('accepts a byte order mark, LF or CR line ends and blank lines, and gives each record its first line', () => {
    const records = readCsv('\ufeffid,notes\n1,"first\r\nsecond"\n\n2,""\r3,x');
    assert.deepEqual(records, [
      { fields: ['id', 'notes'], line: 1 },
      { fields: ['1', 'first\r\nsecond'], line: 2 },
      { fields: ['2', ''], line: 5 },
      { fields: ['3', 'x'], line: 6 },
    ]);
  });

  it('reports a quote left open at the line where it opened', () => {
    assert.throws(() => readCsv('a,b\n1,"never closed\n2,3\n'), (error: unknown) => error instanceof CsvSyntaxError && error.line === 2 && /never closed/.test(error.message));
  });

  it('reports text after a closing quote', () => {
    assert.throws(() => readCsv('a\n"x"y\n'), /line 2: unexpected "y" after a closing quote/);
  });
});
