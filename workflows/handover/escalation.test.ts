import { describe, expect, it } from 'vitest';
import type { EscalationLadder } from '../../domain/policy.ts';
import { nextLadderStep } from './escalation.ts';

const ladder: EscalationLadder = {
  levels: [
    { afterSeconds: 60, notify: 'members' },
    { afterSeconds: 120, notify: 'everyone' },
  ],
  fallback: { afterSeconds: 600, action: 'close', customerMessage: 'Closed' },
};

describe('nextLadderStep', () => {
  it('walks the levels from when the wait began, then the fallback', () => {
    expect(nextLadderStep(ladder, 1000, 0)).toEqual({ kind: 'escalate', level: 1, at: 61_000 });
    expect(nextLadderStep(ladder, 1000, 1)).toEqual({ kind: 'escalate', level: 2, at: 121_000 });
    expect(nextLadderStep(ladder, 1000, 2)).toEqual({ kind: 'fallback', at: 601_000 });
  });

  it('goes straight to the fallback on a ladder without levels', () => {
    expect(nextLadderStep({ ...ladder, levels: [] }, 0, 0)).toEqual({ kind: 'fallback', at: 600_000 });
  });
});
