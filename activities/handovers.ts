import type { HandoverEventType, HandoverStatus, Outcome, Trigger } from '../domain/handover.ts';
import type { NotifyAudience } from '../domain/policy.ts';
import type { Db } from '../db/connect.ts';
import { closeConversation, setAiPaused } from '../db/conversations.ts';
import { countHandoverEvents, recordHandoverEvent } from '../db/handover-events.ts';
import { findHandover, recordRequeueCount, updateHandover } from '../db/handovers.ts';
import { publishLiveEvent } from '../db/live-events.ts';
import { enqueueWebhookEvent, type WebhookEventType } from '../db/webhook-outbox.ts';
import type { HandoverSnapshot } from '../workflows/handover/definitions.ts';
import type { HandoverUpdate } from '../db/database.ts';
import type { ActivityDeps } from './index.ts';
import { storeSystemMessage } from './messages.ts';
import { enqueueNotifications, handOffNotifications } from './notifications.ts';
import type { HandoverRefs } from './refs.ts';
import { handOffWebhookEvents } from './webhook-hand-off.ts';

type Actor = { id: string; name: string };

/** The webhook events an activity recorded, in order (handed over for delivery unless the run delivers itself). */
export interface Delivered {
  webhookEventIds: string[];
}

/**
 * What every lifecycle step is given: the workflow's state after the step, written whole and numbered, so the
 * row shows the newest state whatever order writes land in. A step scheduled by a worker of the version before
 * (still in flight during an upgrade) has no state: it writes its own fields as that version did.
 */
type Step = HandoverRefs & { state?: HandoverSnapshot };

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
      const notifications = await notify(db, input, 0, 'members', at);
      const webhooks = [
        await webhook(db, input, 'conversation.ai_paused', 'ai_paused', {}),
        await webhook(db, input, 'handover.requested', 'requested', { reason: input.reason, trigger: input.trigger }),
      ];
      const delivered = await finishStep(db, input, webhooks);
      await handOffNotifications(input, notifications);
      return delivered;
    },

    /** Nobody claimed in time: a level up, the wider audience told, and the customer reassured. */
    async recordEscalation(
      input: Step & { level: number; notify: NotifyAudience; customerMessage: string | null },
    ): Promise<Delivered> {
      await writeState(db, input, { escalation_level: input.level });
      const at = changedAt(input);
      await timeline(db, input, 'escalated', `escalated:${input.level}`, { at, data: { level: input.level, notify: input.notify } });
      const notifications = await notify(db, input, input.level, input.notify, at);
      const webhooks = [await webhook(db, input, 'handover.escalated', `escalated.${input.level}`, { level: input.level })];
      if (input.customerMessage) webhooks.push(await storeSystemMessage(db, input, `escalation:${input.level}`, input.customerMessage));
      const delivered = await finishStep(db, input, webhooks);
      await handOffNotifications(input, notifications);
      return delivered;
    },

    async recordClaim(input: Step & { assignee: Actor; claimedAt: string }): Promise<Delivered> {
      await writeState(db, input, { status: 'in_progress', assignee_id: input.assignee.id, claimed_at: input.claimedAt });
      await timeline(db, input, 'claimed', `claimed:${input.claimedAt}`, { actor: input.assignee, at: new Date(input.claimedAt) });
      const webhooks = [
        await webhook(db, input, 'handover.claimed', `claimed.${Date.parse(input.claimedAt)}`, { assignee: input.assignee }),
      ];
      return finishStep(db, input, webhooks);
    },

    /** A transfer: the old assignee loses the handover, both are told. */
    async recordTransfer(input: Step & { actor: Actor; from: Actor; to: Actor; transfers: number }): Promise<Delivered> {
      await writeState(db, input, { assignee_id: input.to.id, transfers: input.transfers });
      await timeline(db, input, 'transferred', `transferred:${input.transfers}`, {
        actor: input.actor,
        at: changedAt(input),
        data: { from: input.from, to: input.to },
      });
      const webhooks = [await webhook(db, input, 'handover.transferred', `transferred.${input.transfers}`, { from: input.from, to: input.to })];
      return finishStep(db, input, webhooks);
    },

    /** The assignee has not answered the customer in time: a nudge on their screen and in the timeline. */
    async recordReminder(input: Step & { assignee: Actor; since: string }): Promise<Delivered> {
      await timeline(db, input, 'reminded', `reminded:${input.assignee.id}:${input.since}`, {
        at: changedAt(input),
        data: { assignee: input.assignee, waitingSince: input.since },
      });
      return finishStep(db, input, []);
    },

    /** The assignee stayed silent: back to pending, the ladder starts again, and the old assignee is told. */
    async recordRequeue(input: Step & { previousAssignee: Actor; requeuedAt: string; requeues: number }): Promise<Delivered> {
      await writeState(db, input, { status: 'pending', assignee_id: null, claimed_at: null, escalation_level: 0 });
      await recordRequeueCount(db, input.workspaceId, input.handoverId, input.requeues);
      await timeline(db, input, 'requeued', `requeued:${input.requeues}`, {
        at: new Date(input.requeuedAt),
        data: { previousAssignee: input.previousAssignee, reason: 'assignee_silent' },
      });
      // Waiting again: the handover's members are told again, as at the request, and the ladder climbs again.
      const notifications = await notify(db, input, 0, 'members', new Date(input.requeuedAt), input.requeues);
      const webhooks = [
        await webhook(db, input, 'handover.requeued', `requeued.${input.requeues}`, { previousAssignee: input.previousAssignee }),
      ];
      const delivered = await finishStep(db, input, webhooks);
      await handOffNotifications(input, notifications);
      return delivered;
    },

    /** Records the end, then resumes the AI or closes the conversation, as the policy says. */
    async recordEnded(
      input: Step & {
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
      await writeState(db, input, { status: input.status, outcome: input.outcome, ai_resumed: input.aiResumed, ended_at: input.endedAt });
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
      return finishStep(db, input, webhooks);
    },
  };
}

