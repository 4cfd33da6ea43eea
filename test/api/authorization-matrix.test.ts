import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../../api/auth/secrets.ts';
import { getHandoverSettings } from '../../db/settings.ts';
import { saveWebhookEndpoint } from '../../db/webhook-endpoints.ts';
import { errorStatus, type ErrorCode } from '../../domain/errors.ts';
import { createWorkspace, testPassword, type TestMember, type TestWorkspace } from '../support/factories.ts';
import { tinyPdf, tinyPng } from '../support/files.ts';
import { ApiClient, eventually, type HttpAnswer } from '../support/http.ts';
import {
  claimedHandover,
  endedHandover,
  failedDelivery,
  passwordResetLink,
  pendingHandover,
  pendingInvitation,
  pushSubscription,
  pushSubscriptionBody,
  spareApiKey,
  workspaceSnapshot,
  type HandoverScenario,
} from '../support/scenarios.ts';
import { authHeaders, sessionCookie, type CallerAuth } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Who may call what: every endpoint of the contract (the OpenAPI document) against every kind of caller.

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const callers = ['nobody', 'badKey', 'badCookie', 'otherKey', 'otherAdmin', 'cara', 'ana', 'supervisor', 'admin', 'apiKey'] as const;
type Caller = (typeof callers)[number];

const who: Record<Caller, string> = {
  nobody: 'a caller without credentials',
  badKey: 'a bad API key',
  badCookie: 'a bad session cookie',
  otherKey: "another workspace's API key",
  otherAdmin: "another workspace's admin",
  cara: 'Cara, an agent not selected for handovers',
  ana: 'Ana, an agent selected for handovers',
  supervisor: 'the supervisor',
  admin: 'the admin',
  apiKey: "the workspace's own API key",
};

/** What each caller gets: the status, and for a refusal its error code, e.g. "403 forbidden". */
type Answers = Record<Caller, string>;

const unauthenticated = '401 unauthenticated';

/** AI-service endpoints take only an API key; a session is no credential there. */
function apiKeyOnly(own: string, otherWorkspace: string): Answers {
  const sessions = { otherAdmin: unauthenticated, cara: unauthenticated, ana: unauthenticated, supervisor: unauthenticated, admin: unauthenticated };
  return { nobody: unauthenticated, badKey: unauthenticated, badCookie: unauthenticated, otherKey: otherWorkspace, apiKey: own, ...sessions };
}

/** Console endpoints take only a session; an API key is no credential there. */
function sessionOnly(members: Pick<Answers, 'otherAdmin' | 'cara' | 'ana' | 'supervisor' | 'admin'>): Answers {
  return { nobody: unauthenticated, badKey: unauthenticated, badCookie: unauthenticated, otherKey: unauthenticated, apiKey: unauthenticated, ...members };
}

/** Admin-only console endpoints: agents and the supervisor are refused; another workspace's admin acts on its own workspace. */
function adminOnly(admin: string, otherAdmin: string, supervisor = '403 forbidden'): Answers {
  return sessionOnly({ otherAdmin, cara: '403 forbidden', ana: '403 forbidden', supervisor, admin });
}

interface World {
  workspace: TestWorkspace;
  other: TestWorkspace;
  auth: Record<Caller, CallerAuth>;
  member: Partial<Record<Caller, TestMember>>;
  client(caller: Caller): ApiClient;
}

interface Endpoint<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As the contract writes it. */
  path: string;
  expected: Answers;
  arrange(world: World): Promise<T>;
  url(target: T): string;
  body?(target: T, caller: Caller, world: World): unknown;
  /** A file sent as the body, not JSON (uploads). */
  file?: { bytes: Buffer; contentType: string };
  /** A success uses the target up (a claim, an end), so each caller let in gets a fresh one. */
  consumes?: boolean;
  /** Ids and names of the target that must never reach another workspace. */
  secrets?(target: T): string[];
  /** Login answers whoever knows the password; the other workspace's caller proves nothing there. */
  skipLeakCheck?: boolean;
  /** The stream is not JSON: check the status and the content type, then hang up. */
  stream?: boolean;
  /** What a caller let in gets. */
  then?(answer: HttpAnswer, target: T, caller: Caller, world: World): Promise<void> | void;
}

function endpoint<T>(definition: Endpoint<T>): Endpoint<unknown> {
  return definition as unknown as Endpoint<unknown>;
}

const nothing = async () => ({});
const pending = (world: World) => pendingHandover(stack.db, stack.baseUrl, world.workspace);
const claimed = (world: World) => claimedHandover(stack.db, stack.baseUrl, world.workspace, world.client('ana'));
const handoverSecrets = (target: HandoverScenario) => [target.handoverId, target.customerName];

async function conversationWithQuestion(world: World): Promise<{ conversationId: string; messageId: string }> {
  const conversationId = `conv-${randomUUID()}`;
  const answer = await world.client('apiKey').post(`/conversations/${conversationId}/messages`, { body: 'What are your opening hours?', clientMessageId: 'q-1' });
  return { conversationId, messageId: answer.body.messageId };
}

/** A customer's image, sent with a message of a pending handover and stored by its workflow. */
async function sentImage(world: World): Promise<HandoverScenario & { attachmentId: string }> {
  const handover = await pending(world);
  const ai = world.client('apiKey');
  const { attachment } = (await ai.upload('/attachments?name=photo.png', tinyPng, 'image/png')).body;
  const sent = await ai.post(`/conversations/${handover.conversationId}/messages`, { body: 'A photo', clientMessageId: 'photo', attachmentIds: [attachment.id] });
  await eventually(
    async () => ((await stack.db.selectFrom('messages').select('id').where('id', '=', sent.body.messageId).executeTakeFirst()) ? true : undefined),
    'the message with the image to be stored',
  );
  return { ...handover, attachmentId: attachment.id };
}

