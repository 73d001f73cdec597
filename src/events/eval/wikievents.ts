/**
 * Reads WikiEvents (Li, Ji & Han 2021) in its released JSON Lines form: one
 * article a line, KAIROS event mentions whose trigger and arguments are
 * token indices into the article.
 */
import type { Span } from '../../types.js';

/** A gold event mention: its KAIROS type, its sentence, its trigger and the spans of its Place arguments. */
export interface KairosMention {
  id: string;
  /** Full KAIROS type, `Conflict.Attack.DetonateExplode`. */
  type: string;
  sentence: number;
  trigger: Span & { text: string };
  places: Span[];
}

export interface WikiEventsDocument {
  id: string;
  /** The article with each sentence at its released offset, the gaps between them as line breaks. */
  text: string;
  /** Only the Voice of America ids carry a date (`..._2017.06.05.3887168`). */
  publishedAt: string | null;
  sentences: Span[];
  mentions: KairosMention[];
}

type Token = [text: string, start: number, end: number];
interface Record {
  doc_id: string;
  sentences: [Token[], string][];
  entity_mentions: { id: string; start: number; end: number }[];
  event_mentions: {
    id: string;
    event_type: string;
    trigger: { start: number; end: number; sent_idx: number };
    arguments: { entity_id: string; role: string }[];
  }[];
}

const ID_DATE = /_(\d{4})\.(\d{2})\.(\d{2})\.\d+$/;

/**
 * The released `text` runs the sentences together ("in SyriaThe desert"),
 * while the token offsets count one or more characters between them; the
 * text is rebuilt from the sentences at those offsets, so that headlines stay
 * lines of their own and every token offset indexes it.
 */
function rebuild(sentences: Record['sentences']): { text: string; sentences: Span[]; tokens: Span[] } {
  let text = '';
  const spans: Span[] = [];
  const tokens: Span[] = [];
  for (const [words, sentence] of sentences) {
    const released = words[0]?.[1] ?? text.length;
    const start = Math.max(released, text.length + (text ? 1 : 0));
    text += '\n'.repeat(start - text.length) + sentence;
    spans.push({ start, end: text.length });
    for (const [, from, to] of words) tokens.push({ start: start + from - released, end: start + to - released });
  }
  return { text, sentences: spans, tokens };
}

export function readWikiEventsLine(line: string): WikiEventsDocument {
  const record = JSON.parse(line) as Record;
  const { text, sentences, tokens } = rebuild(record.sentences);
  const tokenSpan = (start: number, end: number): Span => ({ start: tokens[start]!.start, end: tokens[end - 1]!.end });
  const entities = new Map(record.entity_mentions.map((e) => [e.id, tokenSpan(e.start, e.end)]));
  const date = ID_DATE.exec(record.doc_id);
  return {
    id: record.doc_id,
    text,
    publishedAt: date ? `${date[1]}-${date[2]}-${date[3]}` : null,
    sentences,
    mentions: record.event_mentions.map((m) => {
      const trigger = tokenSpan(m.trigger.start, m.trigger.end);
      return {
        id: m.id,
        type: m.event_type,
        sentence: m.trigger.sent_idx,
        trigger: { ...trigger, text: text.slice(trigger.start, trigger.end) },
        places: m.arguments.filter((a) => a.role === 'Place').map((a) => entities.get(a.entity_id)).filter((s): s is Span => s !== undefined),
      };
    }),
  };
}
