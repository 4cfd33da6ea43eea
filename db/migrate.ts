import { Migrator, type MigrationResult, type MigrationResultSet } from 'kysely';
import { migrations } from '../migrations/index.ts';
import type { Db } from './connect.ts';

/**
 * Brings the schema to the newest migration; throws with the failing migration's name. Each migration commits on
 * its own (Kysely's migrateToLatest runs them all in one transaction): a migration's locks are then held for its
 * own run only, so one that waits for the writers of the running version (0021's trigger on messages) does not
 * wait while holding the tables an earlier one altered, which those writers go on to need (a deadlock that
 * aborted the upgrade, found by a review).
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const results: MigrationResult[] = [];
  for (;;) {
    const step = await migrator.migrateUp();
    results.push(...(step.results ?? []));
    if (step.error) {
      const failed = step.results?.find((entry) => entry.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`Migration ${failed} failed: ${String(step.error)}`, { cause: step.error });
    }
    if (!step.results || step.results.length === 0) return { results };
  }
}
