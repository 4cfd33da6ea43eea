// Each handover's words, as the message writes keep them (db/handover-words.ts). Found by a cold review: a
// handover's words could pass the 1 MB a tsvector may hold (long tokens), and then every message write adding a
// word to it failed, message and all; and messages sent before a conversation's first handover never counted.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../db/connect.ts';
import { upsertConversation } from '../../db/conversations.ts';
import { insertOrFindActiveHandover } from '../../db/handovers.ts';
import { phraseNarrowing } from '../../db/handover-search.ts';
import { maxPairsPerHandover, maxWordBytes, overflowTerm } from '../../db/handover-words.ts';
import { appendMessage, messageIdFor } from '../../db/messages.ts';
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

  it('keep every word of a long conversation once its pairs pass their limit, and find its phrases by their words there', async () => {
    // Found by a cold review of word pairs: words and pairs shared one limit, so once a conversation's pairs had
    // filled it no write added anything, and a plain word said later was never found; and pairs cut at the limit
    // left phrases unfound. Pairs now stop at their own limit, with a mark that makes a phrase fall back to words.
    const workspace = await createWorkspace(db);
    const externalId = `conv-${randomUUID()}`;
    const conversation = await upsertConversation(db, workspace.id, externalId);
    const send = (clientMessageId: string, body: string, handoverId: string | null) =>
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
    // Twelve words of 8,192, spread by a multiplicative hash: about 11 new pairs a message.
    const sentence = (index: number) => Array.from({ length: 12 }, (_, word) => `w${Math.imul(index * 12 + word + 1, 2654435761) >>> 19}`).join(' ');
    // 400 messages before the handover, taken in one write as it begins (the transcript's path).
    for (let index = 0; index < 400; index += 1) await send(`before-${index}`, sentence(index), null);
    const { handoverId } = await insertOrFindActiveHandover(db, {
      id: randomUUID(),
      workspaceId: workspace.id,
      policy: defaultPolicy,
      request: { conversationId: externalId, reason: 'Asks for a person', trigger: 'user_request' },
    });
    const terms = async () => {
      const all = await wordsOf(handoverId);
      return { words: all.filter((term) => !term.startsWith(' ')), pairs: all.filter((term) => term.startsWith(' ') && term !== overflowTerm), overflowed: all.includes(overflowTerm) };
    };
    const taken = await terms();
    expect(taken.overflowed).toBe(true);
    expect(taken.pairs.length).toBeLessThanOrEqual(maxPairsPerHandover);
    expect(taken.words).toEqual(expect.arrayContaining([sentence(0).split(' ')[0], sentence(399).split(' ')[11], 'asks', 'person']));

    for (let index = 400; index < 450; index += 1) await send(`during-${index}`, sentence(index), handoverId);
    await send('late', 'the courier brought the giraffe mug', handoverId);
    const later = await terms();
    expect(later.words).toEqual(expect.arrayContaining(['giraffe', 'courier', sentence(449).split(' ')[5]]));
    expect(later.pairs.length).toBeLessThanOrEqual(maxPairsPerHandover);
    const narrowedTo = async (phrase: string) =>
      (await sql<{ found: boolean }>`select words @@ ${phraseNarrowing(phrase)}::tsquery as found from handovers where id = ${handoverId}`.execute(db)).rows[0]!.found;
    expect(await narrowedTo("'giraffe' <-> 'mug'")).toBe(true);
    expect(await narrowedTo("'mug' <-> 'nowhere'")).toBe(false);
  }, 60_000);

  it('never make a message write fail with words of many bytes each (Chinese, Thai: 3 bytes a character)', async () => {
    // Found by a cold review: 20,000 words of 40 characters fit in 1 MB only when a character is a byte.
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
      const body = Array.from({ length: 97 }, run).join(' ');
      const stored = await appendMessage(db, {
        id: messageIdFor(workspace.id, externalId, 'customer', `cjk-${index}`),
        workspaceId: workspace.id,
        conversationId: conversation.id,
        handoverId,
        sender: 'customer',
        author: null,
        body,
        clientMessageId: `cjk-${index}`,
      });
      expect(stored.created).toBe(true);
    }
    const words = (await wordsOf(handoverId)).filter((term) => !term.startsWith(' '));
    expect(words.length).toBeGreaterThan(5_000);
    expect(words.reduce((bytes, word) => bytes + Buffer.byteLength(word), 0)).toBeLessThanOrEqual(maxWordBytes);
  }, 120_000);
});
