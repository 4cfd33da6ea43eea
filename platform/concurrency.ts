/**
 * Runs at most `max` tasks at once; up to `maxWaiting` more wait their turn in order, and any beyond that are
 * refused at once with `refuse()`'s error rather than queued without bound.
 */
export function concurrencyLimit(max: number, maxWaiting: number, refuse: () => Error) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= max) {
      if (waiting.length >= maxWaiting) throw refuse();
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else running += 1;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `running` counts it throughout.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
