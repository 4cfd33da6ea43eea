import { describe, expect, it } from 'vitest';
import type { Handover, Message } from './schemas/handovers.ts';
import { extractiveSummarizer } from './summary.ts';

const handover: Handover = {
  id: 'h1',
  conversationId: 'c1',
  status: 'in_progress',
  trigger: 'user_request',
  reason: 'Refund',
  customer: { name: 'Jo' },
  assignee: { id: 'm1', name: 'Ana' },
  escalationLevel: 1,
  audience: 'members',
  queuePosition: null,
  estimatedWaitSeconds: null,
  requestedAt: '2026-01-01T10:00:00.000Z',
  claimedAt: '2026-01-01T10:01:30.000Z',
  firstResponseAt: null,
  endedAt: null,
  outcome: null,
  aiResumed: null,
  rating: null,
};

function message(seq: number, sender: Message['sender'], body: string, at: string): Message {
  return { id: `m${seq}`, conversationId: 'c1', handoverId: null, seq, sender, author: null, body, attachments: [], clientMessageId: null, createdAt: at };
}

describe('extractiveSummarizer', () => {
  it('lists what the customer asked the AI before the handover, and times the wait and the work', () => {
    const messages = [
      message(1, 'customer', 'Where is   my\norder?', '2026-01-01T09:58:00.000Z'),
      message(2, 'ai', 'It ships tomorrow', '2026-01-01T09:58:05.000Z'),
      message(3, 'customer', 'I want a refund', '2026-01-01T09:59:00.000Z'),
      message(4, 'customer', 'Hello?', '2026-01-01T10:00:30.000Z'),
      message(5, 'agent', 'Hi, Ana here', '2026-01-01T10:02:00.000Z'),
    ];
    const summary = extractiveSummarizer(handover, messages, new Date('2026-01-01T10:05:00.000Z'));
    expect(summary.askedAi).toEqual(['Where is my order?', 'I want a refund']);
    expect(summary.waitingSeconds).toBe(90);
    expect(summary.inProgressSeconds).toBe(210);
    expect(summary.messageCounts).toEqual({ customer: 3, ai: 1, agent: 1, system: 0 });
  });

  it('shortens a long question', () => {
    const long = 'x'.repeat(500);
    const summary = extractiveSummarizer(handover, [message(1, 'customer', long, '2026-01-01T09:00:00.000Z')], new Date());
    expect(summary.askedAi[0]).toHaveLength(200);
    expect(summary.askedAi[0]?.endsWith('…')).toBe(true);
  });
});
