import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUnsentUploads } from '../../api/unsent-uploads.ts';
import { createLocalStore } from '../../platform/attachment-store.ts';
import { createWorkspace } from '../support/factories.ts';
import { tinyPdf, tinyPng } from '../support/files.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { claimedHandover, pendingHandover } from '../support/scenarios.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';

// Issue 11, Attachments: files with messages, both ways, within limits, shown only to whom may see them.

const maxBytes = 64 * 1024;
/** Each workspace's files together, small too: four files of 60 KiB fit, a fifth does not. */
const quotaBytes = 256 * 1024;
let stack: TestStack;

beforeAll(async () => {
  // A small limit, so the oversized file is small too; the product's default is 10 MiB (ATTACHMENT_MAX_BYTES).
  stack = await startTestStack({ attachmentMaxBytes: maxBytes, attachmentQuotaBytes: quotaBytes });
});
afterAll(async () => {
  await stack?.stop();
});

async function messagesOf(client: ApiClient, handoverId: string, count: number): Promise<any[]> {
  return eventually(async () => {
    const { body } = await client.get(`/handovers/${handoverId}`);
    return body.messages.length >= count ? body.messages : undefined;
  }, `${count} messages in handover ${handoverId}`);
}

async function attachmentRows(workspaceId: string) {
  return stack.db.selectFrom('attachments').select(['id', 'message_id']).where('workspace_id', '=', workspaceId).execute();
}

async function storedFiles(workspaceId: string): Promise<string[]> {
  return readdir(path.join(stack.attachmentsDirectory, workspaceId)).catch(() => []);
}


describe('a customer image from the AI service', () => {
  it('reaches the handover with the message, served inline to those who may see the handover, 403 to Cara, 404 to another workspace', async () => {
    const workspace = await createWorkspace(stack.db);
    const other = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const [ana, cara, supervisor, otherAdmin] = await Promise.all([
      ApiClient.signIn(stack.baseUrl, workspace.ana),
      ApiClient.signIn(stack.baseUrl, workspace.cara),
      ApiClient.signIn(stack.baseUrl, workspace.supervisor),
      ApiClient.signIn(stack.baseUrl, other.admin),
    ]);
    const handover = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);

    const uploaded = await ai.upload('/attachments?name=../../receipt%20%C3%A9.png', tinyPng, 'image/png');
    expect(uploaded.status).toBe(201);
    const { attachment } = uploaded.body;
    expect(attachment).toEqual({ id: expect.any(String), name: 'receipt é.png', contentType: 'image/png', size: tinyPng.length, path: `/api/v1/attachments/${attachment.id}` });
    // A message may be only its files.
    const sent = await ai.post(`/conversations/${handover.conversationId}/messages`, { body: '', clientMessageId: 'photo-1', attachmentIds: [attachment.id] });
    expect(sent.status).toBe(202);
    expect(sent.body.routedTo).toBe('human');
    // Sent again (a retry), it is the same message, and the file is still its own.
    const again = await ai.post(`/conversations/${handover.conversationId}/messages`, { body: '', clientMessageId: 'photo-1', attachmentIds: [attachment.id] });
    expect(again.body.messageId).toBe(sent.body.messageId);

    const [message] = (await messagesOf(ana, handover.handoverId, 1)).filter((m) => m.id === sent.body.messageId);
    expect(message).toMatchObject({ sender: 'customer', body: '', attachments: [attachment] });
    const transcript = await ai.get(`/conversations/${handover.conversationId}/messages`);
    expect(transcript.body.messages.find((m: { id: string }) => m.id === sent.body.messageId).attachments).toEqual([attachment]);

    const served = await ana.download(attachment.path);
    expect(served.status).toBe(200);
    expect(served.bytes).toEqual(tinyPng);
    expect(Object.fromEntries(['content-type', 'content-disposition', 'x-content-type-options', 'cache-control', 'content-length'].map((name) => [name, served.headers.get(name)]))).toEqual({
      'content-type': 'image/png',
      'content-disposition': `inline; filename="receipt _.png"; filename*=UTF-8''receipt%20%C3%A9.png`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=300',
      'content-length': String(tinyPng.length),
    });
    for (const allowed of [supervisor, ai]) expect(await allowed.download(attachment.path)).toMatchObject({ status: 200, bytes: tinyPng });

    const refusedCara = await cara.get(attachment.path.replace('/api/v1', ''));
    expect(refusedCara.status).toBe(403);
    expect(refusedCara.body.error.code).toBe('not_a_handover_member');
    for (const outsider of [otherAdmin, ApiClient.forApiKey(stack.baseUrl, other.apiKey)]) {
      const refused = await outsider.get(attachment.path.replace('/api/v1', ''));
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual({ error: { code: 'not_found', message: 'No such attachment', details: {} } });
    }
  });
});

