import type { Logger } from './logger.ts';

/**
 * Runs `task` every `intervalMs`, one pass at a time (a slow pass is not overlapped by the next), logging a
 * failure and trying again at the next tick. The timer does not keep the process alive. Returns a stop function.
 */
export function repeat(intervalMs: number, task: () => Promise<unknown>, logger: Logger, what: string): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => logger.warn({ err: error }, `${what} failed; will retry`))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
