import { fail } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { readSettingsForm } from './settings-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  // The settings are for admins; everyone else sees a notice, not a failed request.
  if (member.role !== 'admin') return { settings: null, members: [] };
  const api = createApi(fetch);
  try {
    const [settings, members] = await Promise.all([api.getHandoverSettings(), api.listMembers()]);
    return { settings, members };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

export const actions: Actions = {
  save: async ({ request, fetch }) => {
    const { settings, fieldErrors } = readSettingsForm(await request.formData());
    if (Object.keys(fieldErrors).length > 0) {
      return fail(422, { draft: settings, fieldErrors, message: 'Some fields need your attention.' });
    }
    try {
      return { saved: await createApi(fetch).saveHandoverSettings(settings) };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const errors = failure.code === 'validation_failed' ? fieldErrorsOf(failure) : {};
      const message = failure.code === 'validation_failed' ? 'Some fields need your attention.' : failure.message;
      return fail(failure.status, { draft: settings, fieldErrors: errors, message });
    }
  },
};
