// The messages, inputs and state of the handover workflow: the one place they are defined, shared by the
// workflow, the API's Temporal client and the tests. Temporal names here are written into histories: never rename.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { HandoverStatus, Outcome, Trigger } from '../../domain/handover.ts';
import type { HandoverPolicy } from '../../domain/policy.ts';

export const handoverWorkflowType = 'handoverWorkflow';

export interface Actor {
  id: string;
  name: string;
}

export interface HandoverInput {
  handoverId: string;
  workspaceId: string;
  /** Our row id of the conversation. */
  conversationId: string;
  /** The AI service's id of the conversation, for people reading the Web UI and for webhooks. */
  conversationExternalId: string;
  trigger: Trigger;
  reason: string;
  customerName: string | null;
  requestedAt: string;
  /** A snapshot of the workspace policy: settings changed later apply to new handovers only. */
  policy: HandoverPolicy;
  /** Set when a run continues as new: what the previous run knew, so nothing is dropped or done twice. */
  carried?: CarriedState;
}

export interface CarriedState {
  state: HandoverState;
  inbox: RelayMessage[];
  /** Recent message ids, to drop a signal the client sent twice. */
  seenMessageIds: string[];
  claimLedger: { updateId: string; result: ClaimResult }[];
  /**
   * Webhook events recorded but not yet delivered, in order: only runs that began before delivery moved to a
   * workflow of its own carry any; a run that receives some hands them over to that workflow.
   */
  deliveries: string[];
}

export interface HandoverState {
  status: HandoverStatus;
  assignee: Actor | null;
  escalationLevel: number;
  /** When the current wait for a claim began (the request, or the last requeue). */
  pendingSince: string;
  claimedAt: string | null;
  firstResponseAt: string | null;
  endedAt: string | null;
  outcome: Outcome | null;
  aiResumed: boolean | null;
  messagesRelayed: number;
  /** Since when the customer has waited for the assignee's answer (the claim, or their first unanswered message). */
  awaitingReplySince: string | null;
  /** Set when the silent assignee was reminded, for the current wait. */
  remindedAt: string | null;
  lastCustomerMessageAt: string;
  requeues: number;
  transfers: number;
  runs: number;
  /**
   * Numbers the state changes written to the read model, rising within and across runs (workflow time in
   * microseconds, or one more); each write carries it, so an older one never wins.
   */
  revision: number;
}

/** What the read model shows of the state, written whole by every lifecycle step, numbered by `revision`. */
export interface HandoverSnapshot {
  revision: number;
  /** The workflow's time of the change: the timeline tells changes at the time the workflow made them. */
  changedAt: string;
  status: HandoverStatus;
  assigneeId: string | null;
  escalationLevel: number;
  claimedAt: string | null;
  endedAt: string | null;
  outcome: Outcome | null;
  aiResumed: boolean | null;
  transfers: number;
}

/** A message entering the workflow: it carries the whole message, so an accepted message is durable in Temporal. */
export interface RelayMessage {
  messageId: string;
  clientMessageId: string;
  sender: 'customer' | 'agent';
  author: Actor | null;
  body: string;
  receivedAt: string;
  /** Files sent with it (their metadata; the bytes stay in the attachment store). Absent in older histories. */
  attachments?: RelayAttachment[];
}

export interface RelayAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

export interface ClaimInput {
  member: Actor;
}

export interface ClaimResult {
  assignee: Actor;
  claimedAt: string;
}

export interface TransferInput {
  actor: Actor;
  to: Actor;
}

export interface EndInput {
  actor: Actor;
  outcome?: 'resolved' | 'unresolved';
  note?: string;
}

export interface EndResult {
  status: HandoverStatus;
  outcome: Outcome;
  aiResumed: boolean;
  endedAt: string;
}

export const customerMessageSignal = defineSignal<[RelayMessage]>('customerMessage');
export const agentMessageSignal = defineSignal<[RelayMessage]>('agentMessage');
export const customerLeftSignal = defineSignal<[Record<string, never>]>('customerLeft');
export const claimUpdate = defineUpdate<ClaimResult, [ClaimInput]>('claim');
export const endUpdate = defineUpdate<EndResult, [EndInput]>('end');
export const transferUpdate = defineUpdate<HandoverState, [TransferInput]>('transfer');
export const stateQuery = defineQuery<HandoverState>('state');

export const searchAttributes = {
  status: defineSearchAttributeKey('HandoverStatus', SearchAttributeType.KEYWORD),
  assignee: defineSearchAttributeKey('HandoverAssignee', SearchAttributeType.KEYWORD),
  conversationId: defineSearchAttributeKey('ConversationId', SearchAttributeType.KEYWORD),
  workspaceId: defineSearchAttributeKey('WorkspaceId', SearchAttributeType.KEYWORD),
  trigger: defineSearchAttributeKey('HandoverTrigger', SearchAttributeType.KEYWORD),
  escalationLevel: defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT),
} as const;

/** The `--search-attribute` registrations for a dev server, and for `temporal operator search-attribute create`. */
export const searchAttributeRegistrations: Record<string, 'Keyword' | 'Int'> = {
  HandoverStatus: 'Keyword',
  HandoverAssignee: 'Keyword',
  ConversationId: 'Keyword',
  WorkspaceId: 'Keyword',
  HandoverTrigger: 'Keyword',
  EscalationLevel: 'Int',
};
