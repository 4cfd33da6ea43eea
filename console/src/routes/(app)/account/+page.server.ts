import { fail } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { readNewPassword } from '$lib/server/password-form';
import type { Actions } from './$types';

/** The member's own account: who they are (from the layout), and changing their password. */
export const actions: Actions = {
  password: async ({ request, fetch }) => {
    const form = await request.formData();
    const currentPassword = String(form.get('currentPassword') ?? '');
    const { password: newPassword, fieldErrors } = readNewPassword(form, 'newPassword');
    if (!currentPassword) fieldErrors.currentPassword = 'Enter your current password.';
    if (Object.keys(fieldErrors).length > 0) return fail(422, { message: 'Some fields need your attention.', fieldErrors });
    try {
      await createApi(fetch).changePassword({ currentPassword, newPassword });
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      // Only the API's wrong-password answer goes beside the field: other 403s (a cross-site refusal) are not about it.
      const wrongPassword = failure.code === 'forbidden' && failure.details.field === 'currentPassword';
      const errors = failure.code === 'validation_failed' ? fieldErrorsOf(failure) : wrongPassword ? { currentPassword: `${failure.message}.` } : {};
      const message = Object.keys(errors).length > 0 ? 'Some fields need your attention.' : failure.message;
      return fail(failure.status, { message, fieldErrors: errors });
    }
    return { changed: true };
  },
};
