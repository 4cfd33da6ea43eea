// Runs in the workflow sandbox: how our local activities are run.
import { isCancellation } from '@temporalio/workflow';

/**
 * A local activity waits between attempts inside the worker only up to here; a longer wait is a timer in
 * history. So a retrying local activity never holds a worker's shutdown (or a deploy) for longer than one
 * attempt, and the wait survives the worker going away.
 */
export const localRetryThreshold = '1 second';

/**
 * A side effect tried as a local activity first, on a short budget; if that fails (PostgreSQL or a receiver
 * down), the same side effect as an ordinary activity, which may retry for a day without adding to history
 * per attempt and without holding the workflow task, so Updates and queries are answered meanwhile. Both are
 * keyed, so the second finds done whatever the first got done.
 */
export async function locallyFirst<T>(local: () => Promise<T>, queued: (failure: unknown) => Promise<T>): Promise<T> {
  try {
    return await local();
  } catch (error) {
    // A local activity's last failure comes as its own error (an ApplicationFailure, a timeout), not wrapped
    // in an ActivityFailure as an ordinary activity's is: anything but the workflow's cancellation falls back.
    if (isCancellation(error)) throw error;
    return queued(error);
  }
}
