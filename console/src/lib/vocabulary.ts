/** The words the console shows for the API's values, spelled as in the product. */
import type { HandoverEventType, HandoverStatus, MemberRole, Outcome, Sender, Trigger } from '$domain/handover.ts';

export const statusLabels: Record<HandoverStatus, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  completed: 'Completed',
  missed: 'Missed',
};

export const triggerLabels: Record<Trigger, string> = {
  user_request: 'Customer asked',
  ai_escalation: 'AI escalated',
  keyword: 'Keyword',
  sentiment: 'Sentiment',
  other: 'Other',
};

export const outcomeLabels: Record<Outcome, string> = {
  resolved: 'Resolved',
  unresolved: 'Unresolved',
  returned_to_ai: 'Returned to AI',
  closed: 'Closed',
  timed_out: 'Timed out',
  customer_left: 'Customer left',
};

export const roleLabels: Record<MemberRole, string> = {
  admin: 'Admin',
  supervisor: 'Supervisor',
  agent: 'Agent',
};

export const senderLabels: Record<Sender, string> = {
  customer: 'Customer',
  ai: 'AI agent',
  agent: 'Agent',
  system: 'System',
};

export const eventLabels: Record<HandoverEventType, string> = {
  requested: 'Handover requested',
  notified: 'Team notified',
  escalated: 'Escalated',
  claimed: 'Taken over',
  transferred: 'Transferred',
  requeued: 'Back in the queue',
  reminded: 'Reminder sent',
  ended: 'Ended',
  rated: 'Rated',
  notification_sent: 'Notification sent',
  notification_failed: 'Notification not sent',
};

export const channelLabels = {
  email: 'Email',
  web_push: 'Push notification',
  slack: 'Slack',
} as const;

export const notifyLabels = {
  members: 'Handover members',
  supervisors: 'Supervisors and admins',
  everyone: 'Everyone in the workspace',
} as const;

export function customerName(customer: { name?: string; email?: string; id?: string }): string {
  return customer.name || customer.email || 'Anonymous customer';
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => word?.[0]?.toUpperCase() ?? '').join('') || '?';
}

export function canSeeAllHandovers(role: MemberRole): boolean {
  return role === 'admin' || role === 'supervisor';
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && Object.hasOwn(outcomeLabels, value);
}
