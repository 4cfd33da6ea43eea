import { fail } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { canSeeAllHandovers, roleLabels } from '$lib/vocabulary';
import { readInviteForm, readMemberChange } from './member-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  // Admins manage the team and supervisors may look at it; agents see a notice, not a failed request.
  if (!canSeeAllHandovers(member.role)) return { members: null, canManage: false };
  try {
    return { members: await createApi(fetch).listMembers(), canManage: member.role === 'admin' };
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
      const member = await createApi(fetch).inviteMember(invitation);
      return { action: 'invite', invited: { name: member.name, email: member.email } };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      // The one conflict of an invitation is an email that is taken: say so next to the email.
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
