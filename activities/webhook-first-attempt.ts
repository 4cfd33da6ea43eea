import type { Db } from '../db/connect.ts';
import { earlierDeliveryWaiting, findDelivery, recordDeliveryAttempt } from '../db/webhook-outbox.ts';
import type { Logger } from '../platform/logger.ts';
import type { HandoverRefs } from './refs.ts';
import type { WebhookSender } from './webhook-send.ts';

/** At most this many events on their first attempt at once in one worker process; past it they wait their turn. */
const maxInFlight = 64;

/**
 * The first attempt at a message's webhook (an agent's, or the product's own to the customer), begun in the
 * worker process the moment the message is stored, beside its hand-off to the handover's delivery workflow
 * (workflows/webhooks/delivery.ts). Through the workflow an event waits for a signal, a workflow task and a local
 * activity after the commit (about 45 ms of the agent message → webhook path measured in docs/benchmarks.md);
 * this attempt waits for nothing.
 *
 * The workflow stays the one that answers for every event: this attempt records only a delivery, never a
 * failure, so any event it did not deliver is the workflow's to send, retry and log, as before. And it keeps the
 * order the workflow keeps: a handover's attempts run one after another in this process, and an event is
 * attempted only while no event of its handover recorded before it waits for delivery (by this process or
 * any other): the first one that fails, or finds another waiting, ends the batch.
 * The workflow's attempt at an event waits for this one (`settled`), so one process sends an event once; a
 * workflow task on another worker may send it again, which receivers drop by its webhook-id as they drop any
 * repeat.
 */
export function createWebhookFirstAttempts(db: Db, send: WebhookSender, logger: Logger) {
  /** Each event's attempt, while it runs or waits its turn. */
  const attempts = new Map<string, Promise<void>>();
  /** Each handover's latest attempt: the next one begins after it. */
  const lanes = new Map<string, Promise<void>>();

  async function attemptInOrder(refs: HandoverRefs, eventIds: string[]): Promise<void> {
    // The batch's own events share one recording time, and those before this one were just delivered.
    for (const eventId of eventIds) {
      if (await earlierDeliveryWaiting(db, { workspaceId: refs.workspaceId, handoverId: refs.handoverId, eventId }, eventIds)) return;
      const delivery = await findDelivery(db, refs.workspaceId, eventId);
      if (!delivery || delivery.status !== 'pending') continue;
      const outcome = await send(delivery);
      if (outcome.kind !== 'delivered') return;
      await recordDeliveryAttempt(db, refs.workspaceId, eventId, { status: 'delivered', statusCode: outcome.statusCode, error: null, nextAttemptAt: null });
    }
  }

  return {
    /** Begins the first attempt at these events of the handover, recorded (committed) in this order. */
    begin(refs: HandoverRefs, eventIds: string[]): void {
      if (eventIds.length === 0 || attempts.size + eventIds.length > maxInFlight) return;
      const lane = (lanes.get(refs.handoverId) ?? Promise.resolve())
        .then(() => attemptInOrder(refs, eventIds))
        // Nothing is lost by a failed attempt (the workflow delivers the event); it is only worth a line in the log.
        .catch((error: unknown) => logger.warn({ err: error, handoverId: refs.handoverId }, 'a first webhook attempt failed; the delivery workflow sends it'));
      lanes.set(refs.handoverId, lane);
      for (const eventId of eventIds) attempts.set(eventId, lane);
      void lane.finally(() => {
        if (lanes.get(refs.handoverId) === lane) lanes.delete(refs.handoverId);
        for (const eventId of eventIds) if (attempts.get(eventId) === lane) attempts.delete(eventId);
      });
    },

    /** Resolves once no attempt at the event runs or waits in this process. */
    async settled(eventId: string): Promise<void> {
      await attempts.get(eventId);
    },
  };
}

export type WebhookFirstAttempts = ReturnType<typeof createWebhookFirstAttempts>;
