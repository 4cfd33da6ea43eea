import { setTimeout } from 'node:timers/promises';
import { Migrator, type MigrationResult, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrations } from '../migrations/index.ts';
import { poolOf, type Db } from './connect.ts';

/** Our own advisory lock over a whole upgrade (Kysely's migrator takes another, 3853314791062309107, per step). */
const upgradeLock = '7340981266205515003';
const upgradeLockPollMs = 200;

/**
 * Brings the schema to the newest migration (or to `to`, inclusive); throws with the failing migration's name.
 *
 * - Each migration commits on its own (Kysely's migrateToLatest runs them all in one transaction): a migration's
 *   locks are then held for its own run only, so one that waits for the writers of the running version (0021's
 *   trigger on messages) does not wait while holding the tables an earlier one altered, which those writers go on
 *   to need (a deadlock that aborted the upgrade, found by a review).
 * - A migration that exports `transactional = false` (an index built CONCURRENTLY) runs outside a transaction.
 * - One process upgrades at a time, and the others wait for it without a statement open: one waiting inside a
 *   statement (as Kysely's own lock waits) keeps a snapshot, which a concurrent index build waits for while it
 *   waits for the build's lock, and PostgreSQL ends the build as a deadlock (found by a review). Holding the lock
 *   for the whole upgrade also means the next migration, and so how it runs, is read by the process that runs it.
 */
export async function migrateToLatest(
  db: Db,
  options: { to?: string; allowUnorderedMigrations?: boolean } = {},
): Promise<MigrationResultSet> {
  const { to } = options;
  if (to !== undefined && !(to in migrations)) throw new Error(`No migration is named ${to}`);
  const provider = { getMigrations: async () => migrations };
  const unordered = { allowUnorderedMigrations: options.allowUnorderedMigrations ?? false };
  const migrator = new Migrator({ db, provider, ...unordered });
  const outsideTransaction = new Migrator({ db, provider, ...unordered, disableTransactions: true });
  return whileHoldingUpgradeLock(db, async () => {
    const results: MigrationResult[] = [];
    for (;;) {
      const next = (await migrator.getMigrations()).find((migration) => migration.executedAt === undefined);
      if (!next || (to !== undefined && next.name > to)) return { results };
      const step = await (isOutsideTransaction(next.name) ? outsideTransaction : migrator).migrateUp();
      results.push(...(step.results ?? []));
      if (step.error) {
        const failed = step.results?.find((entry) => entry.status === 'Error')?.migrationName ?? 'unknown';
        throw new Error(`Migration ${failed} failed: ${String(step.error)}`, { cause: step.error });
      }
      if (!step.results || step.results.length === 0) return { results };
    }
  });
}

/**
 * Runs `work` while this process holds the upgrade lock, on a connection of its own (the Db's pool may have only
 * one, which the migrations use), asking for it every `upgradeLockPollMs` rather than waiting inside a statement.
 */
async function whileHoldingUpgradeLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: poolOf(db).options.connectionString });
  client.on('error', () => {});
  await client.connect();
  try {
    while (!(await client.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [upgradeLock])).rows[0]?.held) {
      await setTimeout(upgradeLockPollMs);
    }
    return await work();
  } finally {
    // Closing the session lets go of the lock too; unlocking first lets the next process go on at once.
    await client.query('select pg_advisory_unlock($1)', [upgradeLock]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** The migrations not yet run on this database, in the order they run. */
export async function pendingMigrations(db: Db, options: { allowUnorderedMigrations?: boolean } = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: options.allowUnorderedMigrations ?? false });
  return (await migrator.getMigrations()).filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}

function isOutsideTransaction(name: string): boolean {
  return migrations[name]?.transactional === false;
}