describe("an agent's file", () => {
  it('goes to the AI service in the handover.message webhook, whose path it downloads with its API key, as a download', async () => {
    const workspace = await createWorkspace(stack.db);
    const receiver = new WebhookReceiver();
    await receiver.start();
    try {
      const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
      await admin.put('/settings/webhook', { url: receiver.url, secret: receiver.secret });
      const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
      const ben = await ApiClient.signIn(stack.baseUrl, workspace.ben);
      const handover = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);

      // Only the assignee uploads for the handover.
      const refused = await ben.upload(`/handovers/${handover.handoverId}/attachments?name=invoice.pdf`, tinyPdf, 'application/pdf');
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('not_assignee');
      const uploaded = await ana.upload(`/handovers/${handover.handoverId}/attachments?name=invoice.pdf`, tinyPdf, 'application/pdf');
      expect(uploaded.status).toBe(201);
      const { attachment } = uploaded.body;
      // Not sent yet: Ana may look at her upload, Ben may not know of it.
      expect((await ana.get(`/attachments/${attachment.id}`)).status).toBe(200);
      expect((await ben.get(`/attachments/${attachment.id}`)).status).toBe(404);
      // Ben cannot send Ana's upload; the AI service cannot send an agent's.
      const bensTry = await ApiClient.forApiKey(stack.baseUrl, workspace.apiKey).post(`/conversations/${handover.conversationId}/messages`, {
        body: 'Here',
        clientMessageId: 'steal-1',
        attachmentIds: [attachment.id],
      });
      expect(bensTry.status).toBe(422);
      expect(bensTry.body.error.details.issues).toEqual([{ path: ['attachmentIds', 0], message: 'No file you uploaded has this id', code: 'custom' }]);

      const sent = await ana.post(`/handovers/${handover.handoverId}/messages`, { body: 'Your invoice', clientMessageId: 'a-1', attachmentIds: [attachment.id] });
      expect(sent.status).toBe(202);

      const event = await eventually(
        async () => receiver.uniqueEvents.find((candidate) => candidate.type === 'handover.message' && candidate.data.message.id === sent.body.messageId),
        'the handover.message webhook',
      );
      expect(event.data.message).toMatchObject({ sender: 'agent', body: 'Your invoice', attachments: [attachment] });
      const served = await ApiClient.forApiKey(stack.baseUrl, workspace.apiKey).download(event.data.message.attachments[0].path);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('application/pdf');
      expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice.pdf"/);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.bytes).toEqual(tinyPdf);
      // Sent, it is Ben's to see too: he is on the handover team.
      expect((await ben.get(`/attachments/${attachment.id}`)).status).toBe(200);

      // Sent once: the same file with another message is refused, and that message is not stored.
      const reused = await ana.post(`/handovers/${handover.handoverId}/messages`, { body: 'Again', clientMessageId: 'a-2', attachmentIds: [attachment.id] });
      expect(reused.status).toBe(422);
      expect(reused.body.error.details.issues).toEqual([{ path: ['attachmentIds', 0], message: 'This file was sent with another message', code: 'custom' }]);
    } finally {
      await receiver.stop();
    }
  });
});

