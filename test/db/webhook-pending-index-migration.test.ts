// Migration 0024 builds its index CONCURRENTLY, which no transaction may hold: db/migrate.ts runs a migration that
// says `transactional = false` outside one. A build that failed midway leaves an invalid index, which the next run
// must build again rather than keep (`if not exists` alone would keep it, and no query could use it).
import { setTimeout } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, poolOf, type Db } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { eventually } from '../support/http.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

const indexName = 'webhook_deliveries_pending_handover_idx';

/** The advisory lock Kysely's migrator takes (its PostgreSQL adapter's). */
const kyselyMigrationLock = '3853314791062309107';
/** db/migrate.ts's own, over a whole upgrade. */
const upgradeLock = '7340981266205515003';

async function indexState(db: Db): Promise<'valid' | 'invalid' | 'absent'> {
  const { rows } = await sql<{ valid: boolean }>`
    select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = ${indexName}`.execute(db);
  return rows.length === 0 ? 'absent' : rows[0]!.valid ? 'valid' : 'invalid';
}

describe('migration 0024_webhook_pending_by_handover', () => {
  it('builds its index outside a transaction, and builds again one that a failed build left invalid', async () => {
    const scratch = await createScratchDatabase('pending_index');
    drops.push(scratch.drop);
    const { db } = scratch;
    await migrateToLatest(db, { to: '0023_handover_phrase_pairs' });
    expect(await indexState(db)).toBe('absent');
    // A concurrent build that fails midway leaves its index behind, invalid: here a unique one of the same name over
    // two pending events of one handover, as a build ended by an error or a deadlock would.
    const { id: workspaceId } = await db.insertInto('workspaces').values({ name: 'Index' }).returning('id').executeTakeFirstOrThrow();
    await sql`
      insert into webhook_deliveries (id, workspace_id, type, payload)
      select 'twin-' || n, ${workspaceId}, 'handover.message', '{"data": {"handoverId": "h-1"}}'::jsonb from generate_series(1, 2) n`.execute(db);
    await expect(
      sql`create unique index concurrently ${sql.ref(indexName)} on webhook_deliveries (workspace_id, (payload -> 'data' ->> 'handoverId')) where status = 'pending'`.execute(db),
    ).rejects.toThrow(/could not create unique index/);
    expect(await indexState(db)).toBe('invalid');

    const { results } = await migrateToLatest(db);
    expect(results?.map((result) => `${result.migrationName} ${result.status}`)).toEqual(['0024_webhook_pending_by_handover Success']);
    expect(await indexState(db)).toBe('valid');
    // The migration's own (not unique), since it was built again: the twins are both there.
    const { rows } = await sql<{ definition: string }>`select pg_get_indexdef(${indexName}::regclass) as definition`.execute(db);
    expect(rows[0]!.definition).not.toMatch(/UNIQUE/);
  });

  it('lets two processes upgrade at once: one builds the index while the other waits its turn, and both end migrated', async () => {
    const scratch = await createScratchDatabase('pending_index_twice');
    drops.push(scratch.drop);
    await migrateToLatest(scratch.db, { to: '0023_handover_phrase_pairs' });
    // Each its own pool, as two processes (npm start beside npm run migrate, or two API replicas starting), and a
    // third that is running a migration when they arrive, so both wait for it: a session that waited for the lock
    // inside a statement kept a snapshot open, which the concurrent index build waits for, while that session waited
    // for the build's lock (PostgreSQL ended the build: "deadlock detected").
    const url = poolOf(scratch.db).options.connectionString as string;
    const [first, second] = [createDb(url, { max: 2 }), createDb(url, { max: 2 })];
    const busy = new pg.Client({ connectionString: url });
    await busy.connect();
    try {
      await busy.query(`select pg_advisory_lock(${kyselyMigrationLock})`);
      const upgrades = [first, second].map((db) =>
        migrateToLatest(db).then(
          () => 'migrated',
          (error: unknown) => String(error),
        ),
      );
      await setTimeout(1000);
      await busy.query(`select pg_advisory_unlock(${kyselyMigrationLock})`);
      expect(await Promise.all(upgrades)).toEqual(['migrated', 'migrated']);
      expect(await indexState(scratch.db)).toBe('valid');
    } finally {
      await busy.end();
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });

  it('stops an upgrade whose lock was lost (its session ended) before the next migration, rather than run beside another', async () => {
    const scratch = await createScratchDatabase('pending_index_lost');
    drops.push(scratch.drop);
    await migrateToLatest(scratch.db, { to: '0022_phrase_pairs' });
    const url = poolOf(scratch.db).options.connectionString as string;
    const busy = new pg.Client({ connectionString: url });
    await busy.connect();
    try {
      // The upgrade takes its lock, then waits for Kysely's (held here) to run 0023; meanwhile its lock's session ends.
      await busy.query(`select pg_advisory_lock(${kyselyMigrationLock})`);
      const upgrade = migrateToLatest(scratch.db).then(
        () => 'migrated',
        (error: unknown) => String(error),
      );
      await eventually(async () => {
        const { rows } = await busy.query<{ pid: number }>(
          // pg_locks lists every database's locks: only this one's upgrade (test files upgrade their own meanwhile).
          `select pid from pg_locks where locktype = 'advisory' and granted and ((classid::bigint << 32) | objid::bigint) = ${upgradeLock}
             and database = (select oid from pg_database where datname = current_database())`,
        );
        return rows[0] ? await busy.query('select pg_terminate_backend($1)', [rows[0].pid]) : undefined;
      }, 'the upgrade to hold its lock');
      await busy.query(`select pg_advisory_unlock(${kyselyMigrationLock})`);
      expect(await upgrade).toMatch(/upgrade lock was lost/);
      expect(await indexState(scratch.db)).toBe('absent');
    } finally {
      await busy.end();
    }
  });
});

