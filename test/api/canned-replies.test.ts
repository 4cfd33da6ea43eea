import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus, type ErrorCode } from '../../domain/errors.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, type HttpAnswer } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Canned replies over HTTP: what an admin keeps, who may read or change them, and the input that is refused.

let stack: TestStack;
let workspace: TestWorkspace;
let other: TestWorkspace;
let admin: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  [workspace, other] = await Promise.all([createWorkspace(stack.db), createWorkspace(stack.db)]);
  admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
});
afterAll(async () => {
  await stack?.stop();
});

const patch = (client: ApiClient, path: string, body: unknown) => client.request('PATCH', path, JSON.stringify(body));
const remove = (client: ApiClient, path: string) => client.request('DELETE', path);

/** A title no other test of this file uses, so tests may run in any order on the one workspace. */
function uniqueTitle(title: string): string {
  return `${title} ${randomUUID().slice(0, 8)}`;
}

async function saved(title = uniqueTitle('Refund policy'), text = 'Hi {{customer.name}}, refunds take 5 days. {{agent.name}}'): Promise<{ id: string; title: string; text: string }> {
  const answer = await admin.post('/canned-replies', { title, text });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.reply;
}

/** "422 validation_failed", "404 not_found"… or the success status, with the envelope checked on refusals. */
function outcome(answer: HttpAnswer): string {
  if (answer.status < 400) return String(answer.status);
  const { code, message, details } = answer.body.error as { code: ErrorCode; message: string; details: Record<string, unknown> };
  expect(errorStatus[code]).toBe(answer.status);
  expect(message.length).toBeGreaterThan(0);
  expect(details).toEqual(expect.any(Object));
  return `${answer.status} ${code}`;
}

