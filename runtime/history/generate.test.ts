import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../domain/policy.ts';
import { generateHistory, type GeneratedConversation, type HistoryOptions } from './generate.ts';

const day = 86_400_000;
const to = new Date('2025-03-31T12:00:00Z');
const options: HistoryOptions = {
  seed: 'unit',
  handovers: 1500,
  from: new Date(to.getTime() - 90 * day),
  to,
  messagesPerHandover: 10,
  containedPerHandover: 1.5,
  agents: ['Ana Lopez', 'Ben Carter', 'Cara Diaz', 'Dan Ito'].map((name, index) => ({ id: `00000000-0000-4000-8000-00000000000${index}`, name })),
  // Reminders on, so the history holds reminders and requeues too.
  policy: { ...defaultPolicy, assigneeResponseSeconds: 600 },
  conversationPrefix: 'history-',
  idNamespace: 'workspace-1',
};

function fingerprint(conversations: Iterable<GeneratedConversation>): string {
  const hash = createHash('sha256');
  for (const conversation of conversations) hash.update(JSON.stringify(conversation));
  return hash.digest('hex');
}

const history = generateHistory(options);
const all = [...history.conversations];
const handovers = all.flatMap((conversation) => (conversation.handover ? [conversation.handover] : []));
const { summary } = history;

