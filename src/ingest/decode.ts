import { IngestError } from './errors.js';

/** Signatures of common non-text files that end up with a text name. */
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; kind: string; compressed: boolean }> = [
  { bytes: [0x1f, 0x8b], kind: 'gzip', compressed: true },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'zip', compressed: true },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'zip', compressed: true },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'xz', compressed: true },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], kind: 'zstd', compressed: true },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: '7-zip', compressed: true },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'a PDF document', compressed: false },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image', compressed: false },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image', compressed: false },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image', compressed: false },
];

// "BZh" alone starts ordinary words, so bzip2 also needs its block-size digit.
function isBzip2(bytes: Uint8Array): boolean {
  return bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68 && bytes[3] !== undefined && bytes[3] >= 0x31 && bytes[3] <= 0x39;
}

/** Above this share of control characters a file is taken for binary. */
const CONTROL_RATIO = 0.02;
const SAMPLE = 64 * 1024;

export interface DecodeOptions {
  /** A charset declared by the source (HTTP Content-Type, HTML `<meta charset>`); UTF-8 when absent. */
  charset?: string | null;
}

/**
 * Bytes to text, refusing what is not text: archives and images by their
 * magic bytes, binary by NUL bytes or many control characters, and invalid
 * UTF-8 with the offset of the first bad byte. A byte-order mark selects
 * UTF-8 or UTF-16 and stays in the text as U+FEFF at index 0, as
 * `readFileSync(file, 'utf8')` keeps it: offsets into a plain-text file count
 * it. The readers of structured formats drop it (`readContent`).
 *
 * @example
 * decodeText(readFileSync('a.txt'), 'a.txt') // 'Fighters left the city...'
 */
export function decodeText(bytes: Uint8Array, input: string, options: DecodeOptions = {}): string {
  if (bytes.length === 0) throw new IngestError('CORRIDOR_ERR_INGEST_EMPTY', input, { what: 'empty file' });
  if (isBzip2(bytes)) throw new IngestError('CORRIDOR_ERR_INGEST_COMPRESSED', input, { kind: 'bzip2' });
  const signature = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (signature) {
    throw signature.compressed
      ? new IngestError('CORRIDOR_ERR_INGEST_COMPRESSED', input, { kind: signature.kind })
      : new IngestError('CORRIDOR_ERR_INGEST_BINARY', input, { evidence: signature.kind });
  }

  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeWith('utf-16le', bytes, input);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeWith('utf-16be', bytes, input);
  else {
    rejectBinaryBytes(bytes, input);
    const charset = options.charset?.trim().toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') text = decodeWith(charset, bytes, input);
    else {
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        throw new IngestError('CORRIDOR_ERR_INGEST_INVALID_UTF8', input, { offset: firstInvalidUtf8(bytes) });
      }
    }
  }
  rejectBinaryText(text, input);
  if (!text.trim()) throw new IngestError('CORRIDOR_ERR_INGEST_EMPTY', input, { what: 'only whitespace' });
  return text;
}

function decodeWith(encoding: string, bytes: Uint8Array, input: string): string {
  let decoder: TextDecoder;
  try {
    // ignoreBOM keeps a byte-order mark in the text rather than dropping it.
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    throw new IngestError('CORRIDOR_ERR_INGEST_ENCODING', input, { encoding: `${encoding} (unknown charset)` });
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new IngestError('CORRIDOR_ERR_INGEST_ENCODING', input, { encoding });
  }
  // Node 20 decodes windows-1252 (and its aliases latin1, iso-8859-1, ascii) as
  // ISO-8859-1, leaving 0x80-0x9F as C1 controls instead of dashes and quotes.
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c) : text;
}

/** What windows-1252 puts at 0x80-0x9F (the five unassigned bytes stay as they are). */
const WINDOWS_1252_C1 = [
  '\u20ac', undefined, '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', undefined, '\u017d', undefined,
  undefined, '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', undefined, '\u017e', '\u0178',
];

function isControl(code: number): boolean {
  // Tab, line feed, vertical tab, form feed, carriage return and escape appear in real text files.
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1b;
}

function rejectBinaryBytes(bytes: Uint8Array, input: string): void {
  const sample = bytes.subarray(0, SAMPLE);
  const nul = sample.indexOf(0);
  if (nul !== -1) throw new IngestError('CORRIDOR_ERR_INGEST_BINARY', input, { evidence: `NUL byte at offset ${nul}` });
  let controls = 0;
  for (const b of sample) if (isControl(b)) controls++;
  if (controls / sample.length > CONTROL_RATIO) {
    throw new IngestError('CORRIDOR_ERR_INGEST_BINARY', input, { evidence: `${controls} control characters in the first ${sample.length} bytes` });
  }
}

function rejectBinaryText(text: string, input: string): void {
  const sample = text.slice(0, SAMPLE);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) throw new IngestError('CORRIDOR_ERR_INGEST_BINARY', input, { evidence: `NUL character at index ${i}` });
    if (isControl(code)) controls++;
  }
  if (controls / sample.length > CONTROL_RATIO) {
    throw new IngestError('CORRIDOR_ERR_INGEST_BINARY', input, { evidence: `${controls} control characters in the first ${sample.length} characters` });
  }
}

/**
 * Offset of the first byte that starts an ill-formed UTF-8 sequence, by the
 * same rules as the WHATWG decoder (no overlongs, no surrogates, nothing past
 * U+10FFFF); -1 when the bytes are valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let trailing: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= trailing; k++) {
      const byte = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += trailing + 1;
  }
  return -1;
}

/** The charset an HTML page declares in its first bytes (`<meta charset>` or http-equiv), if any. */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}
