import { z } from './zod.ts';
import { Id, IsoTime } from './common.ts';
import { Message, Outcome, Trigger } from './handovers.ts';

// The bodies Handover POSTs to the AI service's webhook URL. They are written by the activities
// (activities/handovers.ts, activities/messages.ts), and `handover.typing` by the API (api/typing.ts); described
// here so that the OpenAPI document's `webhooks` section, and the client generated from it, say what a receiver gets.

const MemberRef = z.object({ id: Id, name: z.string() });

function event<T extends string, D extends z.ZodRawShape>(type: T, description: string, data: D) {
  return z
    .object({
      id: z.string().meta({ description: 'Stable across retries: drop a delivery whose id you have already handled' }),
      type: z.literal(type),
      createdAt: IsoTime,
      workspaceId: Id,
      data: z.object({ handoverId: Id, conversationId: z.string(), ...data }),
    })
    .meta({ id: `WebhookEvent_${type.replace('.', '_')}`, description });
}

export const HandoverRequestedEvent = event('handover.requested', 'A handover was requested', { reason: z.string(), trigger: Trigger });
export const HandoverEscalatedEvent = event('handover.escalated', 'Nobody took the handover in time: the next ladder level is notified', {
  level: z.number().int(),
});
export const HandoverClaimedEvent = event('handover.claimed', 'A member took the handover over', { assignee: MemberRef });
export const HandoverTransferredEvent = event('handover.transferred', 'The handover moved to another member', { from: MemberRef, to: MemberRef });
export const HandoverRequeuedEvent = event('handover.requeued', 'The assignee let the handover go: it waits for a member again', {
  previousAssignee: MemberRef,
});
export const HandoverMessageEvent = event(
  'handover.message',
  'An agent or system message for the customer: send it to their channel, with its files (`message.attachments`: GET each `path` with your API key)',
  {
    message: Message,
  },
);
export const HandoverEndedEvent = event('handover.ended', 'The handover ended', {
  outcome: Outcome,
  aiResumed: z.boolean(),
  rating: z.object({
    requested: z.boolean(),
    path: z.string().meta({ description: "Where to POST the customer's rating, below the API's origin" }),
  }),
});
export const HandoverTypingEvent = event(
  'handover.typing',
  'The assignee is typing (or stopped): show it to the customer if the channel can. Best effort: sent at once, never ' +
    'retried nor logged; at most one `typing: true` per handover every 3 s while the agent types. Hide it at `expiresAt` ' +
    'unless another one comes, or on `typing: false` or the agent\'s message.',
  {
    agent: MemberRef,
    typing: z.boolean(),
    at: IsoTime,
    expiresAt: IsoTime.meta({ description: 'Until when to show it unless told again; equals `at` when typing is false' }),
  },
);
export const AiPausedEvent = event('conversation.ai_paused', 'A person has the conversation: the AI must stay silent', {});
export const AiResumedEvent = event('conversation.ai_resumed', 'The conversation is the AI’s again', {});

export const WebhookEvent = z
  .discriminatedUnion('type', [
    HandoverRequestedEvent,
    HandoverEscalatedEvent,
    HandoverClaimedEvent,
    HandoverTransferredEvent,
    HandoverRequeuedEvent,
    HandoverMessageEvent,
    HandoverEndedEvent,
    HandoverTypingEvent,
    AiPausedEvent,
    AiResumedEvent,
  ])
  .meta({ id: 'WebhookEvent', description: 'Every webhook delivery body; branch on `type`' });
export type WebhookEvent = z.infer<typeof WebhookEvent>;
