/** How webhook delivery backs off: shared by the workflows' retry policy and the delivery log's next time. */
export const webhookRetry = {
  initialSeconds: 1,
  backoffCoefficient: 2,
  // A receiver may be down for a while: back off up to five minutes, and give up after about a day.
  maximumSeconds: 300,
  maximumAttempts: 300,
} as const;

/** Seconds until the attempt after `attempt` (1-based), as Temporal's retry policy computes it. */
export function secondsBeforeNextAttempt(attempt: number): number {
  const delay = webhookRetry.initialSeconds * webhookRetry.backoffCoefficient ** Math.max(0, attempt - 1);
  return Math.min(delay, webhookRetry.maximumSeconds);
}
