import { normaliseDate, unreadableDate } from '../dates.js';
import type { RawDocument } from '../document.js';
import { IngestError } from '../errors.js';
import type { FileOrigin } from './text.js';

/**
 * JSON Lines: one `{text, title, url, publishedAt, outlet, author}` object per
 * line. A line that is not JSON or has no text is reported with its line
 * number; the other lines go on. Blank lines are skipped.
 */
export function readJsonLines(content: string, origin: FileOrigin): { documents: RawDocument[]; errors: IngestError[] } {
  const documents: RawDocument[] = [];
  const errors: IngestError[] = [];
  content.split('\n').forEach((line, index) => {
    const lineNumber = index + 1;
    if (!line.trim()) return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      errors.push(new IngestError('CORRIDOR_ERR_INGEST_JSONL_INVALID', origin.input, { reason: error instanceof Error ? error.message : String(error) }, lineNumber));
      return;
    }
    const fields = record && typeof record === 'object' && !Array.isArray(record) ? record as Record<string, unknown> : null;
    const text = fields?.['text'];
    if (typeof text !== 'string' || !text.trim()) {
      errors.push(new IngestError('CORRIDOR_ERR_INGEST_JSONL_NO_TEXT', origin.input, {}, lineNumber));
      return;
    }
    const rawDate = fields!['publishedAt'] ?? fields!['date'];
    const publishedAt = normaliseDate(rawDate);
    const url = stringOrNull(fields!['url']);
    documents.push({
      text,
      title: stringOrNull(fields!['title']),
      url,
      outlet: stringOrNull(fields!['outlet']),
      author: stringOrNull(fields!['author']),
      publishedAt,
      unreadableDate: publishedAt === null ? unreadableDate(rawDate) : null,
      // Records are told apart by URL, else line: `radio.jsonl#https://...`, `notes.jsonl#L3`.
      source: `${origin.source}#${url ?? `L${lineNumber}`}`,
      input: origin.input,
      line: lineNumber,
    });
  });
  return { documents, errors };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
