import createClient, { type Client } from 'openapi-fetch';
import { errorFromResponse, HandoverError } from './errors.ts';
import type { components, paths } from './openapi.ts';
import { fetchWithRetries, type RetryOptions } from './retry.ts';

type Schemas = components['schemas'];
export type Handover = Schemas['Handover'];
export type Message = Schemas['Message'];
export type StartHandoverRequest = Schemas['StartHandoverRequest'];
export type CustomerMessageResponse = Schemas['CustomerMessageResponse'];
export type ConversationResponse = Schemas['ConversationResponse'];
export type Rating = Schemas['RateHandoverRequest'];
export type Attachment = Schemas['Attachment'];

export interface HandoverClientOptions {
  /** The product's origin, e.g. `https://handover.example.com` (the client adds `/api/v1`). */
  baseUrl: string;
  /** A workspace API key, `hk_…`. */
  apiKey: string;
  retry?: RetryOptions;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/**
 * What became of an AI reply. The fence: when a person has the conversation (or took it after the message the
 * reply answers), nothing is stored and the reply must not be sent. `messageId` exists only when `sent` is true,
 * so code that sends the reply without looking does not compile.
 */
export type AiReplyOutcome = { sent: true; messageId: string; seq: number } | { sent: false; reason: 'ai_paused' };

/**
 * What became of a typing report. `shown` is false when no handover is active: the AI has the conversation and
 * nobody in the console watches, so there is nothing to do (not an error: a handover can end between keystrokes).
 */
export type TypingOutcome = { shown: true; handoverId: string; expiresAt: string | null } | { shown: false; reason: 'no_active_handover' };

export interface HandoverClient {
  /**
   * Hands a conversation to the team. `created` is false when it already had an active handover (returned), which
   * includes this very request sent again after an answer that was lost.
   */
  startHandover(request: StartHandoverRequest): Promise<{ handover: Handover; created: boolean }>;
  /**
   * Every customer message goes through here. When `routedTo` is 'human', a person has the conversation: the AI
   * must not answer it. Pass your channel's own message id as `clientMessageId` so that sending it twice stores
   * it once; without one, the client makes one for this call (its retries reuse it).
   */
  routeCustomerMessage(
    conversationId: string,
    message: { body: string; clientMessageId?: string; attachmentIds?: string[] },
  ): Promise<CustomerMessageResponse>;
  /**
   * Uploads a customer's file (an image, a PDF, ...) to send with a message: pass the answer's `id` in
   * `attachmentIds`. Refused with `payload_too_large` (over the server's limit, 10 MiB by default),
   * `quota_exceeded` (the workspace's files would pass its quota, where the server sets one) or
   * `unsupported_media_type` (a type it does not take, or bytes that are not what `contentType` says).
   */
  uploadAttachment(file: Blob | Uint8Array, options: { name: string; contentType: string }): Promise<Attachment>;
  /** The bytes of an attachment by its `path` (as a webhook's `data.message.attachments[].path` gives it). */
  downloadAttachment(path: string): Promise<{ bytes: Uint8Array; contentType: string }>;
  /** Records the AI's answer to the customer message `inReplyTo` before it is sent; see AiReplyOutcome. */
  recordAiReply(conversationId: string, reply: { body: string; inReplyTo: string; clientMessageId?: string }): Promise<AiReplyOutcome>;
  /**
   * The customer is typing (`true`: repeat it every few seconds while they do) or stopped (`false`), for the agent
   * in the console. Nothing is stored; the indicator ends by itself at `expiresAt` unless reported again.
   */
  reportTyping(conversationId: string, typing: boolean): Promise<TypingOutcome>;
  /** Whether the AI is paused, and the active handover. */
  getConversation(conversationId: string): Promise<ConversationResponse>;
  /** The transcript in seq order, after `afterSeq`. */
  listMessages(conversationId: string, options?: { afterSeq?: number; limit?: number }): Promise<Message[]>;
  /**
   * The customer left: the handover ends. Throws `handover_ended` when it had ended already, also when an earlier
   * attempt of this call got through but its answer was lost: either way, it has ended.
   */
  leave(handoverId: string): Promise<Handover>;
  /** The customer's rating of an ended handover, once: `already_rated` also when an earlier attempt got through. */
  rate(handoverId: string, rating: Rating): Promise<Handover>;
  /** The typed openapi-fetch client underneath, for any other call of the API. */
  readonly api: Client<paths>;
}

export function createHandoverClient(options: HandoverClientOptions): HandoverClient {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const retrying = fetchWithRetries(baseFetch, options.retry);
  const origin = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Bearer ${options.apiKey}`;
  const api = createClient<paths>({
    baseUrl: `${origin}/api/v1`,
    headers: { authorization },
    fetch: (request) => unreachableAsError(() => retrying(request)),
  });

  return {
    api,
    async startHandover(request) {
      const { data, error, response } = await api.POST('/handovers', { body: request });
      if (!data) throw errorFromResponse(response, error);
      return { handover: data.handover, created: response.status === 201 };
    },
    async routeCustomerMessage(conversationId, message) {
      const { data, error, response } = await api.POST('/conversations/{conversationId}/messages', {
        params: { path: { conversationId } },
        body: {
          body: message.body,
          clientMessageId: message.clientMessageId ?? crypto.randomUUID(),
          ...(message.attachmentIds ? { attachmentIds: message.attachmentIds } : {}),
        },
      });
      if (!data) throw errorFromResponse(response, error);
      return data;
    },
    async uploadAttachment(file, { name, contentType }) {
      const url = `${origin}/api/v1/attachments?name=${encodeURIComponent(name)}`;
      const body = file instanceof Uint8Array ? new Blob([file as Uint8Array<ArrayBuffer>]) : file;
      const response = await unreachableAsError(() => retrying(url, { method: 'POST', headers: { authorization, 'content-type': contentType }, body }));
      const answer: unknown = await response.json().catch(() => null);
      if (!response.ok) throw errorFromResponse(response, answer);
      return (answer as Schemas['AttachmentResponse']).attachment;
    },
    async downloadAttachment(path) {
      // The key goes to this API's attachments only, whatever a path says.
      if (!/^\/api\/v1\/attachments\/[^/?#]+$/.test(path)) throw new TypeError(`Not an attachment path: ${path}`);
      const response = await unreachableAsError(() => retrying(`${origin}${path}`, { headers: { authorization } }));
      if (!response.ok) throw errorFromResponse(response, await response.json().catch(() => null));
      return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
    },
    async recordAiReply(conversationId, reply) {
      const { data, error, response } = await api.POST('/conversations/{conversationId}/ai-replies', {
        params: { path: { conversationId } },
        body: { body: reply.body, inReplyTo: reply.inReplyTo, clientMessageId: reply.clientMessageId ?? crypto.randomUUID() },
      });
      if (data) return { sent: true, messageId: data.messageId, seq: data.seq };
      const failure = errorFromResponse(response, error);
      if (failure.code === 'ai_paused') return { sent: false, reason: 'ai_paused' };
      throw failure;
    },
    async reportTyping(conversationId, typing) {
      const { data, error, response } = await api.POST('/conversations/{conversationId}/typing', {
        params: { path: { conversationId } },
        body: { typing },
      });
      if (data) return { shown: true, handoverId: data.handoverId, expiresAt: data.expiresAt };
      const failure = errorFromResponse(response, error);
      if (failure.code === 'handover_ended') return { shown: false, reason: 'no_active_handover' };
      throw failure;
    },
    async getConversation(conversationId) {
      const { data, error, response } = await api.GET('/conversations/{conversationId}', { params: { path: { conversationId } } });
      if (!data) throw errorFromResponse(response, error);
      return data;
    },
    async listMessages(conversationId, query = {}) {
      const { data, error, response } = await api.GET('/conversations/{conversationId}/messages', {
        params: { path: { conversationId }, query },
      });
      if (!data) throw errorFromResponse(response, error);
      return data.messages;
    },
    async leave(handoverId) {
      const { data, error, response } = await api.POST('/handovers/{id}/leave', { params: { path: { id: handoverId } }, body: {} });
      if (!data) throw errorFromResponse(response, error);
      return data.handover;
    },
    async rate(handoverId, rating) {
      const { data, error, response } = await api.POST('/handovers/{id}/rating', { params: { path: { id: handoverId } }, body: rating });
      if (!data) throw errorFromResponse(response, error);
      return data.handover;
    },
  };
}

/** A network failure that outlived the retries is the API being unavailable, in the same error type. */
async function unreachableAsError(send: () => Promise<Response>): Promise<Response> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof HandoverError || (error instanceof DOMException && error.name === 'AbortError')) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new HandoverError(null, 'unavailable', `The Handover API could not be reached: ${reason}`, {}, { cause: error });
  }
}
