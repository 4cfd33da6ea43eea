import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// What a workspace's files take together, kept by a trigger as attachments are stored and deleted (by the unsent
// sweep, retention, or a workspace's deletion), so an upload checks the workspace's quota without summing every
// file it ever stored, and uploads at once queue on the workspace's row. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('workspaces')
    .addColumn('attachment_bytes', 'bigint', (col) => col.notNull().defaultTo(0).check(sql`attachment_bytes >= 0`))
    .execute();
  await sql`
    update workspaces w set attachment_bytes = a.bytes
    from (select workspace_id, sum(size)::bigint as bytes from attachments group by workspace_id) a
    where w.id = a.workspace_id`.execute(db);
  await sql`
    create function attachments_count_bytes() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        update workspaces set attachment_bytes = attachment_bytes + new.size where id = new.workspace_id;
      else
        update workspaces set attachment_bytes = greatest(attachment_bytes - old.size, 0) where id = old.workspace_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger attachments_count_bytes after insert or delete on attachments
    for each row execute function attachments_count_bytes()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger attachments_count_bytes on attachments`.execute(db);
  await sql`drop function attachments_count_bytes()`.execute(db);
  await db.schema.alterTable('workspaces').dropColumn('attachment_bytes').execute();
}
