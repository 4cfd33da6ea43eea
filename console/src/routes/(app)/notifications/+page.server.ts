import { fail } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url, depends }) => {
  depends('handover:notifications');
  const { member } = await parent();
  const api = createApi(fetch);
  try {
    const isAdmin = member.role === 'admin';
    const [notifications, slack] = await Promise.all([api.getMyNotifications(), isAdmin ? api.getSlackSettings() : null]);
    return { notifications, slack, isAdmin };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

export const actions: Actions = {
  email: async ({ request, fetch }) => {
    const email = (await request.formData()).get('email') === 'on';
    try {
      await createApi(fetch).setEmailNotifications(email);
      return { action: 'email', saved: email };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'email', code: failure.code, message: failure.message });
    }
  },

  removeBrowser: async ({ request, fetch }) => {
    const id = String((await request.formData()).get('subscriptionId') ?? '');
    try {
      await createApi(fetch).unsubscribeFromPush(id);
      return { action: 'removeBrowser', removed: true };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'removeBrowser', code: failure.code, message: failure.message });
    }
  },

  slack: async ({ request, fetch }) => {
    const form = await request.formData();
    const turnOff = form.get('intent') === 'off';
    const url = String(form.get('url') ?? '').trim();
    if (!turnOff && !url) {
      return fail(422, { action: 'slack', code: 'validation_failed', message: 'Some fields need your attention.', fieldErrors: { url: 'Enter the incoming webhook URL' } });
    }
    try {
      const slack = await createApi(fetch).saveSlackSettings(turnOff ? null : url);
      return { action: 'slack', slack };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const fieldErrors = failure.code === 'validation_failed' ? fieldErrorsOf(failure) : {};
      const message = failure.code === 'validation_failed' ? 'Some fields need your attention.' : failure.message;
      return fail(failure.status, { action: 'slack', code: failure.code, message, fieldErrors });
    }
  },
};
