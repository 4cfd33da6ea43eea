// `npx tsx bench/webhook-take.ts [--pending=20000] [--runs=60]`: what the take of a first webhook attempt
// (db/webhook-outbox.ts, takeQuery) costs while many events of the workspace wait for delivery, as they do while its
// receiver is down, with the partial index of pending events by handover (migration 0024) and, in the same run,
// without it (dropped), as before 0024. On a fresh embedded PostgreSQL of its own; prints milliseconds.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { saveWebhookEndpoint } from '../db/webhook-endpoints.ts';
import { enqueueWebhookEvents, takeForFirstAttempt } from '../db/webhook-outbox.ts';
import { withScratchPostgres } from './scratch-postgres.ts';
import { fmt, summarize, type Summary } from './stats.ts';

const option = (name: string, fallback: number) =>
  Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const pendingSizes = [0, 1000, option('pending', 20_000)];
const runs = option('runs', 60);

await withScratchPostgres('take', { connections: 2 }, async (db, workspace) => {
  await saveWebhookEndpoint(db, workspace.id, { url: 'http://127.0.0.1:9/receiver', secret: 'whsec_bench', replaceSecret: true, previousSecretExpiresAt: new Date() });

  /** `runs` takes, each of a new handover's only event (taken, then marked delivered so it stops waiting). */
  async function takes(): Promise<Summary> {
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const handoverId = randomUUID();
      const eventId = `${handoverId}.message`;
      await enqueueWebhookEvents(db, [{ id: eventId, workspaceId: workspace.id, type: 'handover.message', data: { handoverId } }]);
      const begin = performance.now();
      const taken = await takeForFirstAttempt(db, { workspaceId: workspace.id, handoverId, eventId }, [eventId], 15);
      times.push(performance.now() - begin);
      if (taken === undefined) throw new Error('the event was not taken');
      await sql`update webhook_deliveries set status = 'delivered' where id = ${eventId}`.execute(db);
    }
    return summarize(times);
  }

  console.log('| events of the workspace waiting | take p50, with 0024 | p95 | take p50, without | p95 | without ÷ with (p50) |');
  console.log('|---|---|---|---|---|---|');
  for (const pending of pendingSizes) {
    // Other handovers' events, as a receiver that fails leaves them (pending, each a body of a few hundred bytes).
    await sql`
      insert into webhook_deliveries (id, workspace_id, type, payload, created_at, next_attempt_at)
      select 'waiting-' || ${pending} || '-' || n, ${workspace.id}, 'handover.message',
        jsonb_build_object('type', 'handover.message', 'data',
          jsonb_build_object('handoverId', gen_random_uuid()::text, 'message', jsonb_build_object('body', repeat('x', 300)))), now(), now()
      from generate_series(1, ${pending} - (select count(*) from webhook_deliveries where status = 'pending')::int) n`.execute(db);
    await sql`analyze webhook_deliveries`.execute(db);
    const { rows } = await sql<{ definition: string }>`select pg_get_indexdef('webhook_deliveries_pending_handover_idx'::regclass) as definition`.execute(db);
    const timed: Partial<Record<'with' | 'without', Summary>> = {};
    // The two sides take turns going first; for the side without, the index is dropped, then made again as 0024 made it.
    for (const side of pendingSizes.indexOf(pending) % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const)) {
      if (side === 'without') await sql`drop index webhook_deliveries_pending_handover_idx`.execute(db);
      await sql`analyze webhook_deliveries`.execute(db);
      timed[side] = await takes();
      if (side === 'without') await sql.raw(rows[0]!.definition).execute(db);
    }
    const [withIndex, without] = [timed.with as Summary, timed.without as Summary];
    console.log(`| ${pending} | ${fmt(withIndex.p50)} | ${fmt(withIndex.p95)} | ${fmt(without.p50)} | ${fmt(without.p95)} | ${fmt(without.p50 / withIndex.p50)} |`);
  }
});
