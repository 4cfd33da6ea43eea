import { AppError } from '../../domain/errors.ts';
import { ConversationParams } from '../../domain/schemas/common.ts';
import {
  AiReplyRequest,
  AiReplyResponse,
  ConversationResponse,
  CustomerMessageRequest,
  CustomerMessageResponse,
  ListMessagesQuery,
  type CustomerMessageRequest as CustomerMessageRequestBody,
  ListMessagesResponse,
} from '../../domain/schemas/conversations.ts';
import { findCustomerMessageRoute, upsertConversation } from '../../db/conversations.ts';
import { findActiveHandover, hasHandoverRequestedAfter } from '../../db/handovers.ts';
import { appendMessage, findMessage, findMessageByClientId, listMessages, messageIdFor, toMessage } from '../../db/messages.ts';
import type { Db } from '../../db/connect.ts';
import { requireConversation } from '../access.ts';
import type { ApiDeps } from '../deps.ts';
import { route } from '../route.ts';
import { requireAttachmentsFor } from '../message-attachments.ts';
import { relayMessage } from '../temporal.ts';

/** The AI service's side of a conversation: customer messages in, the AI's replies behind the fence. */
export const aiConversationRoutes = [
  route({
    method: 'post',
    path: '/conversations/:conversationId/messages',
    auth: 'apiKey',
    tag: 'AI services',
    summary: 'Route a customer message',
    description:
      'When `routedTo` is "human", a handover is active: the AI must not answer this message. Files upload first (POST /attachments), ' +
      'then go with the message by id in `attachmentIds`; an id that is not an upload of this workspace, or was sent with another ' +
      'message, is refused with 422.',
    params: ConversationParams,
    body: CustomerMessageRequest,
    status: 202,
    response: CustomerMessageResponse,
    handler: async ({ deps, caller, params, body, metrics }) => {
      const routed = await routeCustomerMessage(deps, caller.workspaceId, params.conversationId, body);
      metrics.messagesAccepted.inc({ sender: 'customer', routed_to: routed.routedTo });
      return routed;
    },
  }),
  route({
    method: 'get',
    path: '/conversations/:conversationId',
    auth: 'apiKey',
    tag: 'AI services',
    summary: 'Whether the AI is paused, and the active handover',
    params: ConversationParams,
    status: 200,
    response: ConversationResponse,
    handler: async ({ deps, caller, params }) => {
      const conversation = await requireConversation(deps.db, caller.workspaceId, params.conversationId);
      const active = await findActiveHandover(deps.db, caller.workspaceId, conversation.id);
      return { conversationId: conversation.external_id, aiPaused: active !== undefined, activeHandover: active ?? null };
    },
  }),
  route({
    method: 'get',
    path: '/conversations/:conversationId/messages',
    auth: 'apiKey',
    tag: 'AI services',
    summary: 'The transcript in seq order, for channels that poll',
    params: ConversationParams,
    query: ListMessagesQuery,
    status: 200,
    response: ListMessagesResponse,
    handler: async ({ deps, caller, params, query }) => {
      const conversation = await requireConversation(deps.db, caller.workspaceId, params.conversationId);
      const rows = await listMessages(deps.db, caller.workspaceId, conversation.id, query);
      return { messages: rows.map((row) => toMessage(row, conversation.external_id)) };
    },
  }),
  route({
    method: 'post',
    path: '/conversations/:conversationId/ai-replies',
    auth: 'apiKey',
    tag: 'AI services',
    summary: "Record the AI's answer, unless a handover began since the message it answers",
    description: 'Answers 409 ai_paused when the reply is stale: nothing is stored and the AI must not send it.',
    params: ConversationParams,
    body: AiReplyRequest,
    status: 201,
    response: AiReplyResponse,
    errors: [409],
    handler: async ({ deps, caller, params, body }) => {
      const conversation = await requireConversation(deps.db, caller.workspaceId, params.conversationId);
      const existing = await findMessageByClientId(deps.db, caller.workspaceId, conversation.id, 'ai', body.clientMessageId);
      if (existing) return { messageId: existing.id, seq: existing.seq };
      const { row } = await appendMessage(
        deps.db,
        {
          id: messageIdFor(caller.workspaceId, conversation.external_id, 'ai', body.clientMessageId),
          workspaceId: caller.workspaceId,
          conversationId: conversation.id,
          handoverId: null,
          sender: 'ai',
          author: null,
          body: body.body,
          clientMessageId: body.clientMessageId,
        },
        // Under the conversation lock, which a new handover takes too, so none can begin in between.
        (tx) => assertAiMayReply(tx, caller.workspaceId, conversation.id, body.inReplyTo),
      );
      return { messageId: row.id, seq: row.seq };
    },
  }),
];

/**
 * While a handover is active the message goes to the workflow as a signal (durable in Temporal, stored by
 * the workflow's activity); otherwise it is stored at once, so the transcript is whole.
 */
async function routeCustomerMessage(deps: ApiDeps, workspaceId: string, externalId: string, message: CustomerMessageRequestBody) {
  const { body, clientMessageId } = message;
  const route = await findCustomerMessageRoute(deps.db, workspaceId, externalId, clientMessageId);
  if (route?.stored) {
    const { id: messageId, handoverId } = route.stored;
    return { messageId, routedTo: handoverId ? 'human' : 'ai', handoverId } as const;
  }
  const messageId = messageIdFor(workspaceId, externalId, 'customer', clientMessageId);
  const attachments = await requireAttachmentsFor(deps.db, workspaceId, message.attachmentIds, messageId, { kind: 'apiKey' });
  if (route?.activeHandoverId) {
    const handoverId = route.activeHandoverId;
    try {
      await relayMessage(deps.temporal, handoverId, {
        messageId,
        clientMessageId,
        sender: 'customer',
        author: null,
        body,
        receivedAt: new Date().toISOString(),
        // Only when there are some: a message without files is the signal it always was.
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      return { messageId, routedTo: 'human', handoverId } as const;
    } catch (error) {
      // The handover ended a moment ago: the AI has the conversation again.
      if (!(error instanceof AppError && error.code === 'handover_ended')) throw error;
    }
  }
  const conversationId = route?.conversationId ?? (await upsertConversation(deps.db, workspaceId, externalId)).id;
  const { row } = await appendMessage(deps.db, {
    id: messageId,
    workspaceId,
    conversationId,
    handoverId: null,
    sender: 'customer',
    author: null,
    body,
    clientMessageId,
    attachments,
  });
  return { messageId: row.id, routedTo: 'ai', handoverId: null } as const;
}

/**
 * The fence: while a person has the conversation the AI stays silent, and an answer to a message from before
 * a handover (even one that has ended since) is stale.
 */
async function assertAiMayReply(db: Db, workspaceId: string, conversationId: string, inReplyTo: string): Promise<void> {
  if (await findActiveHandover(db, workspaceId, conversationId)) {
    throw new AppError('ai_paused', 'A person has this conversation now; do not send this reply');
  }
  const answered = await findMessage(db, workspaceId, inReplyTo);
  if (!answered || answered.conversation_id !== conversationId) {
    throw new AppError('not_found', 'inReplyTo names no message of this conversation');
  }
  if (await hasHandoverRequestedAfter(db, workspaceId, conversationId, answered.created_at)) {
    throw new AppError('ai_paused', 'A person took over this conversation after that message; do not send this reply');
  }
}
