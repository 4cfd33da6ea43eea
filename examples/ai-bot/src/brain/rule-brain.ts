/**
 * The rule-based brain: no model, no I/O, the same answer for the same conversation. In order of priority:
 *   1. the customer asks for a person → hand over (`user_request`), and so does a "yes" to the bot's offer of one;
 *   2. the customer is clearly upset → hand over (`sentiment`);
 *   3. "are you a human?" → say it is the shop's assistant and offer a person;
 *   4. an FAQ answer, then greetings, thanks and the like;
 *   5. otherwise "Sorry, I didn't get that"; if the bot's previous reply was that too, hand over (`ai_escalation`).
 */
import { DEFAULT_SHOP_NAME, matchFaq } from './faq.ts';
import { DEFAULT_HANDOVER_PHRASES, detectPersonRequest } from './person-request.ts';
import { FALLBACK_REPLIES, botIdentityReply, handoverDecision as handover, isFallbackReply, lastReply, offersPerson } from './replies.ts';
import { assessSentiment } from './sentiment.ts';
import { smallTalkReply } from './small-talk.ts';
import { normalize, words } from './text.ts';
import type { Brain, Decision, Turn } from './types.ts';

export interface RuleBrainOptions {
  /** Phrases that name a person ("agent", "human"...); replaces DEFAULT_HANDOVER_PHRASES. */
  handoverPhrases?: string[];
  shopName?: string;
}

const yes = /^(?:yes|yeah|yep|yup|ya|y|sure|ok|okay|please|please do|go ahead|do it|do that|that would be great|that'd be great|i would|i'd like that)\b/;
const no = /^(?:no|nope|nah|no thanks|no thank you|not now|i'm fine|im fine)\b/;

export function createRuleBrain(options: RuleBrainOptions = {}): Brain {
  const phrases: readonly string[] = options.handoverPhrases ? [...options.handoverPhrases] : DEFAULT_HANDOVER_PHRASES;
  const shopName = options.shopName ?? DEFAULT_SHOP_NAME;
  return {
    decide: (history, message) => Promise.resolve(decideByRules(history, message, phrases, shopName)),
  };
}

function decideByRules(history: readonly Turn[], message: string, phrases: readonly string[], shopName: string): Decision {
  const request = detectPersonRequest(message, phrases);
  if (request.kind === 'request') return handover('user_request', `Customer asked for a person ("${request.phrase}")`);

  const previous = lastReply(history);
  const offered = previous?.from === 'ai' && offersPerson(previous.text);
  if (offered && isShortAnswer(message, yes)) return handover('user_request', 'Customer accepted the offer of a person');

  const sentiment = assessSentiment(message);
  if (sentiment.negative) return handover('sentiment', `Customer seems upset (${sentiment.signals.map((signal) => `"${signal}"`).join(', ')})`);

  if (request.kind === 'question_about_bot') return answer(botIdentityReply(shopName));
  if (offered && isShortAnswer(message, no)) return answer('No problem. What can I help you with?');

  const faq = matchFaq(message, shopName);
  if (faq) return answer(faq.answer);
  const smallTalk = smallTalkReply(message, shopName);
  if (smallTalk) return answer(smallTalk);

  // Two in a row: the bot's previous reply (with only customer turns since) was a not-understood one too.
  if (previous?.from === 'ai' && isFallbackReply(previous.text)) {
    return handover('ai_escalation', 'The assistant did not understand two messages in a row');
  }
  return answer(FALLBACK_REPLIES[0]!);
}

function isShortAnswer(message: string, pattern: RegExp): boolean {
  const text = normalize(message);
  return words(text).length <= 5 && pattern.test(text);
}

function answer(text: string): Decision {
  return { kind: 'answer', text };
}