describe('bad files and bad references', () => {
  it('refuses oversized, unlisted, mislabelled and empty files with nothing stored, and messages naming files that are not theirs', async () => {
    const workspace = await createWorkspace(stack.db);
    const other = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const otherAi = ApiClient.forApiKey(stack.baseUrl, other.apiKey);

    const cases: [string, Uint8Array, string, number, string][] = [
      ['oversized', Buffer.concat([tinyPng, Buffer.alloc(maxBytes)]), 'image/png', 413, 'payload_too_large'],
      ['HTML', Buffer.from('<script>alert(1)</script>'), 'text/html', 415, 'unsupported_media_type'],
      ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml', 415, 'unsupported_media_type'],
      ['text calling itself a PNG', Buffer.from('not a picture at all'), 'image/png', 415, 'unsupported_media_type'],
      ['a PNG calling itself a PDF', tinyPng, 'application/pdf', 415, 'unsupported_media_type'],
      ['empty', Buffer.alloc(0), 'image/png', 422, 'validation_failed'],
    ];
    for (const [what, bytes, type, status, code] of cases) {
      const answer = await ai.upload('/attachments?name=file', bytes, type);
      expect([what, answer.status, answer.body?.error?.code]).toEqual([what, status, code]);
    }
    const tooLarge = await ai.upload('/attachments', Buffer.alloc(maxBytes + 1, 65), 'text/plain');
    expect(tooLarge.body.error.message).toBe('The body is larger than 64 KiB');
    expect(await attachmentRows(workspace.id)).toEqual([]);
    expect(await storedFiles(workspace.id)).toEqual([]);

    const conversationId = `conv-${randomUUID()}`;
    const theirs = (await otherAi.upload('/attachments?name=theirs.png', tinyPng, 'image/png')).body.attachment;
    const refusals: [string, unknown][] = [
      ['an unknown id', [randomUUID()]],
      ['not an id', ['x']],
      ["another workspace's upload", [theirs.id]],
    ];
    for (const [what, attachmentIds] of refusals) {
      const answer = await ai.post(`/conversations/${conversationId}/messages`, { body: 'Look', clientMessageId: `m-${what}`, attachmentIds });
      expect([what, answer.status, answer.body.error.details.issues[0].path]).toEqual([what, 422, ['attachmentIds', 0]]);
    }
    const noText = await ai.post(`/conversations/${conversationId}/messages`, { body: '  ', clientMessageId: 'empty', attachmentIds: [] });
    expect(noText.status).toBe(422);
    expect(noText.body.error.details.issues).toEqual([{ path: ['body'], message: 'Write a message or attach a file', code: 'custom' }]);
    expect(await stack.db.selectFrom('conversations').select('id').where('workspace_id', '=', workspace.id).execute()).toEqual([]);
    // The other workspace's file is still unsent, and still its own.
    expect(await attachmentRows(other.id)).toEqual([{ id: theirs.id, message_id: null }]);

    // A message routed to the AI (no handover) keeps its file too, shown once a handover of the conversation opens.
    const mine = (await ai.upload('/attachments?name=photo.png', tinyPng, 'image/png')).body.attachment;
    const toAi = await ai.post(`/conversations/${conversationId}/messages`, { body: 'My order', clientMessageId: 'ok', attachmentIds: [mine.id] });
    expect(toAi.body).toMatchObject({ routedTo: 'ai' });
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.get(`/attachments/${mine.id}`)).status).toBe(404);
    const handover = await pendingHandover(stack.db, stack.baseUrl, workspace, { conversationId });
    const [first] = await messagesOf(ana, handover.handoverId, 1);
    expect(first.attachments).toEqual([mine]);
    expect((await ana.get(`/attachments/${mine.id}`)).status).toBe(200);
  });
});

