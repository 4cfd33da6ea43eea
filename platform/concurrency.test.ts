import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from './concurrency.ts';

describe('concurrencyLimit', () => {
  it('runs at most max at once, queues up to maxWaiting in order, and refuses the rest', async () => {
    const run = concurrencyLimit(2, 2, () => new Error('busy'));
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const task = (index: number) => () =>
      new Promise<number>((resolve) => {
        active += 1;
        peak = Math.max(peak, active);
        order.push(index);
        releases.push(() => {
          active -= 1;
          resolve(index);
        });
      });
    const results = [0, 1, 2, 3].map((index) => run(task(index)));
    await expect(run(task(4))).rejects.toThrow('busy');
    // Let each started task finish in turn; the queued ones start as slots free up.
    while (order.length < 4 || releases.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3]);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
    // Once idle, it takes work again.
    expect(await run(async () => 'again')).toBe('again');
  });
});
