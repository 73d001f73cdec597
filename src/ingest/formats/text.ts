import matter from 'gray-matter';
import { normaliseDate } from '../dates.js';
import type { RawDocument } from '../document.js';
import { IngestError } from '../errors.js';

export interface FileOrigin {
  input: string;
  source: string;
}

const refuseCode = (): never => {
  throw new Error('JavaScript front matter would run code');
};
// gray-matter evaluates `---js` front matter; only data formats are read. Passing options also
// keeps gray-matter from caching every file's content.
const FRONT_MATTER = { engines: { js: refuseCode, javascript: refuseCode } };

/** A headline: one short line standing alone above the body, not a sentence. */
const HEADLINE = /^([^\n]{1,150}?)[ \t]*\n[ \t]*\n(?=\S)/;

/**
 * A plain-text file: the text as it is; a first line standing alone and not
 * ending like a sentence is taken for the title (and stays in the text).
 */
export function readText(text: string, origin: FileOrigin): RawDocument {
  return { text, title: headline(text.trimStart()), source: origin.source, input: origin.input };
}

function headline(text: string): string | null {
  const line = HEADLINE.exec(text)?.[1]?.trim();
  return line && !/[.,;:]$/.test(line) ? line : null;
}

/**
 * A Markdown file: YAML front matter for title, date, url, outlet and author
 * (read with gray-matter); the body reduced to its text (markers of headings,
 * emphasis, links, code and quotes removed). Without front matter the first
 * heading is the title.
 */
export function readMarkdown(source: string, origin: FileOrigin): RawDocument {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(source, FRONT_MATTER);
  } catch (error) {
    throw new IngestError('CORRIDOR_ERR_INGEST_FRONT_MATTER', origin.input, { reason: firstLine(error) });
  }
  const data = parsed.data as Record<string, unknown>;
  const text = markdownToText(parsed.content);
  if (!text.trim()) throw new IngestError('CORRIDOR_ERR_INGEST_EMPTY', origin.input, { what: 'only front matter, no text' });
  const rawDate = data['date'] ?? data['publishedAt'] ?? data['published'];
  const publishedAt = normaliseDate(rawDate);
  return {
    text,
    title: stringField(data['title']) ?? firstHeading(parsed.content),
    url: stringField(data['url']) ?? stringField(data['link']),
    outlet: stringField(data['outlet']) ?? stringField(data['source']) ?? stringField(data['site']),
    author: stringField(data['author']) ?? stringField(data['byline']),
    publishedAt,
    unreadableDate: publishedAt === null && rawDate != null ? String(rawDate) : null,
    source: origin.source,
    input: origin.input,
  };
}

function stringField(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ') || null;
  return null;
}

function firstHeading(markdown: string): string | null {
  return /^#[ \t]+(.+?)[ \t#]*$/m.exec(markdown)?.[1]?.trim() ?? null;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** Markdown to the text a reader sees; line structure is kept. */
export function markdownToText(markdown: string): string {
  return markdown
    .split(/\r?\n/)
    .filter((line) => !/^\s*(?:```|~~~)/.test(line)) // code fences (their content stays)
    .filter((line) => !/^\s{0,3}(?:[-=*_][ \t]*){3,}$/.test(line)) // rules and setext underlines
    .filter((line) => !/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) // link reference definitions
    .map((line) => line
      .replace(/^\s{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/, '$1')
      .replace(/^\s{0,3}(?:>[ \t]?)+/, '')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
      .replace(/`([^`]+)`/g, '$1'))
    .join('\n');
}
