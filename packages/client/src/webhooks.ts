import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { webhooks } from './openapi.ts';

/** A webhook delivery's body, one per event type of the document's `webhooks`; narrow it by `type`. */
export type WebhookEvent = {
  [Type in keyof webhooks]: webhooks[Type]['post']['requestBody']['content']['application/json'];
}[keyof webhooks];

export type WebhookRejection = 'missing_headers' | 'bad_signature' | 'stale_timestamp' | 'replayed';

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';

  constructor(
    readonly reason: WebhookRejection,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Remembers the webhook ids already accepted, for as long as their timestamps are within the tolerance (older
 * ones are refused as stale anyway). The default keeps them in this process's memory; a receiver that runs in
 * several processes passes one backed by a shared store.
 */
export interface ReplayGuard {
  /** True when `id` was not seen before; it is then remembered until `expiresAtMs`. */
  firstSighting(id: string, expiresAtMs: number): boolean | Promise<boolean>;
}

export function createMemoryReplayGuard(): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    firstSighting(id, expiresAtMs) {
      // Ids arrive roughly in expiry order (a Map keeps insertion order), so pruning stops at the first one still
      // live: each call does little work however busy the receiver. One out of order merely lives a little longer.
      const now = Date.now();
      for (const [key, expiry] of seen) {
        if (expiry > now) break;
        seen.delete(key);
      }
      if (seen.has(id)) return false;
      seen.set(id, expiresAtMs);
      return true;
    },
  };
}

const processGuard = createMemoryReplayGuard();

export interface VerifyWebhookOptions {
  /** How far the `webhook-timestamp` may be from now, either way (default 300 s, the scheme's advice). */
  toleranceSeconds?: number;
  replayGuard?: ReplayGuard;
  /** For tests. */
  now?: () => number;
}

type HeaderValue = string | string[] | undefined | null;
type HeaderBag = Headers | Record<string, HeaderValue>;

/**
 * Checks a delivery by the Standard Webhooks scheme against the endpoint's `whsec_…` secret: the signature over
 * the id, the timestamp and the raw body (any of the signatures sent, so a secret being rotated still passes),
 * the timestamp within the tolerance, and an id not accepted before. Pass the body exactly as received, before
 * any JSON parsing. Returns the event; throws WebhookVerificationError otherwise.
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: HeaderBag,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  const toleranceSeconds = options.toleranceSeconds ?? 300;
  const now = options.now?.() ?? Date.now();
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError('missing_headers', 'webhook-id, webhook-timestamp and webhook-signature are all required');
  }
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) {
    throw new WebhookVerificationError('bad_signature', 'webhook-timestamp is not a number of seconds');
  }
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody);
  const expected = Buffer.from(new Webhook(secret).sign(id, new Date(seconds * 1000), body));
  const matches = signatures
    .split(' ')
    .map((signature) => Buffer.from(signature))
    .some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
  if (!matches) throw new WebhookVerificationError('bad_signature', 'No signature matches the secret');
  // Checked after the signature, so that forged requests can neither probe the clock nor fill the replay guard.
  if (Math.abs(now - seconds * 1000) > toleranceSeconds * 1000) {
    throw new WebhookVerificationError('stale_timestamp', `webhook-timestamp is more than ${toleranceSeconds} s from now`);
  }
  const guard = options.replayGuard ?? processGuard;
  if (!(await guard.firstSighting(id, seconds * 1000 + toleranceSeconds * 1000))) {
    throw new WebhookVerificationError('replayed', `webhook-id ${id} was already accepted`);
  }
  return JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as WebhookEvent;
}

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()]);
  if (Array.isArray(value)) return value[0];
  return value ?? undefined;
}