describe('uploads never sent', () => {
  it("keeps a workspace's files within its quota, also when uploads arrive at once, and frees the space of files deleted", async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const file = (n: number) => Buffer.alloc(60 * 1024, 65 + n);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, n) => ai.upload(`/attachments?name=notes-${n}.txt`, file(n), 'text/plain')));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 201, 201, 413, 413]);
    const refused = answers.find((answer) => answer.status === 413)!;
    expect(refused.body.error).toMatchObject({ code: 'quota_exceeded', message: expect.stringContaining('does not fit'), details: { quotaBytes, usedBytes: 4 * 60 * 1024 } });
    expect(await attachmentRows(workspace.id)).toHaveLength(4);
    expect(await storedFiles(workspace.id)).toHaveLength(4);
    // Another workspace has its own quota.
    const other = await createWorkspace(stack.db);
    expect((await ApiClient.forApiKey(stack.baseUrl, other.apiKey).upload('/attachments?name=a.txt', file(0), 'text/plain')).status).toBe(201);
    // Unsent uploads swept a day later give their space back.
    const first = answers.find((answer) => answer.status === 201)!.body.attachment.id;
    await stack.db.updateTable('attachments').set({ created_at: new Date(Date.now() - 25 * 3_600_000) }).where('id', '=', first).execute();
    await sweepUnsentUploads(stack.db, createLocalStore(stack.attachmentsDirectory));
    expect((await ai.upload('/attachments?name=again.txt', file(7), 'text/plain')).status).toBe(201);
    expect((await ai.upload('/attachments?name=over.txt', file(8), 'text/plain')).status).toBe(413);
  });

  it('are deleted, row and file, a day after upload; a sent one and a fresh one stay, and a file already gone is no error', async () => {
    const workspace = await createWorkspace(stack.db);
    const ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    const handover = await claimedHandover(stack.db, stack.baseUrl, workspace, ana);
    const upload = async (client: ApiClient, url: string) => {
      const uploaded = await client.upload(url, tinyPng, 'image/png');
      expect(uploaded.status).toBe(201);
      return uploaded.body.attachment.id as string;
    };
    const oldUnsent = await upload(ai, '/attachments?name=old.png');
    const oldUnsentOfAgent = await upload(ana, `/handovers/${handover.handoverId}/attachments?name=old.png`);
    const oldSent = await upload(ai, '/attachments?name=sent.png');
    const fresh = await upload(ai, '/attachments?name=fresh.png');
    const sent = await ai.post(`/conversations/${handover.conversationId}/messages`, { body: '', clientMessageId: 'sweep-1', attachmentIds: [oldSent] });
    expect(sent.status).toBe(202);
    // Accepted is not yet stored: the message names its file once the workflow has stored it (a fresh-clone CI run
    // swept the file while the message was still on its way).
    // The file is reserved for the message when it is accepted; the message itself is stored after: wait for both.
    await eventually(async () => {
      const row = await stack.db
        .selectFrom('attachments')
        .innerJoin('messages', 'messages.id', 'attachments.message_id')
        .select('messages.id')
        .where('attachments.id', '=', oldSent)
        .executeTakeFirst();
      return row ? true : undefined;
    }, 'the sent message to be stored, naming its file');
    await stack.db
      .updateTable('attachments')
      .set({ created_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('id', 'in', [oldUnsent, oldUnsentOfAgent, oldSent])
      .execute();
    // One file is already gone (a sweep that died after deleting it): its row still goes, without an error.
    await rm(path.join(stack.attachmentsDirectory, workspace.id, oldUnsentOfAgent));

    const store = createLocalStore(stack.attachmentsDirectory);
    expect(await sweepUnsentUploads(stack.db, store)).toBeGreaterThanOrEqual(2);
    expect((await attachmentRows(workspace.id)).map((row) => row.id).sort()).toEqual([oldSent, fresh].sort());
    expect((await storedFiles(workspace.id)).sort()).toEqual([oldSent, fresh].sort());
    expect((await ai.get(`/attachments/${oldUnsent}`)).status).toBe(404);
    expect((await ana.download(`/api/v1/attachments/${oldSent}`)).bytes).toEqual(tinyPng);
    // Nothing more to do on the next pass.
    await sweepUnsentUploads(stack.db, store);
    expect((await attachmentRows(workspace.id)).length).toBe(2);
  });
});
