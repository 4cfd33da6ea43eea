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
