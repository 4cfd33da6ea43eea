// The one-minute demo: the reference AI bot (examples/ai-bot) plays the demo workspace's AI service on the same
// origin as the console, so that /demo can chat with it while the console shows the other side.
import { randomBytes } from 'node:crypto';
import { createHandoverClient } from '@handover/client';
import { AiBot, brainFromEnv, chatRouter } from '@handover/ai-bot';
import type { RequestHandler } from 'express';
import { hashToken, newApiKey } from '../api/auth/secrets.ts';
import { insertApiKey } from '../db/api-keys.ts';
import type { Db } from '../db/connect.ts';
import { saveWebhookEndpoint } from '../db/webhook-endpoints.ts';

export const demoChatPath = '/demo/api';
const botKeyName = 'Demo AI bot';

export interface DemoBot {
  /** Serve it on the API's origin, before the console. */
  mount: { path: string; handler: RequestHandler };
  stop(): void;
}

/** The demo workspace that runtime/demo-data.ts seeds, if this database has it. */
export async function findDemoWorkspace(db: Db): Promise<string | null> {
  const workspace = await db.selectFrom('workspaces').select('id').where('name', '=', 'Demo').orderBy('created_at').executeTakeFirst();
  return workspace?.id ?? null;
}

/**
 * Gives the bot a key of its own (the previous run's is revoked: only hashes are stored, so a key cannot be
 * shown again) and points the workspace's webhook at it.
 */
export async function startDemoBot(db: Db, options: { apiUrl: string; workspaceId: string }): Promise<DemoBot> {
  const workspace = { id: options.workspaceId };
  const { key, prefix } = newApiKey();
  const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('workspace_id', '=', workspace.id)
      .where('name', '=', botKeyName)
      .where('revoked_at', 'is', null)
      .execute();
    await insertApiKey(tx, { workspaceId: workspace.id, name: botKeyName, prefix, keyHash: hashToken(key), createdBy: null });
    await saveWebhookEndpoint(tx, workspace.id, { url: `${options.apiUrl}${demoChatPath}/webhooks`, secret: webhookSecret });
  });
  const bot = new AiBot({ client: createHandoverClient({ baseUrl: options.apiUrl, apiKey: key }), brain: brainFromEnv(process.env), ...(process.env.AI_BOT_SHOP_NAME ? { shopName: process.env.AI_BOT_SHOP_NAME } : {}) });
  return { mount: { path: demoChatPath, handler: chatRouter(bot, { webhookSecret }) }, stop: () => bot.stop() };
}
