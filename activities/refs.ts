/** What every handover activity is told about where it works. */
export interface HandoverRefs {
  handoverId: string;
  workspaceId: string;
  /** Our row id of the conversation. */
  conversationId: string;
  conversationExternalId: string;
  /**
   * Set by handover runs that began before webhook delivery moved to a workflow of its own: they deliver the
   * events they are given back themselves, so nothing is handed over.
   */
  deliversItself?: boolean;
}
