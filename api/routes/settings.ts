import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { Member } from '../../domain/schemas/members.ts';
import { HandoverSettings, HandoverSettingsResponse } from '../../domain/schemas/settings.ts';
import { randomBytes } from 'node:crypto';
import { WebhookSettingsRequest, WebhookSettingsResponse } from '../../domain/schemas/webhooks.ts';
import { saveWebhookEndpoint } from '../../db/webhook-outbox.ts';
import { listMembers } from '../../db/members.ts';
import { getHandoverSettings, saveHandoverSettings } from '../../db/settings.ts';
import { assertRole } from '../access.ts';
import { route } from '../route.ts';

/** Chat Agent > Human Handover, and the team it picks from. */
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
    body: HandoverSettings,
    status: 200,
    response: HandoverSettingsResponse,
    errors: [403, 422],
    handler: async ({ deps, caller, body }) => {
      assertRole(caller.member, ['admin']);
      const known = new Set((await listMembers(deps.db, caller.workspaceId)).map((member) => member.id));
      const unknown = body.memberIds.findIndex((id) => !known.has(id));
      if (unknown >= 0) {
        throw new AppError('validation_failed', 'The request is not valid', {
          issues: [{ path: ['memberIds', unknown], message: 'No such member in this workspace', code: 'custom' }],
        });
      }
      const settings = { ...body, memberIds: [...new Set(body.memberIds)] };
      await saveHandoverSettings(deps.db, caller.workspaceId, settings);
      return { settings: await getHandoverSettings(deps.db, caller.workspaceId) };
    },
  }),
  route({
    method: 'get',
    path: '/members',
    auth: 'member',
    roles: ['admin', 'supervisor'],
    tag: 'Settings',
    summary: "The workspace's team members",
    status: 200,
    response: z.object({ members: z.array(Member) }).meta({ id: 'MembersResponse' }),
    errors: [403],
    handler: async ({ deps, caller }) => {
      assertRole(caller.member, ['admin', 'supervisor']);
      return { members: await listMembers(deps.db, caller.workspaceId) };
    },
  }),
  route({
    method: 'put',
    path: '/settings/webhook',
    auth: 'member',
    roles: ['admin'],
    tag: 'Settings',
    summary: 'Set the webhook URL and signing secret (admins); an omitted secret is generated and shown once',
    body: WebhookSettingsRequest,
    status: 200,
    response: WebhookSettingsResponse,
    errors: [403],
    handler: async ({ deps, caller, body }) => {
      const generated = body.secret ? undefined : `whsec_${randomBytes(32).toString('base64')}`;
      await saveWebhookEndpoint(deps.db, caller.workspaceId, { url: body.url, secret: body.secret ?? (generated as string) });
      return { url: body.url, ...(generated ? { secret: generated } : {}) };
    },
  }),
];
