// What a phrase search reads besides the words: the conversations' phrase filters (migrations/0021_phrase_filters.ts,
// db/phrase-filters.ts), checked one conversation at a time, and the phrase pairs of each write (0022, 0023,
// db/phrase-pairs.ts), found through their index. Both kept by triggers on every write, filled in the background
// for what was stored before them, read by a search only once complete, and never hiding a phrase a message or a
// handover's own text holds. The lock tests come from a cold review of the filters' first version, which deadlocked
// a message write with the fill (a foreign key's check) and the migration with a writer of the previous version.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { inOrderShare, matchesSearch } from '../../db/handover-search.ts';
import { listHandovers } from '../../db/handovers.ts';
import { insertMember } from '../../db/members.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { completePhraseFilters, fillPhraseFilters } from '../../db/phrase-filters.ts';
import { completePhrasePairs, maxCandidates, pairHashes, phraseCandidates } from '../../db/phrase-pairs.ts';
import { defaultPolicy } from '../../domain/policy.ts';
import { eventually } from '../support/http.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';

const scratches: Array<() => Promise<void>> = [];
let db: Db;

beforeAll(async () => {
  db = await scratchAt('0020_webhook_first_attempt');
});

afterAll(async () => {
  for (const drop of scratches) await drop();
});

/** A database of its own, migrated to `migration` (the latest when not named). */
async function scratchAt(migration?: string): Promise<Db> {
  const scratch = await createScratchDatabase('phrase_search');
  scratches.push(scratch.drop);
  await migrateToLatest(scratch.db, migration ? { to: migration } : {});
  return scratch.db;
}


/** The handovers of the workspace a search matches, by their reasons. */
async function found(target: Db, workspaceId: string, q: string): Promise<string[]> {
  const { condition } = await matchesSearch(target, workspaceId, q);
  const { rows } = await sql<{ reason: string }>`select reason from handovers where workspace_id = ${workspaceId} and ${condition} order by reason`.execute(target);
  return rows.map((row) => row.reason);
}

const filterOf = async (target: Db, conversationId: string) =>
  (await sql<{ bits: string }>`select bits::text as bits from conversation_phrase_filters where conversation_id = ${conversationId}`.execute(target)).rows[0]?.bits;

const pairBits = async (target: Db, first: string, second: string) =>
  (await sql<{ bits: string }>`select phrase_pair_bits(${first}, ${second})::text as bits`.execute(target)).rows[0]!.bits;

/** Whether every bit set in `mask` is set in `bits`. */
const holds = (bits: string | undefined, mask: string) => bits !== undefined && [...mask].every((bit, index) => bit === '0' || bits[index] === '1');

/** Whether one of the conversation's phrase pair rows holds the pair of these two words. */
const pairStored = async (target: Db, conversationId: string, first: string, second: string) =>
  (
    await sql<{ stored: boolean }>`select exists (select 1 from phrase_pair_sets where conversation_id = ${conversationId}
      and pairs @> array[phrase_pair_hash((select workspace_id from conversations where id = ${conversationId}), ${first}, ${second})]) as stored`.execute(target)
  ).rows[0]!.stored;

const waitingForPairs = async (target: Db, workspaceId: string) =>
  (await target.selectFrom('phrase_pair_set_backfills').select('workspace_id').where('workspace_id', '=', workspaceId).execute()).length > 0;

const waiting = async (target: Db, workspaceId: string) =>
  (await target.selectFrom('phrase_filter_backfills').select('workspace_id').where('workspace_id', '=', workspaceId).execute()).length > 0;

