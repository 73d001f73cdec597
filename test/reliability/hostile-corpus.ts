// The hostile inputs too large or too binary to commit: written to a temporary
// folder at test time, each with what must come of it. The small readable
// cases live in test/fixtures/hostile/<case>/ with their expected.json.
import assert from 'node:assert/strict';
import { closeSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const PROSE = 'Fighters left the city of Mosul on Monday and moved west towards Tal Afar, officials said.';

/** What must come of one input: a refusal with a catalogue code and message, or stored documents. */
export type Outcome =
  | { error: string; message: RegExp; line?: number }
  | { documents: number; text?: (texts: string[]) => void; errors?: Array<{ error: string; line: number }> };

export interface GeneratedCase {
  /** File name in the corpus folder; its extension chooses the reader. */
  name: string;
  /** Content type a web server would send it with (for the API's url path). */
  contentType: string;
  write(path: string): void;
  outcome: Outcome;
}

const bytes = (...values: Array<number | string>): Buffer =>
  Buffer.concat(values.map((v) => (typeof v === 'number' ? Buffer.from([v]) : Buffer.from(v, 'utf8'))));

function writeUtf16(path: string, text: string, order: 'le' | 'be'): void {
  const le = Buffer.from(text, 'utf16le');
  if (order === 'le') writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
  else writeFileSync(path, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]));
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Every text stored for the input contains `phrase`; none contains `absent`. */
const texts = (phrase: string, ...absent: string[]) => (found: string[]) => {
  for (const text of found) {
    assert.ok(text.includes(phrase), `"${phrase}" in ${JSON.stringify(text.slice(0, 200))}`);
    for (const a of absent) assert.ok(!text.includes(a), `no "${a}" in ${JSON.stringify(text.slice(0, 200))}`);
  }
};

/** As `texts`, for a file that opened with a byte-order mark: the text keeps it at index 0 (offsets count it), and only there. */
const textsAfterMark = (phrase: string, ...absent: string[]) => (found: string[]) => {
  texts(phrase, ...absent)(found);
  for (const text of found) assert.ok(text.startsWith('\ufeff') && !text.includes('\ufeff', 1), `one byte-order mark, at index 0, in ${JSON.stringify(text.slice(0, 50))}`);
};

export const HUNDRED_MB = 100_000_000;

