// Runs in the workflow sandbox: deterministic code only. Time is workflow time; every side effect is an activity.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  setDefaultSignalHandler,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
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
  type HandoverSnapshot,
  type HandoverState,
  type RelayMessage,
} from './definitions.ts';
import { endingFor, type EndRequest } from './ending.ts';
import { climbLadder } from './ladder.ts';
import { Lane } from './lane.ts';
import { LegacyDelivery } from './legacy-delivery.ts';
import { Relay } from './relay.ts';
import { locallyFirst } from '../local-activities.ts';
import { db, localDb, type HandoverRun } from './run.ts';
import { watchSilence } from './silence-watch.ts';

const claimLedgerSize = 50;

/**
 * One execution per handover: wait for a claim on the escalation ladder, relay messages, end.
 *
 * How it never hangs: state-changing writes run one at a time in a lane, in the order the state changed;
 * webhook events are handed to a delivery workflow of the handover's own by the activity that recorded them,
 * so no receiver can hold this workflow's timers, continue-as-new or end; and a continue-as-new waits only for
 * writes and handlers that finish by themselves, giving way to an End that arrives meanwhile.
 */
export async function handoverWorkflow(input: HandoverInput): Promise<EndResult> {
  // Runs that began before the delivery workflow and the lane keep doing as they did, so they replay.
  const current = patched('delivery-workflow-and-write-lane');
  // Runs begun before messages were stored by a local activity keep scheduling an activity, so they replay.
  const localMessageWrites = current && patched('handover-local-message-writes');
  // Runs begun before answered a claim sent again by its holder at once (or, after waiting beside its first
  // attempt, as lost), and replay so.
  const claimAgainAfterWrite = current && patched('handover-claim-again-after-write');
  // The write of the latest claim, which a claim sent again by its holder waits for.
  let claimWritten: Promise<unknown> = Promise.resolve();
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
    revision: 0,
  };
  state.revision ??= 0;
  // Update ids are deduplicated by the server within a run only; this ledger answers a retried claim.
  const claimLedger = carried?.claimLedger ?? [];
  const lane = new Lane(current);
  const legacy = current ? null : new LegacyDelivery(carried?.deliveries ?? []);
  const refs = {
    handoverId: input.handoverId,
    workspaceId: input.workspaceId,
    conversationId: input.conversationId,
    conversationExternalId: input.conversationExternalId,
    ...(legacy ? {} : { handOff: true as const }),
  };
  let finishing = false;
  let result: EndResult | null = null;
  // Claims wait for the request to be on record, so the timeline never shows a claim before its request.
  let requestRecorded = carried !== undefined;

  const run: HandoverRun = {
    input,
    state,
    refs,
    legacy: legacy !== null,
    endRequest: null,
    change,
    record: (activity) =>
      lane.run(async () => {
        const recorded = await activity();
        legacy?.push(recorded.webhookEventIds);
        return recorded;
      }),
    wantsContinueAsNew: () => workflowInfo().continueAsNewSuggested && isOpen(),
  };
  function isOpen(): boolean {
    return !finishing && run.endRequest === null;
  }
  /**
   * A member's claim of what they hold already (sent again after a 503): won, once the claim's write is in, as
   * its first answer was. Null when the handover moved on meanwhile: then it is a claim like any other.
   */
  async function claimedAgain(member: Actor): Promise<ClaimResult | null> {
    const { claimedAt } = state;
    await claimWritten;
    return state.assignee?.id === member.id && claimedAt !== null && state.claimedAt === claimedAt ? { assignee: member, claimedAt } : null;
  }
  const relay = new Relay(
    carried,
    state,
    async (messages) => {
      const input = { ...refs, messages };
      const persist = localMessageWrites
        ? () => locallyFirst(() => localDb.persistMessages(input), () => db.persistMessages(input))
        : () => db.persistMessages(input);
      // Older runs stored messages through the same path as the lifecycle's records.
      return legacy ? run.record(persist) : persist();
    },
    () => current && run.wantsContinueAsNew(),
  );

  setHandler(stateQuery, () => state);

  function onCustomerMessage(message: RelayMessage): void {
    if (!relay.accept({ ...message, sender: 'customer', author: null })) return;
    state.lastCustomerMessageAt = new Date().toISOString();
    if (state.status === 'in_progress' && state.awaitingReplySince === null) {
      state.awaitingReplySince = state.lastCustomerMessageAt;
      state.remindedAt = null;
    }
  }
  function onAgentMessage(message: RelayMessage): void {
    // The API accepted it from the assignee of that moment; an end, transfer or requeue racing it must not
    // lose what the agent wrote, so it is stored and delivered whatever happened since.
    if (!relay.accept({ ...message, sender: 'agent' })) return;
    if (message.author?.id === state.assignee?.id) {
      state.awaitingReplySince = null;
      state.remindedAt = null;
    }
  }
  function onCustomerLeft(): void {
    if (isOpen()) run.endRequest = { kind: 'customer_left' };
  }
  // The signals a run's first task holds (many, after a continue-as-new or while no worker ran) go to each
  // handler as it is set, name by name, which stored one side's messages before the other's. A default handler
  // set first takes them all in the order they arrived; then the named handlers take over. Older runs took them
  // name by name and replay so.
  if (!legacy) {
    const byName = new Map<string, (payload: unknown) => void>([
      [customerMessageSignal.name, (payload) => onCustomerMessage(payload as RelayMessage)],
      [agentMessageSignal.name, (payload) => onAgentMessage(payload as RelayMessage)],
      [customerLeftSignal.name, () => onCustomerLeft()],
    ]);
    setDefaultSignalHandler((name, payload) => byName.get(name)?.(payload));
  }
  setHandler(customerMessageSignal, onCustomerMessage);
  setHandler(agentMessageSignal, onAgentMessage);
  setHandler(customerLeftSignal, onCustomerLeft);
  if (!legacy) setDefaultSignalHandler(undefined);

  setHandler(
    claimUpdate,
    async ({ member }) => {
      const previous = claimLedger.find((entry) => entry.updateId === currentUpdateInfo()?.id);
      if (previous) return previous.result;
      const holds = () => state.assignee?.id === member.id && state.claimedAt !== null;
      if (holds() && !claimAgainAfterWrite) return { assignee: member, claimedAt: state.claimedAt as string };
      const again = holds() ? await claimedAgain(member) : null;
      if (again) return again;
      assertClaimable(state, isOpen());
      await condition(() => requestRecorded);
      // The same member's claim sent again (after a 503) may have waited here beside its first attempt.
      const afterWait = claimAgainAfterWrite && holds() ? await claimedAgain(member) : null;
      if (afterWait) return afterWait;
      assertClaimable(state, isOpen());
      const claimedAt = new Date().toISOString();
      Object.assign(state, { status: 'in_progress', assignee: member, claimedAt, awaitingReplySince: claimedAt, remindedAt: null });
      const snapshot = change();
      const claim: ClaimResult = { assignee: member, claimedAt };
      claimLedger.push({ updateId: currentUpdateInfo()?.id ?? '', result: claim });
      claimLedger.splice(0, Math.max(0, claimLedger.length - claimLedgerSize));
      upsertSearchAttributes([
        { key: searchAttributes.status, value: state.status },
        { key: searchAttributes.assignee, value: member.id },
      ]);
      // The row is written before the caller hears it won, so the console reads what the workflow decided.
      claimWritten = run.record(() => db.recordClaim({ ...refs, state: snapshot, assignee: member, claimedAt }));
      await claimWritten;
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
      const snapshot = change();
      upsertSearchAttributes([{ key: searchAttributes.assignee, value: to.id }]);
      await run.record(() => db.recordTransfer({ ...refs, state: snapshot, actor, from, to, transfers: state.transfers }));
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
      // A second End while the first is under way (a retried request) joins it and hears the same result.
      run.endRequest ??= { kind: 'agent', input: end };
      await condition(() => result !== null);
      return result as unknown as EndResult;
    },
    {
      validator: (_end: EndInput) => {
        if (result !== null) throw ApplicationFailure.create({ type: 'handover_ended', message: 'This handover has ended' });
      },
    },
  );

  if (!carried) {
    await run.record(() => db.recordRequested({ ...refs, reason: input.reason, trigger: input.trigger, requestedAt: input.requestedAt }));
  } else if (!legacy && carried.deliveries.length > 0) {
    // Continued from a run that delivered its own webhooks: what it had not delivered goes to the delivery workflow.
    await run.record(async () => {
      await db.handOffCarriedWebhookEvents({ ...refs, eventIds: carried.deliveries });
      return { webhookEventIds: [] };
    });
  }
  requestRecorded = true;

  const relaying = relay.run(() => result !== null);
  const delivering = legacy?.run(input.workspaceId);
  result = await finish(await waitForEnd());
  upsertSearchAttributes([{ key: searchAttributes.status, value: result.status }]);
  await relaying;
  // A message may arrive while the workflow finishes: it was accepted, so it is stored too.
  for (;;) {
    await condition(() => allHandlersFinished() && quiet());
    if (relay.inbox.length === 0) break;
    await relay.drain();
  }
  legacy?.close();
  await delivering;
  return result;

  /** Pending: the ladder. In progress: assignee and customer silence. Both until an end, or continue-as-new. */
  async function waitForEnd(): Promise<EndRequest> {
    for (;;) {
      if (run.endRequest) return run.endRequest;
      await continueAsNewIfSuggested();
      if (run.endRequest) return run.endRequest;
      if (state.status === 'pending') {
        if (await climbLadder(run)) return { kind: 'timed_out' };
      } else {
        await watchSilence(run);
      }
    }
  }

  async function finish(request: EndRequest): Promise<EndResult> {
    finishing = true;
    const ending = endingFor(request, input.policy, state.claimedAt !== null);
    const endedAt = new Date().toISOString();
    Object.assign(state, { status: ending.status, outcome: ending.outcome, aiResumed: ending.aiResumed, endedAt });
    const snapshot = change();
    await run.record(() => db.recordEnded({ ...refs, ...ending, state: snapshot, endedAt }));
    return { status: ending.status, outcome: ending.outcome, aiResumed: ending.aiResumed, endedAt };
  }

  function change(): HandoverSnapshot {
    // Counts up within the run, and from the clock (in microseconds) across runs: a run reset to an earlier
    // point, or a new run of the same handover, numbers its changes above the ones the row already shows.
    state.revision = Math.max(state.revision + 1, Date.now() * 1000);
    return {
      revision: state.revision,
      changedAt: new Date().toISOString(),
      status: state.status,
      assigneeId: state.assignee?.id ?? null,
      escalationLevel: state.escalationLevel,
      claimedAt: state.claimedAt,
      endedAt: state.endedAt,
      outcome: state.outcome,
      aiResumed: state.aiResumed,
      transfers: state.transfers,
    };
  }

  /** No write of this workflow is running or waiting, nor (in older runs) a delivery. */
  function quiet(): boolean {
    return lane.idle && relay.idle && (legacy?.idle ?? true);
  }

  /**
   * Before the history grows large: carry the whole state into a new run once every handler has finished
   * and no write is in flight. Each of those finishes by itself (writes retry until PostgreSQL answers); an
   * End arriving meanwhile wins, and the handover ends in this run instead.
   */
  async function continueAsNewIfSuggested(): Promise<void> {
    if (!run.wantsContinueAsNew()) return;
    if (current) {
      await condition(() => run.endRequest !== null || (allHandlersFinished() && quiet()));
    } else {
      // Older runs waited exactly so (an End meanwhile waited with them), and must replay as they ran.
      await condition(() => allHandlersFinished() && quiet() && relay.inbox.length === 0);
    }
    if (run.endRequest) return;
    await continueAsNew<typeof handoverWorkflow>({
      ...input,
      carried: {
        state: { ...state, runs: state.runs + 1 },
        inbox: relay.inbox,
        seenMessageIds: relay.seenMessageIds,
        claimLedger,
        deliveries: legacy?.pending ?? [],
      },
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
