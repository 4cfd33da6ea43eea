import webpush from 'web-push';

/** A browser's push subscription as the Push API gives it (`PushSubscription.toJSON()`). */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface VapidDetails {
  publicKey: string;
  privateKey: string;
  /** Who runs this installation, for the push service: a `mailto:` address or an `https:` URL. */
  subject: string;
}

/** A new VAPID key pair (P-256, URL-safe base64), for an installation's first start. */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}

/**
 * Sends one Web Push message: the payload encrypted for the subscription (aes128gcm, RFC 8291) and signed with the
 * installation's VAPID key (RFC 8292) by the web-push library; the request itself by fetch, so it follows no
 * redirect and gives up after `timeoutMs`. Returns the push service's status: 201 taken, 404 or 410 gone for good.
 */
export async function sendWebPush(
  target: PushTarget,
  payload: string,
  options: { vapid: VapidDetails; ttlSeconds: number; topic: string; timeoutMs: number; fetch: typeof fetch },
): Promise<number> {
  const request = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
    vapidDetails: options.vapid,
    TTL: options.ttlSeconds,
    contentEncoding: 'aes128gcm',
    urgency: 'high',
    // The push service keeps only the newest message of a topic for an offline browser: a repeat replaces itself.
    topic: options.topic,
  });
  const response = await options.fetch(request.endpoint, {
    method: 'POST',
    // Without web-push's Content-Length (a number, which undici 7 refuses): fetch sets it from the body.
    headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length').map(([name, value]) => [name, String(value)])),
    body: request.body ?? new Uint8Array(),
    redirect: 'manual',
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  await response.body?.cancel();
  return response.status;
}
