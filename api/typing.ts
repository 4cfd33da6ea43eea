import { randomUUID } from 'node:crypto';
import { typingTtlMs, TypingThrottle } from '../domain/typing.ts';
import { notifyEphemeralEvent } from '../db/live-events.ts';
import { findWebhookTarget } from '../db/webhook-endpoints.ts';
import { webhookEventBody, type WebhookEvent } from '../db/webhook-outbox.ts';
import { signedWebhookRequest } from '../platform/webhook-signature.ts';
import { createOutboundFetch } from '../platform/outbound.ts';
import type { ApiDeps } from './deps.ts';

// Typing both ways, outside the handover workflow and the durable stores: a keystroke must cost no history row,
// no workflow signal and no outbox entry, and can never hold up a message. Each API process throttles its own
// share (as the request rate limit does): with several instances a conversation may get one report per instance.

const customerTyping = new TypingThrottle();
const agentTyping = new TypingThrottle();

/**
 * The customer is typing (or stopped), as the AI service says: to the consoles watching the handover, on the
 * live stream as an ephemeral `typing` event. Answers until when it shows.
 */
export async function reportCustomerTyping(
  deps: ApiDeps,
  workspaceId: string,
  handoverId: string,
  typing: boolean,
): Promise<{ expiresAt: string | null }> {
  const key = `${workspaceId}:${handoverId}`;
  if (customerTyping.admit(key, typing)) {
    const payload = { handoverId, who: 'customer', typing, expiresAt: expiryOf(customerTyping, key, typing) };
    await notifyEphemeralEvent(deps.db, { workspaceId, type: 'typing', handoverId, payload });
  }
  return { expiresAt: expiryOf(customerTyping, key, typing) };
}

/**
 * The assignee is typing (or stopped): a `handover.typing` webhook, throttled, sent now and at most once.
 * Not awaited: the console's request is answered at once, whatever the receiver does.
 */
export function reportAgentTyping(
  deps: ApiDeps,
  workspaceId: string,
  handover: { id: string; conversationId: string },
  agent: { id: string; name: string },
  typing: boolean,
): { expiresAt: string | null } {
  const key = `${workspaceId}:${handover.id}`;
  const now = new Date();
  if (agentTyping.admit(key, typing, now.getTime())) {
    const at = now.toISOString();
    sendBestEffort(deps, {
      // Unique per report: each is news of its own, and none is ever sent twice.
      id: `${handover.id}.typing.${randomUUID()}`,
      workspaceId,
      type: 'handover.typing',
      data: { handoverId: handover.id, conversationId: handover.conversationId, agent, typing, at, expiresAt: expiryOf(agentTyping, key, typing) ?? at },
    });
  }
  return { expiresAt: expiryOf(agentTyping, key, typing) };
}

/** Until when an indicator shows: `typingTtlMs` after the report last let through (a held-back one moves nothing). */
function expiryOf(throttle: TypingThrottle, key: string, typing: boolean): string | null {
  const since = throttle.lastAdmitted(key);
  return typing && since !== undefined ? new Date(since + typingTtlMs).toISOString() : null;
}

// Late typing is worthless, so a delivery gets one short try; and a slow receiver must not gather sockets in the
// API process: past this many in flight, reports are dropped (the indicator simply expires at the receiver).
const attemptTimeoutMs = 3_000;
const maxInFlight = 100;
let inFlight = 0;

/**
 * One signed attempt, as the durable deliveries sign and send (the same request, the same refusal of private
 * targets), but not recorded in the outbox nor the delivery log, and never retried: a failure is logged and dropped.
 */
function sendBestEffort(deps: ApiDeps, event: WebhookEvent): void {
  if (inFlight >= maxInFlight) {
    deps.logger.warn({ type: event.type, workspaceId: event.workspaceId }, 'typing webhook dropped: too many in flight');
    return;
  }
  inFlight += 1;
  deliver(deps, event)
    .catch((error: unknown) => {
      // The message only: never the URL (it may carry a token) nor the headers (signatures).
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      deps.logger.info({ type: event.type, workspaceId: event.workspaceId, reason }, 'typing webhook not delivered');
    })
    .finally(() => (inFlight -= 1));
}

async function deliver(deps: ApiDeps, event: WebhookEvent): Promise<void> {
  const target = await findWebhookTarget(deps.db, event.workspaceId);
  if (!target) return;
  if (deps.requireHttpsTargets && new URL(target.url).protocol !== 'https:') throw new Error('the webhook URL must be https');
  const now = new Date();
  const body = JSON.stringify(webhookEventBody(event, now));
  const response = await outboundFetch(deps)(target.url, signedWebhookRequest(target, { id: event.id, body }, now, attemptTimeoutMs));
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the receiver answered ${response.status}`);
}

// One guarded fetch per setting: its connection pool is kept across typing webhooks.
const outboundFetches = new Map<boolean, typeof fetch>();
function outboundFetch(deps: ApiDeps): typeof fetch {
  const allowPrivate = deps.allowPrivateWebhookTargets ?? false;
  let guarded = outboundFetches.get(allowPrivate);
  if (!guarded) outboundFetches.set(allowPrivate, (guarded = createOutboundFetch({ allowPrivate })));
  return guarded;
}
