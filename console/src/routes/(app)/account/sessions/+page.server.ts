import { fail, redirect } from '@sveltejs/kit';
import { ApiError, createApi } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { deleteSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, url }) => {
  try {
    return { sessions: await createApi(fetch).listSessions() };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

export const actions: Actions = {
  revoke: async ({ request, fetch, cookies }) => {
    const form = await request.formData();
    const sessionId = String(form.get('sessionId') ?? '');
    try {
      await createApi(fetch).revokeSession(sessionId);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'revoke', code: failure.code, message: failure.message });
    }
    // Ending the session of this browser is signing out here.
    if (form.get('current') === 'true') {
      deleteSessionCookie(cookies);
      redirect(303, '/login');
    }
    return { action: 'revoke', revoked: 1 };
  },

  revokeOthers: async ({ fetch }) => {
    try {
      const { revoked } = await createApi(fetch).revokeOtherSessions();
      return { action: 'revokeOthers', revoked };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'revokeOthers', code: failure.code, message: failure.message });
    }
  },
};
