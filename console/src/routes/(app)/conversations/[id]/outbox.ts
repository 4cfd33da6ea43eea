import type { Attachment } from '$domain/schemas/index.ts';

/** Messages this agent sent that the API accepted (202) but the page has not loaded back yet. */
export interface OutgoingMessage {
  clientMessageId: string;
  body: string;
  attachments: Attachment[];
}
