import { z } from './zod.ts';
import { Id, IsoTime } from './common.ts';

/** Base64url (the Push API's encoding of subscription keys) that decodes to `bytes` bytes, the first `first` when given. */
function base64url(bytes: number, what: string, first?: number) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `must be base64url, as the browser gives ${what}`)
    .max(200)
    .refine((text) => {
      const decoded = decode(text);
      return decoded !== null && decoded.length === bytes && (first === undefined || decoded.charCodeAt(0) === first);
    }, `must be the browser's ${what} (${bytes} bytes)`);
}

function decode(text: string): string | null {
  try {
    // atob rather than Buffer: the console imports these schemas in the browser too.
    return atob(text.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, ''));
  } catch {
    return null;
  }
}

export const PushSubscriptionSummary = z
  .object({
    id: Id,
    endpoint: z.string().meta({ description: "The browser's push service address; the console finds this browser's subscription by it" }),
    createdAt: IsoTime,
  })
  .meta({ id: 'PushSubscription', description: 'A browser in which the member turned Web Push on' });
export type PushSubscriptionSummary = z.infer<typeof PushSubscriptionSummary>;

export const MyNotifications = z
  .object({
    email: z.boolean().meta({ description: 'Email notifications, to the address the member signs in with; off until turned on' }),
    emailAddress: z.string(),
    webPush: z.object({
      publicKey: z.string().meta({ description: "The installation's VAPID public key: the applicationServerKey to subscribe with" }),
      subscriptions: z.array(PushSubscriptionSummary),
    }),
    slack: z.object({
      configured: z.boolean().meta({ description: "Whether the workspace's Slack channel is told too (an admin sets it up)" }),
    }),
  })
  .meta({ id: 'MyNotifications', description: 'How handover notifications reach this member away from the console' });
export type MyNotifications = z.infer<typeof MyNotifications>;

export const MyNotificationsResponse = z.object({ notifications: MyNotifications }).meta({ id: 'MyNotificationsResponse' });
export type MyNotificationsResponse = z.infer<typeof MyNotificationsResponse>;

export const UpdateNotificationPreferencesRequest = z
  .object({ email: z.boolean().meta({ description: 'Email notifications on or off' }) })
  .strict()
  .meta({ id: 'UpdateNotificationPreferencesRequest' });
export type UpdateNotificationPreferencesRequest = z.infer<typeof UpdateNotificationPreferencesRequest>;

export const SubscribePushRequest = z
  .object({
    endpoint: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .meta({ description: 'PushSubscription.endpoint; https only in production' }),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({
      p256dh: base64url(65, 'p256dh key', 4),
      auth: base64url(16, 'auth secret'),
    }),
  })
  .meta({ id: 'SubscribePushRequest', description: "The browser's PushSubscription, as its toJSON() gives it" });
export type SubscribePushRequest = z.infer<typeof SubscribePushRequest>;

export const PushSubscriptionResponse = z.object({ subscription: PushSubscriptionSummary }).meta({ id: 'PushSubscriptionResponse' });
export const PushSubscriptionParams = z.object({ id: Id });

export const SlackSettings = z
  .object({
    configured: z.boolean(),
    urlHint: z
      .string()
      .nullable()
      .meta({ description: 'The address with its secret part hidden, to recognise it by; the whole URL is never shown again' }),
  })
  .meta({ id: 'SlackSettings' });
export type SlackSettings = z.infer<typeof SlackSettings>;

export const SlackSettingsResponse = z.object({ slack: SlackSettings }).meta({ id: 'SlackSettingsResponse' });
export type SlackSettingsResponse = z.infer<typeof SlackSettingsResponse>;

export const SlackSettingsRequest = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .meta({ description: 'A Slack-compatible incoming webhook URL (https only in production); null turns Slack notifications off' }),
  })
  .strict()
  .meta({ id: 'SlackSettingsRequest' });
export type SlackSettingsRequest = z.infer<typeof SlackSettingsRequest>;

/** What an admin sees of the Slack URL: where it points, and the last four characters of its secret path. */
export function slackUrlHint(url: string): string {
  const parsed = new URL(url);
  const tail = `${parsed.pathname}${parsed.search}`.replace(/\/+$/, '');
  return `${parsed.origin}/…${tail.slice(-4)}`;
}
