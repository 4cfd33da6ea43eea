/** Headline figures over a list of recent handovers, with the definitions of shared/design/metrics.md. */
import type { Handover } from '$domain/schemas/index.ts';
import { triggers, type Trigger } from '$domain/handover.ts';

export interface RecentFigures {
  total: number;
  pending: number;
  inProgress: number;
  completed: number;
  missed: number;
  medianWaitSeconds: number | null;
  escalated: number;
  byTrigger: { trigger: Trigger; count: number }[];
}

export function recentFigures(handovers: readonly Handover[]): RecentFigures {
  const count = (status: Handover['status']) => handovers.filter((handover) => handover.status === status).length;
  const waits = handovers
    .filter((handover) => handover.claimedAt !== null)
    .map((handover) => (Date.parse(handover.claimedAt ?? '') - Date.parse(handover.requestedAt)) / 1000)
    .sort((a, b) => a - b);
  return {
    total: handovers.length,
    pending: count('pending'),
    inProgress: count('in_progress'),
    completed: count('completed'),
    missed: count('missed'),
    medianWaitSeconds: median(waits),
    escalated: handovers.filter((handover) => handover.escalationLevel > 0).length,
    byTrigger: triggers
      .map((trigger) => ({ trigger, count: handovers.filter((handover) => handover.trigger === trigger).length }))
      .filter((row) => row.count > 0)
      .sort((a, b) => b.count - a.count),
  };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}