export const GENERATED_CASES: GeneratedCase[] = [
  {
    name: 'random-binary.txt', contentType: 'text/plain',
    // Deterministic bytes with NULs, as a binary file renamed .txt would have.
    write: (path) => writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))),
    outcome: { error: 'CORRIDOR_ERR_INGEST_BINARY', message: /^binary content \(NUL byte at offset \d+\), not text$/ },
  },
  {
    name: 'compressed-gzip.txt', contentType: 'text/plain',
    write: (path) => writeFileSync(path, gzipSync(PROSE.repeat(50))),
    outcome: { error: 'CORRIDOR_ERR_INGEST_COMPRESSED', message: /^gzip data, not text \(decompress it first\)$/ },
  },
  {
    name: 'compressed-zip.txt', contentType: 'text/plain',
    // The smallest valid zip archive: an empty one (end-of-central-directory record only).
    write: (path) => writeFileSync(path, Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)])),
    outcome: { error: 'CORRIDOR_ERR_INGEST_COMPRESSED', message: /^zip data, not text/ },
  },
  {
    name: 'gzip-named-feed.xml', contentType: 'application/rss+xml',
    write: (path) => writeFileSync(path, gzipSync('<rss version="2.0"><channel><item><description>x</description></item></channel></rss>')),
    outcome: { error: 'CORRIDOR_ERR_INGEST_COMPRESSED', message: /^gzip data/ },
  },
  {
    name: 'invalid-utf8.txt', contentType: 'text/plain',
    // "Fighters left " is 14 bytes; 0xC3 0x28 is an invalid two-byte sequence.
    write: (path) => writeFileSync(path, bytes('Fighters left ', 0xc3, 0x28, ' the city, officials said.')),
    outcome: { error: 'CORRIDOR_ERR_INGEST_INVALID_UTF8', message: /^invalid UTF-8 at byte 14$/ },
  },
  {
    name: 'overlong-utf8.txt', contentType: 'text/plain',
    // An overlong encoding of "/" (0xC0 0xAF), the classic path-traversal disguise.
    write: (path) => writeFileSync(path, bytes('..', 0xc0, 0xaf, '..', 0xc0, 0xaf, 'etc', 0xc0, 0xaf, 'passwd and then some prose')),
    outcome: { error: 'CORRIDOR_ERR_INGEST_INVALID_UTF8', message: /^invalid UTF-8 at byte 2$/ },
  },
  {
    name: 'utf16le-bom.txt', contentType: 'text/plain',
    write: (path) => writeUtf16(path, `Report in UTF-16\n\n${PROSE} The convoy reached الرقة at dawn. 🚌`, 'le'),
    outcome: { documents: 1, text: textsAfterMark('The convoy reached الرقة at dawn. 🚌', '\u0000') },
  },
  {
    name: 'utf16be-bom.txt', contentType: 'text/plain',
    write: (path) => writeUtf16(path, `Report in UTF-16 big-endian\n\n${PROSE}`, 'be'),
    outcome: { documents: 1, text: textsAfterMark(PROSE, '\u0000') },
  },
  {
    name: 'utf16le-no-bom.txt', contentType: 'text/plain',
    write: (path) => writeFileSync(path, Buffer.from(PROSE, 'utf16le')),
    outcome: { error: 'CORRIDOR_ERR_INGEST_BINARY', message: /^binary content \(NUL byte at offset 1\), not text$/ },
  },
  {
    name: 'deeply-nested.jsonl', contentType: 'application/x-ndjson',
    write: (path) => writeFileSync(path, [
      JSON.stringify({ text: `First record. ${PROSE}` }),
      nested(100_000),
      `{"text": "Nested field beside the text. ${PROSE}", "extra": ${nested(100_000)}}`,
      `{"text": ${'['.repeat(100_000)}`,
    ].join('\n')),
    outcome: {
      documents: 2,
      text: texts(PROSE),
      errors: [{ error: 'CORRIDOR_ERR_INGEST_JSONL_NO_TEXT', line: 2 }, { error: 'CORRIDOR_ERR_INGEST_JSONL_INVALID', line: 4 }],
    },
  },
  {
    name: 'hundred-megabytes.txt', contentType: 'text/plain',
    // Sparse: 100 MB by its size, next to nothing on disk. The size check comes before any read.
    write: (path) => {
      const fd = openSync(path, 'w');
      ftruncateSync(fd, HUNDRED_MB);
      closeSync(fd);
    },
    outcome: { error: 'CORRIDOR_ERR_INGEST_TOO_LARGE', message: /^100 MB is over the 20 MB size limit \(raise it with --max-size\)$/ },
  },
  {
    name: 'huge-attribute.html', contentType: 'text/html',
    write: (path) => writeFileSync(path, `<!doctype html><html><head><title>Huge attribute</title></head><body><article><p data-x="${'A'.repeat(5_000_000)}">${PROSE}</p><p title="${'<script>'.repeat(100_000)}">The second paragraph is here too, residents said.</p></article></body></html>`),
    outcome: { documents: 1, text: texts(PROSE, 'AAAA', '<script>') },
  },
  {
    name: 'deep-nesting.html', contentType: 'text/html',
    write: (path) => writeFileSync(path, `<!doctype html><html><body>${'<div>'.repeat(3000)}<p>${PROSE}</p>${'</div>'.repeat(3000)}</body></html>`),
    outcome: { documents: 1, text: texts(PROSE) },
  },
  {
    name: 'unclosed-nesting.html', contentType: 'text/html',
    write: (path) => writeFileSync(path, `<!doctype html><html><body><p>${PROSE}</p>${'<b><i><span>'.repeat(2000)}Unclosed tags to the end.</body></html>`),
    outcome: { documents: 1, text: texts(PROSE) },
  },
  {
    name: 'json-ld-deep.html', contentType: 'text/html',
    write: (path) => writeFileSync(path, `<!doctype html><html><head><script type="application/ld+json">${nested(100_000)}</script><script type="application/ld+json">{"@graph": ${'['.repeat(50_000)}{"@type": "NewsArticle", "headline": "Found under fifty thousand brackets"}${']'.repeat(50_000)}}</script></head><body><article><p>${PROSE}</p></article></body></html>`),
    outcome: { documents: 1, text: texts(PROSE) },
  },
  {
    name: 'escaped-html-feed.rss', contentType: 'application/rss+xml',
    // Thousands of &lt; &gt; &amp; — ordinary in feeds, and once refused as an "entity expansion" attack.
    write: (path) => writeFileSync(path, `<?xml version="1.0"?><rss version="2.0"><channel><title>Escapes</title>${Array.from({ length: 30 }, (_, i) => `<item><title>Item ${i}</title><link>https://escapes.example/${i}</link><description>${`&lt;p&gt;${PROSE} Item ${i} &amp;amp; more.&lt;/p&gt;`.repeat(40)}</description></item>`).join('')}</channel></rss>`),
    outcome: { documents: 30, text: texts(PROSE, '&lt;', '<p>') },
  },
  // Inputs that made a backtracking regular expression take quadratic time (minutes to hours at these sizes).
  {
    name: 'blank-run.txt', contentType: 'text/plain',
    write: (path) => writeFileSync(path, `${PROSE}${' '.repeat(300_000)}x. ${PROSE}`),
    outcome: { documents: 1, text: texts(PROSE) },
  },
  {
    name: 'mark-run.txt', contentType: 'text/plain',
    write: (path) => writeFileSync(path, `${PROSE} ${'?!'.repeat(150_000)}x ${PROSE}`),
    outcome: { documents: 1, text: texts(PROSE) },
  },
  {
    name: 'heading-blanks.md', contentType: 'text/markdown',
    write: (path) => writeFileSync(path, `# Title${' #'.repeat(150_000)}x\n\n${PROSE}\n`),
    outcome: { documents: 1, text: texts(PROSE) },
  },
  {
    name: 'unclosed-emphasis.md', contentType: 'text/markdown',
    write: (path) => writeFileSync(path, `${PROSE}\n\n${'**a _b ![c]( '.repeat(30_000)}\n`),
    outcome: { documents: 1, text: texts(PROSE) },
  },
  {
    name: 'preformatted-blanks.html', contentType: 'text/html',
    write: (path) => writeFileSync(path, `<!doctype html><html><body><article><p>${PROSE}</p><pre>a${' \t'.repeat(150_000)}b</pre></article></body></html>`),
    outcome: { documents: 1, text: texts(PROSE) },
  },
  {
    name: 'doctype-brackets.xml', contentType: 'application/xml',
    write: (path) => writeFileSync(path, `<!DOCTYPE ${'['.repeat(300_000)}`),
    outcome: { error: 'CORRIDOR_ERR_INGEST_FEED_INVALID', message: /^not a valid RSS or Atom feed: / },
  },
];

/** Writes every generated case into `dir`; returns their paths by name. */
export function writeGeneratedCorpus(dir: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const c of GENERATED_CASES) {
    const path = join(dir, c.name);
    c.write(path);
    paths.set(c.name, path);
  }
  return paths;
}
