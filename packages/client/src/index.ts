export {
  createHandoverClient,
  type AiReplyOutcome,
  type ConversationResponse,
  type CustomerMessageResponse,
  type Handover,
  type HandoverClient,
  type HandoverClientOptions,
  type Message,
  type Rating,
  type StartHandoverRequest,
  type TypingOutcome,
} from './client.ts';
export { HandoverError, type ErrorCode } from './errors.ts';
export { fetchWithRetries, retryAfterMs, type RetryOptions } from './retry.ts';
export {
  createMemoryReplayGuard,
  verifyWebhook,
  WebhookVerificationError,
  type ReplayGuard,
  type VerifyWebhookOptions,
  type WebhookEvent,
  type WebhookRejection,
} from './webhooks.ts';
export type { components, paths, webhooks } from './openapi.ts';
