/**
 * The text the pipeline stages read, kept beside the text as given (Pelias
 * keeps `body` and `norm` side by side). Offsets found in it are mapped back
 * with `givenOffsets`, so every offset a user sees indexes the text as given.
 *
 * The steps, in order:
 * 1. Same length, so offsets need no mapping: a byte-order mark at index 0
 *    becomes a space, the CR of a CRLF a space and a lone CR a line feed, so
 *    line-based rules (paragraphs, datelines, headlines) see one kind of
 *    line break.
 * 2. NFC, cluster by cluster: every rule written with `\p{L}` then sees a
 *    letter and its accents as one character (a decomposed "Mayādīn." ends in
 *    a lone "n." that the sentence splitter takes for an initial). NFC can
 *    shorten a cluster; `givenOffsets` maps offsets across it. Most texts are
 *    already NFC and keep their offsets.
 */
export interface WorkingText {
  text: string;
  /**
   * For each offset into `text` (0 to `text.length`), the offset in the text
   * as given; null when the two are the same (NFC changed nothing).
   */
  givenOffsets: Int32Array | null;
}

/**
 * @example
 * const working = workingText('Mosul\r\nTal Afar');
 * working.text // 'Mosul \nTal Afar'
 * workingText('Maya\u0304di\u0304n').givenOffsets // [0, 1, 2, 3, 5, 6, 8, 9] for 'Mayādīn'
 */
export function workingText(given: string): WorkingText {
  const uniform = given.replace(/^\uFEFF/, ' ').replace(/\r\n?/g, (cr) => (cr.length === 2 ? ' \n' : '\n'));
  if (uniform.normalize('NFC') === uniform) return { text: uniform, givenOffsets: null };
  return composeClusters(uniform);
}

/** The offset in the text as given of an offset into the working text. */
export function givenOffset(working: WorkingText, offset: number): number {
  return working.givenOffsets ? working.givenOffsets[offset]! : offset;
}

const MARK = /^\p{M}/u;

/**
 * NFC one cluster at a time, recording where each character of the result
 * starts in the input. A cluster ends before a character that is not a mark
 * and does not compose with what precedes it: such a character starts afresh
 * (nothing before it reorders past it or composes across it), so the clusters'
 * NFC joined is the text's NFC.
 */
function composeClusters(input: string): WorkingText {
  const pieces: string[] = [];
  const starts: number[] = [];
  let start = 0;
  const close = (end: number) => {
    const piece = input.slice(start, end).normalize('NFC');
    // A character past the first of a shortened cluster has no place of its own in the input; it keeps the nearest one inside.
    for (let k = 0; k < piece.length; k++) starts.push(Math.min(start + k, end - 1));
    pieces.push(piece);
    start = end;
  };
  for (let i = 1; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a surrogate pair
    // ASCII never composes with what precedes it nor reorders.
    if (code >= 0x80) {
      const char = String.fromCodePoint(input.codePointAt(i)!);
      if (MARK.test(char)) continue;
      const cluster = input.slice(start, i);
      if ((cluster + char).normalize('NFC') !== cluster.normalize('NFC') + char.normalize('NFC')) continue;
    }
    close(i);
  }
  if (start < input.length) close(input.length);
  starts.push(input.length);
  return { text: pieces.join(''), givenOffsets: Int32Array.from(starts) };
}
