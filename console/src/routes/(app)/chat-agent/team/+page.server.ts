import { fail } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { canSeeAllHandovers, roleLabels } from '$lib/vocabulary';
import { readInviteForm, readMemberChange } from './member-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  // Admins manage the team and supervisors may look at it; agents see a notice, not a failed request.
  if (!canSeeAllHandovers(member.role)) return { members: null, invitations: [], canManage: false };
  const api = createApi(fetch);
  const canManage = member.role === 'admin';
  try {
    const [members, invitations] = await Promise.all([api.listMembers(), canManage ? api.listInvitations() : []]);
    return { members, invitations, canManage };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

export const actions: Actions = {
  invite: async ({ request, fetch }) => {
    const { request: invitation, fieldErrors } = readInviteForm(await request.formData());
    const draft = { name: invitation.name, email: invitation.email, role: invitation.role };
    if (Object.keys(fieldErrors).length > 0) {
      return fail(422, { action: 'invite', code: 'validation_failed', message: 'Some fields need your attention.', fieldErrors, draft });
    }
    try {
      // No password: the API emails them a link to choose their own.
      await createApi(fetch).inviteMember(invitation);
      return { action: 'invite', invited: { name: invitation.name, email: invitation.email } };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      // The conflicts of an invitation are about its email (a member already, or invited already): say so next to it.
      const errors =
        failure.code === 'validation_failed'
          ? fieldErrorsOf(failure)
          : failure.code === 'conflict'
            ? { email: failure.message }
            : {};
      const message = Object.keys(errors).length > 0 ? 'Some fields need your attention.' : failure.message;
      return fail(failure.status, { action: 'invite', code: failure.code, message, fieldErrors: errors, draft });
    }
  },

  resend: async ({ request, fetch }) => {
    const id = String((await request.formData()).get('invitationId') ?? '');
    try {
      const invitation = await createApi(fetch).resendInvitation(id);
      return { action: 'invitation', invitationId: id, done: `Sent ${invitation.name} a new link; the previous one no longer works.` };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'invitation', code: failure.code, message: failure.message, invitationId: id });
    }
  },

  revoke: async ({ request, fetch }) => {
    const id = String((await request.formData()).get('invitationId') ?? '');
    try {
      const invitation = await createApi(fetch).revokeInvitation(id);
      return { action: 'invitation', invitationId: id, done: `Revoked the invitation of ${invitation.name}: its link no longer works.` };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'invitation', code: failure.code, message: failure.message, invitationId: id });
    }
  },

  update: async ({ request, fetch }) => {
    const change = readMemberChange(await request.formData());
    if (!change) {
      return fail(400, { action: 'update', code: 'invalid_request', message: 'Choose what to change.', memberId: null });
    }
    try {
      const member = await createApi(fetch).updateMember(change.memberId, change.changes);
      const done =
        change.changes.role !== undefined
          ? `${member.name} is now ${article(roleLabels[member.role])} ${roleLabels[member.role]}.`
          : member.active
            ? `${member.name} is active again and can sign in.`
            : `${member.name} is deactivated: they are signed out and can no longer sign in.`;
      return { action: 'update', memberId: member.id, done };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'update', code: failure.code, message: failure.message, memberId: change.memberId });
    }
  },
};

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
