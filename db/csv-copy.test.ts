import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inlineParameters } from './csv-copy.ts';

// The driver's own escaping, as a client has it.
const client = { escapeLiteral: pg.escapeLiteral };

describe('inlineParameters', () => {
  it('writes each parameter as an escaped literal, $10 apart from $1', () => {
    const parameters = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', "it's \\ done"];
    expect(inlineParameters('select $1, $10', parameters, client)).toBe(`select 'a',  E'it''s \\\\ done'`);
  });

  it('writes instants as ISO text, and numbers, booleans and null as PostgreSQL reads them', () => {
    expect(inlineParameters('select $1, $2, $3, $4', [new Date('2026-01-15T10:00:00Z'), 42, true, null], client)).toBe(
      "select '2026-01-15T10:00:00.000Z', '42', 'true', null",
    );
  });

  it('leaves $n inside strings, quoted identifiers and comments alone', () => {
    const text = `select '$1 and ''$1''', "col$1", $1 -- $1 here\n/* $1 */ from t where x = $1`;
    expect(inlineParameters(text, ["'); drop table t; --"], client)).toBe(
      `select '$1 and ''$1''', "col$1", '''); drop table t; --' -- $1 here\n/* $1 */ from t where x = '''); drop table t; --'`,
    );
  });

  it('refuses a placeholder it has no parameter for, and an unclosed quote', () => {
    expect(() => inlineParameters('select $2', ['a'], client)).toThrow(/\$2/);
    expect(() => inlineParameters("select 'open $1", ['a'], client)).toThrow(/unclosed/);
  });
});