function memberId(world: World, caller: Caller): string | undefined {
  return world.member[caller]?.id;
}

const endpoints: Endpoint<unknown>[] = [
  // For AI services, with an API key.
  endpoint({
    method: 'POST',
    path: '/handovers',
    // The same conversation id in another workspace is another conversation: that key starts a handover of its own.
    expected: apiKeyOnly('200', '201'),
    arrange: pending,
    url: () => '/handovers',
    body: (target) => ({ conversationId: target.conversationId, reason: 'Asked again', trigger: 'other' }),
    secrets: handoverSecrets,
    then: (answer, target, caller) => {
      if (caller === 'apiKey') expect(answer.body.handover.id).toBe(target.handoverId);
      else expect(answer.body.handover).toMatchObject({ conversationId: target.conversationId, status: 'pending', customer: {} });
    },
  }),
  endpoint({
    method: 'POST',
    path: '/conversations/:conversationId/messages',
    // Another workspace's key names its own conversation of that id: stored for its AI, never routed to our handover.
    expected: apiKeyOnly('202', '202'),
    arrange: pending,
    url: (target) => `/conversations/${target.conversationId}/messages`,
    body: (_target, caller) => ({ body: 'Is anyone there?', clientMessageId: `m-${caller}` }),
    secrets: handoverSecrets,
    then: (answer, target, caller) => {
      if (caller === 'apiKey') expect(answer.body).toMatchObject({ routedTo: 'human', handoverId: target.handoverId });
      else expect(answer.body).toMatchObject({ routedTo: 'ai', handoverId: null });
    },
  }),
  endpoint({
    method: 'POST',
    path: '/conversations/:conversationId/typing',
    // Another workspace's key has no conversation of that id: nothing to show, and nothing of ours is told.
    expected: apiKeyOnly('202', '404 not_found'),
    arrange: pending,
    url: (target) => `/conversations/${target.conversationId}/typing`,
    body: () => ({ typing: true }),
    secrets: handoverSecrets,
    then: (answer, target) => expect(answer.body).toMatchObject({ handoverId: target.handoverId, expiresAt: expect.any(String) }),
  }),
  endpoint({
    method: 'POST',
    path: '/attachments',
    // Another workspace's key uploads to its own workspace.
    expected: apiKeyOnly('201', '201'),
    arrange: nothing,
    url: () => '/attachments?name=photo.png',
    file: { bytes: tinyPng, contentType: 'image/png' },
    then: (answer) => expect(answer.body.attachment).toMatchObject({ name: 'photo.png', contentType: 'image/png', size: tinyPng.length }),
  }),
  endpoint({
    method: 'GET',
    path: '/conversations/:conversationId',
    expected: apiKeyOnly('200', '404 not_found'),
    arrange: pending,
    url: (target) => `/conversations/${target.conversationId}`,
    secrets: handoverSecrets,
    then: (answer, target) => expect(answer.body).toMatchObject({ aiPaused: true, activeHandover: { id: target.handoverId } }),
  }),
  endpoint({
    method: 'GET',
    path: '/conversations/:conversationId/messages',
    expected: apiKeyOnly('200', '404 not_found'),
    arrange: conversationWithQuestion,
    url: (target) => `/conversations/${target.conversationId}/messages`,
    secrets: (target) => [target.messageId],
    then: (answer) => expect(answer.body.messages.map((message: { body: string }) => message.body)).toEqual(['What are your opening hours?']),
  }),
  endpoint({
    method: 'POST',
    path: '/conversations/:conversationId/ai-replies',
    expected: apiKeyOnly('201', '404 not_found'),
    arrange: conversationWithQuestion,
    url: (target) => `/conversations/${target.conversationId}/ai-replies`,
    body: (target, caller) => ({ body: 'From 9 to 5', clientMessageId: `r-${caller}`, inReplyTo: target.messageId }),
    secrets: (target) => [target.messageId],
    then: (answer) => expect(answer.body.seq).toBe(2),
  }),
  endpoint({
    method: 'POST',
    path: '/handovers/:id/leave',
    expected: apiKeyOnly('200', '404 not_found'),
    arrange: pending,
    consumes: true,
    url: (target) => `/handovers/${target.handoverId}/leave`,
    secrets: handoverSecrets,
    then: (answer, target) => expect(answer.body.handover.id).toBe(target.handoverId),
  }),
  endpoint({
    method: 'POST',
    path: '/handovers/:id/rating',
    expected: apiKeyOnly('200', '404 not_found'),
    arrange: (world) => endedHandover(stack.db, stack.baseUrl, world.workspace),
    consumes: true,
    url: (target) => `/handovers/${target.handoverId}/rating`,
    body: () => ({ score: 4, comment: 'Quick and kind' }),
    secrets: handoverSecrets,
    then: (answer) => expect(answer.body.handover.rating).toEqual({ score: 4, comment: 'Quick and kind' }),
  }),

  // For the console, with a session cookie.
  endpoint({
    method: 'POST',
    path: '/auth/login',
    expected: Object.fromEntries(callers.map((caller) => [caller, '200'])) as Answers,
    arrange: nothing,
    url: () => '/auth/login',
    body: (_target, _caller, world) => ({ email: world.workspace.ana.email, password: testPassword }),
    skipLeakCheck: true,
    then: (answer, _target, _caller, world) => expect(answer.body.member.id).toBe(world.workspace.ana.id),
  }),
  endpoint({
    method: 'POST',
    path: '/auth/logout',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/auth/logout',
    then: async (_answer, _target, caller, world) => expect((await world.client(caller).get('/me')).status).toBe(401),
  }),
  endpoint({
    method: 'POST',
    path: '/auth/login/two-factor',
    // Only the cookie of a sign-in whose password was right counts here: a session or a key is none.
    expected: Object.fromEntries(callers.map((caller) => [caller, unauthenticated])) as Answers,
    arrange: nothing,
    url: () => '/auth/login/two-factor',
    body: () => ({ code: '123456' }),
  }),
  endpoint({
    method: 'GET',
    path: '/me',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/me',
    then: (answer, _target, caller, world) => expect(answer.body.member.id).toBe(memberId(world, caller)),
  }),
  ...(['mine', 'queue'] as const).map((view) =>
    endpoint({
      method: 'GET',
      path: `/handovers?view=${view}`,
      // Cara, not on the team, sees only what is hers or escalated to everyone: not this handover, just requested.
      expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
      arrange: pending,
      url: () => `/handovers?view=${view}`,
      secrets: handoverSecrets,
      then: (answer, target, caller) => {
        const ids = answer.body.handovers.map((handover: { id: string }) => handover.id);
        if (caller === 'otherAdmin' || caller === 'cara') expect(ids).not.toContain(target.handoverId);
        else expect(ids).toContain(target.handoverId);
      },
    }),
  ),
  endpoint({
    method: 'GET',
    path: '/handovers?view=all',
    expected: sessionOnly({ otherAdmin: '200', cara: '403 forbidden', ana: '403 forbidden', supervisor: '200', admin: '200' }),
    arrange: pending,
    url: () => '/handovers?view=all',
    secrets: handoverSecrets,
    then: (answer, target, caller) => {
      if (caller !== 'otherAdmin') expect(answer.body.handovers.map((handover: { id: string }) => handover.id)).toContain(target.handoverId);
    },
  }),
  endpoint({
    method: 'GET',
    path: '/handovers/:id',
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '200', supervisor: '200', admin: '200' }),
    arrange: pending,
    url: (target) => `/handovers/${target.handoverId}`,
    secrets: handoverSecrets,
    then: (answer, target) => expect(answer.body.handover).toMatchObject({ id: target.handoverId, customer: { name: target.customerName } }),
  }),
  endpoint({
    method: 'GET',
    path: '/handovers/:id/events',
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '200', supervisor: '200', admin: '200' }),
    arrange: pending,
    url: (target) => `/handovers/${target.handoverId}/events`,
    secrets: handoverSecrets,
    then: (answer) => expect(answer.body.events.map((event: { type: string }) => event.type)).toContain('requested'),
  }),
  endpoint({
    method: 'GET',
    path: '/handovers/:id/customer-context',
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '200', supervisor: '200', admin: '200' }),
    arrange: pending,
    url: (target) => `/handovers/${target.handoverId}/customer-context`,
    secrets: handoverSecrets,
    then: (answer) => expect(answer.body).toEqual({ metadata: {}, earlierHandovers: [], earlierTotal: 0 }),
  }),
  endpoint({
    method: 'GET',
    path: '/handovers/:id/workflow',
    // For those who supervise: agents are refused even for a handover they hold; another workspace finds nothing.
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 forbidden', ana: '403 forbidden', supervisor: '200', admin: '200' }),
    arrange: claimed,
    url: (target) => `/handovers/${target.handoverId}/workflow`,
    secrets: handoverSecrets,
    then: (answer, target, _caller, world) => {
      expect(answer.body.handover).toEqual({ id: target.handoverId, status: 'in_progress', endedAt: null });
      expect(answer.body.workflow).toMatchObject({ workflowId: `handover-${target.handoverId}`, status: 'running' });
      expect(answer.body.workflow.state).toMatchObject({ status: 'in_progress', assignee: { id: world.workspace.ana.id } });
    },
  }),
  endpoint({
    method: 'POST',
    path: '/handovers/:id/claim',
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '200', supervisor: '200', admin: '200' }),
    arrange: pending,
    consumes: true,
    url: (target) => `/handovers/${target.handoverId}/claim`,
    secrets: handoverSecrets,
    then: (answer, _target, caller, world) => expect(answer.body.handover).toMatchObject({ status: 'in_progress', assignee: { id: memberId(world, caller) } }),
  }),
  endpoint({
    method: 'POST',
    path: '/handovers/:id/messages',
    // Only the member who took over talks to the customer, even a supervisor or an admin must take over first.
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '202', supervisor: '409 not_assignee', admin: '409 not_assignee' }),
    arrange: claimed,
    url: (target) => `/handovers/${target.handoverId}/messages`,
    body: (_target, caller) => ({ body: 'Hi, I can help with that.', clientMessageId: `a-${caller}` }),
    secrets: handoverSecrets,
    then: (answer) => expect(answer.body.messageId).toEqual(expect.any(String)),
  }),
  endpoint({
    method: 'POST',
    path: '/handovers/:id/attachments',
    // As for messages: only the member who took over sends files to the customer.
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '201', supervisor: '409 not_assignee', admin: '409 not_assignee' }),
    arrange: claimed,
    url: (target) => `/handovers/${target.handoverId}/attachments?name=label.pdf`,
    file: { bytes: tinyPdf, contentType: 'application/pdf' },
    secrets: handoverSecrets,
    then: (answer) => expect(answer.body.attachment).toMatchObject({ name: 'label.pdf', contentType: 'application/pdf', size: tinyPdf.length }),
  }),
  endpoint({
    method: 'GET',
    path: '/attachments/:id',
    // The API key, or a session of someone who may open the handover; Cara may not, and another workspace finds nothing.
    expected: {
      nobody: unauthenticated,
      badKey: unauthenticated,
      badCookie: unauthenticated,
      otherKey: '404 not_found',
      otherAdmin: '404 not_found',
      cara: '403 not_a_handover_member',
      ana: '200',
      supervisor: '200',
      admin: '200',
      apiKey: '200',
    },
    arrange: sentImage,
    url: (target) => `/attachments/${target.attachmentId}`,
    secrets: (target) => [...handoverSecrets(target), target.attachmentId],
    then: (answer) => {
      expect(answer.headers.get('content-type')).toBe('image/png');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    },
  }),
  endpoint({
    method: 'POST',
    path: '/handovers/:id/typing',
    // As for messages: only the member who took over is typing to the customer.
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '202', supervisor: '409 not_assignee', admin: '409 not_assignee' }),
    arrange: claimed,
    url: (target) => `/handovers/${target.handoverId}/typing`,
    body: () => ({ typing: true }),
    secrets: handoverSecrets,
    then: (answer, target) => expect(answer.body).toMatchObject({ handoverId: target.handoverId, expiresAt: expect.any(String) }),
  }),
  endpoint({
    method: 'POST',
    path: '/handovers/:id/notes',
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '201', supervisor: '201', admin: '201' }),
    arrange: pending,
    url: (target) => `/handovers/${target.handoverId}/notes`,
    body: (_target, caller) => ({ body: `Internal: checked by ${caller}` }),
    secrets: handoverSecrets,
    then: (answer, _target, caller, world) => expect(answer.body.note).toMatchObject({ body: `Internal: checked by ${caller}`, author: { id: memberId(world, caller) } }),
  }),
  endpoint({
    method: 'POST',
    path: '/handovers/:id/transfer',
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '200', supervisor: '200', admin: '200' }),
    arrange: claimed,
    consumes: true,
    url: (target) => `/handovers/${target.handoverId}/transfer`,
    body: (_target, _caller, world) => ({ toMemberId: world.workspace.ben.id }),
    secrets: handoverSecrets,
    then: (answer, _target, _caller, world) => expect(answer.body.handover.assignee).toEqual({ id: world.workspace.ben.id, name: 'Ben Carter' }),
  }),
  endpoint({
    method: 'POST',
    path: '/handovers/:id/end',
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '403 not_a_handover_member', ana: '200', supervisor: '200', admin: '200' }),
    arrange: claimed,
    consumes: true,
    url: (target) => `/handovers/${target.handoverId}/end`,
    body: () => ({ outcome: 'resolved' }),
    secrets: handoverSecrets,
    then: (answer) => expect(answer.body.handover).toMatchObject({ status: 'completed', outcome: 'resolved' }),
  }),
  endpoint({
    method: 'GET',
    path: '/stream',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/stream',
    stream: true,
    then: (answer) => expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/),
  }),
  endpoint({
    method: 'GET',
    path: '/settings/handover',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/settings/handover',
    then: (answer, _target, caller, world) => {
      const own = caller === 'otherAdmin' ? world.other : world.workspace;
      expect([...answer.body.settings.memberIds].sort()).toEqual([own.ana.id, own.ben.id].sort());
    },
  }),
  endpoint({
    method: 'PUT',
    path: '/settings/handover',
    // Our settings name our members: saved by another workspace's admin they name nobody there (422), and ours stay as they were.
    expected: adminOnly('200', '422 validation_failed'),
    arrange: (world) => getHandoverSettings(stack.db, world.workspace.id),
    url: () => '/settings/handover',
    body: (settings) => ({ ...settings, returnToAi: false }),
    then: (answer) => expect(answer.body.settings.returnToAi).toBe(false),
  }),
  endpoint({
    method: 'GET',
    path: '/settings/workspace',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/settings/workspace',
    then: (answer) => expect(answer.body.workspace).toMatchObject({ timeZone: 'UTC' }),
  }),
  endpoint({
    method: 'PUT',
    path: '/settings/workspace',
    // Another workspace's admin renames their own workspace: ours keeps its name and zone (the refusals' snapshot holds both).
    expected: adminOnly('200', '200'),
    arrange: nothing,
    url: () => '/settings/workspace',
    body: (_target, caller) => ({ name: `Renamed by ${caller}`, timeZone: 'europe/paris' }),
    then: async (answer, _target, caller, world) => {
      expect(answer.body).toEqual({ workspace: { name: `Renamed by ${caller}`, timeZone: 'Europe/Paris' } });
      const own = caller === 'otherAdmin' ? world.other : world.workspace;
      const row = await stack.db.selectFrom('workspaces').select(['name', 'time_zone']).where('id', '=', own.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ name: `Renamed by ${caller}`, time_zone: 'Europe/Paris' });
    },
  }),
  endpoint({
    method: 'GET',
    path: '/members',
    expected: adminOnly('200', '200', '200'),
    arrange: nothing,
    url: () => '/members',
    then: (answer, _target, caller, world) => {
      const own = caller === 'otherAdmin' ? world.other : world.workspace;
      expect(answer.body.members.map((member: { id: string }) => member.id)).toContain(own.cara.id);
    },
  }),
  endpoint({
    method: 'POST',
    path: '/members',
    expected: adminOnly('201', '201'),
    arrange: nothing,
    url: () => '/members',
    body: (_target, caller) => ({ email: `dana-${caller}-${randomUUID().slice(0, 8)}@test.test`, name: 'Dana Park', role: 'agent', password: 'a-long-first-password' }),
    then: (answer, _target, caller, world) => {
      const own = caller === 'otherAdmin' ? world.other : world.workspace;
      expect(answer.body.member).toMatchObject({ name: 'Dana Park', role: 'agent', active: true, workspaceId: own.id });
    },
  }),
  endpoint({
    method: 'POST',
    path: '/members (an invitation, without a password)',
    expected: adminOnly('201', '201'),
    arrange: nothing,
    url: () => '/members',
    body: (_target, caller) => ({ email: `ivy-${caller}-${randomUUID().slice(0, 8)}@test.test`, name: 'Ivy Park', role: 'agent' }),
    then: (answer) => expect(answer.body.invitation).toMatchObject({ name: 'Ivy Park', role: 'agent', status: 'pending' }),
  }),
  endpoint({
    method: 'GET',
    path: '/invitations',
    expected: adminOnly('200', '200'),
    arrange: (world) => pendingInvitation(stack.db, world.workspace),
    url: () => '/invitations',
    secrets: (invitation) => [invitation.id, invitation.email, invitation.token],
    then: (answer, invitation, caller) => {
      const ids = answer.body.invitations.map((entry: { id: string }) => entry.id);
      if (caller === 'admin') expect(ids).toEqual([invitation.id]);
    },
  }),
  endpoint({
    method: 'POST',
    path: '/invitations/:id/resend',
    expected: adminOnly('200', '404 not_found'),
    arrange: (world) => pendingInvitation(stack.db, world.workspace),
    url: (invitation) => `/invitations/${invitation.id}/resend`,
    secrets: (invitation) => [invitation.id, invitation.email, invitation.token],
    then: (answer, invitation) => expect(answer.body.invitation).toMatchObject({ id: invitation.id, status: 'pending' }),
  }),
  endpoint({
    method: 'DELETE',
    path: '/invitations/:id',
    expected: adminOnly('200', '404 not_found'),
    arrange: (world) => pendingInvitation(stack.db, world.workspace),
    url: (invitation) => `/invitations/${invitation.id}`,
    consumes: true,
    secrets: (invitation) => [invitation.id, invitation.email, invitation.token],
    then: (answer, invitation) => expect(answer.body.invitation).toMatchObject({ id: invitation.id, status: 'revoked' }),
  }),
  // The token is the credential of these: whoever holds it may use it, whatever else they send.
  endpoint({
    method: 'POST',
    path: '/auth/invitation',
    expected: Object.fromEntries(callers.map((caller) => [caller, '200'])) as Answers,
    arrange: (world) => pendingInvitation(stack.db, world.workspace),
    url: () => '/auth/invitation',
    body: (invitation) => ({ token: invitation.token }),
    skipLeakCheck: true,
    then: (answer, invitation) => expect(answer.body.invitation).toMatchObject({ email: invitation.email, name: 'Ivy Invitee' }),
  }),
  endpoint({
    method: 'POST',
    path: '/auth/invitation/accept',
    expected: Object.fromEntries(callers.map((caller) => [caller, '200'])) as Answers,
    arrange: (world) => pendingInvitation(stack.db, world.workspace),
    url: () => '/auth/invitation/accept',
    consumes: true,
    body: (invitation) => ({ token: invitation.token, name: 'Ivy Invitee', password: 'violet kettle across the harbour' }),
    skipLeakCheck: true,
    then: (answer, invitation, _caller, world) => expect(answer.body.member).toMatchObject({ email: invitation.email, workspaceId: world.workspace.id }),
  }),
  endpoint({
    method: 'POST',
    path: '/auth/password-reset',
    expected: Object.fromEntries(callers.map((caller) => [caller, '202'])) as Answers,
    arrange: nothing,
    url: () => '/auth/password-reset',
    // One address per caller: each address may ask a few times an hour.
    body: (_target, caller) => ({ email: `${caller}-${randomUUID().slice(0, 8)}@test.test` }),
    then: (answer) => expect(answer.body).toEqual({ ok: true }),
  }),
  endpoint({
    method: 'POST',
    path: '/auth/password-reset/complete',
    expected: Object.fromEntries(callers.map((caller) => [caller, '200'])) as Answers,
    arrange: (world) => passwordResetLink(stack.db, world.workspace.id, world.workspace.ben.id),
    url: () => '/auth/password-reset/complete',
    consumes: true,
    body: (token) => ({ token, password: 'violet kettle across the harbour' }),
    then: (answer) => expect(answer.body).toEqual({ ok: true }),
  }),
  endpoint({
    method: 'POST',
    path: '/me/password',
    // Each member's own password: nobody can change another's.
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/me/password',
    body: () => ({ currentPassword: testPassword, newPassword: 'violet kettle across the harbour' }),
    then: async (answer, _target, caller, world) => {
      expect(answer.body).toEqual({ ok: true });
      const email = caller === 'otherAdmin' ? world.other.admin.email : world.member[caller]?.email;
      expect((await new ApiClient(stack.baseUrl).post('/auth/login', { email, password: 'violet kettle across the harbour' })).status).toBe(200);
    },
  }),
  endpoint({
    method: 'PATCH',
    path: '/members/:id',
    expected: adminOnly('200', '404 not_found'),
    arrange: async (world) => world.workspace.cara,
    url: (cara) => `/members/${cara.id}`,
    body: () => ({ name: 'Cara Diaz-Lee' }),
    then: (answer, cara) => expect(answer.body.member).toMatchObject({ id: cara.id, name: 'Cara Diaz-Lee' }),
  }),
  endpoint({
    method: 'GET',
    path: '/api-keys',
    expected: adminOnly('200', '200'),
    arrange: nothing,
    url: () => '/api-keys',
    then: (answer) => expect(answer.body.apiKeys).toEqual([expect.objectContaining({ name: 'test', revokedAt: null })]),
  }),
  endpoint({
    method: 'POST',
    path: '/api-keys',
    expected: adminOnly('201', '201'),
    arrange: nothing,
    url: () => '/api-keys',
    body: () => ({ name: 'Support bot' }),
    then: (answer) => {
      expect(answer.body.key).toMatch(/^hk_/);
      expect(answer.body.apiKey).toMatchObject({ name: 'Support bot', revokedAt: null });
    },
  }),
  endpoint({
    method: 'DELETE',
    path: '/api-keys/:id',
    expected: adminOnly('200', '404 not_found'),
    arrange: (world) => spareApiKey(stack.db, world.workspace.id),
    url: (keyId) => `/api-keys/${keyId}`,
    secrets: (keyId) => [keyId],
    then: (answer, keyId) => {
      expect(answer.body.apiKey.id).toBe(keyId);
      expect(answer.body.apiKey.revokedAt).not.toBeNull();
    },
  }),
  endpoint({
    method: 'GET',
    path: '/analytics/handover',
    expected: adminOnly('200', '200', '200'),
    arrange: nothing,
    url: () => '/analytics/handover?bucket=day',
    then: (answer) => expect(answer.body.totals).toEqual(expect.objectContaining({ total: expect.any(Number), pending: expect.any(Number) })),
  }),
  endpoint({
    method: 'GET',
    path: '/analytics/handover/handovers.csv',
    // Another workspace's admin gets their own workspace's file, which must not hold this one's handover.
    expected: adminOnly('200', '200', '200'),
    arrange: pending,
    url: () => '/analytics/handover/handovers.csv',
    secrets: handoverSecrets,
    then: (answer, target, caller) => {
      expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(answer.body).toMatch(/^handover_id,conversation_id,/);
      if (caller !== 'otherAdmin') expect(answer.body).toContain((target as HandoverScenario).handoverId);
    },
  }),
  endpoint({
    method: 'GET',
    path: '/analytics/handover/agents.csv',
    expected: adminOnly('200', '200', '200'),
    arrange: claimed,
    url: () => '/analytics/handover/agents.csv',
    secrets: handoverSecrets,
    then: (answer, _target, caller, world) => {
      expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(answer.body).toMatch(/^member_id,member_name,/);
      if (caller !== 'otherAdmin') expect(answer.body).toContain(`${world.workspace.ana.id},Ana Lopez,1,`);
    },
  }),
  // Not in the contract's table, but served: the endpoint as saved, never its secret.
  endpoint({
    method: 'GET',
    path: '/settings/webhook',
    expected: adminOnly('200', '200'),
    arrange: nothing,
    url: () => '/settings/webhook',
    then: (answer) => expect(answer.body).toEqual({ webhook: null }),
  }),
  endpoint({
    method: 'PUT',
    path: '/settings/webhook',
    expected: adminOnly('200', '200'),
    arrange: nothing,
    url: () => '/settings/webhook',
    body: () => ({ url: 'http://127.0.0.1:9/hooks' }),
    then: (answer) => expect(answer.body).toEqual({ url: 'http://127.0.0.1:9/hooks', secret: expect.stringMatching(/^whsec_/) }),
  }),
  endpoint({
    method: 'POST',
    path: '/settings/webhook/rotate-secret',
    // Another workspace's admin would rotate their own workspace's secret; it has no webhook.
    expected: adminOnly('200', '404 not_found'),
    arrange: async (world) => {
      const secret = newWebhookSecret();
      await saveWebhookEndpoint(stack.db, world.workspace.id, { url: 'http://127.0.0.1:9/hooks', secret, replaceSecret: true, previousSecretExpiresAt: new Date() });
      return secret;
    },
    url: () => '/settings/webhook/rotate-secret',
    secrets: (secret) => [secret],
    then: (answer, secret) => {
      expect(answer.body).toEqual({ secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
      expect(answer.body.secret).not.toBe(secret);
    },
  }),
  endpoint({
    method: 'GET',
    path: '/webhook-deliveries?status=failed',
    expected: adminOnly('200', '200'),
    arrange: (world) => failedDelivery(stack.db, world.workspace.id),
    url: () => '/webhook-deliveries?status=failed',
    secrets: (deliveryId) => [deliveryId],
    then: (answer, deliveryId, caller) => {
      const expected = caller === 'otherAdmin' ? [] : [expect.objectContaining({ id: deliveryId, status: 'failed', lastStatusCode: 410 })];
      expect(answer.body.deliveries).toEqual(expected);
    },
  }),
  endpoint({
    method: 'POST',
    path: '/webhook-deliveries/:id/retry',
    expected: adminOnly('202', '404 not_found'),
    arrange: (world) => failedDelivery(stack.db, world.workspace.id),
    url: (deliveryId) => `/webhook-deliveries/${deliveryId}/retry`,
    secrets: (deliveryId) => [deliveryId],
    then: (answer, deliveryId) => expect(answer.body.delivery).toMatchObject({ id: deliveryId }),
  }),
  // Notifications away from the console: every member chooses their own; an admin sets the workspace's Slack.
  endpoint({
    method: 'GET',
    path: '/me/notifications',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/me/notifications',
    then: (answer, _target, caller, world) => {
      expect(answer.body.notifications).toMatchObject({ email: false, emailAddress: world.member[caller]?.email, webPush: { subscriptions: [] } });
    },
  }),
  endpoint({
    method: 'PUT',
    path: '/me/notifications',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/me/notifications',
    body: () => ({ email: true }),
    then: async (answer, _target, caller, world) => {
      expect(answer.body.notifications).toMatchObject({ email: true, emailAddress: world.member[caller]?.email });
    },
  }),
  endpoint({
    method: 'POST',
    path: '/me/push-subscriptions',
    expected: sessionOnly({ otherAdmin: '201', cara: '201', ana: '201', supervisor: '201', admin: '201' }),
    arrange: nothing,
    url: () => '/me/push-subscriptions',
    body: (_target, caller) => pushSubscriptionBody(caller),
    then: (answer, _target, caller) => expect(answer.body.subscription.endpoint).toContain(`/${caller}-`),
  }),
  endpoint({
    method: 'DELETE',
    path: '/me/push-subscriptions/:id',
    // Only Ana's own: to anyone else, hers is no subscription of theirs.
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '404 not_found', ana: '200', supervisor: '404 not_found', admin: '404 not_found' }),
    arrange: (world) => pushSubscription(stack.db, world.workspace.id, world.workspace.ana.id),
    url: (id) => `/me/push-subscriptions/${id}`,
    secrets: (id) => [id],
    then: (answer) => expect(answer.body.notifications.webPush.subscriptions).toEqual([]),
  }),
  // Account security: each member's own sessions and second factor; an admin's workspace requirement.
  endpoint({
    method: 'GET',
    path: '/me/sessions',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/me/sessions',
    then: async (answer, _target, caller, world) => {
      const own = await stack.db.selectFrom('sessions').select('id').where('member_id', '=', memberId(world, caller)!).execute();
      expect(answer.body.sessions.map((session: { id: string }) => session.id).sort()).toEqual(own.map((row) => row.id).sort());
      expect(answer.body.sessions.filter((session: { current: boolean }) => session.current)).toHaveLength(1);
    },
  }),
  endpoint({
    method: 'DELETE',
    path: '/me/sessions/:id',
    // Only Ana's own: to anyone else, her session is none of theirs.
    expected: sessionOnly({ otherAdmin: '404 not_found', cara: '404 not_found', ana: '200', supervisor: '404 not_found', admin: '404 not_found' }),
    arrange: async (world) => {
      await sessionCookie(stack.baseUrl, world.workspace.ana);
      const newest = await stack.db.selectFrom('sessions').select('id').where('member_id', '=', world.workspace.ana.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      return newest.id;
    },
    url: (id) => `/me/sessions/${id}`,
    secrets: (id) => [id],
    then: async (answer, id) => {
      expect(answer.body.sessions.map((session: { id: string }) => session.id)).not.toContain(id);
      expect(await stack.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    },
  }),
  endpoint({
    method: 'POST',
    path: '/me/sessions/revoke-others',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: (world) => sessionCookie(stack.baseUrl, world.workspace.ana),
    url: () => '/me/sessions/revoke-others',
    then: async (answer, anaElsewhere, caller) => {
      expect(answer.body.sessions).toEqual([expect.objectContaining({ current: true })]);
      // Each ends only their own: Ana's other session, by Ana alone.
      expect(answer.body.revoked).toBe(caller === 'ana' ? 1 : 0);
      if (caller === 'ana') expect((await new ApiClient(stack.baseUrl, { cookie: anaElsewhere }).get('/me')).status).toBe(401);
    },
  }),
  endpoint({
    method: 'GET',
    path: '/me/two-factor',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/me/two-factor',
    then: (answer) => expect(answer.body.twoFactor).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, requiredByWorkspace: false }),
  }),
  endpoint({
    method: 'POST',
    path: '/me/two-factor',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/me/two-factor',
    then: async (answer, _target, caller, world) => {
      expect(answer.body.uri).toContain(encodeURIComponent(world.member[caller]!.email));
      const row = await stack.db.selectFrom('two_factor').select(['secret', 'enabled_at']).where('member_id', '=', memberId(world, caller)!).executeTakeFirstOrThrow();
      expect(row).toEqual({ secret: answer.body.secret, enabled_at: null });
    },
  }),
  endpoint({
    method: 'POST',
    path: '/me/two-factor/confirm',
    // Each member confirms the enrolment they started: the code of their own secret.
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: startEnrolments,
    url: () => '/me/two-factor/confirm',
    body: (secrets, caller) => ({ code: totpCode((secrets as Partial<Record<Caller, string>>)[caller] ?? 'JBSWY3DPEHPK3PXP') }),
    then: (answer) => {
      expect(answer.body.twoFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
      expect(answer.body.recoveryCodes).toHaveLength(10);
    },
  }),
  endpoint({
    method: 'POST',
    path: '/me/two-factor/disable',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: async (world) => {
      const secrets = await startEnrolments(world);
      const recoveryCodes: Partial<Record<Caller, string>> = {};
      for (const [caller, secret] of Object.entries(secrets) as [Caller, string][]) {
        recoveryCodes[caller] = (await world.client(caller).post('/me/two-factor/confirm', { code: totpCode(secret) })).body.recoveryCodes[0];
      }
      return recoveryCodes;
    },
    url: () => '/me/two-factor/disable',
    body: (recoveryCodes, caller) => ({ password: testPassword, code: (recoveryCodes as Partial<Record<Caller, string>>)[caller] ?? 'aaaaa-aaaaa' }),
    then: (answer) => expect(answer.body.twoFactor).toMatchObject({ enabled: false }),
  }),
  endpoint({
    method: 'GET',
    path: '/settings/security',
    expected: sessionOnly({ otherAdmin: '200', cara: '200', ana: '200', supervisor: '200', admin: '200' }),
    arrange: nothing,
    url: () => '/settings/security',
    then: (answer) => expect(answer.body).toEqual({ security: { requireTwoFactor: false } }),
  }),
  endpoint({
    method: 'PUT',
    path: '/settings/security',
    // Requiring it takes an admin who has it; no longer requiring it takes any admin, of their own workspace.
    expected: adminOnly('200', '200'),
    arrange: nothing,
    url: () => '/settings/security',
    body: () => ({ requireTwoFactor: false }),
    then: (answer) => expect(answer.body).toEqual({ security: { requireTwoFactor: false } }),
  }),
  endpoint({
    method: 'GET',
    path: '/settings/slack',
    expected: adminOnly('200', '200'),
    arrange: nothing,
    url: () => '/settings/slack',
    then: (answer) => expect(answer.body).toEqual({ slack: { configured: false, urlHint: null } }),
  }),
  endpoint({
    method: 'PUT',
    path: '/settings/slack',
    expected: adminOnly('200', '200'),
    arrange: nothing,
    url: () => '/settings/slack',
    body: () => ({ url: 'http://127.0.0.1:9/services/T0/B0/slack-secret' }),
    then: (answer) => expect(answer.body).toEqual({ slack: { configured: true, urlHint: 'http://127.0.0.1:9/…cret' } }),
  }),
];

