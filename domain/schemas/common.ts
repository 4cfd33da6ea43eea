import { z } from './zod.ts';

/** Ids we issue are UUIDs; a malformed one is simply not found in the caller's workspace. */
export const Id = z.string().min(1).max(100);
export const IsoTime = z.string().meta({ description: 'ISO 8601 time', format: 'date-time' });

/** The AI service's own conversation id: any printable string up to 200 characters. */
export const ConversationId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s/?#]+$/, 'must not contain spaces, /, ? or #')
  .meta({ description: "The AI service's own conversation id" });

export const MessageBody = z.string().trim().min(1).max(4000);
export const ClientMessageId = z
  .string()
  .min(1)
  .max(200)
  .meta({ description: 'Your id for this message; sending the same id again is answered with the first result' });

export const HandoverParams = z.object({ id: Id });
export const ConversationParams = z.object({ conversationId: ConversationId });
