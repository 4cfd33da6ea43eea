import type { Logger } from './logger.ts';

/**
 * Runs `task` every `intervalMs`, one pass at a time (a slow pass is not overlapped by the next), logging a
 * failure and trying again at the next tick (`now`: a first pass at once). The timer does not keep the process
 * alive. Returns a stop function.
 */
export function repeat(intervalMs: number, task: () => Promise<unknown>, logger: Logger, what: string, options: { now?: boolean } = {}): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => logger.warn({ err: error }, `${what} failed; will retry`))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  // The first pass now (through the same guard), not an interval from now.
  if (options.now) tick();
  return () => clearInterval(timer);
}
