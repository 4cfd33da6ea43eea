/** Small text helpers shared by the rules: one normalisation, so every rule sees the same text. */

/**
 * Lower case, straight apostrophes and single spaces: customers type "I’d" with a curly apostrophe on phones,
 * and the rules should not care.
 */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Splits normalised text into clauses, at sentence punctuation, commas and "but": "I don't want the bot, I
 * want a human" is two clauses, and a negation in the first must not reach into the second.
 */
export function clauses(normalized: string): string[] {
  return normalized
    .split(/[.!?;,:()]+|\s[-–—]+\s|\bbut\b|\bhowever\b/)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0);
}

/** The words of normalised text (apostrophes kept, so "don't" is one word). */
export function words(normalized: string): string[] {
  return normalized.match(/[a-z0-9']+/g) ?? [];
}

/**
 * A regular expression source matching `phrase` as whole words, any whitespace between its words, and with
 * `plural` also with an "s" at the end ("agents", "humans"): "agent" must not match "agency" or "agentic".
 */
export function phrasePattern(phrase: string, plural = false): string {
  const escaped = words(normalize(phrase)).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `(?<![a-z0-9'])${escaped.join('\\s+')}${plural ? 's?' : ''}(?![a-z0-9'])`;
}

/** "Fernhill Outfitters'" and "Acme's": the possessive of a name, as English writes it. */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}
