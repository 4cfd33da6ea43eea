/**
 * Which secrets sign a webhook delivery. A rotated (or replaced) secret keeps signing beside the new one for a
 * day, so a receiver can switch without refusing a delivery in between: the Standard Webhooks scheme sends
 * several signatures in one `webhook-signature` header, and a receiver accepts a delivery if any one matches.
 */

/** How long the previous secret keeps signing after a rotation: in hours for the console's words, in ms to count. */
export const previousSecretGraceHours = 24;
export const previousSecretGraceMs = previousSecretGraceHours * 60 * 60 * 1000;

/** A replaced secret, and until when it still signs (an ISO instant). */
export interface PreviousSecret {
  secret: string;
  expiresAt: string;
}

export interface EndpointSecrets {
  secret: string;
  /** The secrets replaced before it, newest first: each signs until its own `expiresAt`. */
  previousSecrets: PreviousSecret[];
}

/** How many replaced secrets are kept signing at most (a rotation keeps the newest ones). */
export const maxPreviousSecrets = 10;

/** Until when a secret replaced at `now` keeps signing. */
export function previousSecretExpiry(now: Date): Date {
  return new Date(now.getTime() + previousSecretGraceMs);
}

/** The replaced secrets that still sign at `now`, newest first. */
function lasting(endpoint: EndpointSecrets, now: Date): PreviousSecret[] {
  return endpoint.previousSecrets.filter((previous) => Date.parse(previous.expiresAt) > now.getTime());
}

/** The secrets that sign a delivery sent at `now`: the current one first, then the replaced ones still lasting, newest first. */
export function secretsThatSign(endpoint: EndpointSecrets, now: Date): string[] {
  return [...new Set([endpoint.secret, ...lasting(endpoint, now).map((previous) => previous.secret)])];
}

/** When the last replaced secret stops signing; null when none signs any more. */
export function graceEndsAt(endpoint: EndpointSecrets, now: Date): string | null {
  const ends = lasting(endpoint, now).map((previous) => Date.parse(previous.expiresAt));
  return ends.length > 0 ? new Date(Math.max(...ends)).toISOString() : null;
}
