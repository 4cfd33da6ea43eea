/**
 * Sends the console's server-side calls to /api/* to the API process. SvelteKit's fetch would answer
 * same-origin URLs itself and 404, because the API's routes are Express's, not SvelteKit's.
 *
 * Like a reverse proxy that keeps the Host header, the API sees the host the browser used, so its
 * same-origin (CSRF) check of cookie-authenticated writes holds for the console's form actions too.
 * `fetch` cannot set Host, hence node:http.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { env } from '$env/dynamic/private';
import type { RequestEvent } from '@sveltejs/kit';

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'accept-encoding'];

/** The API's answer to `request`, or null when `request` is not for the API. */
export async function forwardToApi(event: RequestEvent, request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) return null;

  const target = new URL(url.pathname + url.search, internalApiOrigin());
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(await request.arrayBuffer());
  const headers = forwardedHeaders(event, request, body?.byteLength);

  return new Promise<Response>((resolve, reject) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(target, { method: request.method, headers, signal: request.signal }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => resolve(toResponse(incoming, Buffer.concat(chunks))));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function forwardedHeaders(event: RequestEvent, request: Request, bodyLength: number | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  request.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.includes(name)) headers[name] = value;
  });
  headers.host = event.url.host;
  // The API's CSRF check wants a same-origin Origin on cookie-authenticated writes: the console's own.
  headers.origin = event.url.origin;
  headers['x-forwarded-host'] = event.url.host;
  headers['x-forwarded-proto'] = event.url.protocol.replace(':', '');
  const clientAddress = clientAddressOf(event);
  if (clientAddress) headers['x-forwarded-for'] = clientAddress;
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  // The browser's, not this server's fetch: a member's list of sessions names the browsers they signed in with.
  const userAgent = event.request.headers.get('user-agent');
  if (userAgent) headers['user-agent'] = userAgent;
  const language = event.request.headers.get('accept-language');
  if (language && !headers['accept-language']) headers['accept-language'] = language;
  headers['accept-encoding'] = 'identity';
  // Only ever keeps the session from being marked used; the API trusts it for nothing else.
  if (event.locals.isBackground) headers['x-handover-background'] = '1';
  if (bodyLength !== undefined) headers['content-length'] = String(bodyLength);
  return headers;
}

function toResponse(incoming: IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const status = incoming.statusCode ?? 502;
  const hasNoBody = status === 204 || status === 205 || status === 304 || body.byteLength === 0;
  return new Response(hasNoBody ? null : new Uint8Array(body), { status, statusText: incoming.statusMessage, headers });
}

function internalApiOrigin(): string {
  return env.HANDOVER_INTERNAL_API_URL || `http://127.0.0.1:${env.PORT || '3000'}`;
}

/** The client's address: as the API process worked it out from its trusted proxies, else the socket's. */
function clientAddressOf(event: RequestEvent): string | null {
  const resolved = event.request.headers.get('x-handover-client-address');
  if (resolved) return resolved;
  try {
    return event.getClientAddress();
  } catch {
    return null;
  }
}
