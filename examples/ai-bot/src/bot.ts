import { randomUUID } from 'node:crypto';
import { HandoverError, type HandoverClient, type Message, type WebhookEvent } from '@handover/client';
import { DEFAULT_SHOP_NAME, type Brain, type Turn } from './brain/index.ts';
import type { ChatEvent, ChatMessage, ChatState, ChatStatus } from './chat-events.ts';

export interface AiBotOptions {
  client: HandoverClient;
  brain: Brain;
  /** How often a waiting customer's queue position is read again (default 2 s). */
  queuePollMs?: number;
  shopName?: string;
}

type Listener = (event: ChatEvent) => void;

const maxChats = 500;

interface Conversation extends ChatState {
  listeners: Set<Listener>;
  /** Webhook event ids acted on: Handover delivers at least once. */
  handledEvents: Set<string>;
  /** Handovers of this chat that have ended: a late event of one of them changes nothing. */
  endedHandovers: Set<string>;
}

/** A chat shows its latest messages; older ones are in Handover's transcript. */
const maxMessagesShown = 200;

/**
 * The reference AI service: it is the customer's channel (the chat page talks to it) and their assistant. Every
 * customer message goes through Handover first; while a person has the conversation the bot stays silent and
 * relays what the agent writes (from webhooks); it records each of its own answers before showing it, and drops
 * an answer Handover fences off.
 */
export class AiBot {
  private readonly conversations = new Map<string, Conversation>();
  private readonly client: HandoverClient;
  private readonly brain: Brain;
  private readonly poller: NodeJS.Timeout;
  private readonly shopName: string;
  private refreshing = false;

  constructor(options: AiBotOptions) {
    this.client = options.client;
    this.brain = options.brain;
    this.shopName = options.shopName ?? DEFAULT_SHOP_NAME;
    this.poller = setInterval(() => void this.refreshQueuePositions(), options.queuePollMs ?? 2000);
    this.poller.unref();
  }

  stop(): void {
    clearInterval(this.poller);
  }

  /** A new chat, one per browser tab. The demo keeps chats in memory, so the oldest go past a few hundred. */
  open(customerName: string): ChatState {
    for (const [id, old] of this.conversations) {
      if (this.conversations.size < maxChats) break;
      for (const listener of old.listeners) listener({ type: 'notice', text: 'This chat has ended.' });
      this.conversations.delete(id);
    }
    const conversation: Conversation = {
      conversationId: `demo-${randomUUID()}`,
      shopName: this.shopName,
      customerName,
      messages: [],
      status: { mode: 'ai' },
      ratingFor: null,
      listeners: new Set(),
      handledEvents: new Set(),
      endedHandovers: new Set(),
    };
    this.conversations.set(conversation.conversationId, conversation);
    this.say(conversation, `Hi ${customerName.split(' ')[0]}! I'm the ${this.shopName} assistant. Ask me about shipping, returns, your order, or anything else.`);
    return snapshot(conversation);
  }

  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /** Streams a chat's events, starting with where it stands. Returns the unsubscribe. */
  subscribe(conversationId: string, listener: Listener): () => void {
    const conversation = this.require(conversationId);
    conversation.listeners.add(listener);
    listener({ type: 'snapshot', state: snapshot(conversation) });
    return () => conversation.listeners.delete(listener);
  }

  /** The customer wrote: route it through Handover, then answer unless a person has the conversation. */
  async customerSays(conversationId: string, text: string, clientMessageId: string): Promise<void> {
    const conversation = this.require(conversationId);
    const routed = await this.client.routeCustomerMessage(conversationId, { body: text, clientMessageId });
    this.show(conversation, { id: routed.messageId, from: 'customer', author: null, text, at: new Date().toISOString() });
    if (routed.routedTo === 'human') return;

    const history = await this.turns(conversationId, routed.messageId);
    const decision = await this.brain.decide(history, text);
    const answer = decision.kind === 'answer' ? decision.text : decision.reply;
    // Named after the message it answers: the same customer message sent again gets the same reply, stored once.
    const reply = await this.client.recordAiReply(conversationId, { body: answer, inReplyTo: routed.messageId, clientMessageId: `reply:${routed.messageId}` });
    // Fenced: a handover began since this message (a customer message sent just before, an agent); not shown.
    if (!reply.sent) return;
    this.show(conversation, { id: reply.messageId, from: 'ai', author: null, text: answer, at: new Date().toISOString() });
    if (decision.kind !== 'handover') return;

    const { handover } = await this.client.startHandover({
      conversationId,
      trigger: decision.trigger,
      reason: decision.reason,
      customer: { name: conversation.customerName },
      transcript: [...history, { from: 'ai' as const, text: decision.reply }]
        .filter((turn) => turn.from !== 'agent')
        .slice(-200)
        .map((turn) => ({ role: turn.from === 'customer' ? ('customer' as const) : ('ai' as const), body: turn.text })),
    });
    // A webhook may have told us more already (a member took it at once, or it ended): only then does it wait.
    if (handover.endedAt === null && conversation.status.mode === 'ai' && !conversation.endedHandovers.has(handover.id)) {
      this.setStatus(conversation, waiting(handover.id, handover.queuePosition, handover.estimatedWaitSeconds));
    }
  }

