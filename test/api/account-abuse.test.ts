import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, testPassword } from '../support/factories.ts';
import { defaultInvitationEmailLimits } from '../../api/invitations.ts';
import { ApiClient } from '../support/http.ts';
import { Inbox, linkToken } from '../support/inbox.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Defects a cold review of invitations, password change and reset found, each reproduced here before its fix.
// Addresses are taken from X-Forwarded-For (the stack trusts the loopback proxy) so a test can move between them.

let stack: TestStack;
const inbox = new Inbox();
beforeAll(async () => {
  stack = await startTestStack({ emailSender: inbox, trustProxy: 'loopback', allowAdminSetPassword: false, invitationEmailLimits: defaultInvitationEmailLimits });
});
afterAll(async () => {
  await stack?.stop();
});
const anonymous = () => new ApiClient(stack.baseUrl);
const freshEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.com`;
const strong = 'violet kettle across the harbour';

describe('account abuse (cold review)', () => {
  it('a reset link asked for before a password change no longer works after it', async () => {
    const workspace = await createWorkspace(stack.db);
    await anonymous().post('/auth/password-reset', { email: workspace.ben.email });
    const token = linkToken(await inbox.nth(workspace.ben.email, 1), 'reset-password')!;
    const ben = await ApiClient.signIn(stack.baseUrl, workspace.ben);
    expect((await ben.post('/me/password', { currentPassword: testPassword, newPassword: strong })).status).toBe(200);

    const late = await anonymous().post('/auth/password-reset/complete', { token, password: 'someone else chose this one' });
    expect(late.status).toBe(410);
  });

  it("POST /members with a password does not tell an admin that an address is another workspace's", async () => {
    const [mine, other] = [await createWorkspace(stack.db), await createWorkspace(stack.db)];
    const admin = await ApiClient.signIn(stack.baseUrl, mine.admin);
    const taken = await admin.post('/members', { email: other.ana.email, name: 'X', role: 'agent', password: strong });
    const fresh = await admin.post('/members', { email: freshEmail('free'), name: 'X', role: 'agent', password: strong });
    expect(taken.status).toBe(fresh.status);
    expect(taken.body).toEqual(fresh.body);
    // Its own member answers 409 as the invitation form does: nothing the admin does not know.
    expect((await admin.post('/members', { email: mine.ana.email, name: 'X', role: 'agent', password: strong })).status).toBe(409);
  });

  it('wrong current passwords keep waiting when the session comes from another address', async () => {
    const workspace = await createWorkspace(stack.db);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const headers = { 'x-forwarded-for': `203.0.113.${attempt}` };
      const body = JSON.stringify({ currentPassword: `guess-${attempt}`, newPassword: strong });
      statuses.push((await cara.request('POST', '/me/password', body, headers)).status);
    }
    expect(statuses).toContain(429);
  });

  it('an admin cannot mail-bomb an address by sending an invitation again and again', async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const email = freshEmail('victim');
    const { body } = await admin.post('/members', { email, name: 'Victim', role: 'agent' });
    const answers = [];
    for (let attempt = 0; attempt < 25; attempt += 1) answers.push(await admin.post(`/invitations/${body.invitation.id}/resend`));
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused).toBeDefined();
    expect(refused!.body.error.code).toBe('rate_limited');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(inbox.to(email).length).toBeLessThan(5);
  });
});
