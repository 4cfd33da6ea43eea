import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { lockMemberRow } from './members.ts';
import { isUuid } from './ids.ts';

/** What a member chose: email on or off (off until they turn it on). Web Push is their push subscriptions. */
export async function findNotificationPreferences(db: Db, workspaceId: string, memberId: string): Promise<{ email: boolean }> {
  const row = await db
    .selectFrom('notification_preferences')
    .select('email')
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return { email: row?.email ?? false };
}

export async function saveNotificationPreferences(db: Db, workspaceId: string, memberId: string, preferences: { email: boolean }): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values({ workspace_id: workspaceId, member_id: memberId, email: preferences.email })
    .onConflict((oc) => oc.column('member_id').doUpdateSet({ email: preferences.email, updated_at: new Date() }))
    .execute();
}

export interface PushSubscriptionRecord {
  id: string;
  endpoint: string;
  createdAt: string;
}

export interface PushTarget {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export async function listPushSubscriptions(db: Db, workspaceId: string, memberId: string): Promise<PushSubscriptionRecord[]> {
  const rows = await db
    .selectFrom('push_subscriptions')
    .select(['id', 'endpoint', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({ id: row.id, endpoint: row.endpoint, createdAt: row.created_at.toISOString() }));
}

/** The member's subscriptions with their keys, for sending. */
export async function listPushTargets(db: Db, workspaceId: string, memberId: string): Promise<PushTarget[]> {
  return db
    .selectFrom('push_subscriptions')
    .select(['id', 'endpoint', 'p256dh', 'auth'])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .orderBy('created_at')
    .execute();
}

/**
 * Stores a browser's subscription for the member. An endpoint belongs to one browser profile: subscribed again
 * (new keys, or another member signed in there) it moves to the latest subscriber. `created` tells a new one;
 * null when the member has `limit` browsers already and this endpoint is not one of them. The member's row is
 * locked while counting, so subscriptions arriving at once cannot each find room for one more.
 */
export async function savePushSubscription(
  db: Db,
  subscription: { workspaceId: string; memberId: string; endpoint: string; p256dh: string; auth: string },
  limit: number,
): Promise<{ subscription: PushSubscriptionRecord; created: boolean } | null> {
  return db.transaction().execute(async (tx) => {
    await lockMemberRow(tx, subscription.workspaceId, subscription.memberId);
    const { others } = await tx
      .selectFrom('push_subscriptions')
      .select((eb) => eb.fn.countAll<string>().as('others'))
      .where('workspace_id', '=', subscription.workspaceId)
      .where('member_id', '=', subscription.memberId)
      .where('endpoint', '<>', subscription.endpoint)
      .executeTakeFirstOrThrow();
    if (Number(others) >= limit) return null;
    const row = await tx
      .insertInto('push_subscriptions')
      .values({
        workspace_id: subscription.workspaceId,
        member_id: subscription.memberId,
        endpoint: subscription.endpoint,
        p256dh: subscription.p256dh,
        auth: subscription.auth,
      })
      .onConflict((oc) =>
        oc.column('endpoint').doUpdateSet({
          workspace_id: subscription.workspaceId,
          member_id: subscription.memberId,
          p256dh: subscription.p256dh,
          auth: subscription.auth,
        }),
      )
      // xmax is 0 for a row this statement inserted, not for one it updated.
      .returning(['id', 'endpoint', 'created_at', sql<string>`xmax::text`.as('xmax')])
      .executeTakeFirstOrThrow();
    return {
      subscription: { id: row.id, endpoint: row.endpoint, createdAt: row.created_at.toISOString() },
      created: row.xmax === '0',
    };
  });
}

/** A member turns Web Push off in a browser; false when no such subscription is theirs. */
export async function deletePushSubscription(db: Db, workspaceId: string, memberId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await db
    .deleteFrom('push_subscriptions')
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The push service said the subscription is gone (404 or 410): it will never take a message again. */
export async function deleteExpiredPushSubscription(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The workspace's Slack-compatible incoming webhook URL: a secret, read only to send. */
export async function findSlackWebhookUrl(db: Db, workspaceId: string): Promise<string | null> {
  const row = await db.selectFrom('slack_webhooks').select('url').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row?.url ?? null;
}

export async function saveSlackWebhookUrl(db: Db, workspaceId: string, url: string | null): Promise<void> {
  if (url === null) {
    await db.deleteFrom('slack_webhooks').where('workspace_id', '=', workspaceId).execute();
    return;
  }
  await db
    .insertInto('slack_webhooks')
    .values({ workspace_id: workspaceId, url })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ url, updated_at: new Date() }))
    .execute();
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The installation's VAPID key pair, made by `generate` the first time it is asked for and kept: every browser
 * subscribed with the public key, so it never changes by itself. Processes racing at first start keep one pair.
 */
export async function findOrCreateVapidKeys(db: Db, generate: () => VapidKeys): Promise<VapidKeys> {
  const existing = await db.selectFrom('vapid_keys').select(['public_key', 'private_key']).where('id', '=', 1).executeTakeFirst();
  if (existing) return { publicKey: existing.public_key, privateKey: existing.private_key };
  const keys = generate();
  await db
    .insertInto('vapid_keys')
    .values({ id: 1, public_key: keys.publicKey, private_key: keys.privateKey })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const kept = await db.selectFrom('vapid_keys').select(['public_key', 'private_key']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { publicKey: kept.public_key, privateKey: kept.private_key };
}
