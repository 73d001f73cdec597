import matter from 'gray-matter';
import { normaliseDate, unreadableDate } from '../dates.js';
import type { RawDocument } from '../document.js';
import { readHeader } from '../header.js';
import { IngestError } from '../errors.js';
import { normaliseText } from '../normalise.js';

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

/** Longer first lines are the story's opening, not its headline. */
const MAX_HEADLINE = 150;
/**
 * A text with no line longer than this is hard-wrapped (mail and plain-text
 * wires wrap at 72 to 80 columns) or a list: its first line may run on into
 * the second, so it is a headline only when a blank line follows.
 */
const WRAP_WIDTH = 80;
/** How many lines below the first are looked at to tell a hard-wrapped text. */
const WRAP_SAMPLE = 10;

/**
 * A plain-text file: the text as it is; its first line is taken for the
 * title (and stays in the text) when it looks like a headline.
 */
export function readText(text: string, origin: FileOrigin): RawDocument {
  // The title is read from the canonical text, so CRLF files, a byte-order mark or leading blank lines do not hide it.
  return { text, title: headline(normaliseText(text)), source: origin.source, input: origin.input };
}

/**
 * The first line when it is a headline: short, not ending like a sentence
 * ("... the army said." or "... on Tuesday,"), not a date or byline line,
 * and followed by more text: by a blank line, or, in a text that is not
 * hard-wrapped, by a line that starts anew ("Syria rebels take the town\n
 * BEIRUT (Reuters) - ..."). A file of one paragraph has no title.
 */
function headline(text: string): string | null {
  const [first = '', ...rest] = text.split('\n');
  const line = first.trim();
  if (!line || line.length > MAX_HEADLINE || /[.,;:]["”’']?$/.test(line) || /^by\s/i.test(line)) return null;
  if (!rest.join('\n').trim() || readHeader(line).date) return null;
  if (!rest[0]!.trim()) return line;
  const wrapped = rest.slice(0, WRAP_SAMPLE).every((next) => next.length <= WRAP_WIDTH);
  return !wrapped && /^\s*[\p{Lu}\d"“‘'(]/u.test(rest[0]!) ? line : null;
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
  // The text a reader sees is made here, so it is stored tidy (as HTML's is): removed lines leave no gaps.
  const text = normaliseText(markdownToText(parsed.content));
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
    unreadableDate: publishedAt === null ? unreadableDate(rawDate) : null,
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
  const line = /^#[ \t]+\S.*$/m.exec(markdown)?.[0];
  return line ? headingText(line.slice(1)).trim() || null : null;
}

const HEADING_MARK = /^\s{0,3}#{1,6}[ \t]+/;

/** A heading line's text without its closing `#`s; trimmed by a loop, as `(.*?)[ \t#]*$` is quadratic on a long run of blanks. */
function headingText(afterMark: string): string {
  let end = afterMark.length;
  while (end > 0 && ' \t#'.includes(afterMark[end - 1]!)) end--;
  return afterMark.slice(0, end);
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
    .map((line) => {
      const mark = HEADING_MARK.exec(line);
      return mark ? headingText(line.slice(mark[0].length)) : line;
    })
    // Inline spans have a length bound: otherwise every unclosed "**" or "](" of a
    // long line makes the regex scan the rest of the line, in quadratic time.
    .map((line) => line
      .replace(/^\s{0,3}(?:>[ \t]?)+/, '')
      .replace(/!\[[^\]]{0,500}\]\([^)]{0,2000}\)/g, '')
      .replace(/\[([^\]]{1,500})\]\([^)]{0,2000}\)/g, '$1')
      .replace(/\[([^\]]{1,500})\]\[[^\]]{0,500}\]/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)(.{1,500}?)(?<=\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)(.{1,500}?)(?<=\S)_(?!\w)/g, '$1$2')
      .replace(/`([^`]+)`/g, '$1'))
    .join('\n');
}
