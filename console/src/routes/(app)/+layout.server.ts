import { error, redirect } from '@sveltejs/kit';
import { loginHref } from '$lib/paths';
import type { LayoutServerLoad } from './$types';

const twoFactorPath = '/account/two-factor';

export const load: LayoutServerLoad = ({ locals, url }) => {
  if (locals.sessionError) error(locals.sessionError.status, locals.sessionError.message);
  if (!locals.member) redirect(303, loginHref(url));
  // Until they have a second factor, the API answers such a member nothing else: the console sends them to set it up.
  if (locals.twoFactorEnrolmentRequired && url.pathname !== twoFactorPath) redirect(303, twoFactorPath);
  return { member: locals.member, twoFactorEnrolmentRequired: locals.twoFactorEnrolmentRequired };
};
