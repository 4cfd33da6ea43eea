import { describe, expect, it } from 'vitest';
import { defaultPolicy, type HandoverPolicy } from '../../domain/policy.ts';
import { endingFor } from './ending.ts';

const ana = { id: 'ana', name: 'Ana Lopez' };
const closing: HandoverPolicy = {
  ...defaultPolicy,
  returnToAi: false,
  escalation: { ...defaultPolicy.escalation, fallback: { ...defaultPolicy.escalation.fallback, action: 'close' } },
};

describe('endingFor', () => {
  it("ends a member's End as completed, with their outcome, note and name, resuming the AI as the policy says", () => {
    expect(endingFor({ kind: 'agent', input: { actor: ana, outcome: 'resolved', note: 'Refunded' } }, defaultPolicy, true)).toEqual({
      status: 'completed',
      outcome: 'resolved',
      aiResumed: true,
      actor: ana,
      note: 'Refunded',
      customerMessage: null,
    });
    expect(endingFor({ kind: 'agent', input: { actor: ana, outcome: 'unresolved' } }, closing, true)).toMatchObject({ outcome: 'unresolved', aiResumed: false, note: null });
  });

  it('names the outcome after what happens to the conversation when the member gives none', () => {
    expect(endingFor({ kind: 'agent', input: { actor: ana } }, defaultPolicy, true).outcome).toBe('returned_to_ai');
    expect(endingFor({ kind: 'agent', input: { actor: ana } }, closing, true).outcome).toBe('closed');
  });

  it('ends a handover nobody claimed as missed, whoever ends it', () => {
    expect(endingFor({ kind: 'agent', input: { actor: ana } }, defaultPolicy, false).status).toBe('missed');
    expect(endingFor({ kind: 'customer_left' }, defaultPolicy, false)).toMatchObject({ status: 'missed', outcome: 'customer_left', actor: null });
    expect(endingFor({ kind: 'customer_left' }, closing, true)).toMatchObject({ status: 'completed', aiResumed: false });
  });

  it("applies the ladder's fallback when the wait ran out: its action, and its message for the customer", () => {
    expect(endingFor({ kind: 'timed_out' }, defaultPolicy, false)).toEqual({
      status: 'missed',
      outcome: 'timed_out',
      aiResumed: true,
      actor: null,
      note: null,
      customerMessage: defaultPolicy.escalation.fallback.customerMessage,
    });
    expect(endingFor({ kind: 'timed_out' }, closing, false).aiResumed).toBe(false);
  });
});
