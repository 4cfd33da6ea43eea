// A tsquery as PostgreSQL prints it (`::text`, querytree): what search reads from a query it had PostgreSQL parse.

/** A lexeme of the query, its quotes taken off and what the printing doubled (a quote, a backslash) undoubled. */
export interface QueryWord {
  word: string;
}

/** Lexemes (quoted, a quote or backslash in one doubled) and operators. */
const token = /'((?:[^'\\]|''|\\\\)*)'|<->|<\d+>|[&|!()]/g;

/** The query's lexemes and operators (`&`, `|`, `!`, `(`, `)`, `<->`, `<N>`) in order; anything else is skipped. */
export function queryTokens(query: string): Array<QueryWord | string> {
  return [...query.matchAll(token)].map(([text, lexeme]) => (lexeme === undefined ? text : { word: lexeme.replaceAll("''", "'").replaceAll('\\\\', '\\') }));
}
