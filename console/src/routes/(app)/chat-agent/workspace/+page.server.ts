import { fail } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { timeZoneChoices } from './time-zones';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  try {
    const workspace = await createApi(fetch).getWorkspaceSettings();
    // Every member may read the settings; only admins get the form and its list of zones.
    const canManage = member.role === 'admin';
    return { workspace, canManage, timeZones: canManage ? timeZoneChoices(workspace.timeZone) : [] };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

export const actions: Actions = {
  save: async ({ request, fetch }) => {
    const form = await request.formData();
    // Sent as typed: the API trims the name and canonicalises the zone ("europe/paris" → "Europe/Paris").
    const draft = { name: String(form.get('name') ?? ''), timeZone: String(form.get('timeZone') ?? '') };
    try {
      return { saved: await createApi(fetch).saveWorkspaceSettings(draft) };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const fieldErrors = failure.code === 'validation_failed' ? fieldErrorsOf(failure) : {};
      const message = failure.code === 'validation_failed' ? 'Some fields need your attention.' : failure.message;
      return fail(failure.status, { code: failure.code, message, fieldErrors, draft });
    }
  },
};