/** Every member caller starts enrolling an authenticator app; answers each one's secret. */
async function startEnrolments(world: World): Promise<Partial<Record<Caller, string>>> {
  const secrets: Partial<Record<Caller, string>> = {};
  for (const caller of Object.keys(world.member) as Caller[]) secrets[caller] = (await world.client(caller).post('/me/two-factor')).body.secret;
  return secrets;
}

function totpCode(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate();
}

/** Two workspaces, and each kind of caller signed in or holding its key. */
async function arrangeWorld(): Promise<World> {
  const [workspace, other] = await Promise.all([createWorkspace(stack.db), createWorkspace(stack.db)]);
  const member: World['member'] = { cara: workspace.cara, ana: workspace.ana, supervisor: workspace.supervisor, admin: workspace.admin, otherAdmin: other.admin };
  const signedIn = await Promise.all(Object.values(member).map((person) => sessionCookie(stack.baseUrl, person)));
  const cookies = Object.fromEntries(Object.keys(member).map((caller, index) => [caller, signedIn[index]]));
  const auth: Record<Caller, CallerAuth> = {
    nobody: {},
    badKey: { apiKey: `hk_${randomUUID()}` },
    badCookie: { cookie: `handover_session=${randomUUID()}` },
    otherKey: { apiKey: other.apiKey },
    otherAdmin: { cookie: cookies.otherAdmin },
    cara: { cookie: cookies.cara },
    ana: { cookie: cookies.ana },
    supervisor: { cookie: cookies.supervisor },
    admin: { cookie: cookies.admin },
    apiKey: { apiKey: workspace.apiKey },
  };
  return { workspace, other, auth, member, client: (caller) => new ApiClient(stack.baseUrl, auth[caller]) };
}

