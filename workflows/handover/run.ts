// Runs in the workflow sandbox: deterministic code only.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.ts';
import { localRetryThreshold } from '../local-activities.ts';
import type { HandoverRefs } from '../../activities/refs.ts';
import type { HandoverInput, HandoverSnapshot, HandoverState } from './definitions.ts';
import type { EndRequest } from './ending.ts';

// Database writes are quick but must survive Postgres being down for a while: retry without a limit.
const writeOptions = {
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
} as const;

export const db = proxyActivities<Activities>(writeOptions);

/**
 * Relayed messages are stored by a local activity: run by the worker running the workflow, inside its workflow
 * task, with no trip through the task queue and no second workflow task to hear the result. A local activity
 * runs again when its workflow task fails, so only a write keyed by what it writes (messages by the sender's
 * ids) is one; a lifecycle step (a claim, an End) stays an ordinary activity, since a retried task may take
 * Updates in another order and read another workflow time. One attempt, then `locallyFirst` falls back.
 */
export const localDb = proxyLocalActivities<Activities>({
  // Long enough for a batch queued on a busy pool (which waits up to 5 s for a connection); short enough that
  // an Update waiting behind the task is answered within the API's wait after the fallback.
  startToCloseTimeout: '4 seconds',
  retry: { maximumAttempts: 1 },
  localRetryThreshold,
});

/** One run of a handover's workflow, as its parts (ladder, silence watch, handlers) see it. */
export interface HandoverRun {
  readonly input: HandoverInput;
  readonly state: HandoverState;
  readonly refs: HandoverRefs;
  /** A run that began before the delivery workflow and the write lane: it keeps the older behaviour to replay. */
  readonly legacy: boolean;
  /** Why the handover is to end, once a member, the customer or a timer asked. */
  endRequest: EndRequest | null;
  /** Numbers a change of the state just made and returns the state to write for it. */
  change(): HandoverSnapshot;
  /** Runs a recording activity after every one asked for before it. */
  record<T extends { webhookEventIds: string[] }>(activity: () => Promise<T>): Promise<T>;
  /** The server suggests a new run and nothing asked to end. */
  wantsContinueAsNew(): boolean;
}