  /** The customer no longer wants to wait: the handover ends and the assistant has the conversation again. */
  async cancelWait(conversationId: string): Promise<void> {
    const conversation = this.require(conversationId);
    if (conversation.status.mode !== 'waiting') return;
    const { handoverId } = conversation.status;
    await this.client.leave(handoverId).catch((error: unknown) => {
      // It ended meanwhile (taken and ended, or timed out): what the webhook says next is what counts.
      if (!(error instanceof HandoverError && error.code === 'handover_ended')) throw error;
    });
    // The handover ends a moment after Handover accepts the leave: until then the customer's next message would
    // still go to the team, and the assistant would stay silent. Wait for the conversation to be the AI's again.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      const current = await this.client.getConversation(conversationId);
      if (current.activeHandover?.id !== handoverId) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Left for good: its events still on their way (requested, even claimed in the same moment) change nothing.
    conversation.endedHandovers.add(handoverId);
    this.setStatus(conversation, { mode: 'ai' });
    this.notice(conversation, 'You left the queue. The assistant is here again.');
  }

  async rate(conversationId: string, score: number, comment: string | undefined): Promise<void> {
    const conversation = this.require(conversationId);
    if (!conversation.ratingFor) return;
    await this.client.rate(conversation.ratingFor, { score, ...(comment ? { comment } : {}) }).catch((error: unknown) => {
      if (!(error instanceof HandoverError && error.code === 'already_rated')) throw error;
    });
    conversation.ratingFor = null;
    this.emit(conversation, { type: 'rating', ratingFor: null });
    this.notice(conversation, 'Thanks for your feedback!');
  }

  /**
   * A verified webhook delivery from Handover. Unknown conversations (not this demo's) are ignored, and so are an
   * event handled before (delivered again) and any event of a handover that has ended.
   */
  handleWebhook(event: WebhookEvent): void {
    const conversation = this.conversations.get(event.data.conversationId);
    if (!conversation || conversation.handledEvents.has(event.id)) return;
    conversation.handledEvents.add(event.id);
    const { handoverId } = event.data;
    if (conversation.endedHandovers.has(handoverId)) return;
    switch (event.type) {
      case 'handover.requested':
        if (conversation.status.mode === 'ai') this.setStatus(conversation, waiting(handoverId, null, null));
        break;
      case 'handover.claimed':
        this.setStatus(conversation, { mode: 'agent', handoverId, agentName: event.data.assignee.name });
        this.notice(conversation, `${event.data.assignee.name} joined the chat.`);
        break;
      case 'handover.transferred':
        this.setStatus(conversation, { mode: 'agent', handoverId, agentName: event.data.to.name });
        this.notice(conversation, `${event.data.to.name} took over from ${event.data.from.name}.`);
        break;
      case 'handover.requeued':
        this.setStatus(conversation, waiting(handoverId, null, null));
        this.notice(conversation, `${event.data.previousAssignee.name} had to step away. You are back in the queue.`);
        break;
      case 'handover.message': {
        const { message } = event.data;
        this.show(conversation, { id: message.id, from: message.sender, author: message.author?.name ?? null, text: message.body, at: message.createdAt });
        break;
      }
      case 'handover.ended': {
        conversation.endedHandovers.add(handoverId);
        const shownStatus = conversation.status;
        const wasThisOne = shownStatus.mode !== 'ai' && shownStatus.handoverId === handoverId;
        if (wasThisOne) this.setStatus(conversation, { mode: 'ai' });
        // The customer who left knows (cancelWait said so), and is not asked to rate a chat they walked out of.
        if (event.data.outcome === 'customer_left') break;
        this.notice(conversation, endNotice(wasThisOne ? shownStatus : { mode: 'ai' }, event.data.outcome));
        if (event.data.rating.requested) {
          conversation.ratingFor = handoverId;
          this.emit(conversation, { type: 'rating', ratingFor: handoverId });
        }
        break;
      }
      default:
        // conversation.ai_paused and conversation.ai_resumed say what the handover's own events said.
        break;
    }
  }

