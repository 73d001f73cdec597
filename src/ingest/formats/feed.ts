import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { normaliseDate, unreadableDate } from '../dates.js';
import { hostOf, type RawDocument } from '../document.js';
import { IngestError } from '../errors.js';
import { htmlToText, inlineText } from '../html-text.js';
import type { FileOrigin } from './text.js';

type XmlNode = Record<string, unknown>;

// DTD entities are refused before parsing (see readFeed); the limits are a
// second line of defence should one get through. They apply to declared
// entities only: a feed's escaped HTML (&lt;p&gt;...) holds thousands of
// built-in ones, and counting those refused ordinary feeds. (fast-xml-parser
// 5.12 reads `appliesTo` but its type definitions do not list it yet.)
const ENTITY_LIMITS = { enabled: true, maxEntityCount: 50, maxEntitySize: 1000, maxExpansionDepth: 3, maxTotalExpansions: 1000, maxExpandedLength: 100_000, appliesTo: 'external' };
const parser = (): XMLParser => new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  htmlEntities: true,
  processEntities: ENTITY_LIMITS,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link' || name === 'author',
});

/** Whether a text looks like an RSS, Atom or RDF feed rather than an HTML page. */
export function looksLikeFeed(text: string): boolean {
  // The DOCTYPE's name part stops at "[" so it cannot also match the internal subset (backtracking between the two is quadratic).
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>[]*(?:\[(?:[^\]]|\](?!\s*>))*\])?\s*>\s*)?<(?:rss|feed|rdf:RDF)[\s>]/i.test(text);
}

/**
 * An RSS 2.0, RSS 1.0 (RDF) or Atom feed: every item becomes a document, its
 * HTML content reduced to text, the outlet named by the channel title. An
 * item without text is reported and the others go on.
 */
export function readFeed(xml: string, origin: FileOrigin): { documents: RawDocument[]; errors: IngestError[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new IngestError('CORRIDOR_ERR_INGEST_FEED_INVALID', origin.input, { reason: `not well-formed XML (${valid.err.msg.replace(/\.$/, '')})` }, valid.err.line);
  }
  // Feeds have no use for DTD entities; refusing them keeps entity expansion
  // attacks (billion laughs, external entities) out of the parser altogether.
  if (/<!ENTITY/.test(/<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/.exec(xml)?.[1] ?? '')) {
    throw new IngestError('CORRIDOR_ERR_INGEST_FEED_INVALID', origin.input, { reason: 'it declares XML entities (<!ENTITY>), which are not read for safety' });
  }
  let tree: XmlNode;
  try {
    tree = parser().parse(xml) as XmlNode;
  } catch (error) {
    throw new IngestError('CORRIDOR_ERR_INGEST_FEED_INVALID', origin.input, { reason: error instanceof Error ? error.message : String(error) });
  }

  const rss = tree['rss'] as XmlNode | undefined;
  const rdf = tree['rdf:RDF'] as XmlNode | undefined;
  const atom = tree['feed'] as XmlNode | undefined;
  const channel = (rss?.['channel'] ?? rdf?.['channel'] ?? atom) as XmlNode | undefined;
  const items = (rss ? (rss['channel'] as XmlNode | undefined)?.['item'] : rdf ? rdf['item'] : atom?.['entry']) as XmlNode[] | undefined;
  if (!channel && !items) {
    const root = Object.keys(tree).find((key) => !key.startsWith('?')) ?? 'nothing';
    throw new IngestError('CORRIDOR_ERR_INGEST_FEED_INVALID', origin.input, { reason: `the root element is <${root}>, not <rss>, <feed> or <rdf:RDF>` });
  }
  if (!items?.length) throw new IngestError('CORRIDOR_ERR_INGEST_FEED_NO_ITEMS', origin.input);

  const outlet = outletOf(textOf(channel?.['title']), channel ? linkOf(channel) : null);
  const documents: RawDocument[] = [];
  const errors: IngestError[] = [];
  items.forEach((item, index) => {
    const position = `item ${index + 1}`;
    const content = item['content:encoded'] ?? item['content'] ?? item['description'] ?? item['summary'];
    const text = bodyOf(content);
    const title = textOf(item['title']);
    if (!text) {
      errors.push(new IngestError('CORRIDOR_ERR_INGEST_EMPTY', origin.input, { what: `${position}${title ? ` ("${title}")` : ''} has no text` }));
      return;
    }
    const rawDate = textOf(item['pubDate'] ?? item['dc:date'] ?? item['published'] ?? item['updated']);
    const publishedAt = normaliseDate(rawDate);
    const url = linkOf(item);
    documents.push({
      text,
      title,
      url,
      outlet,
      author: authorOf(item),
      publishedAt,
      unreadableDate: publishedAt === null ? unreadableDate(rawDate) : null,
      // Items are told apart by link, else id (guid), else position: `feed.rss#https://...`.
      source: `${origin.source}#${url ?? textOf(item['guid'] ?? item['id']) ?? position.replace(' ', '-')}`,
      input: origin.input,
    });
  });
  return { documents, errors };
}

