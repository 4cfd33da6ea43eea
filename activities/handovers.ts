import type { HandoverStatus, Outcome, Trigger } from '../domain/handover.ts';
import type { NotifyAudience } from '../domain/policy.ts';
import { closeConversation, setAiPaused } from '../db/conversations.ts';
import { recordHandoverEvent } from '../db/handover-events.ts';
import { findHandover, updateHandover } from '../db/handovers.ts';
import { publishLiveEvent } from '../db/live-events.ts';
import { enqueueWebhookEvent } from '../db/webhook-outbox.ts';
import type { ActivityDeps } from './index.ts';
import { storeSystemMessage } from './messages.ts';
import type { HandoverRefs } from './refs.ts';

type Actor = { id: string; name: string };

/** What an activity recorded for the workflow to deliver, in order. */
export interface Delivered {
  webhookEventIds: string[];
}

/** The lifecycle's side effects: the read model, the audit trail, live events and webhooks. */
export function createHandoverActivities({ db }: ActivityDeps) {
  async function publishHandover(refs: HandoverRefs): Promise<void> {
    const handover = await findHandover(db, refs.workspaceId, refs.handoverId);
    if (!handover) return;
    await publishLiveEvent(db, {
      workspaceId: refs.workspaceId,
      type: 'handover.updated',
      handoverId: refs.handoverId,
      payload: { handover },
    });
  }

  return {
    /** Pauses the AI, records the request and tells the members and the AI service. */
    async recordRequested(input: HandoverRefs & { reason: string; trigger: Trigger; requestedAt: string }): Promise<Delivered> {
      const webhooks: string[] = [];
      await setAiPaused(db, input.workspaceId, input.conversationId, true);
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'requested',
        actor: null,
        data: { trigger: input.trigger, reason: input.reason },
        at: new Date(input.requestedAt),
        dedupeKey: `${input.handoverId}:requested`,
      });
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'notified',
        actor: null,
        data: { audience: 'members', level: 0 },
        at: new Date(input.requestedAt),
        dedupeKey: `${input.handoverId}:notified:0`,
      });
      webhooks.push(await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.ai_paused`,
        workspaceId: input.workspaceId,
        type: 'conversation.ai_paused',
        data: { conversationId: input.conversationExternalId, handoverId: input.handoverId },
      }));
      webhooks.push(await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.requested`,
        workspaceId: input.workspaceId,
        type: 'handover.requested',
        data: { handoverId: input.handoverId, conversationId: input.conversationExternalId, reason: input.reason, trigger: input.trigger },
      }));
      await publishHandover(input);
      return { webhookEventIds: webhooks };
    },

    async recordEscalation(
      input: HandoverRefs & { level: number; notify: NotifyAudience; customerMessage: string | null },
    ): Promise<Delivered> {
      const webhooks: string[] = [];
      await updateHandover(db, input.workspaceId, input.handoverId, { escalation_level: input.level });
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'escalated',
        actor: null,
        data: { level: input.level, notify: input.notify },
        dedupeKey: `${input.handoverId}:escalated:${input.level}`,
      });
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'notified',
        actor: null,
        data: { audience: input.notify, level: input.level },
        dedupeKey: `${input.handoverId}:notified:${input.level}`,
      });
      webhooks.push(await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.escalated.${input.level}`,
        workspaceId: input.workspaceId,
        type: 'handover.escalated',
        data: { handoverId: input.handoverId, conversationId: input.conversationExternalId, level: input.level },
      }));
      if (input.customerMessage) {
        webhooks.push(await storeSystemMessage(db, input, `escalation:${input.level}`, input.customerMessage));
      }
      await publishHandover(input);
      return { webhookEventIds: webhooks };
    },

    async recordClaim(input: HandoverRefs & { assignee: Actor; claimedAt: string }): Promise<Delivered> {
      const webhooks: string[] = [];
      await updateHandover(db, input.workspaceId, input.handoverId, {
        status: 'in_progress',
        assignee_id: input.assignee.id,
        claimed_at: input.claimedAt,
      });
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'claimed',
        actor: input.assignee,
        at: new Date(input.claimedAt),
        dedupeKey: `${input.handoverId}:claimed:${input.claimedAt}`,
      });
      webhooks.push(await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.claimed.${Date.parse(input.claimedAt)}`,
        workspaceId: input.workspaceId,
        type: 'handover.claimed',
        data: { handoverId: input.handoverId, conversationId: input.conversationExternalId, assignee: input.assignee },
      }));
      await publishHandover(input);
      return { webhookEventIds: webhooks };
    },

    /** A transfer: the old assignee loses the handover, both are told. */
    async recordTransfer(input: HandoverRefs & { actor: Actor; from: Actor; to: Actor; transfers: number }): Promise<Delivered> {
      const webhooks: string[] = [];
      await updateHandover(db, input.workspaceId, input.handoverId, { assignee_id: input.to.id, transfers: input.transfers });
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'transferred',
        actor: input.actor,
        data: { from: input.from, to: input.to },
        dedupeKey: `${input.handoverId}:transferred:${input.transfers}`,
      });
      webhooks.push(
        await enqueueWebhookEvent(db, {
          id: `${input.handoverId}.transferred.${input.transfers}`,
          workspaceId: input.workspaceId,
          type: 'handover.transferred',
          data: { handoverId: input.handoverId, conversationId: input.conversationExternalId, from: input.from, to: input.to },
        }),
      );
      await publishHandover(input);
      return { webhookEventIds: webhooks };
    },

    /** The assignee has not answered the customer in time: a nudge on their screen and in the timeline. */
    async recordReminder(input: HandoverRefs & { assignee: Actor; since: string }): Promise<Delivered> {
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'reminded',
        actor: null,
        data: { assignee: input.assignee, waitingSince: input.since },
        dedupeKey: `${input.handoverId}:reminded:${input.assignee.id}:${input.since}`,
      });
      await publishHandover(input);
      return { webhookEventIds: [] };
    },

    /** The assignee stayed silent: back to pending, the ladder starts again, and the old assignee is told. */
    async recordRequeue(input: HandoverRefs & { previousAssignee: Actor; requeuedAt: string; requeues: number }): Promise<Delivered> {
      const webhooks: string[] = [];
      await updateHandover(db, input.workspaceId, input.handoverId, {
        status: 'pending',
        assignee_id: null,
        claimed_at: null,
        escalation_level: 0,
      });
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'requeued',
        actor: null,
        at: new Date(input.requeuedAt),
        data: { previousAssignee: input.previousAssignee, reason: 'assignee_silent' },
        dedupeKey: `${input.handoverId}:requeued:${input.requeues}`,
      });
      webhooks.push(
        await enqueueWebhookEvent(db, {
          id: `${input.handoverId}.requeued.${input.requeues}`,
          workspaceId: input.workspaceId,
          type: 'handover.requeued',
          data: { handoverId: input.handoverId, conversationId: input.conversationExternalId, previousAssignee: input.previousAssignee },
        }),
      );
      await publishHandover(input);
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
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'ended',
        actor: input.actor,
        at: new Date(input.endedAt),
        data: { outcome: input.outcome, status: input.status, aiResumed: input.aiResumed, ...(input.note ? { note: input.note } : {}) },
        dedupeKey: `${input.handoverId}:ended`,
      });
      webhooks.push(await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.ended`,
        workspaceId: input.workspaceId,
        type: 'handover.ended',
        data: {
          handoverId: input.handoverId,
          conversationId: input.conversationExternalId,
          outcome: input.outcome,
          aiResumed: input.aiResumed,
          // The channel asks the customer to rate the conversation and posts the answer to this path.
          rating: { requested: true, path: `/api/v1/handovers/${input.handoverId}/rating` },
        },
      }));
      if (input.aiResumed) {
        webhooks.push(await enqueueWebhookEvent(db, {
          id: `${input.handoverId}.ai_resumed`,
          workspaceId: input.workspaceId,
          type: 'conversation.ai_resumed',
          data: { conversationId: input.conversationExternalId, handoverId: input.handoverId },
        }));
      }
      await publishHandover(input);
      return { webhookEventIds: webhooks };
    },
  };
}
