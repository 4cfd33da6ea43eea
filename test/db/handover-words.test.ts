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

/** A conversation of a new workspace: a customer's messages to it, and its handover once asked for. */
async function conversationOfNewWorkspace() {
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
  const beginHandover = async () =>
    (
      await insertOrFindActiveHandover(db, {
        id: randomUUID(),
        workspaceId: workspace.id,
        policy: defaultPolicy,
        request: { conversationId: externalId, reason: 'Asks for a person', trigger: 'user_request' },
      })
    ).handoverId;
  return { send, beginHandover };
}

describe("a handover's words", () => {
  it('count the messages sent before the first handover, and never make a message write fail however long its tokens', async () => {
    const { send, beginHandover } = await conversationOfNewWorkspace();
    await send('before-1', 'Where is my kumquat order');
    const handoverId = await beginHandover();
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
    const { send, beginHandover } = await conversationOfNewWorkspace();
    // Twelve words of 8,192, spread by a multiplicative hash: about 11 new pairs a message.
    const sentence = (index: number) => Array.from({ length: 12 }, (_, word) => `w${Math.imul(index * 12 + word + 1, 2654435761) >>> 19}`).join(' ');
    // 400 messages before the handover, taken in one write as it begins (the transcript's path).
    for (let index = 0; index < 400; index += 1) await send(`before-${index}`, sentence(index), null);
    const handoverId = await beginHandover();
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
    const { send, beginHandover } = await conversationOfNewWorkspace();
    const handoverId = await beginHandover();
    const run = () => Array.from({ length: 40 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');
    for (let index = 0; index < 100; index += 1) {
      const stored = await send(`cjk-${index}`, Array.from({ length: 97 }, run).join(' '), handoverId);
      expect(stored.created).toBe(true);
    }
    const words = (await wordsOf(handoverId)).filter((term) => !term.startsWith(' '));
    expect(words.length).toBeGreaterThan(5_000);
    expect(words.reduce((bytes, word) => bytes + Buffer.byteLength(word), 0)).toBeLessThanOrEqual(maxWordBytes);
  }, 120_000);

  it('never make a message write fail for a handover stored near 1 MB of words before these limits', async () => {
    // Found by a cold review: 0014 let a handover's words come near PostgreSQL's 1 MB; its pairs were still added.
    const { send, beginHandover } = await conversationOfNewWorkspace();
    const handoverId = await beginHandover();
    await sql`update handovers set words = array_to_tsvector(array(select repeat(chr(19968 + g), 49) from generate_series(1, 7100) g))
      where id = ${handoverId}`.execute(db);
    const stored = await send('long', Array.from({ length: 1000 }, (_, index) => `y${index}`).join(' '), handoverId);
    expect(stored.created).toBe(true);
    const terms = await wordsOf(handoverId);
    expect(terms.reduce((bytes, term) => bytes + Buffer.byteLength(term), 0)).toBeLessThanOrEqual(1_048_575);
    expect(terms).toContain(overflowTerm);
  }, 60_000);
});
