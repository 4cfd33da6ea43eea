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
 * Remembers the deliveries already accepted (by `webhook-id` and `webhook-timestamp`), for as long as their
 * timestamps are within the tolerance (older ones are refused as stale anyway). The default keeps them in this
 * process's memory; a receiver that runs in several processes passes one backed by a shared store.
 */
export interface ReplayGuard {
  /** True when `key` was not seen before; it is then remembered until `expiresAtMs`. */
  firstSighting(key: string, expiresAtMs: number): boolean | Promise<boolean>;
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
type HeaderBag = { get(name: string): string | null } | Record<string, HeaderValue>;

/**
 * Checks a delivery by the Standard Webhooks scheme against the endpoint's `whsec_…` secret: the signature over
 * the id, the timestamp and the raw body (any of the signatures sent, so a secret being rotated still passes),
 * the timestamp within the tolerance, and that this very delivery (id and timestamp) was not accepted before, so
 * a captured request cannot be replayed. Pass the body exactly as received, before any JSON parsing. Returns the
 * event; throws WebhookVerificationError otherwise.
 *
 * Handover signs every attempt afresh, so a delivery it sends again (your receiver failed, or its answer was
 * lost) passes: an event you have handled already is yours to drop, by its `id`.
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
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) {
    // A framework that parsed the body (or found none) leaves nothing the signature can be checked against.
    throw new WebhookVerificationError('bad_signature', 'Pass the raw body as received (a string or bytes)');
  }
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody);
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError('missing_headers', 'webhook-id, webhook-timestamp and webhook-signature are all required');
  }
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) {
    throw new WebhookVerificationError('bad_signature', 'webhook-timestamp is not a number of seconds');
  }
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
  if (!(await guard.firstSighting(`${id} ${timestamp}`, seconds * 1000 + toleranceSeconds * 1000))) {
    throw new WebhookVerificationError('replayed', `This delivery of ${id} was already accepted`);
  }
  try {
    return JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as WebhookEvent;
  } catch {
    throw new WebhookVerificationError('bad_signature', 'The signed body is not JSON');
  }
}

/** A header by name, whatever the case of its key; repeated headers are joined as HTTP joins them. */
function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const bag = headers as Record<string, HeaderValue>;
  const key = Object.keys(bag).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : bag[key];
  if (Array.isArray(value)) return value.join(name === 'webhook-signature' ? ' ' : ', ');
  return value ?? undefined;
}
