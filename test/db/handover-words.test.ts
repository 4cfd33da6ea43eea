// Each handover's words, as the message writes keep them (db/handover-words.ts). Found by a cold review: a
// handover's words could pass the 1 MB a tsvector may hold (long tokens), and then every message write adding a
// word to it failed, message and all; and messages sent before a conversation's first handover never counted.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../db/connect.ts';
import { upsertConversation } from '../../db/conversations.ts';
import { insertOrFindActiveHandover, listHandovers } from '../../db/handovers.ts';
import { appendMessage, messageIdFor } from '../../db/messages.ts';
import { fillHandoverWords, maxWordBytes } from '../../db/handover-words.ts';
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

/** A sender of customer messages to one conversation, by client message id. */
function customerSender(workspaceId: string, externalId: string, conversationId: string) {
  return (clientMessageId: string, body: string, handoverId: string | null = null) =>
    appendMessage(db, {
      id: messageIdFor(workspaceId, externalId, 'customer', clientMessageId),
      workspaceId,
      conversationId,
      handoverId,
      sender: 'customer',
      author: null,
      body,
      clientMessageId,
    });
}

describe("a handover's words", () => {
  it('count the messages sent before the first handover, and never make a message write fail however long its tokens', async () => {
    const workspace = await createWorkspace(db);
    const externalId = `conv-${randomUUID()}`;
    const conversation = await upsertConversation(db, workspace.id, externalId);
    const send = customerSender(workspace.id, externalId, conversation.id);
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

  it('keep the pairs of adjacent words of every message and of the handover itself in its pair filter, as the migration computes them', async () => {
    const workspace = await createWorkspace(db);
    const externalId = `conv-${randomUUID()}`;
    const conversation = await upsertConversation(db, workspace.id, externalId);
    const send = customerSender(workspace.id, externalId, conversation.id);
    await send('before', 'Where is my kumquat order', null);
    const { handoverId } = await insertOrFindActiveHandover(db, {
      id: randomUUID(),
      workspaceId: workspace.id,
      policy: defaultPolicy,
      request: { conversationId: externalId, reason: 'Parcel never arrived', trigger: 'user_request', customer: { name: 'Ines Moreau' } },
    });
    await send('during', 'My refund, parcel and e-mail address', handoverId);
    await send('after', 'thanks quince', null);

    const holds = async (a: string, b: string) =>
      (await sql<{ holds: boolean }>`select (filter & handover_pair_mask(${a}, ${b})) = handover_pair_mask(${a}, ${b}) as holds
        from handover_pair_filters where handover_id = ${handoverId}`.execute(db)).rows[0]!.holds;
    // Next to each other in a message (punctuation between words does not count), in the handover's own text, across
    // its reason and customer, in a message sent before it and one after it outside any handover.
    for (const [a, b] of [['refund', 'parcel'], ['parcel', 'and'], ['e-mail', 'e'], ['mail', 'address'], ['parcel', 'never'], ['arrived', 'ines'], ['ines', 'moreau'], ['kumquat', 'order'], ['thanks', 'quince']] as const) {
      expect(await holds(a, b), `${a} ${b}`).toBe(true);
    }
    // Not the other way round, not two words apart, not across two messages.
    for (const [a, b] of [['parcel', 'refund'], ['my', 'parcel'], ['address', 'thanks'], ['order', 'my']] as const) {
      expect(await holds(a, b), `${a} ${b}`).toBe(false);
    }
    const filter = async () => (await db.selectFrom('handover_pair_filters').select('filter').where('handover_id', '=', handoverId).executeTakeFirstOrThrow()).filter;
    const kept = await filter();
    await fillHandoverWords(db, workspace.id, [handoverId]);
    expect(await filter()).toBe(kept);
  });

  it('find a phrase said outside any handover in the handover it counts for, however full the others\' pair filters', async () => {
    // Found by a cold review: the phrase check read every message sent outside a handover for each of the
    // conversation's handovers, while their words and pairs count for one; so a handover whose filter let it
    // through (a long conversation fills its filter) was found by a phrase said before it began.
    const workspace = await createWorkspace(db);
    const externalId = `conv-${randomUUID()}`;
    const conversation = await upsertConversation(db, workspace.id, externalId);
    const send = customerSender(workspace.id, externalId, conversation.id);
    const handover = async (reason: string) =>
      (await insertOrFindActiveHandover(db, { id: randomUUID(), workspaceId: workspace.id, policy: defaultPolicy, request: { conversationId: externalId, reason, trigger: 'user_request' } }))
        .handoverId;
    await send('before', 'Where is the walnut kettle I ordered');
    const first = await handover('Asks for a person');
    await db.updateTable('handovers').set({ status: 'completed', outcome: 'resolved', ended_at: new Date() }).where('id', '=', first).execute();
    const second = await handover('Kettle lost, walnut handle broken');
    await db.updateTable('handover_pair_filters').set({ filter: '1'.repeat(2048) }).where('handover_id', '=', second).execute();

    const search = async () => (await listHandovers(db, workspace.id, { view: 'all', memberId: workspace.admin.id, limit: 50, q: '"walnut kettle"' })).handovers.map((item) => item.id);
    expect(await search()).toEqual([first]);
    // A handover without a filter (one written in bulk, never filled) is read, not left out.
    await db.deleteFrom('handover_pair_filters').where('handover_id', '=', first).execute();
    expect(await search()).toEqual([first]);
  });
});
