/**
 * Which secrets sign a webhook delivery. A rotated (or replaced) secret keeps signing beside the new one for a
 * day, so a receiver can switch without refusing a delivery in between: the Standard Webhooks scheme sends
 * several signatures in one `webhook-signature` header, and a receiver accepts a delivery if any one matches.
 */

/** How long the previous secret keeps signing after a rotation: in hours for the console's words, in ms to count. */
export const previousSecretGraceHours = 24;
export const previousSecretGraceMs = previousSecretGraceHours * 60 * 60 * 1000;

export interface EndpointSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** Until when a secret replaced at `now` keeps signing. */
export function previousSecretExpiry(now: Date): Date {
  return new Date(now.getTime() + previousSecretGraceMs);
}

/** The secrets that sign a delivery sent at `now`: the current one first, then the previous one while it lasts. */
export function secretsThatSign(endpoint: EndpointSecrets, now: Date): string[] {
  const { secret, previousSecret, previousSecretExpiresAt } = endpoint;
  const previousLasts = previousSecret !== null && previousSecretExpiresAt !== null && now < previousSecretExpiresAt;
  return previousLasts && previousSecret !== secret ? [secret, previousSecret] : [secret];
}
