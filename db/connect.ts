import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

// Postgres bigint (live event and handover event ids) stays a string: JavaScript numbers would lose precision.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value);

export type Db = Kysely<Database>;
/** For what must run inside a transaction (a lock held to the commit); a `Db` parameter takes either. */
export type Tx = Transaction<Database>;

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
  // A client that loses its connection (Postgres restarting, a backend terminated) must not crash the process:
  // an idle one is dropped by the pool, a busy one fails its query, which the caller sees and retries.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
