/** The console's own URLs that more than one route builds. */

export function loginHref(from: URL): string {
  const next = from.pathname + from.search;
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** A `next` parameter is followed only to a path of this console, never to another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/conversations';
}

export function conversationHref(handoverId: string): string {
  return `/conversations/${encodeURIComponent(handoverId)}`;
}
