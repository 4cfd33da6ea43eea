import { z } from '../../domain/schemas/zod.ts';
import { AppError, fieldError } from '../../domain/errors.ts';
import { DeliveryParams, DeliveryResponse, ListDeliveriesQuery, ListDeliveriesResponse } from '../../domain/schemas/admin.ts';
import { WebhookEndpointResponse, WebhookSecretRotation, WebhookSettingsRequest, WebhookSettingsResponse } from '../../domain/schemas/webhooks.ts';
import { previousSecretExpiry } from '../../domain/webhook-secrets.ts';
import { findWebhookEndpoint, rotateWebhookSecret, saveWebhookEndpoint } from '../../db/webhook-endpoints.ts';
import { findDeliveryRecord, listDeliveries, markDeliveryPending } from '../../db/webhook-outbox.ts';
import { targetProblem } from '../../platform/outbound.ts';
import { newWebhookSecret } from '../auth/secrets.ts';
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
    summary: 'Set the webhook URL, and the signing secret if given; the first save without one generates one, shown once',
    description:
      'Saving also re-enables an endpoint that was disabled by a 410 Gone. Without a `secret` the current one stays, ' +
      'so a changed URL keeps its receiver verifying deliveries. A different `secret` replaces it; the replaced one ' +
      'keeps signing deliveries beside it for 24 hours.',
    body: WebhookSettingsRequest,
    status: 200,
    response: WebhookSettingsResponse,
    errors: [403],
    handler: async ({ deps, caller, body }) => {
      const refused = await targetProblem(body.url, { allowPrivate: deps.allowPrivateWebhookTargets !== false, requireHttps: deps.requireHttpsTargets ?? false });
      if (refused) {
        throw fieldError(['url'], `Webhook URL refused: ${refused}`);
      }
      // A secret entered replaces the current one, as a rotation does: receivers that still hold the old one get a
      // day to switch, and one that already has the new one is not bothered by a second signature.
      const secret = body.secret ?? newWebhookSecret();
      const saved = await saveWebhookEndpoint(deps.db, caller.workspaceId, {
        url: body.url,
        secret,
        replaceSecret: body.secret !== undefined,
        previousSecretExpiresAt: previousSecretExpiry(new Date()),
      });
      // The generated secret is in force only when this save created the endpoint: then it is shown, once.
      const generated = body.secret === undefined && saved.secret === secret;
      return { url: body.url, ...(generated ? { secret } : {}) };
    },
  }),
  route({
    method: 'post',
    path: '/settings/webhook/rotate-secret',
    auth: 'member',
    roles: ['admin'],
    tag: 'Webhooks',
    summary: 'Replace the signing secret with a new one, shown once; the previous one keeps signing for 24 hours',
    description:
      'For 24 hours every delivery carries the old secret\'s signature beside the new one\'s in `webhook-signature` (the ' +
      'new secret\'s first), so the receiver can switch to the new secret without refusing a delivery. Rotating again ' +
      'within those hours adds a signature: each replaced secret signs for its own 24 hours (at most ten at once).',
    body: z.object({}).optional(),
    status: 200,
    response: WebhookSecretRotation,
    errors: [403, 404],
    handler: async ({ deps, caller }) => {
      const secret = newWebhookSecret();
      const previousSecretExpiresAt = previousSecretExpiry(new Date());
      if (!(await rotateWebhookSecret(deps.db, caller.workspaceId, secret, previousSecretExpiresAt))) {
        throw new AppError('not_found', 'No webhook is set up yet: save its URL first');
      }
      return { secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() };
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
