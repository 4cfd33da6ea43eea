// Runs in the workflow sandbox: pure functions, no I/O.
import type { EscalationLadder } from '../../domain/policy.ts';

export type LadderStep =
  | { kind: 'escalate'; level: number; at: number }
  | { kind: 'fallback'; at: number };

/** The next step of the ladder after `reachedLevel` levels, timed from when the wait began (epoch ms). */
export function nextLadderStep(ladder: EscalationLadder, pendingSince: number, reachedLevel: number): LadderStep {
  const level = ladder.levels[reachedLevel];
  if (level) return { kind: 'escalate', level: reachedLevel + 1, at: pendingSince + level.afterSeconds * 1000 };
  return { kind: 'fallback', at: pendingSince + ladder.fallback.afterSeconds * 1000 };
}
