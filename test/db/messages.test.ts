import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../db/connect.ts';
import { upsertConversation } from '../../db/conversations.ts';
import { appendLockedMessages, lockConversation, messageIdFor, type NewMessage } from '../../db/messages.ts';
import { createWorkspace } from '../support/factories.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db?.destroy();
});

describe('appending a batch of messages', () => {
  it('stores the new ones with the next seqs in batch order, and returns those stored before as they are', async () => {
    const workspace = await createWorkspace(db);
    const externalId = `conv-${randomUUID()}`;
    const conversation = await upsertConversation(db, workspace.id, externalId);
    const message = (clientMessageId: string, sender: NewMessage['sender'] = 'customer'): NewMessage => ({
      id: messageIdFor(workspace.id, externalId, sender, clientMessageId),
      workspaceId: workspace.id,
      conversationId: conversation.id,
      handoverId: null,
      sender,
      author: null,
      body: `body ${clientMessageId}`,
      clientMessageId,
    });
    const append = (messages: NewMessage[]) =>
      db.transaction().execute(async (tx) => {
        await lockConversation(tx, workspace.id, conversation.id);
        return appendLockedMessages(tx, messages);
      });

    const first = await append([message('a'), message('b')]);
    expect(first.map(({ row, created }) => [row.client_message_id, row.seq, created])).toEqual([
      ['a', 1, true],
      ['b', 2, true],
    ]);
    // A retried batch that overlaps the stored one, with the same clientMessageId from the other side, and a repeat.
    const second = await append([message('b'), message('c'), message('a', 'agent'), message('a'), message('c')]);
    expect(second.map(({ row, created }) => [row.sender, row.client_message_id, row.seq, created])).toEqual([
      ['customer', 'b', 2, false],
      ['customer', 'c', 3, true],
      ['agent', 'a', 4, true],
      ['customer', 'a', 1, false],
      ['customer', 'c', 3, false],
    ]);
    const stored = await db.selectFrom('messages').select(['seq', 'sender', 'client_message_id']).where('conversation_id', '=', conversation.id).orderBy('seq').execute();
    expect(stored.map((row) => `${row.seq} ${row.sender} ${row.client_message_id}`)).toEqual(['1 customer a', '2 customer b', '3 customer c', '4 agent a']);
    const { last_seq } = await db.selectFrom('conversations').select('last_seq').where('id', '=', conversation.id).executeTakeFirstOrThrow();
    expect(last_seq).toBe(4);
  });
});
