/** What every handover activity is told about where it works. */
export interface HandoverRefs {
  handoverId: string;
  workspaceId: string;
  /** Our row id of the conversation. */
  conversationId: string;
  conversationExternalId: string;
}
