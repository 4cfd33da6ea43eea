// Migrations 0014 and 0021 give every handover already stored its words and its pair filter, by the rule the
// message writes follow from then on: a message's words go to the handover it was sent in; one sent outside any
// (the transcript, the AI's after an End) to the handover requested last at or before it, or the first for one
// older than them all.
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { fillHandoverWords } from '../../db/handover-words.ts';
import { defaultPolicy } from '../../domain/policy.ts';
import { migrations } from '../../migrations/index.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';

let drop: (() => Promise<void>) | undefined;

afterEach(async () => {
  await drop?.();
  drop = undefined;
});

const first = '00000000-0000-4000-8000-000000000001';
const second = '00000000-0000-4000-8000-000000000002';

/**
 * A database migrated up to `before`, holding one conversation with two handovers and messages in and outside them,
 * and the migrator to take it on.
 */
async function historyBefore(before: string): Promise<{ db: Db; migrator: Migrator; workspaceId: string }> {
  const scratch = await createScratchDatabase('handover_words');
  drop = scratch.drop;
  const db = scratch.db;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const migrated = await migrator.migrateTo(before);
  if (migrated.error) throw migrated.error;
  const { id: workspaceId } = await db.insertInto('workspaces').values({ name: 'Words' }).returning('id').executeTakeFirstOrThrow();
  const { id: conversationId } = await db
    .insertInto('conversations')
    .values({ workspace_id: workspaceId, external_id: 'c-1', customer: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const handover = (id: string, reason: string, requestedAt: string) =>
    sql`insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, requested_at, ended_at, outcome)
      values (${id}, ${workspaceId}, ${conversationId}, 'completed', 'user_request', ${reason}, '{"name": "Ines Moreau"}'::jsonb,
        ${JSON.stringify(defaultPolicy)}::jsonb, ${requestedAt}::timestamptz, ${requestedAt}::timestamptz + interval '1 hour', 'resolved')`.execute(db);
  await handover(first, 'Parcel late', '2026-01-01T10:00:00Z');
  await handover(second, 'Invoice wrong', '2026-01-02T10:00:00Z');
  const message = (seq: number, handoverId: string | null, body: string, at: string) =>
    sql`insert into messages (id, workspace_id, conversation_id, handover_id, seq, sender, body, created_at)
      values (gen_random_uuid(), ${workspaceId}, ${conversationId}, ${handoverId}, ${seq}, 'customer', ${body}, ${at}::timestamptz)`.execute(db);
  await message(1, null, 'transcript alpha', '2026-01-01T09:59:00Z');
  await message(2, first, 'during bravo', '2026-01-01T10:05:00Z');
  await message(3, null, 'after-end charlie', '2026-01-01T12:00:00Z');
  await message(4, second, 'during delta', '2026-01-02T10:05:00Z');
  await message(5, null, 'later echo', '2026-01-03T10:00:00Z');
  return { db, migrator, workspaceId };
}

describe('migration 0014_handover_words', () => {
  it('gives the handovers stored before it their own words and their messages’ words', async () => {
    const { db, migrator } = await historyBefore('0011_notifications');
    const after = await migrator.migrateToLatest();
    if (after.error) throw after.error;
    const words = async (id: string) =>
      (await sql<{ words: string[] }>`select tsvector_to_array(words) as words from handovers where id = ${id}`.execute(db)).rows[0]?.words.sort();
    expect(await words(first)).toEqual(['after-end', 'charlie', 'alpha', 'bravo', 'during', 'end', 'ines', 'late', 'moreau', 'parcel', 'transcript', 'after'].sort());
    expect(await words(second)).toEqual(['delta', 'during', 'echo', 'ines', 'invoice', 'later', 'moreau', 'wrong'].sort());
  });
});

describe('migration 0021_handover_pair_filter', () => {
  it('gives the handovers stored before it the pairs of their own text and of their messages, as fillHandoverWords computes them', async () => {
    const { db, migrator, workspaceId } = await historyBefore('0020_webhook_first_attempt');
    const after = await migrator.migrateToLatest();
    if (after.error) throw after.error;
    const holds = async (id: string, a: string, b: string) =>
      (await sql<{ holds: boolean }>`select (filter & handover_pair_mask(${a}, ${b})) = handover_pair_mask(${a}, ${b}) as holds
        from handover_pair_filters where handover_id = ${id}`.execute(db)).rows[0]!.holds;
    const pairs = [['parcel', 'late'], ['late', 'ines'], ['transcript', 'alpha'], ['during', 'bravo'], ['end', 'charlie'], ['invoice', 'wrong'], ['during', 'delta'], ['later', 'echo']];
    const held = async (id: string) => {
      const found: string[] = [];
      for (const [a, b] of pairs) if (await holds(id, a!, b!)) found.push(`${a} ${b}`);
      return found;
    };
    expect(await held(first)).toEqual(['parcel late', 'late ines', 'transcript alpha', 'during bravo', 'end charlie']);
    expect(await held(second)).toEqual(['invoice wrong', 'during delta', 'later echo']);

    // The same filters as fillHandoverWords computes (the history generator's), and none full.
    const filters = async () => (await db.selectFrom('handover_pair_filters').select(['handover_id', 'filter']).orderBy('handover_id').execute()).map((row) => row.filter);
    const migrated = await filters();
    expect(migrated.every((filter) => filter.length === 2048 && filter.includes('0'))).toBe(true);
    await fillHandoverWords(db, workspaceId);
    expect(await filters()).toEqual(migrated);
  });
});
