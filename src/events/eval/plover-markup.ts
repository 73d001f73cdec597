/**
 * Reads where a PLOVER gold record puts its event: the `(EVT: ...)` pieces of
 * its `textInfo.markup`, found in its text. The markup is the text with
 * `(TAG: ...)` brackets around sources, targets, locations and event words,
 * which may nest ("(SRC: (EVT: car bomb))") and sit beside the text's own
 * brackets, braces and doubled spaces; so each piece is looked up in the text
 * at its place rather than the markup's offsets being trusted.
 */
import type { Span } from '../../types.js';

const TAG = /^\(([A-Z]+(?:\/[A-Z]+)*): ?/;

interface Piece { text: string; at: number }

/** The EVT pieces in order, nested tags stripped, each with its offset in the markup's plain text. */
function eventPieces(markup: string): Piece[] {
  const pieces: Piece[] = [];
  // One entry per open bracket: its tag (null for a bracket of the text itself) and, for EVT, where its words begin.
  const open: { tag: string | null; from: number }[] = [];
  let plain = '';
  let braces = 0;
  for (let i = 0; i < markup.length; i++) {
    const tag = TAG.exec(markup.slice(i, i + 12));
    if (tag) {
      open.push({ tag: tag[1]!, from: plain.length });
      i += tag[0].length - 1;
      continue;
    }
    const c = markup[i]!;
    braces += c === '{' ? 1 : c === '}' ? -1 : 0;
    // A tag closed by a brace ("(EVT: has sent}") when no brace of the markup's own is open.
    if ((c === ')' || (c === '}' && braces < 0 && open.at(-1)?.tag)) && open.length) {
      braces = Math.max(braces, 0);
      const closed = open.pop()!;
      if (closed.tag === 'EVT') pieces.push({ text: plain.slice(closed.from).trim(), at: closed.from });
      if (closed.tag !== null) continue;
    }
    if (c === '(') open.push({ tag: null, from: plain.length });
    plain += c;
  }
  return pieces.filter((p) => p.text);
}

/** Where `piece` stands in `text`, the occurrence nearest its place in the markup; null when the text lacks it. */
function locate(text: string, piece: Piece): Span | null {
  const words = piece.text.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(words.join('\\s+'), 'g');
  let best: Span | null = null;
  for (const m of text.matchAll(pattern)) {
    if (!best || Math.abs(m.index - piece.at) < Math.abs(best.start - piece.at)) best = { start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/**
 * The spans of `text` the markup marks as the event's words.
 *
 * @example
 * eventTriggers('(SRC: Rebels) (EVT: shelled) the town.', 'Rebels shelled the town.'); // [{ start: 7, end: 14 }]
 */
export function eventTriggers(markup: string, text: string): Span[] {
  return eventPieces(markup).flatMap((p) => locate(text, p) ?? []);
}
