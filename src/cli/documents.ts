// The documents a CLI command reads, prepared as ingest prepares them. A module of its own so that the
// commands import it (and the ingest readers and date parser behind it) only when they run.
import { IngestError, loadInput, normaliseDate, prepareDocument, type PreparedDocument, type RawDocument, type UserMetadata } from '../ingest/index.js';
import { CliError } from './context.js';

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The documents of one input: a file in any format `ingest` reads, or `-` for plain text on `stdin`. */
export async function readDocuments(file: string, stdin: NodeJS.ReadableStream): Promise<RawDocument[]> {
  if (file === '-') return [{ text: await readAll(stdin), source: 'stdin', input: 'stdin' }];
  try {
    const { documents, errors } = await loadInput({ kind: 'file', path: file });
    if (errors.length && !documents.length) throw errors[0]!;
    return documents;
  } catch (error) {
    throw new CliError(error instanceof IngestError ? error.toLine() : (error as Error).message);
  }
}

/**
 * The document one `--jsonl` line describes (`{id, text, publishedAt?, url?}`).
 * Its text is taken as given, as a file's is, so offsets index `record.text`.
 */
export function recordDocument(record: Record<string, unknown>, line: number): RawDocument {
  if (typeof record.text !== 'string' || !record.text.trim()) throw new CliError(`stdin:${line}: missing "text"`);
  return {
    text: record.text, source: `stdin#${line}`, input: 'stdin', line,
    publishedAt: typeof record.publishedAt === 'string' ? normaliseDate(record.publishedAt) : null,
    url: typeof record.url === 'string' ? record.url : null,
  };
}

/** prepareDocument with its failures as one CLI error line. */
export function prepareForCli(raw: RawDocument, user: UserMetadata = {}): PreparedDocument {
  try {
    return prepareDocument(raw, user);
  } catch (error) {
    throw new CliError(error instanceof IngestError ? error.toLine() : (error as Error).message);
  }
}

/**
 * `--published`: a full date (`2017-07-14`, `14 July 2017`) or date-time, as ISO text. Read in the
 * action, not by commander, so that the date parser loads only for the commands that take the option.
 */
export function parsePublished(value: string): string {
  const date = normaliseDate(value);
  if (!date) throw new CliError(`--published: expected a date like 2017-07-14, got "${value}"`, 2);
  return date;
}
