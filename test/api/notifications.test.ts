import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { handoverWorkflowId } from '../../domain/handover.ts';
import type { EscalationLadder } from '../../domain/policy.ts';
import { enqueueNotificationDeliveries, listNotificationDeliveries } from '../../db/notification-outbox.ts';
import { createLogger } from '../../platform/logger.ts';
import { smtpEmailSender, type EmailSender } from '../../platform/email.ts';
import {
  notificationDeliveriesSignal,
  notificationDeliveryWorkflowId,
  notificationDeliveryWorkflowType,
  pendingNotificationsQuery,
} from '../../workflows/notifications/definitions.ts';
import { createWorkspace, type TestMember, type TestWorkspace } from '../support/factories.ts';
import { recordHistoryIfAsked } from '../support/histories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { MailServer, PushService, SlackReceiver } from '../support/notification-receivers.ts';
import { pendingHandover, pushSubscription } from '../support/scenarios.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Notifications away from the console, end to end: the real workflows and activities send to stand-ins for what
// lies outside the product (an SMTP server, a Web Push service, a Slack incoming webhook).

// Each level a second apart: the request tells the handover members, level 1 the supervisors and admins too,
// level 2 everyone; the handover closes well after, so that no notification finds it ended (it would be skipped).
const ladder: EscalationLadder = {
  levels: [
    { afterSeconds: 1, notify: 'supervisors' },
    { afterSeconds: 2, notify: 'everyone' },
  ],
  fallback: { afterSeconds: 5, action: 'close', customerMessage: 'Nobody is free right now.' },
};

let stack: TestStack;
let emailSender: EmailSender;
const mail = new MailServer();
const push = new PushService();
const slack = new SlackReceiver();

beforeAll(async () => {
  await Promise.all([mail.start(), push.start(), slack.start()]);
  emailSender = smtpEmailSender(mail.url, 'Handover <handover@test.test>');
  stack = await startTestStack({ emailSender });
});
afterAll(async () => {
  await stack?.stop();
  emailSender?.close();
  await Promise.all([mail.stop(), push.stop(), slack.stop()]);
});

type TimelineEvent = { type: string; data: Record<string, any> };

async function signIn(member: TestMember): Promise<ApiClient> {
  return ApiClient.signIn(stack.baseUrl, member);
}

/** Waits until the handover's notification workflow has nothing left to send. */
async function notificationsSettled(workspace: TestWorkspace, handoverId: string): Promise<void> {
  await eventually(async () => {
    const deliveries = await listNotificationDeliveries(stack.db, workspace.id, handoverId);
    return deliveries.length > 0 && deliveries.every((delivery) => delivery.status !== 'pending') ? true : undefined;
  }, 'every notification to be sent');
}

async function timeline(client: ApiClient, handoverId: string): Promise<TimelineEvent[]> {
  return (await client.get(`/handovers/${handoverId}/events`)).body.events;
}

/** Who was told what, as [recipient name or slack, channel, level], sorted. */
function told(events: TimelineEvent[], type = 'notification_sent'): string[] {
  return events
    .filter((event) => event.type === type)
    .map((event) => `${event.data.recipient?.name ?? 'slack'} ${event.data.channel} ${event.data.level}`)
    .sort();
}

