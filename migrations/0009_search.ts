import { sql, type Kysely } from 'kysely';

// Search across handovers (GET /handovers?q=). Frozen in time: imports nothing from the app, so the indexed
// expressions below are spelled out again in db/handover-search.ts; a query matches an expression index only when
// it repeats the expression exactly.
//
// - Words: full-text search with the 'simple' configuration: customers write in many languages, and 'simple'
//   lowercases without stemming, so a word matches itself in any language and nothing surprising besides.
// - The handover's own words (reason, customer name and email) are one expression index on handovers: an
//   expression over the row's own columns needs no stored column, no table rewrite and no trigger. The
//   conversation's external id lives in another table; it is matched exactly by conversations' unique
//   (workspace_id, external_id) index, which already exists.
// - Messages: an expression GIN index over the body. Not composite with workspace_id (btree_gin): a one-workspace
//   key's posting list holds every row of a large workspace, and the query filters by workspace on the rows the
//   words found instead.
// - Parts of a name or an email ("jane", "example.com") are not whole tokens: trigram indexes (pg_trgm) serve
//   `ilike '%part%'` on them.
export async function up(db: Kysely<any>): Promise<void> {
  // A trusted extension since PostgreSQL 13: a database owner may create it without being a superuser.
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index handovers_search_idx on handovers using gin (
    to_tsvector('simple'::regconfig, reason || ' ' || coalesce(customer ->> 'name', '') || ' ' || coalesce(customer ->> 'email', ''))
  )`.execute(db);
  await sql`create index handovers_customer_trgm_idx on handovers using gin (
    lower(coalesce(customer ->> 'name', '') || ' ' || coalesce(customer ->> 'email', '')) gin_trgm_ops
  )`.execute(db);
  await sql`create index messages_body_search_idx on messages using gin (to_tsvector('simple'::regconfig, body))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index messages_body_search_idx`.execute(db);
  await sql`drop index handovers_customer_trgm_idx`.execute(db);
  await sql`drop index handovers_search_idx`.execute(db);
  // The extension stays: other objects may have come to use it.
}
