import { Migrator, type MigrationResult, type MigrationResultSet } from 'kysely';
import { migrations } from '../migrations/index.ts';
import type { Db } from './connect.ts';

/**
 * Brings the schema to the newest migration (or to `to`, inclusive); throws with the failing migration's name. Each migration commits on
 * its own (Kysely's migrateToLatest runs them all in one transaction): a migration's locks are then held for its
 * own run only, so one that waits for the writers of the running version (0021's trigger on messages) does not
 * wait while holding the tables an earlier one altered, which those writers go on to need (a deadlock that
 * aborted the upgrade, found by a review). A migration that exports `transactional = false` runs outside one.
 */
export async function migrateToLatest(
  db: Db,
  options: { to?: string; allowUnorderedMigrations?: boolean } = {},
): Promise<MigrationResultSet> {
  const provider = { getMigrations: async () => migrations };
  const unordered = { allowUnorderedMigrations: options.allowUnorderedMigrations ?? false };
  const migrator = new Migrator({ db, provider, ...unordered });
  // For a migration that says `transactional = false` (an index built CONCURRENTLY, which no transaction may hold);
  // Kysely's migration lock is a session lock on the migration's connection, so it still runs alone.
  const outsideTransaction = new Migrator({ db, provider, ...unordered, disableTransactions: true });
  const results: MigrationResult[] = [];
  for (;;) {
    const next = (await migrator.getMigrations()).find((migration) => migration.executedAt === undefined);
    if (!next || (options.to !== undefined && next.name > options.to)) return { results };
    const step = await (isOutsideTransaction(next.name) ? outsideTransaction : migrator).migrateUp();
    results.push(...(step.results ?? []));
    if (step.error) {
      const failed = step.results?.find((entry) => entry.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`Migration ${failed} failed: ${String(step.error)}`, { cause: step.error });
    }
    if (!step.results || step.results.length === 0) return { results };
  }
}

function isOutsideTransaction(name: string): boolean {
  const migration = migrations[name] as { transactional?: boolean } | undefined;
  return migration?.transactional === false;
}
