import { notifyAccessChanged } from '../../db/live-events.ts';
import { AppError } from '../../domain/errors.ts';
import {
  ApiKeyResponse,
  CreateApiKeyRequest,
  CreateApiKeyResponse,
  CreateMemberRequest,
  CreateMemberResponse,
  ListApiKeysResponse,
  MemberParams,
  MembersResponse,
  UpdateMemberRequest,
} from '../../domain/schemas/admin.ts';
import { MemberResponse } from '../../domain/schemas/members.ts';
import { findApiKey, insertApiKey, listApiKeys, revokeApiKey } from '../../db/api-keys.ts';
import { EmailTakenError, findMember, findMemberRowByEmail, insertMember, listMembers, updateMember } from '../../db/members.ts';
import { revokeInvitationsOf } from '../../db/invitations.ts';
import { assertAcceptablePassword } from '../auth/password-rules.ts';
import { hashPassword, hashToken, newApiKey } from '../auth/secrets.ts';
import { inviteMember } from '../invitations.ts';
import { route } from '../route.ts';

/** The team and the workspace's API keys (admins; supervisors may see the team). */
export const teamRoutes = [
  route({
    method: 'get',
    path: '/members',
    auth: 'member',
    roles: ['admin', 'supervisor'],
    tag: 'Team',
    summary: "The workspace's team members",
    status: 200,
    response: MembersResponse,
    errors: [403],
    handler: async ({ deps, caller }) => ({ members: await listMembers(deps.db, caller.workspaceId) }),
  }),
  route({
    method: 'post',
    path: '/members',
    auth: 'member',
    roles: ['admin'],
    tag: 'Team',
    summary: 'Invite a member by email (admins), or create one with a first password',
    description:
      'Without `password`: an invitation is emailed with a one-time link, and the answer is the invitation. The answer is the same for an ' +
      'address that has an account in another workspace (its owner is told by email instead; the admin is not). ' +
      'With `password` (older clients, and only where the operator allows it: ALLOW_ADMIN_SET_PASSWORD, else 403): the member is created at once, ' +
      'and the answer is the member; 409 when the email is taken in any workspace, which is why it is off unless allowed. ' +
      'A member of this workspace answers 409 either way.',
    body: CreateMemberRequest,
    status: 201,
    response: CreateMemberResponse,
    errors: [403, 409],
    handler: async ({ deps, caller, body }) => {
      const { password, ...person } = body;
      if (password === undefined) return { invitation: await inviteMember(deps, caller, person) };
      const account = await findMemberRowByEmail(deps.db, body.email);
      // This workspace's own member: the invitation form answers so too, which tells the admin nothing new.
      if (account?.workspace_id === caller.workspaceId) throw new AppError('conflict', 'A member with this email already exists');
      // Whether an address has an account in another workspace must not be learnt here either: the first password
      // form is off unless the operator turned it on knowing that it tells (its 409 below).
      if (!(deps.allowAdminSetPassword ?? !deps.production)) {
        throw new AppError('forbidden', 'Setting a member\'s first password is turned off here: invite them without a password, and they choose their own');
      }
      if (account) throw new AppError('conflict', 'A member with this email already exists');
      assertAcceptablePassword(password, body.email, 'password');
      const passwordHash = await hashPassword(password, deps.passwordHashing);
      const row = await deps.db
        .transaction()
        .execute(async (tx) => {
          // An invitation of the same address in this workspace has no purpose any more. Revoked first, so this
          // and an accept of it lock the invitation before the address, in the same order: one waits, none deadlocks.
          await revokeInvitationsOf(tx, caller.workspaceId, body.email);
          return insertMember(tx, { workspaceId: caller.workspaceId, email: body.email, name: body.name, role: body.role, passwordHash });
        })
        .catch((error: unknown) => {
          // The invitee accepted (or another request made the member) between the check above and this insert.
          if (error instanceof EmailTakenError) throw new AppError('conflict', 'A member with this email already exists');
          throw error;
        });
      const member = await findMember(deps.db, caller.workspaceId, row.id);
      if (!member) throw new AppError('not_found', 'No such member');
      return { member };
    },
  }),
  route({
    method: 'patch',
    path: '/members/:id',
    auth: 'member',
    roles: ['admin'],
    tag: 'Team',
    summary: "Change a member's name or role, or deactivate them (admins)",
    params: MemberParams,
    body: UpdateMemberRequest,
    status: 200,
    response: MemberResponse,
    errors: [403, 404, 409],
    handler: async ({ deps, caller, params, body }) => {
      const member = await findMember(deps.db, caller.workspaceId, params.id);
      if (!member) throw new AppError('not_found', 'No such member');
      // An admin cannot lock themselves out; another admin can.
      if (member.id === caller.member.id && (body.active === false || (body.role && body.role !== 'admin'))) {
        throw new AppError('conflict', 'You cannot deactivate yourself or give up your own admin role');
      }
      await updateMember(deps.db, caller.workspaceId, member.id, body);
      // Deactivated, or a new role: their open streams end or re-read what they may see.
      await notifyAccessChanged(deps.db, caller.workspaceId, member.id);
      const updated = await findMember(deps.db, caller.workspaceId, member.id);
      if (!updated) throw new AppError('not_found', 'No such member');
      return { member: updated };
    },
  }),
  route({
    method: 'get',
    path: '/api-keys',
    auth: 'member',
    roles: ['admin'],
    tag: 'Team',
    summary: "The workspace's API keys (never their secrets)",
    status: 200,
    response: ListApiKeysResponse,
    errors: [403],
    handler: async ({ deps, caller }) => ({ apiKeys: await listApiKeys(deps.db, caller.workspaceId) }),
  }),
  route({
    method: 'post',
    path: '/api-keys',
    auth: 'member',
    roles: ['admin'],
    tag: 'Team',
    summary: 'Create an API key; its secret is shown this once',
    body: CreateApiKeyRequest,
    status: 201,
    response: CreateApiKeyResponse,
    errors: [403],
    handler: async ({ deps, caller, body }) => {
      const { key, prefix } = newApiKey();
      const { id } = await insertApiKey(deps.db, {
        workspaceId: caller.workspaceId,
        name: body.name,
        prefix,
        keyHash: hashToken(key),
        createdBy: caller.member.id,
      });
      const apiKey = await findApiKey(deps.db, caller.workspaceId, id);
      if (!apiKey) throw new AppError('not_found', 'No such API key');
      return { apiKey, key };
    },
  }),
  route({
    method: 'delete',
    path: '/api-keys/:id',
    auth: 'member',
    roles: ['admin'],
    tag: 'Team',
    summary: 'Revoke an API key at once',
    params: MemberParams,
    status: 200,
    response: ApiKeyResponse,
    errors: [403, 404],
    handler: async ({ deps, caller, params }) => {
      if (!(await findApiKey(deps.db, caller.workspaceId, params.id))) throw new AppError('not_found', 'No such API key');
      await revokeApiKey(deps.db, caller.workspaceId, params.id);
      const apiKey = await findApiKey(deps.db, caller.workspaceId, params.id);
      if (!apiKey) throw new AppError('not_found', 'No such API key');
      return { apiKey };
    },
  }),
];