/** Everything of our workspace another workspace's caller must never see. */
async function workspaceSecrets(world: World): Promise<string[]> {
  const { workspace } = world;
  const keys = await stack.db.selectFrom('api_keys').select('id').where('workspace_id', '=', workspace.id).execute();
  const people = [workspace.admin, workspace.supervisor, workspace.ana, workspace.ben, workspace.cara];
  return [workspace.id, workspace.apiKey, ...keys.map((key) => key.id), ...people.flatMap((person) => [person.id, person.email])];
}

async function send(endpoint: Endpoint<unknown>, target: unknown, caller: Caller, world: World): Promise<HttpAnswer> {
  if (endpoint.stream) {
    const controller = new AbortController();
    const response = await fetch(`${stack.baseUrl}/api/v1${endpoint.url(target)}`, {
      headers: { accept: 'text/event-stream', ...authHeaders(stack.baseUrl, world.auth[caller]) },
      signal: controller.signal,
    });
    const open = response.status === 200 && (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
    if (open) controller.abort();
    return { status: response.status, body: open ? null : await response.json(), headers: response.headers };
  }
  if (endpoint.file) return world.client(caller).upload(endpoint.url(target), endpoint.file.bytes, endpoint.file.contentType);
  const body = endpoint.body?.(target, caller, world);
  return world.client(caller).request(endpoint.method, endpoint.url(target), body === undefined ? undefined : JSON.stringify(body));
}

function summarize(answer: HttpAnswer): string {
  return answer.status >= 400 ? `${answer.status} ${answer.body?.error?.code}` : String(answer.status);
}

const letIn = (expected: string) => Number(expected.slice(0, 3)) < 400;

function expectEnvelope(answer: HttpAnswer, label: string): void {
  expect(answer.body, label).toEqual({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Object) } });
  const { code, message, details } = answer.body.error as { code: ErrorCode; message: string; details: Record<string, unknown> };
  expect(errorStatus[code], `${label}: the status of ${code}`).toBe(answer.status);
  expect(message.length, label).toBeGreaterThan(0);
  if (code === 'validation_failed') expect((details.issues as unknown[]).length, label).toBeGreaterThan(0);
  else expect(details, label).toEqual({});
}

