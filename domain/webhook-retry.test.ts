import { describe, expect, it } from 'vitest';
import { secondsBeforeNextAttempt } from './webhook-retry.ts';

describe('secondsBeforeNextAttempt', () => {
  it('doubles from one second and stops at five minutes', () => {
    expect([1, 2, 3, 4, 9, 10, 50].map(secondsBeforeNextAttempt)).toEqual([1, 2, 4, 8, 256, 300, 300]);
  });
});
