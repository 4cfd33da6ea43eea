// Runs the reference bot on its own, against any Handover: `npm start -w @handover/ai-bot` with
// HANDOVER_API_URL, HANDOVER_API_KEY and HANDOVER_WEBHOOK_SECRET set, and the workspace's webhook pointing at
// <this server>/webhooks. (`npm start` at the repository root runs it for the demo by itself.)
import { createHandoverClient } from '@handover/client';
import express from 'express';
import { AiBot } from './bot.ts';
import { brainFromEnv } from './brain/index.ts';
import { chatRouter } from './http.ts';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    console.error(`Set ${name}.`);
    process.exit(1);
  }
  return value;
};

const client = createHandoverClient({ baseUrl: required('HANDOVER_API_URL'), apiKey: required('HANDOVER_API_KEY') });
const bot = new AiBot({ client, brain: brainFromEnv(process.env) });
const app = express();
app.use(chatRouter(bot, { webhookSecret: required('HANDOVER_WEBHOOK_SECRET') }));
const port = Number(process.env.PORT ?? 3100);
app.listen(port, () => console.log(`AI bot on http://localhost:${port} (webhooks at /webhooks, the chat API at /chats)`));
