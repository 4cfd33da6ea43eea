import { randomUUID } from 'node:crypto';
import {
  isGrpcDeadlineError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type proto from '@temporalio/proto';
import { AppError, isErrorCode } from '../domain/errors.ts';
import { handoverWorkflowId } from '../domain/handover.ts';
import { webhookRedeliveryWorkflowType, type DeliveryResult, type RedeliveryInput } from '../workflows/webhooks/definitions.ts';
import {
  agentMessageSignal,
  claimUpdate,
  customerLeftSignal,
  customerMessageSignal,
  endUpdate,
  handoverWorkflowType,
  searchAttributes,
  stateQuery,
  transferUpdate,
  type ClaimInput,
  type ClaimResult,
  type EndInput,
  type EndResult,
  type HandoverInput,
  type RelayMessage,
  type TransferInput,
} from '../workflows/handover/definitions.ts';

/**
 * The handover workflow as the API sees it: started by its type name, with the argument and result its
 * definitions declare, so the API never loads the workflow's code (its implementation is the worker's).
 */
type HandoverWorkflow = (input: HandoverInput) => Promise<EndResult>;

/**
 * Starts the handover's workflow, or finds it running: a repeated start is idempotent (USE_EXISTING), and a
 * later handover of the same conversation gets a new run (ALLOW_DUPLICATE).
 */
export async function startHandoverWorkflow(client: Client, taskQueue: string, input: HandoverInput): Promise<void> {
  await withinDeadline(client, () => client.workflow.start<HandoverWorkflow>(handoverWorkflowType, {
    taskQueue,
    workflowId: handoverWorkflowId(input.handoverId),
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: searchAttributes.status, value: 'pending' },
      { key: searchAttributes.workspaceId, value: input.workspaceId },
      { key: searchAttributes.conversationId, value: input.conversationExternalId },
      { key: searchAttributes.trigger, value: input.trigger },
      { key: searchAttributes.escalationLevel, value: 0 },
    ],
    memo: { reason: input.reason, customerName: input.customerName ?? 'Unknown customer' },
    staticSummary: `${input.customerName ?? 'A customer'}: ${input.reason}`,
    staticDetails: `Conversation ${input.conversationExternalId} (${input.trigger})`,
  }));
}

/** Sends a recorded webhook event again, with the usual retries, in a small workflow of its own. */
export async function startWebhookRedelivery(client: Client, taskQueue: string, input: RedeliveryInput): Promise<void> {
  await withinDeadline(client, () =>
    client.workflow.start<(input: RedeliveryInput) => Promise<DeliveryResult>>(webhookRedeliveryWorkflowType, {
      taskQueue,
      workflowId: `webhook-redelivery-${input.eventId}`,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [{ key: searchAttributes.workspaceId, value: input.workspaceId }],
      staticSummary: `Webhook redelivery of ${input.eventId}`,
    }),
  );
}

/** Whether Temporal answers, within the same bound as any request. */
export async function temporalReachable(client: Client): Promise<boolean> {
  return withinDeadline(client, () => client.workflowService.getSystemInfo({})).then(
    () => true,
    () => false,
  );
}

/**
 * How long a request waits for a claim, transfer or End to complete in the workflow. Past it the caller hears
 * 503 with Retry-After: the workflow may still apply the Update (a worker or PostgreSQL was slow or down), and
 * the same request sent again finds it applied or joins it.
 */
export const updateWaitMs = 5_000;
/**
 * How long a request waits for Temporal to take a start or a signal. Longer than for Updates: a signal needs no
 * worker, and the server can be slow for a moment around a continue-as-new; past it, 503 with Retry-After.
 * Every request is answered within 10 s: this, half a second more, and its own reads and writes fit in it.
 */
export const acceptWaitMs = 6_000;

/** Claim is an Update so the caller learns at once whether it won. */
export async function claimHandover(client: Client, handoverId: string, claim: ClaimInput): Promise<ClaimResult> {
  return executeHandoverUpdate(client, handoverId, () =>
    client.workflow
      .getHandle(handoverWorkflowId(handoverId))
      .executeUpdate(claimUpdate, { args: [claim], updateId: `claim-${randomUUID()}` }),
  );
}

export async function endHandover(client: Client, handoverId: string, end: EndInput): Promise<EndResult> {
  return executeHandoverUpdate(client, handoverId, () =>
    client.workflow.getHandle(handoverWorkflowId(handoverId)).executeUpdate(endUpdate, { args: [end], updateId: `end-${randomUUID()}` }),
  );
}

export async function transferHandover(client: Client, handoverId: string, transfer: TransferInput): Promise<void> {
  await executeHandoverUpdate(client, handoverId, () =>
    client.workflow
      .getHandle(handoverWorkflowId(handoverId))
      .executeUpdate(transferUpdate, { args: [transfer], updateId: `transfer-${randomUUID()}` }),
  );
}

/** Calls a request stopped waiting for, still running: the connection must not close under them. */
const abandonedCalls = new Set<Promise<unknown>>();

/**
 * Before the client's connection closes: the calls requests stopped waiting for have ended (the SDK's retry of
 * a call whose connection closed throws from a timer, which would end the process), or `timeoutMs` passed.
 */
