import { randomBytes } from 'node:crypto';
import { z } from '../../domain/schemas/zod.ts';
import { AppError } from '../../domain/errors.ts';
import { DeliveryParams, DeliveryResponse, ListDeliveriesQuery, ListDeliveriesResponse } from '../../domain/schemas/admin.ts';
import { WebhookEndpointResponse, WebhookSettingsRequest, WebhookSettingsResponse } from '../../domain/schemas/webhooks.ts';
import { findWebhookEndpoint, saveWebhookEndpoint } from '../../db/webhook-endpoints.ts';
import { findDeliveryRecord, listDeliveries, markDeliveryPending } from '../../db/webhook-outbox.ts';
import { privateTargetProblem } from '../../platform/webhook-target.ts';
import { route } from '../route.ts';
import { startWebhookRedelivery } from '../temporal.ts';

/** The webhook endpoint and its delivery log (admins). */
export const webhookRoutes = [
  route({
    method: 'get',
    path: '/settings/webhook',
    auth: 'member',
    roles: ['admin'],
    tag: 'Webhooks',
    summary: 'The webhook URL and whether it is disabled (never the secret)',
    status: 200,
    response: WebhookEndpointResponse,
    errors: [403],
    handler: async ({ deps, caller }) => ({ webhook: (await findWebhookEndpoint(deps.db, caller.workspaceId)) ?? null }),
  }),
  route({
    method: 'put',
    path: '/settings/webhook',
    auth: 'member',
    roles: ['admin'],
    tag: 'Webhooks',
    summary: 'Set the webhook URL and signing secret; an omitted secret is generated and shown once',
    description: 'Saving also re-enables an endpoint that was disabled by a 410 Gone.',
    body: WebhookSettingsRequest,
    status: 200,
    response: WebhookSettingsResponse,
    errors: [403],
    handler: async ({ deps, caller, body }) => {
      const refused = deps.allowPrivateWebhookTargets === false ? await privateTargetProblem(body.url).catch(() => 'its host does not resolve') : null;
      if (refused) {
        throw new AppError('validation_failed', 'The request is not valid', {
          issues: [{ path: ['url'], message: `Webhook URL refused: ${refused}`, code: 'custom' }],
        });
      }
      const generated = body.secret ? undefined : `whsec_${randomBytes(32).toString('base64')}`;
      await saveWebhookEndpoint(deps.db, caller.workspaceId, { url: body.url, secret: body.secret ?? (generated as string) });
      return { url: body.url, ...(generated ? { secret: generated } : {}) };
    },
  }),
  route({
    method: 'get',
    path: '/webhook-deliveries',
    auth: 'member',
    roles: ['admin'],
    tag: 'Webhooks',
    summary: 'The delivery log: event, attempts, last status code and error, next attempt',
    query: ListDeliveriesQuery,
    status: 200,
    response: ListDeliveriesResponse,
    errors: [403],
    handler: async ({ deps, caller, query }) => ({
      deliveries: await listDeliveries(deps.db, caller.workspaceId, { limit: query.limit, ...(query.status ? { status: query.status } : {}) }),
    }),
  }),
  route({
    method: 'post',
    path: '/webhook-deliveries/:id/retry',
    auth: 'member',
    roles: ['admin'],
    tag: 'Webhooks',
    summary: 'Send a failed or skipped delivery again, with the same event id',
    params: DeliveryParams,
    body: z.object({}).optional(),
    status: 202,
    response: DeliveryResponse,
    errors: [403, 404, 409],
    handler: async ({ deps, caller, params }) => {
      const delivery = await findDeliveryRecord(deps.db, caller.workspaceId, params.id);
      if (!delivery) throw new AppError('not_found', 'No such delivery');
      if (delivery.status === 'delivered') throw new AppError('conflict', 'This event was delivered already');
      await markDeliveryPending(deps.db, caller.workspaceId, delivery.id);
      await startWebhookRedelivery(deps.temporal, deps.taskQueue, { workspaceId: caller.workspaceId, eventId: delivery.id });
      const pending = await findDeliveryRecord(deps.db, caller.workspaceId, delivery.id);
      return { delivery: pending ?? delivery };
    },
  }),
];
