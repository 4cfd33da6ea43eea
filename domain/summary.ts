import type { Handover, Message, SessionSummary } from './schemas/handovers.ts';

/** Produces the Session Summary; the default one is extractive and works offline. */
export type Summarizer = (handover: Handover, messages: Message[], now: Date, endNote?: string | null) => SessionSummary;

const maxQuestions = 5;
const maxQuestionLength = 200;

export const extractiveSummarizer: Summarizer = (handover, messages, now, endNote = null) => {
  const requestedAt = Date.parse(handover.requestedAt);
  const beforeHandover = messages.filter((message) => Date.parse(message.createdAt) <= requestedAt && message.sender === 'customer');
  const askedAi = beforeHandover.slice(-maxQuestions).map((message) => truncate(message.body));
  const counts = { customer: 0, ai: 0, agent: 0, system: 0 };
  for (const message of messages) counts[message.sender] += 1;
  const claimedAt = handover.claimedAt ? Date.parse(handover.claimedAt) : null;
  const endedAt = handover.endedAt ? Date.parse(handover.endedAt) : null;
  const waitEnd = claimedAt ?? endedAt ?? now.getTime();
  return {
    customer: handover.customer,
    trigger: handover.trigger,
    reason: handover.reason,
    askedAi,
    waitingSeconds: Math.max(0, Math.round((waitEnd - requestedAt) / 1000)),
    inProgressSeconds: claimedAt === null ? null : Math.max(0, Math.round(((endedAt ?? now.getTime()) - claimedAt) / 1000)),
    messageCounts: counts,
    escalationLevel: handover.escalationLevel,
    outcome: handover.outcome,
    endNote,
    rating: handover.rating,
  };
};

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= maxQuestionLength ? flat : `${flat.slice(0, maxQuestionLength - 1)}…`;
}
