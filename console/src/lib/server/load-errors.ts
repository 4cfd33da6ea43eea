/** Turns an API failure inside a load function into SvelteKit's answer: sign in again, or the error page. */
import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api';
import { loginHref } from '$lib/paths';

export function throwLoadError(failure: unknown, url: URL): never {
  if (!(failure instanceof ApiError)) throw failure;
  if (failure.status === 401) redirect(303, loginHref(url));
  error(failure.status, { message: failure.message, code: failure.code });
}
