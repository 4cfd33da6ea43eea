import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../../db/connect.ts';

/**
 * A database of its own on the test run's server, for a file that needs an empty one (seeding, migrations).
 * `drop()` removes it.
 */
export async function createScratchDatabase(prefix: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await runAsAdmin(`create database ${name}`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: 2 });
  return {
    db,
    drop: async () => {
      await db.destroy();
      await runAsAdmin(`drop database if exists ${name}`);
    },
  };
}

async function runAsAdmin(statement: string): Promise<void> {
  const client = new pg.Client(inject('databaseUrl'));
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
