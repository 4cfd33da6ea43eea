import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverWorkflowId } from '../../domain/handover.ts';
import { createWorkspace, type TestMember } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

type Action =
  | { kind: 'start' }
  | { kind: 'customerMessage' }
  | { kind: 'claim'; agent: 0 | 1 }
  | { kind: 'agentMessage'; agent: 0 | 1 }
  | { kind: 'transfer'; agent: 0 | 1 }
  | { kind: 'leave' }
  | { kind: 'end'; agent: 0 | 1 }
  | { kind: 'aiReply' };

const agent = fc.constantFrom<0 | 1>(0, 1);
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'start' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'customerMessage' as const }), weight: 3 },
  { arbitrary: agent.map((index) => ({ kind: 'claim' as const, agent: index })), weight: 2 },
  { arbitrary: agent.map((index) => ({ kind: 'agentMessage' as const, agent: index })), weight: 3 },
  { arbitrary: agent.map((index) => ({ kind: 'transfer' as const, agent: index })), weight: 1 },
  { arbitrary: fc.constant({ kind: 'leave' as const }), weight: 1 },
  { arbitrary: agent.map((index) => ({ kind: 'end' as const, agent: index })), weight: 1 },
  { arbitrary: fc.constant({ kind: 'aiReply' as const }), weight: 2 },
);

/**
 * Drives many interleavings of start, claim, messages, transfer, leave, end and AI replies through the real
 * API, then checks what must always hold: every accepted message is stored once, in one order; no AI reply
 * landed while a handover was active; every handover is ended or legitimately waiting.
 */
describe('random interleavings of a conversation', () => {
  it('keep every accepted message once, in order, and never let the AI talk over a person', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const members: TestMember[] = [workspace.ana, workspace.ben];
    const agents = await Promise.all(members.map((member) => ApiClient.signIn(stack.baseUrl, member)));

    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 14 }), async (actions) => {
        const conversationId = `conv-${randomUUID()}`;
        const accepted = new Set<string>();
        const acceptedAi = new Set<string>();
        let handoverId: string | null = null;
        let lastCustomerMessageId: string | null = null;
        let counter = 0;

        for (const step of actions) {
          counter += 1;
          switch (step.kind) {
            case 'start': {
              const answer = await ai.post('/handovers', { conversationId, reason: 'Random', trigger: 'other' });
              expect([200, 201]).toContain(answer.status);
              handoverId = answer.body.handover.id;
              break;
            }
            case 'customerMessage': {
              const clientMessageId = `c-${counter}`;
              const answer = await ai.post(`/conversations/${conversationId}/messages`, { body: `customer ${counter}`, clientMessageId });
              expect(answer.status).toBe(202);
              accepted.add(`customer:${clientMessageId}`);
              lastCustomerMessageId = answer.body.messageId;
              break;
            }
            case 'claim':
            case 'agentMessage':
            case 'transfer':
            case 'end': {
              if (!handoverId) break;
              const client = agents[step.agent] as ApiClient;
              const other = members[1 - step.agent] as TestMember;
              const clientMessageId = `a-${counter}`;
              const answer =
                step.kind === 'claim'
                  ? await client.post(`/handovers/${handoverId}/claim`)
                  : step.kind === 'agentMessage'
                    ? await client.post(`/handovers/${handoverId}/messages`, { body: `agent ${counter}`, clientMessageId })
                    : step.kind === 'transfer'
                      ? await client.post(`/handovers/${handoverId}/transfer`, { toMemberId: other.id })
                      : await client.post(`/handovers/${handoverId}/end`, {});
              // Refusals are fine; a server error or a shape outside the contract is not.
              expect([200, 202, 409]).toContain(answer.status);
              if (answer.status !== 200 && answer.status !== 202) {
                expect(['already_claimed', 'handover_ended', 'not_assignee', 'conflict']).toContain(answer.body.error.code);
              }
              if (step.kind === 'agentMessage' && answer.status === 202) accepted.add(`agent:${clientMessageId}`);
              break;
            }
            case 'leave': {
              if (!handoverId) break;
              const answer = await ai.post(`/handovers/${handoverId}/leave`);
              expect([200, 409]).toContain(answer.status);
              break;
            }
            case 'aiReply': {
              if (!lastCustomerMessageId) break;
              const clientMessageId = `r-${counter}`;
              const answer = await ai.post(`/conversations/${conversationId}/ai-replies`, {
                body: `ai ${counter}`,
                clientMessageId,
                inReplyTo: lastCustomerMessageId,
              });
              expect([201, 409]).toContain(answer.status);
              if (answer.status === 201) acceptedAi.add(clientMessageId);
              else expect(answer.body.error.code).toBe('ai_paused');
              break;
            }
          }
        }

        // Every accepted message is stored once; nothing else is.
        const messages = await eventually(async () => {
          const { body } = await ai.get(`/conversations/${conversationId}/messages?limit=500`);
          const stored = (body?.messages ?? []) as { seq: number; sender: string; clientMessageId: string; handoverId: string | null; createdAt: string }[];
          const people = stored.filter((message) => message.sender === 'customer' || message.sender === 'agent');
          return people.length >= accepted.size ? stored : undefined;
        }, 'every accepted message to be stored');
        const people = messages.filter((message) => message.sender === 'customer' || message.sender === 'agent');
        expect(people.map((message) => `${message.sender}:${message.clientMessageId}`).sort()).toEqual([...accepted].sort());
        expect(messages.map((message) => message.seq)).toEqual(messages.map((_, index) => index + 1));
        expect(messages.filter((message) => message.sender === 'ai').map((message) => message.clientMessageId).sort()).toEqual([...acceptedAi].sort());

        // No AI reply was stored while a handover of this conversation was active.
        const handovers = await stack.db
          .selectFrom('handovers')
          .innerJoin('conversations', 'conversations.id', 'handovers.conversation_id')
          .select(['handovers.id', 'handovers.status', 'handovers.requested_at', 'handovers.ended_at'])
          .where('conversations.external_id', '=', conversationId)
          .execute();
        for (const reply of messages.filter((message) => message.sender === 'ai')) {
          const at = new Date(reply.createdAt).getTime();
          const during = handovers.filter((row) => row.requested_at.getTime() <= at && (row.ended_at === null || row.ended_at.getTime() > at));
          expect(during).toEqual([]);
        }

        // Every handover has ended, or is legitimately waiting for a person; end the live one to tidy up.
        expect(handovers.filter((row) => row.status === 'pending' || row.status === 'in_progress').length).toBeLessThanOrEqual(1);
        for (const row of handovers) {
          if (row.status === 'completed' || row.status === 'missed') {
            const result = await stack.temporal.workflow.getHandle(handoverWorkflowId(row.id)).result();
            expect(result.status).toBe(row.status);
          } else {
            const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
            const ended = await admin.post(`/handovers/${row.id}/end`, {});
            expect([200, 409]).toContain(ended.status);
          }
        }
      }),
      { numRuns: 25, seed: Number(process.env.FC_SEED ?? 20261125) },
    );
  }, 240_000);
});
