// The bot's state machine on its own: webhooks arrive at least once, in any order across handovers, and a
// customer can stop waiting while an agent takes over. The client is a fake here (the real API is exercised
// by test/browser/demo.test.ts); the brain is the real rule brain.
import type { HandoverClient, WebhookEvent } from '@handover/client';
import { expect, it } from 'vitest';
import { AiBot } from './bot.ts';
import { createRuleBrain } from './brain/index.ts';
import type { ChatEvent, ChatStatus } from './chat-events.ts';

function fakeClient(): HandoverClient & { left: string[] } {
  let seq = 0;
  const left: string[] = [];
  const handover = { id: 'h1', endedAt: null, queuePosition: 1, estimatedWaitSeconds: null };
  return {
    left,
    api: null as never,
    routeCustomerMessage: async () => ({ messageId: `m${++seq}`, routedTo: 'ai', handoverId: null }),
    recordAiReply: async () => ({ sent: true, messageId: `m${++seq}`, seq }),
    listMessages: async () => [],
    startHandover: async () => ({ handover: handover as never, created: true }),
    getConversation: async () => ({ conversationId: 'c', aiPaused: true, activeHandover: null }),
    reportTyping: async () => ({ shown: false, reason: 'no_active_handover' }),
    leave: async (id: string) => {
      left.push(id);
      return handover as never;
    },
    rate: async () => handover as never,
    uploadAttachment: async () => {
      throw new Error('the bot sends no files');
    },
    downloadAttachment: async () => {
      throw new Error('the bot fetches no files');
    },
  };
}

let eventSeq = 0;
function event<T extends WebhookEvent['type']>(conversationId: string, type: T, data: Record<string, unknown>, id = `e${++eventSeq}`): WebhookEvent {
  return { id, type, createdAt: new Date().toISOString(), workspaceId: 'w', data: { handoverId: 'h1', conversationId, ...data } } as WebhookEvent;
}

async function waitingChat() {
  const client = fakeClient();
  const bot = new AiBot({ client, brain: createRuleBrain(), queuePollMs: 60_000 });
  const chat = bot.open('Jo Rivera');
  const seen: ChatEvent[] = [];
  bot.subscribe(chat.conversationId, (chatEvent) => seen.push(chatEvent));
  await bot.customerSays(chat.conversationId, 'Can I talk to a human please?', 'c-1');
  const status = () => [...seen].reverse().find((chatEvent) => chatEvent.type === 'status') as { status: ChatStatus } | undefined;
  return { bot, client, id: chat.conversationId, seen, status };
}

const ana = { id: 'ana', name: 'Ana Lopez' };

it('waits for a person after asking for one, and shows the agent who takes it', async () => {
  const { bot, id, status, seen } = await waitingChat();
  expect(status()?.status).toMatchObject({ mode: 'waiting', handoverId: 'h1', queuePosition: 1 });
  bot.handleWebhook(event(id, 'handover.claimed', { assignee: ana }));
  expect(status()?.status).toEqual({ mode: 'agent', handoverId: 'h1', agentName: 'Ana Lopez' });
  expect(seen.filter((chatEvent) => chatEvent.type === 'notice').map((chatEvent) => (chatEvent as { text: string }).text)).toEqual(['Ana Lopez joined the chat.']);
  bot.stop();
});

it("takes the agent's typing in its stride: an event type it does not show changes nothing", async () => {
  const { bot, id, seen } = await waitingChat();
  bot.handleWebhook(event(id, 'handover.claimed', { assignee: ana }));
  const before = seen.length;
  const at = new Date().toISOString();
  bot.handleWebhook(event(id, 'handover.typing', { agent: ana, typing: true, at, expiresAt: at }));
  expect(seen).toHaveLength(before);
  bot.stop();
});

it('acts on a webhook delivered twice once', async () => {
  const { bot, id, seen } = await waitingChat();
  const claimed = event(id, 'handover.claimed', { assignee: ana });
  bot.handleWebhook(claimed);
  bot.handleWebhook(claimed);
  const message = { id: 'm9', conversationId: id, handoverId: 'h1', seq: 9, sender: 'agent', author: ana, body: 'Hi, Ana here', clientMessageId: null, createdAt: new Date().toISOString() };
  bot.handleWebhook(event(id, 'handover.message', { message }));
  bot.handleWebhook(event(id, 'handover.message', { message })); // another event id, the same message
  expect(seen.filter((chatEvent) => chatEvent.type === 'notice')).toHaveLength(1);
  expect(seen.filter((chatEvent) => chatEvent.type === 'message' && chatEvent.message.id === 'm9')).toHaveLength(1);
  bot.stop();
});

it('ends up with the assistant when the customer stops waiting while an agent takes over', async () => {
  const { bot, client, id, status } = await waitingChat();
  await bot.cancelWait(id);
  expect(client.left).toEqual(['h1']);
  // Its webhooks still on their way (the request, a claim recorded just before the leave) change nothing.
  bot.handleWebhook(event(id, 'handover.requested', { reason: 'x', trigger: 'user_request' }));
  expect(status()?.status).toEqual({ mode: 'ai' });
  bot.handleWebhook(event(id, 'handover.claimed', { assignee: ana }));
  expect(status()?.status).toEqual({ mode: 'ai' });
  bot.handleWebhook(event(id, 'handover.ended', { outcome: 'customer_left', aiResumed: false, rating: { requested: true, path: '/x' } }));
  expect(status()?.status).toEqual({ mode: 'ai' });
  // A late redelivery of the claim changes nothing now.
  bot.handleWebhook(event(id, 'handover.claimed', { assignee: ana }));
  expect(status()?.status).toEqual({ mode: 'ai' });
  bot.stop();
});

it('asks for a rating when an agent ends the handover, not when the customer left', async () => {
  const { bot, id, seen } = await waitingChat();
  bot.handleWebhook(event(id, 'handover.claimed', { assignee: ana }));
  bot.handleWebhook(event(id, 'handover.ended', { outcome: 'resolved', aiResumed: true, rating: { requested: true, path: '/x' } }));
  expect(seen.filter((chatEvent) => chatEvent.type === 'rating')).toEqual([{ type: 'rating', ratingFor: 'h1' }]);
  expect(seen.some((chatEvent) => chatEvent.type === 'notice' && chatEvent.text === 'Ana Lopez ended the chat. The assistant is here again.')).toBe(true);
  bot.stop();
});
