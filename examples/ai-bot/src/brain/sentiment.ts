/**
 * Is the customer clearly upset? A small lexicon and a few rules rather than a model, so that every decision can
 * be explained to the agent ("ridiculous", "shouting") and tested.
 *
 * Each word or phrase found adds its weight; the message is clearly negative at `threshold` (3) or more:
 *   - strong words (3: "ridiculous", "worst", "useless", "terrible", "scam", "fed up", profanity) cross it alone;
 *   - moderate words (2: "disappointed", "annoyed", "unhappy", "not happy") need something more;
 *   - mild words (1: "slow", "bad", "poor", "not great") are ordinary complaints, answered rather than handed over.
 * Just before a word: an intensifier ("very", "so", "absolutely") adds 1, a softener ("a bit", "a little") takes 1
 * away, and a negation ("not terrible", "I'm not angry") cancels it.
 * Writing in capitals with "!" is shouting (3); capitals alone, "!!" or "???" add 1.
 */
import { clauses, normalize, words } from './text.ts';

export interface Sentiment {
  negative: boolean;
  score: number;
  /** What was found, in the order of the message: words of the lexicon, then "shouting" and the like. */
  signals: string[];
}

interface Entry {
  label: string;
  pattern: RegExp;
  weight: number;
}

const threshold = 3;

function entry(weight: number, label: string, pattern?: string): Entry {
  return { label, weight, pattern: new RegExp(`(?<![a-z])(?:${pattern ?? label})(?![a-z])`, 'g') };
}

const lexicon: Entry[] = [
  // Strong: clearly angry or contemptuous.
  ...[
    'ridiculous', 'useless', 'terrible', 'awful', 'horrible', 'horrendous', 'pathetic', 'disgusting', 'disgraceful',
    'unacceptable', 'outrageous', 'furious', 'livid', 'fuming', 'incompetent', 'rubbish', 'garbage', 'shambles',
    'nightmare', 'fed up', 'sick of', 'sick and tired', 'waste of time', 'waste of money', 'never again', 'fraud',
    'rip off', 'ripoff', 'ripped off', 'angry', 'pissed', 'wtf', 'damn', 'crap', 'crappy', 'bullshit', 'stupid',
    'idiot', 'idiots', 'idiotic', 'dumb',
  ].map((word) => entry(3, word)),
  entry(3, 'sucks', 'suck(?:s|ed)?'),
  entry(3, 'not happy at all', 'not (?:happy|pleased|satisfied) at all'),
  entry(3, 'worst', 'worst(?![- ]case)'),
  entry(3, 'hate', 'hate(?! to\\b)'),
  entry(3, 'scam', 'scam(?:s|med)?'),
  entry(3, 'frustrated', 'frustrat(?:ed|ing|ion)'),
  entry(3, 'joke', '(?:a|total|complete|absolute|bad) joke'),
  entry(3, 'hell', '(?:the )?hell'),
  // Profanity-lite, with the asterisks customers use to soften it.
  entry(3, 'profanity', "f(?:uck|u\\*k|\\*ck|\\*{2,}k?)[a-z']*|sh(?:it|\\*t|!t)[a-z]*"),
  // Moderate: unhappy, but said calmly.
  ...['annoyed', 'annoying', 'unhappy', 'upset', 'unbelievable', 'fix this now'].map((word) => entry(2, word)),
  entry(2, 'disappointed', 'dis+ap+oint(?:ed|ing)'), // as often misspelt as not
  entry(2, 'not happy', 'not (?:happy|pleased|satisfied)(?! at all)'),
  entry(2, 'taking so long', '(?:taking|takes|took) (?:so|too|this) long'),
  // Mild: ordinary complaints.
  ...['slow', 'bad', 'poor', 'late', 'not great', 'not good', 'meh', 'been waiting'].map((word) => entry(1, word)),
];

const intensifiers = new Set(['very', 'so', 'really', 'extremely', 'totally', 'absolutely', 'completely', 'utterly', 'incredibly', 'beyond', 'super', 'truly']);
const softeners = ['a bit', 'a little', 'a tad', 'slightly', 'somewhat', 'kind of', 'kinda', 'rather'];
const negations = new Set(['not', 'no', 'never', 'hardly', "isn't", 'isnt', "wasn't", 'wasnt', "aren't", "weren't", "don't", 'dont', "doesn't", "didn't", "ain't"]);

export function assessSentiment(message: string): Sentiment {
  const signals: string[] = [];
  let score = 0;
  for (const clause of clauses(normalize(message))) {
    const found: { index: number; label: string; weight: number }[] = [];
    for (const { label, pattern, weight } of lexicon) {
      for (const match of clause.matchAll(pattern)) {
        const before = words(clause.slice(0, match.index));
        // "not happy" carries its own negation; a negation before any other word cancels it.
        if (!label.startsWith('not ') && before.slice(-2).some((word) => negations.has(word))) continue;
        found.push({ index: match.index, label, weight: weight + modifier(before) });
      }
    }
    for (const item of found.sort((a, b) => a.index - b.index)) {
      score += Math.max(0, item.weight);
      if (item.weight > 0) signals.push(item.label);
    }
  }
  const typography = shouting(message);
  if (typography) {
    score += typography.weight;
    signals.push(typography.label);
  }
  return { negative: score >= threshold, score, signals };
}

/** +1 after an intensifier ("very slow"), -1 after a softener ("a bit slow"). */
function modifier(before: string[]): number {
  const last = before.at(-1);
  if (last && intensifiers.has(last)) return 1;
  const tail = before.slice(-2).join(' ');
  if (softeners.some((softener) => tail === softener || tail.endsWith(` ${softener}`))) return -1;
  return 0;
}

/** Capitals with "!" are shouting; a short capitalised word ("OK", "DHL") is not. */
function shouting(message: string): { label: string; weight: number } | undefined {
  const letters = message.replace(/[^\p{L}]/gu, '');
  const capitals = message.replace(/[^\p{Lu}]/gu, '');
  const inCapitals = letters.length >= 6 && capitals.length / letters.length >= 0.8;
  const exclaims = message.includes('!');
  if (inCapitals && exclaims) return { label: 'shouting', weight: 3 };
  if (inCapitals) return { label: 'capitals', weight: 1 };
  if (/[!?]{2,}/.test(message)) return { label: 'repeated ! or ?', weight: 1 };
  return undefined;
}
