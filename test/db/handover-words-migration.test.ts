// Migration 0014 gives every handover already stored its words, by the rule the message writes follow from then
// on: a message's words go to the handover it was sent in; one sent outside any (the transcript, the AI's after an
// End) to the handover requested last at or before it, or the first for one older than them all.
import { sql } from 'kysely';
import { migrateToLatest } from '../../db/migrate.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';
import { defaultPolicy } from '../../domain/policy.ts';

let db: Db;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, drop } = await createScratchDatabase('handover_words'));
});

afterAll(async () => {
  await drop?.();
});

describe('migration 0014_handover_words', () => {
  it('gives the handovers stored before it their own words and their messages’ words', async () => {
    await migrateToLatest(db, { to: '0011_notifications' });
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
    const first = '00000000-0000-4000-8000-000000000001';
    const second = '00000000-0000-4000-8000-000000000002';
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

    await migrateToLatest(db);
    const words = async (id: string) =>
      (await sql<{ words: string[] }>`select tsvector_to_array(words) as words from handovers where id = ${id}`.execute(db)).rows[0]?.words.sort();
    expect(await words(first)).toEqual(['after-end', 'charlie', 'alpha', 'bravo', 'during', 'end', 'ines', 'late', 'moreau', 'parcel', 'transcript', 'after'].sort());
    expect(await words(second)).toEqual(['delta', 'during', 'echo', 'ines', 'invoice', 'later', 'moreau', 'wrong'].sort());
  });
});
