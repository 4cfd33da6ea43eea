/** The console's side of the session cookie: the API issues it, the console hands it on to the browser. */
import type { Cookies } from '@sveltejs/kit';

/** The API names the cookie `__Host-handover_session` over https, `handover_session` over http. */
export const SESSION_COOKIES = ['__Host-handover_session', 'handover_session'] as const;

/** The sign-in that waits for a second factor (its password was right): set by the API, httpOnly, a few minutes long. */
export const CHALLENGE_COOKIES = ['__Host-handover_two_factor', 'handover_two_factor'] as const;

export function hasChallengeCookie(cookies: Cookies): boolean {
  return CHALLENGE_COOKIES.some((name) => cookies.get(name));
}

/** Forgets a waiting sign-in (the member chose to start over). */
export function deleteChallengeCookie(cookies: Cookies): void {
  for (const name of CHALLENGE_COOKIES) {
    if (cookies.get(name)) cookies.delete(name, { path: '/', secure: name.startsWith('__Host-') || undefined });
  }
}

/** Whether the browser sent a session cookie (the API decides whether it is valid). */
export function hasSessionCookie(cookies: Cookies): boolean {
  return SESSION_COOKIES.some((name) => cookies.get(name));
}

/** Forgets the session cookie in the browser, under whichever name it has. */
export function deleteSessionCookie(cookies: Cookies): void {
  for (const name of SESSION_COOKIES) {
    if (cookies.get(name)) cookies.delete(name, { path: '/', secure: name.startsWith('__Host-') || undefined });
  }
}

type CookieOptions = Parameters<Cookies['set']>[2];

/** Applies the API's Set-Cookie lines (login, logout) to the console's response, attributes included. */
export function applySetCookies(cookies: Cookies, setCookies: readonly string[]): void {
  for (const line of setCookies) {
    const parsed = parseSetCookie(line);
    if (parsed) cookies.set(parsed.name, parsed.value, parsed.options);
  }
}

function parseSetCookie(line: string): { name: string; value: string; options: CookieOptions } | null {
  const [pair = '', ...attributes] = line.split(';');
  const separator = pair.indexOf('=');
  if (separator <= 0) return null;

  // The API encodes the value already: pass it through untouched.
  const options: CookieOptions = { path: '/', httpOnly: false, secure: false, encode: (value) => value };
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'path') options.path = value || '/';
    else if (key === 'domain') options.domain = value;
    else if (key === 'max-age') options.maxAge = Number(value);
    else if (key === 'expires') options.expires = new Date(value);
    else if (key === 'httponly') options.httpOnly = true;
    else if (key === 'secure') options.secure = true;
    else if (key === 'samesite') options.sameSite = sameSite(value);
  }
  return { name: pair.slice(0, separator).trim(), value: pair.slice(separator + 1).trim(), options };
}

function sameSite(value: string): CookieOptions['sameSite'] {
  const lower = value.toLowerCase();
  return lower === 'strict' || lower === 'none' ? lower : 'lax';
}
