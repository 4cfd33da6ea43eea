// The history `npm run seed:analytics` writes (runtime/history/), through the same writer and COPY: the analytics
// count exactly what the generator says it wrote, search finds a generated handover by a word of its messages, and
// its timeline reads as the workflow would have left it.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handoverAnalytics } from '../../db/analytics.ts';
import { createDb, type Db } from '../../db/connect.ts';
import { listHandoverEvents } from '../../db/handover-events.ts';
import { listHandovers } from '../../db/handovers.ts';
import { generateHistory, type GeneratedConversation, type HistorySummary } from '../../runtime/history/generate.ts';
import { prepareHistoryWorkspace, type HistoryWorkspace } from '../../runtime/history/workspace.ts';
import { createCopySink, writeHistory } from '../../runtime/history/write.ts';

let db: Db;
let client: pg.Client;
let workspace: HistoryWorkspace;
let summary: HistorySummary;
let sample: GeneratedConversation | undefined;
const to = new Date();
const from = new Date(to.getTime() - 30 * 86_400_000);

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  workspace = await prepareHistoryWorkspace(db, { name: `History ${randomUUID().slice(0, 8)}`, agentCount: 4, password: 'demo-password' });
  const history = generateHistory({
    seed: 'integration',
    handovers: 300,
    from,
    to,
    messagesPerHandover: 8,
    containedPerHandover: 1.5,
    agents: workspace.agents,
    policy: workspace.policy,
    conversationPrefix: 'history-',
    idNamespace: workspace.workspaceId,
  });
  // Keep one handed-over conversation to look for; small batches, so several batches and their words are written.
  const conversations = history.conversations;
  history.conversations = (function* () {
    for (const conversation of conversations) {
      const hasOrderNumber = conversation.messages.some((message) => /#\d+/.test(message.body));
      if (!sample && conversation.handover?.status === 'completed' && conversation.handover.rating && hasOrderNumber) sample = conversation;
      yield conversation;
    }
  })();
  summary = await writeHistory(db, createCopySink(client), history, { workspaceId: workspace.workspaceId, policy: workspace.policy, batchSize: 200 });
});

afterAll(async () => {
  await client?.end();
  await db?.destroy();
});

describe('a generated history written with COPY', () => {
  it('shows in the analytics exactly as many handovers, completed, missed, escalated and rated ones as were generated', async () => {
    const analytics = await handoverAnalytics(db, { workspaceId: workspace.workspaceId, from, to, timeZone: 'UTC', filters: {}, rollupsReady: true }, 'day');
    expect(analytics.totals).toEqual({
      total: 300,
      pending: 0,
      inProgress: 0,
      completed: summary.completed,
      missed: summary.missed,
      // Only a wait can time out; a customer can also leave a conversation an agent had taken.
      timedOut: summary.byOutcome.timed_out,
      abandoned: summary.missed - summary.byOutcome.timed_out,
      requeued: summary.requeued,
      requeues: summary.requeued,
    });
    expect(summary.completed + summary.missed).toBe(300);
    expect(analytics.csat.count).toBe(summary.rated);
    expect(analytics.escalationRate).toBeCloseTo(summary.escalated / 300, 10);
    expect(Object.fromEntries(analytics.reasons.byTrigger.map((row) => [row.trigger, row.count]))).toEqual(
      Object.fromEntries(Object.entries(summary.byTrigger).filter(([, count]) => count > 0)),
    );
    expect(analytics.series.reduce((sum, bucket) => sum + bucket.total, 0)).toBe(300);
    expect(analytics.handoverRate).toBeCloseTo(300 / summary.conversations, 10);
    // Every claim is on the timeline: the agent rows handle them all.
    const claims = await db.selectFrom('handover_events').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', workspace.workspaceId).where('type', '=', 'claimed').executeTakeFirstOrThrow();
    expect(analytics.agents.reduce((sum, agent) => sum + agent.handled, 0)).toBe(Number(claims.n));
  });

  it('is found by search through a word of its messages', async () => {
    const handover = sample!.handover!;
    // An order number: one word of the customer's messages, in no reason or name.
    const word = sample!.messages.map((message) => /#(\d+)/.exec(message.body)?.[1]).find(Boolean);
    expect(word).toBeDefined();
    const page = await listHandovers(db, workspace.workspaceId, { view: 'all', memberId: workspace.agents[0]!.id, limit: 50, q: word! });
    expect(page.handovers.map((found) => found.id)).toContain(handover.id);
  });

  it('keeps a handover, its messages and its timeline as the workflow would have written them', async () => {
    const handover = sample!.handover!;
    const row = await db.selectFrom('handovers').selectAll().where('id', '=', handover.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ workspace_id: workspace.workspaceId, status: 'completed', assignee_id: handover.assigneeId, rating_score: handover.rating!.score });
    const messages = await db.selectFrom('messages').select(['seq', 'sender', 'body']).where('conversation_id', '=', sample!.id).orderBy('seq').execute();
    expect(messages).toEqual(sample!.messages.map(({ seq, sender, body }) => ({ seq, sender, body })));
    const timeline = await listHandoverEvents(db, workspace.workspaceId, handover.id);
    expect(timeline.map((event) => event.type)).toEqual(handover.events.map((event) => event.type));
    expect(timeline.at(-1)).toMatchObject({ type: 'rated', data: { score: handover.rating!.score } });
  });
});
