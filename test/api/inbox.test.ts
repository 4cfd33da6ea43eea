import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../support/factories.ts';
import { ApiClient, type HttpAnswer } from '../support/http.ts';
import { claimedHandover, endedHandover, pendingHandover } from '../support/scenarios.ts';
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
      'not-base64-json',
    ]) {
      const answer = await ana.get(`/handovers?sort=attention&cursor=${cursor}`);
      expect(answer.status, cursor).toBe(200);
    }
  });
});