  /** The conversation as the brain needs it: what was said before the message being answered. */
  private async turns(conversationId: string, upToMessageId: string): Promise<Turn[]> {
    const messages: Message[] = [];
    for (let afterSeq = 0; ; ) {
      const page = await this.client.listMessages(conversationId, { afterSeq, limit: 500 });
      messages.push(...page);
      if (page.length < 500) break;
      afterSeq = page.at(-1)!.seq;
    }
    const upTo = messages.findIndex((message) => message.id === upToMessageId);
    return (upTo === -1 ? messages : messages.slice(0, upTo))
      .filter((message) => message.sender !== 'system')
      .map((message) => ({ from: message.sender === 'customer' ? 'customer' : message.sender === 'ai' ? 'ai' : 'agent', text: message.body }));
  }

  private async refreshQueuePositions(): Promise<void> {
    // One round at a time: while the API is slow, rounds must not pile up.
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      await this.refreshEachWaitingChat();
    } finally {
      this.refreshing = false;
    }
  }

  private async refreshEachWaitingChat(): Promise<void> {
    for (const conversation of this.conversations.values()) {
      const { status } = conversation;
      if (status.mode !== 'waiting' || conversation.listeners.size === 0) continue;
      const current = await this.client.getConversation(conversation.conversationId).catch(() => null);
      const handover = current?.activeHandover;
      if (!handover || handover.id !== status.handoverId || handover.status !== 'pending') continue;
      if (conversation.status.mode !== 'waiting') continue; // claimed while we asked
      if (handover.queuePosition !== status.queuePosition || handover.estimatedWaitSeconds !== status.estimatedWaitSeconds) {
        this.setStatus(conversation, waiting(handover.id, handover.queuePosition, handover.estimatedWaitSeconds));
      }
    }
  }

  /** A greeting that is not an answer to anything: shown, not recorded (there is no message it replies to). */
  private say(conversation: Conversation, text: string): void {
    this.show(conversation, { id: `greeting-${conversation.conversationId}`, from: 'ai', author: null, text, at: new Date().toISOString() });
  }

  private notice(conversation: Conversation, text: string): void {
    this.emit(conversation, { type: 'notice', text });
  }

  private show(conversation: Conversation, message: ChatMessage): void {
    // Webhooks are delivered at least once: a message already shown is not shown again.
    if (conversation.messages.some((shown) => shown.id === message.id)) return;
    conversation.messages.push(message);
    if (conversation.messages.length > maxMessagesShown) conversation.messages.shift();
    this.emit(conversation, { type: 'message', message });
  }

  private setStatus(conversation: Conversation, status: ChatStatus): void {
    conversation.status = status;
    this.emit(conversation, { type: 'status', status });
  }

  private emit(conversation: Conversation, event: ChatEvent): void {
    for (const listener of conversation.listeners) listener(event);
  }

  private require(conversationId: string): Conversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new UnknownChatError(conversationId);
    return conversation;
  }
}

export class UnknownChatError extends Error {
  constructor(conversationId: string) {
    super(`No demo chat ${conversationId}`);
  }
}

function waiting(handoverId: string, queuePosition: number | null, estimatedWaitSeconds: number | null): ChatStatus {
  return { mode: 'waiting', handoverId, queuePosition, estimatedWaitSeconds };
}

function endNotice(status: ChatStatus, outcome: string): string {
  const who = status.mode === 'agent' ? status.agentName : 'The team';
  if (outcome === 'timed_out') return 'Nobody from the team could take the chat in time. The assistant is here again.';
  return `${who} ended the chat. The assistant is here again.`;
}

function snapshot(conversation: Conversation): ChatState {
  const { conversationId, shopName, customerName, messages, status, ratingFor } = conversation;
  return structuredClone({ conversationId, shopName, customerName, messages, status, ratingFor });
}
