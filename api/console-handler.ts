import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import type { Logger } from '../platform/logger.ts';

export const consoleBuildDir = fileURLToPath(new URL('../console/build', import.meta.url));
const handlerPath = `${consoleBuildDir}/handler.js`;

/** The built SvelteKit console (adapter-node), served on the API's origin; null when it is not built. */
export async function loadConsoleHandler(logger: Logger, publicUrl?: string): Promise<RequestHandler | null> {
  if (!existsSync(handlerPath)) {
    logger.warn('The console is not built (npm run build:console); serving the API only');
    return null;
  }
  // adapter-node reads its origin from the environment: PUBLIC_URL when known, else the headers app.ts sets
  // from the request, so SvelteKit's own CSRF check for form actions sees the origin the browser used.
  if (publicUrl) process.env.ORIGIN ??= publicUrl;
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  process.env.HOST_HEADER ??= 'x-forwarded-host';
  const module = (await import(handlerPath)) as { handler: RequestHandler };
  return module.handler;
}
