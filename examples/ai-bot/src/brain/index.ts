/** The AI bot's brain: decides, for each customer message, whether to answer or hand over to a person. */
export type { Brain, BrainTrigger, Decision, Turn } from './types.ts';
export { createRuleBrain, type RuleBrainOptions } from './rule-brain.ts';
export { createOpenAiBrain, buildSystemPrompt, parseDecision, toMessages, type ChatMessage, type OpenAiBrainOptions } from './openai-brain.ts';
export { brainFromEnv } from './from-env.ts';
export { DEFAULT_HANDOVER_PHRASES, detectPersonRequest, type PersonRequest } from './person-request.ts';
export { assessSentiment, type Sentiment } from './sentiment.ts';
export { DEFAULT_SHOP_NAME, FAQ, matchFaq, type FaqEntry } from './faq.ts';
export { smallTalkReply } from './small-talk.ts';
export {
  FALLBACK_REPLIES,
  HANDOVER_REPLIES,
  PERSON_OFFER,
  botIdentityReply,
  handoverDecision,
  isFallbackReply,
  lastReply,
  offersPerson,
} from './replies.ts';
