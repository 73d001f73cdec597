import type { DocumentMeta, Message } from '../types.js';
import { IngestError } from './errors.js';
import { readHeader, type TextHeader } from './header.js';
import { detectLanguage } from './language.js';
import { cleanLabel, documentId, normaliseText } from './normalise.js';
import { givenOffset, workingText, type WorkingText } from '../text/working-text.js';

/** A document as a reader found it; its text is the text as given. */
export interface RawDocument {
  text: string;
  title?: string | null;
  url?: string | null;
  outlet?: string | null;
  author?: string | null;
  /** Already normalised by `normaliseDate`; null when the metadata had none. */
  publishedAt?: string | null;
  /** A date the metadata gave but that could not be read (kept for the message). */
  unreadableDate?: string | null;
  /** Where it came from: the input, plus `#item` for one record of a feed or JSON Lines file. */
  source: string;
  /** The input as the user gave it, for error lines. */
  input: string;
  /** 1-based line of the record (JSON Lines). */
  line?: number | null;
}

/**
 * What the user states about a document (`corridor ingest --published/--outlet/--title`,
 * the fields of `POST /api/documents`): it wins over the text and its metadata.
 */
export interface UserMetadata {
  title?: string | null;
  outlet?: string | null;
  /** Already normalised by `normaliseDate`. */
  publishedAt?: string | null;
}

export interface PreparedDocument {
  document: DocumentMeta;
  source: string;
  /** Ingest-time notes, added to the extraction's messages. */
  messages: Message[];
}

/**
 * Turns what a reader found into the stored document: the text as given (every
 * offset indexes it) and the hash of its canonical form as id, so other line
 * endings make no other document; the outlet from metadata, else the URL's
 * host, else the agency of a dateline; the publication date from metadata,
 * else from the header of the text (never "now"); and the language. What the
 * user states (`user`) wins over all of these.
 */
export function prepareDocument(raw: RawDocument, user: UserMetadata = {}): PreparedDocument {
  const canonical = normaliseText(raw.text);
  if (!canonical) throw new IngestError('CORRIDOR_ERR_INGEST_EMPTY', raw.input, { what: 'no text' }, raw.line ?? null);
  const url = cleanLabel(raw.url);
  const messages: Message[] = [];
  if (raw.unreadableDate) {
    messages.push({ ruleId: 'ingest:date-unreadable', reason: `Unreadable publication date "${raw.unreadableDate}" in the metadata`, fatal: false });
  }

  // The header is read in the working text (one kind of line break), its offsets mapped back to the text as given.
  const working = workingText(raw.text);
  const header = readHeader(working.text);
  const given = user.publishedAt ?? raw.publishedAt ?? null;
  const written = given ? null : header.date;
  const publishedAt = given ?? written?.publishedAt ?? null;
  const publishedAtSource = user.publishedAt ? 'user' : raw.publishedAt ? 'metadata' : written?.rule === 'dateline' ? 'dateline' : written ? 'text' : null;
  messages.push(...headerMessages(working, header, written, publishedAt !== null));
  if (!publishedAt) messages.push({ ruleId: 'ingest:no-date', reason: 'No publication date: relative times cannot be placed', fatal: false });

  return {
    document: {
      id: documentId(canonical),
      title: cleanLabel(user.title) ?? cleanLabel(raw.title),
      url,
      outlet: cleanLabel(user.outlet) ?? cleanLabel(raw.outlet) ?? hostOf(url) ?? cleanLabel(header.dateline?.agency),
      author: cleanLabel(raw.author),
      publishedAt,
      publishedAtSource,
      language: detectLanguage(canonical),
      text: raw.text,
    },
    source: raw.source,
    messages,
  };
}

/**
 * What the header told, with its place in the text: the publication date
 * used (and how it was written), the dateline's place, and, when no date
 * was found, numeric dates that could not be read one way.
 */
function headerMessages(working: WorkingText, header: TextHeader, used: TextHeader['date'], dated: boolean): Message[] {
  const { text } = working;
  const given = (span: { start: number; end: number }) => ({ start: givenOffset(working, span.start), end: givenOffset(working, span.end) });
  const messages: Message[] = [];
  if (used) {
    const revision = used.rule === 'updated-cue' ? '; it is the date of an update, as no publication date is written' : '';
    messages.push({ ruleId: `ingest:date:${used.rule}`, reason: `Publication date ${used.publishedAt} read from "${text.slice(used.start, used.end)}"${revision}`, ...given(used), fatal: false });
  }
  if (header.dateline) {
    const { place, start, end } = header.dateline;
    messages.push({ ruleId: 'ingest:dateline-place', reason: `Dateline place "${place}"`, ...given({ start, end }), fatal: false });
  }
  if (!dated) {
    for (const { start, end } of header.ambiguous) {
      messages.push({ ruleId: 'ingest:date-ambiguous', reason: `"${text.slice(start, end)}" reads day-first or month-first, so it is not taken as the publication date`, ...given({ start, end }), fatal: false });
    }
  }
  return messages;
}

/** `https://www.example.org/a` -> `example.org`; null for anything that is not an http(s) URL. */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return null;
    return hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
