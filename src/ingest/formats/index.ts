import { extname } from 'node:path';
import type { RawDocument } from '../document.js';
import type { IngestError } from '../errors.js';
import { looksLikeFeed, readFeed } from './feed.js';
import { readHtml } from './html.js';
import { readJsonLines } from './jsonl.js';
import { readMarkdown, readText } from './text.js';

export type Format = 'text' | 'markdown' | 'html' | 'feed' | 'jsonl';

/** File extensions read when walking a directory, and the format each implies. */
export const EXTENSION_FORMATS: Readonly<Record<string, Format>> = {
  '.txt': 'text', '.text': 'text',
  '.md': 'markdown', '.markdown': 'markdown',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.xml': 'feed', '.rss': 'feed', '.atom': 'feed',
  '.jsonl': 'jsonl', '.ndjson': 'jsonl',
};

export function formatOfPath(path: string): Format | null {
  return EXTENSION_FORMATS[extname(path).toLowerCase()] ?? null;
}

/** The format a Content-Type names; `undefined` when it does not say (sniff), `null` when it is not a text Corridor reads. */
export function formatOfContentType(contentType: string | null): Format | null | undefined {
  const type = contentType?.split(';')[0]!.trim().toLowerCase();
  if (!type || type === 'application/octet-stream' || type === 'text/plain') return undefined;
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (/^(?:application|text)\/(?:(?:rss|atom|rdf)\+)?xml$/.test(type)) return 'feed';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  if (/^application\/(?:x-)?(?:ndjson|jsonl|jsonlines|json-seq)$/.test(type)) return 'jsonl';
  return null;
}

/** The format of a text whose name or Content-Type does not tell. */
export function sniffFormat(text: string): Format {
  if (looksLikeFeed(text)) return 'feed';
  if (/^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)) return 'html';
  const lines = text.split('\n').filter((line) => line.trim()).slice(0, 5);
  if (lines.every((line) => /^\s*\{.*\}\s*$/.test(line))) return 'jsonl';
  if (/^---\r?\n/.test(text)) return 'markdown';
  return 'text';
}

export interface ContentOrigin {
  input: string;
  source: string;
  /** The address the content was fetched from (URLs only). */
  url?: string | null;
}

/**
 * Reads one decoded input in the given format (sniffed when null) into raw
 * documents. Whole-input problems throw an IngestError; problems with one
 * record of a feed or JSON Lines file are returned beside the good records.
 * A plain-text document is the decoded text itself, byte-order mark included
 * (its offsets are the file's); the other formats are parsed without it.
 */
export function readContent(format: Format | null, decoded: string, origin: ContentOrigin): { documents: RawDocument[]; errors: IngestError[] } {
  const text = decoded.replace(/^\uFEFF/, '');
  let resolved = format ?? sniffFormat(text);
  // An .xml name or an XML content type may still hold a web page.
  if (resolved === 'feed' && !looksLikeFeed(text) && sniffFormat(text) === 'html') resolved = 'html';
  switch (resolved) {
    case 'feed':
      return readFeed(text, origin);
    case 'jsonl':
      return readJsonLines(text, origin);
    case 'html':
      return { documents: [readHtml(text, origin)], errors: [] };
    case 'markdown':
      return { documents: [withUrl(readMarkdown(text, origin), origin)], errors: [] };
    case 'text':
      return { documents: [withUrl(readText(decoded, origin), origin)], errors: [] };
  }
}

function withUrl(document: RawDocument, origin: ContentOrigin): RawDocument {
  return document.url || !origin.url ? document : { ...document, url: origin.url };
}
