// The first attempt at a message's webhook, begun as the message is stored (activities/webhook-first-attempt.ts),
// against a real PostgreSQL and a local receiver, with no workflow running: what it sends, what it records, and
// what it leaves to the delivery workflow (anything it did not deliver, and anything that would overtake an event
// of the handover still waiting).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWebhookFirstAttempts } from '../../activities/webhook-first-attempt.ts';
import { createWebhookSender } from '../../activities/webhook-send.ts';
import { createDb, type Db } from '../../db/connect.ts';
import { saveWebhookEndpoint } from '../../db/webhook-endpoints.ts';
import { enqueueWebhookEvents } from '../../db/webhook-outbox.ts';
import { createLogger } from '../../platform/logger.ts';
import { createWorkspace } from '../support/factories.ts';
import { eventually } from '../support/http.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

let db: Db;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 4 });
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await db?.destroy();
});

/** A workspace whose endpoint is the receiver, a handover's refs, and a way to record its message events. */
async function arrange() {
  const workspace = await createWorkspace(db);
  await saveWebhookEndpoint(db, workspace.id, { url: receiver.url, secret: receiver.secret, replaceSecret: true, previousSecretExpiresAt: new Date() });
  const refs = { workspaceId: workspace.id, handoverId: randomUUID(), conversationId: randomUUID(), conversationExternalId: 'c-1', handOff: true as const };
  const record = async (...bodies: string[]) => {
    const events = bodies.map((body) => ({
      id: `${randomUUID()}.message`,
      workspaceId: workspace.id,
      type: 'handover.message' as const,
      data: { handoverId: refs.handoverId, body },
    }));
    await enqueueWebhookEvents(db, events);
    return events.map((event) => event.id);
  };
  const deliveries = async (ids: string[]) =>
    (await db.selectFrom('webhook_deliveries').select(['id', 'status', 'attempts']).where('id', 'in', ids).execute()).sort(
      (a, b) => ids.indexOf(a.id) - ids.indexOf(b.id),
    );
  const firstAttempts = createWebhookFirstAttempts(db, createWebhookSender({ allowPrivateTargets: true, requireHttpsTargets: false }), createLogger('silent', 'test'));
  return { refs, record, deliveries, firstAttempts };
}

const bodiesAtReceiver = (handoverId: string) =>
  receiver.received.filter((event) => event.data.handoverId === handoverId).map((event) => event.data.body as string);

describe('the first attempt at a message webhook', () => {
  it('sends a handover’s events in the order recorded, each once, and records them delivered', async () => {
    const { refs, record, deliveries, firstAttempts } = await arrange();
    const first = await record('one', 'two');
    firstAttempts.begin(refs, first);
    const second = await record('three');
    firstAttempts.begin(refs, second);
    await firstAttempts.settled(second[0]!);
    expect(bodiesAtReceiver(refs.handoverId)).toEqual(['one', 'two', 'three']);
    expect(await deliveries([...first, ...second])).toEqual([...first, ...second].map((id) => ({ id, status: 'delivered', attempts: 1 })));
  });

  it('sends nothing while an earlier event of the handover waits for delivery, and leaves the new ones pending', async () => {
    const { refs, record, deliveries, firstAttempts } = await arrange();
    // Recorded earlier, not yet delivered by its workflow (a receiver that was down, or a workflow task to come).
    const [waiting] = await record('earlier');
    await db.updateTable('webhook_deliveries').set({ created_at: new Date(Date.now() - 1_000) }).where('id', '=', waiting!).execute();
    const later = await record('later');
    // One recorded after it waits too, and holds back nothing (the workflow's queue has it behind).
    const [after] = await record('after');
    firstAttempts.begin(refs, later);
    await firstAttempts.settled(later[0]!);
    expect(bodiesAtReceiver(refs.handoverId)).toEqual([]);
    expect(await deliveries([waiting!, ...later])).toEqual([waiting!, ...later].map((id) => ({ id, status: 'pending', attempts: 0 })));
    // Once the earlier one is delivered (by its workflow), the next first attempt goes ahead.
    await db.updateTable('webhook_deliveries').set({ status: 'delivered' }).where('id', 'in', [waiting!, ...later]).execute();
    await db.updateTable('webhook_deliveries').set({ created_at: new Date(Date.now() + 1_000) }).where('id', '=', after!).execute();
    const last = await record('last');
    firstAttempts.begin(refs, last);
    await firstAttempts.settled(last[0]!);
    expect(bodiesAtReceiver(refs.handoverId)).toEqual(['last']);
  });

  it('records nothing of an attempt the receiver refuses, and stops there: the rest is the workflow’s', async () => {
    const { refs, record, deliveries, firstAttempts } = await arrange();
    receiver.failWith = 503;
    try {
      const ids = await record('refused', 'behind it');
      firstAttempts.begin(refs, ids);
      await firstAttempts.settled(ids[1]!);
      expect(receiver.refused).toContain(ids[0]);
      expect(receiver.refused).not.toContain(ids[1]);
      expect(await deliveries(ids)).toEqual(ids.map((id) => ({ id, status: 'pending', attempts: 0 })));
    } finally {
      receiver.failWith = null;
    }
  });

  it('lets the workflow’s attempt wait for one under way, which then finds the event delivered', async () => {
    const { refs, record, deliveries, firstAttempts } = await arrange();
    receiver.delayMs = 300;
    try {
      const [id] = await record('slow');
      firstAttempts.begin(refs, [id!]);
      let settled = false;
      const waiting = firstAttempts.settled(id!).then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(settled).toBe(false);
      await waiting;
      expect(await deliveries([id!])).toEqual([{ id, status: 'delivered', attempts: 1 }]);
    } finally {
      receiver.delayMs = 0;
    }
    await eventually(async () => (bodiesAtReceiver(refs.handoverId).length === 1 ? true : undefined), 'the one delivery');
  });
});
