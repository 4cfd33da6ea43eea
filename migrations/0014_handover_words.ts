import { sql, type Kysely } from 'kysely';

// Search at a million handovers. 0009 matched a word by reading every message that holds it, then each one's
// handover, before sorting them into the list's order: the cost grew with the matches (a common word at 10M
// messages took 96 s). Now each handover keeps its words, one stripped tsvector (lexemes, no positions) of its
// reason, its customer's name and email, and its conversation's messages, kept by the message writes in the same
// transaction (db/handover-words.ts). A search is then a condition on the handovers table alone, which PostgreSQL
// answers either way round by the word's frequency (its statistics on this column): a rare word through the GIN
// index, a common one by reading the list in its order and keeping the rows that match until the page is full.
//
// Whose words a message is: the handover it was sent in; a message outside any handover (the transcript, the AI's
// messages after an End), the conversation's latest handover at the time. This backfill follows the same rule:
// the handover requested last at or before the message, or the first one for a message older than them all.
//
// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table handovers add column words tsvector not null default ''::tsvector`.execute(db);
  // One pass over the handovers, each reading its conversation's messages by their (conversation_id, seq) index:
  // many small sorts, where one aggregate over every message's words sorted them all at once (it ran for most of
  // an hour at 10M messages).
  await sql`
    update handovers h set words = strip(to_tsvector('simple'::regconfig,
        h.reason || ' ' || coalesce(h.customer ->> 'name', '') || ' ' || coalesce(h.customer ->> 'email', '')))
      || coalesce((
        -- At most 20,000 words of at most 40 characters: a tsvector cannot pass 1 MB (db/handover-words.ts).
        select array_to_tsvector((array_agg(distinct word.lexeme) filter (where length(word.lexeme) <= 40))[1:20000])
        from messages m cross join lateral unnest(to_tsvector('simple'::regconfig, m.body)) word
        where m.conversation_id = h.conversation_id
          and (m.handover_id = h.id or (m.handover_id is null and h.id = (
            select o.id from handovers o where o.conversation_id = m.conversation_id
            order by o.requested_at <= m.created_at desc,
              case when o.requested_at <= m.created_at then o.requested_at end desc, o.requested_at
            limit 1)))
      ), ''::tsvector)`.execute(db);
  await sql`create index handovers_words_idx on handovers using gin (words)`.execute(db);
  // A search chooses how to read by how common its words are (db/handover-words.ts, wordShares): PostgreSQL's
  // statistics of the column then keep the 10,000 commonest words rather than 1,000.
  await sql`alter table handovers alter column words set statistics 1000`.execute(db);
  // Both read by 0009's search only; the messages one cost a GIN insert on every message written.
  await sql`drop index handovers_search_idx`.execute(db);
  await sql`drop index messages_body_search_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index messages_body_search_idx on messages using gin (to_tsvector('simple'::regconfig, body))`.execute(db);
  await sql`create index handovers_search_idx on handovers using gin (
    to_tsvector('simple'::regconfig, reason || ' ' || coalesce(customer ->> 'name', '') || ' ' || coalesce(customer ->> 'email', ''))
  )`.execute(db);
  await sql`drop index handovers_words_idx`.execute(db);
  await sql`alter table handovers drop column words`.execute(db);
}