async function workspace(target: Db, name: string): Promise<string> {
  return (await target.insertInto('workspaces').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
}

/** A conversation with one closed handover whose words column holds `words` (what a search narrows by). */
async function conversation(target: Db, workspaceId: string, reason: string, words: string): Promise<string> {
  const { id } = await target
    .insertInto('conversations')
    .values({ workspace_id: workspaceId, external_id: `c-${randomUUID()}`, customer: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await handover(target, workspaceId, id, reason, words);
  return id;
}

/** A closed handover of the conversation, and its id. */
async function handover(target: Db, workspaceId: string, conversationId: string, reason: string, words: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, requested_at, ended_at, outcome, words)
    values (gen_random_uuid(), ${workspaceId}, ${conversationId}, 'completed', 'user_request', ${reason}, '{}'::jsonb, ${JSON.stringify(defaultPolicy)}::jsonb,
      now() - interval '1 hour', now(), 'resolved', strip(to_tsvector('simple', ${words}))) returning id`.execute(target);
  return rows[0]!.id;
}

/** A message of the conversation: outside any handover, or in `handoverId`. */
const message = (target: Db, workspaceId: string, conversationId: string, seq: number, body: string, handoverId: string | null = null) =>
  sql`insert into messages (id, workspace_id, conversation_id, handover_id, seq, sender, body)
    values (gen_random_uuid(), ${workspaceId}, ${conversationId}, ${handoverId}, ${seq}, 'customer', ${body})`.execute(target);

/** What a promise came to within `ms`, or 'still waiting'. */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

/**
 * A transaction of its own connection, held open after `statements` until `end` is called (as a writer mid-way
 * holds its locks), which runs `last` in it and commits.
 */
async function holdOpen(target: Db, statements: (tx: Db) => Promise<void>, last?: (tx: Db) => Promise<void>): Promise<{ end: () => Promise<void> }> {
  let ended!: () => void;
  const ending = new Promise<void>((resolve) => (ended = resolve));
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const done = target.transaction().execute(async (tx) => {
    await statements(tx);
    opened();
    await ending;
    await last?.(tx);
  });
  await Promise.race([open, done]);
  return {
    end: async () => {
      ended();
      await done;
    },
  };
}

/** The service's own upgrade (db/migrate.ts: each migration committed before the next): 'migrated', or the error. */
const upgrade = (target: Db) =>
  migrateToLatest(target).then(
    () => 'migrated',
    (error: unknown) => String(error),
  );

/** Once a session of the target's database waits for a lock (the migration, for a writer's). */
async function lockWaited(target: Db, what: string): Promise<void> {
  const { name } = (await sql<{ name: string }>`select current_database() as name`.execute(target)).rows[0]!;
  await eventually(async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${name} and wait_event_type = 'Lock'`.execute(db);
    return rows[0]!.n > 0 ? true : undefined;
  }, what);
}

