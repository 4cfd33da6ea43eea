/** The console's own URLs that more than one route builds. */

export function loginHref(from: URL): string {
  const next = from.pathname + from.search;
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/**
 * A `next` parameter is followed only to a path of this console, never to another site. It is read the way a
 * browser reads a URL (which drops tabs and newlines and takes `\` for `/`, so `/<tab>/evil.example` is
 * `//evil.example`), and followed only when that lands on this origin; what is followed is the path as read.
 */
export function safeNext(next: string | null): string {
  const fallback = '/conversations';
  if (!next?.startsWith('/')) return fallback;
  const here = 'http://console.invalid';
  const target = new URL(next, here);
  return target.origin === here ? target.pathname + target.search + target.hash : fallback;
}

export function conversationHref(handoverId: string): string {
  return `/conversations/${encodeURIComponent(handoverId)}`;
}
