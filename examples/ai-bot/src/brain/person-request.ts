/**
 * Does the customer ask for a person? The explicit request is the strongest reason to hand over, so it is
 * checked first and by rules even when an LLM answers (cheap, predictable, testable).
 *
 * A phrase from the list (who: "agent", "human", "someone"...) is a request only when the customer asks for it:
 *   - a request word comes before it in the same clause ("I want", "can I", "talk to", "get me", "transfer"), or
 *   - the clause is the phrase and filler only ("Human please", "Operator!", "real person").
 * So "Someone stole my parcel" and "What are your customer service hours?" are not requests.
 * A negation shortly before the phrase in the same clause cancels it: "I don't need a human", "no need for an
 * agent", "not a person", "never mind the agent". Clauses end at punctuation and "but", so "I don't want a bot,
 * I want a human" still hands over. "Can't" is not a negation here: "why can't I talk to a human" is a complaint.
 * "Are you a human?" is a question about the bot, answered rather than handed over.
 *
 * The phrase list is configurable; request words, filler and negations are English.
 */
import { clauses, normalize, phrasePattern, words } from './text.ts';

export const DEFAULT_HANDOVER_PHRASES: readonly string[] = [
  'agent',
  'human',
  'human being',
  'person',
  'people',
  'someone',
  'somebody',
  'real person',
  'live person',
  'operator',
  'representative',
  'rep',
  'staff',
  'staff member',
  'employee',
  'colleague',
  'manager',
  'supervisor',
  'customer service',
  'customer support',
  'support team',
  'team member',
  'live chat',
  // Requests that name no one but ask to be passed on; their own verb makes them requests.
  'transfer me',
  'connect me',
  'escalate',
  'call me back',
];

export type PersonRequest =
  | { kind: 'request'; phrase: string }
  | { kind: 'question_about_bot' }
  | { kind: 'none' };

/** Words that ask for something when they come before the phrase in the same clause. */
const requestWords =
  /(?<![a-z'])(?:want|wanna|need|needs|prefer|speak|speaking|talk|talking|chat|chatting|connect|transfer|escalate|contact|reach|call|get me|give me|send me|bring me|find me|put me through|let me|ask for|asking for|asked for|i said|request|would like|i'd like|id like|i'd love|like to|can i|could i|may i|can you|could you|is there|are there|do you have|where is|where's|where are)(?![a-z])/;

/** Words that may stand around the phrase when the phrase alone is the request ("A real human, please!"). */
const filler = new Set([
  'a', 'an', 'the', 'your', 'some', 'one', 'real', 'actual', 'live', 'please', 'pls', 'plz', 'now', 'asap', 'right',
  'away', 'immediately', 'just', 'ok', 'okay', 'yes', 'yeah', 'hi', 'hello', 'hey', 'thanks', 'thank', 'you', 'again',
]);

/** Words that negate a phrase shortly after them ("don't need a", "no need for an", "never mind the"). */
const negations = new Set([
  'not', 'no', 'never', 'nevermind', "don't", 'dont', "doesn't", 'doesnt', "didn't", 'didnt', "won't", 'wont', 'without',
]);
/** How many words before the phrase a negation reaches: "I do not want to speak to a human" is five. */
const negationReach = 6;
/** Words that end a negation's reach: "I don't know can I talk to someone" asks again after "can". */
const negationBreakers = new Set(['but', 'can', 'could', 'may', 'please', 'so', 'just', 'then', 'instead', 'rather']);

/** Questions about the bot itself: answered ("I'm the shop's assistant"), not a request for a person. */
const aboutTheBot = [
  /\b(?:are|r) (?:you|u) (?:a |an )?(?:real |actual |live )?(?:human|person|bot|robot|machine|computer|ai|real)\b/,
  /\b(?:am i|are we) (?:talking|chatting|speaking) (?:to|with) (?:a |an )?(?:real |actual |live )?(?:human|person|bot|robot|machine|computer|ai)\b/,
  /\bis (?:this|that|it) (?:a |an )?(?:real |actual |live )?(?:human|person|bot|robot|chatbot|machine|computer|ai|automated)\b/,
  /\byou(?:'re| are|re) (?:not )?(?:a |an )?(?:real |actual )?(?:human|person|bot|robot|machine|computer|ai)\b/,
];

interface CompiledPhrase {
  phrase: string;
  pattern: RegExp;
}

// Compiled once per list (a WeakMap, so a list built per call does not pile up).
const compiled = new WeakMap<readonly string[], CompiledPhrase[]>();

/** Longest phrases first, so "real person" is reported rather than "person". */
function compile(phrases: readonly string[]): CompiledPhrase[] {
  let result = compiled.get(phrases);
  if (!result) {
    result = [...phrases]
      .map((phrase) => normalize(phrase))
      .filter((phrase) => words(phrase).length > 0)
      .sort((a, b) => b.length - a.length)
      .map((phrase) => ({ phrase, pattern: new RegExp(phrasePattern(phrase, true), 'g') }));
    compiled.set(phrases, result);
  }
  return result;
}

export function detectPersonRequest(message: string, phrases: readonly string[] = DEFAULT_HANDOVER_PHRASES): PersonRequest {
  let askedAboutBot = false;
  for (const clause of clauses(normalize(message))) {
    if (aboutTheBot.some((pattern) => pattern.test(clause))) {
      askedAboutBot = true;
      continue;
    }
    const phrase = requestedPhrase(clause, compile(phrases));
    if (phrase) return { kind: 'request', phrase };
  }
  return askedAboutBot ? { kind: 'question_about_bot' } : { kind: 'none' };
}

function requestedPhrase(clause: string, phrases: CompiledPhrase[]): string | undefined {
  // Words of other phrases count as filler too: "human agent", "live person support team".
  const phraseWords = new Set(phrases.flatMap(({ phrase }) => words(phrase)));
  for (const { phrase, pattern } of phrases) {
    for (const match of clause.matchAll(pattern)) {
      const before = clause.slice(0, match.index);
      const upToPhrase = clause.slice(0, match.index + match[0].length);
      if (isNegated(words(before))) continue;
      const rest = words(before + ' ' + clause.slice(match.index + match[0].length));
      if (requestWords.test(upToPhrase) || rest.every((word) => filler.has(word) || phraseWords.has(word))) return phrase;
    }
  }
  return undefined;
}

function isNegated(wordsBefore: string[]): boolean {
  for (const word of wordsBefore.slice(-negationReach).reverse()) {
    if (negationBreakers.has(word)) return false;
    if (negations.has(word)) return true;
  }
  return false;
}
