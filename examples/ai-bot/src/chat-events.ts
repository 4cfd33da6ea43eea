/** What the customer's chat page is told, over its event stream. The bot is the customer's channel. */

export interface ChatMessage {
  id: string;
  from: 'customer' | 'ai' | 'agent' | 'system';
  /** The agent's name, for their messages. */
  author: string | null;
  text: string;
  at: string;
}

/** Who answers the customer now. */
export type ChatStatus =
  | { mode: 'ai' }
  | { mode: 'waiting'; handoverId: string; queuePosition: number | null; estimatedWaitSeconds: number | null }
  | { mode: 'agent'; handoverId: string; agentName: string };

export interface ChatState {
  conversationId: string;
  shopName: string;
  customerName: string;
  messages: ChatMessage[];
  status: ChatStatus;
  /** A handover that ended and asks for the customer's rating, until they give it. */
  ratingFor: string | null;
}

export type ChatEvent =
  | { type: 'snapshot'; state: ChatState }
  | { type: 'message'; message: ChatMessage }
  | { type: 'status'; status: ChatStatus }
  | { type: 'notice'; text: string }
  | { type: 'rating'; ratingFor: string | null };
