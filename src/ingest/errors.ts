/**
 * Every way an input can fail to become a document, in one catalogue
 * (Fastify-style: a stable code and a message template). Each failure is
 * reported as one line naming the input (and line) and the problem; the rest
 * of the batch goes on.
 */
export const INGEST_ERRORS = {
  CORRIDOR_ERR_INGEST_UNREADABLE: 'cannot read: {reason}',
  CORRIDOR_ERR_INGEST_NO_DOCUMENTS: 'no documents found (looked for {extensions})',
  CORRIDOR_ERR_INGEST_TOO_LARGE: '{size} is over the {limit} size limit (raise it with --max-size)',
  CORRIDOR_ERR_INGEST_EMPTY: '{what}',
  CORRIDOR_ERR_INGEST_COMPRESSED: '{kind} data, not text (decompress it first)',
  CORRIDOR_ERR_INGEST_BINARY: 'binary content ({evidence}), not text',
  CORRIDOR_ERR_INGEST_INVALID_UTF8: 'invalid UTF-8 at byte {offset}',
  CORRIDOR_ERR_INGEST_ENCODING: 'cannot decode as {encoding}',
  CORRIDOR_ERR_INGEST_FRONT_MATTER: 'front matter not read: {reason}',
  CORRIDOR_ERR_INGEST_HTML_NO_TEXT: 'no readable text in the HTML',
  CORRIDOR_ERR_INGEST_FEED_INVALID: 'not a valid RSS or Atom feed: {reason}',
  CORRIDOR_ERR_INGEST_FEED_NO_ITEMS: 'the feed has no items',
  CORRIDOR_ERR_INGEST_JSONL_INVALID: 'not valid JSON ({reason})',
  CORRIDOR_ERR_INGEST_JSONL_NO_TEXT: 'no "text" string in this record',
  CORRIDOR_ERR_INGEST_FETCH: 'cannot fetch ({reason}); is the network reachable?',
  CORRIDOR_ERR_INGEST_HTTP_STATUS: 'HTTP {status}',
  CORRIDOR_ERR_INGEST_CONTENT_TYPE: 'unsupported content type {contentType}',
  CORRIDOR_ERR_INGEST_EXTRACT: 'extraction failed: {reason}',
  CORRIDOR_ERR_INGEST_STORE: 'not stored: {reason}',
  CORRIDOR_ERR_INGEST_ONE_DOCUMENT: 'holds {count} documents, and --title and --published describe one',
} as const;

export type IngestErrorCode = keyof typeof INGEST_ERRORS;

/** A failed input or record: which input, where in it, and what went wrong. */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  /** The file path or URL as the user gave it (or as found in a directory). */
  readonly input: string;
  /** 1-based line for line-oriented inputs (JSON Lines, XML). */
  readonly line: number | null;

  constructor(code: IngestErrorCode, input: string, params: Record<string, string | number> = {}, line: number | null = null) {
    super(formatMessage(code, params));
    this.name = 'IngestError';
    this.code = code;
    this.input = input;
    this.line = line;
  }

  /** `examples/x.jsonl:3: not valid JSON (...)` — the line printed after `corridor: `. */
  toLine(): string {
    return `${this.input}${this.line === null ? '' : `:${this.line}`}: ${this.message}`;
  }

  toJSON(): { code: IngestErrorCode; input: string; line: number | null; message: string } {
    return { code: this.code, input: this.input, line: this.line, message: this.message };
  }
}

function formatMessage(code: IngestErrorCode, params: Record<string, string | number>): string {
  return INGEST_ERRORS[code].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

/** `20 MB`, `1.5 kB`: sizes in messages, decimal units like `ls -h --si`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}

/** The message of whatever was thrown, for an error's `{reason}`. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
