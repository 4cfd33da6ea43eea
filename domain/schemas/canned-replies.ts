import { z } from './zod.ts';
import {
  CANNED_REPLY_TEXT_MAX,
  CANNED_REPLY_TITLE_MAX,
  cannedReplyPlaceholders,
  knownPlaceholdersText,
  unknownPlaceholders,
} from '../canned-replies.ts';
import { Id, IsoTime } from './common.ts';

const placeholderList = Object.entries(cannedReplyPlaceholders)
  .map(([name, { description, fallback }]) => `\`{{${name}}}\` (${description.toLowerCase()}${fallback ? `; "${fallback}" when unknown` : ''})`)
  .join(', ');

const Title = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CANNED_REPLY_TITLE_MAX, `must be at most ${CANNED_REPLY_TITLE_MAX} characters`)
  .meta({ description: 'What agents type after / to find the reply; unique in the workspace, whatever the case' });

const Text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CANNED_REPLY_TEXT_MAX, `must be at most ${CANNED_REPLY_TEXT_MAX} characters`)
  .superRefine((text, context) => {
    const unknown = unknownPlaceholders(text);
    if (unknown.length === 0) return;
    const named = unknown.map((name) => `{{${name}}}`).join(', ');
    context.addIssue({
      code: 'custom',
      message: `${unknown.length === 1 ? 'has an unknown placeholder' : 'has unknown placeholders'} ${named}: use ${knownPlaceholdersText()}`,
    });
  })
  .meta({ description: `The reply. Placeholders the console fills when an agent inserts it: ${placeholderList}; any other is refused` });

export const CannedReply = z
  .object({ id: Id, title: z.string(), text: z.string(), createdAt: IsoTime, updatedAt: IsoTime })
  .meta({ id: 'CannedReply' });
export type CannedReply = z.infer<typeof CannedReply>;

export const CreateCannedReplyRequest = z.object({ title: Title, text: Text }).strict().meta({ id: 'CreateCannedReplyRequest' });
export type CreateCannedReplyRequest = z.infer<typeof CreateCannedReplyRequest>;
export const UpdateCannedReplyRequest = z
  .object({ title: Title.optional(), text: Text.optional() })
  .strict()
  .meta({ id: 'UpdateCannedReplyRequest' });
export type UpdateCannedReplyRequest = z.infer<typeof UpdateCannedReplyRequest>;

export const CannedReplyParams = z.object({ id: Id });
export const CannedReplyResponse = z.object({ reply: CannedReply }).meta({ id: 'CannedReplyResponse' });
export const ListCannedRepliesResponse = z.object({ replies: z.array(CannedReply) }).meta({ id: 'ListCannedRepliesResponse' });
export type ListCannedRepliesResponse = z.infer<typeof ListCannedRepliesResponse>;
