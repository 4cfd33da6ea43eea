/**
 * The FAQ of the fictional shop the reference bot serves: a handful of answers, each found by a few patterns.
 * The entry whose patterns match most often wins; on a tie, the one listed first (so "Where is my delivery?" is
 * order tracking rather than shipping times).
 */
import { normalize } from './text.ts';

export interface FaqEntry {
  /** A short name for tests and logs. */
  topic: string;
  patterns: RegExp[];
  /** One or two friendly sentences. */
  answer: (shopName: string) => string;
}

export const DEFAULT_SHOP_NAME = 'Fernhill Outfitters';

// The shop's pages live under .example, a domain reserved for examples, so no link goes anywhere real.
export const FAQ: readonly FaqEntry[] = [
  {
    topic: 'order tracking',
    patterns: [
      /\btrack(?:ing)?\b/,
      /\bwhere(?:'s| is| are)? (?:is |are )?my (?:order|parcel|package|delivery|stuff|things)\b/,
      /\border status\b/,
      /\b(?:hasn't|has not|haven't|have not|didn't|did not|not yet|never) (?:arrived|come|turned up|shown up|been delivered)\b/,
      /\b(?:still|been) (?:waiting|not here)\b/,
    ],
    answer: () =>
      "You'll find a tracking link in your shipping confirmation email, or enter your order number at fernhill.example/track to see where your parcel is.",
  },
  {
    topic: 'returns',
    patterns: [/\breturn(?:s|ing|ed)?\b/, /\brefund/, /\bexchange/, /\bmoney back\b/, /\bsend (?:it|them|this) back\b/],
    answer: () =>
      "You can return unworn items within 30 days for a full refund: start at fernhill.example/returns and we'll email you a free return label.",
  },
  {
    topic: 'shipping',
    patterns: [
      /\bship(?:s|ping|ped)?\b/,
      /\bdeliver(?:y|ies|ed)?\b/,
      /\bdispatch/,
      /\bpostage\b/,
      /\bcourier\b/,
      /\bhow (?:long|fast|soon)\b.*\b(?:take|arrive|get|come)\b/,
    ],
    answer: () => 'Orders ship within one business day; standard delivery takes 3–5 business days (free over €50) and express 1–2.',
  },
  {
    topic: 'payment',
    patterns: [/\bpay(?:ment|ments|ing)?\b/, /\b(?:credit|debit) cards?\b/, /\bcards?\b/, /\bpaypal\b/, /\bvisa\b/, /\bmastercard\b/, /\bklarna\b/],
    answer: () => "We accept Visa, Mastercard, American Express, PayPal and Apple Pay; you're charged when your order ships.",
  },
  {
    topic: 'sizes',
    patterns: [/\bsiz(?:e|es|ing)\b/, /\bfit(?:s|ting)?\b/, /\bmeasure/, /\btoo (?:big|small|tight|loose|long|short)\b/],
    answer: () => "Our size guide, with measurements for every item, is at fernhill.example/sizes; if you're between two sizes, we suggest the larger one.",
  },
  {
    topic: 'opening hours',
    patterns: [/\bopen(?:ing)?\b/, /\bhours\b/, /\bclos(?:e|es|ed|ing)\b/, /\bwhen are you\b/],
    answer: (shopName) => `${shopName}'s store and phone line are open Monday to Saturday, 9:00–18:00; this chat is here around the clock.`,
  },
];

export function matchFaq(message: string, shopName = DEFAULT_SHOP_NAME, faq: readonly FaqEntry[] = FAQ): { topic: string; answer: string } | undefined {
  const text = normalize(message);
  let best: { entry: FaqEntry; hits: number } | undefined;
  for (const entry of faq) {
    const hits = entry.patterns.filter((pattern) => pattern.test(text)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { entry, hits };
  }
  return best && { topic: best.entry.topic, answer: best.entry.answer(shopName) };
}
