/**
 * Notifications that reach members away from the console: the channels, the key of each delivery, and the words
 * of a notification. Pure: the activities send, the API stores the choices, the console shows them.
 */
import type { Trigger } from './handover.ts';
import type { NotifyAudience } from './policy.ts';

/** What a member chooses for themselves: email, and Web Push in each browser they turn it on in. */
export const memberChannels = ['email', 'web_push'] as const;
export type MemberChannel = (typeof memberChannels)[number];

/** Slack is the workspace's: one message per notified level to the channel an admin's incoming webhook posts to. */
export const notificationChannels = [...memberChannels, 'slack'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const notificationDeliveryStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
export type NotificationDeliveryStatus = (typeof notificationDeliveryStatuses)[number];

/**
 * One delivery per handover, wait, level, recipient and channel: the key the outbox, the timeline and a retried
 * activity all agree on, so a notification is recorded, and sent, once. `round` counts the requeues before it: a
 * requeued handover climbs its ladder again and each level is told again (the first wait keeps the older keys).
 */
export function notificationDeliveryId(handoverId: string, level: number, recipient: string | null, channel: NotificationChannel, round = 0): string {
  return `notified:${handoverId}:${round > 0 ? `r${round}:` : ''}${level}:${recipient ?? 'workspace'}:${channel}`;
}

export interface NotificationFacts {
  handoverId: string;
  level: number;
  audience: NotifyAudience;
  customerName: string | null;
  reason: string;
  trigger: Trigger;
  /** The console's public origin, e.g. https://support.example.com. */
  consoleUrl: string;
}

export interface NotificationMessage {
  title: string;
  /** One or two lines, plain text: who, why, and the level. Never the customer's messages beyond the reason. */
  body: string;
  /** The handover in the console. */
  url: string;
}

/** The words of a notification, the same on every channel. */
export function notificationMessage(facts: NotificationFacts): NotificationMessage {
  const who = facts.customerName?.trim() || 'A customer';
  const title = facts.level === 0 ? `${who} is waiting for a person` : `${who} is still waiting (escalation level ${facts.level})`;
  const why = `${triggerWords[facts.trigger]}: ${oneLine(facts.reason, 300)}`;
  const level = facts.level === 0 ? 'Nobody has taken it over yet.' : `Nobody took it over in time, so it was escalated to level ${facts.level}.`;
  return {
    title,
    body: `${why}\n${level}`,
    url: `${facts.consoleUrl.replace(/\/+$/, '')}/conversations/${encodeURIComponent(facts.handoverId)}`,
  };
}

/** Why the AI service handed over, in words (the console's labels, said as a sentence's start). */
const triggerWords: Record<Trigger, string> = {
  user_request: 'The customer asked for a person',
  ai_escalation: 'The AI could not help',
  keyword: 'A keyword was mentioned',
  sentiment: 'The customer seems upset',
  other: 'Handed over',
};

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
