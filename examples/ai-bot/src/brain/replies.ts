/**
 * The bot's fixed replies, and how to recognise its own earlier replies in the history. The bot is stateless,
 * so "the last answer was also a not-understood one" and "I just offered a person" are read back from what it
 * said: these texts are therefore constants, and do not depend on the shop's name.
 */
import type { BrainTrigger, Decision, Turn } from './types.ts';
import { normalize, possessive } from './text.ts';

/** What the bot says when it did not understand. Every text here counts for the two-in-a-row rule. */
export const FALLBACK_REPLIES: readonly string[] = [
  "Sorry, I didn't get that. I can help with shipping, returns, order tracking, opening hours, payment and sizes. Could you put it another way?",
];

/** True for a reply in FALLBACK_REPLIES, whatever a channel did to its spaces, case or apostrophes. */
export function isFallbackReply(text: string): boolean {
  const normalized = normalize(text);
  return FALLBACK_REPLIES.some((reply) => normalize(reply) === normalized);
}

/** What the bot tells the customer while handing over, by trigger. */
export const HANDOVER_REPLIES: Readonly<Record<BrainTrigger, string>> = {
  user_request: "Of course, I'm getting a person from our team for you. They'll see our conversation so far, so you won't have to repeat yourself.",
  ai_escalation: "Sorry I couldn't help with that. I'm handing you over to a person from our team who can.",
  sentiment: "I'm sorry about this. I'm getting a person from our team to sort it out with you.",
};

export function handoverDecision(trigger: BrainTrigger, reason: string, reply: string = HANDOVER_REPLIES[trigger]): Decision {
  return { kind: 'handover', trigger, reason, reply };
}

/** The offer that ends the bot's answer to "are you a human?"; a "yes" to it hands over. */
export const PERSON_OFFER = 'Would you like me to get a person from our team?';

export function botIdentityReply(shopName: string): string {
  return `I'm ${possessive(shopName)} virtual assistant, not a person. I can help with shipping, returns, order tracking, opening hours, payment and sizes. ${PERSON_OFFER}`;
}

export function offersPerson(text: string): boolean {
  return normalize(text).endsWith(normalize(PERSON_OFFER));
}

/**
 * The turn the customer is answering: the last one not from the customer. An agent's turn counts too, so after a
 * handover ends the bot starts afresh rather than counting a not-understood answer from before it.
 */
export function lastReply(history: readonly Turn[]): Turn | undefined {
  for (let index = history.length - 1; index >= 0; index--) {
    const turn = history[index];
    if (turn && turn.from !== 'customer') return turn;
  }
  return undefined;
}
