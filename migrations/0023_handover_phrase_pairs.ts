import { sql, type Kysely } from 'kysely';

// The pairs of each new handover's own text (its reason and its customer's name and email, joined as
// db/handover-words.ts's ownText joins them) in its conversation's (0022), so that a search through the pairs'
// index finds a phrase there too. A migration of its own: its lock on handovers is taken after 0022's on messages
// has been released, where in one transaction a writer holding handovers and waiting for messages (a handover
// request stores its transcript) would deadlock with it. What was stored before this, the background fill reads
// (phrase_pairs_fill, 0022), after every migration has run; including a workspace whose first conversation a
// writer was storing while 0022 listed the workspaces to fill. A handover's reason and customer never change once
// stored, so inserts are all there is to follow.
//
// And 0021's filters are emptied: 0022 made every previous-version search pass them, and took away their trigger,
// so nothing writes them any more (0022's lock on messages waited for the last writer) and an emptied table is
// passed just the same. Its readers, those searches, take no lock this migration holds, so the wait is short.
//
// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function phrase_pairs_add_handovers() returns trigger language plpgsql as $$
    begin
      insert into conversation_phrase_pairs as f (conversation_id, pairs)
      select h.conversation_id, phrase_pairs_merge('{}', array_agg(distinct phrase_pair_hash(p.first, p.second)))
      from new_handovers h
        cross join lateral phrase_pairs(h.reason || ' ' || coalesce(h.customer ->> 'name', '') || ' ' || coalesce(h.customer ->> 'email', '')) p
      group by h.conversation_id
      order by h.conversation_id
      on conflict (conversation_id) do update set pairs = phrase_pairs_merge(f.pairs, excluded.pairs)
        where f.pairs is not null and (excluded.pairs is null or not f.pairs @> excluded.pairs);
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger handovers_phrase_pairs after insert on handovers
    referencing new table as new_handovers for each statement execute function phrase_pairs_add_handovers()`.execute(db);
  // Read after the lock above was granted, so every handover stored without the trigger is committed and seen. A
  // workspace listed already is left as it is.
  await sql`
    insert into phrase_pair_backfills (workspace_id)
    select w.id from workspaces w where exists (select 1 from conversations c where c.workspace_id = w.id)
    on conflict (workspace_id) do nothing`.execute(db);
  await sql`truncate conversation_phrase_filters`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger handovers_phrase_pairs on handovers`.execute(db);
  await sql`drop function phrase_pairs_add_handovers`.execute(db);
}
