import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../support/factories.ts';
import { ApiClient, eventually, type HttpAnswer } from '../support/http.ts';
import { claimedHandover, endedHandover, pendingHandover } from '../support/scenarios.ts';
import { EventStream, sessionCookie } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// The inbox as agents work it: what needs a person first.
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** Every page of a list, following the cursor. */
async function allPages(client: ApiClient, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const answer: HttpAnswer = await client.get(`/handovers?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status).toBe(200);
    ids.push(...answer.body.handovers.map((handover: { id: string }) => handover.id));
    cursor = answer.body.nextCursor;
  } while (cursor);
  return ids;
}

describe('GET /handovers?sort=attention', () => {
  it('puts waiting handovers first, longest-waiting on top, then mine, then the team’s, then closed ones, across pages', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const ben = await ApiClient.signIn(stack.baseUrl, workspace.ben);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    // Created in this order, so each was requested after the one before.
    const left = await endedHandover(stack.db, stack.baseUrl, workspace);
    const anas = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    const oldestWaiting = await pendingHandover(stack.db, stack.baseUrl, workspace);
    const bens = await claimedHandover(stack.db, stack.baseUrl, workspace, ben);
    const newestWaiting = await pendingHandover(stack.db, stack.baseUrl, workspace);

    expect(await allPages(ana, 'view=mine&sort=attention')).toEqual([oldestWaiting.handoverId, newestWaiting.handoverId, anas.handoverId]);
    expect(await allPages(admin, 'view=all&sort=attention')).toEqual([
      oldestWaiting.handoverId,
      newestWaiting.handoverId,
      bens.handoverId,
      anas.handoverId,
      left.handoverId,
    ]);
    // For Ben his own comes before Ana's.
    expect(await allPages(ben, 'view=mine&sort=attention')).toEqual([oldestWaiting.handoverId, newestWaiting.handoverId, bens.handoverId]);
    // The default order is unchanged: newest first.
    expect(await allPages(admin, 'view=all')).toEqual([
      newestWaiting.handoverId,
      bens.handoverId,
      oldestWaiting.handoverId,
      anas.handoverId,
      left.handoverId,
    ]);
  });

  it('refuses an unknown order in the contract’s envelope', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const answer = await ana.get('/handovers?sort=oldest');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_request');
  });
});

describe('GET /handovers cursors', () => {
  it('treats a forged or impossible cursor as none rather than failing', async () => {
    const workspace = await createWorkspace(stack.db);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const forge = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const id = '00000000-0000-4000-8000-000000000000';
    for (const cursor of [
      forge(['2026-02-30T10:00:00.000Z', id]),
      forge(['0000-01-01T00:00:00Z', id, 0, false]),
      forge(['2026-01-01T00:00:00Z', id, 'x', false]),
      forge(['2026-01-01T00:00:00Z', id, 1.5, true]),
      forge(['2026-01-01T00:00:00Z', id, 1e300, true]),
      forge(['2026-01-01T00:00:00Z', id, 2 ** 53, false]),
      forge(['2026-01-01T00:00:00Z', id, -(2 ** 40), false]),
      'not-base64-json',
    ]) {
      const answer = await ana.get(`/handovers?sort=attention&cursor=${cursor}`);
      expect(answer.status, cursor).toBe(200);
    }
  });
});

describe('an escalation level that tells everyone', () => {
  it('lets a member who is not selected for handovers be alerted, see and take the handover once that level is reached', async () => {
    // Level 1 tells the supervisors, level 2 everyone; the fallback is far off.
    const workspace = await createWorkspace(stack.db, {
      escalation: {
        levels: [
          { afterSeconds: 2, notify: 'supervisors' },
          { afterSeconds: 4, notify: 'everyone' },
        ],
        fallback: { afterSeconds: 600, action: 'return_to_ai', customerMessage: 'Back to the assistant' },
      },
    });
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);
    const caraStream = await EventStream.open(stack.baseUrl, { cookie: await sessionCookie(stack.baseUrl, workspace.cara) });
    expect(caraStream.status).toBe(200);

    const conversationId = `conv-${randomUUID()}`;
    const started = await ai.post('/handovers', { conversationId, reason: 'Nobody answers', trigger: 'user_request' });
    const id: string = started.body.handover.id;
    expect(started.body.handover.audience).toBe('members');

    // Before the level that tells everyone: Cara sees nothing of it and may not take it.
    await eventually(async () => ((await ai.get(`/conversations/${conversationId}`)).body.aiPaused ? true : undefined), 'the AI to pause');
    expect((await cara.get('/handovers?view=mine')).body.handovers).toEqual([]);
    expect((await cara.get(`/handovers/${id}`)).status).toBe(403);
    expect((await cara.post(`/handovers/${id}/claim`)).status).toBe(403);

    // Level 2: Cara is alerted on her stream, sees it in her list, and on its timeline who was told.
    const alert = await caraStream.waitFor(
      () => caraStream.data('handover.updated').find((data) => data.handover.id === id && data.handover.audience === 'everyone'),
      'the handover, open to everyone, on Cara’s stream',
    );
    expect(alert.handover).toMatchObject({ status: 'pending', escalationLevel: 2 });
    expect(caraStream.data('handover.updated').filter((data) => data.handover.id === id).every((data) => data.handover.audience === 'everyone')).toBe(true);
    const list = await cara.get('/handovers?view=mine&sort=attention');
    expect(list.body.handovers.map((handover: { id: string }) => handover.id)).toEqual([id]);
    const events = (await cara.get(`/handovers/${id}/events`)).body.events;
    expect(events.filter((event: { type: string }) => event.type === 'notified').map((event: { data: { audience: string } }) => event.data.audience)).toEqual([
      'members',
      'supervisors',
      'everyone',
    ]);

    // A customer message reaches her live while she looks at it; she takes it over and replies.
    await ai.post(`/conversations/${conversationId}/messages`, { body: 'Still there?', clientMessageId: 'c-1' });
    await caraStream.waitFor(() => caraStream.data('message.created').find((data) => data.message.body === 'Still there?'), 'the customer message on Cara’s stream');
    const claimed = await cara.post(`/handovers/${id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.handover).toMatchObject({ status: 'in_progress', assignee: { id: workspace.cara.id } });
    expect((await cara.post(`/handovers/${id}/messages`, { body: 'Cara here, how can I help?', clientMessageId: 'a-1' })).status).toBe(202);
    await caraStream.close();
  }, 60_000);
});

