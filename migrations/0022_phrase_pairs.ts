import { sql, type Kysely } from 'kysely';

// A phrase rare as a phrase though its words are common ("refund parcel order" at a million handovers: each word
// in most of them, the three side by side in a few hundred). 0021's Bloom filters can only be checked one
// conversation at a time, so such a search read 165,000 handovers in the list's order for a page (1.8 s). Now the
// adjacent word pairs of each write are kept too, as hashes under a GIN index: a search finds the conversations
// where one write held all of a phrase's pairs at once, when PostgreSQL's statistics of the pairs say they are rare
// together (db/phrase-pairs.ts); it checks the Bloom filters one conversation at a time otherwise, as before.
//
// A row a write: the pairs of the messages one statement stored in one conversation (a trigger on messages, here),
// or of a handover's own text, its reason and its customer's name and email as db/handover-words.ts's ownText joins
// them (a trigger on handovers, in 0023: a migration of its own, so that neither locks both tables, which writers
// take in both orders). A phrase stands within one message or one handover's own text, so one row holds all its
// pairs. Rows are only ever inserted: no row is locked or written twice, so no writer waits for another here, and
// a GIN insert costs the new pairs only. (One row a conversation, its pairs merged as they came, cost a message
// write 1.38x what it did, its GIN entries written again whole at every message: bench/phrase-pairs-write.ts.)
//
// Found through the index, a conversation's handovers are then checked for the phrase in their own text and
// messages as before: the rows only choose which are checked, so a row with a pair too many lets one through for
// nothing, and a missing row would hide a match. So they are never deleted with messages (the product deletes none).
//
// The same rules as 0021: kept by triggers so every writer keeps them (a process of the previous version, the
// history generator's COPY); filled in the background for what was stored before (db/phrase-pairs.ts, a row per
// conversation, with a backfill table of its own, read only once a workspace is complete); no foreign key.
//
// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  // A pair of words of a workspace as 32 bits: a GIN over int4 is smaller than over text, and a collision only lets a
  // conversation through to the check. The workspace is in the hash so that a search's lookup finds its own
  // workspace's rows only (and PostgreSQL's statistics count each workspace's pairs apart).
  await sql`
    create function phrase_pair_hash(workspace_id uuid, first text, second text) returns int language sql immutable parallel safe as $$
      select hashtext(workspace_id::text || ' ' || first || ' ' || second)
    $$`.execute(db);
  await sql`create table phrase_pair_sets (conversation_id uuid not null, pairs int[] not null)`.execute(db);
  // The statistics a search estimates a phrase's share by: the 10,000 commonest pairs, as for handovers.words.
  await sql`alter table phrase_pair_sets alter column pairs set statistics 1000`.execute(db);
  // Without GIN's pending list: with it a write added its entries to a list in a moment (1.01x), but the write
  // that found the list full merged it into the index, 1.8 s for 3,000 writes' entries at a million conversations
  // (bench/phrase-pairs-write.ts); a message write would stall for seconds. Without it each write inserts its own
  // entries (1.16x at p50, no stall), and the fill takes about as long.
  await sql`create index phrase_pair_sets_pairs_idx on phrase_pair_sets using gin (pairs) with (fastupdate = off)`.execute(db);
  // Once a statement: a batch of messages, or a COPY of thousands, is one row a conversation.
  await sql`
    create function phrase_pair_sets_add_messages() returns trigger language plpgsql as $$
    begin
      insert into phrase_pair_sets (conversation_id, pairs)
      select m.conversation_id, array_agg(distinct phrase_pair_hash(m.workspace_id, p.first, p.second))
      from new_messages m cross join lateral phrase_pairs(m.body) p
      group by m.workspace_id, m.conversation_id;
      return null;
    end
    $$`.execute(db);
  // The stored messages and handovers of these conversations, a row each: the background fill.
  await sql`
    create function phrase_pair_sets_fill(conversation_ids uuid[]) returns void language plpgsql as $$
    begin
      insert into phrase_pair_sets (conversation_id, pairs)
      select t.conversation_id, array_agg(distinct phrase_pair_hash(t.workspace_id, p.first, p.second))
      from (
        select m.workspace_id, m.conversation_id, m.body as text from messages m where m.conversation_id = any(conversation_ids)
        union all
        select h.workspace_id, h.conversation_id, h.reason || ' ' || coalesce(h.customer ->> 'name', '') || ' ' || coalesce(h.customer ->> 'email', '')
        from handovers h where h.conversation_id = any(conversation_ids)
      ) t cross join lateral phrase_pairs(t.text) p
      group by t.workspace_id, t.conversation_id;
    end
    $$`.execute(db);
  // The one strong lock, on messages: it waits for the message writes in flight and holds new ones until this
  // commits, so no message escapes both the trigger and the fill. Nothing else here locks a table a writer uses.
  await sql`
    create trigger messages_phrase_pair_sets after insert on messages
    referencing new table as new_messages for each statement execute function phrase_pair_sets_add_messages()`.execute(db);
  // The workspaces whose stored messages are not in the rows yet, and the conversation the fill reached (by id).
  // Read after the lock above was granted: every message stored without the trigger is committed and seen.
  await sql`create table phrase_pair_set_backfills (workspace_id uuid primary key, after uuid)`.execute(db);
  await sql`
    insert into phrase_pair_set_backfills (workspace_id)
    select w.id from workspaces w where exists (select 1 from conversations c where c.workspace_id = w.id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger messages_phrase_pair_sets on messages`.execute(db);
  await sql`drop table phrase_pair_set_backfills`.execute(db);
  await sql`drop function phrase_pair_sets_add_messages`.execute(db);
  await sql`drop function phrase_pair_sets_fill`.execute(db);
  await sql`drop table phrase_pair_sets`.execute(db);
  await sql`drop function phrase_pair_hash`.execute(db);
}
