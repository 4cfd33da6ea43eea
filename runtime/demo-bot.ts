// The one-minute demo: the reference AI bot (examples/ai-bot) plays the demo workspace's AI service on the same
// origin as the console, so that /demo can chat with it while the console shows the other side.
import { createHandoverClient } from '@handover/client';
import { AiBot, brainFromEnv, chatRouter } from '@handover/ai-bot';
import type { RequestHandler } from 'express';
import { hashToken, newApiKey, newWebhookSecret } from '../api/auth/secrets.ts';
import { insertApiKey } from '../db/api-keys.ts';
import type { Db } from '../db/connect.ts';
import { findWebhookEndpoint, saveWebhookEndpoint } from '../db/webhook-endpoints.ts';

export const demoChatPath = '/demo/api';
const botKeyName = 'Demo AI bot';

export interface DemoBot {
  /** Serve it on the API's origin, before the console. */
  mount: { path: string; handler: RequestHandler };
  /**
   * Gives the bot its key and the workspace's webhook, once the API listens (so a second start that cannot
   * listen takes nothing from a running one). Returns the URL the webhook points at instead, when someone set
   * it to their own receiver: that is left alone, and the chat then does not hear the agents.
   */
  provision(db: Db, workspaceId: string): Promise<{ webhookElsewhere: string | null }>;
  stop(): void;
}

export function createDemoBot(options: { apiUrl: string; log?: (line: string) => void }): DemoBot {
  const { key, prefix } = newApiKey();
  const webhookSecret = newWebhookSecret();
  const webhookUrl = `${options.apiUrl}${demoChatPath}/webhooks`;
  const bot = new AiBot({
    client: createHandoverClient({ baseUrl: options.apiUrl, apiKey: key }),
    brain: brainFromEnv(process.env),
    ...(process.env.AI_BOT_SHOP_NAME ? { shopName: process.env.AI_BOT_SHOP_NAME } : {}),
  });
  return {
    mount: { path: demoChatPath, handler: chatRouter(bot, { webhookSecret, ...(options.log ? { log: options.log } : {}) }) },
    async provision(db, workspaceId) {
      return db.transaction().execute(async (tx) => {
        // The previous run's key goes: only hashes are stored, so it could not be handed to this bot anyway.
        await tx
          .updateTable('api_keys')
          .set({ revoked_at: new Date() })
          .where('workspace_id', '=', workspaceId)
          .where('name', '=', botKeyName)
          .where('revoked_at', 'is', null)
          .execute();
        await insertApiKey(tx, { workspaceId, name: botKeyName, prefix, keyHash: hashToken(key), createdBy: null });
        const current = await findWebhookEndpoint(tx, workspaceId);
        if (current && current.url !== webhookUrl) return { webhookElsewhere: current.url };
        // No grace for the previous run's secret: its bot is gone, nothing verifies with it any more.
        await saveWebhookEndpoint(tx, workspaceId, { url: webhookUrl, secret: webhookSecret, replaceSecret: true, previousSecretExpiresAt: new Date() });
        return { webhookElsewhere: null };
      });
    },
    stop: () => bot.stop(),
  };
}
