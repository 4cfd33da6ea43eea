import type { HandoverEventType, HandoverStatus, Outcome, Trigger } from '../domain/handover.ts';
import type { NotifyAudience } from '../domain/policy.ts';
import type { Db } from '../db/connect.ts';
import { closeConversation, setAiPaused } from '../db/conversations.ts';
import { recordHandoverEvent } from '../db/handover-events.ts';
import { findHandover, updateHandover } from '../db/handovers.ts';
import { publishLiveEvent } from '../db/live-events.ts';
import { enqueueWebhookEvent, type WebhookEventType } from '../db/webhook-outbox.ts';
import type { ActivityDeps } from './index.ts';
import { storeSystemMessage } from './messages.ts';
import type { HandoverRefs } from './refs.ts';

type Actor = { id: string; name: string };

/** What an activity recorded for the workflow to deliver, in order. */
export interface Delivered {
  webhookEventIds: string[];
}

/**
 * The lifecycle's side effects: the read model, the audit trail, live events and webhooks. Each step's
 * events and webhooks are keyed by the handover and the step, so a retried activity records them once.
 */
export function createHandoverActivities({ db }: ActivityDeps) {
  return {
    /** Pauses the AI, records the request and tells the members and the AI service. */
    async recordRequested(input: HandoverRefs & { reason: string; trigger: Trigger; requestedAt: string }): Promise<Delivered> {
      await setAiPaused(db, input.workspaceId, input.conversationId, true);
      const at = new Date(input.requestedAt);
      await timeline(db, input, 'requested', 'requested', { at, data: { trigger: input.trigger, reason: input.reason } });
      await timeline(db, input, 'notified', 'notified:0', { at, data: { audience: 'members', level: 0 } });
      const webhooks = [
        await webhook(db, input, 'conversation.ai_paused', 'ai_paused', {}),
        await webhook(db, input, 'handover.requested', 'requested', { reason: input.reason, trigger: input.trigger }),
      ];
      await publishHandover(db, input);
      return { webhookEventIds: webhooks };
    },

    /** Nobody claimed in time: a level up, the wider audience told, and the customer reassured. */
    async recordEscalation(
      input: HandoverRefs & { level: number; notify: NotifyAudience; customerMessage: string | null },
    ): Promise<Delivered> {
      await updateHandover(db, input.workspaceId, input.handoverId, { escalation_level: input.level });
      await timeline(db, input, 'escalated', `escalated:${input.level}`, { data: { level: input.level, notify: input.notify } });
      await timeline(db, input, 'notified', `notified:${input.level}`, { data: { audience: input.notify, level: input.level } });
      const webhooks = [await webhook(db, input, 'handover.escalated', `escalated.${input.level}`, { level: input.level })];
      if (input.customerMessage) webhooks.push(await storeSystemMessage(db, input, `escalation:${input.level}`, input.customerMessage));
      await publishHandover(db, input);
      return { webhookEventIds: webhooks };
    },

    async recordClaim(input: HandoverRefs & { assignee: Actor; claimedAt: string }): Promise<Delivered> {
      await updateHandover(db, input.workspaceId, input.handoverId, {
        status: 'in_progress',
        assignee_id: input.assignee.id,
        claimed_at: input.claimedAt,
      });
      await timeline(db, input, 'claimed', `claimed:${input.claimedAt}`, { actor: input.assignee, at: new Date(input.claimedAt) });
      const webhooks = [
        await webhook(db, input, 'handover.claimed', `claimed.${Date.parse(input.claimedAt)}`, { assignee: input.assignee }),
      ];
      await publishHandover(db, input);
      return { webhookEventIds: webhooks };
    },

    /** A transfer: the old assignee loses the handover, both are told. */
    async recordTransfer(input: HandoverRefs & { actor: Actor; from: Actor; to: Actor; transfers: number }): Promise<Delivered> {
      await updateHandover(db, input.workspaceId, input.handoverId, { assignee_id: input.to.id, transfers: input.transfers });
      await timeline(db, input, 'transferred', `transferred:${input.transfers}`, { actor: input.actor, data: { from: input.from, to: input.to } });
      const webhooks = [await webhook(db, input, 'handover.transferred', `transferred.${input.transfers}`, { from: input.from, to: input.to })];
      await publishHandover(db, input);
      return { webhookEventIds: webhooks };
    },

    /** The assignee has not answered the customer in time: a nudge on their screen and in the timeline. */
    async recordReminder(input: HandoverRefs & { assignee: Actor; since: string }): Promise<Delivered> {
      await timeline(db, input, 'reminded', `reminded:${input.assignee.id}:${input.since}`, {
        data: { assignee: input.assignee, waitingSince: input.since },
      });
      await publishHandover(db, input);
      return { webhookEventIds: [] };
    },

    /** The assignee stayed silent: back to pending, the ladder starts again, and the old assignee is told. */
    async recordRequeue(input: HandoverRefs & { previousAssignee: Actor; requeuedAt: string; requeues: number }): Promise<Delivered> {
      await updateHandover(db, input.workspaceId, input.handoverId, { status: 'pending', assignee_id: null, claimed_at: null, escalation_level: 0 });
      await timeline(db, input, 'requeued', `requeued:${input.requeues}`, {
        at: new Date(input.requeuedAt),
        data: { previousAssignee: input.previousAssignee, reason: 'assignee_silent' },
      });
      const webhooks = [
        await webhook(db, input, 'handover.requeued', `requeued.${input.requeues}`, { previousAssignee: input.previousAssignee }),
      ];
      await publishHandover(db, input);
      return { webhookEventIds: webhooks };
    },

    /** Records the end, then resumes the AI or closes the conversation, as the policy says. */
    async recordEnded(
      input: HandoverRefs & {
        status: HandoverStatus;
        outcome: Outcome;
        aiResumed: boolean;
        endedAt: string;
        actor: Actor | null;
        note: string | null;
        customerMessage: string | null;
      },
    ): Promise<Delivered> {
      const webhooks: string[] = [];
      if (input.customerMessage) webhooks.push(await storeSystemMessage(db, input, 'ended', input.customerMessage));
      await updateHandover(db, input.workspaceId, input.handoverId, {
        status: input.status,
        outcome: input.outcome,
        ai_resumed: input.aiResumed,
        ended_at: input.endedAt,
      });
      if (input.aiResumed) await setAiPaused(db, input.workspaceId, input.conversationId, false);
      else await closeConversation(db, input.workspaceId, input.conversationId);
      await timeline(db, input, 'ended', 'ended', {
        actor: input.actor,
        at: new Date(input.endedAt),
        data: { outcome: input.outcome, status: input.status, aiResumed: input.aiResumed, ...(input.note ? { note: input.note } : {}) },
      });
      webhooks.push(
        await webhook(db, input, 'handover.ended', 'ended', {
          outcome: input.outcome,
          aiResumed: input.aiResumed,
          // The channel asks the customer to rate the conversation and posts the answer to this path.
          rating: { requested: true, path: `/api/v1/handovers/${input.handoverId}/rating` },
        }),
      );
      if (input.aiResumed) webhooks.push(await webhook(db, input, 'conversation.ai_resumed', 'ai_resumed', {}));
      await publishHandover(db, input);
      return { webhookEventIds: webhooks };
    },
  };
}