describe('the history generator', () => {
  it('gives the same history for the same seed, and another for another seed', () => {
    const again = generateHistory(options);
    expect(fingerprint(again.conversations)).toBe(fingerprint(all));
    expect(again.summary).toEqual(summary);
    expect(fingerprint(generateHistory({ ...options, seed: 'other' }).conversations)).not.toBe(fingerprint(all));
  });

  it('draws other ids for another workspace, and the same content', () => {
    const [first] = generateHistory({ ...options, idNamespace: 'workspace-2' }).conversations;
    expect(first?.id).not.toBe(all[0]?.id);
    expect(first?.messages.map((message) => message.body)).toEqual(all[0]?.messages.map((message) => message.body));
  });

  it('generates exactly the handovers asked for, and counts what it generated', () => {
    expect(handovers).toHaveLength(1500);
    expect(summary.handovers).toBe(1500);
    expect(summary.conversations).toBe(all.length);
    expect(summary.messages).toBe(all.reduce((sum, conversation) => sum + conversation.messages.length, 0));
    expect(summary.completed).toBe(handovers.filter((handover) => handover.status === 'completed').length);
    expect(summary.missed).toBe(handovers.filter((handover) => handover.status === 'missed').length);
    expect(summary.rated).toBe(handovers.filter((handover) => handover.rating).length);
    expect(summary.events).toBe(handovers.reduce((sum, handover) => sum + handover.events.length, 0));
  });

  it('keeps realistic proportions', () => {
    const share = (count: number) => count / summary.handovers;
    expect(share(summary.missed)).toBeGreaterThan(0.05);
    expect(share(summary.missed)).toBeLessThan(0.3);
    expect(share(summary.rated)).toBeGreaterThan(0.3);
    expect(share(summary.rated)).toBeLessThan(0.6);
    expect(share(summary.escalated)).toBeGreaterThan(0.1);
    expect(share(summary.escalated)).toBeLessThan(0.5);
    expect(summary.requeued).toBeGreaterThan(0);
    expect(summary.transferred).toBeGreaterThan(0);
    expect(share(summary.byTrigger.user_request)).toBeGreaterThan(0.33);
    expect(share(summary.byTrigger.user_request)).toBeLessThan(0.47);
    expect(summary.byTrigger.other).toBeGreaterThan(0);
    // Ratings lean to 4 and 5, with a tail of 1s.
    const [, one = 0, , , four = 0, five = 0] = summary.scores;
    expect((four + five) / summary.rated).toBeGreaterThan(0.6);
    expect(one).toBeGreaterThan(0);
    // Two in five conversations handed over; about ten messages each.
    expect(summary.conversations / summary.handovers).toBeCloseTo(2.5, 1);
    const handedOver = all.filter((conversation) => conversation.handover);
    const perHandover = handedOver.reduce((sum, conversation) => sum + conversation.messages.length, 0) / handedOver.length;
    expect(perHandover).toBeGreaterThan(8);
    expect(perHandover).toBeLessThan(12);
  });

  it('is busier in working hours and on weekdays', () => {
    const inHours = handovers.filter((handover) => {
      const hour = new Date(handover.requestedAt).getUTCHours();
      return hour >= 8 && hour < 18;
    });
    expect(inHours.length / handovers.length).toBeGreaterThan(0.6);
    const weekend = handovers.filter((handover) => [0, 6].includes(new Date(handover.requestedAt).getUTCDay()));
    expect(weekend.length / handovers.length).toBeLessThan(0.2);
  });

  it('orders every handover: requested ≤ claimed ≤ first response ≤ ended ≤ rated, all within the period', () => {
    for (const handover of handovers) {
      const { requestedAt, claimedAt, firstResponseAt, endedAt } = handover;
      expect(requestedAt).toBeGreaterThanOrEqual(options.from.getTime());
      if (claimedAt !== null) expect(claimedAt).toBeGreaterThanOrEqual(requestedAt);
      if (firstResponseAt !== null) expect(firstResponseAt).toBeGreaterThanOrEqual(claimedAt as number);
      expect(endedAt).toBeGreaterThanOrEqual(firstResponseAt ?? claimedAt ?? requestedAt);
      if (handover.rating) expect(handover.rating.at).toBeGreaterThan(endedAt);
      expect(handover.rating?.at ?? endedAt).toBeLessThan(to.getTime());
    }
  });

  it('never claims a missed handover, and always a completed one', () => {
    for (const handover of handovers) {
      const claims = handover.events.filter((event) => event.type === 'claimed');
      if (handover.status === 'missed') {
        expect(handover).toMatchObject({ claimedAt: null, assigneeId: null, firstResponseAt: null, transfers: 0 });
        expect(['timed_out', 'customer_left']).toContain(handover.outcome);
        expect(claims).toHaveLength(0);
      } else {
        expect(handover.claimedAt).not.toBeNull();
        expect(options.agents.map((agent) => agent.id)).toContain(handover.assigneeId);
        expect(claims).toHaveLength(1 + handover.requeues);
        expect(handover.outcome).not.toBe('timed_out');
      }
    }
  });

  it('writes the timeline the workflow would have: in time order, each step once, from the request to the end', () => {
    for (const handover of handovers) {
      const { events } = handover;
      expect(events[0]).toMatchObject({ type: 'requested', at: handover.requestedAt, data: { trigger: handover.trigger, reason: handover.reason } });
      expect(events.map((event) => event.at)).toEqual([...events.map((event) => event.at)].sort((a, b) => a - b));
      expect(new Set(events.map((event) => event.dedupeKey)).size).toBe(events.length);
      const ended = events.find((event) => event.type === 'ended');
      expect(ended).toMatchObject({ at: handover.endedAt, data: { outcome: handover.outcome, status: handover.status } });
      const escalations = events.filter((event) => event.type === 'escalated').length;
      if (handover.requeues === 0) expect(escalations).toBe(handover.escalationLevel);
      expect(events.filter((event) => event.type === 'rated')).toHaveLength(handover.rating ? 1 : 0);
    }
  });

  it('numbers each conversation’s messages in time order, and names the agent of each agent message', () => {
    const agentIds = new Set(options.agents.map((agent) => agent.id));
    const problems: string[] = [];
    for (const conversation of all) {
      conversation.messages.forEach((message, index) => {
        const before = conversation.messages[index - 1];
        if (message.seq !== index + 1) problems.push(`${conversation.externalId}: seq ${message.seq} at ${index}`);
        if (before && message.at < before.at) problems.push(`${conversation.externalId}: message ${message.seq} before ${before.seq}`);
        if ((message.sender === 'agent') !== (message.author !== null)) problems.push(`${conversation.externalId}: author of ${message.seq}`);
        if (message.author && !agentIds.has(message.author.id)) problems.push(`${conversation.externalId}: ${message.author.id}`);
        if (/\{\w+\}/.test(message.body)) problems.push(`${conversation.externalId}: ${message.body}`);
      });
      const first = conversation.messages.find((message) => message.sender === 'agent');
      if ((first?.at ?? null) !== (conversation.handover?.firstResponseAt ?? null)) problems.push(`${conversation.externalId}: first response`);
    }
    expect(problems).toEqual([]);
  });
});
