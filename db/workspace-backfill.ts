// Work done once per workspace in the background, for history stored before a migration added what the writes now
// keep (the analytics rollups, the phrase filters): each API process runs it at its start and hourly, and a
// workspace reads the new structure only once its column says it is complete.
import type { Db } from './connect.ts';

type ReadyColumn = 'analytics_ready_at' | 'phrase_filters_ready_at';

/**
 * Runs `complete` for each workspace whose column is still null, oldest first. `complete` marks it done. Two
 * processes at once only repeat each other's work. One workspace failing does not hold up the others; it is tried
 * again at the next pass.
 */
export async function completeWaitingWorkspaces(
  db: Db,
  column: ReadyColumn,
  complete: (workspaceId: string) => Promise<number>,
  onWorkspace?: (workspaceId: string, units: number, seconds: number) => void,
): Promise<void> {
  const waiting = await db.selectFrom('workspaces').select('id').where(column, 'is', null).orderBy('created_at').execute();
  const failures: unknown[] = [];
  for (const { id } of waiting) {
    const started = performance.now();
    try {
      const units = await complete(id);
      onWorkspace?.(id, units, (performance.now() - started) / 1000);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} workspaces could not be completed (${column})`);
}

/** Runs a transaction's work again when PostgreSQL aborted it for a deadlock or a serialization failure, up to 5 times. */
export async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}
