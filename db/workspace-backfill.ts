// Work done once per workspace in the background, for history stored before a migration added what the writes now
// keep (the analytics rollups, the phrase filters): each API process runs it at its start and hourly, and a
// workspace reads the new structure only once it is complete.

/**
 * Runs `complete` for each waiting workspace, in order. `complete` marks it done, and answers null where another
 * process was already at it. One workspace failing does not hold up the others; it is tried again at the next pass.
 */
export async function completeWaitingWorkspaces(
  waiting: string[],
  complete: (workspaceId: string) => Promise<number | null>,
  what: string,
  onWorkspace?: (workspaceId: string, units: number, seconds: number) => void,
): Promise<void> {
  const failures: unknown[] = [];
  for (const id of waiting) {
    const started = performance.now();
    try {
      const units = await complete(id);
      if (units !== null) onWorkspace?.(id, units, (performance.now() - started) / 1000);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} workspaces' ${what} could not be completed`);
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
