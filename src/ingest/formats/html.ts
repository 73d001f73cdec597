import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normaliseDate, unreadableDate } from '../dates.js';
import type { RawDocument } from '../document.js';
import { IngestError } from '../errors.js';
import { elementText, inlineText } from '../html-text.js';

export interface HtmlOrigin {
  input: string;
  source: string;
  /** The address the page was fetched from, to resolve relative links. */
  url?: string | null;
}

// Meta tags that carry a publication date, most specific first.
const DATE_META = [
  'article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate',
  'dc.date.issued', 'dc.date', 'dcterms.created', 'dcterms.date', 'parsely-pub-date', 'sailthru.date',
];

/**
 * One HTML page to a document: the main content by Readability (navigation,
 * footers and asides dropped), metadata from meta tags, JSON-LD and `<time>`.
 * Malformed markup still yields whatever text it has.
 */
export function readHtml(html: string, origin: HtmlOrigin): RawDocument {
  // Fragments without <html> leave linkedom's body empty; give them a skeleton.
  const page = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  const meta = metaTags(document);
  const article = jsonLdArticle(document);

  // Readability rewrites the DOM, so metadata is read first.
  const readable = readabilityCopes(document.documentElement)
    ? new Readability<Node>(document, { serializer: (node) => node, charThreshold: 200 }).parse()
    : null;
  let text = readable?.content ? elementText(readable.content) : '';
  if (!text) {
    const { document: fresh } = parseHTML(page);
    text = elementText(fresh.body ?? fresh.documentElement);
  }
  if (!text) throw new IngestError('CORRIDOR_ERR_INGEST_HTML_NO_TEXT', origin.input);

  const dateCandidates = [
    ...DATE_META.map((key) => meta.get(key)),
    article?.datePublished,
    timeElementDate(document),
  ].filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  const publishedAt = dateCandidates.map(normaliseDate).find((date) => date !== null) ?? null;

  return {
    text,
    title: firstText(meta.get('og:title'), meta.get('twitter:title'), article?.headline, readable?.title, document.querySelector('title')?.textContent),
    author: firstText(meta.get('author'), notUrl(meta.get('article:author')), article?.author, readable?.byline),
    outlet: firstText(meta.get('og:site_name'), article?.publisher, meta.get('application-name')),
    url: absoluteUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), origin.url)
      ?? absoluteUrl(meta.get('og:url'), origin.url)
      ?? absoluteUrl(article?.url, origin.url)
      ?? origin.url ?? null,
    publishedAt,
    unreadableDate: publishedAt === null ? unreadableDate(dateCandidates[0]) : null,
    source: origin.source,
    input: origin.input,
  };
}

// Readability's time grows much faster than the page beyond these, and deep
// nesting overflows its recursion; such pages are read whole instead.
const READABILITY_MAX_DEPTH = 200;
const READABILITY_MAX_ELEMENTS = 50_000;

function readabilityCopes(root: Element | null): boolean {
  let elements = 0;
  const pending: Array<[Element, number]> = root ? [[root, 0]] : [];
  while (pending.length > 0) {
    const [element, depth] = pending.pop()!;
    if (depth > READABILITY_MAX_DEPTH || ++elements > READABILITY_MAX_ELEMENTS) return false;
    for (const child of Array.from(element.children)) pending.push([child, depth + 1]);
  }
  return true;
}

/** `<meta property|name|itemprop=... content=...>`, keys lower-cased, first occurrence wins. */
function metaTags(document: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const element of Array.from(document.querySelectorAll('meta'))) {
    const key = (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop'))?.trim().toLowerCase();
    const content = element.getAttribute('content');
    if (key && content && !tags.has(key)) tags.set(key, content);
  }
  return tags;
}

interface ArticleMeta {
  headline?: string;
  datePublished?: string;
  author?: string;
  publisher?: string;
  url?: string;
}

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report)$/;

/** The first NewsArticle-like node of the page's JSON-LD (top level, arrays or @graph). */
function jsonLdArticle(document: Document): ArticleMeta | null {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // Broken JSON-LD is common; the meta tags may still have it all.
    }
    const node = flattenJsonLd(data).find((item) => [item['@type']].flat().some((type) => typeof type === 'string' && ARTICLE_TYPE.test(type)));
    if (node) {
      return {
        headline: stringOf(node['headline']) ?? stringOf(node['name']),
        datePublished: stringOf(node['datePublished']) ?? stringOf(node['dateCreated']),
        author: namesOf(node['author']),
        publisher: namesOf(node['publisher']),
        url: stringOf(node['url']) ?? stringOf((node['mainEntityOfPage'] as Record<string, unknown> | undefined)?.['@id']) ?? stringOf(node['mainEntityOfPage']),
      };
    }
  }
  return null;
}

/** Every object in document order, each followed by its @graph. A loop: hostile JSON-LD nests deeper than the call stack. */
function flattenJsonLd(data: unknown): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [];
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const item = pending.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push(item[i]);
    } else if (item && typeof item === 'object') {
      nodes.push(item as Record<string, unknown>);
      pending.push((item as Record<string, unknown>)['@graph']);
    }
  }
  return nodes;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** `"Jane Roe"`, `{name: "Jane Roe"}` or a list of either, joined with commas. */
function namesOf(value: unknown): string | undefined {
  const names = [value].flat().map((item) => (typeof item === 'string' ? item : stringOf((item as Record<string, unknown> | null)?.['name']))).filter(Boolean);
  return names.length ? names.join(', ') : undefined;
}

function timeElementDate(document: Document): string | undefined {
  const time = document.querySelector('time[pubdate][datetime], time[itemprop="datePublished"][datetime]')
    ?? document.querySelector('article time[datetime], header time[datetime]')
    ?? document.querySelector('time[datetime]');
  return time?.getAttribute('datetime') ?? undefined;
}

function firstText(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const text = value ? inlineText(value) : '';
    if (text) return text;
  }
  return null;
}

// article:author is often a profile URL rather than a name.
function notUrl(value: string | undefined): string | undefined {
  return value && !/^https?:\/\//i.test(value.trim()) ? value : undefined;
}

function absoluteUrl(value: string | null | undefined, base: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim(), base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
