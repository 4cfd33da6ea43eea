import { sql, type Kysely } from 'kysely';

// The pairs of each new handover's own text (its reason and its customer's name and email, joined as
// db/handover-words.ts's ownText joins them) as a row of phrase_pair_sets (0022), so that a search through the
// pairs' index finds a phrase there too. A migration of its own: its lock on handovers is taken after 0022's on
// messages has been released, where in one transaction a writer holding handovers and waiting for messages (a
// handover request stores its transcript) would deadlock with it. What was stored before this, the background
// fill reads (phrase_pair_sets_fill, 0022), after every migration has run; including a workspace whose first
// conversation a writer was storing while 0022 listed the workspaces to fill. A handover's reason and customer
// never change once stored, so inserts are all there is to follow.
//
// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function phrase_pair_sets_add_handovers() returns trigger language plpgsql as $$
    begin
      insert into phrase_pair_sets (conversation_id, pairs)
      select h.conversation_id, array_agg(distinct phrase_pair_hash(h.workspace_id, p.first, p.second))
      from new_handovers h
        cross join lateral phrase_pairs(h.reason || ' ' || coalesce(h.customer ->> 'name', '') || ' ' || coalesce(h.customer ->> 'email', '')) p
      group by h.workspace_id, h.conversation_id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger handovers_phrase_pair_sets after insert on handovers
    referencing new table as new_handovers for each statement execute function phrase_pair_sets_add_handovers()`.execute(db);
  // Read after the lock above was granted, so every handover stored without the trigger is committed and seen. A
  // workspace listed already is left as it is.
  await sql`
    insert into phrase_pair_set_backfills (workspace_id)
    select w.id from workspaces w where exists (select 1 from conversations c where c.workspace_id = w.id)
    on conflict (workspace_id) do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger handovers_phrase_pair_sets on handovers`.execute(db);
  await sql`drop function phrase_pair_sets_add_handovers`.execute(db);
}
