// Migration 0014 gives every handover already stored its words, by the rule the message writes follow from then
// on: a message's words go to the handover it was sent in; one sent outside any (the transcript, the AI's after an
// End) to the handover requested last at or before it, or the first for one older than them all. Migration 0020
// adds, by the same rule, a term for each two words standing together in one text, as the writes do from then on.
import { randomUUID } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { fillHandoverWords, pairTerm } from '../../db/handover-words.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';
import { defaultPolicy } from '../../domain/policy.ts';
import { migrations } from '../../migrations/index.ts';

let db: Db;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, drop } = await createScratchDatabase('handover_words'));
});

afterAll(async () => {
  await drop?.();
});

const migrator = () => new Migrator({ db, provider: { getMigrations: async () => migrations } });

/** Two handovers of one conversation and five messages: before, in and after the first, in and after the second. */
async function storeConversation(name: string) {
  const { id: workspaceId } = await db.insertInto('workspaces').values({ name }).returning('id').executeTakeFirstOrThrow();
  const { id: conversationId } = await db
    .insertInto('conversations')
    .values({ workspace_id: workspaceId, external_id: 'c-1', customer: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const handover = (id: string, reason: string, requestedAt: string) =>
    sql`insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, requested_at, ended_at, outcome)
      values (${id}, ${workspaceId}, ${conversationId}, 'completed', 'user_request', ${reason}, '{"name": "Ines Moreau"}'::jsonb,
        ${JSON.stringify(defaultPolicy)}::jsonb, ${requestedAt}::timestamptz, ${requestedAt}::timestamptz + interval '1 hour', 'resolved')`.execute(db);
  const first = randomUUID();
  const second = randomUUID();
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
  return { workspaceId, first, second };
}

const words = async (id: string) =>
  (await sql<{ words: string[] }>`select tsvector_to_array(words) as words from handovers where id = ${id}`.execute(db)).rows[0]?.words.sort();

describe('migrations 0014_handover_words and 0020_search_word_pairs', () => {
  it('0014 gives the handovers stored before it their own words and their messages’ words', async () => {
    const before = await migrator().migrateTo('0011_notifications');
    if (before.error) throw before.error;
    const { first, second } = await storeConversation('Words');

    const after = await migrator().migrateTo('0014_handover_words');
    if (after.error) throw after.error;
    expect(await words(first)).toEqual(['after-end', 'charlie', 'alpha', 'bravo', 'during', 'end', 'ines', 'late', 'moreau', 'parcel', 'transcript', 'after'].sort());
    expect(await words(second)).toEqual(['delta', 'during', 'echo', 'ines', 'invoice', 'later', 'moreau', 'wrong'].sort());
  });

  it('0020 adds the pairs of words standing together in one text, the same terms the writes make from then on', async () => {
    const latest = await migrator().migrateToLatest();
    if (latest.error) throw latest.error;
    // Rows stored as 0019 left them: words of their own (0014's), no pairs.
    const down = await migrator().migrateTo('0019_attachments_workspace_size');
    if (down.error) throw down.error;
    const { workspaceId, first, second } = await storeConversation('Pairs');
    // And one message of 2,101 different words in a row: more pairs than a handover keeps.
    const longText = Array.from({ length: 2101 }, (_, index) => `x${index}`).join(' ');
    await sql`insert into messages (id, workspace_id, conversation_id, handover_id, seq, sender, body, created_at)
      select gen_random_uuid(), workspace_id, conversation_id, id, 6, 'customer', ${longText}, '2026-01-02T11:00:00Z' from handovers where id = ${second}`.execute(db);
    await sql`update handovers set words = strip(to_tsvector('simple', reason)) where workspace_id = ${workspaceId}`.execute(db);
    // A handover 0014 let come near PostgreSQL's 1 MB (7,100 words of 49 Chinese characters, 1,043,700 bytes), and a
    // message of 1,000 words in a row: all its pairs would pass the 1 MB and fail the migration (found by a review).
    const { id: nearFullId } = (
      await sql<{ id: string }>`insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, requested_at, words)
        select gen_random_uuid(), workspace_id, conversation_id, 'completed', 'user_request', 'x', '{}'::jsonb, policy, requested_at + interval '2 days',
          array_to_tsvector(array(select repeat(chr(19968 + g), 49) from generate_series(1, 7100) g))
        from handovers where id = ${second} returning id`.execute(db)
    ).rows[0]!;
    await sql`insert into messages (id, workspace_id, conversation_id, handover_id, seq, sender, body, created_at)
      select gen_random_uuid(), workspace_id, conversation_id, id, 7, 'customer', ${Array.from({ length: 1000 }, (_, index) => `y${index}`).join(' ')}, requested_at
      from handovers where id = ${nearFullId}`.execute(db);

    const after = await migrator().migrateToLatest();
    if (after.error) throw after.error;
    const pairs = (...texts: string[][]) => texts.flatMap((text) => text.slice(1).map((word, index) => pairTerm(text[index]!, word)));
    // Own text: the reason, name and email as one; each message on its own (no pair joins 'alpha' and 'during').
    expect(await words(first)).toEqual(
      ['late', 'parcel', ...pairs(['parcel', 'late', 'ines', 'moreau'], ['transcript', 'alpha'], ['during', 'bravo'], ['after-end', 'after', 'end', 'charlie'])].sort(),
    );
    // Past 2,000 pairs the rest are not kept, and the mark says so (a phrase is then narrowed by its words).
    const secondTerms = (await words(second))!;
    expect(secondTerms.filter((term) => term.startsWith(' ') && term !== ' +')).toHaveLength(2000);
    expect(secondTerms).toContain(' +');
    const nearFull = (await words(nearFullId))!;
    expect(nearFull).toContain(' +');
    expect(nearFull.filter((term) => term.startsWith(' ') && term !== ' +')).toEqual([]);
    expect(nearFull.reduce((bytes, term) => bytes + Buffer.byteLength(term), 0)).toBeLessThanOrEqual(1_048_575);
    // The writes' own computation (the history generator's, the same SQL as a message's) gives the same pairs.
    const migrated = await words(first);
    await fillHandoverWords(db, workspaceId);
    const pairsOf = (all: string[] | undefined) => all?.filter((term) => term.startsWith(' '));
    expect(pairsOf(await words(first))).toEqual(pairsOf(migrated));
    expect(await words(first)).toEqual(expect.arrayContaining(['alpha', 'bravo', 'charlie', 'ines']));
    expect(await words(second)).toEqual(expect.arrayContaining([' +', 'x0', 'x2100', 'delta']));


    // Down takes the pairs and the marks out again, and leaves the words.
    const undone = await migrator().migrateTo('0019_attachments_workspace_size');
    if (undone.error) throw undone.error;
    expect((await words(first))?.filter((term) => term.startsWith(' '))).toEqual([]);
    expect(await words(first)).toEqual(expect.arrayContaining(['alpha', 'ines']));
    const again = await migrator().migrateToLatest();
    if (again.error) throw again.error;
  });
});