export async function untilAbandonedCallsEnd(timeoutMs = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled([...abandonedCalls]), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

/**
 * Every call to Temporal from a request is bounded, so no request is left open: past the deadline the call
 * fails (DEADLINE_EXCEEDED) and the caller hears 503 with Retry-After. Repeating is safe: starts are
 * idempotent by workflow id, messages by their id, claims and Ends as the workflow answers them. gRPC may
 * report a deadline seconds late while it waits to reconnect to a server that is down, so the request stops
 * waiting half a second after it; the call, abandoned, may still land, which a repeat finds applied.
 */
async function withinDeadline<T>(client: Client, call: () => Promise<T>, waitMs = acceptWaitMs): Promise<T> {
  const running = client.withDeadline(Date.now() + waitMs, call);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const ended = running.then(() => undefined, () => undefined);
      abandonedCalls.add(ended);
      void ended.then(() => abandonedCalls.delete(ended));
      reject(new AppError('unavailable', 'Temporal did not answer in time; send the same request again shortly', { retryAfterSeconds: 2 }));
    }, waitMs + 500);
  });
  try {
    return await Promise.race([running, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** An Update within `updateWaitMs`, its business rejections as our errors, and running out of time as 503. */
async function executeHandoverUpdate<T>(client: Client, handoverId: string, update: () => Promise<T>): Promise<T> {
  try {
    return await withTemporalErrors(() => withinDeadline(client, update, updateWaitMs));
  } catch (error) {
    // The SDK's name for an Update call that ran out of time (DEADLINE_EXCEEDED) or was cancelled, or ours.
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || (error instanceof AppError && error.code === 'unavailable')) {
      throw new AppError('unavailable', 'The handover did not answer in time; send the same request again shortly', {
        handoverId,
        retryAfterSeconds: 2,
      });
    }
    throw error;
  }
}

/** A signal carries the whole message: once Temporal has it, it is durable even with no worker running. */
export async function relayMessage(client: Client, handoverId: string, message: RelayMessage): Promise<void> {
  const signal = message.sender === 'customer' ? customerMessageSignal : agentMessageSignal;
  await withTemporalErrors(() => withinDeadline(client, () => client.workflow.getHandle(handoverWorkflowId(handoverId)).signal(signal, message)));
}

export async function signalCustomerLeft(client: Client, handoverId: string): Promise<void> {
  await withTemporalErrors(() => withinDeadline(client, () => client.workflow.getHandle(handoverWorkflowId(handoverId)).signal(customerLeftSignal, {})));
}

/** What Temporal tells of a handover's workflow, for the workflow view (api/handover-workflow.ts). */
export interface HandoverWorkflowReading {
  description: WorkflowExecutionDescription;
  /** The `state` query's answer, unchecked (outside data), or why there is none. */
  state: { answer: unknown } | { problem: string };
  /** The current run's newest events (at most `historyReadLimit`), oldest first. */
  events: proto.temporal.api.history.v1.IHistoryEvent[];
  /** The run has older events than those read. */
  partial: boolean;
}

/**
 * How many of a run's newest events the view reads: a run continues as new at a few thousand, and a signal
 * carries its whole message, so reading more would move megabytes to show the same 60 lines.
 */
export const historyReadLimit = 2_000;
/** Each read is bounded on its own: describe, the query, then the history; a request is answered within 10 s. */
const viewReadWaitMs = 3_000;

/**
 * Describes the handover's workflow, asks its live state and reads its newest events; null when Temporal keeps no
 * such workflow (retention deleted it, or it never started). Temporal unreachable: 503, as any call.
 */
export async function readHandoverWorkflow(client: Client, handoverId: string): Promise<HandoverWorkflowReading | null> {
  const workflowId = handoverWorkflowId(handoverId);
  let description: WorkflowExecutionDescription;
  try {
    description = await withinDeadline(client, () => client.workflow.getHandle(workflowId).describe(), viewReadWaitMs);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
  const handle = client.workflow.getHandle(workflowId, description.runId);
  // The query first, then the history: a query waits for a workflow task in flight, so read side by side the state
  // could count a signal the history read had not yet seen. In this order the history holds all the state reflects.
  const state = await withinDeadline(client, () => handle.query(stateQuery), viewReadWaitMs).then(
    (answer): HandoverWorkflowReading['state'] => ({ answer }),
    (error: unknown): HandoverWorkflowReading['state'] => ({ problem: queryProblem(error) }),
  );
  const history = await withinDeadline(client, () => readNewestEvents(client, workflowId, description.runId), viewReadWaitMs);
  return { description, state, ...history };
}

/** The run's newest events, read backwards page by page up to the limit, returned oldest first. */
async function readNewestEvents(client: Client, workflowId: string, runId: string): Promise<Pick<HandoverWorkflowReading, 'events' | 'partial'>> {
  const events: proto.temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistoryReverse({
      namespace: client.options.namespace,
      execution: { workflowId, runId },
      maximumPageSize: Math.min(1_000, historyReadLimit - events.length),
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken && page.nextPageToken.length > 0 ? page.nextPageToken : undefined;
  } while (nextPageToken && events.length < historyReadLimit);
  return { events: events.reverse(), partial: nextPageToken !== undefined };
}

/** Why the live state could not be read, in words for the console. */
function queryProblem(error: unknown): string {
  if ((error instanceof AppError && error.code === 'unavailable') || isGrpcDeadlineError(error)) {
    return `No worker answered within ${viewReadWaitMs / 1000} seconds: the worker may be stopped or too busy`;
  }
  const message = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  return `The workflow could not answer${message ? `: ${message}` : ''}`;
}

/** Business rejections cross Temporal as ApplicationFailure types named like our error codes. */
async function withTemporalErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const failure = error.cause;
      if (isErrorCode(failure.type)) {
        const details = failure.details?.[0];
        throw new AppError(failure.type, failure.message, isRecord(details) ? details : {});
      }
    }
    if (error instanceof WorkflowNotFoundError) throw new AppError('handover_ended', 'This handover has ended');
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
