import { sql, type Updateable } from 'kysely';
import type { WorkspaceSettings } from '../domain/schemas/workspace-settings.ts';
import type { Db } from './connect.ts';
import type { WorkspacesTable } from './database.ts';

/** The workspace's name, as its members see it (in account emails, on the invitation page). */
export async function findWorkspaceName(db: Db, workspaceId: string): Promise<string | undefined> {
  const row = await db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirst();
  return row?.name;
}

/** The workspace's name and time zone, as admins set them. */
export async function findWorkspaceSettings(db: Db, workspaceId: string): Promise<WorkspaceSettings> {
  const row = await db.selectFrom('workspaces').select(['name', 'time_zone']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return { name: row.name, timeZone: row.time_zone };
}

/** Changes what is given and keeps the rest; the time zone must be one PostgreSQL knows (see isTimeZoneKnownToDatabase). */
export async function saveWorkspaceSettings(db: Db, workspaceId: string, changes: Partial<WorkspaceSettings>): Promise<WorkspaceSettings> {
  const values: Updateable<WorkspacesTable> = {};
  if (changes.name !== undefined) values.name = changes.name;
  if (changes.timeZone !== undefined) values.time_zone = changes.timeZone;
  if (Object.keys(values).length === 0) return findWorkspaceSettings(db, workspaceId);
  const row = await db.updateTable('workspaces').set(values).where('id', '=', workspaceId).returning(['name', 'time_zone']).executeTakeFirstOrThrow();
  return { name: row.name, timeZone: row.time_zone };
}

/**
 * Whether PostgreSQL's zone rules know the zone. Analytics count local days with them, so a zone Node knows but the
 * database does not (their tz data can differ in age) would fail every analytics read later instead of the save now.
 */
export async function isTimeZoneKnownToDatabase(db: Db, timeZone: string): Promise<boolean> {
  try {
    await sql`select now() at time zone ${timeZone}`.execute(db);
    return true;
  } catch (error) {
    // 22023 invalid_parameter_value: 'time zone "…" not recognized'. Anything else (the database away) is not an answer.
    if ((error as { code?: string } | undefined)?.code === '22023') return false;
    throw error;
  }
}
