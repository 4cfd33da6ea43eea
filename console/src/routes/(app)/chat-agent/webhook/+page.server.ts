import { fail } from '@sveltejs/kit';
import { ApiError, createApi, fieldErrorsOf } from '$lib/api';
import { throwLoadError } from '$lib/server/load-errors';
import { DELIVERY_LIMIT, readDeliveryStatus } from './deliveries';
import { readWebhookForm } from './webhook-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url, depends }) => {
  depends('handover:webhook-deliveries');
  const { member } = await parent();
  const status = readDeliveryStatus(url);
  // The webhook is for admins; everyone else sees a notice, not a failed request.
  if (member.role !== 'admin') return { isAdmin: false, status, webhook: null, deliveries: [], deliveriesError: null };
  const api = createApi(fetch);
  try {
    const [webhook, log] = await Promise.all([
      api.getWebhook(),
      // The log is a side panel: the endpoint form stays usable when it can't be read.
      api.listWebhookDeliveries({ status, limit: DELIVERY_LIMIT }).then(
        (deliveries) => ({ deliveries, error: null }),
        (failure: unknown) => {
          if (!(failure instanceof ApiError) || failure.status === 401) throw failure;
          return { deliveries: [], error: failure.message };
        },
      ),
    ]);
    return { isAdmin: true, status, webhook, deliveries: log.deliveries, deliveriesError: log.error };
  } catch (failure) {
    throwLoadError(failure, url);
  }
};

export const actions: Actions = {
  save: async ({ request, fetch }) => {
    const { request: settings, fieldErrors } = readWebhookForm(await request.formData());
    // The secret is never sent back to the page: after a failure it is typed again.
    const url = settings.url;
    if (Object.keys(fieldErrors).length > 0) {
      return fail(422, { action: 'save', code: 'validation_failed', message: 'Some fields need your attention.', fieldErrors, url });
    }
    try {
      const saved = await createApi(fetch).saveWebhook(settings);
      return { action: 'save', saved: { url: saved.url, secret: saved.secret ?? null, secretEntered: settings.secret !== undefined } };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const errors = failure.code === 'validation_failed' ? fieldErrorsOf(failure) : {};
      const message = failure.code === 'validation_failed' ? 'Some fields need your attention.' : failure.message;
      return fail(failure.status, { action: 'save', code: failure.code, message, fieldErrors: errors, url });
    }
  },

  rotate: async ({ fetch }) => {
    try {
      // The new secret travels to the browser in this answer only: the API never shows it again.
      const rotated = await createApi(fetch).rotateWebhookSecret();
      return { action: 'rotate', rotated };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'rotate', code: failure.code, message: failure.message });
    }
  },

  retry: async ({ request, fetch }) => {
    const deliveryId = String((await request.formData()).get('deliveryId') ?? '');
    try {
      const delivery = await createApi(fetch).retryWebhookDelivery(deliveryId);
      return { action: 'retry', retried: { id: delivery.id, type: delivery.type } };
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      return fail(failure.status, { action: 'retry', code: failure.code, message: failure.message, deliveryId });
    }
  },
};
