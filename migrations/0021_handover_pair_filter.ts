import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// A phrase of common words at a million handovers. handovers.words (0014) holds each handover's words without
// positions, so a phrase ("refund parcel") found the handovers holding both words and then read their messages:
// with two common words that is most handovers, and the list read ~30,000 messages for a page (p95 162 ms).
//
// Now each handover also keeps a filter of the word pairs standing next to each other in one of its messages or in
// its own text (reason, customer name and email): 2,048 bits, three set for each pair by a hash of its two words.
// A phrase needs its pairs' bits set; a handover lacking one of them cannot hold the phrase, and its messages are
// not read. Bits set by other pairs can let a handover through that does not (then its messages say no), never
// the other way round: a filter is only ever added to, so it may say "maybe" wrongly but never "no" wrongly.
// 256 bytes a handover, looked up by its key for the handovers a phrase's words let through: no index of words
// and no TOAST, unlike the pairs as terms of their own (tried: a customer-name search went from 27 to 100 ms, the
// words no longer fitting in the row; docs/search.md).
//
// handover_pair_mask is the one definition of a pair's bits, used by the writes (db/handover-words.ts), the search
// (db/handover-search.ts) and this backfill. hashtextextended is PostgreSQL's hash of hash partitioning, the same
// on every release, though not between little- and big-endian machines (docs/search.md). Frozen in time: imports
// nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  // A pair's three bits. One expression, so PostgreSQL inlines it.
  await sql`
    create function handover_pair_mask(a text, b text) returns bit(2048) language sql immutable strict parallel safe as $$
      select set_bit(set_bit(set_bit(repeat('0', 2048)::bit(2048),
        (hashtextextended(a || ' ' || b, 0) & 2047)::int, 1),
        ((hashtextextended(a || ' ' || b, 0) >> 11) & 2047)::int, 1),
        ((hashtextextended(a || ' ' || b, 0) >> 22) & 2047)::int, 1)
    $$`.execute(db);
  // A table of their own, one narrow row a handover: a message write ORs its pairs into it, which rewrote the whole
  // handovers row (its GIN index entries, the analytics trigger) when the filter was a column there, +2 ms a message
  // write; here the row is small, indexed by its key alone, and pages half empty leave room to update it in place.
  // No row: not known, and a search lets the handover through to its messages (a handover written by a path that
  // makes none is read, never missed). Made with the handover (db/handovers.ts) and only added to after.
  await sql`
    create table handover_pair_filters (
      handover_id uuid primary key references handovers (id) on delete cascade,
      filter bit(2048) not null
    ) with (fillfactor = 50)`.execute(db);
  // Filled by the rule of 0014 (whose words a message is): the messages sent in the handover, and those outside
  // any handover for the handover requested last at or before them (the first one for a message older than all).
  // A handover's texts, each read for its words in the 'simple' configuration search uses, a pair being two words
  // at positions p and p + 1 (what a phrase's <-> means), never across two texts (db/handover-words.ts, pairFilterOf,
  // computes the same for the writes).
  await sql`
    insert into handover_pair_filters (handover_id, filter)
    select h.id, (
      select coalesce(bit_or(handover_pair_mask(adjacent.lexeme, adjacent.following)), repeat('0', 2048)::bit(2048))
      from (
        select w.lexeme, p.position, lead(w.lexeme) over words as following, lead(p.position) over words as following_position
        from unnest(array[h.reason || ' ' || coalesce(h.customer ->> 'name', '') || ' ' || coalesce(h.customer ->> 'email', '')] || array(
            select m.body from messages m
            where m.conversation_id = h.conversation_id
              and (m.handover_id = h.id or (m.handover_id is null and h.id = (
                select o.id from handovers o where o.conversation_id = m.conversation_id
                order by o.requested_at <= m.created_at desc,
                  case when o.requested_at <= m.created_at then o.requested_at end desc, o.requested_at
                limit 1))))) with ordinality t(body, n)
          cross join lateral unnest(to_tsvector('simple'::regconfig, t.body)) w
          cross join lateral unnest(w.positions) p(position)
        window words as (partition by t.n order by p.position)
      ) adjacent
      where adjacent.following_position = adjacent.position + 1)
    from handovers h`.execute(db);
  await sql`analyze handover_pair_filters`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table handover_pair_filters`.execute(db);
  await sql`drop function handover_pair_mask(text, text)`.execute(db);
}
