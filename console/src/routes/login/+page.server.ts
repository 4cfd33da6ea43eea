import { fail, redirect } from '@sveltejs/kit';
import { ApiError, createApi } from '$lib/api';
import { safeNext } from '$lib/paths';
import { applySetCookies, deleteChallengeCookie, deleteSessionCookie, hasChallengeCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, cookies }) => {
  if (locals.member) redirect(303, safeNext(url.searchParams.get('next')));
  // A sign-in whose password was right waits for its code: a reload keeps asking for it.
  return { sessionError: locals.sessionError, next: url.searchParams.get('next'), twoFactorPending: hasChallengeCookie(cookies) };
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
      const { member, setCookies } = await createApi(fetch).login({ email, password });
      applySetCookies(cookies, setCookies);
      // Two-factor on: no session yet, and the page asks for the code of their app.
      if (!member) return { twoFactorRequired: true };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const message = failure.status === 401 || failure.status === 422 ? 'That email and password do not match.' : failure.message;
      return fail(failure.status, { email, code: failure.code, message });
    }
    redirect(303, safeNext(url.searchParams.get('next')));
  },

  twoFactor: async ({ request, fetch, cookies, url }) => {
    const code = String((await request.formData()).get('code') ?? '').trim();
    if (!code) return fail(400, { twoFactorRequired: true, code: 'invalid_request', message: 'Enter the code your app shows.' });
    const { error, setCookies } = await createApi(fetch).loginTwoFactor({ code });
    // The session's cookie; or, when the waiting sign-in is over (timed out, too many wrong codes), its cleared cookie.
    applySetCookies(cookies, setCookies);
    if (error) {
      const message = error.code === 'validation_failed' ? 'Enter the 6 digits of your app, or a recovery code.' : error.message;
      return fail(error.status, { twoFactorRequired: hasChallengeCookie(cookies), code: error.code, message });
    }
    redirect(303, safeNext(url.searchParams.get('next')));
  },

  restart: ({ cookies }) => {
    deleteChallengeCookie(cookies);
    return { twoFactorRequired: false };
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
