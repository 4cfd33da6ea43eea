import { randomBytes, randomUUID } from 'node:crypto';
import { hashToken, newApiKey, newSessionToken } from '../../api/auth/secrets.ts';
import { insertApiKey } from '../../db/api-keys.ts';
import { insertInvitation } from '../../db/invitations.ts';
import { replacePasswordReset } from '../../db/password-resets.ts';
import type { Db } from '../../db/connect.ts';
import { getHandoverSettings } from '../../db/settings.ts';
import type { TestWorkspace } from './factories.ts';
import { ApiClient, eventually } from './http.ts';

/** A handover the tests act on: its id, the AI service's conversation id, and the customer's name (unique per handover). */
export interface HandoverScenario {
  handoverId: string;
  conversationId: string;
  customerName: string;
}

/**
 * A pending handover, started by the AI service, once its request is on record (the AI paused, the timeline begun).
 * `request` overrides fields of the start request (a reason, a customer, a transcript).
 */
export async function pendingHandover(
  db: Db,
  baseUrl: string,
  workspace: TestWorkspace,
  request: Record<string, unknown> = {},
): Promise<HandoverScenario> {
  const conversationId = typeof request.conversationId === 'string' ? request.conversationId : `conv-${randomUUID()}`;
  const customerName = `Jo Customer ${randomUUID().slice(0, 8)}`;
  const ai = ApiClient.forApiKey(baseUrl, workspace.apiKey);
  const answer = await ai.post('/handovers', {
    conversationId,
    reason: 'Customer asks for a refund',
    trigger: 'user_request',
    customer: { name: customerName },
    ...request,
  });
  if (answer.status !== 201) throw new Error(`starting a handover answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  const handoverId: string = answer.body.handover.id;
  await eventually(async () => {
    const row = await db.selectFrom('handover_events').select('id').where('handover_id', '=', handoverId).where('type', '=', 'requested').executeTakeFirst();
    const conversation = await db.selectFrom('conversations').select('ai_paused').where('workspace_id', '=', workspace.id).where('external_id', '=', conversationId).executeTakeFirst();
    return row && conversation?.ai_paused ? true : undefined;
  }, 'the handover request to be on record');
  return { handoverId, conversationId, customerName };
}

/** A handover Ana took over. */
export async function claimedHandover(db: Db, baseUrl: string, workspace: TestWorkspace, ana: ApiClient): Promise<HandoverScenario> {
  const scenario = await pendingHandover(db, baseUrl, workspace);
  const claimed = await ana.post(`/handovers/${scenario.handoverId}/claim`);
  if (claimed.status !== 200) throw new Error(`Ana's claim answered ${claimed.status}: ${JSON.stringify(claimed.body)}`);
  return scenario;
}

/** A handover the customer left before anyone took it over (missed, ended). */
export async function endedHandover(db: Db, baseUrl: string, workspace: TestWorkspace): Promise<HandoverScenario> {
  const scenario = await pendingHandover(db, baseUrl, workspace);
  const left = await ApiClient.forApiKey(baseUrl, workspace.apiKey).post(`/handovers/${scenario.handoverId}/leave`);
  if (left.status !== 200) throw new Error(`leave answered ${left.status}: ${JSON.stringify(left.body)}`);
  await eventually(async () => {
    const row = await db.selectFrom('handovers').select('ended_at').where('id', '=', scenario.handoverId).executeTakeFirstOrThrow();
    return row.ended_at ? true : undefined;
  }, 'the handover to end');
  return scenario;
}

/** A second API key of the workspace, to revoke. */
export async function spareApiKey(db: Db, workspaceId: string): Promise<string> {
  const { key, prefix } = newApiKey();
  const { id } = await insertApiKey(db, { workspaceId, name: 'spare', prefix, keyHash: hashToken(key), createdBy: null });
  return id;
}

/** A pending invitation of the workspace and the token of its link (which an email would carry). */
export async function pendingInvitation(db: Db, workspace: TestWorkspace): Promise<{ id: string; email: string; token: string }> {
  const token = newSessionToken();
  const email = `invitee-${randomUUID().slice(0, 8)}@example.com`;
  const id = await insertInvitation(db, {
    workspaceId: workspace.id,
    email,
    name: 'Ivy Invitee',
    role: 'agent',
    tokenHash: hashToken(token),
    invitedBy: workspace.admin.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  if (!id) throw new Error('the invitation was not recorded');
  return { id, email, token };
}

/** A live password reset link of a member: its token (which the email would carry). */
export async function passwordResetLink(db: Db, workspaceId: string, memberId: string): Promise<string> {
  const token = newSessionToken();
  await replacePasswordReset(db, { memberId, workspaceId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) });
  return token;
}

/** A webhook delivery the receiver refused for good, as the delivery log shows it. */
export async function failedDelivery(db: Db, workspaceId: string): Promise<string> {
  const id = `evt-${randomUUID()}`;
  const createdAt = new Date();
  await db
    .insertInto('webhook_deliveries')
    .values({
      id,
      workspace_id: workspaceId,
      type: 'handover.requested',
      payload: JSON.stringify({ id, type: 'handover.requested', createdAt: createdAt.toISOString(), workspaceId, data: {} }),
      status: 'failed',
      attempts: 1,
      last_status_code: 410,
      last_error: 'Gone: endpoint disabled',
      next_attempt_at: null,
      created_at: createdAt,
    })
    .execute();
  return id;
}

/** A browser's push subscription as the Push API gives it (keys of the right sizes; nothing is ever sent to it). */
export function pushSubscriptionBody(name: string): { endpoint: string; keys: { p256dh: string; auth: string } } {
  return {
    endpoint: `https://push.example.com/send/${name}-${randomUUID()}`,
    keys: { p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

/** A browser Ana turned Web Push on in, stored directly; returns its id. */
export async function pushSubscription(db: Db, workspaceId: string, memberId: string): Promise<string> {
  const body = pushSubscriptionBody('browser');
  const row = await db
    .insertInto('push_subscriptions')
    .values({ workspace_id: workspaceId, member_id: memberId, endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * What requests can change in a workspace, to compare before and after a refused one: the rows of handovers,
 * messages, notes, members, sessions, API keys, the webhook endpoint, the settings, the failed deliveries, the
 * attachments, the notification choices (email, browsers subscribed to Web Push, the Slack webhook), two-factor
 * (its secrets, recovery codes and the workspace's requirement), invitations and password reset links.
 * Left out on purpose: what workflows change on their own (timeline, live events, pending deliveries) and
 * the keys' last use.
 */
export async function workspaceSnapshot(db: Db, workspaceId: string) {
  const [
    handovers,
    messages,
    notes,
    members,
    sessions,
    apiKeys,
    webhookEndpoints,
    failedDeliveries,
    settings,
    attachments,
    notificationChoices,
    pushSubscriptions,
    slackWebhooks,
    twoFactor,
    recoveryCodes,
    security,
    invitations,
    passwordResets,
  ] = await Promise.all([
    db
      .selectFrom('handovers')
      .select(['id', 'status', 'assignee_id', 'outcome', 'ended_at', 'rating_score', 'transfers'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('id')
      .execute(),
    db.selectFrom('messages').select(['id', 'body']).where('workspace_id', '=', workspaceId).orderBy('id').execute(),
    db.selectFrom('internal_notes').select(['id', 'body']).where('workspace_id', '=', workspaceId).orderBy('id').execute(),
    db.selectFrom('members').select(['id', 'email', 'name', 'role', 'active', 'password_hash']).where('workspace_id', '=', workspaceId).orderBy('id').execute(),
    db.selectFrom('sessions').select('token_hash').where('workspace_id', '=', workspaceId).orderBy('token_hash').execute(),
    db.selectFrom('api_keys').select(['id', 'name', 'revoked_at']).where('workspace_id', '=', workspaceId).orderBy('id').execute(),
    db.selectFrom('webhook_endpoints').select(['url', 'secret', 'disabled_at']).where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('webhook_deliveries').select(['id', 'attempts']).where('workspace_id', '=', workspaceId).where('status', '=', 'failed').orderBy('id').execute(),
    getHandoverSettings(db, workspaceId),
    db.selectFrom('attachments').select(['id', 'message_id']).where('workspace_id', '=', workspaceId).orderBy('id').execute(),
    db.selectFrom('notification_preferences').select(['member_id', 'email']).where('workspace_id', '=', workspaceId).orderBy('member_id').execute(),
    db.selectFrom('push_subscriptions').select(['id', 'member_id', 'endpoint', 'p256dh', 'auth']).where('workspace_id', '=', workspaceId).orderBy('id').execute(),
    db.selectFrom('slack_webhooks').select('url').where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('two_factor').select(['member_id', 'secret', 'enabled_at', 'last_used_step']).where('workspace_id', '=', workspaceId).orderBy('member_id').execute(),
    db.selectFrom('two_factor_recovery_codes').select(['id', 'used_at']).where('workspace_id', '=', workspaceId).orderBy('id').execute(),
    db.selectFrom('workspaces').select(['require_two_factor', 'name', 'time_zone']).where('id', '=', workspaceId).execute(),
    db
      .selectFrom('invitations')
      .select(['id', 'email', 'token_hash', 'expires_at', 'accepted_at', 'revoked_at'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('id')
      .execute(),
    db.selectFrom('password_resets').select(['token_hash', 'member_id']).where('workspace_id', '=', workspaceId).orderBy('token_hash').execute(),
  ]);
  return {
    handovers,
    messages,
    notes,
    members,
    sessions,
    apiKeys,
    webhookEndpoints,
    failedDeliveries,
    settings: { ...settings, memberIds: [...settings.memberIds].sort() },
    attachments,
    notificationChoices,
    pushSubscriptions,
    slackWebhooks,
    twoFactor,
    recoveryCodes,
    security,
    invitations,
    passwordResets,
  };
}
