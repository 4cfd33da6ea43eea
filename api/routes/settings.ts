import { AppError } from '../../domain/errors.ts';
import { HandoverSettings, HandoverSettingsResponse } from '../../domain/schemas/settings.ts';
import { notifyAccessChanged } from '../../db/live-events.ts';
import { listMembers } from '../../db/members.ts';
import { getHandoverSettings, saveHandoverSettings } from '../../db/settings.ts';
import { route } from '../route.ts';

/** Chat Agent > Human Handover. */
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
        throw new AppError('validation_failed', 'The request is not valid', {
          issues: [{ path: ['memberIds', unknown], message: 'No such member in this workspace', code: 'custom' }],
        });
      }
      const settings = { ...body, memberIds: [...new Set(body.memberIds)] };
      await saveHandoverSettings(deps.db, caller.workspaceId, settings);
      // The handover team may have changed: every open stream of the workspace re-reads what its member may see.
      await notifyAccessChanged(deps.db, caller.workspaceId);
      return { settings: await getHandoverSettings(deps.db, caller.workspaceId) };
    },
  }),
];