function issueMessages(answer: HttpAnswer): Record<string, string> {
  const issues = answer.body.error.details.issues as { path: string[]; message: string }[];
  return Object.fromEntries(issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('canned replies', () => {
  it('an admin saves, lists, changes and deletes a reply; placeholders are kept as written', async () => {
    const title = uniqueTitle('  Opening hours');
    const created = await admin.post('/canned-replies', { title, text: ' We are open 9 to 5, {{ customer.name }}. ' });
    expect(created.status).toBe(201);
    const reply = created.body.reply;
    expect(reply).toEqual({
      id: expect.any(String),
      title: title.trim(),
      text: 'We are open 9 to 5, {{ customer.name }}.',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const listed = await admin.get('/canned-replies');
    expect(listed.status).toBe(200);
    expect(listed.body.replies).toContainEqual(reply);

    const changed = await patch(admin, `/canned-replies/${reply.id}`, { text: 'Open 9 to 5 on weekdays, {{customer.name}}.' });
    expect(changed.status).toBe(200);
    expect(changed.body.reply).toMatchObject({ id: reply.id, title: reply.title, text: 'Open 9 to 5 on weekdays, {{customer.name}}.' });
    expect(Date.parse(changed.body.reply.updatedAt)).toBeGreaterThanOrEqual(Date.parse(reply.updatedAt));

    // Its own title in another case is no conflict with itself.
    const renamed = await patch(admin, `/canned-replies/${reply.id}`, { title: reply.title.toUpperCase() });
    expect(renamed.status).toBe(200);
    expect(renamed.body.reply.title).toBe(reply.title.toUpperCase());

    const deleted = await remove(admin, `/canned-replies/${reply.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.reply.id).toBe(reply.id);
    expect((await admin.get('/canned-replies')).body.replies.map((entry: { id: string }) => entry.id)).not.toContain(reply.id);
    expect(outcome(await remove(admin, `/canned-replies/${reply.id}`))).toBe('404 not_found');
  });

  it('lists replies by title, whatever the case', async () => {
    const fresh = await createWorkspace(stack.db);
    const client = await ApiClient.signIn(stack.baseUrl, fresh.admin);
    for (const title of ['returns', 'Delivery times', 'apology']) {
      expect((await client.post('/canned-replies', { title, text: 'Text' })).status).toBe(201);
    }
    const listed = await client.get('/canned-replies');
    expect(listed.body.replies.map((reply: { title: string }) => reply.title)).toEqual(['apology', 'Delivery times', 'returns']);
  });

  it('answers each kind of caller as the access rules say, and refusals change nothing', async () => {
    const reply = await saved();
    const clients = {
      nobody: new ApiClient(stack.baseUrl),
      apiKey: ApiClient.forApiKey(stack.baseUrl, workspace.apiKey),
      otherAdmin: await ApiClient.signIn(stack.baseUrl, other.admin),
      cara: await ApiClient.signIn(stack.baseUrl, workspace.cara),
      ana: await ApiClient.signIn(stack.baseUrl, workspace.ana),
      supervisor: await ApiClient.signIn(stack.baseUrl, workspace.supervisor),
    };
    type Who = keyof typeof clients;
    const before = (await admin.get('/canned-replies')).body.replies;

    const seen: Record<string, Record<Who, string>> = {};
    for (const [operation, call] of Object.entries({
      'GET /canned-replies': (client: ApiClient) => client.get('/canned-replies'),
      'POST /canned-replies': (client: ApiClient) => client.post('/canned-replies', { title: uniqueTitle('Sneaky'), text: 'Hello' }),
      'PATCH /canned-replies/:id': (client: ApiClient) => patch(client, `/canned-replies/${reply.id}`, { text: 'Changed' }),
      'DELETE /canned-replies/:id': (client: ApiClient) => remove(client, `/canned-replies/${reply.id}`),
    })) {
      seen[operation] = {} as Record<Who, string>;
      for (const who of Object.keys(clients) as Who[]) {
        const answer = await call(clients[who]);
        seen[operation][who] = outcome(answer);
        // Another workspace's admin sees and writes its own workspace only: never a reply of ours.
        if (who === 'otherAdmin') expect(JSON.stringify(answer.body)).not.toContain(reply.id);
      }
    }

    const sessionOnly = { nobody: '401 unauthenticated', apiKey: '401 unauthenticated' };
    const adminOnly = { cara: '403 forbidden', ana: '403 forbidden', supervisor: '403 forbidden' };
    expect(seen).toEqual({
      // Selected agents, supervisors and admins answer customers, so they read replies; Cara is not selected.
      'GET /canned-replies': { ...sessionOnly, otherAdmin: '200', cara: '200', ana: '200', supervisor: '200' },
      'POST /canned-replies': { ...sessionOnly, ...adminOnly, otherAdmin: '201' },
      'PATCH /canned-replies/:id': { ...sessionOnly, ...adminOnly, otherAdmin: '404 not_found' },
      'DELETE /canned-replies/:id': { ...sessionOnly, ...adminOnly, otherAdmin: '404 not_found' },
    });
    expect((await admin.get('/canned-replies')).body.replies).toEqual(before);
  });

  it('refuses bad input with messages a person can read, and saves nothing', async () => {
    const reply = await saved();
    const before = (await admin.get('/canned-replies')).body.replies;

    const emptyTitle = await admin.post('/canned-replies', { title: '   ', text: 'Hello' });
    expect(outcome(emptyTitle)).toBe('422 validation_failed');
    expect(issueMessages(emptyTitle)).toEqual({ title: 'must not be empty' });

    const longText = await admin.post('/canned-replies', { title: uniqueTitle('Long'), text: 'x'.repeat(2001) });
    expect(outcome(longText)).toBe('422 validation_failed');
    expect(issueMessages(longText)).toEqual({ text: 'must be at most 2000 characters' });
    expect((await admin.post('/canned-replies', { title: 'x'.repeat(101), text: 'Hello' })).body.error.details.issues[0].message).toBe(
      'must be at most 100 characters',
    );

    const unknown = await admin.post('/canned-replies', { title: uniqueTitle('Order'), text: 'Your order {{order.id}} ships to {{customer.address}}.' });
    expect(outcome(unknown)).toBe('422 validation_failed');
    expect(issueMessages(unknown)).toEqual({
      text: 'has unknown placeholders {{order.id}}, {{customer.address}}: use {{customer.name}}, {{customer.email}} or {{agent.name}}',
    });
    const unknownOnChange = await patch(admin, `/canned-replies/${reply.id}`, { text: 'Hi {{customer.phone}}' });
    expect(issueMessages(unknownOnChange)).toEqual({ text: expect.stringMatching(/^has an unknown placeholder \{\{customer\.phone\}\}: use /) });

    expect(outcome(await admin.post('/canned-replies', { text: 'No title' }))).toBe('422 validation_failed');
    expect(outcome(await admin.post('/canned-replies', { title: uniqueTitle('Extra'), text: 'Hi', shared: true }))).toBe('422 validation_failed');
    expect(outcome(await patch(admin, `/canned-replies/${reply.id}`, { title: '' }))).toBe('422 validation_failed');
    expect(outcome(await patch(admin, '/canned-replies/not-a-uuid', { text: 'Hi' }))).toBe('404 not_found');
    expect(outcome(await patch(admin, `/canned-replies/${randomUUID()}`, { text: 'Hi' }))).toBe('404 not_found');

    expect((await admin.get('/canned-replies')).body.replies).toEqual(before);
  });

  it('refuses a title another reply of the workspace has, whatever its case, with 409', async () => {
    const first = await saved(uniqueTitle('Shipping'));
    const second = await saved(uniqueTitle('Returns'));

    const duplicate = await admin.post('/canned-replies', { title: `  ${first.title.toUpperCase()} `, text: 'Other text' });
    expect(outcome(duplicate)).toBe('409 conflict');
    expect(duplicate.body.error.message).toBe(`A canned reply titled "${first.title.toUpperCase()}" already exists; choose another title`);
    expect(outcome(await patch(admin, `/canned-replies/${second.id}`, { title: first.title.toLowerCase() }))).toBe('409 conflict');

    // Titles are unique per workspace only: another workspace may use the same one.
    const otherAdmin = await ApiClient.signIn(stack.baseUrl, other.admin);
    expect((await otherAdmin.post('/canned-replies', { title: first.title, text: 'Theirs' })).status).toBe(201);
  });
});
