// Runs in the workflow sandbox: pure functions, no I/O.
import type { Outcome } from '../../domain/handover.ts';
import type { HandoverPolicy } from '../../domain/policy.ts';
import type { Actor, EndInput } from './definitions.ts';

/** Why a handover ends: a member's End, the customer leaving (or falling silent), or the ladder's fallback. */
export type EndRequest = { kind: 'agent'; input: EndInput } | { kind: 'customer_left' } | { kind: 'timed_out' };

export interface Ending {
  status: 'completed' | 'missed';
  outcome: Outcome;
  aiResumed: boolean;
  actor: Actor | null;
  note: string | null;
  /** What the customer is told, for a fallback. */
  customerMessage: string | null;
}

/** How a handover ends, by the policy it started with: never claimed is missed, else completed. */
export function endingFor(request: EndRequest, policy: HandoverPolicy, claimed: boolean): Ending {
  const status = claimed ? 'completed' : 'missed';
  if (request.kind === 'timed_out') {
    const { fallback } = policy.escalation;
    return { status, outcome: 'timed_out', aiResumed: fallback.action === 'return_to_ai', actor: null, note: null, customerMessage: fallback.customerMessage };
  }
  if (request.kind === 'customer_left') {
    return { status, outcome: 'customer_left', aiResumed: policy.returnToAi, actor: null, note: null, customerMessage: null };
  }
  const aiResumed = policy.returnToAi;
  return {
    status,
    outcome: request.input.outcome ?? (aiResumed ? 'returned_to_ai' : 'closed'),
    aiResumed,
    actor: request.input.actor,
    note: request.input.note ?? null,
    customerMessage: null,
  };
}
