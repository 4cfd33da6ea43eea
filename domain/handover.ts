/** Handover vocabulary and the pure rules about it. Imported by workflows too: no I/O here. */
import type { NotifyAudience } from './policy.ts';

export const handoverStatuses = ['pending', 'in_progress', 'completed', 'missed'] as const;
export type HandoverStatus = (typeof handoverStatuses)[number];

export const activeStatuses: readonly HandoverStatus[] = ['pending', 'in_progress'];

export const triggers = ['user_request', 'ai_escalation', 'keyword', 'sentiment', 'other'] as const;
export type Trigger = (typeof triggers)[number];

export const outcomes = ['resolved', 'unresolved', 'returned_to_ai', 'closed', 'timed_out', 'customer_left'] as const;
export type Outcome = (typeof outcomes)[number];

export const memberRoles = ['admin', 'supervisor', 'agent'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const senders = ['customer', 'ai', 'agent', 'system'] as const;
export type Sender = (typeof senders)[number];

export const handoverEventTypes = [
  'requested',
  'notified',
  'escalated',
  'claimed',
  'transferred',
  'requeued',
  'reminded',
  'ended',
  'rated',
  // A notification that reached a member (or the workspace's Slack channel) away from the console, or could not.
  'notification_sent',
  'notification_failed',
] as const;
export type HandoverEventType = (typeof handoverEventTypes)[number];

export function isActive(status: HandoverStatus): boolean {
  return activeStatuses.includes(status);
}

/** Admins and supervisors see and act on every handover; agents only when selected for handovers. */
export function mayHandleHandovers(role: MemberRole, isSelectedMember: boolean): boolean {
  return role === 'admin' || role === 'supervisor' || isSelectedMember;
}

/**
 * Whether a member may see and take this handover: the team (admins, supervisors, selected members) always; anyone
 * else when it is theirs, or once its escalation has reached a level that tells everyone in the workspace.
 */
export function mayHandleHandover(
  member: { id: string; role: MemberRole; isHandoverMember: boolean },
  handover: { assignee: { id: string } | null; audience: NotifyAudience },
): boolean {
  return mayHandleHandovers(member.role, member.isHandoverMember) || handover.assignee?.id === member.id || handover.audience === 'everyone';
}

/** Supervisors and admins may end any handover; agents only the one assigned to them. */
export function mayEndHandover(role: MemberRole, memberId: string, assigneeId: string | null): boolean {
  return role === 'admin' || role === 'supervisor' || memberId === assigneeId;
}

/** The workflow id that names a handover in Temporal, readable in the Web UI. */
export function handoverWorkflowId(handoverId: string): string {
  return `handover-${handoverId}`;
}
