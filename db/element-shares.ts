// How common the elements of an array or tsvector column are, from PostgreSQL's own statistics of it (pg_stats'
// most_common_elems, which ANALYZE samples): what a search estimates its share of the rows by, to choose between
// reading in the list's order and through an index (db/handover-search.ts).
import { sql } from 'kysely';
import type { Db } from './connect.ts';

/** The share of rows each of the most common elements is in, as ANALYZE last sampled them, and how many rows. */
export interface ElementShares {
  /** By the element's text (a word; a number as PostgreSQL prints it). */
  shares: Map<string, number>;
  /** The table's rows as ANALYZE or VACUUM last counted them (pg_class.reltuples). */
  rows: number;
}

/** The columns whose statistics are read: each keeps 10,000 elements (`set statistics 1000`, in its migration). */
export type SampledColumn = { table: 'handovers'; column: 'words' } | { table: 'phrase_pair_sets'; column: 'pairs' };

const lifetimeMs = 5 * 60_000;
const cache = new WeakMap<Db, Map<string, { at: number; value: ElementShares | null }>>();

/** The column's element shares, read at most every 5 minutes per database. Null before it was first analyzed. */
export async function elementShares(db: Db, { table, column }: SampledColumn): Promise<ElementShares | null> {
  const key = `${table}.${column}`;
  const cached = cache.get(db)?.get(key);
  if (cached && Date.now() - cached.at < lifetimeMs) return cached.value;
  const { rows } = await sql<{ elements: string[] | null; freqs: number[] | null; reltuples: number }>`
    select s.most_common_elems::text::text[] as elements, s.most_common_elem_freqs as freqs, c.reltuples
    from pg_stats s join pg_class c on c.oid = (quote_ident(s.schemaname) || '.' || quote_ident(s.tablename))::regclass
    where s.schemaname = current_schema() and s.tablename = ${table} and s.attname = ${column}`.execute(db);
  const { elements, freqs, reltuples } = rows[0] ?? { elements: null, freqs: null, reltuples: 0 };
  // The frequencies list the elements' shares (then the smallest and the largest of them, and the null share).
  const value =
    elements && freqs && freqs.length >= elements.length
      ? { shares: new Map(elements.map((element, index) => [element, freqs[index]!])), rows: Math.max(0, reltuples) }
      : null;
  const entries = cache.get(db) ?? new Map();
  entries.set(key, { at: Date.now(), value });
  cache.set(db, entries);
  return value;
}
