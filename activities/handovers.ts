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
    async recordRequested(input: HandoverRefs & { reason: string; trigger: Trigger }): Promise<void> {
      await setAiPaused(db, input.workspaceId, input.conversationId, true);
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'requested',
        actor: null,
        data: { trigger: input.trigger, reason: input.reason },
        dedupeKey: `${input.handoverId}:requested`,
      });
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'notified',
        actor: null,
        data: { audience: 'members', level: 0 },
        dedupeKey: `${input.handoverId}:notified:0`,
      });
      await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.ai_paused`,
        workspaceId: input.workspaceId,
        type: 'conversation.ai_paused',
        data: { conversationId: input.conversationExternalId, handoverId: input.handoverId },
      });
      await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.requested`,
        workspaceId: input.workspaceId,
        type: 'handover.requested',
        data: { handoverId: input.handoverId, conversationId: input.conversationExternalId, reason: input.reason, trigger: input.trigger },
      });
      await publishHandover(input);
    },

    async recordEscalation(
      input: HandoverRefs & { level: number; notify: NotifyAudience; customerMessage: string | null },
    ): Promise<void> {
      await updateHandover(db, input.workspaceId, input.handoverId, { escalation_level: input.level });
      await recordHandoverEvent(db, {
        workspaceId: input.workspaceId,
        handoverId: input.handoverId,
        type: 'escalated',
        actor: null,
        data: { level: input.level, notify: input.notify },
        dedupeKey: `${input.handoverId}:escalated:${input.level}`,
      });
      await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.escalated.${input.level}`,
        workspaceId: input.workspaceId,
        type: 'handover.escalated',
        data: { handoverId: input.handoverId, conversationId: input.conversationExternalId, level: input.level },
      });
      if (input.customerMessage) {
        await storeSystemMessage(db, input, `escalation:${input.level}`, input.customerMessage);
      }
      await publishHandover(input);
    },

    async recordClaim(input: HandoverRefs & { assignee: Actor; claimedAt: string }): Promise<void> {
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
      await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.claimed.${Date.parse(input.claimedAt)}`,
        workspaceId: input.workspaceId,
        type: 'handover.claimed',
        data: { handoverId: input.handoverId, conversationId: input.conversationExternalId, assignee: input.assignee },
      });
      await publishHandover(input);
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
    ): Promise<void> {
      if (input.customerMessage) await storeSystemMessage(db, input, 'ended', input.customerMessage);
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
      await enqueueWebhookEvent(db, {
        id: `${input.handoverId}.ended`,
        workspaceId: input.workspaceId,
        type: 'handover.ended',
        data: {
          handoverId: input.handoverId,
          conversationId: input.conversationExternalId,
          outcome: input.outcome,
          aiResumed: input.aiResumed,
        },
      });
      if (input.aiResumed) {
        await enqueueWebhookEvent(db, {
          id: `${input.handoverId}.ai_resumed`,
          workspaceId: input.workspaceId,
          type: 'conversation.ai_resumed',
          data: { conversationId: input.conversationExternalId, handoverId: input.handoverId },
        });
      }
      await publishHandover(input);
    },
  };
}
