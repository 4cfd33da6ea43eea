/**
 * Greetings, thanks, goodbyes and short acknowledgements: without them, "thanks!" after an answer would count as
 * not understood, and two of those would hand a happy customer over. Only short messages count, so "Hi, where
 * is my order?" goes to the FAQ.
 */
import { normalize, possessive, words } from './text.ts';

const maxWords = 5;

const kinds: { pattern: RegExp; reply: (shopName: string) => string }[] = [
  {
    pattern: /^(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening)|greetings)\b/,
    reply: (shopName) =>
      `Hi! I'm ${possessive(shopName)} assistant. Ask me about shipping, returns, order tracking, opening hours, payment or sizes, or ask for a person.`,
  },
  { pattern: /\b(?:thanks|thank you|thank u|thx|ty|cheers|much appreciated)\b/, reply: () => "You're welcome! Anything else I can help with?" },
  { pattern: /^(?:bye|goodbye|see you|see ya|that's all|that is all|nothing else|no thanks|no thank you|nope|no)\b/, reply: () => 'Alright, have a great day!' },
  {
    pattern: /^(?:ok|okay|k|great|perfect|cool|got it|alright|all right|nice|good|sounds good|understood|i see|fine)\b/,
    reply: () => 'Glad I could help. Anything else?',
  },
];

export function smallTalkReply(message: string, shopName: string): string | undefined {
  const text = normalize(message);
  if (words(text).length > maxWords) return undefined;
  return kinds.find(({ pattern }) => pattern.test(text))?.reply(shopName);
}
