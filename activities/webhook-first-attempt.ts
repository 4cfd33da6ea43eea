import type { Db } from '../db/connect.ts';
import { webhookRetry } from '../domain/webhook-retry.ts';
import { recordDeliveryAttempt, releaseFirstAttempt, takeForFirstAttempt, type PendingDelivery } from '../db/webhook-outbox.ts';
import type { Logger } from '../platform/logger.ts';
import type { HandoverRefs } from './refs.ts';
import type { WebhookSender } from './webhook-send.ts';

/** How long a first attempt holds its event: time to take it, send it (10 s at most) and record what came of it. */
export const firstAttemptHoldSeconds = 15;
/** A send begins only while this much of the hold is left (the send's own 10 s, and 3 s to record it). */
const neededToSendMs = 13_000;
/** A handover's batch past this is given up on (and stops), so the next one does not wait behind a hung query. */
const laneTimeoutMs = firstAttemptHoldSeconds * 1000;
/** At most this many handovers' first attempts run or wait in one worker process; past it the workflow sends. */
const maxLanes = 16;

/**
 * The first attempt at an agent's message webhook, made by the worker process that stored the message, as soon as
 * it has handed the event to the handover's delivery workflow (workflows/webhooks/delivery.ts). Through the
 * workflow an event waits for a workflow task and an activity after that; this attempt waits for nothing.
 *
 * The workflow stays the one that answers for every event; the attempt is made only where it cannot disturb it:
 * - It takes the event first (takeForFirstAttempt), for `firstAttemptHoldSeconds`, only while no other event of
 *   the handover waits for delivery, which it could overtake: every event handed over before this one was
 *   recorded before the hand-off ended, and the attempt begins after it. Its own batch is sent in order, and the
 *   first one it does not deliver ends the batch.
 * - The workflow's attempt closes the event to first attempts before it reads it, and waits for a hold to end
 *   (activities/webhooks.ts), so the receiver gets the event once, whichever worker either runs on. A send begins
 *   only while most of the hold is left, by the database's clock.
 * - It records a delivery, or counts a failed attempt and lets go of the event (after the first backoff, as the
 *   workflow's own retries wait); the workflow then sends, retries and logs it as it does every event. Whatever
 *   else ends it (an error, a hung query given up on) lets go of the event too.
 * A handover's batches run one after another in this process.
 */
export function createWebhookFirstAttempts(db: Db, send: WebhookSender, logger: Logger) {
  /** Each handover's latest batch: the next one begins after it. */
  const lanes = new Map<string, Promise<void>>();
  /** Every batch still running, one given up on included: a worker that stops waits for them (`drain`). */
  const running = new Set<Promise<void>>();
  let draining = false;

  async function attemptInOrder(refs: HandoverRefs, eventIds: string[], lane: { abandoned: boolean }): Promise<void> {
    for (const eventId of eventIds) {
      if (lane.abandoned) return;
      const event = { workspaceId: refs.workspaceId, handoverId: refs.handoverId, eventId };
      // The hold ends no sooner than this: PostgreSQL reads its clock after the take is sent.
      const holdEndsAt = performance.now() + firstAttemptHoldSeconds * 1000;
      const delivery = await takeForFirstAttempt(db, event, eventIds, firstAttemptHoldSeconds);
      if (!delivery) return;
      if (!(await attemptTaken(refs.workspaceId, delivery, holdEndsAt, lane))) return;
    }
  }

  /** One taken event: sent if there is time, and never left held by an attempt that ended otherwise. True: delivered. */
  async function attemptTaken(workspaceId: string, delivery: PendingDelivery, holdEndsAt: number, lane: { abandoned: boolean }): Promise<boolean> {
    const eventId = delivery.id;
    let released = false;
    try {
      if (lane.abandoned || holdEndsAt - performance.now() < neededToSendMs) return false;
      const outcome = await send(delivery);
      if (outcome.kind === 'delivered') {
        await recordDeliveryAttempt(db, workspaceId, eventId, { status: 'delivered', statusCode: outcome.statusCode, error: null, nextAttemptAt: null });
        released = true;
        return true;
      }
      const attempt =
        outcome.kind === 'rejected'
          ? { statusCode: outcome.statusCode, error: `HTTP ${outcome.statusCode}` }
          : outcome.kind === 'unreachable'
            ? { statusCode: null, error: outcome.error }
            : // Skipped or refused for good: the workflow's attempt records it as such.
              null;
      // The workflow's attempt after the first backoff, as its own retries wait (a 410 or a Retry-After is then its).
      await releaseFirstAttempt(db, workspaceId, eventId, attempt, attempt ? webhookRetry.initialSeconds : 0);
      released = true;
      return false;
    } finally {
      if (!released) await releaseFirstAttempt(db, workspaceId, eventId, null).catch(() => undefined);
    }
  }

  return {
    /** Begins the first attempt at these events of the handover, recorded in this order and handed over. */
    begin(refs: HandoverRefs, eventIds: string[]): void {
      if (draining || eventIds.length === 0 || (!lanes.has(refs.handoverId) && lanes.size >= maxLanes)) return;
      const previous = lanes.get(refs.handoverId) ?? Promise.resolve();
      const state = { abandoned: false };
      const attempt = () => {
        const batch = attemptInOrder(refs, eventIds, state);
        const settled = batch.catch(() => undefined);
        running.add(settled);
        void settled.finally(() => running.delete(settled));
        return withTimeout(batch, laneTimeoutMs, () => (state.abandoned = true));
      };
      const lane = previous
        .then(attempt)
        .catch((error: unknown) =>
          // Nothing is lost (the workflow sends what was not delivered, once the hold ends), but a failing
          // database or a hung query is worth knowing of.
          logger.warn({ err: error, handoverId: refs.handoverId }, 'a first webhook attempt ended early; the delivery workflow sends the event'),
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

    /**
     * Begins no more, and waits (at most a hold's length) for those running to record what came of them: a
     * worker that stopped with one in flight would leave its event held, to be sent again after the hold.
     */
    async drain(): Promise<void> {
      draining = true;
      await withTimeout(Promise.all([...lanes.values(), ...running]).then(() => undefined), laneTimeoutMs, () => undefined).catch(() => undefined);
    },
  };
}

export type WebhookFirstAttempts = ReturnType<typeof createWebhookFirstAttempts>;

/** The promise, or a rejection once `ms` have passed, when `onTimeout` tells the promise to stop. */
function withTimeout(promise: Promise<void>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  // A late failure of the promise, after the timeout won, is nobody's to handle.
  promise.catch(() => undefined);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`gave up after ${ms} ms`));
    }, ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
