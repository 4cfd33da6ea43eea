import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { ratedHandover, requestHandover, untilEnded } from '../support/customer-history.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

interface Context {
  metadata: Record<string, unknown>;
  earlierHandovers: { id: string; conversationId: string; status: string; outcome: string | null; endNote: string | null }[];
  earlierTotal: number;
}

const ids = (context: Context) => context.earlierHandovers.map((handover) => handover.id);

describe('GET /handovers/:id/customer-context', () => {
  let workspace: TestWorkspace;
  let ai: ApiClient;
  let ana: ApiClient;
  // Lee's history: rated on conversation X, left on conversation Y, then back on X without an email, and on Z.
  const conversationX = `conv-${randomUUID()}`;
  const metadata = { plan_tier: 'gold', account: { region: 'EU', seats: 12 }, tags: ['vip', 'beta'] };
  let rated: string;
  let left: string;
  let backOnX: string;
  let onZ: string;

  beforeAll(async () => {
    workspace = await createWorkspace(stack.db);
    ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    rated = (
      await ratedHandover(
        stack.db,
        ai,
        ana,
        { conversationId: conversationX, customer: { name: 'Lee', email: 'Lee@Example.com' } },
        { outcome: 'resolved', note: 'Refund issued, 5 working days', score: 4, comment: 'Quick and kind' },
      )
    ).id;
    const onY = await requestHandover(ai, { customer: { email: 'lee@example.com' } });
    expect((await ai.post(`/handovers/${onY.id}/leave`)).status).toBe(200);
    await untilEnded(stack.db, onY.id);
    left = onY.id;
    backOnX = (await requestHandover(ai, { conversationId: conversationX, metadata })).id;
    onZ = (await requestHandover(ai, { customer: { name: 'Lee', email: 'LEE@EXAMPLE.COM' } })).id;
    // Neither Lee's conversation nor email: not Lee's history.
    await requestHandover(ai, { customer: { email: 'someone-else@example.com' } });
    // Another workspace's customer of the same conversation id and email is another customer.
    const other = await createWorkspace(stack.db);
    await requestHandover(ApiClient.forApiKey(stack.baseUrl, other.apiKey), { conversationId: conversationX, customer: { email: 'lee@example.com' } });
  }, 60_000);

  it('finds the earlier handovers of the same conversation, with outcome, rating, end note and assignee, and the metadata', async () => {
    const answer = await ana.get<Context>(`/handovers/${backOnX}/customer-context`);

    expect(answer.status).toBe(200);
    expect(answer.body.metadata).toEqual(metadata);
    // This handover has no email: only the conversation ties it to Lee, so the handover left on Y is not listed.
    expect(answer.body).toMatchObject({ earlierTotal: 1 });
    expect(answer.body.earlierHandovers).toEqual([
      {
        id: rated,
        conversationId: conversationX,
        status: 'completed',
        requestedAt: expect.any(String),
        endedAt: expect.any(String),
        outcome: 'resolved',
        rating: { score: 4, comment: 'Quick and kind' },
        endNote: 'Refund issued, 5 working days',
        assignee: { id: workspace.ana.id, name: 'Ana Lopez' },
      },
    ]);
  });

  it('finds them by email whatever its case, newest first, leaving out this one, later ones, other customers and workspaces', async () => {
    const answer = await ana.get<Context>(`/handovers/${onZ}/customer-context`);

    expect(answer.status).toBe(200);
    // Back on X came earlier but sent no email and is another conversation; Z itself is left out.
    expect(ids(answer.body)).toEqual([left, rated]);
    expect(answer.body.earlierTotal).toBe(2);
    expect(answer.body.earlierHandovers[0]).toMatchObject({ status: 'missed', outcome: 'customer_left', rating: null, endNote: null, assignee: null });
    // Sent without metadata: an empty object, not null.
    expect(answer.body.metadata).toEqual({});

    // The first handover has nothing before it.
    expect((await ana.get<Context>(`/handovers/${rated}/customer-context`)).body).toMatchObject({ earlierHandovers: [], earlierTotal: 0 });
  });

  it('answers at most `limit`, with the total of all', async () => {
    const answer = await ana.get<Context>(`/handovers/${onZ}/customer-context?limit=1`);

    expect(ids(answer.body)).toEqual([left]);
    expect(answer.body.earlierTotal).toBe(2);
    expect((await ana.get(`/handovers/${onZ}/customer-context?limit=0`)).status).toBe(400);
    expect((await ana.get(`/handovers/${onZ}/customer-context?other=1`)).status).toBe(400);
  });

  it('is refused to whoever may not open the handover', async () => {
    const other = await createWorkspace(stack.db);
    const otherAdmin = await ApiClient.signIn(stack.baseUrl, other.admin);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);

    const answers = await Promise.all([
      otherAdmin.get(`/handovers/${onZ}/customer-context`),
      cara.get(`/handovers/${onZ}/customer-context`),
      new ApiClient(stack.baseUrl).get(`/handovers/${onZ}/customer-context`),
      ai.get(`/handovers/${onZ}/customer-context`),
      ana.get(`/handovers/${randomUUID()}/customer-context`),
    ]);

    expect(answers.map((answer) => `${answer.status} ${answer.body.error?.code}`)).toEqual([
      '404 not_found',
      '403 not_a_handover_member',
      '401 unauthenticated',
      '401 unauthenticated',
      '404 not_found',
    ]);
  });
});

describe('the customer context of a member not on the handover team', () => {
  it('lists only the earlier handovers she could open herself: hers, or open to everyone', async () => {
    // Everyone is told after a second, so Cara, not selected for handovers, may take what waits that long.
    const workspace = await createWorkspace(stack.db, {
      escalation: {
        levels: [{ afterSeconds: 1, notify: 'everyone' }],
        fallback: { afterSeconds: 600, action: 'return_to_ai', customerMessage: 'Back to the assistant' },
      },
    });
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);
    const customer = { email: `pat-${randomUUID().slice(0, 8)}@example.com` };
    const openToEveryone = async (id: string) =>
      eventually(async () => ((await ana.get(`/handovers/${id}`)).body.handover.audience === 'everyone' ? true : undefined), 'the handover to be open to everyone');

    // Ana took the first at once, before it was open to everyone: the team's, not Cara's.
    const anas = await ratedHandover(stack.db, ai, ana, { customer }, { outcome: 'unresolved', note: 'Team only', score: 2 });
    // Cara took the second once it was open to everyone.
    const second = await requestHandover(ai, { customer });
    await openToEveryone(second.id);
    expect((await cara.post(`/handovers/${second.id}/claim`)).status).toBe(200);
    expect((await cara.post(`/handovers/${second.id}/end`, { outcome: 'resolved', note: 'Cara fixed it' })).status).toBe(200);
    await untilEnded(stack.db, second.id);
    const current = await requestHandover(ai, { customer });
    await openToEveryone(current.id);

    const hers = await cara.get<Context>(`/handovers/${current.id}/customer-context`);
    expect(hers.status).toBe(200);
    expect(ids(hers.body)).toEqual([second.id]);
    expect(hers.body.earlierTotal).toBe(1);
    expect(hers.body.earlierHandovers[0]?.endNote).toBe('Cara fixed it');
    // The team sees both; Cara may not open Ana's either.
    expect(ids((await ana.get<Context>(`/handovers/${current.id}/customer-context`)).body)).toEqual([second.id, anas.id]);
    expect((await cara.get(`/handovers/${anas.id}/customer-context`)).status).toBe(403);
  }, 60_000);
});
