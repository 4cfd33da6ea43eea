import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.ts';
import { repeat } from './repeat.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A logger whose lines the test reads. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', 'test', sink), lines };
}

describe('repeat (the hourly purge and sweeps of api/server.ts)', () => {
  it('runs each interval, never two passes at once, and after a failed pass tries again at the next', async () => {
    const { logger, lines } = capturedLogger();
    const passes: (() => void)[] = [];
    let fail = true;
    const task = vi.fn(
      () =>
        new Promise<void>((resolve, reject) => {
          passes.push(() => (fail ? reject(new Error('database away')) : resolve()));
        }),
    );
    const stop = repeat(3_600_000, task, logger, 'purging expired rows');
    // Not at once: the first pass comes an hour after the start.
    await vi.advanceTimersByTimeAsync(3_599_999);
    expect(task).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(1);
    // That pass is still running an hour later: the next tick does not start a second one beside it.
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(task).toHaveBeenCalledTimes(1);
    passes[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(lines.join('')).toContain('purging expired rows failed; will retry');
    // The failure stopped nothing: the next hour runs again.
    fail = false;
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(task).toHaveBeenCalledTimes(2);
    passes[1]!();
    stop();
    await vi.advanceTimersByTimeAsync(10 * 3_600_000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('makes a first pass at once when asked', async () => {
    const task = vi.fn(() => Promise.resolve());
    const stop = repeat(3_600_000, task, capturedLogger().logger, 'building the analytics rollups', { now: true });
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(task).toHaveBeenCalledTimes(2);
    stop();
  });
});
