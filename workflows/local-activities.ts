// Runs in the workflow sandbox: what every local activity of ours shares.

/**
 * A local activity waits between attempts inside the worker only up to here; a longer wait is a timer in
 * history. So a retrying local activity never holds a worker's shutdown (or a deploy) for longer than one
 * attempt, and the wait survives the worker going away.
 */
export const localRetryThreshold = '1 second';
