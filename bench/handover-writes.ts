// `npx tsx bench/handover-writes.ts [--writes=400]`: handover requests written to PostgreSQL (insertOrFindActiveHandover,
// as POST /handovers writes them) one at a time and 10 at once, in one workspace, with the analytics rollups' triggers
// and, in the same run, without them (disabled). Every handover written in a workspace adds to the same rollup rows
// (its hour's and its day's, and its reason's), and each holds those rows locked until it commits: how much that
// serialises the workspace's writes is the ratio below. On a fresh embedded PostgreSQL of its own.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { insertOrFindActiveHandover } from '../db/handovers.ts';
import { getHandoverSettings, toPolicy } from '../db/settings.ts';
import { withScratchPostgres } from './scratch-postgres.ts';
import { fmt, pool, summarize } from './stats.ts';

const writes = Number(process.argv.find((arg) => arg.startsWith('--writes='))?.split('=')[1] ?? 400);

await withScratchPostgres('writes', { connections: 10 }, async (db, workspace) => {
  const policy = toPolicy(await getHandoverSettings(db, workspace.id));

  async function round(inFlight: number): Promise<{ p50: number; p95: number; perSecond: number }> {
    const times: number[] = [];
    const begin = performance.now();
    await pool(writes, inFlight, async () => {
      const start = performance.now();
      const request = { conversationId: `c-${randomUUID()}`, reason: 'Parcel late', trigger: 'other' as const, customer: { name: 'Bench Customer' } };
      await insertOrFindActiveHandover(db, { id: randomUUID(), workspaceId: workspace.id, request, policy });
      times.push(performance.now() - start);
    });
    const summary = summarize(times);
    return { p50: summary.p50, p95: summary.p95, perSecond: writes / ((performance.now() - begin) / 1000) };
  }
  const triggers = async (enabled: boolean) => {
    const action = enabled ? sql`enable` : sql`disable`;
    await sql`alter table handovers ${action} trigger handovers_analytics`.execute(db);
    await sql`alter table conversations ${action} trigger conversations_analytics`.execute(db);
  };

  console.log('| in flight | rollup triggers | p50 ms | p95 ms | writes/s |');
  console.log('|---|---|---|---|---|');
  // Twice, alternated, so that neither side has the warmer cache.
  for (let pass = 0; pass < 2; pass += 1) {
    for (const enabled of [true, false]) {
      await triggers(enabled);
      for (const inFlight of [1, 10]) {
        const result = await round(inFlight);
        console.log(`| ${inFlight} | ${enabled ? 'on' : 'off'} | ${fmt(result.p50)} | ${fmt(result.p95)} | ${fmt(result.perSecond, 0)} |`);
      }
    }
  }
  await triggers(true);
});