describe('phrase filters', () => {
  it('are filled for the messages stored before them, kept for those after, and read only once complete', async () => {
    const workspaceId = await workspace(db, 'Phrases');
    const words = 'refund parcel is late blue box';
    const adjacent = await conversation(db, workspaceId, 'holds the phrase', words);
    const apart = await conversation(db, workspaceId, 'holds the words apart', words);
    await message(db, workspaceId, adjacent, 1, 'My refund parcel is late.');
    await message(db, workspaceId, apart, 1, 'The parcel is late and I want a refund.');

    await migrateToLatest(db);
    // Stored before the filters: the workspace's are incomplete, and a phrase search reads the messages.
    expect(await waiting(db, workspaceId)).toBe(true);
    expect(await filterOf(db, adjacent)).toBeUndefined();
    expect(await found(db, workspaceId, '"refund parcel"')).toEqual(['holds the phrase']);

    // A message stored now, by any writer, gets its pairs from the trigger.
    await message(db, workspaceId, apart, 2, 'It came in a blue box.');
    const afterTrigger = await filterOf(db, apart);
    expect(holds(afterTrigger, await pairBits(db, 'blue', 'box'))).toBe(true);
    expect(holds(afterTrigger, await pairBits(db, 'want', 'a'))).toBe(false);

    await completePhraseFilters(db);
    expect(await waiting(db, workspaceId)).toBe(false);
    // The backfill added the older message's pairs to what the trigger had written, and kept those.
    const filled = await filterOf(db, apart);
    for (const [first, second] of [['blue', 'box'], ['want', 'a'], ['a', 'refund'], ['parcel', 'is']] as const) {
      expect(holds(filled, await pairBits(db, first, second)), `${first} ${second}`).toBe(true);
    }
    expect(holds(await filterOf(db, adjacent), await pairBits(db, 'refund', 'parcel'))).toBe(true);
    expect(await found(db, workspaceId, '"refund parcel"')).toEqual(['holds the phrase']);
    expect(await found(db, workspaceId, '"blue box"')).toEqual(['holds the words apart']);
    expect(await found(db, workspaceId, '"parcel is late"')).toEqual(['holds the phrase', 'holds the words apart']);

    // The search reads them: a filter that says no keeps that conversation's messages unread (a real filter says
    // no only to a conversation without the pair; zeroed here to see that the search consults it at all).
    await sql`update conversation_phrase_filters set bits = repeat('0', 2048)::bit(2048) where conversation_id = ${adjacent}`.execute(db);
    expect(await found(db, workspaceId, '"refund parcel"')).toEqual([]);
    // Not for a query with OR, whose phrase is not required; nor before the workspace's filters are complete.
    expect(await found(db, workspaceId, '"refund parcel" OR kumquat')).toEqual(['holds the phrase']);
    await db.insertInto('phrase_filter_backfills').values({ workspace_id: workspaceId }).execute();
    expect(await found(db, workspaceId, '"refund parcel"')).toEqual(['holds the phrase']);
  });

  it('are kept for a statement that stores many conversations’ messages at once, as a bulk load does', async () => {
    const target = await scratchAt();
    const workspaceId = await workspace(target, 'Bulk');
    await sql`insert into conversations (workspace_id, external_id, customer) select ${workspaceId}::uuid, 'bulk' || g, '{}'::jsonb from generate_series(1, 30) g`.execute(target);
    await sql`insert into messages (id, workspace_id, conversation_id, seq, sender, body)
      select gen_random_uuid(), c.workspace_id, c.id, s, 'customer', 'word' || s || ' follows ' || c.external_id
      from conversations c, generate_series(1, 3) s where c.workspace_id = ${workspaceId}`.execute(target);
    const { rows } = await sql<{ external_id: string; bits: string }>`
      select c.external_id, f.bits::text as bits from conversations c join conversation_phrase_filters f on f.conversation_id = c.id
      where c.workspace_id = ${workspaceId}`.execute(target);
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      expect(holds(row.bits, await pairBits(target, 'follows', row.external_id)), row.external_id).toBe(true);
      expect(holds(row.bits, await pairBits(target, 'word3', 'follows')), row.external_id).toBe(true);
    }
  });

  it('hold every pair the phrase check can match, past the 16,383 positions a text’s words are counted to', async () => {
    const target = await scratchAt();
    const workspaceId = await workspace(target, 'Long');
    const long = await conversation(target, workspaceId, 'long', 'alpha beta zeta gamma delta');
    // Past position 16,383 every word takes that position: 'gamma' stands right after 'alpha' for the check.
    await message(target, workspaceId, long, 1, `${'w '.repeat(16_381)}alpha beta zeta gamma delta`);
    expect(await found(target, workspaceId, '"alpha gamma"')).toEqual(['long']);
    expect(await found(target, workspaceId, '"alpha delta"')).toEqual(['long']);
  });

  it('are filled without waiting for a message writer’s conversation lock, so the two never deadlock', async () => {
    const target = await scratchAt();
    const workspaceId = await workspace(target, 'Locks');
    const held = await conversation(target, workspaceId, 'held', 'refund parcel');
    await message(target, workspaceId, held, 1, 'refund parcel');
    // As if stored before the filters existed.
    await target.deleteFrom('conversation_phrase_filters').where('conversation_id', '=', held).execute();
    await target.insertInto('phrase_filter_backfills').values({ workspace_id: workspaceId }).execute();
    // A message write takes its conversation's lock first, and its trigger then the filter's row.
    const writer = await holdOpen(target, async (tx) => {
      await sql`select id from conversations where id = ${held} for update`.execute(tx);
    });
    try {
      expect(await within(5_000, completePhraseFilters(target))).toBeUndefined();
    } finally {
      await writer.end();
    }
    expect(await waiting(target, workspaceId)).toBe(false);
    expect(holds(await filterOf(target, held), await pairBits(target, 'refund', 'parcel'))).toBe(true);
  });

  it('are filled by one process at a time: another skips the workspace, and the next pass goes on where it stopped', async () => {
    const target = await scratchAt();
    const workspaceId = await workspace(target, 'Two processes');
    const one = await conversation(target, workspaceId, 'one', 'refund parcel');
    await message(target, workspaceId, one, 1, 'refund parcel');
    await target.deleteFrom('conversation_phrase_filters').execute();
    await target.insertInto('phrase_filter_backfills').values({ workspace_id: workspaceId }).execute();
    const other = await holdOpen(target, async (tx) => {
      await sql`select 1 from phrase_filter_backfills where workspace_id = ${workspaceId} for update`.execute(tx);
    });
    try {
      expect(await within(5_000, fillPhraseFilters(target, workspaceId))).toBeNull();
    } finally {
      await other.end();
    }
    expect(await waiting(target, workspaceId)).toBe(true);
    expect(await fillPhraseFilters(target, workspaceId)).toBe(1);
    expect(await waiting(target, workspaceId)).toBe(false);
    expect(holds(await filterOf(target, one), await pairBits(target, 'refund', 'parcel'))).toBe(true);
  });

  it('come by a migration that waits for a writer of the previous version storing a handover request, then runs to its end', async () => {
    const target = await scratchAt('0020_webhook_first_attempt');
    const workspaceId = await workspace(target, 'Upgrade');
    const existing = await conversation(target, workspaceId, 'before', 'refund parcel');
    await message(target, workspaceId, existing, 1, 'refund parcel');
    // A workspace's first handover request, of the previous version: its conversation and handover inserted, its
    // transcript not yet; so when 0022 lists the workspaces to fill, this one has no conversation it can see.
    const newcomer = await workspace(target, 'First conversation');
    let conversationId = '';
    const writer = await holdOpen(
      target,
      async (tx) => {
        conversationId = await conversation(tx, newcomer, 'during upgrade', 'during upgrade late box');
      },
      (tx) => message(tx, newcomer, conversationId, 1, 'a late box').then(() => undefined),
    );
    const migration = upgrade(target);
    try {
      // 0023's trigger on handovers waits for the writer's transaction, and holds nothing the writer needs.
      await lockWaited(target, 'the migration to wait for the writer’s lock on handovers');
    } finally {
      await writer.end();
    }
    expect(await within(5_000, migration)).toBe('migrated');
    // Its transcript, written after 0021 and 0022, in the same transaction: their triggers took it.
    expect(await holds(await filterOf(target, conversationId), await pairBits(target, 'late', 'box'))).toBe(true);
    expect(await pairStored(target, conversationId, 'late', 'box')).toBe(true);
    // Its handover, stored before 0023's trigger: the fill reads it, its workspace listed by 0023.
    expect(await waitingForPairs(target, newcomer)).toBe(true);
    await completePhraseFilters(target);
    await completePhrasePairs(target);
    expect(await pairStored(target, conversationId, 'during', 'upgrade')).toBe(true);
    expect(await found(target, workspaceId, '"refund parcel"')).toEqual(['before']);
    expect(await found(target, newcomer, '"late box"')).toEqual(['during upgrade']);
  });

  it('come by an upgrade of several migrations while a writer of the previous version stores a message', async () => {
    // Found by a review: in one transaction, 0020's lock on webhook_deliveries was held while 0021 waited for the
    // writer's lock on messages, and the writer went on to webhook_deliveries: a deadlock aborted the upgrade.
    const target = await scratchAt('0019_attachments_workspace_size');
    const workspaceId = await workspace(target, 'Several');
    const conversationId = await conversation(target, workspaceId, 'stored', 'refund parcel');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const writer = target.transaction().execute(async (tx) => {
      await message(tx, workspaceId, conversationId, 1, 'my refund parcel');
      await released;
      await sql`select 1 from webhook_deliveries limit 1`.execute(tx);
    });
    const migration = upgrade(target);
    try {
      // Once the migration waits for the writer's lock on messages (0021), the writer goes on.
      await lockWaited(target, 'the migration to wait for the writer’s lock on messages');
    } finally {
      release();
    }
    await writer;
    expect(await migration).toBe('migrated');
    await completePhraseFilters(target);
    expect(await found(target, workspaceId, '"refund parcel"')).toEqual(['stored']);
  });
});

