import type { Db } from '../db/connect.ts';
import { findDelivery, recordDeliveryAttempt, releaseFirstAttempt, takeForFirstAttempt } from '../db/webhook-outbox.ts';
import type { Logger } from '../platform/logger.ts';
import type { HandoverRefs } from './refs.ts';
import type { WebhookSender } from './webhook-send.ts';

/**
 * How long a first attempt holds its event: the send must begin within `startWithinMs` of taking it and gives up
 * after 10 s (webhook-send.ts), so by then it has ended, however it ended.
 */
export const firstAttemptHoldSeconds = 15;
const startWithinMs = 3_000;
/** A handover's batch past this is given up on, so the next one does not wait behind a hung query. */
const laneTimeoutMs = firstAttemptHoldSeconds * 1000;
/** At most this many handovers' first attempts run or wait in one worker process; past it the workflow sends. */
const maxLanes = 16;

/**
 * The first attempt at a message's webhook (an agent's, or the product's own to the customer), made by the
 * worker process that stored the message, as soon as it has handed the event to the handover's delivery workflow
 * (workflows/webhooks/delivery.ts). Through the workflow an event waits for a workflow task and an activity
 * after that; this attempt waits for nothing.
 *
 * The workflow stays the one that answers for every event; the attempt is made only where it cannot disturb it:
 * - It takes the event first (takeForFirstAttempt), for `firstAttemptHoldSeconds`, only while no other event of
 *   the handover waits for delivery, which it could overtake: every event handed over before this one was
 *   recorded before the hand-off ended, and the attempt begins after it. Its own batch is sent in order, and the
 *   first one it does not deliver ends the batch.
 * - The workflow's attempt at a held event waits for the hold to end (activities/webhooks.ts), so the receiver
 *   gets the event once, whichever worker either runs on.
 * - It records a delivery, or counts a failed attempt and lets go of the event at once; the workflow then sends,
 *   retries and logs it as it does every event.
 * A handover's batches run one after another in this process.
 */
export function createWebhookFirstAttempts(db: Db, send: WebhookSender, logger: Logger) {
  /** Each handover's latest batch: the next one begins after it. */
  const lanes = new Map<string, Promise<void>>();

  async function attemptInOrder(refs: HandoverRefs, eventIds: string[]): Promise<void> {
    for (const eventId of eventIds) {
      const event = { workspaceId: refs.workspaceId, handoverId: refs.handoverId, eventId };
      if (!(await takeForFirstAttempt(db, event, eventIds, firstAttemptHoldSeconds))) return;
      const takenAt = performance.now();
      const delivery = await findDelivery(db, refs.workspaceId, eventId);
      // Too late to begin within the hold (a slow database), or nothing to send: the workflow's, at once.
      if (!delivery || performance.now() - takenAt > startWithinMs) return releaseFirstAttempt(db, refs.workspaceId, eventId, null);
      const outcome = await send(delivery);
      if (outcome.kind === 'delivered') {
        await recordDeliveryAttempt(db, refs.workspaceId, eventId, { status: 'delivered', statusCode: outcome.statusCode, error: null, nextAttemptAt: null });
        continue;
      }
      const attempt =
        outcome.kind === 'rejected'
          ? { statusCode: outcome.statusCode, error: `HTTP ${outcome.statusCode}` }
          : outcome.kind === 'unreachable'
            ? { statusCode: null, error: outcome.error }
            : // Skipped or refused for good: the workflow's attempt records it as such.
              null;
      return releaseFirstAttempt(db, refs.workspaceId, eventId, attempt);
    }
  }

  return {
    /** Begins the first attempt at these events of the handover, recorded in this order and handed over. */
    begin(refs: HandoverRefs, eventIds: string[]): void {
      if (eventIds.length === 0 || (!lanes.has(refs.handoverId) && lanes.size >= maxLanes)) return;
      const previous = lanes.get(refs.handoverId) ?? Promise.resolve();
      const lane = previous.then(() => withTimeout(attemptInOrder(refs, eventIds), laneTimeoutMs)).catch((error: unknown) =>
        // Nothing is lost (the workflow sends what was not delivered, once the hold ends): worth a line, no more.
        logger.debug({ err: error, handoverId: refs.handoverId }, 'a first webhook attempt ended early; the delivery workflow sends the event'),
      );
      lanes.set(refs.handoverId, lane);
      void lane.finally(() => {
        if (lanes.get(refs.handoverId) === lane) lanes.delete(refs.handoverId);
      });
    },

    /** Resolves once every first attempt begun so far has ended (each within its lane's timeout). */
    async idle(): Promise<void> {
      await Promise.all(lanes.values());
    },
  };
}

export type WebhookFirstAttempts = ReturnType<typeof createWebhookFirstAttempts>;

/** The promise, or a rejection once `ms` have passed (the promise itself runs on; its hold ends by itself). */
function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  // A late failure of the promise, after the timeout won, is nobody's to handle.
  promise.catch(() => undefined);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