/**
 * Writes the workflow's state after this step to the read model, unless a newer state is already there. A step
 * of the version before carries no state: it writes `ownFields`, unnumbered, as that version did.
 */
async function writeState(db: Db, step: Step, ownFields: Omit<HandoverUpdate, 'revision'>): Promise<void> {
  const { state } = step;
  if (!state) {
    await updateHandover(db, step.workspaceId, step.handoverId, null, ownFields);
    return;
  }
  await updateHandover(db, step.workspaceId, step.handoverId, state.revision, {
    status: state.status,
    assignee_id: state.assigneeId,
    escalation_level: state.escalationLevel,
    claimed_at: state.claimedAt,
    ended_at: state.endedAt,
    outcome: state.outcome,
    ai_resumed: state.aiResumed,
    transfers: state.transfers,
  });
}

/**
 * A level's audience is told: the timeline's `notified` and the notifications to send (each member of the audience
 * on each channel they chose, and the workspace's Slack channel) in one transaction. Returns the deliveries, which
 * the step hands to the notification workflow after its writes.
 */
async function notify(db: Db, refs: HandoverRefs, level: number, audience: NotifyAudience, at: Date, requeues?: number): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    // Which wait this is: the requeues before it. The step's lane writes a requeue before the next escalation,
    // so a retry of this step counts the same.
    const round = requeues ?? (await countHandoverEvents(tx, refs.workspaceId, refs.handoverId, 'requeued'));
    await timeline(tx, refs, 'notified', round > 0 ? `notified:r${round}:${level}` : `notified:${level}`, { at, data: { audience, level } });
    return enqueueNotifications(tx, refs, level, audience, round);
  });
}

/** When the workflow made the step's change (the activity's own time for a step of the version before). */
function changedAt(step: Step): Date {
  return step.state ? new Date(step.state.changedAt) : new Date();
}

/** The end of every step: consoles see the new state, and its webhook events go to the delivery workflow. */
async function finishStep(db: Db, refs: HandoverRefs, webhookEventIds: string[]): Promise<Delivered> {
  await publishHandover(db, refs);
  await handOffWebhookEvents(refs, webhookEventIds);
  return { webhookEventIds };
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
