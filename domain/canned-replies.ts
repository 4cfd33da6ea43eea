/**
 * Canned replies: saved texts an agent inserts in the chat box, with placeholders the console fills for the
 * customer and agent of the conversation. Pure, so the API checks a reply with the same list the console fills.
 */

/** The placeholders a reply may use, what each means, and what stands in when the value is unknown. */
export const cannedReplyPlaceholders = {
  'customer.name': { description: "The customer's name", fallback: 'there' },
  'customer.email': { description: "The customer's email address", fallback: '' },
  'agent.name': { description: 'Your name, as the customer sees it', fallback: '' },
} as const;
export type CannedReplyPlaceholder = keyof typeof cannedReplyPlaceholders;

export const CANNED_REPLY_TITLE_MAX = 100;
/** Well under a message's 4,000 characters, so a reply with its placeholders filled still fits in one. */
export const CANNED_REPLY_TEXT_MAX = 2000;

export interface PlaceholderValues {
  customer: { name?: string | null; email?: string | null };
  agent: { name?: string | null };
}

// `{{name}}`, spaces inside the braces allowed. A lone `{{` is ordinary text.
const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isPlaceholder(name: string): name is CannedReplyPlaceholder {
  return Object.hasOwn(cannedReplyPlaceholders, name);
}

/** The placeholders in `text` that are not in the list, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(placeholderPattern)].map((match) => match[1] ?? '');
  return [...new Set(names.filter((name) => !isPlaceholder(name)))];
}

/** "{{customer.name}}, {{customer.email}} or {{agent.name}}", for messages that say what may be used. */
export function knownPlaceholdersText(): string {
  const names = Object.keys(cannedReplyPlaceholders).map((name) => `{{${name}}}`);
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * The reply as the customer would read it: each known placeholder replaced by its value, or by its fallback
 * when the value is unknown or blank ("Hi {{customer.name}}" becomes "Hi there"). One pass, so a value that
 * itself contains braces is never filled again. Unknown placeholders stay as written, for the agent to see.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  const valueOf: Record<CannedReplyPlaceholder, string | null | undefined> = {
    'customer.name': values.customer.name,
    'customer.email': values.customer.email,
    'agent.name': values.agent.name,
  };
  return text.replace(placeholderPattern, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole;
    const value = valueOf[name]?.trim();
    return value ? value : cannedReplyPlaceholders[name].fallback;
  });
}

/**
 * The replies an agent's `/query` finds: those whose title or text holds every word of the query, whatever the
 * case. Titles are what agents remember, so a title that starts with the query comes first, then one that holds
 * it, then a match in the text only; otherwise the order given (by title) stays.
 */
export function matchCannedReplies<T extends { title: string; text: string }>(replies: readonly T[], query: string): T[] {
  const wanted = query.trim().toLowerCase();
  const words = wanted.split(/\s+/).filter(Boolean);
  const rank = (reply: T): number => {
    const title = reply.title.toLowerCase();
    if (title.startsWith(wanted)) return 0;
    return words.every((word) => title.includes(word)) ? 1 : 2;
  };
  return replies
    .filter((reply) => {
      const haystack = `${reply.title}\n${reply.text}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    })
    .map((reply, index) => ({ reply, index, rank: rank(reply) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ reply }) => reply);
}
