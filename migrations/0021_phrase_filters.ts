import { sql, type Kysely } from 'kysely';

// A phrase of common words at a million handovers. The words column (0014) finds the handovers holding all of a
// phrase's words, and each is then checked for the phrase in its messages: for the two commonest words that read
// thousands of handovers' messages for a page (db/handover-search.ts). Now each conversation keeps a Bloom filter of
// the adjacent word pairs of its messages: 2,048 bits, of which each pair sets three. A conversation whose filter
// lacks one of a phrase's pairs cannot hold it in any message, so its messages are not read.
//
// Why a conversation and not a handover: a message belongs to its conversation without doubt, where whose handover
// a message sent outside any is depends on timing; the phrase check reads a handover's own messages and the
// conversation's messages outside any handover, all of which are in the conversation's filter. A conversation's
// other handovers' pairs only let a few more through to the check.
//
// Kept by a trigger on messages, so every writer keeps it, whatever its version (processes of the previous
// version serve while this migrates) and however it writes (the history generator's COPY too). A filter is only
// ever added to (a bitwise OR, which commutes, so the trigger and the backfill may run in any order), and never
// cleared when messages are deleted: it stays a superset of what is stored, and can only let a conversation through.
// No message body is ever changed once stored; a change that edits them must add an update trigger.
//
// The filters of messages stored before this are filled in the background (db/phrase-filters.ts, by an API
// process at its start and hourly), not here, so the migration stays short at ten million messages. A workspace
// uses its filters only once they are complete: until then it has a row in phrase_filter_backfills, and its phrase
// searches read the messages as before.
//
// Locks: the only strong one is the trigger's on messages, which waits for the writers in flight and holds new ones
// until the migration commits (so no message escapes both the trigger and the backfill). Nothing else here locks a
// table a writer uses: neither new table has a foreign key, whose creation would lock conversations (a writer of
// the previous version holding messages while waiting for conversations would deadlock with it), and whose checks
// would lock the conversation row a message writer holds, while the writer's trigger waits for the filter row.
// A conversation is never deleted by the product; one deleted by hand leaves a filter row nothing reads.
//
// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  // The three bits of a pair: a 64-bit hash of its two words cut into three 11-bit numbers.
  await sql`
    create function phrase_pair_bits(first text, second text) returns bit(2048) language sql immutable parallel safe as $$
      select set_bit(set_bit(set_bit(repeat('0', 2048)::bit(2048),
        (hashtextextended(first || ' ' || second, 0) & 2047)::int, 1),
        ((hashtextextended(first || ' ' || second, 0) >> 11) & 2047)::int, 1),
        ((hashtextextended(first || ' ' || second, 0) >> 22) & 2047)::int, 1)
    $$`.execute(db);
  // A text's adjacent words, as a phrase query sees them: every lexeme at position p with every one at p + 1 of its
  // 'simple' tsvector, the one the phrase check parses (past position 16,383 all words share that position, and the
  // check pairs each of them with the word before). One SELECT, so PostgreSQL inlines it into its caller.
  await sql`
    create function phrase_pairs(body text) returns table (first text, second text) language sql immutable parallel safe as $$
      with word as (select w.lexeme, p from unnest(to_tsvector('simple'::regconfig, body)) w, unnest(w.positions) p)
      select a.lexeme, b.lexeme from word a join word b on b.p = a.p + 1
    $$`.execute(db);
  // Updated in place (HOT: no index covers the bits), so room is left on each page for the new versions.
  await sql`
    create table conversation_phrase_filters (
      conversation_id uuid primary key,
      bits bit(2048) not null
    ) with (fillfactor = 50)`.execute(db);
  // Adds messages' pairs to their conversations' filters, in the conversations' order so that two writers lock them
  // in the same order; only a filter that gains a bit is written. Once a statement: a batch of messages, or a COPY
  // of thousands, is one insert. The statement is written out here rather than shared with the fill below through a
  // function taking the messages as arrays, which cost a message write 1.13x what it did without filters, where
  // this costs 1.05x (three runs of each, alternated).
  await sql`
    create function phrase_filters_add() returns trigger language plpgsql as $$
    begin
      insert into conversation_phrase_filters as f (conversation_id, bits)
      select m.conversation_id, bit_or(phrase_pair_bits(p.first, p.second))
      from new_messages m cross join lateral phrase_pairs(m.body) p
      group by m.conversation_id
      order by m.conversation_id
      on conflict (conversation_id) do update set bits = f.bits | excluded.bits
        where f.bits | excluded.bits <> f.bits;
      return null;
    end
    $$`.execute(db);
  // The same for the stored messages of these conversations: the background fill (db/phrase-filters.ts).
  await sql`
    create function phrase_filters_fill(conversation_ids uuid[]) returns void language plpgsql as $$
    begin
      insert into conversation_phrase_filters as f (conversation_id, bits)
      select m.conversation_id, bit_or(phrase_pair_bits(p.first, p.second))
      from messages m cross join lateral phrase_pairs(m.body) p
      where m.conversation_id = any(conversation_ids)
      group by m.conversation_id
      order by m.conversation_id
      on conflict (conversation_id) do update set bits = f.bits | excluded.bits
        where f.bits | excluded.bits <> f.bits;
    end
    $$`.execute(db);
  await sql`
    create trigger messages_phrase_filters after insert on messages
    referencing new table as new_messages for each statement execute function phrase_filters_add()`.execute(db);
  // The workspaces whose stored messages are not in their filters yet, and the conversation the backfill reached
  // (by id). A workspace with no conversation has nothing to fill: the trigger keeps its filters from the first.
  // Read committed, as the migrations run: this statement sees every conversation committed before it, and with
  // it every message stored without the trigger.
  await sql`create table phrase_filter_backfills (workspace_id uuid primary key, after uuid)`.execute(db);
  await sql`
    insert into phrase_filter_backfills (workspace_id)
    select w.id from workspaces w where exists (select 1 from conversations c where c.workspace_id = w.id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger messages_phrase_filters on messages`.execute(db);
  await sql`drop table phrase_filter_backfills`.execute(db);
  await sql`drop function phrase_filters_add`.execute(db);
  await sql`drop function phrase_filters_fill`.execute(db);
  await sql`drop table conversation_phrase_filters`.execute(db);
  await sql`drop function phrase_pairs`.execute(db);
  await sql`drop function phrase_pair_bits`.execute(db);
}
