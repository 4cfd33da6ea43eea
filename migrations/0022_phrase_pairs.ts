import { sql, type Kysely } from 'kysely';

// A phrase rare as a phrase though its words are common ("refund parcel order" at a million handovers: each word
// in most of them, the three side by side in a few hundred). 0021's Bloom filters could only be checked one
// conversation at a time, so such a search read 165,000 handovers in the list's order for a page (1.8 s). Now each
// conversation keeps the hashes of its adjacent word pairs themselves, under a GIN index: a search finds the
// conversations holding all of a phrase's pairs at once when PostgreSQL's statistics of the pairs say they are
// rare together (db/phrase-pairs.ts), and checks one conversation's row otherwise, as it checked its filter.
//
// What the pairs are taken from: the conversation's messages (a trigger on messages, here) and its handovers' own
// text, the reason and the customer's name and email as db/handover-words.ts's ownText joins them (a trigger on
// handovers, in 0023: a migration of its own, so that neither locks both tables, which writers take in both
// orders). Found through the index, a conversation's handovers are then checked for the phrase in their own text
// and messages as before: the pairs only choose which are checked, so a conversation with a pair too many is read
// for nothing, and one with a pair too few would hide a match. So the pairs are only ever added to, never removed
// when messages are deleted, and a conversation past `maxPairs` distinct pairs keeps null: "may hold any", always
// checked (a GIN row of thousands of entries would be written again whole by each message adding a pair).
//
// The same rules as 0021: kept by triggers so every writer keeps them (a process of the previous version, the
// history generator's COPY); filled in the background for what was stored before (db/phrase-pairs.ts, its own
// backfill table, read only once a workspace is complete); no foreign key (see 0021).
//
// Processes of the previous version serve while this migrates, and their phrase searches read 0021's filters once
// their workspace's fill is done, which with 0021's trigger gone would hide the phrases of new messages. So a
// pair's bits become none: each such search's mask is empty, which every filter passes, and the previous version's
// searches read the messages as before 0021 (slower, never wrong); its fill writes nothing. The filters themselves
// are emptied by 0023, where no writer holds their table any more; a later migration drops what is left of 0021.
//
// Frozen in time: imports nothing from the app.
const maxPairs = 1000;

