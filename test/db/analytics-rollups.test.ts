// The analytics rollups (migrations/0016_analytics_rollups.ts) against the handovers they summarise: a generated
// history read from the rollups gives exactly the figures read from the handovers, for any period, zone and member;
// the sketches' percentiles stay within 2%; a rollup spoiled by hand is put right by the rebuild; the changes the
// service makes (a claim, a requeue, a transfer, an end, a rating) move the rollups with them.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handoverAnalytics, type AnalyticsOptions } from '../../db/analytics.ts';
import { completeRollups, rebuildRollups } from '../../db/analytics-rollups.ts';
import { resolveAnalyticsScope, type AnalyticsPeriodInput } from '../../db/analytics-scope.ts';
import { createDb, type Db } from '../../db/connect.ts';
import { sketchRelativeError } from '../../domain/analytics-sketch.ts';
import type { HandoverAnalytics } from '../../domain/schemas/analytics.ts';
import { generateHistory, type GeneratedHandover } from '../../runtime/history/generate.ts';
import { prepareHistoryWorkspace, type HistoryWorkspace } from '../../runtime/history/workspace.ts';
import { createCopySink, writeHistory } from '../../runtime/history/write.ts';

let db: Db;
let client: pg.Client;
let workspace: HistoryWorkspace;
const generated: GeneratedHandover[] = [];
const to = new Date();
const from = new Date(to.getTime() - 60 * 86_400_000);
const day = (at: Date) => at.toISOString().slice(0, 10);

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 4 });
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  workspace = await prepareHistoryWorkspace(db, { name: `Rollups ${randomUUID().slice(0, 8)}`, agentCount: 4, password: 'demo-password' });
  const history = generateHistory({
    seed: 'rollups',
    handovers: 1_500,
    from,
    to,
    messagesPerHandover: 4,
    containedPerHandover: 1,
    agents: workspace.agents,
    policy: workspace.policy,
    conversationPrefix: 'rollups-',
    idNamespace: workspace.workspaceId,
  });
  const conversations = history.conversations;
  history.conversations = (function* () {
    for (const conversation of conversations) {
      if (conversation.handover) generated.push(conversation.handover);
      yield conversation;
    }
  })();
  await writeHistory(db, createCopySink(client), history, { workspaceId: workspace.workspaceId, policy: workspace.policy, batchSize: 500 });
}, 120_000);

afterAll(async () => {
  await client?.end();
  await db?.destroy();
});

async function read(input: AnalyticsPeriodInput, bucket: 'hour' | 'day' = 'day', options: AnalyticsOptions = {}): Promise<HandoverAnalytics> {
  return handoverAnalytics(db, await resolveAnalyticsScope(db, workspace.workspaceId, input), bucket, options);
}

const exact = { exactPercentilesUpTo: Number.MAX_SAFE_INTEGER };

