import { sql } from 'kysely';
import { notificationDeliveryId, type MemberChannel, type NotificationChannel, type NotificationDeliveryStatus } from '../domain/notifications.ts';
import type { NotifyAudience } from '../domain/policy.ts';
import type { Customer } from '../domain/schemas/handovers.ts';
import type { HandoverStatus, Trigger } from '../domain/handover.ts';
import type { Db } from './connect.ts';

export interface NotificationRecipient {
  memberId: string;
  channels: MemberChannel[];
}

/**
 * The active members an audience tells, each with the channels they chose: email when turned on, Web Push when
 * some browser of theirs subscribed. Members with no channel are left out. The audiences are those of the ladder:
 * the selected handover members; they and the supervisors and admins; everyone in the workspace.
 */
export async function notificationRecipients(db: Db, workspaceId: string, audience: NotifyAudience): Promise<NotificationRecipient[]> {
  let query = db
    .selectFrom('members')
    .leftJoin('handover_members', (join) =>
      join.onRef('handover_members.member_id', '=', 'members.id').onRef('handover_members.workspace_id', '=', 'members.workspace_id'),
    )
    .leftJoin('notification_preferences', 'notification_preferences.member_id', 'members.id')
    .select([
      'members.id',
      sql<boolean>`coalesce(notification_preferences.email, false)`.as('email'),
      sql<boolean>`exists (select 1 from push_subscriptions where push_subscriptions.member_id = members.id and push_subscriptions.workspace_id = members.workspace_id)`.as(
        'web_push',
      ),
    ])
    .where('members.workspace_id', '=', workspaceId)
    .where('members.active', '=', true);
  if (audience === 'members') query = query.where('handover_members.member_id', 'is not', null);
  if (audience === 'supervisors') {
    query = query.where((eb) => eb.or([eb('handover_members.member_id', 'is not', null), eb('members.role', 'in', ['admin', 'supervisor'])]));
  }
  const rows = await query.orderBy('members.id').execute();
  return rows
    .map((row) => ({ memberId: row.id, channels: memberChannelsOf(row) }))
    .filter((recipient) => recipient.channels.length > 0);
}

function memberChannelsOf(row: { email: boolean; web_push: boolean }): MemberChannel[] {
  return [...(row.email ? (['email'] as const) : []), ...(row.web_push ? (['web_push'] as const) : [])];
}

export interface NewNotificationDelivery {
  workspaceId: string;
  handoverId: string;
  level: number;
  audience: NotifyAudience;
  channel: NotificationChannel;
  /** Null for the workspace's Slack channel. */
  memberId: string | null;
  /** The requeues before this wait (notificationDeliveryId). */
  round: number;
}

/** Records deliveries once by their key (a retried step adds nothing); returns every key, new or already there. */
export async function enqueueNotificationDeliveries(db: Db, deliveries: NewNotificationDelivery[]): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const rows = deliveries.map((delivery) => ({
    id: notificationDeliveryId(delivery.handoverId, delivery.level, delivery.memberId, delivery.channel, delivery.round),
    workspace_id: delivery.workspaceId,
    handover_id: delivery.handoverId,
    level: delivery.level,
    audience: delivery.audience,
    channel: delivery.channel,
    member_id: delivery.memberId,
  }));
  // In chunks: one statement takes at most 65,535 parameters, and a level told to a large workspace has many rows.
  for (let start = 0; start < rows.length; start += 1000) {
    await db
      .insertInto('notification_deliveries')
      .values(rows.slice(start, start + 1000))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  return rows.map((row) => row.id);
}

/** A delivery with what its message says and whom it goes to. */
export interface NotificationDelivery {
  id: string;
  workspaceId: string;
  handoverId: string;
  level: number;
  audience: NotifyAudience;
  channel: NotificationChannel;
  status: NotificationDeliveryStatus;
  pushedTo: string[];
  member: { id: string; name: string; email: string; active: boolean } | null;
  handover: { status: HandoverStatus; reason: string; trigger: Trigger; customer: Customer };
}

export async function findNotificationDelivery(db: Db, workspaceId: string, id: string): Promise<NotificationDelivery | undefined> {
  const row = await db
    .selectFrom('notification_deliveries')
    .innerJoin('handovers', 'handovers.id', 'notification_deliveries.handover_id')
    .leftJoin('members', 'members.id', 'notification_deliveries.member_id')
    .select([
      'notification_deliveries.id',
      'notification_deliveries.workspace_id',
      'notification_deliveries.handover_id',
      'notification_deliveries.level',
      'notification_deliveries.audience',
      'notification_deliveries.channel',
      'notification_deliveries.status',
      'notification_deliveries.pushed_to',
      'members.id as member_id',
      'members.name as member_name',
      'members.email as member_email',
      'members.active as member_active',
      'handovers.status as handover_status',
      'handovers.reason',
      'handovers.trigger',
      'handovers.customer',
    ])
    .where('notification_deliveries.workspace_id', '=', workspaceId)
    .where('notification_deliveries.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    handoverId: row.handover_id,
    level: row.level,
    audience: row.audience,
    channel: row.channel,
    status: row.status,
    pushedTo: row.pushed_to,
    member:
      row.member_id === null
        ? null
        : { id: row.member_id, name: row.member_name ?? '', email: row.member_email ?? '', active: row.member_active ?? false },
    handover: { status: row.handover_status, reason: row.reason, trigger: row.trigger, customer: row.customer },
  };
}

/** A subscription took the push: a retry after a partial send leaves it out. */
export async function recordPushedTo(db: Db, workspaceId: string, id: string, subscriptionId: string): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({ pushed_to: sql`array_append(pushed_to, ${subscriptionId})` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where(sql<boolean>`not (${subscriptionId} = any(pushed_to))`)
    .execute();
}

/**
 * Records an attempt's outcome. Sent, failed and skipped are final: returns false when the delivery was already
 * final (a late or repeated attempt), so its caller records nothing more.
 */
export async function recordNotificationAttempt(
  db: Db,
  workspaceId: string,
  id: string,
  attempt: { status: NotificationDeliveryStatus; error: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('notification_deliveries')
    .set((eb) => ({
      status: attempt.status,
      attempts: attempt.status === 'skipped' ? eb.ref('attempts') : eb('attempts', '+', 1),
      last_error: attempt.error,
      ...(attempt.status === 'sent' ? { sent_at: new Date() } : {}),
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface NotificationDeliveryRecord {
  id: string;
  level: number;
  channel: NotificationChannel;
  memberId: string | null;
  status: NotificationDeliveryStatus;
  attempts: number;
}

/** A handover's deliveries, oldest first (for tests and operators). */
export async function listNotificationDeliveries(db: Db, workspaceId: string, handoverId: string): Promise<NotificationDeliveryRecord[]> {
  const rows = await db
    .selectFrom('notification_deliveries')
    .select(['id', 'level', 'channel', 'member_id', 'status', 'attempts'])
    .where('workspace_id', '=', workspaceId)
    .where('handover_id', '=', handoverId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, level: row.level, channel: row.channel, memberId: row.member_id, status: row.status, attempts: row.attempts }));
}
