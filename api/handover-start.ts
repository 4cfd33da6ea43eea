import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors.ts';
import type { StartHandoverRequest } from '../domain/schemas/handovers.ts';
import {
  findHandoverStartRecord,
  insertOrFindActiveHandover,
  listOrphanedHandovers,
  type HandoverStartRecord,
} from '../db/handovers.ts';
import { getHandoverSettings, toPolicy } from '../db/settings.ts';
import type { ApiDeps } from './deps.ts';
import { repeat } from '../platform/repeat.ts';

type StartDeps = Pick<ApiDeps, 'db' | 'temporal' | 'taskQueue' | 'logger'>;
import { startHandoverWorkflow } from './temporal.ts';

/**
 * Records the request, then starts the workflow from the row. A repeated request finds the same row and
 * starts again idempotently (USE_EXISTING), which also heals a request that died between the two steps;
 * `recoverOrphanedHandovers` heals the ones nobody repeats. A failed start never deletes the row: a start
 * whose answer was lost may well have started the workflow, which needs its row.
 */
export async function startHandover(
  deps: StartDeps,
  workspaceId: string,
  request: StartHandoverRequest,
): Promise<{ handoverId: string; created: boolean }> {
  const settings = await getHandoverSettings(deps.db, workspaceId);
  if (!settings.enabled) {
    throw new AppError('handover_disabled', 'Human Handover is turned off for this workspace; the AI keeps answering');
  }
  const record = await insertOrFindActiveHandover(deps.db, { id: randomUUID(), workspaceId, request, policy: toPolicy(settings) });
  const stored = await findHandoverStartRecord(deps.db, workspaceId, record.handoverId);
  try {
    if (!stored) throw new Error('the handover row vanished');
    await startWorkflowFor(deps, stored);
  } catch (error) {
    throw new AppError('unavailable', 'The handover could not be confirmed as started; repeat the same request shortly', {
      cause: error instanceof Error ? error.name : 'unknown',
      retryAfterSeconds: 2,
    });
  }
  return { handoverId: record.handoverId, created: record.created };
}

/**
 * Starts the workflow of every pending handover that has waited a while without one; returns how many it
 * started. One that fails is left for the next pass, and does not hold back the others.
 */
export async function recoverOrphanedHandovers(deps: StartDeps, graceSeconds = 30): Promise<number> {
  const orphans = await listOrphanedHandovers(deps.db, new Date(Date.now() - graceSeconds * 1000));
  let started = 0;
  for (const orphan of orphans) {
    const refs = { handoverId: orphan.id, workspaceId: orphan.workspaceId };
    try {
      await startWorkflowFor(deps, orphan);
      started += 1;
      deps.logger.warn(refs, 'started the workflow of an orphaned handover');
    } catch (error) {
      deps.logger.warn({ ...refs, err: error }, 'could not start the workflow of an orphaned handover; will retry');
    }
  }
  return started;
}

/** Runs the recovery every `intervalMs` until the returned function is called. */
export function scheduleOrphanRecovery(deps: StartDeps, intervalMs = 30_000): () => void {
  // One pass at a time: while Temporal stalls a pass can outlast the interval.
  return repeat(intervalMs, () => recoverOrphanedHandovers(deps), deps.logger, 'orphan recovery');
}

function startWorkflowFor(deps: StartDeps, record: HandoverStartRecord): Promise<void> {
  return startHandoverWorkflow(deps.temporal, deps.taskQueue, {
    handoverId: record.id,
    workspaceId: record.workspaceId,
    conversationId: record.conversationId,
    conversationExternalId: record.conversationExternalId,
    trigger: record.trigger,
    reason: record.reason,
    customerName: record.customerName,
    requestedAt: record.requestedAt.toISOString(),
    policy: record.policy,
  });
}
