import { fail } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { member } = await parent();
  // API keys are for admins; everyone else sees a notice, not a failed request.
  if (member.role !== 'admin') return { apiKeys: null };
  try {
    return { apiKeys: await createApi(fetch).listApiKeys() };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

export const actions: Actions = {
  create: async ({ request, fetch }) => {
    const name = String((await request.formData()).get('name') ?? '').trim();
    if (!name) {
      return fail(422, {
        action: 'create',
        code: 'validation_failed',
        message: 'Some fields need your attention.',
        fieldErrors: { name: 'Name the key after what will use it.' },
        name,
      });
    }
    try {
      // The secret travels to the browser in this answer only: the API keeps its hash, never the key.
      const { apiKey, key } = await createApi(fetch).createApiKey(name);
      return { action: 'create', created: { apiKey, key } };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const fieldErrors = failure.code === 'validation_failed' ? fieldErrorsOf(failure) : {};
      const message = failure.code === 'validation_failed' ? 'Some fields need your attention.' : failure.message;
      return fail(failure.status, { action: 'create', code: failure.code, message, fieldErrors, name });
    }
  },

  revoke: async ({ request, fetch }) => {
    const keyId = String((await request.formData()).get('keyId') ?? '');
    try {
      const apiKey = await createApi(fetch).revokeApiKey(keyId);
      return { action: 'revoke', revoked: { id: apiKey.id, name: apiKey.name } };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'revoke', code: failure.code, message: failure.message, keyId });
    }
  },
};
