/**
 * CSV as RFC 4180 defines it: comma-separated fields, CRLF between records,
 * a field quoted when it holds a comma, a double quote or a line break, and
 * quotes inside a quoted field doubled. The reader is lenient the way
 * spreadsheet exports need: a byte order mark, LF or CR line ends, and blank
 * lines are accepted.
 */

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV text, header first, every record ended by CRLF. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the text where the record starts. */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Splits a CSV text into records, each with the line it starts on (a quoted
 * field may span lines). Throws a CsvSyntaxError for a quote left open or
 * text after a closing quote.
 *
 * @example
 * readCsv('a,b\r\n"x, y",2\r\n') // [{fields: ['a', 'b'], line: 1}, {fields: ['x, y', '2'], line: 2}]
 */
export function readCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let value = '';
  // Whether the current field was quoted: `""` is a value, an empty line is no record.
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(value);
    value = '';
    quoted = false;
  };
  const endRecord = () => {
    const blank = fields.length === 0 && value === '' && !quoted;
    endField();
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
  };
  while (i < input.length) {
    const c = input[i]!;
    if (c === '"' && value === '' && !quoted) {
      const opened = line;
      quoted = true;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError(opened, 'a quoted field is never closed');
        const q = input[i]!;
        if (q === '"') {
          if (input[i + 1] !== '"') break;
          value += '"';
          i += 2;
          continue;
        }
        if (q === '\n' || (q === '\r' && input[i + 1] !== '\n')) line++;
        value += q;
        i++;
      }
      i++;
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(line, `unexpected ${JSON.stringify(next)} after a closing quote (quotes inside a field must be doubled)`);
      }
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    value += c;
    i++;
  }
  if (value !== '' || quoted || fields.length > 0) endRecord();
  return records;
}