export async function up(db: Kysely<any>): Promise<void> {
  // A pair of words as 32 bits: a GIN over int4 is smaller than over text, and a collision only lets a conversation
  // through to the check.
  await sql`
    create function phrase_pair_hash(first text, second text) returns int language sql immutable parallel safe as $$
      select hashtext(first || ' ' || second)
    $$`.execute(db);
  // Two sets of pairs as one; null (any pair) past maxPairs, or if either is.
  await sql`
    create function phrase_pairs_merge(a int[], b int[]) returns int[] language sql immutable parallel safe as $$
      select case when a is null or b is null then null else (
        select case when count(*) > ${sql.lit(maxPairs)} then null else coalesce(array_agg(pair), '{}') end
        from (select unnest(a) union select unnest(b)) merged(pair)) end
    $$`.execute(db);
  await sql`create table conversation_phrase_pairs (conversation_id uuid primary key, pairs int[])`.execute(db);
  // The statistics a search estimates a phrase's share by: the 10,000 commonest pairs, as for handovers.words.
  await sql`alter table conversation_phrase_pairs alter column pairs set statistics 1000`.execute(db);
  await sql`create index conversation_phrase_pairs_pairs_idx on conversation_phrase_pairs using gin (pairs)`.execute(db);
  // The conversations that hold any pair, which a search through the GIN index adds to what it found.
  await sql`create index conversation_phrase_pairs_any_idx on conversation_phrase_pairs (conversation_id) where pairs is null`.execute(db);
  // Adds messages' pairs to their conversations', in the conversations' order so that two writers lock them in the
  // same order; only a row that gains a pair is written. Once a statement, as 0021's.
  await sql`
    create function phrase_pairs_add_messages() returns trigger language plpgsql as $$
    begin
      insert into conversation_phrase_pairs as f (conversation_id, pairs)
      select m.conversation_id, phrase_pairs_merge('{}', array_agg(distinct phrase_pair_hash(p.first, p.second)))
      from new_messages m cross join lateral phrase_pairs(m.body) p
      group by m.conversation_id
      order by m.conversation_id
      on conflict (conversation_id) do update set pairs = phrase_pairs_merge(f.pairs, excluded.pairs)
        where f.pairs is not null and (excluded.pairs is null or not f.pairs @> excluded.pairs);
      return null;
    end
    $$`.execute(db);
  // The same for these conversations' stored messages and handovers: the background fill.
  await sql`
    create function phrase_pairs_fill(conversation_ids uuid[]) returns void language plpgsql as $$
    begin
      insert into conversation_phrase_pairs as f (conversation_id, pairs)
      select t.conversation_id, phrase_pairs_merge('{}', array_agg(distinct phrase_pair_hash(p.first, p.second)))
      from (
        select m.conversation_id, m.body as text from messages m where m.conversation_id = any(conversation_ids)
        union all
        select h.conversation_id, h.reason || ' ' || coalesce(h.customer ->> 'name', '') || ' ' || coalesce(h.customer ->> 'email', '')
        from handovers h where h.conversation_id = any(conversation_ids)
      ) t cross join lateral phrase_pairs(t.text) p
      group by t.conversation_id
      order by t.conversation_id
      on conflict (conversation_id) do update set pairs = phrase_pairs_merge(f.pairs, excluded.pairs)
        where f.pairs is not null and (excluded.pairs is null or not f.pairs @> excluded.pairs);
    end
    $$`.execute(db);
  // 0021's filters, for the previous version's processes (above). Replacing a function takes no lock on a table.
  await sql`
    create or replace function phrase_pair_bits(first text, second text) returns bit(2048) language sql immutable parallel safe as $$
      select repeat('0', 2048)::bit(2048)
    $$`.execute(db);
  await sql`create or replace function phrase_filters_fill(conversation_ids uuid[]) returns void language plpgsql as $$ begin end $$`.execute(db);
  // The one strong lock, on messages (dropping a trigger takes an exclusive one, held to the commit): nothing else
  // here locks a table the previous version uses, so nothing waits in a circle with it.
  await sql`drop trigger messages_phrase_filters on messages`.execute(db);
  await sql`
    create trigger messages_phrase_pairs after insert on messages
    referencing new table as new_messages for each statement execute function phrase_pairs_add_messages()`.execute(db);
  await sql`create table phrase_pair_backfills (workspace_id uuid primary key, after uuid)`.execute(db);
  await sql`
    insert into phrase_pair_backfills (workspace_id)
    select w.id from workspaces w where exists (select 1 from conversations c where c.workspace_id = w.id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger messages_phrase_pairs on messages`.execute(db);
  await sql`drop table phrase_pair_backfills`.execute(db);
  await sql`drop function phrase_pairs_add_messages`.execute(db);
  await sql`drop function phrase_pairs_fill`.execute(db);
  await sql`drop table conversation_phrase_pairs`.execute(db);
  await sql`drop function phrase_pairs_merge`.execute(db);
  await sql`drop function phrase_pair_hash`.execute(db);
  // 0021's filters, as they were: refilled from the start.
  await sql`
    create or replace function phrase_pair_bits(first text, second text) returns bit(2048) language sql immutable parallel safe as $$
      select set_bit(set_bit(set_bit(repeat('0', 2048)::bit(2048),
        (hashtextextended(first || ' ' || second, 0) & 2047)::int, 1),
        ((hashtextextended(first || ' ' || second, 0) >> 11) & 2047)::int, 1),
        ((hashtextextended(first || ' ' || second, 0) >> 22) & 2047)::int, 1)
    $$`.execute(db);
  await sql`truncate conversation_phrase_filters`.execute(db);
  await sql`
    create or replace function phrase_filters_fill(conversation_ids uuid[]) returns void language plpgsql as $$
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
  await sql`delete from phrase_filter_backfills`.execute(db);
  await sql`
    insert into phrase_filter_backfills (workspace_id)
    select w.id from workspaces w where exists (select 1 from conversations c where c.workspace_id = w.id)`.execute(db);
}
