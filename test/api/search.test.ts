import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { endedHandover, pendingHandover, type HandoverScenario } from '../support/scenarios.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Search across handovers: GET /handovers?q=, with the agent and time filters, on top of the list's contract.
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

interface Match {
  field: string;
  snippet: string;
  highlights: { start: number; length: number }[];
}
interface Item {
  id: string;
  match?: Match;
}

describe('GET /handovers?q=', () => {
  let workspace: TestWorkspace;
  let admin: ApiClient;
  let ana: ApiClient;
  let cara: ApiClient;
  let zelda: HandoverScenario;
  let kiyoshi: HandoverScenario;
  let invoice: HandoverScenario;
  const zeldaConversation = `shop-${randomUUID()}`;

  async function search(client: ApiClient, query: Record<string, string>): Promise<Item[]> {
    const answer = await client.get(`/handovers?${new URLSearchParams({ view: 'all', ...query })}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.handovers;
  }
  const ids = (items: Item[]) => items.map((item) => item.id).sort();

  beforeAll(async () => {
    workspace = await createWorkspace(stack.db);
    admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);
    zelda = await pendingHandover(stack.db, stack.baseUrl, workspace, {
      conversationId: zeldaConversation,
      reason: 'Parcel never arrived',
      customer: { name: 'Zelda Okonkwo', email: 'zelda.okonkwo@example.org' },
      transcript: [
        { role: 'customer', body: 'My parcel with the porcelain teapot never arrived.' },
        { role: 'ai', body: 'I am sorry to hear that.' },
      ],
    });
    kiyoshi = await pendingHandover(stack.db, stack.baseUrl, workspace, {
      reason: 'Wants to cancel the subscription',
      customer: { name: 'Kiyoshi Tanaka', email: 'k.tanaka@example.jp' },
      transcript: [{ role: 'customer', body: 'サブスクリプション cancel please, the quarterly plan' }],
    });
    invoice = await pendingHandover(stack.db, stack.baseUrl, workspace, {
      reason: 'Invoice address wrong',
      customer: { name: 'Mia Berg' },
    });
    // Ana takes Kiyoshi's handover; the invoice one was requested in the past (dates are what the range reads).
    expect((await ana.post(`/handovers/${kiyoshi.handoverId}/claim`)).status).toBe(200);
    await stack.db
      .updateTable('handovers')
      .set({ requested_at: new Date('2025-03-10T12:00:00Z') })
      .where('id', '=', invoice.handoverId)
      .execute();
  });

  it('finds a handover by a word of its messages, with the sentence around it and the word highlighted', async () => {
    const found = await search(admin, { q: 'teapot' });
    expect(ids(found)).toEqual([zelda.handoverId]);
    const match = found[0]?.match;
    expect(match?.field).toBe('message');
    expect(match?.snippet).toContain('porcelain teapot never arrived');
    const [highlight] = match?.highlights ?? [];
    expect(highlight && match?.snippet.slice(highlight.start, highlight.start + highlight.length)).toBe('teapot');
    // Case and other scripts do not matter; a word is a whole word ('simple': no stemming).
    expect(ids(await search(admin, { q: 'TEAPOT' }))).toEqual([zelda.handoverId]);
    expect(ids(await search(admin, { q: 'サブスクリプション' }))).toEqual([kiyoshi.handoverId]);
    expect(await search(admin, { q: 'teapots' })).toEqual([]);
  });

  it('finds by the reason, the customer’s name, a whole or partial email, and the exact conversation id', async () => {
    const reason = await search(admin, { q: 'invoice' });
    expect(ids(reason)).toEqual([invoice.handoverId]);
    expect(reason[0]?.match).toMatchObject({ field: 'reason', snippet: 'Invoice address wrong', highlights: [{ start: 0, length: 7 }] });
    expect(ids(await search(admin, { q: 'okonkwo' }))).toEqual([zelda.handoverId]);
    expect(ids(await search(admin, { q: 'Zelda Okonkwo' }))).toEqual([zelda.handoverId]);
    expect(ids(await search(admin, { q: 'zelda.okonkwo@example.org' }))).toEqual([zelda.handoverId]);
    const part = await search(admin, { q: 'tanaka@exam' });
    expect(ids(part)).toEqual([kiyoshi.handoverId]);
    expect(part[0]?.match).toMatchObject({ field: 'customer', snippet: 'Kiyoshi Tanaka k.tanaka@example.jp' });
    const byConversation = await search(admin, { q: zeldaConversation });
    expect(ids(byConversation)).toEqual([zelda.handoverId]);
    expect(byConversation[0]?.match?.field).toBe('conversationId');
  });

  it('filters by agent and by requested time, and combines with the search, the status and the view', async () => {
    expect(ids(await search(admin, { assigneeId: workspace.ana.id }))).toEqual([kiyoshi.handoverId]);
    expect(await search(admin, { assigneeId: workspace.ben.id })).toEqual([]);
    expect(await search(admin, { assigneeId: 'not-an-id' })).toEqual([]);
    expect(ids(await search(admin, { from: '2025-03-10', to: '2025-03-10' }))).toEqual([invoice.handoverId]);
    expect(ids(await search(admin, { to: '2025-03-10T11:59:59Z' }))).toEqual([]);
    expect(ids(await search(admin, { q: 'invoice', from: '2025-03-10T12:00:00+00:00' }))).toEqual([invoice.handoverId]);
    expect(await search(admin, { q: 'invoice', from: '2025-03-11' })).toEqual([]);
    // Zelda's and Kiyoshi's are this year's; the status and view filters still apply.
    expect(ids(await search(admin, { q: 'cancel OR teapot', status: 'in_progress' }))).toEqual([kiyoshi.handoverId]);
    expect(ids(await search(admin, { q: 'cancel OR teapot', status: 'pending' }))).toEqual([zelda.handoverId]);
    expect(ids(await search(admin, { q: 'cancel OR teapot', view: 'queue' }))).toEqual([zelda.handoverId]);
    // Pages of a search follow the cursor like the list's.
    const first = await admin.get('/handovers?view=all&q=cancel%20OR%20teapot%20OR%20invoice&limit=2');
    expect(first.body.handovers).toHaveLength(2);
    const second = await admin.get(`/handovers?view=all&q=cancel%20OR%20teapot%20OR%20invoice&limit=2&cursor=${first.body.nextCursor}`);
    expect(ids([...first.body.handovers, ...second.body.handovers])).toEqual(ids([zelda, kiyoshi, invoice].map((s) => ({ id: s.handoverId }))));
  });

  it('finds what was said after the handover began, words from different messages and fields together, and a phrase only in order', async () => {
    // Each handover keeps its words as its messages are stored (db/handover-words.ts), not only the transcript's.
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    expect((await ana.post(`/handovers/${kiyoshi.handoverId}/messages`, { body: 'Your voucher 4471 is on its way', clientMessageId: 'words-1' })).status).toBe(202);
    expect((await ai.post(`/conversations/${kiyoshi.conversationId}/messages`, { body: 'Thanks, my plan ends in May', clientMessageId: 'words-2' })).status).toBe(202);
    await eventually(async () => ((await search(admin, { q: 'voucher 4471' })).length === 1 ? true : undefined), "the agent's words to be searchable");
    await eventually(async () => ((await search(admin, { q: 'May' })).length === 1 ? true : undefined), "the customer's words to be searchable");
    expect(ids(await search(admin, { q: 'voucher 4471' }))).toEqual([kiyoshi.handoverId]);
    // The customer's name and words of two messages, one from the transcript: all of the handover's.
    expect(ids(await search(admin, { q: 'Tanaka voucher quarterly may' }))).toEqual([kiyoshi.handoverId]);
    expect(ids(await search(admin, { q: '"quarterly plan"' }))).toEqual([kiyoshi.handoverId]);
    expect(await search(admin, { q: '"plan quarterly"' })).toEqual([]);
    // A phrase of words stored since the handover began, of the customer's name, and none across two messages.
    expect(ids(await search(admin, { q: '"voucher 4471 is on its"' }))).toEqual([kiyoshi.handoverId]);
    expect(ids(await search(admin, { q: '"kiyoshi tanaka"' }))).toEqual([kiyoshi.handoverId]);
    expect(await search(admin, { q: '"way thanks"' })).toEqual([]);
    expect(await search(admin, { q: '"4471 voucher"' })).toEqual([]);
    // Excluding a phrase excludes the phrase, not its words standing apart (cold review: it excluded them).
    expect(ids(await search(admin, { q: 'voucher -"plan quarterly"' }))).toEqual([kiyoshi.handoverId]);
    expect(await search(admin, { q: 'voucher -"your voucher"' })).toEqual([]);
    // With OR a message may hold the phrase without the other words.
    expect(ids(await search(admin, { q: '"quarterly plan" OR nothingness' }))).toEqual([kiyoshi.handoverId]);
    expect(await search(admin, { q: 'voucher -quarterly' })).toEqual([]);
    const found = await search(admin, { q: 'voucher' });
    expect(found[0]?.match).toMatchObject({ field: 'message', snippet: 'Your voucher 4471 is on its way' });
  });

  it('pages a search in the attention order from the live handovers to the closed ones', async () => {
    const closed = await endedHandover(stack.db, stack.baseUrl, workspace);
    const page = async (cursor?: string) => {
      const answer = await admin.get(`/handovers?${new URLSearchParams({ view: 'all', sort: 'attention', q: 'teapot OR refund', limit: '1', ...(cursor ? { cursor } : {}) })}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body as { handovers: Item[]; nextCursor: string | null };
    };
    const first = await page();
    expect(first.handovers.map((item) => item.id)).toEqual([zelda.handoverId]);
    const second = await page(first.nextCursor!);
    expect(second.handovers.map((item) => item.id)).toEqual([closed.handoverId]);
    expect(second.nextCursor).toBeNull();
  });

  it('keeps to the caller’s workspace, and to what a member off the handover team may see', async () => {
    const other = await createWorkspace(stack.db);
    const stranger = await pendingHandover(stack.db, stack.baseUrl, other, {
      reason: 'Invoice address wrong',
      customer: { name: 'Zelda Okonkwo', email: 'zelda.okonkwo@example.org' },
      transcript: [{ role: 'customer', body: 'Where is my teapot?' }],
    });
    for (const q of ['teapot', 'invoice', 'zelda.okonkwo@example.org', 'okonkwo@exam', stranger.conversationId]) {
      expect(ids(await search(admin, { q })), q).not.toContain(stranger.handoverId);
    }
    // Cara is not on the team: none of these is hers or open to everyone; one assigned to her is.
    expect(await cara.get('/handovers?view=mine&q=teapot')).toMatchObject({ status: 200, body: { handovers: [] } });
    await stack.db.updateTable('handovers').set({ assignee_id: workspace.cara.id }).where('id', '=', invoice.handoverId).execute();
    try {
      const answer = await cara.get('/handovers?view=mine&q=invoice%20OR%20teapot');
      expect(ids(answer.body.handovers)).toEqual([invoice.handoverId]);
      // An agent may not widen the view to everything by searching.
      expect((await cara.get('/handovers?view=all&q=teapot')).status).toBe(403);
    } finally {
      await stack.db.updateTable('handovers').set({ assignee_id: null }).where('id', '=', invoice.handoverId).execute();
    }
  });

  it('answers text that would break a tsquery or a LIKE with results or none, never an error', async () => {
    for (const q of ["!&|:*()'\"\\", 'teapot & | !', '"unclosed', 'a:*', '%', '_', '\\', '-', 'OR', "o'brien", '<->', '100%_\\x']) {
      const answer = await admin.get(`/handovers?view=all&q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(200);
    }
    expect(ids(await search(admin, { q: 'teapot & | !' }))).toEqual([zelda.handoverId]);
    // % and _ are literal: they do not match every customer.
    expect(await search(admin, { q: '%%%' })).toEqual([]);
  });

  it('refuses malformed search input in the envelope', async () => {
    for (const query of [
      `q=${'x'.repeat(201)}`,
      'q=',
      'q=%20%20',
      'q=a%00b',
      'from=yesterday',
      'from=2026-02-30',
      'to=2026-01-01T25:00:00Z',
      'from=0000-01-01',
      'from=2026-02-01&to=2026-01-31',
      'from=2026-01-31T10:00:00Z&to=2026-01-31T09:59:59Z',
      'assigneeId=' + 'x'.repeat(101),
    ]) {
      const answer = await admin.get(`/handovers?view=all&${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code, query).toBe('invalid_request');
    }
  });
});