describe('unread and waiting, in the inbox', () => {
  it('shows the last message, the assignee’s unread count and since when the customer awaits a reply', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const { handoverId, conversationId } = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    const row = async (client: ApiClient, view = 'mine') =>
      (await client.get(`/handovers?view=${view}&sort=attention`)).body.handovers.find((handover: { id: string }) => handover.id === handoverId);

    await ai.post(`/conversations/${conversationId}/messages`, { body: 'Hello?', clientMessageId: 'c-1' });
    await ai.post(`/conversations/${conversationId}/messages`, { body: 'Anyone there? '.repeat(30), clientMessageId: 'c-2' });
    const messages = await eventually(async () => {
      const answer = await ai.get(`/conversations/${conversationId}/messages`);
      const customer = answer.body.messages.filter((message: { sender: string; handoverId: string | null }) => message.sender === 'customer' && message.handoverId === handoverId);
      return customer.length === 2 ? answer.body.messages : undefined;
    }, 'both messages in the transcript');
    const first = messages.find((message: { body: string }) => message.body === 'Hello?');
    const unreadRow = await row(ana);
    expect(unreadRow).toMatchObject({ unreadCount: 2, customerWaitingSince: first.createdAt, lastMessage: { sender: 'customer' } });
    expect(unreadRow.lastMessage.body).toHaveLength(200);
    // Not hers to read: the admin's row carries no count.
    expect((await row(admin, 'all')).unreadCount).toBeNull();

    // Ana reads up to the first message, then all; a marker never moves back.
    expect((await ana.post(`/handovers/${handoverId}/read`, { seq: first.seq })).body).toEqual({ readSeq: first.seq });
    expect((await row(ana)).unreadCount).toBe(1);
    const lastSeq = messages.at(-1).seq;
    expect((await ana.post(`/handovers/${handoverId}/read`, { seq: lastSeq })).body).toEqual({ readSeq: lastSeq });
    expect((await ana.post(`/handovers/${handoverId}/read`, { seq: first.seq })).body).toEqual({ readSeq: lastSeq });
    expect((await row(ana)).unreadCount).toBe(0);

    // Her reply answers the customer: nothing awaits a reply until they write again.
    await ana.post(`/handovers/${handoverId}/messages`, { body: 'Here, sorry!', clientMessageId: 'a-1' });
    await eventually(async () => ((await row(ana)).lastMessage?.sender === 'agent' ? true : undefined), 'the reply to be the last message');
    expect((await row(ana)).customerWaitingSince).toBeNull();

    // A marker past the end of the conversation stops at its last message, so what comes next still counts.
    expect((await ana.post(`/handovers/${handoverId}/read`, { seq: lastSeq + 1000 })).body.readSeq).toBeLessThan(lastSeq + 1000);
    await ai.post(`/conversations/${conversationId}/messages`, { body: 'Thanks, bye', clientMessageId: 'c-3' });
    await eventually(async () => ((await row(ana)).unreadCount === 1 ? true : undefined), 'the new message to count as unread');
    // Once it has ended, nothing is unread any more: nobody will read it to clear the count.
    expect((await ana.post(`/handovers/${handoverId}/end`, { outcome: 'resolved' })).status).toBe(200);
    await eventually(async () => ((await row(ana)).status === 'completed' ? true : undefined), 'the handover to end');
    expect((await row(ana)).unreadCount).toBeNull();
  }, 60_000);

  it('refuses a read marker that is not a position, or on a handover the member may not open', async () => {
    const workspace = await createWorkspace(stack.db);
    const other = await createWorkspace(stack.db);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);
    const { handoverId } = await pendingHandover(stack.db, stack.baseUrl, workspace);
    for (const body of [{ seq: -1 }, { seq: 1.5 }, { seq: '3' }, {}, { seq: 2 ** 31 }]) {
      const answer = await ana.post(`/handovers/${handoverId}/read`, body);
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(answer.body.error.code).toBe('validation_failed');
    }
    expect((await cara.post(`/handovers/${handoverId}/read`, { seq: 1 })).status).toBe(403);
    const elsewhere = await pendingHandover(stack.db, stack.baseUrl, other);
    expect((await ana.post(`/handovers/${elsewhere.handoverId}/read`, { seq: 1 })).status).toBe(404);
    expect(await stack.db.selectFrom('handover_reads').selectAll().where('handover_id', 'in', [handoverId, elsewhere.handoverId]).execute()).toEqual([]);
  });
});
