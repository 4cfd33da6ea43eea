import { fail } from '@sveltejs/kit';
import { ApiError, createApi } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  const api = createApi(fetch);
  try {
    const [security, twoFactor] = await Promise.all([api.getSecuritySettings(), api.getTwoFactor()]);
    return { security, myTwoFactor: twoFactor.enabled, canManage: member.role === 'admin' };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

export const actions: Actions = {
  save: async ({ request, fetch }) => {
    const requireTwoFactor = (await request.formData()).get('requireTwoFactor') === 'on';
    try {
      return { saved: await createApi(fetch).saveSecuritySettings({ requireTwoFactor }) };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { code: failure.code, message: failure.message });
    }
  },
};
