/**
 * The `/query` an agent is typing just before the caret: a slash at the start of the box or after whitespace,
 * then anything on the same line. A slash inside a word ("and/or", a URL) is ordinary text.
 */
export function slashCommandAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf('/');
  if (start < 0 || (start > 0 && !/\s/.test(before[start - 1] ?? ''))) return null;
  const query = before.slice(start + 1);
  return query.includes('\n') ? null : { start, query };
}

/** The id of a reply's option in the menu, which the chat box names as its active descendant. */
export function cannedReplyOptionId(menuId: string, index: number): string {
  return `${menuId}-option-${index}`;
}
