import { HandoverError, verifyWebhook, WebhookVerificationError } from '@handover/client';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { UnknownChatError, type AiBot } from './bot.ts';

const customerNames = ['Jo Rivera', 'Sam Okafor', 'Mia Chen', 'Leo Novak', 'Ines Duarte', 'Tom Becker', 'Priya Shah', 'Noah Kim'];

/**
 * The bot's HTTP side: the chat page's calls and event stream (the customer's channel), and the endpoint that
 * receives Handover's signed webhooks. Mount it where the chat page can reach it.
 */
export function chatRouter(bot: AiBot, options: { webhookSecret: string; log?: (line: string) => void }): Router {
  const log = options.log ?? ((line: string) => console.error(line));
  const router = express.Router();
  const json = express.json({ limit: '8kb' });

  router.post('/webhooks', express.raw({ type: '*/*', limit: '256kb' }), async (req, res) => {
    try {
      const event = await verifyWebhook(req.body as Buffer, req.headers, options.webhookSecret);
      // Handled before (its answer was lost) or not, the bot drops what it has seen: acknowledge either way.
      bot.handleWebhook(event);
      res.sendStatus(204);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      log(`AI bot: refused a webhook delivery (${error.reason})`);
      res.sendStatus(400);
    }
  });

  router.post('/chats', json, (req, res) => {
    const requested = typeof req.body?.customerName === 'string' ? req.body.customerName.trim().slice(0, 60) : '';
    const name = requested || customerNames[Math.floor(Math.random() * customerNames.length)]!;
    res.status(201).json(bot.open(name));
  });

  router.get('/chats/:id/events', (req, res) => {
    if (!bot.has(req.params.id)) throw new UnknownChatError(req.params.id);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const unsubscribe = bot.subscribe(req.params.id, (event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });

  router.post('/chats/:id/messages', json, async (req, res) => {
    const text = typeof req.body?.text === 'string' ? req.body.text.trim() : '';
    const clientMessageId = typeof req.body?.clientMessageId === 'string' ? req.body.clientMessageId : '';
    if (!text || text.length > 4000) {
      res.status(422).json({ error: 'Write a message of 1 to 4,000 characters.' });
      return;
    }
    if (!clientMessageId || clientMessageId.length > 200) {
      res.status(422).json({ error: 'clientMessageId is required (1 to 200 characters): the page sends it again with a retry.' });
      return;
    }
    await bot.customerSays(req.params.id, text, clientMessageId);
    res.sendStatus(204);
  });

  router.post('/chats/:id/cancel', async (req, res) => {
    await bot.cancelWait(req.params.id);
    res.sendStatus(204);
  });

  router.post('/chats/:id/rating', json, async (req, res) => {
    const score = Number(req.body?.score);
    const comment = typeof req.body?.comment === 'string' ? req.body.comment.trim().slice(0, 2000) : undefined;
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      res.status(422).json({ error: 'Choose 1 to 5 stars.' });
      return;
    }
    await bot.rate(req.params.id, score, comment);
    res.sendStatus(204);
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof UnknownChatError) {
      res.status(404).json({ error: 'This chat has ended. Reload the page to start a new one.' });
      return;
    }
    const busy = error instanceof HandoverError && error.code === 'unavailable';
    // Never the key: the client's errors carry the API's code and message only.
    log(`AI bot: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    res.status(busy ? 503 : 500).json({ error: busy ? 'The service is busy. Try again in a moment.' : 'Something went wrong.' });
  });
  return router;
}
