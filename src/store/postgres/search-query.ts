/**
 * Search queries in the syntax the SQLite store takes (FTS5's): words,
 * `"quoted phrases"`, `prefix*`, `AND`, `OR`, `NOT` and parentheses, with
 * juxtaposed terms ANDed. It is translated to a tsquery expression built from
 * PostgreSQL's own functions, so query words are normalised exactly like the
 * indexed text. A query this grammar cannot parse (`Tal-Afar`, `ISIS's`, an
 * unbalanced quote) is searched as its words, all required, as SQLite does.
 */

type Node =
  | { kind: 'phrase'; text: string; prefix: boolean }
  | { kind: 'and' | 'or' | 'not'; left: Node; right: Node };

type Token =
  | { kind: 'phrase'; text: string; prefix: boolean }
  | { kind: 'AND' | 'OR' | 'NOT' | '(' | ')' };

class QuerySyntaxError extends Error {}

/** FTS5 barewords: ASCII letters, digits and `_`, and any non-ASCII character. */
const BAREWORD = /^[A-Za-z0-9_\u0080-\u{10FFFF}]+/u;
const KEYWORDS = new Set(['AND', 'OR', 'NOT']);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let rest = query;
  for (;;) {
    rest = rest.replace(/^\s+/u, '');
    if (rest === '') return tokens;
    const first = rest[0]!;
    if (first === '(' || first === ')') {
      tokens.push({ kind: first });
      rest = rest.slice(1);
      continue;
    }
    let text: string;
    if (first === '"') {
      // A phrase ends at the next lone quote; "" inside is a literal quote.
      const match = /^"((?:[^"]|"")*)"/u.exec(rest);
      if (!match) throw new QuerySyntaxError('unbalanced quote');
      text = match[1]!.replace(/""/g, '"');
      rest = rest.slice(match[0].length);
    } else {
      const match = BAREWORD.exec(rest);
      if (!match) throw new QuerySyntaxError(`unexpected ${first}`);
      text = match[0];
      rest = rest.slice(text.length);
      if (KEYWORDS.has(text)) {
        tokens.push({ kind: text as 'AND' | 'OR' | 'NOT' });
        continue;
      }
    }
    const prefix = rest.startsWith('*');
    if (prefix) rest = rest.slice(1);
    tokens.push({ kind: 'phrase', text, prefix });
  }
}

/** OR binds loosest, then AND (written or implied), then NOT. */
function parse(tokens: Token[]): Node {
  let at = 0;
  const peek = () => tokens[at];
  const orExpression = (): Node => {
    let node = andExpression();
    while (peek()?.kind === 'OR') {
      at++;
      node = { kind: 'or', left: node, right: andExpression() };
    }
    return node;
  };
  const andExpression = (): Node => {
    let node = notExpression();
    for (;;) {
      const next = peek();
      if (next?.kind === 'AND') at++;
      else if (next?.kind !== 'phrase' && next?.kind !== '(') return node;
      node = { kind: 'and', left: node, right: notExpression() };
    }
  };
  const notExpression = (): Node => {
    let node = primary();
    while (peek()?.kind === 'NOT') {
      at++;
      node = { kind: 'not', left: node, right: primary() };
    }
    return node;
  };
  const primary = (): Node => {
    const token = tokens[at++];
    if (token?.kind === 'phrase') return token;
    if (token?.kind === '(') {
      const node = orExpression();
      if (tokens[at++]?.kind !== ')') throw new QuerySyntaxError('unbalanced parenthesis');
      return node;
    }
    throw new QuerySyntaxError('expected a word or phrase');
  };
  const node = orExpression();
  if (at !== tokens.length) throw new QuerySyntaxError('unexpected token');
  return node;
}

export interface TsqueryExpression {
  /** SQL for a tsquery value, with placeholders from `$<firstParameter>` on. */
  sql: string;
  params: string[];
}

/**
 * The query as SQL for a tsquery under the given text search configuration,
 * or null when it has no words at all (it matches nothing).
 *
 * @example
 * toTsquery('"Tal Afar" OR Raqqa', 'corridor_search', 1)
 * // {sql: "(phraseto_tsquery('corridor_search', $1) || phraseto_tsquery('corridor_search', $2))", params: ['Tal Afar', 'Raqqa']}
 */
export function toTsquery(query: string, config: string, firstParameter: number): TsqueryExpression | null {
  const params: string[] = [];
  const parameter = (value: string) => `$${firstParameter + params.push(value) - 1}`;
  const leaf = (text: string, prefix: boolean) => prefix
    // Every word of the phrase as a prefix: to_tsquery's own syntax, each word quoted.
    ? `to_tsquery('${config}', ${parameter(words(text).map((word) => `'${word.replace(/'/g, "''")}':*`).join(' <-> '))})`
    : `phraseto_tsquery('${config}', ${parameter(text)})`;
  const render = (node: Node): string => {
    switch (node.kind) {
      case 'phrase': return leaf(node.text, node.prefix);
      case 'and': return `(${render(node.left)} && ${render(node.right)})`;
      case 'or': return `(${render(node.left)} || ${render(node.right)})`;
      case 'not': return `(${render(node.left)} && !!${render(node.right)})`;
    }
  };
  try {
    const tokens = tokenize(query);
    if (tokens.length > 0) return { sql: render(parse(tokens)), params };
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
  }
  params.length = 0;
  const all = words(query);
  if (all.length === 0) return null;
  return { sql: all.map((word) => leaf(word, false)).join(' && '), params };
}

function words(text: string): string[] {
  return text.match(/[\p{L}\p{M}\p{N}_]+/gu) ?? [];
}