describe('notifications away from the console', () => {
  it('tells each level of the ladder on the channels each member chose, and puts every one sent on the timeline', async () => {
    const workspace = await createWorkspace(stack.db, { escalation: ladder, returnToAi: false });
    const [ana, ben, sam, cara, admin] = await Promise.all(
      [workspace.ana, workspace.ben, workspace.supervisor, workspace.cara, workspace.admin].map(signIn),
    ) as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
    // Ana: email, and Web Push in two browsers, one of which is gone (its push service answers 410).
    expect((await ana.put('/me/notifications', { email: true })).body.notifications.email).toBe(true);
    const anaLaptop = `ana-laptop-${randomUUID()}`;
    const anaOldPhone = `ana-old-phone-${randomUUID()}`;
    expect((await ana.post('/me/push-subscriptions', push.subscribe(anaLaptop))).status).toBe(201);
    expect((await ana.post('/me/push-subscriptions', push.subscribe(anaOldPhone, 410))).status).toBe(201);
    // Ben turned email on, then off again: he opted out, and has no browser subscribed.
    await ben.put('/me/notifications', { email: true });
    expect((await ben.put('/me/notifications', { email: false })).body.notifications).toMatchObject({ email: false, webPush: { subscriptions: [] } });
    // Sam (supervisor) and Cara (not on the handover team) by email; the workspace's Slack channel too.
    await sam.put('/me/notifications', { email: true });
    await cara.put('/me/notifications', { email: true });
    expect((await admin.put('/settings/slack', { url: slack.url })).body.slack).toEqual({ configured: true, urlHint: expect.stringMatching(/\/…oken$/) });

    const { handoverId, conversationId, customerName } = await pendingHandover(stack.db, stack.baseUrl, workspace, { reason: 'Wants a refund for order 1234' });
    // The customer's own words are never in a notification, only the reason.
    await ApiClient.forApiKey(stack.baseUrl, workspace.apiKey).post(`/conversations/${conversationId}/messages`, { body: 'my card number is 4111 1111', clientMessageId: 'c-1' });
    await stack.temporal.workflow.getHandle(handoverWorkflowId(handoverId)).result();
    await notificationsSettled(workspace, handoverId);
    const delivery = stack.temporal.workflow.getHandle(notificationDeliveryWorkflowId(handoverId));
    await eventually(async () => ((await delivery.query(pendingNotificationsQuery)).length === 0 ? true : undefined), 'the notification workflow to be idle');
    // Recorded while it waits for more (it would complete a minute later, with nothing new in its history).
    await recordHistoryIfAsked(delivery, 'notification-delivery-three-levels', { finished: false });

    // The timeline: every notification sent, by recipient, channel and level; Ben never.
    const events = await timeline(admin, handoverId);
    expect(told(events)).toEqual(
      [
        'Ana Lopez email 0', 'Ana Lopez web_push 0', 'slack slack 0',
        'Ana Lopez email 1', 'Ana Lopez web_push 1', 'Sam Supervisor email 1', 'slack slack 1',
        'Ana Lopez email 2', 'Ana Lopez web_push 2', 'Sam Supervisor email 2', 'Cara Diaz email 2', 'slack slack 2',
      ].sort(),
    );
    expect(events.find((event) => event.type === 'notification_sent' && event.data.channel === 'web_push')?.data).toEqual({
      channel: 'web_push',
      level: 0,
      audience: 'members',
      recipient: { id: workspace.ana.id, name: 'Ana Lopez' },
      devices: 1,
    });
    expect(told(events, 'notification_failed')).toEqual([]);

    // Email: to the address each signs in with, once per level; none to Ben.
    const url = `${stack.baseUrl}/conversations/${handoverId}`;
    const subjects = (member: TestMember) => mail.to(member.email).map((email) => email.subject).sort();
    expect(subjects(workspace.ana)).toEqual(
      [`${customerName} is waiting for a person`, `${customerName} is still waiting (escalation level 1)`, `${customerName} is still waiting (escalation level 2)`].sort(),
    );
    expect(subjects(workspace.supervisor)).toHaveLength(2);
    expect(subjects(workspace.cara)).toEqual([`${customerName} is still waiting (escalation level 2)`]);
    expect(mail.to(workspace.ben.email)).toEqual([]);
    expect(mail.to(workspace.admin.email)).toEqual([]);
    const first = mail.to(workspace.ana.email)[0];
    expect(first?.text).toContain('The customer asked for a person: Wants a refund for order 1234');
    expect(first?.text).toContain(url);
    expect(first?.from).toBe('handover@test.test');

    // Web Push: encrypted for Ana's laptop and signed with the installation's key; the gone phone was removed.
    const pushes = push.pushesTo(anaLaptop);
    expect(pushes.map((received) => received.payload.title).sort()).toEqual(subjects(workspace.ana));
    expect(pushes[0]?.payload).toMatchObject({ url, tag: `handover-${handoverId}` });
    expect(pushes[0]?.claims.sub).toBe('mailto:handover@test.test');
    const { body: mine } = await ana.get('/me/notifications');
    expect(new Set(pushes.map((received) => received.vapidPublicKey))).toEqual(new Set([mine.notifications.webPush.publicKey]));
    expect(push.requests.filter((name) => name === anaOldPhone)).toEqual([anaOldPhone]);
    expect(mine.notifications.webPush.subscriptions.map((subscription: { endpoint: string }) => subscription.endpoint)).toEqual([
      expect.stringContaining(anaLaptop),
    ]);
    expect(push.refused).toEqual([]);

    // Slack: one message per level, with a link to the handover.
    const slackTexts = slack.received.filter((message) => message.text.includes(customerName)).map((message) => message.text);
    expect(slackTexts).toHaveLength(3);
    for (const text of slackTexts) expect(text).toContain(url);

    // Nothing carried the customer's messages.
    const everything = JSON.stringify([mail.received, push.received.map((received) => received.payload), slack.received]);
    expect(everything).not.toContain('4111');
  });

  it('sends nothing twice when the hand-over or the delivery runs again', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await signIn(workspace.ana);
    await ana.put('/me/notifications', { email: true });
    const browser = `ana-${randomUUID()}`;
    await ana.post('/me/push-subscriptions', push.subscribe(browser));
    const { handoverId } = await pendingHandover(stack.db, stack.baseUrl, workspace);
    await notificationsSettled(workspace, handoverId);
    const deliveryIds = (await listNotificationDeliveries(stack.db, workspace.id, handoverId)).map((delivery) => delivery.id);
    expect(deliveryIds.sort()).toEqual([`notified:${handoverId}:0:${workspace.ana.id}:email`, `notified:${handoverId}:0:${workspace.ana.id}:web_push`]);
    const sentBefore = { emails: mail.to(workspace.ana.email).length, pushes: push.pushesTo(browser).length };
    expect(sentBefore).toEqual({ emails: 1, pushes: 1 });

    // The step's hand-off again (as a retried activity does it), to the workflow still waiting for more.
    await stack.temporal.workflow.signalWithStart(notificationDeliveryWorkflowType, {
      workflowId: notificationDeliveryWorkflowId(handoverId),
      taskQueue: stack.taskQueue,
      args: [{ workspaceId: workspace.id, handoverId }],
      signal: notificationDeliveriesSignal,
      signalArgs: [{ deliveryIds }],
    });
    const handle = stack.temporal.workflow.getHandle(notificationDeliveryWorkflowId(handoverId));
    await eventually(async () => ((await handle.query(pendingNotificationsQuery)).length === 0 ? true : undefined), 'the repeated hand-off to be done');
    // And the delivery activity itself, run again as a retry would.
    const activities = createActivities({ db: stack.db, logger: createLogger('silent', 'test'), allowPrivateWebhookTargets: true });
    const results = await Promise.all(
      deliveryIds.map((deliveryId) => new MockActivityEnvironment().run(activities.deliverNotification, { workspaceId: workspace.id, deliveryId })),
    );
    expect(results).toEqual(['sent', 'sent']);

    expect({ emails: mail.to(workspace.ana.email).length, pushes: push.pushesTo(browser).length }).toEqual(sentBefore);
    expect(told(await timeline(ana, handoverId))).toEqual(['Ana Lopez email 0', 'Ana Lopez web_push 0']);
  });

  it('records a notification Slack refuses for good as failed on the timeline, without retrying it', async () => {
    const workspace = await createWorkspace(stack.db);
    const gone = new SlackReceiver();
    await gone.start();
    gone.answer = 404;
    try {
      const admin = await signIn(workspace.admin);
      await admin.put('/settings/slack', { url: gone.url });
      const { handoverId } = await pendingHandover(stack.db, stack.baseUrl, workspace);
      await notificationsSettled(workspace, handoverId);
      const events = await timeline(admin, handoverId);
      expect(told(events, 'notification_failed')).toEqual(['slack slack 0']);
      expect(events.find((event) => event.type === 'notification_failed')?.data.error).toBe('Slack answered 404: check the webhook URL in Notifications');
      expect(JSON.stringify(events)).not.toContain('a-secret-slack-token');
      expect(gone.requests).toBe(1);
    } finally {
      await gone.stop();
    }
  });
});

