import { fail } from '@sveltejs/kit';
import { ApiError, createApi } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const api = createApi(fetch);
  try {
    const [detail, events, customerContext] = await Promise.all([
      api.getHandover(params.id),
      // The timeline is a side panel: the conversation stays usable without it.
      api.listHandoverEvents(params.id).catch(() => null),
      // So is the customer context.
      api.getCustomerContext(params.id).catch(() => null),
    ]);
    return { ...detail, events, customerContext };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

export const actions: Actions = {
  end: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const outcome = form.get('outcome');
    const note = String(form.get('note') ?? '').trim();
    try {
      const handover = await createApi(fetch).endHandover(params.id, {
        outcome: outcome === 'resolved' || outcome === 'unresolved' ? outcome : undefined,
        note: note || undefined,
      });
      return { ended: { aiResumed: handover.aiResumed === true } };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { endError: { code: failure.code, message: failure.message }, note });
    }
  },
};
