// Each handover's words, as the message writes keep them (db/handover-words.ts). Found by a cold review: a
// handover's words could pass the 1 MB a tsvector may hold (long tokens), and then every message write adding a
// word to it failed, message and all; and messages sent before a conversation's first handover never counted.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../db/connect.ts';
import { upsertConversation } from '../../db/conversations.ts';
import { insertOrFindActiveHandover } from '../../db/handovers.ts';
import { appendMessage, messageIdFor } from '../../db/messages.ts';
import { maxWordBytes } from '../../db/handover-words.ts';
import { defaultPolicy } from '../../domain/policy.ts';
import { createWorkspace } from '../support/factories.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db?.destroy();
});

const wordsOf = async (handoverId: string) =>
  (await sql<{ words: string[] }>`select tsvector_to_array(words) as words from handovers where id = ${handoverId}`.execute(db)).rows[0]!.words;

describe("a handover's words", () => {
  it('count the messages sent before the first handover, and never make a message write fail however long its tokens', async () => {
    const workspace = await createWorkspace(db);
    const externalId = `conv-${randomUUID()}`;
    const conversation = await upsertConversation(db, workspace.id, externalId);
    const send = (clientMessageId: string, body: string, handoverId: string | null = null) =>
      appendMessage(db, {
        id: messageIdFor(workspace.id, externalId, 'customer', clientMessageId),
        workspaceId: workspace.id,
        conversationId: conversation.id,
        handoverId,
        sender: 'customer',
        author: null,
        body,
        clientMessageId,
      });
    await send('before-1', 'Where is my kumquat order');
    const { handoverId } = await insertOrFindActiveHandover(db, {
      id: randomUUID(),
      workspaceId: workspace.id,
      policy: defaultPolicy,
      request: { conversationId: externalId, reason: 'Asks for a person', trigger: 'user_request' },
    });
    expect(await wordsOf(handoverId)).toEqual(expect.arrayContaining(['kumquat', 'order', 'asks', 'person']));

    // 600 messages of 4,000 characters of long tokens: 1.2 MB of words if each were kept.
    for (let index = 0; index < 600; index += 1) {
      const tokens = Array.from({ length: 40 }, () => randomBytes(48).toString('hex')).join(' ');
      const stored = await send(`long-${index}`, tokens.slice(0, 4000), handoverId);
      expect(stored.created).toBe(true);
    }
    await send('after', 'and the quince too', handoverId);
    const words = await wordsOf(handoverId);
    expect(words).toEqual(expect.arrayContaining(['kumquat', 'quince']));
    expect(words.every((word) => word.length <= 40)).toBe(true);
  }, 60_000);

  it('never make a message write fail with words of many bytes each (Chinese, Thai: 3 bytes a character)', async () => {
    // Found by a cold review: 20,000 words of 40 characters fit in PostgreSQL's 1 MB only when a character is a byte;
    // past it every write of a message with a new word to the handover failed.
    const workspace = await createWorkspace(db);
    const externalId = `conv-${randomUUID()}`;
    const conversation = await upsertConversation(db, workspace.id, externalId);
    const { handoverId } = await insertOrFindActiveHandover(db, {
      id: randomUUID(),
      workspaceId: workspace.id,
      policy: defaultPolicy,
      request: { conversationId: externalId, reason: 'Asks for a person', trigger: 'user_request' },
    });
    const run = () => Array.from({ length: 40 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');
    for (let index = 0; index < 100; index += 1) {
      const stored = await appendMessage(db, {
        id: messageIdFor(workspace.id, externalId, 'customer', `cjk-${index}`),
        workspaceId: workspace.id,
        conversationId: conversation.id,
        handoverId,
        sender: 'customer',
        author: null,
        body: Array.from({ length: 97 }, run).join(' '),
        clientMessageId: `cjk-${index}`,
      });
      expect(stored.created).toBe(true);
    }
    const words = await wordsOf(handoverId);
    expect(words.length).toBeGreaterThan(5_000);
    expect(words.reduce((bytes, word) => bytes + Buffer.byteLength(word), 0)).toBeLessThanOrEqual(maxWordBytes);
  }, 120_000);
});
