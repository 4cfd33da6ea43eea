import { sql, type Kysely } from 'kysely';

// A phrase at a million handovers. handovers.words (0014) holds each handover's words without positions, so a
// phrase of common words ("refund parcel") found most handovers holding both words and had to read their messages
// to find the few where the words stand together (162 ms for a page, docs/search.md). Now the column also holds a
// term for each two words that stand next to each other in one message, or in the handover's own text: ' ' and
// the first 12 hex digits of md5('first second'). A lexeme never holds a space, so no word can be taken for one,
// and at 13 bytes each a pair costs the 1 MB tsvector no more than a short word. The index then narrows a phrase to
// the handovers holding each of its pairs; only those are read for the phrase itself (a pair made of two messages'
// words never is: pairs stay within one text), and a rare collision of hashes only costs that reading. The md5 is
// of the words' UTF-8 whatever the database's encoding, as the app computes it for a search.
//
// search_pairs is what the message writes call from now on (db/handover-words.ts); the backfill below computes the
// same terms with one window per handover rather than one per message (a window per message cost 27 µs, a third of
// the backfill at ten million messages).
//
// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function search_pairs(words tsvector) returns setof text
    language sql immutable parallel safe as $$
      select ' ' || left(md5(convert_to(t.lexeme || ' ' || t.next, 'UTF8')), 12)
      from (
        select w.lexeme, p.pos, lead(w.lexeme) over (order by p.pos) as next, lead(p.pos) over (order by p.pos) as next_pos
        from unnest(words) w, unnest(w.positions) p(pos)
      ) t
      where t.next_pos = t.pos + 1
    $$`.execute(db);
  // Rebuilt after, as is the customer's trigram index: a GIN index built at once from the table is far cheaper than
  // a million rows' inserts into it, and the update below writes every row again, which left the trigram index
  // four times its size and a whole email's search 30 times slower (measured at a million: 195 MB, 500 ms; 52 MB
  // and 16 ms rebuilt).
  await sql`drop index handovers_words_idx`.execute(db);
  await sql`drop index handovers_customer_trgm_idx`.execute(db);
  // Words are no figure of the analytics rollups (0016): their trigger would run a million times for nothing.
  await sql`alter table handovers disable trigger handovers_analytics`.execute(db);
  // Whose messages are whose: 0014's rule. The handover's own text is its reason, name and email read as one, as
  // db/handover-search.ts checks a phrase in it. At most 2,000 pairs, past them the overflow mark ' +' instead
  // (db/handover-words.ts); and fewer where the words already come near PostgreSQL's 1 MB: 0014 kept up to 20,000
  // words of any bytes (only a handover of over 6,000 words can hold 960,000 bytes of them, so only those are summed).
  await sql`
    update handovers h set words = h.words || coalesce((
      select array_to_tsvector(case when count(*) <= room.pairs then array_agg(p.term) else (array_agg(p.term))[1:room.pairs] || ' +'::text end)
      from (select greatest(0, least(2000, (1040000 - case when length(h.words) > 6000
          then (select sum(octet_length(w)) from unnest(tsvector_to_array(h.words)) w) else 0 end) / 13))::int as pairs) room,
      (
        select distinct ' ' || left(md5(convert_to(t.lexeme || ' ' || t.next, 'UTF8')), 12) as term
        from (
          select w.lexeme, p.pos, lead(w.lexeme) over part as next, lead(p.pos) over part as next_pos
          from (
            select -1 as text_id, h.reason || ' ' || coalesce(h.customer ->> 'name', '') || ' ' || coalesce(h.customer ->> 'email', '') as body
            union all
            select m.seq, m.body from messages m
            where m.conversation_id = h.conversation_id
              and (m.handover_id = h.id or (m.handover_id is null and h.id = (
                select o.id from handovers o where o.conversation_id = m.conversation_id
                order by o.requested_at <= m.created_at desc,
                  case when o.requested_at <= m.created_at then o.requested_at end desc, o.requested_at
                limit 1)))
          ) text, unnest(to_tsvector('simple'::regconfig, text.body)) w, unnest(w.positions) p(pos)
          window part as (partition by text.text_id order by p.pos)
        ) t
        where t.next_pos = t.pos + 1
      ) p
      group by room.pairs
    ), ''::tsvector)`.execute(db);
  await sql`alter table handovers enable trigger handovers_analytics`.execute(db);
  await sql`create index handovers_words_idx on handovers using gin (words)`.execute(db);
  await sql`create index handovers_customer_trgm_idx on handovers using gin (
    lower(coalesce(customer ->> 'name', '') || ' ' || coalesce(customer ->> 'email', '')) gin_trgm_ops
  )`.execute(db);
  // A search plans a phrase by its pairs' shares in these statistics (db/handover-search.ts): without them every
  // pair would count as rare until autovacuum came by.
  await sql`analyze handovers`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index handovers_words_idx`.execute(db);
  await sql`update handovers set words = array_to_tsvector(array(select w from unnest(tsvector_to_array(words)) w where w not like ' %'))
    where exists (select 1 from unnest(tsvector_to_array(words)) w where w like ' %')`.execute(db);
  await sql`create index handovers_words_idx on handovers using gin (words)`.execute(db);
  await sql`drop function search_pairs(tsvector)`.execute(db);
}
