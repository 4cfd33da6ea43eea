/** What every handover activity is told about where it works. */
export interface HandoverRefs {
  handoverId: string;
  workspaceId: string;
  /** Our row id of the conversation. */
  conversationId: string;
  conversationExternalId: string;
  /**
   * Set by handover runs whose webhook events go to the delivery workflow. Absent for runs that began before it
   * (and for steps a worker of that version scheduled): they deliver the events they are given back themselves.
   */
  handOff?: true;
}