/** An entry of the handover's timeline, once per step. */
async function timeline(
  db: Db,
  refs: HandoverRefs,
  type: HandoverEventType,
  step: string,
  fields: { actor?: Actor | null; data?: Record<string, unknown>; at?: Date },
): Promise<void> {
  await recordHandoverEvent(db, {
    workspaceId: refs.workspaceId,
    handoverId: refs.handoverId,
    type,
    actor: fields.actor ?? null,
    ...(fields.data ? { data: fields.data } : {}),
    ...(fields.at ? { at: fields.at } : {}),
    dedupeKey: `${refs.handoverId}:${step}`,
  });
}

/** A webhook event for the AI service, with an id stable across retries (the handover and the step). */
async function webhook(db: Db, refs: HandoverRefs, type: WebhookEventType, step: string, data: Record<string, unknown>): Promise<string> {
  return enqueueWebhookEvent(db, {
    id: `${refs.handoverId}.${step}`,
    workspaceId: refs.workspaceId,
    type,
    data: { handoverId: refs.handoverId, conversationId: refs.conversationExternalId, ...data },
  });
}

/** Pushes the handover's new state to the consoles watching. */
async function publishHandover(db: Db, refs: HandoverRefs): Promise<void> {
  const handover = await findHandover(db, refs.workspaceId, refs.handoverId);
  if (!handover) return;
  await publishLiveEvent(db, { workspaceId: refs.workspaceId, type: 'handover.updated', handoverId: refs.handoverId, payload: { handover } });
}
