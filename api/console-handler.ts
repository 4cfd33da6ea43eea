import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import type { Logger } from '../runtime/logger.ts';

export const consoleBuildDir = fileURLToPath(new URL('../console/build', import.meta.url));
const handlerPath = `${consoleBuildDir}/handler.js`;

/** The built SvelteKit console (adapter-node), served on the API's origin; null when it is not built. */
export async function loadConsoleHandler(logger: Logger): Promise<RequestHandler | null> {
  if (!existsSync(handlerPath)) {
    logger.warn('The console is not built (npm run build:console); serving the API only');
    return null;
  }
  const module = (await import(handlerPath)) as { handler: RequestHandler };
  return module.handler;
}
