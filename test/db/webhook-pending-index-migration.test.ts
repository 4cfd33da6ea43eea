// Migration 0024 builds its index CONCURRENTLY, which no transaction may hold: db/migrate.ts runs a migration that
// says `transactional = false` outside one. A build that failed midway leaves an invalid index, which the next run
// must build again rather than keep (`if not exists` alone would keep it, and no query could use it).
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

const indexName = 'webhook_deliveries_pending_handover_idx';

async function indexState(db: Db): Promise<'valid' | 'invalid' | 'absent'> {
  const { rows } = await sql<{ valid: boolean }>`
    select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = ${indexName}`.execute(db);
  return rows.length === 0 ? 'absent' : rows[0]!.valid ? 'valid' : 'invalid';
}

describe('migration 0024_webhook_pending_by_handover', () => {
  it('builds its index outside a transaction, and builds again one a failed build left invalid', async () => {
    const scratch = await createScratchDatabase('pending_index');
    drops.push(scratch.drop);
    const { db } = scratch;
    await migrateToLatest(db, { to: '0023_handover_phrase_pairs' });
    expect(await indexState(db)).toBe('absent');

    const { results } = await migrateToLatest(db);
    expect(results?.map((result) => `${result.migrationName} ${result.status}`)).toEqual(['0024_webhook_pending_by_handover Success']);
    expect(await indexState(db)).toBe('valid');

    // As a build that failed midway leaves it (the test's role owns the database, so it may mark it so), and the
    // migration not recorded as run.
    await sql`update pg_index set indisvalid = false where indexrelid = ${indexName}::regclass`.execute(db);
    await sql`delete from kysely_migration where name = '0024_webhook_pending_by_handover'`.execute(db);
    expect(await indexState(db)).toBe('invalid');
    await migrateToLatest(db);
    expect(await indexState(db)).toBe('valid');
  });
});