describe('phrase pairs', () => {
  it('are filled for what was stored before them, kept for each write after, and read only once complete', async () => {
    const target = await scratchAt('0021_phrase_filters');
    const workspaceId = await workspace(target, 'Pairs');
    const stored = await conversation(target, workspaceId, 'stored before', 'refund parcel');
    await message(target, workspaceId, stored, 1, 'My refund parcel is late.');
    await migrateToLatest(target);
    expect(await waitingForPairs(target, workspaceId)).toBe(true);
    expect(await pairStored(target, stored, 'refund', 'parcel')).toBe(false);

    // Each write after gets a row from its trigger: a message, and a new handover's own text.
    await message(target, workspaceId, stored, 2, 'It came in a blue box.');
    expect(await pairStored(target, stored, 'blue', 'box')).toBe(true);
    const later = await conversation(target, workspaceId, 'green crate', 'green crate');
    expect(await pairStored(target, later, 'green', 'crate')).toBe(true);

    await completePhrasePairs(target);
    expect(await waitingForPairs(target, workspaceId)).toBe(false);
    expect(await pairStored(target, stored, 'refund', 'parcel')).toBe(true);
    // The reason's own pair, from the fill.
    expect(await pairStored(target, stored, 'stored', 'before')).toBe(true);
    // Found through them: without statistics yet, the search looks, and finds one candidate.
    const search = await matchesSearch(target, workspaceId, '"refund parcel"');
    expect(search.share).toBe(0);
    expect(await found(target, workspaceId, '"refund parcel"')).toEqual(['stored before']);
  });

  it('are looked up in the searching workspace only', async () => {
    const target = await scratchAt();
    const [mine, theirs] = [await workspace(target, 'Mine'), await workspace(target, 'Theirs')];
    const own = await conversation(target, mine, 'mine', 'refund parcel');
    await message(target, mine, own, 1, 'My refund parcel is late.');
    const other = await conversation(target, theirs, 'theirs', 'refund parcel');
    await message(target, theirs, other, 1, 'My refund parcel is late.');
    expect(await phraseCandidates(target, await pairHashes(target, mine, [['refund', 'parcel']]))).toEqual([own]);
    expect(await phraseCandidates(target, await pairHashes(target, theirs, [['refund', 'parcel']]))).toEqual([other]);
  });

  it('are not looked up for a phrase in more conversations than the look-up is worth', async () => {
    const target = await scratchAt();
    const workspaceId = await workspace(target, 'Common phrase');
    const count = maxCandidates + 100;
    await sql`insert into conversations (workspace_id, external_id, customer) select ${workspaceId}::uuid, 'common' || g, '{}'::jsonb from generate_series(1, ${count}::int) g`.execute(target);
    await sql`insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, requested_at, ended_at, outcome, words)
      select gen_random_uuid(), c.workspace_id, c.id, 'completed', 'user_request', 'common', '{}'::jsonb, ${JSON.stringify(defaultPolicy)}::jsonb,
        now() - interval '2 hours', now(), 'resolved', strip(to_tsvector('simple', 'where is my order'))
      from conversations c where c.workspace_id = ${workspaceId}`.execute(target);
    await sql`insert into messages (id, workspace_id, conversation_id, seq, sender, body)
      select gen_random_uuid(), c.workspace_id, c.id, 1, 'customer', 'Where is my order?' from conversations c where c.workspace_id = ${workspaceId}`.execute(target);
    const hashes = await pairHashes(target, workspaceId, [['where', 'is'], ['is', 'my'], ['my', 'order']]);
    expect(await phraseCandidates(target, hashes)).toBeNull();
    // Read in the list's order instead, which fills a page at once.
    expect((await matchesSearch(target, workspaceId, '"where is my order"')).share).not.toBe(0);
    const { id: memberId } = await insertMember(target, { workspaceId, email: 'admin@common.test', name: 'Admin', role: 'admin', passwordHash: 'x' });
    const page = await listHandovers(target, workspaceId, { view: 'all', sort: 'attention', memberId, limit: 50, q: '"where is my order"' });
    expect(page.handovers).toHaveLength(50);
  });

  it('find a phrase rare as a phrase through their index, in a message or a handover’s own text, once complete', async () => {
    const target = await scratchAt();
    const workspaceId = await workspace(target, 'Rare phrase');
    const words = 'my refund parcel order is late';
    // Many handovers with the phrase's words, so the words say nothing, and a few with one of its pairs each.
    await sql`insert into conversations (workspace_id, external_id, customer) select ${workspaceId}::uuid, 'apart' || g, '{}'::jsonb from generate_series(1, 2000) g`.execute(target);
    await sql`insert into handovers (id, workspace_id, conversation_id, status, trigger, reason, customer, policy, requested_at, ended_at, outcome, words)
      select gen_random_uuid(), c.workspace_id, c.id, 'completed', 'user_request', 'apart', '{}'::jsonb, ${JSON.stringify(defaultPolicy)}::jsonb,
        now() - interval '2 hours', now(), 'resolved', strip(to_tsvector('simple', ${words}))
      from conversations c where c.workspace_id = ${workspaceId}`.execute(target);
    await sql`insert into messages (id, workspace_id, conversation_id, seq, sender, body)
      select gen_random_uuid(), c.workspace_id, c.id, 1, 'customer',
        case substr(c.external_id, 6)::int % 25 when 0 then 'my refund parcel is late, order' when 1 then 'my parcel order is late, refund' else 'it is late' end
      from conversations c where c.workspace_id = ${workspaceId}`.execute(target);
    const inMessage = await conversation(target, workspaceId, 'in a message', words);
    await message(target, workspaceId, inMessage, 1, 'My refund parcel order is late.');
    await conversation(target, workspaceId, 'refund parcel order', words);
    const apart = await conversation(target, workspaceId, 'in two messages', words);
    await message(target, workspaceId, apart, 1, 'My refund parcel came.');
    await message(target, workspaceId, apart, 2, 'The parcel order is late.');
    const lacking = await conversation(target, workspaceId, 'lacking one pair', words);
    await message(target, workspaceId, lacking, 1, 'My refund parcel came; the order is late.');
    // Two handovers of one conversation, the phrase in a message of the second: the conversation is a candidate,
    // and each of its handovers is checked for the phrase in its own messages.
    const twice = await conversation(target, workspaceId, 'first of two', words);
    await message(target, workspaceId, twice, 1, 'Thanks, all good.', (await sql<{ id: string }>`select id from handovers where conversation_id = ${twice}`.execute(target)).rows[0]!.id);
    await message(target, workspaceId, twice, 2, 'My refund parcel order is late again.', await handover(target, workspaceId, twice, 'second of two', words));
    await sql`analyze phrase_pair_sets`.execute(target);
    await sql`analyze handovers`.execute(target);
    const { id: memberId } = await insertMember(target, { workspaceId, email: 'admin@rare.test', name: 'Admin', role: 'admin', passwordHash: 'x' });
    const listed = async (q: string) =>
      (await listHandovers(target, workspaceId, { view: 'all', sort: 'attention', memberId, limit: 50, q })).handovers.map((handover) => handover.reason).sort();

    // Each of its words in every handover, each of its pairs in one conversation of 25, and the two in one write in two.
    const rare = await matchesSearch(target, workspaceId, '"refund parcel order"');
    expect(rare.share).toBe(0);
    expect(await found(target, workspaceId, '"refund parcel order"')).toEqual(['in a message', 'refund parcel order', 'second of two']);
    expect(await listed('"refund parcel order"')).toEqual(['in a message', 'refund parcel order', 'second of two']);
    // The index only chooses which handovers are checked: a conversation it names is still checked for the phrase.
    await sql`insert into phrase_pair_sets (conversation_id, pairs) select ${lacking}, array[phrase_pair_hash(${workspaceId}, 'refund', 'parcel'), phrase_pair_hash(${workspaceId}, 'parcel', 'order')]`.execute(target);
    expect(await found(target, workspaceId, '"refund parcel order"')).toEqual(['in a message', 'refund parcel order', 'second of two']);
    // A phrase whose pairs are common is checked one conversation at a time, and finds every match.
    const common = await matchesSearch(target, workspaceId, '"refund parcel"');
    expect(common.share).toBeGreaterThanOrEqual(inOrderShare);
    expect((await listed('"refund parcel"')).filter((reason) => reason !== 'apart')).toEqual([
      'in a message',
      'in two messages',
      'lacking one pair',
      'refund parcel order',
      'second of two',
    ]);
    // Only the conversations the index names are read: without its rows (which the product never deletes), the
    // conversation holding the phrase is not.
    await sql`delete from phrase_pair_sets where conversation_id = ${inMessage}`.execute(target);
    expect(await found(target, workspaceId, '"refund parcel order"')).toEqual(['refund parcel order', 'second of two']);
    // Not before the workspace's rows are complete: then a missing row must not hide a match.
    await target.insertInto('phrase_pair_set_backfills').values({ workspace_id: workspaceId }).execute();
    expect((await matchesSearch(target, workspaceId, '"refund parcel order"')).share).toBeGreaterThanOrEqual(inOrderShare);
    expect(await found(target, workspaceId, '"refund parcel order"')).toEqual(['in a message', 'refund parcel order', 'second of two']);
  });
});
