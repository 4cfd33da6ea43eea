// Runs in the workflow sandbox: deterministic code only. Time is workflow time; every side effect is an activity.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../../activities/index.ts';
import type { Outcome } from '../../domain/handover.ts';
import {
  agentMessageSignal,
  claimUpdate,
  customerLeftSignal,
  customerMessageSignal,
  endUpdate,
  searchAttributes,
  stateQuery,
  type Actor,
  type ClaimResult,
  type EndInput,
  type EndResult,
  type HandoverInput,
  type HandoverState,
  type RelayMessage,
} from './definitions.ts';
import { nextLadderStep } from './escalation.ts';

// Database writes are quick but must survive Postgres being down for a while: retry without a limit.
const db = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

type EndRequest = { kind: 'agent'; input: EndInput } | { kind: 'customer_left' };

const claimLedgerSize = 50;

/** One execution per handover: wait for a claim on the escalation ladder, relay messages, end. */
export async function handoverWorkflow(input: HandoverInput): Promise<EndResult> {
  const state: HandoverState = {
    status: 'pending',
    assignee: null,
    escalationLevel: 0,
    pendingSince: input.requestedAt,
    claimedAt: null,
    firstResponseAt: null,
    endedAt: null,
    outcome: null,
    aiResumed: null,
    messagesRelayed: 0,
  };
  const inbox: RelayMessage[] = [];
  const seenMessageIds = new Set<string>();
  // Update ids are deduplicated by the server within a run only; this ledger answers a retried claim.
  const claimLedger: { updateId: string; result: ClaimResult }[] = [];
  let endRequest: EndRequest | null = null;
  let result: EndResult | null = null;
  const isOpen = () => result === null && endRequest === null;

  setHandler(stateQuery, () => state);

  setHandler(customerMessageSignal, (message) => {
    if (seenMessageIds.has(message.messageId)) return;
    seenMessageIds.add(message.messageId);
    inbox.push({ ...message, sender: 'customer', author: null });
  });

  setHandler(agentMessageSignal, (message) => {
    if (seenMessageIds.has(message.messageId)) return;
    // The API checks the sender is the assignee; a transfer may have raced it, so check again here.
    if (state.status !== 'in_progress' || message.author?.id !== state.assignee?.id) return;
    seenMessageIds.add(message.messageId);
    inbox.push({ ...message, sender: 'agent' });
  });

  setHandler(customerLeftSignal, () => {
    if (isOpen()) endRequest = { kind: 'customer_left' };
  });

  setHandler(
    claimUpdate,
    async ({ member }) => {
      const previous = claimLedger.find((entry) => entry.updateId === currentUpdateInfo()?.id);
      if (previous) return previous.result;
      if (state.assignee?.id === member.id && state.claimedAt) return { assignee: member, claimedAt: state.claimedAt };
      assertClaimable(state, isOpen());
      state.status = 'in_progress';
      state.assignee = member;
      state.claimedAt = new Date().toISOString();
      const claim: ClaimResult = { assignee: member, claimedAt: state.claimedAt };
      claimLedger.push({ updateId: currentUpdateInfo()?.id ?? '', result: claim });
      claimLedger.splice(0, Math.max(0, claimLedger.length - claimLedgerSize));
      upsertSearchAttributes([
        { key: searchAttributes.status, value: state.status },
        { key: searchAttributes.assignee, value: member.id },
      ]);
      // The row is written before the caller hears it won, so the console reads what the workflow decided.
      await db.recordClaim({ ...refs(input), assignee: member, claimedAt: state.claimedAt });
      return claim;
    },
    {
      validator: ({ member }) => {
        if (claimLedger.some((entry) => entry.updateId === currentUpdateInfo()?.id)) return;
        if (state.assignee?.id === member.id) return;
        assertClaimable(state, isOpen());
      },
    },
  );

  setHandler(
    endUpdate,
    async (end) => {
      if (isOpen()) endRequest = { kind: 'agent', input: end };
      await condition(() => result !== null);
      return result as unknown as EndResult;
    },
    {
      validator: (_end: EndInput) => {
        if (!isOpen()) throw ApplicationFailure.create({ type: 'handover_ended', message: 'This handover has ended' });
      },
    },
  );

  await db.recordRequested({ ...refs(input), reason: input.reason, trigger: input.trigger });

  const relay = relayMessages();
  const ending = await waitForEnd();
  result = await finish(ending);
  upsertSearchAttributes([{ key: searchAttributes.status, value: result.status }]);
  await relay;
  // A customer message may arrive while the workflow finishes: it was accepted, so it is stored too.
  for (;;) {
    await condition(allHandlersFinished);
    if (inbox.length === 0) return result;
    await drainInbox();
  }

  /** Waits on the escalation ladder while pending, then for an end while in progress. */
  async function waitForEnd(): Promise<EndRequest | 'timed_out'> {
    const ladder = input.policy.escalation;
    while (state.status === 'pending' && endRequest === null) {
      const step = nextLadderStep(ladder, Date.parse(state.pendingSince), state.escalationLevel);
      const settled = await condition(() => state.status !== 'pending' || endRequest !== null, Math.max(1, step.at - Date.now()));
      if (settled) break;
      if (step.kind === 'fallback') return 'timed_out';
      state.escalationLevel = step.level;
      upsertSearchAttributes([{ key: searchAttributes.escalationLevel, value: step.level }]);
      const level = ladder.levels[step.level - 1];
      await db.recordEscalation({
        ...refs(input),
        level: step.level,
        notify: level?.notify ?? 'everyone',
        customerMessage: level?.customerMessage ?? null,
      });
    }
    await condition(() => endRequest !== null);
    return endRequest as unknown as EndRequest;
  }

  async function finish(ending: EndRequest | 'timed_out'): Promise<EndResult> {
    const policy = input.policy;
    let outcome: Outcome;
    let aiResumed: boolean;
    let actor: Actor | null = null;
    let note: string | null = null;
    let customerMessage: string | null = null;
    if (ending === 'timed_out') {
      outcome = 'timed_out';
      aiResumed = policy.escalation.fallback.action === 'return_to_ai';
      customerMessage = policy.escalation.fallback.customerMessage;
    } else if (ending.kind === 'customer_left') {
      outcome = 'customer_left';
      aiResumed = policy.returnToAi;
    } else {
      actor = ending.input.actor;
      note = ending.input.note ?? null;
      aiResumed = policy.returnToAi;
      outcome = ending.input.outcome ?? (aiResumed ? 'returned_to_ai' : 'closed');
    }
    const status = state.claimedAt === null ? 'missed' : 'completed';
    const endedAt = new Date().toISOString();
    Object.assign(state, { status, outcome, aiResumed, endedAt });
    await db.recordEnded({ ...refs(input), status, outcome, aiResumed, endedAt, actor, note, customerMessage });
    return { status, outcome, aiResumed, endedAt };
  }

  /** Persists messages in arrival order, in batches, until the handover has ended and the inbox is empty. */
  async function relayMessages(): Promise<void> {
    for (;;) {
      await condition(() => inbox.length > 0 || result !== null);
      if (inbox.length === 0) return;
      await drainInbox();
    }
  }

  async function drainInbox(): Promise<void> {
    while (inbox.length > 0) {
      const batch = inbox.splice(0, 100);
      const stored = await db.persistMessages({ ...refs(input), messages: batch });
      state.messagesRelayed += batch.length;
      state.firstResponseAt ??= stored.firstResponseAt;
    }
  }
}

function refs(input: HandoverInput) {
  return {
    handoverId: input.handoverId,
    workspaceId: input.workspaceId,
    conversationId: input.conversationId,
    conversationExternalId: input.conversationExternalId,
  };
}

function assertClaimable(state: HandoverState, open: boolean): void {
  if (!open || state.status === 'completed' || state.status === 'missed') {
    throw ApplicationFailure.create({ type: 'handover_ended', message: 'This handover has ended', nonRetryable: true });
  }
  if (state.status === 'in_progress' && state.assignee) {
    throw ApplicationFailure.create({
      type: 'already_claimed',
      message: `${state.assignee.name} claimed this handover first`,
      nonRetryable: true,
      details: [{ assignee: state.assignee }],
    });
  }
}
