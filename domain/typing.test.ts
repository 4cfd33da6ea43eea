import { describe, expect, it } from 'vitest';
import { TypingThrottle } from './typing.ts';

describe('TypingThrottle', () => {
  it('lets one "typing" through per interval, and every change at once', () => {
    const throttle = new TypingThrottle(3000);
    expect(throttle.admit('a', true, 0)).toBe(true);
    expect(throttle.admit('a', true, 1000)).toBe(false);
    expect(throttle.admit('a', true, 2999)).toBe(false);
    expect(throttle.admit('a', true, 3000)).toBe(true);
    expect(throttle.admit('a', false, 3100)).toBe(true);
    expect(throttle.admit('a', false, 3200)).toBe(false);
    expect(throttle.admit('a', true, 3300)).toBe(true);
  });

  it('lets a client flipping typing on and off get a few changes through at once, then one a second', () => {
    const throttle = new TypingThrottle(3000);
    let admitted = 0;
    let shown = false;
    // Flipped every 50 ms for 10 s: 200 reports, each a change.
    for (let n = 0; n < 200; n++) {
      const typing = n % 2 === 0;
      const letThrough = throttle.admit('a', typing, n * 50);
      // A stop always goes through while the indicator shows, so none outlives the typing.
      if (!typing && shown) expect(letThrough).toBe(true);
      if (letThrough) [admitted, shown] = [admitted + 1, typing];
    }
    // Each "typing" let through is followed by its "stopped": a burst of 4 and about one a second, twice over.
    expect(admitted).toBeGreaterThanOrEqual(2 * 10);
    expect(admitted).toBeLessThanOrEqual(2 * (4 + 10) + 1);
  });

  it('keeps keys apart', () => {
    const throttle = new TypingThrottle(3000);
    expect(throttle.admit('a', true, 0)).toBe(true);
    expect(throttle.admit('b', true, 10)).toBe(true);
    expect(throttle.admit('a', true, 20)).toBe(false);
  });

  it('forgets what can no longer hold a report back', () => {
    const throttle = new TypingThrottle(3000);
    for (let n = 0; n < 100; n++) throttle.admit(`k${n}`, true, n);
    expect(throttle.size).toBe(100);
    throttle.admit('late', true, 10_000);
    expect(throttle.size).toBe(1);
  });
});