describe('the analytics rollups', () => {
  const periods: [string, AnalyticsPeriodInput, 'hour' | 'day'][] = [
    ['the 60 days, local days in UTC', { from: day(from), to: day(new Date(to.getTime() + 86_400_000)), tz: 'UTC' }, 'day'],
    ['30 days to the millisecond (ragged edges)', { from: new Date(to.getTime() - 30 * 86_400_000 - 1234).toISOString(), to: new Date(to.getTime() - 777).toISOString() }, 'day'],
    ['7 days by hour', { from: day(new Date(to.getTime() - 8 * 86_400_000)), to: day(new Date(to.getTime() - 86_400_000)), tz: 'UTC' }, 'hour'],
    // Both of 2026's DST changes in Europe and America fall in the history's last 60 days when it runs late in 2026;
    // whatever the date, a zone away from UTC moves every bucket's edge.
    ['the 60 days in New York', { from: day(from), to: day(to), tz: 'America/New_York' }, 'day'],
    ['the 60 days in Paris, by hour', { from: day(from), to: day(to), tz: 'Europe/Paris' }, 'hour'],
    ['a day with no handovers', { from: '2020-01-01', to: '2020-01-02' }, 'day'],
  ];

  it.each(periods)('give exactly the figures of the handovers themselves: %s', async (_name, input, bucket) => {
    expect(await read(input, bucket, exact)).toEqual(await read(input, bucket, { source: 'raw' }));
  });

  it("give one agent's figures exactly as the handovers do, agents with no ratings and the unrated included", async () => {
    for (const agent of workspace.agents) {
      const input = { from: day(from), to: day(to), memberId: agent.id };
      expect(await read(input, 'day', exact)).toEqual(await read(input, 'day', { source: 'raw' }));
    }
  });

  it('read percentiles within 2% from the sketches once a period holds many handovers, every count still exact', async () => {
    const input = { from: day(from), to: day(new Date(to.getTime() + 86_400_000)), tz: 'UTC' };
    const [sketched, reference] = [await read(input, 'day', { exactPercentilesUpTo: 0 }), await read(input, 'day', { source: 'raw' })];
    const within = (ours: number | null, theirs: number | null) => {
      if (theirs === null) return expect(ours).toBeNull();
      // The figures are rounded to hundredths of a second after the sketch's error.
      expect(Math.abs(ours! - theirs)).toBeLessThanOrEqual(theirs * sketchRelativeError + 0.01);
    };
    for (const key of ['waitTime', 'firstResponseTime', 'resolutionTime'] as const) {
      within(sketched[key].p50, reference[key].p50);
      within(sketched[key].p90, reference[key].p90);
      expect([sketched[key].mean, sketched[key].count]).toEqual([reference[key].mean, reference[key].count]);
    }
    expect(sketched.agents.length).toBe(reference.agents.length);
    for (const [index, agent] of reference.agents.entries()) {
      const ours = sketched.agents[index]!;
      within(ours.firstResponse.p50, agent.firstResponse.p50);
      within(ours.resolution.p50, agent.resolution.p50);
      expect({ ...ours, firstResponse: null, resolution: null }).toEqual({ ...agent, firstResponse: null, resolution: null });
    }
    const strip = (answer: HandoverAnalytics) => ({ ...answer, waitTime: null, firstResponseTime: null, resolutionTime: null, agents: null });
    expect(strip(sketched)).toEqual(strip(reference));
  });

  it("measure a requeued handover's wait to the claim that stuck, and count requeues and the customers who left while waiting", async () => {
    const input = { from: day(from), to: day(new Date(to.getTime() + 86_400_000)), tz: 'UTC' };
    const answer = await read(input, 'day', exact);
    const claimed = generated.filter((handover) => handover.claimedAt !== null);
    const requeued = generated.filter((handover) => handover.requeues > 0);
    expect(requeued.length).toBeGreaterThan(0);
    const meanWait = claimed.reduce((sum, handover) => sum + (handover.claimedAt! - handover.requestedAt), 0) / claimed.length / 1000;
    expect(answer.waitTime.count).toBe(claimed.length);
    expect(answer.waitTime.mean).toBeCloseTo(meanWait, 1);
    expect(answer.totals.requeued).toBe(requeued.length);
    expect(answer.totals.requeues).toBe(requeued.reduce((sum, handover) => sum + handover.requeues, 0));
    const missed = generated.filter((handover) => handover.status === 'missed');
    expect(answer.totals.abandoned).toBe(missed.filter((handover) => handover.outcome === 'customer_left').length);
    expect(answer.totals.timedOut).toBe(missed.filter((handover) => handover.outcome === 'timed_out').length);
    expect(answer.totals.abandoned + answer.totals.timedOut).toBe(answer.totals.missed);
  });

  it('are put right by the rebuild after being spoiled by hand, and move with every change to a handover', async () => {
    const input = { from: day(from), to: day(new Date(to.getTime() + 86_400_000)), tz: 'UTC' };
    const reference = await read(input, 'day', { source: 'raw' });
    for (const table of ['analytics_hours', 'analytics_days'] as const) {
      await db.updateTable(table).set((eb) => ({ handovers: eb('handovers', '+', 5), claims: 0 })).where('workspace_id', '=', workspace.workspaceId).execute();
    }
    await db.deleteFrom('analytics_reasons').where('workspace_id', '=', workspace.workspaceId).execute();
    await db.updateTable('analytics_sketches').set({ bins: [1], counts: [7] }).where('workspace_id', '=', workspace.workspaceId).where('metric', '=', 1).execute();
    const spoiled = await read(input, 'day', { exactPercentilesUpTo: 0 });
    expect(spoiled.totals.total).toBeGreaterThan(reference.totals.total);
    expect(spoiled.agents).toEqual([]);
    expect(spoiled.reasons.topReasons).toEqual([]);
    // A workspace whose rollups are not (yet) complete reads the handovers, whatever the rollups hold.
    await db.updateTable('workspaces').set({ analytics_ready_at: null }).where('id', '=', workspace.workspaceId).execute();
    expect(await read(input, 'day', { exactPercentilesUpTo: 0 })).toEqual(reference);

    await completeRollups(db);
    const ready = await db.selectFrom('workspaces').select('analytics_ready_at').where('id', '=', workspace.workspaceId).executeTakeFirstOrThrow();
    expect(ready.analytics_ready_at).not.toBeNull();
    expect(await read(input, 'day', exact)).toEqual(reference);

    // Changes as the activities make them, each in its own statement: the rollups follow without a rebuild.
    const [pending] = generated.filter((handover) => handover.status === 'completed');
    const target = pending!;
    const [first, second] = workspace.agents;
    await db.updateTable('handovers').set({ assignee_id: second!.id, rating_score: 1, requeues: 3 }).where('id', '=', target.id).execute();
    await db.updateTable('handovers').set({ status: 'missed', outcome: 'customer_left', claimed_at: null }).where('id', '=', generated[1]!.id).execute();
    await db
      .insertInto('handover_events')
      .values({ workspace_id: workspace.workspaceId, handover_id: target.id, type: 'claimed', actor_id: first!.id, actor_name: first!.name, data: '{}', at: new Date(), dedupe_key: `test-claim-${randomUUID()}` })
      .execute();
    await db.updateTable('handovers').set({ requested_at: new Date(target.requestedAt - 86_400_000) }).where('id', '=', target.id).execute();
    await db.deleteFrom('handovers').where('id', '=', generated[2]!.id).execute();
    expect(await read(input, 'day', exact)).toEqual(await read(input, 'day', { source: 'raw' }));
    // A rebuild now finds nothing to put right.
    const before = await db.selectFrom('analytics_hours').selectAll().where('workspace_id', '=', workspace.workspaceId).where('handovers', '<>', 0).orderBy(['start', 'member_id']).execute();
    await rebuildRollups(db, workspace.workspaceId);
    const after = await db.selectFrom('analytics_hours').selectAll().where('workspace_id', '=', workspace.workspaceId).where('handovers', '<>', 0).orderBy(['start', 'member_id']).execute();
    expect(after).toEqual(before);
  });

  it('count once a change made while a rebuild recounts its block', async () => {
    const input = { from: day(from), to: day(new Date(to.getTime() + 86_400_000)), tz: 'UTC' };
    // A handover in an hour no other has (03:17 UTC on a day of the history): its rollup rows are new ones.
    const sample = new Date(generated[10]!.requestedAt);
    const requested = new Date(Date.UTC(sample.getUTCFullYear(), sample.getUTCMonth(), sample.getUTCDate(), 3, 17));
    const block = new Date(requested.getTime() - ((requested.getTime() - Date.UTC(1970, 0, 5)) % (28 * 86_400_000)));
    const conversation = await db
      .insertInto('conversations')
      .values({ workspace_id: workspace.workspaceId, external_id: `during-rebuild-${randomUUID()}`, customer: '{}', created_at: new Date(sample.getTime() - 100 * 86_400_000), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [changing, rebuilding] = [new pg.Client({ connectionString: inject('databaseUrl') }), new pg.Client({ connectionString: inject('databaseUrl') })];
    await Promise.all([changing.connect(), rebuilding.connect()]);
    try {
      // The change is written (its rollup rows with it) but not committed when the rebuild starts ...
      await changing.query('begin');
      await changing.query(
        `insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, metadata, policy, requested_at, outcome)
         values ($1, $2, $3, 'missed', 'keyword', 'During the rebuild', '{}', '{}', '{}', $4, 'customer_left')`,
        [randomUUID(), workspace.workspaceId, conversation.id, requested],
      );
      await rebuilding.query('begin');
      const rebuild = rebuilding.query('select analytics_rebuild_block($1, $2::date)', [workspace.workspaceId, block.toISOString().slice(0, 10)]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // ... and commits while it runs: the recount sees it, and its own rows must not add it again.
      await changing.query('commit');
      await rebuild;
      await rebuilding.query('commit');
      expect(await read(input, 'day', exact)).toEqual(await read(input, 'day', { source: 'raw' }));
      // Its hour, read from the hour rows.
      const hour = { from: new Date(requested.getTime() - 17 * 60_000).toISOString(), to: new Date(requested.getTime() + 43 * 60_000).toISOString() };
      expect(await read(hour, 'hour', exact)).toEqual(await read(hour, 'hour', { source: 'raw' }));
    } finally {
      await Promise.all([changing.end(), rebuilding.end()]);
    }
  });

  it('read a workspace of only missed handovers, and an agent with no ratings, the same both ways', async () => {
    const small = await prepareHistoryWorkspace(db, { name: `Missed only ${randomUUID().slice(0, 8)}`, agentCount: 1, password: 'demo-password' });
    const agent = small.agents[0]!;
    const hour = 3600_000;
    const base = Math.floor(Date.now() / hour) * hour - 48 * hour;
    const handover = async (index: number, fields: Record<string, unknown>) => {
      const conversation = await db
        .insertInto('conversations')
        .values({ workspace_id: small.workspaceId, external_id: `edge-${index}`, customer: '{}', created_at: new Date(base + index * hour), updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = randomUUID();
      await db
        .insertInto('handovers')
        .values({ id, workspace_id: small.workspaceId, conversation_id: conversation.id, trigger: 'keyword', reason: 'Edge', customer: '{}', metadata: '{}', policy: '{}', requested_at: new Date(base + index * hour), status: 'missed', ...fields })
        .execute();
      return id;
    };
    await handover(1, { outcome: 'timed_out', escalation_level: 2 });
    await handover(2, { outcome: 'customer_left' });
    const period = { from: new Date(base - hour).toISOString(), to: new Date(base + 10 * hour).toISOString(), tz: 'UTC' };
    const readSmall = async (options: AnalyticsOptions) =>
      handoverAnalytics(db, await resolveAnalyticsScope(db, small.workspaceId, period), 'hour', options);
    const onlyMissed = await readSmall(exact);
    expect(onlyMissed).toEqual(await readSmall({ source: 'raw' }));
    expect(onlyMissed.totals).toMatchObject({ total: 2, completed: 0, missed: 2, abandoned: 1, timedOut: 1 });
    expect([onlyMissed.waitTime, onlyMissed.csat, onlyMissed.agents, onlyMissed.escalationRate]).toEqual([
      { p50: null, p90: null, mean: null, count: 0 },
      { mean: null, count: 0, satisfiedShare: null },
      [],
      0.5,
    ]);

    // The agent claims and ends one, unrated: a row with no rating.
    const handled = await handover(3, { status: 'completed', outcome: 'resolved', assignee_id: agent.id, claimed_at: new Date(base + 3 * hour + 60_000), ended_at: new Date(base + 3 * hour + 600_000) });
    await db
      .insertInto('handover_events')
      .values({ workspace_id: small.workspaceId, handover_id: handled, type: 'claimed', actor_id: agent.id, actor_name: agent.name, data: '{}', at: new Date(base + 3 * hour + 60_000), dedupe_key: 'claimed:edge' })
      .execute();
    const unrated = await readSmall(exact);
    expect(unrated).toEqual(await readSmall({ source: 'raw' }));
    expect(unrated.agents).toEqual([
      expect.objectContaining({ member: { id: agent.id, name: agent.name }, handled: 1, completed: 1, rating: { mean: null, count: 0 }, resolution: { p50: 540, mean: 540 } }),
    ]);
  });
});
