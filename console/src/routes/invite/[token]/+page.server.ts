import { error, fail, redirect } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { readNewPassword } from '$lib/server/password-form';
import { applySetCookies } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** The page an invitation's link opens: the invitee confirms their name, chooses a password and is signed in. */
export const load: PageServerLoad = async ({ fetch, params }) => {
  try {
    return { invitation: await createApi(fetch).previewInvitation(params.token), problem: null };
  } catch (failure) {
    if (!(failure instanceof ApiError)) throw failure;
    if (failure.code === 'invalid_link' || failure.code === 'validation_failed') {
      return { invitation: null, problem: 'This invitation link no longer works: it was used, sent again, revoked, or it expired. Ask the admin who invited you for a new one.' };
    }
    error(failure.status, { message: failure.message, code: failure.code });
  }
};

export const actions: Actions = {
  default: async ({ request, fetch, params, cookies }) => {
    const form = await request.formData();
    const name = String(form.get('name') ?? '').trim();
    const { password, fieldErrors } = readNewPassword(form, 'password');
    if (!name) fieldErrors.name = 'Enter your name as the team will see it.';
    if (Object.keys(fieldErrors).length > 0) return fail(422, { name, message: 'Some fields need your attention.', fieldErrors });
    try {
      const { setCookies } = await createApi(fetch).acceptInvitation({ token: params.token, name, password });
      applySetCookies(cookies, setCookies);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const errors = failure.code === 'validation_failed' ? fieldErrorsOf(failure) : {};
      const message = Object.keys(errors).length > 0 ? 'Some fields need your attention.' : failure.message;
      return fail(failure.status, { name, message, fieldErrors: errors });
    }
    redirect(303, '/conversations');
  },
};
