import { z } from './zod.ts';
import { ClientMessageId, Id, MessageBody, MessageText, requireTextOrAttachments } from './common.ts';
import { AttachmentIds } from './attachments.ts';
import { Handover, Message } from './handovers.ts';

export const CustomerMessageRequest = z
  .object({ body: MessageText, clientMessageId: ClientMessageId, attachmentIds: AttachmentIds })
  .superRefine(requireTextOrAttachments)
  .meta({ id: 'CustomerMessageRequest' });
export type CustomerMessageRequest = z.infer<typeof CustomerMessageRequest>;

export const CustomerMessageResponse = z
  .object({
    messageId: Id,
    routedTo: z.enum(['human', 'ai']).meta({ description: 'When "human", the AI must not answer this message' }),
    handoverId: Id.nullable(),
  })
  .meta({ id: 'CustomerMessageResponse' });
export type CustomerMessageResponse = z.infer<typeof CustomerMessageResponse>;

export const ConversationResponse = z
  .object({ conversationId: z.string(), aiPaused: z.boolean(), activeHandover: Handover.nullable() })
  .meta({ id: 'ConversationResponse' });
export type ConversationResponse = z.infer<typeof ConversationResponse>;

/** messages.seq is a PostgreSQL integer: a larger number cannot name a message, and PostgreSQL refuses it. */
export const maxSeq = 2_147_483_647;

export const ListMessagesQuery = z
  .object({
    afterSeq: z.coerce.number().int().min(0).max(maxSeq).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const ListMessagesResponse = z.object({ messages: z.array(Message) }).meta({ id: 'ListMessagesResponse' });

export const AiReplyRequest = z
  .object({ body: MessageBody, clientMessageId: ClientMessageId, inReplyTo: Id })
  .meta({ id: 'AiReplyRequest' });
export type AiReplyRequest = z.infer<typeof AiReplyRequest>;

export const AiReplyResponse = z.object({ messageId: Id, seq: z.number().int() }).meta({ id: 'AiReplyResponse' });
