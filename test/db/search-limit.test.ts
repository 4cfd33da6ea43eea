// A search that matches too much to list in time is refused, not left running (found by the search benchmark at
// 1M handovers: a very common word took 96 s, holding a connection and the agent's page that long).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../db/connect.ts';
import { wordShares } from '../../db/handover-words.ts';
import { listHandovers, SearchTooBroadError } from '../../db/handovers.ts';
import { defaultPolicy } from '../../domain/policy.ts';
import { createWorkspace } from '../support/factories.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db?.destroy();
});

describe('searching the handovers', () => {
  it('stops a search that outlasts its time and says so, and answers one that does not', async () => {
    const workspace = await createWorkspace(db);
    // 3,000 closed handovers whose reason holds the same word.
    await sql`insert into conversations (workspace_id, external_id, customer)
      select ${workspace.id}::uuid, 'bulk-' || g, '{}'::jsonb from generate_series(1, 3000) g`.execute(db);
    await sql`insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, requested_at, ended_at, outcome, words)
      select gen_random_uuid(), c.workspace_id, c.id, 'missed', 'user_request', 'parcel lost in transit', '{}'::jsonb, ${JSON.stringify(defaultPolicy)}::jsonb,
        now() - interval '1 day', now(), 'timed_out', strip(to_tsvector('simple', 'parcel lost in transit'))
      from conversations c where c.workspace_id = ${workspace.id}`.execute(db);
    const search = (searchTimeoutMs?: number) =>
      listHandovers(db, workspace.id, { view: 'all', sort: 'attention', memberId: workspace.admin.id, limit: 50, q: 'parcel', ...(searchTimeoutMs ? { searchTimeoutMs } : {}) });

    await expect(search(1)).rejects.toBeInstanceOf(SearchTooBroadError);
    const page = await search();
    expect(page.handovers).toHaveLength(50);
    expect(page.nextCursor).not.toBeNull();
  });

  it('reads by the words’ shares once PostgreSQL has statistics of them: common words in order, rare ones by the index', async () => {
    const workspace = await createWorkspace(db);
    await sql`insert into conversations (workspace_id, external_id, customer)
      select ${workspace.id}::uuid, 'shares-' || g, '{}'::jsonb from generate_series(1, 400) g`.execute(db);
    // Every handover says 'parcel'; every hundredth also 'kumquat'.
    await sql`insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, requested_at, ended_at, outcome, words)
      select gen_random_uuid(), c.workspace_id, c.id, 'completed', 'user_request', 'parcel', '{}'::jsonb, ${JSON.stringify(defaultPolicy)}::jsonb,
        now() - (substr(c.external_id, 8)::int * interval '1 minute'), now(), 'resolved',
        case when substr(c.external_id, 8)::int % 100 = 0 then 'kumquat parcel'::tsvector else 'parcel'::tsvector end
      from conversations c where c.workspace_id = ${workspace.id}`.execute(db);
    await sql`analyze handovers`.execute(db);
    // A connection of its own: the shares are read once and kept for minutes per database handle.
    const fresh = createDb(inject('databaseUrl'), { max: 1 });
    try {
      const shares = await wordShares(fresh);
      expect(shares?.shares.get('parcel')).toBeGreaterThan(0);
      const search = (q: string, cursor?: string) =>
        listHandovers(fresh, workspace.id, { view: 'all', sort: 'attention', memberId: workspace.admin.id, limit: 50, q, ...(cursor ? { cursor } : {}) });
      const first = await search('parcel');
      const second = await search('parcel', first.nextCursor!);
      expect(first.handovers).toHaveLength(50);
      expect(new Set([...first.handovers, ...second.handovers].map((handover) => handover.id)).size).toBe(100);
      expect((await search('kumquat')).handovers).toHaveLength(4);
      expect((await search('kumquat parcel')).handovers).toHaveLength(4);
      expect((await search('zzzznothing')).handovers).toHaveLength(0);
    } finally {
      await fresh.destroy();
    }
  });
});
