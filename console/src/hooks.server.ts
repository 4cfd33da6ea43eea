import type { Handle, HandleFetch, HandleServerError } from '@sveltejs/kit';
import { ApiError, createApi } from '$lib/api';
import { BACKGROUND_COOKIE } from '$lib/background';
import { forwardToApi } from '$lib/server/api-proxy';
import { deleteSessionCookie, hasSessionCookie } from '$lib/server/session';

/** Puts the signed-in member in `locals` when the browser has a session cookie. */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.member = null;
  event.locals.twoFactorEnrolmentRequired = false;
  event.locals.sessionError = null;
  // A data reload the console made by itself (live stream, polling): the API is told it is no use of the session.
  event.locals.isBackground = event.isDataRequest && event.request.method === 'GET' && event.cookies.get(BACKGROUND_COOKIE) === '1';

  if (hasSessionCookie(event.cookies)) {
    try {
      const me = await createApi(event.fetch).me();
      event.locals.member = me.member;
      event.locals.twoFactorEnrolmentRequired = me.twoFactorEnrolmentRequired;
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      if (failure.status === 401) deleteSessionCookie(event.cookies);
      else event.locals.sessionError = { status: failure.status, message: failure.message };
    }
  }

  return resolve(event);
};

/** Sends server-side calls to /api/* to the API process with the browser's cookie and the console's origin. */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) =>
  (await forwardToApi(event, request)) ?? fetch(request);

export const handleError: HandleServerError = ({ error, status, message }) => {
  if (error instanceof ApiError) return { message: error.message, code: error.code };
  if (status >= 500) console.error(error);
  return { message: status >= 500 ? 'Something went wrong on our side. Try again in a moment.' : message };
};
