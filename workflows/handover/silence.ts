// Runs in the workflow sandbox: pure functions, no I/O.
import type { HandoverPolicy } from '../../domain/policy.ts';
import type { HandoverState } from './definitions.ts';

export type SilenceStep = { kind: 'remind' | 'requeue' | 'customer_silent'; at: number };

/**
 * While a handover is in progress: when the assignee owes the customer an answer, remind them after
 * assigneeResponseSeconds and requeue after as long again; end it when the customer has been silent for
 * customerSilenceSeconds. The earliest step wins; null when nothing is due.
 */
export function nextSilenceStep(policy: HandoverPolicy, state: HandoverState): SilenceStep | null {
  const steps: SilenceStep[] = [];
  const answerWithin = policy.assigneeResponseSeconds;
  if (answerWithin && state.awaitingReplySince) {
    const since = Date.parse(state.awaitingReplySince);
    steps.push(
      state.remindedAt === null
        ? { kind: 'remind', at: since + answerWithin * 1000 }
        : { kind: 'requeue', at: since + 2 * answerWithin * 1000 },
    );
  }
  if (policy.customerSilenceSeconds) {
    steps.push({ kind: 'customer_silent', at: Date.parse(state.lastCustomerMessageAt) + policy.customerSilenceSeconds * 1000 });
  }
  return steps.reduce<SilenceStep | null>((first, step) => (first === null || step.at < first.at ? step : first), null);
}
