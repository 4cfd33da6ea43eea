import { Webhook } from 'standardwebhooks';
import { secretsThatSign, type EndpointSecrets } from '../domain/webhook-secrets.ts';

/**
 * The `webhook-signature` header of a delivery sent at `at`, by the Standard Webhooks scheme: a `v1,…` signature
 * by each secret that signs then, space-separated, the current secret's first. During a rotation's grace a
 * receiver still holding the old secret keeps verifying, as does one that has switched.
 */
export function webhookSignature(endpoint: EndpointSecrets, delivery: { id: string; body: string }, at: Date): string {
  return secretsThatSign(endpoint, at)
    .map((secret) => new Webhook(secret).sign(delivery.id, at, delivery.body))
    .join(' ');
}

/**
 * The request that delivers a webhook body: signed (`webhook-id`, `webhook-timestamp`, `webhook-signature`), no
 * redirect followed (a redirect could lead past the private-address check), abandoned after `timeoutMs`. The
 * durable deliveries (activities/webhooks.ts) and the best-effort typing events (api/typing.ts) both send it.
 */
export function signedWebhookRequest(endpoint: EndpointSecrets, delivery: { id: string; body: string }, at: Date, timeoutMs: number): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Handover-Webhooks/1',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': webhookSignature(endpoint, delivery, at),
    },
    body: delivery.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  };
}
