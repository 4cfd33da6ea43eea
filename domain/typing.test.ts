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
    // Flipped every 50 ms for 10 s: 200 reports, each a change.
    for (let n = 0; n < 200; n++) if (throttle.admit('a', n % 2 === 0, n * 50)) admitted += 1;
    expect(admitted).toBeGreaterThanOrEqual(10);
    expect(admitted).toBeLessThanOrEqual(4 + 10);
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
