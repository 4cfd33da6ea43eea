// A select streamed out as CSV by PostgreSQL itself (COPY ... TO STDOUT), on a client of its own checked out of the
// Db's pool: a year of handovers never sits in memory, neither here nor in pg's result buffers. COPY takes no bind
// parameters, so the select's parameters are written into its text as literals, each escaped by pg's escapeLiteral.
import { once } from 'node:events';
import { addAbortSignal, finished, type Readable } from 'node:stream';
import type { RawBuilder } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { poolOf, type Db } from './connect.ts';

/**
 * Starts COPY of `select` as CSV with a header row, and answers the stream once PostgreSQL has sent its first bytes:
 * a query PostgreSQL refuses fails here, before anyone has sent a status line. The client goes back to the pool when
 * the stream ends, and is closed (its query cancelled with the connection) when the stream fails, is destroyed, or
 * `signal` aborts (the HTTP client went away), so an abandoned download never keeps a pool client.
 */
export async function copyCsv(db: Db, select: RawBuilder<unknown>, signal?: AbortSignal): Promise<Readable> {
  const client = await poolOf(db).connect();
  let stream: Readable;
  try {
    signal?.throwIfAborted();
    const compiled = select.compile(db);
    const text = `copy (${inlineParameters(compiled.sql, compiled.parameters, client)}) to stdout with (format csv, header true)`;
    stream = client.query(copyTo(text));
  } catch (error) {
    client.release();
    throw error;
  }
  // Once, however the stream stops. Ended: the connection is idle again (pg queues anything sent before its final
  // ReadyForQuery). Anything else: the COPY may still be sending, so the connection is closed, not reused.
  finished(stream, (error) => client.release(error ?? undefined));
  if (signal) addAbortSignal(signal, stream);
  await once(stream, 'readable');
  return stream;
}

/**
 * The compiled select with `$n` replaced by the literal of parameter n. Placeholders are looked for outside quoted
 * text and comments only, so a `$1` inside a string, an identifier or a comment of the select is left alone. The
 * selects are ours: plain '...' strings, no E'...' strings or dollar quoting (a placeholder left unreplaced fails
 * the COPY; it never lets a value out of its literal).
 */
export function inlineParameters(text: string, parameters: readonly unknown[], client: Pick<pg.ClientBase, 'escapeLiteral'>): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (character === "'" || character === '"') {
      const end = closingQuote(text, index);
      result += text.slice(index, end);
      index = end;
    } else if (text.startsWith('--', index) || text.startsWith('/*', index)) {
      const isLine = text.startsWith('--', index);
      const end = isLine ? text.indexOf('\n', index) : text.indexOf('*/', index + 2);
      const stop = end === -1 ? text.length : isLine ? end : end + 2;
      result += text.slice(index, stop);
      index = stop;
    } else if (character === '$' && /\d/.test(text[index + 1] ?? '')) {
      const digits = /^\d+/.exec(text.slice(index + 1))![0];
      const position = Number(digits);
      if (position < 1 || position > parameters.length) throw new Error(`The select names parameter $${digits}, which it does not have`);
      result += literal(parameters[position - 1], client);
      index += 1 + digits.length;
    } else {
      result += character;
      index += 1;
    }
  }
  return result;
}

/** Where the quoted text starting at `start` ends (after its closing quote); a doubled quote stays inside. */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === quote) {
      if (text[index + 1] === quote) index += 2;
      else return index + 1;
    } else {
      index += 1;
    }
  }
  throw new Error('The select has an unclosed quote');
}

/** An untyped literal: PostgreSQL gives it the type its place asks for, as it does a bind parameter's text. */
function literal(value: unknown, client: Pick<pg.ClientBase, 'escapeLiteral'>): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (typeof value === 'string') return client.escapeLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return client.escapeLiteral(String(value));
  // An array would need PostgreSQL's array literal, not JSON: no select of the exports passes one, so none may.
  if (Array.isArray(value)) throw new Error('An array cannot be written into a COPY select');
  return client.escapeLiteral(JSON.stringify(value));
}
