import { setTimeout } from 'node:timers/promises';
import { Migrator, type MigrationResult, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrations } from '../migrations/index.ts';
import { poolOf, type Db } from './connect.ts';

/** Our own advisory lock over a whole upgrade (Kysely's migrator takes another, 3853314791062309107, per step). */
const upgradeLock = '7340981266205515003';
const upgradeLockPollMs = 200;
/** How often a process waiting for another's upgrade says so. */
const waitingNoticeMs = 30_000;
/** The lock's session is let go of within this, even when its connection hangs. */
const releaseTimeoutMs = 5_000;

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
  options: { to?: string; allowUnorderedMigrations?: boolean; log?: (line: string) => void } = {},
): Promise<MigrationResultSet> {
  const { to } = options;
  if (to !== undefined && !Object.hasOwn(migrations, to)) throw new Error(`No migration is named ${to}`);
  const provider = { getMigrations: async () => migrations };
  const unordered = { allowUnorderedMigrations: options.allowUnorderedMigrations ?? false };
  const migrator = new Migrator({ db, provider, ...unordered });
  const outsideTransaction = new Migrator({ db, provider, ...unordered, disableTransactions: true });
  return whileHoldingUpgradeLock(db, options.log, async (stillHeld) => {
    const results: MigrationResult[] = [];
    for (;;) {
      const [next] = await pendingOf(migrator);
      if (next === undefined || (to !== undefined && next > to)) return { results };
      await stillHeld();
      const step = await (isOutsideTransaction(next) ? outsideTransaction : migrator).migrateUp();
      results.push(...(step.results ?? []));
      if (step.error) {
        const failed = step.results?.find((entry) => entry.status === 'Error')?.migrationName ?? next;
        throw new Error(`Migration ${failed} failed: ${String(step.error)}`, { cause: step.error });
      }
      if (!step.results || step.results.length === 0) return { results };
    }
  });
}

/**
 * Runs `work` while this process holds the upgrade lock, on a connection of its own (the Db's pool may have only
 * one, which the migrations use), asking for it every `upgradeLockPollMs` rather than waiting inside a statement.
 * `work` checks before each step that the lock's session is still there: one ended (a server's idle-session limit,
 * a terminated backend, a cut connection) has let go of the lock, and the upgrade stops rather than run beside
 * another process's.
 */
async function whileHoldingUpgradeLock<T>(db: Db, log: ((line: string) => void) | undefined, work: (stillHeld: () => Promise<void>) => Promise<T>): Promise<T> {
  const { connectionString, connectionTimeoutMillis } = poolOf(db).options;
  const client = new pg.Client({ connectionString, connectionTimeoutMillis, keepAlive: true });
  let lost = false;
  client.on('error', () => (lost = true));
  client.on('end', () => (lost = true));
  await client.connect();
  try {
    // Held while a long migration runs with this session idle: no idle-session limit may end it meanwhile (a server
    // before PostgreSQL 14 has none, and refuses the setting).
    await client.query('set idle_session_timeout = 0').catch(() => undefined);
    let noticeAt = performance.now() + waitingNoticeMs;
    while (!(await client.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [upgradeLock])).rows[0]?.held) {
      if (performance.now() >= noticeAt) {
        noticeAt += waitingNoticeMs;
        log?.('Waiting for another process to finish upgrading the database schema ...');
      }
      await setTimeout(upgradeLockPollMs);
    }
    return await work(async () => {
      const alive = !lost && (await client.query('select 1').then(() => true, () => false));
      if (!alive) throw new Error('The upgrade lock was lost (its connection ended); run the upgrade again');
    });
  } finally {
    // Ending the session lets go of the lock too; unlocking first lets the next process go on at once.
    const release = client
      .query('select pg_advisory_unlock($1)', [upgradeLock])
      .catch(() => undefined)
      .then(() => client.end())
      .catch(() => undefined);
    await Promise.race([release, setTimeout(releaseTimeoutMs)]);
  }
}

/** The migrations not yet run on this database, in the order they run. */
export function pendingMigrations(db: Db): Promise<string[]> {
  return pendingOf(new Migrator({ db, provider: { getMigrations: async () => migrations } }));
}

async function pendingOf(migrator: Migrator): Promise<string[]> {
  return (await migrator.getMigrations()).filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}

function isOutsideTransaction(name: string): boolean {
  return migrations[name]?.transactional === false;
}
