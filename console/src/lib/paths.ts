/** The console's own URLs that more than one route builds. */

export function loginHref(from: URL): string {
  const next = from.pathname + from.search;
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/**
 * A `next` parameter is followed only to a path of this console, never to another site. It is read the way a
 * browser reads a URL (which drops tabs and newlines, takes `\` for `/` and resolves dot segments, so
 * `/<tab>/evil.example` and `/.//evil.example` are `//evil.example`), and what would be sent is checked again
 * as the browser will read it: followed only when it lands on this origin.
 */
export function safeNext(next: string | null): string {
  const fallback = '/conversations';
  if (!next?.startsWith('/')) return fallback;
  const here = 'http://console.invalid';
  const target = new URL(next, here);
  const path = target.pathname + target.search + target.hash;
  return target.origin === here && new URL(path, here).origin === here && !/^[/\\]{2}/.test(path) ? path : fallback;
}

export function conversationHref(handoverId: string): string {
  return `/conversations/${encodeURIComponent(handoverId)}`;
}
