import { afterEach, expect, it, vi } from 'vitest';
import { createMemoryReplayGuard } from './webhooks.ts';
import { retryAfterMs } from './retry.ts';

afterEach(() => {
  vi.useRealTimers();
});

it('the memory replay guard refuses an id until its expiry, then forgets it', () => {
  vi.useFakeTimers({ now: 1_000_000 });
  const guard = createMemoryReplayGuard();
  expect(guard.firstSighting('a', 1_000_000 + 300_000)).toBe(true);
  expect(guard.firstSighting('b', 1_000_000 + 400_000)).toBe(true);
  expect(guard.firstSighting('a', 1_000_000 + 300_000)).toBe(false);
  vi.setSystemTime(1_000_000 + 300_001);
  // a expired (and was pruned on the way); b is still remembered.
  expect(guard.firstSighting('a', 1_000_000 + 600_000)).toBe(true);
  expect(guard.firstSighting('b', 1_000_000 + 700_000)).toBe(false);
});

it('reads Retry-After as seconds or as an HTTP date', () => {
  expect(retryAfterMs('2')).toBe(2000);
  expect(retryAfterMs(null)).toBeNull();
  expect(retryAfterMs('soon')).toBeNull();
  expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
  expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:29:00 GMT'))).toBe(0);
});
