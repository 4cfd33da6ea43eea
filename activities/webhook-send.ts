import type { PendingDelivery } from '../db/webhook-outbox.ts';
import { signedWebhookRequest } from '../platform/webhook-signature.ts';
import { createOutboundFetch, TargetRefusedError } from '../platform/outbound.ts';

const attemptTimeoutMs = 10_000;

/** What one attempt to deliver an event came to. */
export type SendOutcome =
  | { kind: 'delivered'; statusCode: number }
  /** Never to be sent: no endpoint, a disabled one, or a target refused for good (SSRF, http in production). */
  | { kind: 'skipped'; error: string }
  | { kind: 'refused'; error: string }
  /** No answer (a name that does not resolve now, a refused connection, a timeout): tried again. */
  | { kind: 'unreachable'; error: string }
  /** The receiver answered, not 2xx; 410 disables the endpoint. */
  | { kind: 'rejected'; statusCode: number; retryAfterSeconds: number | null };

/**
 * One attempt to send a recorded event to the workspace's endpoint, signed by the Standard Webhooks scheme,
 * the receiver's address checked as each connection is made (SSRF, DNS rebinding included). Records nothing:
 * the caller does, by what it came to.
 */
export function createWebhookSender(options: { allowPrivateTargets: boolean; requireHttpsTargets: boolean }) {
  const send = createOutboundFetch({ allowPrivate: options.allowPrivateTargets });
  return async (delivery: PendingDelivery): Promise<SendOutcome> => {
    if (!delivery.url || !delivery.secret || delivery.endpointDisabled) {
      return { kind: 'skipped', error: delivery.endpointDisabled ? 'The webhook endpoint is disabled' : 'No webhook URL is configured' };
    }
    if (options.requireHttpsTargets && new URL(delivery.url).protocol !== 'https:') return { kind: 'refused', error: 'The webhook URL must be https' };
    const body = JSON.stringify(delivery.payload);
    let response: Response;
    try {
      response = await send(delivery.url, signedWebhookRequest({ ...delivery, secret: delivery.secret }, { id: delivery.id, body }, new Date(), attemptTimeoutMs));
      await response.body?.cancel();
    } catch (error) {
      if (error instanceof TargetRefusedError) return { kind: 'refused', error: error.message };
      return { kind: 'unreachable', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    if (response.ok) return { kind: 'delivered', statusCode: response.status };
    return { kind: 'rejected', statusCode: response.status, retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')) };
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(Math.max(0, Math.round(seconds)), 3600);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.min(Math.max(0, Math.round((date - Date.now()) / 1000)), 3600);
}
