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
/** A message's text where files may be sent instead: empty only when the message carries attachments. */
export const MessageText = z
  .string()
  .trim()
  .max(4000)
  .meta({ description: '1 to 4000 characters; may be empty when attachmentIds names at least one file' });

/** A message says something: text, files, or both. */
export function requireTextOrAttachments(message: { body: string; attachmentIds?: string[] | undefined }, context: z.RefinementCtx): void {
  if (message.body === '' && (message.attachmentIds ?? []).length === 0) {
    context.addIssue({ code: 'custom', path: ['body'], message: 'Write a message or attach a file', input: message.body });
  }
}
export const ClientMessageId = z
  .string()
  .min(1)
  .max(200)
  .meta({ description: 'Your id for this message; sending the same id again is answered with the first result' });

export const HandoverParams = z.object({ id: Id });
export const ConversationParams = z.object({ conversationId: ConversationId });

/**
 * An address mail can be sent to (RFC 5321): the part before @ at most 64 characters, each label of the domain at
 * most 63 and not ending in a hyphen, the whole at most 254. zod's email check alone lets longer ones through,
 * which the document's `format: email` refuses. Sign-in keeps the looser check, so no member is locked out.
 */
export const MailableEmail = z.string().trim().toLowerCase().email().max(254).refine(deliverable, 'must be an address mail can be sent to');

function deliverable(email: string): boolean {
  const at = email.lastIndexOf('@');
  const labels = email.slice(at + 1).split('.');
  return email.length <= 254 && at <= 64 && labels.every((label) => label.length <= 63 && !label.endsWith('-'));
}
