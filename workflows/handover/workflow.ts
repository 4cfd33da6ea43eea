// Runs in the workflow sandbox: deterministic code only. Time is workflow time; every side effect is an activity.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
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
  transferUpdate,
  type Actor,
  type ClaimResult,
  type EndInput,
  type EndResult,
  type HandoverInput,
  type HandoverState,
  type RelayMessage,
} from './definitions.ts';
import { nextLadderStep } from './escalation.ts';
import { nextSilenceStep } from './silence.ts';
import { webhookDeliveryOptions } from '../webhook-delivery.ts';

// Database writes are quick but must survive Postgres being down for a while: retry without a limit.
const db = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
const webhooks = proxyActivities<Activities>(webhookDeliveryOptions);

type EndRequest = { kind: 'agent'; input: EndInput } | { kind: 'customer_left' };

const claimLedgerSize = 50;
const seenMessageIdsSize = 2000;
const relayBatchSize = 100;

/** One execution per handover: wait for a claim on the escalation ladder, relay messages, end. */
export async function handoverWorkflow(input: HandoverInput): Promise<EndResult> {
  const carried = input.carried;
  const state: HandoverState = carried?.state ?? {
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
    awaitingReplySince: null,
    remindedAt: null,
    lastCustomerMessageAt: input.requestedAt,
    requeues: 0,
    transfers: 0,
    runs: 1,
  };
  const inbox: RelayMessage[] = carried?.inbox ?? [];
  const seenMessageIds: string[] = carried?.seenMessageIds ?? [];
  // Update ids are deduplicated by the server within a run only; this ledger answers a retried claim.
  const claimLedger = carried?.claimLedger ?? [];
  const deliveries: string[] = carried?.deliveries ?? [];
  let endRequest: EndRequest | null = null;
  let result: EndResult | null = null;
  let busy = 0;
  // Claims wait for the request to be on record, so the timeline never shows a claim before its request.
  let requestRecorded = carried !== undefined;
  const isOpen = () => result === null && endRequest === null;
  const refs = {
    handoverId: input.handoverId,
    workspaceId: input.workspaceId,
    conversationId: input.conversationId,
    conversationExternalId: input.conversationExternalId,
  };

  setHandler(stateQuery, () => state);

  setHandler(customerMessageSignal, (message) => {
    if (!remember(message.messageId)) return;
    inbox.push({ ...message, sender: 'customer', author: null });
    state.lastCustomerMessageAt = new Date().toISOString();
    if (state.status === 'in_progress' && state.awaitingReplySince === null) {
      state.awaitingReplySince = state.lastCustomerMessageAt;
      state.remindedAt = null;
    }
  });

  setHandler(agentMessageSignal, (message) => {
    // The API accepted it from the assignee of that moment; an end, transfer or requeue racing it must not
    // lose what the agent wrote, so it is stored and delivered whatever happened since.
    if (!remember(message.messageId)) return;
    inbox.push({ ...message, sender: 'agent' });
    if (message.author?.id === state.assignee?.id) {
      state.awaitingReplySince = null;
      state.remindedAt = null;
    }
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
      await condition(() => requestRecorded);
      assertClaimable(state, isOpen());
      const claimedAt = new Date().toISOString();
      Object.assign(state, { status: 'in_progress', assignee: member, claimedAt, awaitingReplySince: claimedAt, remindedAt: null });
      const claim: ClaimResult = { assignee: member, claimedAt };
      claimLedger.push({ updateId: currentUpdateInfo()?.id ?? '', result: claim });
      claimLedger.splice(0, Math.max(0, claimLedger.length - claimLedgerSize));
      upsertSearchAttributes([
        { key: searchAttributes.status, value: state.status },
        { key: searchAttributes.assignee, value: member.id },
      ]);
      // The row is written before the caller hears it won, so the console reads what the workflow decided.
      await record(() => db.recordClaim({ ...refs, assignee: member, claimedAt }));
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
    transferUpdate,
    async ({ actor, to }) => {
      const from = state.assignee as Actor;
      Object.assign(state, { assignee: to, remindedAt: null, transfers: state.transfers + 1 });
      // The new assignee owes the customer an answer from now on, if one was owed.
      if (state.awaitingReplySince !== null) state.awaitingReplySince = new Date().toISOString();
      upsertSearchAttributes([{ key: searchAttributes.assignee, value: to.id }]);
      await record(() => db.recordTransfer({ ...refs, actor, from, to, transfers: state.transfers }));
      return state;
    },
    {
      validator: ({ to }) => {
        if (!isOpen() || state.status !== 'in_progress' || !state.assignee) {
          throw ApplicationFailure.create({ type: 'handover_ended', message: 'Only a handover in progress can be transferred' });
        }
        if (state.assignee.id === to.id) {
          throw ApplicationFailure.create({ type: 'conflict', message: `${to.name} already has this handover` });
        }
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

  if (!carried) await record(() => db.recordRequested({ ...refs, reason: input.reason, trigger: input.trigger, requestedAt: input.requestedAt }));
  requestRecorded = true;

  const relay = relayMessages();
  const delivery = deliverWebhooks();
  const ending = await waitForEnd();
  result = await finish(ending);
  upsertSearchAttributes([{ key: searchAttributes.status, value: result.status }]);
  await relay;
  // A customer message may arrive while the workflow finishes: it was accepted, so it is stored too.
  for (;;) {
    await condition(() => allHandlersFinished() && busy === 0);
    if (inbox.length === 0 && deliveries.length === 0) break;
    await drainInbox();
    await drainDeliveries();
  }
  await delivery;
  return result;

  /** Pending: the ladder. In progress: assignee and customer silence. Both until an end, or continue-as-new. */
  async function waitForEnd(): Promise<EndRequest | 'timed_out'> {
    for (;;) {
      if (endRequest) return endRequest;
      await continueAsNewIfSuggested();
      if (state.status === 'pending') {
        if (await climbLadder()) return 'timed_out';
      } else {
        await watchSilence();
      }
    }
  }

  /** Waits for a claim until the next ladder step; true when the fallback time has come. */
  async function climbLadder(): Promise<boolean> {
    const ladder = input.policy.escalation;
    const step = nextLadderStep(ladder, Date.parse(state.pendingSince), state.escalationLevel);
    const settled = await condition(
      () => state.status !== 'pending' || endRequest !== null || wantsContinueAsNew(),
      Math.max(1, step.at - Date.now()),
    );
    if (settled) return false;
    if (step.kind === 'fallback') return true;
    state.escalationLevel = step.level;
    upsertSearchAttributes([{ key: searchAttributes.escalationLevel, value: step.level }]);
    const level = ladder.levels[step.level - 1];
    await record(() =>
      db.recordEscalation({ ...refs, level: step.level, notify: level?.notify ?? 'everyone', customerMessage: level?.customerMessage ?? null }),
    );
    return false;
  }

  /** Reminds a silent assignee, then requeues; ends the handover when the customer has gone quiet. */
  async function watchSilence(): Promise<void> {
    const step = nextSilenceStep(input.policy, state);
    const watched = { assignee: state.assignee?.id, since: state.awaitingReplySince, reminded: state.remindedAt, customer: state.lastCustomerMessageAt };
    const changed = () =>
      endRequest !== null ||
      state.status !== 'in_progress' ||
      state.assignee?.id !== watched.assignee ||
      state.awaitingReplySince !== watched.since ||
      state.remindedAt !== watched.reminded ||
      state.lastCustomerMessageAt !== watched.customer ||
      wantsContinueAsNew();
    if (!step) {
      await condition(changed);
      return;
    }
    if (await condition(changed, Math.max(1, step.at - Date.now()))) return;
    if (step.kind === 'customer_silent') {
      endRequest = { kind: 'customer_left' };
    } else if (step.kind === 'remind') {
      state.remindedAt = new Date().toISOString();
      const assignee = state.assignee as Actor;
      await record(() => db.recordReminder({ ...refs, assignee, since: watched.since ?? state.pendingSince }));
    } else {
      await requeue();
    }
  }

  async function requeue(): Promise<void> {
    const previous = state.assignee as Actor;
    const now = new Date().toISOString();
    Object.assign(state, {
      status: 'pending',
      assignee: null,
      claimedAt: null,
      pendingSince: now,
      escalationLevel: 0,
      awaitingReplySince: null,
      remindedAt: null,
      requeues: state.requeues + 1,
    });
    upsertSearchAttributes([
      { key: searchAttributes.status, value: 'pending' },
      { key: searchAttributes.assignee, value: null },
      { key: searchAttributes.escalationLevel, value: 0 },
    ]);
    await record(() => db.recordRequeue({ ...refs, previousAssignee: previous, requeuedAt: now, requeues: state.requeues }));
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
    await record(() => db.recordEnded({ ...refs, status, outcome, aiResumed, endedAt, actor, note, customerMessage }));
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
      const batch = inbox.slice(0, relayBatchSize);
      const stored = await record(() => db.persistMessages({ ...refs, messages: batch }));
      // Removed only once stored, so a continue-as-new in between carries them over.
      inbox.splice(0, batch.length);
      state.messagesRelayed += batch.length;
      state.firstResponseAt ??= stored.firstResponseAt;
    }
  }

  /** Delivers webhook events one at a time in the order they were recorded, so agent messages arrive in seq order. */
  async function deliverWebhooks(): Promise<void> {
    for (;;) {
      await condition(() => deliveries.length > 0 || (result !== null && inbox.length === 0 && busy === 0));
      if (deliveries.length === 0) return;
      await drainDeliveries();
    }
  }

  async function drainDeliveries(): Promise<void> {
    while (deliveries.length > 0) {
      const eventId = deliveries[0] as string;
      busy += 1;
      try {
        await webhooks.deliverWebhookEvent({ workspaceId: input.workspaceId, eventId });
      } catch (error) {
        // Out of attempts: the delivery log shows it failed, and an admin can send it again.
        if (!(error instanceof ActivityFailure)) throw error;
      } finally {
        busy -= 1;
      }
      deliveries.shift();
    }
  }

  /** Runs a recording activity and queues the webhook events it recorded for delivery. */
  async function record<T extends { webhookEventIds: string[] }>(activity: () => Promise<T>): Promise<T> {
    busy += 1;
    try {
      const outcome = await activity();
      deliveries.push(...outcome.webhookEventIds);
      return outcome;
    } finally {
      busy -= 1;
    }
  }

  function remember(messageId: string): boolean {
    if (seenMessageIds.includes(messageId)) return false;
    seenMessageIds.push(messageId);
    seenMessageIds.splice(0, Math.max(0, seenMessageIds.length - seenMessageIdsSize));
    return true;
  }

  function wantsContinueAsNew(): boolean {
    return workflowInfo().continueAsNewSuggested && endRequest === null;
  }

  /** Before the history grows large: carry the whole state into a new run at a quiet moment. */
  async function continueAsNewIfSuggested(): Promise<void> {
    if (!wantsContinueAsNew()) return;
    await condition(() => allHandlersFinished() && busy === 0 && inbox.length === 0);
    if (endRequest) return;
    await continueAsNew<typeof handoverWorkflow>({
      ...input,
      carried: { state: { ...state, runs: state.runs + 1 }, inbox, seenMessageIds, claimLedger, deliveries },
    });
  }
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
