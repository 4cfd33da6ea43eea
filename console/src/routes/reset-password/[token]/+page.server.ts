import { fail } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { readNewPassword } from '$lib/server/password-form';
import { deleteSessionCookie } from '$lib/server/session';
import type { Actions } from './$types';

/** The page a reset link opens: a new password, then every session of the member ends (this browser's too). */
export const actions: Actions = {
  default: async ({ request, fetch, params, cookies }) => {
    const { password, fieldErrors } = readNewPassword(await request.formData(), 'password');
    if (Object.keys(fieldErrors).length > 0) return fail(422, { message: 'Some fields need your attention.', fieldErrors, isLinkGone: false });
    try {
      await createApi(fetch).completePasswordReset({ token: params.token, password });
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const errors = failure.code === 'validation_failed' ? fieldErrorsOf(failure) : {};
      const message = Object.keys(errors).length > 0 ? 'Some fields need your attention.' : failure.message;
      return fail(failure.status, { message, fieldErrors: errors, isLinkGone: failure.code === 'invalid_link' });
    }
    deleteSessionCookie(cookies);
    return { done: true };
  },
};
