import { fieldError } from '../../domain/errors.ts';
import { HandoverSettings, HandoverSettingsResponse } from '../../domain/schemas/settings.ts';
import { SaveWorkspaceSettingsRequest, WorkspaceSettingsResponse } from '../../domain/schemas/workspace-settings.ts';
import { notifyAccessChanged } from '../../db/live-events.ts';
import { listMembers } from '../../db/members.ts';
import { getHandoverSettings, saveHandoverSettings } from '../../db/settings.ts';
import { findWorkspaceSettings, isTimeZoneKnownToDatabase, saveWorkspaceSettings } from '../../db/workspaces.ts';
import { route } from '../route.ts';

/** Chat Agent > Human Handover, and Chat Agent > Workspace. */
export const settingsRoutes = [
  route({
    method: 'get',
    path: '/settings/handover',
    auth: 'member',
    tag: 'Settings',
    summary: "The workspace's Human Handover settings",
    status: 200,
    response: HandoverSettingsResponse,
    handler: async ({ deps, caller }) => ({ settings: await getHandoverSettings(deps.db, caller.workspaceId) }),
  }),
  route({
    method: 'put',
    path: '/settings/handover',
    auth: 'member',
    roles: ['admin'],
    tag: 'Settings',
    summary: 'Save the Human Handover settings (admins); new handovers use them',
    description:
      'Rules across fields, refused with 422 naming the field: each escalation level comes later than the one before it, ' +
      'the fallback comes after the last level, and memberIds name members of this workspace.',
    body: HandoverSettings,
    status: 200,
    response: HandoverSettingsResponse,
    errors: [403, 422],
    handler: async ({ deps, caller, body }) => {
      const known = new Set((await listMembers(deps.db, caller.workspaceId)).map((member) => member.id));
      const unknown = body.memberIds.findIndex((id) => !known.has(id));
      if (unknown >= 0) {
        throw fieldError(['memberIds', unknown], 'No such member in this workspace');
      }
      const settings = { ...body, memberIds: [...new Set(body.memberIds)] };
      await saveHandoverSettings(deps.db, caller.workspaceId, settings);
      // The handover team may have changed: every open stream of the workspace re-reads what its member may see.
      await notifyAccessChanged(deps.db, caller.workspaceId);
      return { settings: await getHandoverSettings(deps.db, caller.workspaceId) };
    },
  }),
  route({
    method: 'get',
    path: '/settings/workspace',
    auth: 'member',
    tag: 'Settings',
    summary: "The workspace's name and time zone",
    status: 200,
    response: WorkspaceSettingsResponse,
    handler: async ({ deps, caller }) => ({ workspace: await findWorkspaceSettings(deps.db, caller.workspaceId) }),
  }),
  route({
    method: 'put',
    path: '/settings/workspace',
    auth: 'member',
    roles: ['admin'],
    tag: 'Settings',
    summary: 'Rename the workspace or change its time zone (admins)',
    description:
      'Send a name, a timeZone, or both; what is left out stays. The time zone is an IANA name in any case ' +
      '("europe/paris"), stored under its canonical name ("Europe/Paris"); analytics count local days in it from then on ' +
      'unless a request names another (`tz`). A zone the database does not know is refused with 422 naming timeZone.',
    body: SaveWorkspaceSettingsRequest,
    status: 200,
    response: WorkspaceSettingsResponse,
    errors: [403, 422],
    handler: async ({ deps, caller, body }) => {
      // Node and PostgreSQL carry their own tz data: refused now, not as a failure of every analytics read later.
      if (body.timeZone !== undefined && !(await isTimeZoneKnownToDatabase(deps.db, body.timeZone))) {
        throw fieldError(['timeZone'], `The database does not know the time zone ${body.timeZone}: choose another, like UTC or a nearby city`);
      }
      return { workspace: await saveWorkspaceSettings(deps.db, caller.workspaceId, body) };
    },
  }),
];
