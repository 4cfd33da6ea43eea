import { fail, redirect } from '@sveltejs/kit';
import { ApiError, createApi } from '$lib/api';
import { safeNext } from '$lib/paths';
import { applySetCookies, deleteSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.member) redirect(303, safeNext(url.searchParams.get('next')));
  return { sessionError: locals.sessionError, next: url.searchParams.get('next') };
};

export const actions: Actions = {
  login: async ({ request, fetch, cookies, url }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      return fail(400, { email, code: 'invalid_request', message: 'Enter your email and password.' });
    }

    try {
      const { setCookies } = await createApi(fetch).login({ email, password });
      applySetCookies(cookies, setCookies);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const message = failure.status === 401 || failure.status === 422 ? 'That email and password do not match.' : failure.message;
      return fail(failure.status, { email, code: failure.code, message });
    }
    redirect(303, safeNext(url.searchParams.get('next')));
  },

  logout: async ({ fetch, cookies }) => {
    try {
      const { setCookies } = await createApi(fetch).logout();
      applySetCookies(cookies, setCookies);
    } catch (failure) {
      // Signing out must always work for the person at the keyboard, even if the API is down.
      if (!(failure instanceof ApiError)) throw failure;
    }
    deleteSessionCookie(cookies);
    redirect(303, '/login');
  },
};
