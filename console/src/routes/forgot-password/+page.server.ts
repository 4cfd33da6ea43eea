import { fail } from '@sveltejs/kit';
import { ApiError, createApi } from '$lib/api';
import type { Actions } from './$types';

/** Asks for a reset link; the answer is the same whether the email has an account, and so is this page's. */
export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const email = String((await request.formData()).get('email') ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail(422, { email, message: 'Enter the email address you sign in with, like name@company.com.' });
    try {
      await createApi(fetch).requestPasswordReset(email);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { email, message: failure.code === 'validation_failed' ? 'Enter the email address you sign in with, like name@company.com.' : failure.message });
    }
    return { sentTo: email };
  },
};
