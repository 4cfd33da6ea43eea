import { describe, expect, it } from 'vitest';
import { defaultPolicy, type HandoverPolicy } from '../../domain/policy.ts';
import type { HandoverState } from './definitions.ts';
import { nextSilenceStep } from './silence.ts';

const t0 = Date.parse('2026-01-01T10:00:00.000Z');
/** An ISO time `seconds` after t0. */
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

/** The default policy (no silence rules) with the given overrides. */
function policy(overrides: Partial<HandoverPolicy> = {}): HandoverPolicy {
  return { ...defaultPolicy, ...overrides };
}

/** A handover in progress since t0, claimed by Ana, owing no answer and not reminded, with the given overrides. */
function state(overrides: Partial<HandoverState> = {}): HandoverState {
  return {
    status: 'in_progress',
    assignee: { id: 'ana', name: 'Ana Lopez' },
    escalationLevel: 0,
    pendingSince: at(-30),
    claimedAt: at(0),
    firstResponseAt: null,
    endedAt: null,
    outcome: null,
    aiResumed: null,
    messagesRelayed: 0,
    awaitingReplySince: null,
    remindedAt: null,
    lastCustomerMessageAt: at(-30),
    requeues: 0,
    transfers: 0,
    runs: 1,
    revision: 0,
    ...overrides,
  };
}

describe('nextSilenceStep', () => {
  it('has nothing due when neither silence rule is set', () => {
    const rulesOff = policy({ assigneeResponseSeconds: null, customerSilenceSeconds: null });
    expect(nextSilenceStep(rulesOff, state())).toBeNull();
    expect(nextSilenceStep(rulesOff, state({ awaitingReplySince: at(0) }))).toBeNull();
    expect(nextSilenceStep(rulesOff, state({ awaitingReplySince: at(0), remindedAt: at(60) }))).toBeNull();
  });

  it('treats a policy from an older input, without customerSilenceSeconds, as having no customer rule', () => {
    const { customerSilenceSeconds: _absent, ...older } = defaultPolicy;
    expect(nextSilenceStep(older, state({ awaitingReplySince: at(0) }))).toBeNull();
  });

  it('has nothing due when the assignee owes no answer and there is no customer rule', () => {
    expect(nextSilenceStep(policy({ assigneeResponseSeconds: 60 }), state({ awaitingReplySince: null }))).toBeNull();
    expect(nextSilenceStep(policy({ assigneeResponseSeconds: 60 }), state({ awaitingReplySince: null, remindedAt: at(60) }))).toBeNull();
  });

  it('reminds the assignee assigneeResponseSeconds after the customer began waiting', () => {
    expect(nextSilenceStep(policy({ assigneeResponseSeconds: 60 }), state({ awaitingReplySince: at(5) }))).toEqual({
      kind: 'remind',
      at: t0 + 65_000,
    });
  });

  it('after the reminder, requeues twice assigneeResponseSeconds after the customer began waiting', () => {
    expect(nextSilenceStep(policy({ assigneeResponseSeconds: 60 }), state({ awaitingReplySince: at(5), remindedAt: at(65) }))).toEqual({
      kind: 'requeue',
      at: t0 + 125_000,
    });
  });

  it('ends the handover customerSilenceSeconds after the last customer message, whether or not an answer is owed', () => {
    const quietCustomer = policy({ customerSilenceSeconds: 300 });
    expect(nextSilenceStep(quietCustomer, state({ lastCustomerMessageAt: at(10) }))).toEqual({ kind: 'customer_silent', at: t0 + 310_000 });
    expect(nextSilenceStep(quietCustomer, state({ lastCustomerMessageAt: at(10), awaitingReplySince: at(10) }))).toEqual({
      kind: 'customer_silent',
      at: t0 + 310_000,
    });
  });

  it('picks the earliest step when both rules apply: the assignee step first', () => {
    const both = policy({ assigneeResponseSeconds: 60, customerSilenceSeconds: 300 });
    expect(nextSilenceStep(both, state({ awaitingReplySince: at(0), lastCustomerMessageAt: at(0) }))).toEqual({ kind: 'remind', at: t0 + 60_000 });
    expect(nextSilenceStep(both, state({ awaitingReplySince: at(0), remindedAt: at(60), lastCustomerMessageAt: at(0) }))).toEqual({
      kind: 'requeue',
      at: t0 + 120_000,
    });
  });

  it('picks the earliest step when both rules apply: the customer silence first', () => {
    const both = policy({ assigneeResponseSeconds: 600, customerSilenceSeconds: 300 });
    expect(nextSilenceStep(both, state({ awaitingReplySince: at(0), lastCustomerMessageAt: at(0) }))).toEqual({
      kind: 'customer_silent',
      at: t0 + 300_000,
    });
    // The requeue (at 1200 s) would come after the customer silence (at 300 s) too.
    expect(nextSilenceStep(both, state({ awaitingReplySince: at(0), remindedAt: at(600), lastCustomerMessageAt: at(0) }))).toEqual({
      kind: 'customer_silent',
      at: t0 + 300_000,
    });
  });

  it('gives the assignee step when it falls at the same moment as the customer silence', () => {
    const remindAtSameTime = policy({ assigneeResponseSeconds: 60, customerSilenceSeconds: 60 });
    expect(nextSilenceStep(remindAtSameTime, state({ awaitingReplySince: at(0), lastCustomerMessageAt: at(0) }))).toEqual({
      kind: 'remind',
      at: t0 + 60_000,
    });
    const requeueAtSameTime = policy({ assigneeResponseSeconds: 60, customerSilenceSeconds: 120 });
    expect(nextSilenceStep(requeueAtSameTime, state({ awaitingReplySince: at(0), remindedAt: at(60), lastCustomerMessageAt: at(0) }))).toEqual({
      kind: 'requeue',
      at: t0 + 120_000,
    });
  });
});
