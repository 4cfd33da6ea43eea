import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

export const historiesDir = path.resolve(import.meta.dirname, '..', 'replay', 'histories');

/**
 * With RECORD_HISTORIES=1, saves a finished workflow's history as a replay fixture. Record a shape when it
 * ships; never re-record one to make the replay test green.
 */
export async function recordHistoryIfAsked(handle: WorkflowHandle, name: string, options: { finished?: boolean } = {}): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  if (options.finished ?? true) await handle.result();
  const history = await handle.fetchHistory();
  await writeFile(path.join(historiesDir, `${name}.json`), historyToJSON(history));
}