describe('who may call what', () => {
  for (const endpoint of endpoints) {
    it(`${endpoint.method} ${endpoint.path} answers each kind of caller as the contract says`, async () => {
      const world = await arrangeWorld();
      let target = await endpoint.arrange(world);
      const secrets = await workspaceSecrets(world);
      secrets.push(...(endpoint.secrets?.(target) ?? []));

      // Refusals first: they share one target and must leave the workspace exactly as it was.
      const order = [...callers].sort((a, b) => Number(letIn(endpoint.expected[a])) - Number(letIn(endpoint.expected[b])));
      const seen = {} as Answers;
      const answers = new Map<Caller, { answer: HttpAnswer; target: unknown }>();
      const changedBy: Caller[] = [];
      let used = false;
      for (const caller of order) {
        const refused = !letIn(endpoint.expected[caller]);
        if (!refused && endpoint.consumes && used) {
          target = await endpoint.arrange(world);
          secrets.push(...(endpoint.secrets?.(target) ?? []));
        }
        const before = refused ? await workspaceSnapshot(stack.db, world.workspace.id) : null;
        const answer = await send(endpoint, target, caller, world);
        if (before && !isDeepStrictEqual(before, await workspaceSnapshot(stack.db, world.workspace.id))) changedBy.push(caller);
        if (!refused) used = true;
        seen[caller] = summarize(answer);
        answers.set(caller, { answer, target });
      }

      expect(seen).toEqual(endpoint.expected);
      expect(changedBy, 'callers who were refused but changed the workspace').toEqual([]);
      for (const caller of callers) {
        const { answer, target: targetUsed } = answers.get(caller) as { answer: HttpAnswer; target: unknown };
        const label = `${endpoint.method} ${endpoint.path} by ${who[caller]}`;
        if (answer.status >= 400) expectEnvelope(answer, label);
        else await endpoint.then?.(answer, targetUsed, caller, world);
        if ((caller === 'otherKey' || caller === 'otherAdmin') && !endpoint.skipLeakCheck) {
          const text = JSON.stringify(answer.body) ?? '';
          for (const secret of secrets) expect(text, `${label} must not show ${secret}`).not.toContain(secret);
        }
      }
    });
  }
});
