import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { eventually, type ApiClient } from './http.ts';

/** What the AI service sends with a handover request, the parts the customer context reads. */
export interface CustomerRequest {
  conversationId?: string;
  customer?: { name?: string; email?: string };
  metadata?: Record<string, unknown>;
}

/** A handover the AI service asked for; answers its id and the conversation id. */
export async function requestHandover(ai: ApiClient, request: CustomerRequest = {}): Promise<{ id: string; conversationId: string }> {
  const conversationId = request.conversationId ?? `conv-${randomUUID()}`;
  const answer = await ai.post('/handovers', { reason: 'Needs a person', trigger: 'user_request', ...request, conversationId });
  if (answer.status !== 201) throw new Error(`starting a handover answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return { id: answer.body.handover.id, conversationId };
}

/** Waits until the handover has ended, on its row and its timeline, so its conversation may hand over again. */
export async function untilEnded(db: Db, handoverId: string): Promise<void> {
  await eventually(async () => {
    const row = await db.selectFrom('handovers').select(['ended_at', 'status']).where('id', '=', handoverId).executeTakeFirstOrThrow();
    const event = await db.selectFrom('handover_events').select('id').where('handover_id', '=', handoverId).where('type', '=', 'ended').executeTakeFirst();
    return row.ended_at && row.status !== 'pending' && row.status !== 'in_progress' && event ? true : undefined;
  }, 'the handover to end');
}

/** A handover `member` took over and ended with an outcome and a note, which the customer then rated. */
export async function ratedHandover(
  db: Db,
  ai: ApiClient,
  member: ApiClient,
  request: CustomerRequest,
  end: { outcome: 'resolved' | 'unresolved'; note: string; score: number; comment?: string },
): Promise<{ id: string; conversationId: string }> {
  const handover = await requestHandover(ai, request);
  const claimed = await member.post(`/handovers/${handover.id}/claim`);
  if (claimed.status !== 200) throw new Error(`the claim answered ${claimed.status}: ${JSON.stringify(claimed.body)}`);
  const ended = await member.post(`/handovers/${handover.id}/end`, { outcome: end.outcome, note: end.note });
  if (ended.status !== 200) throw new Error(`the end answered ${ended.status}: ${JSON.stringify(ended.body)}`);
  await untilEnded(db, handover.id);
  const rating = { score: end.score, ...(end.comment ? { comment: end.comment } : {}) };
  const rated = await ai.post(`/handovers/${handover.id}/rating`, rating);
  if (rated.status !== 200) throw new Error(`the rating answered ${rated.status}: ${JSON.stringify(rated.body)}`);
  return handover;
}
