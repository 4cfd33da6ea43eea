// The conversations' phrase filters (migrations/0021_phrase_filters.ts, db/phrase-filters.ts): kept by a trigger on
// every message written, filled in the background for the messages stored before them, read by a phrase search
// only once complete, and never hiding a phrase a message holds.
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { matchesSearch } from '../../db/handover-search.ts';
import { completePhraseFilters } from '../../db/phrase-filters.ts';
import { defaultPolicy } from '../../domain/policy.ts';
import { migrations } from '../../migrations/index.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';

let db: Db;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, drop } = await createScratchDatabase('phrase_filters'));
});

afterAll(async () => {
  await drop?.();
});

/** The handovers of the workspace a search matches, by their reasons. */
async function found(workspaceId: string, q: string): Promise<string[]> {
  const { condition } = await matchesSearch(db, workspaceId, q);
  const { rows } = await sql<{ reason: string }>`select reason from handovers where workspace_id = ${workspaceId} and ${condition} order by reason`.execute(db);
  return rows.map((row) => row.reason);
}

const filterOf = async (conversationId: string) =>
  (await sql<{ bits: string }>`select bits::text as bits from conversation_phrase_filters where conversation_id = ${conversationId}`.execute(db)).rows[0]?.bits;

const pairBits = async (first: string, second: string) =>
  (await sql<{ bits: string }>`select phrase_pair_bits(${first}, ${second})::text as bits`.execute(db)).rows[0]!.bits;

/** Whether every bit set in `mask` is set in `bits`. */
const holds = (bits: string | undefined, mask: string) => bits !== undefined && [...mask].every((bit, index) => bit === '0' || bits[index] === '1');

describe('phrase filters', () => {
  it('are filled for the messages stored before them, kept for those after, and read only once complete', async () => {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo('0020_webhook_first_attempt');
    if (before.error) throw before.error;
    const { id: workspaceId } = await db.insertInto('workspaces').values({ name: 'Phrases' }).returning('id').executeTakeFirstOrThrow();
    const conversation = async (externalId: string, reason: string) => {
      const { id } = await db.insertInto('conversations').values({ workspace_id: workspaceId, external_id: externalId, customer: '{}' }).returning('id').executeTakeFirstOrThrow();
      await sql`insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, requested_at, ended_at, outcome, words)
        values (gen_random_uuid(), ${workspaceId}, ${id}, 'completed', 'user_request', ${reason}, '{}'::jsonb, ${JSON.stringify(defaultPolicy)}::jsonb,
          now() - interval '1 hour', now(), 'resolved', 'refund parcel is late blue box'::tsvector)`.execute(db);
      return id;
    };
    const adjacent = await conversation('c-adjacent', 'holds the phrase');
    const apart = await conversation('c-apart', 'holds the words apart');
    const message = (conversationId: string, seq: number, body: string) =>
      sql`insert into messages (id, workspace_id, conversation_id, seq, sender, body) values (gen_random_uuid(), ${workspaceId}, ${conversationId}, ${seq}, 'customer', ${body})`.execute(db);
    await message(adjacent, 1, 'My refund parcel is late.');
    await message(apart, 1, 'The parcel is late and I want a refund.');

    const after = await migrator.migrateToLatest();
    if (after.error) throw after.error;
    // Stored before the filters: the workspace's are incomplete, and a phrase search reads the messages.
    expect((await db.selectFrom('workspaces').select('phrase_filters_ready_at').where('id', '=', workspaceId).executeTakeFirstOrThrow()).phrase_filters_ready_at).toBeNull();
    expect(await filterOf(adjacent)).toBeUndefined();
    expect(await found(workspaceId, '"refund parcel"')).toEqual(['holds the phrase']);

    // A message stored now, by any writer, gets its pairs from the trigger.
    await message(apart, 2, 'It came in a blue box.');
    const afterTrigger = await filterOf(apart);
    expect(holds(afterTrigger, await pairBits('blue', 'box'))).toBe(true);
    expect(holds(afterTrigger, await pairBits('want', 'a'))).toBe(false);

    await completePhraseFilters(db);
    expect((await db.selectFrom('workspaces').select('phrase_filters_ready_at').where('id', '=', workspaceId).executeTakeFirstOrThrow()).phrase_filters_ready_at).not.toBeNull();
    // The backfill added the older message's pairs to what the trigger had written, and kept those.
    const filled = await filterOf(apart);
    for (const [first, second] of [['blue', 'box'], ['want', 'a'], ['a', 'refund'], ['parcel', 'is']] as const) {
      expect(holds(filled, await pairBits(first, second)), `${first} ${second}`).toBe(true);
    }
    expect(holds(await filterOf(adjacent), await pairBits('refund', 'parcel'))).toBe(true);
    expect(await found(workspaceId, '"refund parcel"')).toEqual(['holds the phrase']);
    expect(await found(workspaceId, '"blue box"')).toEqual(['holds the words apart']);
    expect(await found(workspaceId, '"parcel is late"')).toEqual(['holds the phrase', 'holds the words apart']);

    // The search reads them: a filter that says no keeps that conversation's messages unread (a real filter says
    // no only to a conversation without the pair; zeroed here to see that the search consults it at all).
    await sql`update conversation_phrase_filters set bits = repeat('0', 2048)::bit(2048) where conversation_id = ${adjacent}`.execute(db);
    expect(await found(workspaceId, '"refund parcel"')).toEqual([]);
    // Not for a query with OR, whose phrase is not required; nor before the workspace's filters are complete.
    expect(await found(workspaceId, '"refund parcel" OR kumquat')).toEqual(['holds the phrase']);
    await db.updateTable('workspaces').set({ phrase_filters_ready_at: null }).where('id', '=', workspaceId).execute();
    expect(await found(workspaceId, '"refund parcel"')).toEqual(['holds the phrase']);
  });

  it('are kept for a statement that stores many conversations’ messages at once, as a bulk load does', async () => {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const latest = await migrator.migrateToLatest();
    if (latest.error) throw latest.error;
    const { id: workspaceId } = await db.insertInto('workspaces').values({ name: 'Bulk' }).returning('id').executeTakeFirstOrThrow();
    await sql`insert into conversations (workspace_id, external_id, customer) select ${workspaceId}::uuid, 'bulk' || g, '{}'::jsonb from generate_series(1, 30) g`.execute(db);
    await sql`insert into messages (id, workspace_id, conversation_id, seq, sender, body)
      select gen_random_uuid(), c.workspace_id, c.id, s, 'customer', 'word' || s || ' follows ' || c.external_id
      from conversations c, generate_series(1, 3) s where c.workspace_id = ${workspaceId}`.execute(db);
    const { rows } = await sql<{ external_id: string; bits: string }>`
      select c.external_id, f.bits::text as bits from conversations c join conversation_phrase_filters f on f.conversation_id = c.id
      where c.workspace_id = ${workspaceId}`.execute(db);
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      expect(holds(row.bits, await pairBits('follows', row.external_id)), row.external_id).toBe(true);
      expect(holds(row.bits, await pairBits('word3', 'follows')), row.external_id).toBe(true);
    }
  });
});