/** The text of an element that may carry attributes (`{'#text': ..., '@_type': 'html'}`) or XHTML children. */
function rawTextOf(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.map(rawTextOf).filter(Boolean).join(' ') || null;
  if (typeof node === 'object') {
    const text = Object.entries(node as XmlNode).filter(([key]) => !key.startsWith('@_')).map(([, value]) => rawTextOf(value)).filter(Boolean);
    return text.join(' ') || null;
  }
  return null;
}

function textOf(node: unknown): string | null {
  const raw = rawTextOf(node);
  return raw ? inlineText(raw) || null : null;
}

/** Item content: HTML reduced to text, plain text kept with its line breaks. */
function bodyOf(node: unknown): string | null {
  const raw = rawTextOf(node)?.trim();
  if (!raw) return null;
  return (/<[a-z!/]/i.test(raw) ? htmlToText(raw) : raw) || null;
}

function linkOf(item: XmlNode): string | null {
  const links = (item['link'] as unknown[] | undefined) ?? [];
  for (const link of links) {
    if (typeof link === 'string' && link.trim()) return link.trim(); // RSS
    const attributes = link as XmlNode;
    const rel = attributes['@_rel'] ?? 'alternate';
    if (rel === 'alternate' && typeof attributes['@_href'] === 'string') return attributes['@_href']; // Atom
  }
  const guid = item['guid'] as XmlNode | string | undefined;
  const permalink = typeof guid === 'object' && guid['@_isPermaLink'] !== 'false' ? guid['#text'] : typeof guid === 'string' ? guid : null;
  return typeof permalink === 'string' && /^https?:\/\//.test(permalink) ? permalink : null;
}

/**
 * The outlet a channel title names. Titles often add a section ("Demo Wire -
 * Middle East", "World | Example Times"); the part that spells a label of the
 * site's host is the outlet. Otherwise the whole title is kept.
 */
function outletOf(title: string | null, link: string | null): string | null {
  const parts = title?.split(/\s+[-–—|:·]\s+/) ?? [];
  const labels = hostOf(link)?.split('.') ?? [];
  const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return (parts.length > 1 && parts.find((part) => labels.includes(squash(part)))) || title;
}

function authorOf(item: XmlNode): string | null {
  const creator = textOf(item['dc:creator']);
  if (creator) return creator;
  const authors = ((item['author'] as unknown[] | undefined) ?? [])
    .map((author) => (typeof author === 'object' && author !== null ? textOf((author as XmlNode)['name']) : textOf(author)))
    // RSS <author> is an e-mail address, often with the name in brackets: "desk@example.org (Jane Roe)".
    .map((author) => author?.replace(/^\S+@\S+\s*\((.+)\)$/, '$1') ?? null)
    .filter((author): author is string => !!author && !/^\S+@\S+$/.test(author));
  return authors.length ? authors.join(', ') : null;
}
