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
//
// The filters of messages stored before this are filled in the background (db/phrase-filters.ts, at each API start
// and hourly), not here: the migration stays short at ten million messages. A workspace uses its filters only once
// they are complete (phrase_filters_ready_at); its searches read the messages meanwhile, as before.
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
  // A text's adjacent words, as a phrase query sees them: lexemes at positions p and p + 1 of its 'simple' tsvector
  // (the tsvector the phrase check parses, so every pair the check can match is here). One SELECT, so PostgreSQL
  // inlines it into the query that calls it (a function it plans on every call cost four times as much).
  await sql`
    create function phrase_pairs(body text) returns table (first text, second text) language sql immutable parallel safe as $$
      select first, second from (
        select word.lexeme as first, lead(word.lexeme) over w as second, lead(position) over w = position + 1 as adjacent
        from unnest(to_tsvector('simple'::regconfig, body)) word, unnest(word.positions) position
        window w as (order by position)
      ) ordered
      where adjacent
    $$`.execute(db);
  // Updated in place (HOT: no index covers the bits), so room is left on each page for the new versions.
  await sql`
    create table conversation_phrase_filters (
      conversation_id uuid primary key references conversations (id) on delete cascade,
      bits bit(2048) not null
    ) with (fillfactor = 50)`.execute(db);
  // Once a statement: a batch of messages, or a COPY of thousands, is one insert of its conversations' filters, in
  // the conversations' order so that two statements lock them in the same order. Only a filter that gains a bit
  // is written.
  await sql`
    create function phrase_filters_add() returns trigger language plpgsql as $$
    begin
      insert into conversation_phrase_filters as f (conversation_id, bits)
      select n.conversation_id, bit_or(phrase_pair_bits(p.first, p.second))
      from new_messages n cross join lateral phrase_pairs(n.body) p
      group by n.conversation_id
      order by n.conversation_id
      on conflict (conversation_id) do update set bits = f.bits | excluded.bits
        where f.bits | excluded.bits <> f.bits;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger messages_phrase_filters after insert on messages
    referencing new table as new_messages for each statement execute function phrase_filters_add()`.execute(db);
  // A workspace with no conversation yet is complete (the trigger keeps its filters from the first message); one
  // with conversations waits for the backfill.
  await sql`alter table workspaces add column phrase_filters_ready_at timestamptz default now()`.execute(db);
  await sql`
    update workspaces w set phrase_filters_ready_at = null
    where exists (select 1 from conversations c where c.workspace_id = w.id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table workspaces drop column phrase_filters_ready_at`.execute(db);
  await sql`drop trigger messages_phrase_filters on messages`.execute(db);
  await sql`drop function phrase_filters_add`.execute(db);
  await sql`drop table conversation_phrase_filters`.execute(db);
  await sql`drop function phrase_pairs`.execute(db);
  await sql`drop function phrase_pair_bits`.execute(db);
}
