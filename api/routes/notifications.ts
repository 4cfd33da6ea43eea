import { AppError, fieldError } from '../../domain/errors.ts';
import {
  MyNotificationsResponse,
  PushSubscriptionParams,
  PushSubscriptionResponse,
  SlackSettingsRequest,
  SlackSettingsResponse,
  SubscribePushRequest,
  UpdateNotificationPreferencesRequest,
  slackUrlHint,
  type MyNotifications,
} from '../../domain/schemas/notifications.ts';
import type { Member } from '../../domain/schemas/members.ts';
import type { Db } from '../../db/connect.ts';
import {
  deletePushSubscription,
  findNotificationPreferences,
  findOrCreateVapidKeys,
  findSlackWebhookUrl,
  listPushSubscriptions,
  saveNotificationPreferences,
  savePushSubscription,
  saveSlackWebhookUrl,
} from '../../db/notification-settings.ts';
import { generateVapidKeys } from '../../platform/web-push.ts';
import { targetProblem } from '../../platform/outbound.ts';
import type { ApiDeps } from '../deps.ts';
import { reply, route } from '../route.ts';

/** Every level sends to each of a member's browsers: enough for a laptop, a phone and a few more, and no flood. */
const maxBrowsersPerMember = 20;

/**
 * Notifications away from the console: each member chooses their channels (email; Web Push in each browser they
 * turn it on in), and an admin sets the workspace's Slack incoming webhook.
 */
export const notificationRoutes = [
  route({
    method: 'get',
    path: '/me/notifications',
    auth: 'member',
    tag: 'Notifications',
    summary: 'How handover notifications reach me away from the console',
    description: "For every member. Carries the installation's VAPID public key, which a browser subscribes to Web Push with.",
    status: 200,
    response: MyNotificationsResponse,
    handler: async ({ deps, caller }) => ({ notifications: await myNotifications(deps.db, caller.member) }),
  }),
  route({
    method: 'put',
    path: '/me/notifications',
    auth: 'member',
    tag: 'Notifications',
    summary: 'Turn email notifications on or off for me',
    description: 'Web Push is turned on and off per browser, with POST and DELETE /me/push-subscriptions.',
    body: UpdateNotificationPreferencesRequest,
    status: 200,
    response: MyNotificationsResponse,
    handler: async ({ deps, caller, body }) => {
      await saveNotificationPreferences(deps.db, caller.workspaceId, caller.member.id, { email: body.email });
      return { notifications: await myNotifications(deps.db, caller.member) };
    },
  }),
  route({
    method: 'post',
    path: '/me/push-subscriptions',
    auth: 'member',
    tag: 'Notifications',
    summary: "Turn Web Push on in this browser: store its push subscription for me",
    description:
      'The body is the PushSubscription the browser gave for the VAPID public key of GET /me/notifications. 201 when new; ' +
      `409 past ${maxBrowsersPerMember} browsers of one member; ` +
      'the same endpoint again answers 200 and keeps the newest keys (another member signing in in that browser takes it over). ' +
      'In production the endpoint must be https and not on a private address.',
    body: SubscribePushRequest,
    status: 201,
    response: PushSubscriptionResponse,
    errors: [409, 422],
    handler: async ({ deps, caller, body }) => {
      await assertPushEndpointAllowed(deps, body.endpoint);
      const saved = await savePushSubscription(
        deps.db,
        { workspaceId: caller.workspaceId, memberId: caller.member.id, endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth },
        maxBrowsersPerMember,
      );
      if (!saved) throw new AppError('conflict', `Push notifications are on in ${maxBrowsersPerMember} browsers of yours already: remove one first`);
      return saved.created ? { subscription: saved.subscription } : reply(200, { subscription: saved.subscription });
    },
  }),
  route({
    method: 'delete',
    path: '/me/push-subscriptions/:id',
    auth: 'member',
    tag: 'Notifications',
    summary: 'Turn Web Push off in a browser of mine',
    params: PushSubscriptionParams,
    status: 200,
    response: MyNotificationsResponse,
    errors: [404],
    handler: async ({ deps, caller, params }) => {
      if (!(await deletePushSubscription(deps.db, caller.workspaceId, caller.member.id, params.id))) {
        throw new AppError('not_found', 'No such push subscription of yours');
      }
      return { notifications: await myNotifications(deps.db, caller.member) };
    },
  }),
  route({
    method: 'get',
    path: '/settings/slack',
    auth: 'member',
    roles: ['admin'],
    tag: 'Notifications',
    summary: "Whether the workspace's Slack channel is told of handovers (never the whole URL)",
    status: 200,
    response: SlackSettingsResponse,
    errors: [403],
    handler: async ({ deps, caller }) => ({ slack: slackSettings(await findSlackWebhookUrl(deps.db, caller.workspaceId)) }),
  }),
  route({
    method: 'put',
    path: '/settings/slack',
    auth: 'member',
    roles: ['admin'],
    tag: 'Notifications',
    summary: 'Set the Slack-compatible incoming webhook that every notified level is posted to, or null to stop (admins)',
    description:
      'One message per notified level (the request, each escalation), to the channel the webhook posts to, for the whole ' +
      'workspace. The URL is a secret: it is kept, never shown again, and never logged. In production it must be https ' +
      'and not on a private address.',
    body: SlackSettingsRequest,
    status: 200,
    response: SlackSettingsResponse,
    errors: [403, 422],
    handler: async ({ deps, caller, body }) => {
      if (body.url !== null) await assertTargetAllowed(deps, body.url, ['url'], 'Slack webhook URL');
      await saveSlackWebhookUrl(deps.db, caller.workspaceId, body.url);
      return { slack: slackSettings(body.url) };
    },
  }),
];

async function myNotifications(db: Db, member: Member): Promise<MyNotifications> {
  const [preferences, subscriptions, slackUrl, keys] = await Promise.all([
    findNotificationPreferences(db, member.workspaceId, member.id),
    listPushSubscriptions(db, member.workspaceId, member.id),
    findSlackWebhookUrl(db, member.workspaceId),
    findOrCreateVapidKeys(db, generateVapidKeys),
  ]);
  return {
    email: preferences.email,
    emailAddress: member.email,
    webPush: { publicKey: keys.publicKey, subscriptions },
    slack: { configured: slackUrl !== null },
  };
}

function slackSettings(url: string | null) {
  return { configured: url !== null, urlHint: url === null ? null : slackUrlHint(url) };
}

async function assertPushEndpointAllowed(deps: ApiDeps, endpoint: string): Promise<void> {
  await assertTargetAllowed(deps, endpoint, ['endpoint'], 'Push endpoint');
}

/** Production calls only https addresses that are not private (SSRF), the rule webhook URLs follow too. */
async function assertTargetAllowed(deps: ApiDeps, url: string, path: string[], what: string): Promise<void> {
  const refused = await targetProblem(url, { allowPrivate: deps.allowPrivateWebhookTargets !== false, requireHttps: deps.production && deps.requireHttpsTargets !== false });
  if (refused) {
    throw fieldError(path, `${what} refused: ${refused}`);
  }
}
