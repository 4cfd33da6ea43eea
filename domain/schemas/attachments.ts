import { z } from './zod.ts';
import { Id } from './common.ts';
import { maxAttachmentsPerMessage } from '../attachments.ts';

export const Attachment = z
  .object({
    id: Id,
    name: z.string().meta({ description: 'The file name as uploaded, without any path' }),
    contentType: z.string().meta({ description: 'The type the file was uploaded as, checked against its bytes' }),
    size: z.number().int().meta({ description: 'In bytes' }),
    path: z.string().meta({
      description:
        "Where to GET the file, below the API's origin: with the workspace's API key, or a session of a member who may see the handover",
    }),
  })
  .meta({ id: 'Attachment', description: 'A file sent with a message' });
export type Attachment = z.infer<typeof Attachment>;

export const AttachmentIds = z
  .array(Id)
  .max(maxAttachmentsPerMessage)
  .optional()
  .meta({
    description:
      `Files to send with the message (at most ${maxAttachmentsPerMessage}), by the ids their upload answered. Each is sent once: ` +
      'an id that is not an upload of yours in this workspace, or was sent with another message, is refused with 422.',
  });

export const UploadAttachmentQuery = z
  .object({
    name: z.string().min(1).max(1000).optional().meta({ description: 'The file name to show and to save as; "file" when absent' }),
  })
  .strict();

export const AttachmentResponse = z.object({ attachment: Attachment }).meta({ id: 'AttachmentResponse' });
export type AttachmentResponse = z.infer<typeof AttachmentResponse>;

export const AttachmentParams = z.object({ id: Id });