describe('choosing how notifications reach me', () => {
  it('keeps email off until turned on, stores a browser once (twenty at most), and lets only its member remove it', async () => {
    const workspace = await createWorkspace(stack.db);
    const [ana, ben] = await Promise.all([signIn(workspace.ana), signIn(workspace.ben)]);
    const { body: initial } = await ana.get('/me/notifications');
    expect(initial.notifications).toEqual({
      email: false,
      emailAddress: workspace.ana.email,
      webPush: { publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{87}$/), subscriptions: [] },
      slack: { configured: false },
    });
    // The installation's key is kept: every member gets the same one, on every call.
    expect((await ben.get('/me/notifications')).body.notifications.webPush.publicKey).toBe(initial.notifications.webPush.publicKey);

    const browser = push.subscribe(`browser-${randomUUID()}`);
    const created = await ana.post('/me/push-subscriptions', browser);
    expect(created.status).toBe(201);
    const again = await ana.post('/me/push-subscriptions', browser);
    expect(again.status).toBe(200);
    expect(again.body.subscription.id).toBe(created.body.subscription.id);

    // Twenty browsers at most: the twenty-first is refused, one already on is still taken again.
    for (let count = 1; count < 20; count += 1) await pushSubscription(stack.db, workspace.id, workspace.ana.id);
    const tooMany = await ana.post('/me/push-subscriptions', push.subscribe(`browser-${randomUUID()}`));
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('remove one first') });
    expect((await ana.post('/me/push-subscriptions', browser)).status).toBe(200);
    await stack.db.deleteFrom('push_subscriptions').where('member_id', '=', workspace.ana.id).where('id', '<>', created.body.subscription.id).execute();

    const byBen = await ben.request('DELETE', `/me/push-subscriptions/${created.body.subscription.id}`);
    expect(byBen.status).toBe(404);
    const removed = await ana.request('DELETE', `/me/push-subscriptions/${created.body.subscription.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.notifications.webPush.subscriptions).toEqual([]);
  });

  it('keeps a member to twenty browsers when many subscribe at once (the cap was checked, then inserted)', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await signIn(workspace.ana);
    const answers = await Promise.all(Array.from({ length: 30 }, () => ana.post('/me/push-subscriptions', push.subscribe(`browser-${randomUUID()}`))));
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(20).fill(201), ...Array(10).fill(409)]);
    const stored = await stack.db.selectFrom('push_subscriptions').select('id').where('member_id', '=', workspace.ana.id).execute();
    expect(stored).toHaveLength(20);
  });

  it('gives a browser to whoever subscribed it last, in any workspace: the member before is no longer alerted there', async () => {
    // Chosen over a subscription per workspace: a shared browser whose last session expired (no sign-out took its
    // subscription back) would otherwise go on showing the earlier member's handovers to the next person there.
    const first = await createWorkspace(stack.db);
    const second = await createWorkspace(stack.db);
    const browser = push.subscribe(`browser-${randomUUID()}`);
    const subscriptions = async (member: TestMember) =>
      (await (await signIn(member)).get('/me/notifications')).body.notifications.webPush.subscriptions.map((entry: { id: string }) => entry.id);
    const inFirst = await (await signIn(first.ana)).post('/me/push-subscriptions', browser);
    expect(inFirst.status).toBe(201);
    const inSecond = await (await signIn(second.ana)).post('/me/push-subscriptions', browser);
    expect(inSecond.status).toBe(200);
    expect(await subscriptions(first.ana)).toEqual([]);
    expect(await subscriptions(second.ana)).toEqual([inFirst.body.subscription.id]);
    // The first member's own calls cannot reach it now: it is another workspace's.
    expect((await (await signIn(first.ana)).request('DELETE', `/me/push-subscriptions/${inFirst.body.subscription.id}`)).status).toBe(404);
  });

  it("keeps the workspace's Slack URL a secret: shown only as a hint, and turned off with null", async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await signIn(workspace.admin);
    expect((await admin.get('/settings/slack')).body).toEqual({ slack: { configured: false, urlHint: null } });
    const url = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXabcd';
    const saved = await admin.put('/settings/slack', { url });
    expect(saved.body).toEqual({ slack: { configured: true, urlHint: 'https://hooks.slack.com/…abcd' } });
    expect(JSON.stringify((await admin.get('/settings/slack')).body)).not.toContain('XXXX');
    expect((await (await signIn(workspace.ana)).get('/me/notifications')).body.notifications.slack).toEqual({ configured: true });
    expect((await admin.put('/settings/slack', { url: null })).body).toEqual({ slack: { configured: false, urlHint: null } });
  });
  it('tells the audience again when a requeued handover waits again (found by a cold review)', async () => {
    const requeueLadder: EscalationLadder = { levels: [{ afterSeconds: 1, notify: 'members' }], fallback: { afterSeconds: 120, action: 'close', customerMessage: 'Nobody is free right now.' } };
    const workspace = await createWorkspace(stack.db, { escalation: requeueLadder, returnToAi: false, assigneeResponseSeconds: 2 });
    const ana = await signIn(workspace.ana);
    const ben = await signIn(workspace.ben);
    await ben.put('/me/notifications', { email: true });
    const { handoverId, conversationId } = await pendingHandover(stack.db, stack.baseUrl, workspace);
    await eventually(async () => (mail.to(workspace.ben.email).length >= 2 ? true : undefined), 'two emails to Ben (the request, level 1)', 20_000);
    expect((await ana.post(`/handovers/${handoverId}/claim`)).status).toBe(200);
    // Ana stays silent after the customer writes: the handover is requeued and waits again.
    await ApiClient.forApiKey(stack.baseUrl, workspace.apiKey).post(`/conversations/${conversationId}/messages`, { body: 'hello?', clientMessageId: 'c-1' });
    // Told again at the requeue and at level 1 of the new wait.
    await eventually(async () => (mail.to(workspace.ben.email).length >= 4 ? true : undefined), 'Ben to be told again after the requeue', 30_000);
    const events = (await ana.get(`/handovers/${handoverId}/events`)).body.events as { type: string }[];
    expect(events.filter((event) => event.type === 'notified').length).toBe(4);
  }, 60_000);
  it("keeps the mail server's own words and address off the timeline: its kind of failure only", async () => {
    const workspace = await createWorkspace(stack.db);
    const { handoverId } = await pendingHandover(stack.db, stack.baseUrl, workspace);
    const [deliveryId] = await enqueueNotificationDeliveries(stack.db, [
      { workspaceId: workspace.id, handoverId, level: 0, audience: 'members', channel: 'email', memberId: workspace.ana.id, round: 9 },
    ]);
    const refusing: EmailSender = {
      send: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:587'), { code: 'ECONNREFUSED' })),
      close: () => {},
    };
    const activities = createActivities({
      db: stack.db,
      logger: createLogger('silent', 'test'),
      allowPrivateWebhookTargets: true,
      notifications: { emailSender: refusing, consoleUrl: stack.baseUrl, vapidSubject: 'mailto:handover@test.test', requireHttps: false },
    });
    await expect(new MockActivityEnvironment().run(activities.deliverNotification, { workspaceId: workspace.id, deliveryId: deliveryId! })).rejects.toThrow(
      'The mail server did not take it (ECONNREFUSED)',
    );
    const row = await stack.db.selectFrom('notification_deliveries').select('last_error').where('id', '=', deliveryId!).executeTakeFirstOrThrow();
    expect(row.last_error).toBe('The mail server did not take it (ECONNREFUSED)');
  });
});
