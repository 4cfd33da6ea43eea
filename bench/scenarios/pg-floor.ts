// The floor under every write of the product: one single-row INSERT and its COMMIT, round trip, on the same
// embedded PostgreSQL (its settings as `npm start` leaves them). A relayed message commits several of these.
import pg from 'pg';
import { summarize, type Summary } from '../stats.ts';

export interface PgFloor {
  commits: Summary;
  commitsPerSecond: number;
  selectOne: Summary;
  settings: Record<string, string>;
}

export async function measurePgFloor(databaseUrl: string, count: number): Promise<PgFloor> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const settings: Record<string, string> = {};
    for (const name of ['server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers']) {
      settings[name] = String((await client.query(`show ${name}`)).rows[0]?.[name]);
    }
    // A logged table (a temporary one would skip the WAL, and so the commit's flush).
    await client.query('create table if not exists bench_commit_floor (id bigserial primary key, body text not null)');
    const selects: number[] = [];
    for (let index = 0; index < Math.min(200, count); index += 1) {
      const begin = performance.now();
      await client.query('select 1');
      selects.push(performance.now() - begin);
    }
    const commits: number[] = [];
    const start = performance.now();
    for (let index = 0; index < count; index += 1) {
      const begin = performance.now();
      // Autocommit: the INSERT is its own transaction, committed (and flushed) before the answer.
      await client.query('insert into bench_commit_floor (body) values ($1)', [`row ${index}`]);
      commits.push(performance.now() - begin);
    }
    const seconds = (performance.now() - start) / 1000;
    await client.query('drop table bench_commit_floor');
    return { commits: summarize(commits), commitsPerSecond: count / seconds, selectOne: summarize(selects), settings };
  } finally {
    await client.end();
  }
}
