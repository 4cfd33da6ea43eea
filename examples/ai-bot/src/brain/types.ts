/**
 * What a brain is: given the conversation so far and the customer's new message, answer or hand over.
 * Brains are stateless between calls; everything they need to know about the past is in `history`, which is
 * what lets the bot restart, scale out or resume after a handover without losing its place.
 */

/** One message of the conversation, in order. `agent` is a human support agent (during a handover). */
export interface Turn {
  from: 'customer' | 'ai' | 'agent';
  text: string;
}

/** The handover triggers a brain uses (a subset of the product's: `keyword` and `other` are not produced here). */
export type BrainTrigger = 'user_request' | 'ai_escalation' | 'sentiment';

export type Decision =
  | { kind: 'answer'; text: string }
  /** `reason` is for the support agent; `reply` is what the bot tells the customer while handing over. */
  | { kind: 'handover'; trigger: BrainTrigger; reason: string; reply: string };

export interface Brain {
  /** `history` is the conversation before `message` (customer, AI and agent turns, oldest first). */
  decide(history: readonly Turn[], message: string): Promise<Decision>;
}
