import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

// Postgres bigint (live event and handover event ids) stays a string: JavaScript numbers would lose precision.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value);

export type Db = Kysely<Database>;
/** For what must run inside a transaction (a lock held to the commit); a `Db` parameter takes either. */
export type Tx = Transaction<Database>;

// Each Db's own pool, for the few reads Kysely cannot express (COPY ... TO STDOUT streams: db/csv-copy.ts). Written
// once when a Db is made and never changed; a WeakMap, so a destroyed Db takes its entry with it.
const pools = new WeakMap<Db, pg.Pool>();

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
  // A client that loses its connection (Postgres restarting, a backend terminated) must not crash the process:
  // an idle one is dropped by the pool, a busy one fails its query, which the caller sees and retries.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** The pool behind a Db made by createDb (not a transaction's): its clients are the same connections Kysely uses. */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('This Db was not made by createDb: it has no pool of its own');
  return pool;
}
