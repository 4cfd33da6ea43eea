import { error, redirect } from '@sveltejs/kit';
import { loginHref } from '$lib/paths';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
  if (locals.sessionError) error(locals.sessionError.status, locals.sessionError.message);
  if (!locals.member) redirect(303, loginHref(url));
  return { member: locals.member };
};
