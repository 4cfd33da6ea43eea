import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../api/auth/secrets.ts';
import { createWorkspace, testPassword, testPasswordHashing, type TestWorkspace } from '../support/factories.ts';
import { ApiClient, eventually, type HttpAnswer } from '../support/http.ts';
import { Inbox, linkToken } from '../support/inbox.ts';
import { EventStream } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Accounts by one-time links: invitations, a member's password change, and a forgotten password's reset. Emails
// are read from an Inbox (a capturing EmailSender) that both the API and the worker send through.

let stack: TestStack;
const inbox = new Inbox();

beforeAll(async () => {
  stack = await startTestStack({ emailSender: inbox, rateLimits: { perMinute: 6000, loginFailures: 10, passwordResetsPerEmail: 3 } });
});
afterAll(async () => {
  await stack?.stop();
});

const anonymous = () => new ApiClient(stack.baseUrl);
const freshEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.com`;
const strongPassword = 'violet kettle across the harbour';

/** The session cookie a successful answer set. */
function cookieOf(answer: HttpAnswer): string {
  return answer.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
}

async function signIn(email: string, password: string): Promise<HttpAnswer> {
  return anonymous().post('/auth/login', { email, password });
}

async function invite(admin: ApiClient, email: string, name = 'Dana Park'): Promise<{ answer: HttpAnswer; token: () => Promise<string> }> {
  const before = inbox.to(email).length;
  const answer = await admin.post('/members', { email, name, role: 'agent' });
  return {
    answer,
    token: async () => {
      const token = linkToken(await inbox.nth(email, before + 1), 'invite');
      if (!token) throw new Error(`no invitation link in the email to ${email}`);
      return token;
    },
  };
}

/**
 * The scrypt cost a member's password hash was made at. Every hash the API makes is at its configured cost (the
 * tests' cheaper one here), never at the product's default, which would make tests slow and a setting ignored.
 */
async function hashCostOf(memberId: string): Promise<string> {
  const row = await stack.db.selectFrom('members').select('password_hash').where('id', '=', memberId).executeTakeFirstOrThrow();
  return row.password_hash.split('$').slice(0, 4).join('$');
}
const configuredCost = `scrypt$${testPasswordHashing.N}$${testPasswordHashing.r}$${testPasswordHashing.p}`;

const streamEnded = (stream: EventStream, why: string) => eventually(async () => (stream.endedByServer ? true : undefined), why, 10_000);

async function resetLink(email: string, count: number): Promise<string> {
  const token = linkToken(await inbox.nth(email, count), 'reset-password');
  if (!token) throw new Error(`no reset link in email number ${count} to ${email}`);
  return token;
}

describe('invitations by one-time link', () => {
  let workspace: TestWorkspace;
  let admin: ApiClient;
  beforeAll(async () => {
    workspace = await createWorkspace(stack.db);
    admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
  });

  it('invites without a password, and the invitee accepts with their own password, is signed in and can sign in again', async () => {
    const email = freshEmail('dana');
    const { answer, token } = await invite(admin, email);

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      invitation: {
        id: expect.any(String),
        email,
        name: 'Dana Park',
        role: 'agent',
        status: 'pending',
        invitedBy: { id: workspace.admin.id, name: workspace.admin.name },
        createdAt: expect.any(String),
        sentAt: expect.any(String),
        expiresAt: expect.any(String),
      },
    });
    const days = (Date.parse(answer.body.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect((await admin.get('/invitations')).body.invitations.map((entry: { email: string }) => entry.email)).toContain(email);

    const secret = await token();
    const email1 = inbox.to(email)[0]!;
    expect(email1.text).toContain(`${stack.baseUrl}/invite/${secret}`);
    expect(email1.secrets).toEqual([`${stack.baseUrl}/invite/${secret}`]);
    // Only the token's hash is stored.
    const row = await stack.db.selectFrom('invitations').selectAll().where('id', '=', answer.body.invitation.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    const preview = await anonymous().post('/auth/invitation', { token: secret });
    expect(preview.body).toEqual({ invitation: { email, name: 'Dana Park', role: 'agent', workspaceName: expect.stringMatching(/^Test /), expiresAt: answer.body.invitation.expiresAt } });

    const accepted = await anonymous().post('/auth/invitation/accept', { token: secret, name: 'Dana Park-Lee', password: strongPassword });
    expect(accepted.status).toBe(200);
    expect(accepted.body.member).toMatchObject({ email, name: 'Dana Park-Lee', role: 'agent', active: true, workspaceId: workspace.id });
    const session = new ApiClient(stack.baseUrl, { cookie: cookieOf(accepted) });
    expect((await session.get('/me')).body.member.email).toBe(email);
    expect(await hashCostOf(accepted.body.member.id)).toBe(configuredCost);
    expect((await signIn(email, strongPassword)).status).toBe(200);

    // Used once: the link, the invitation's page and the pending list are done with it.
    const again = await anonymous().post('/auth/invitation/accept', { token: secret, name: 'Mallory', password: 'another long passphrase' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('invalid_link');
    expect((await anonymous().post('/auth/invitation', { token: secret })).status).toBe(410);
    expect((await admin.get('/invitations')).body.invitations.map((entry: { email: string }) => entry.email)).not.toContain(email);
    expect((await signIn(email, strongPassword)).status).toBe(200);
  });

  it('signs the invitee in as a sign-in does: the session names their browser and address, and a workspace that requires two-factor sends them to enrol', async () => {
    const strict = await createWorkspace(stack.db);
    const strictAdmin = await ApiClient.signIn(stack.baseUrl, strict.admin);
    const email = freshEmail('erin');
    const { token } = await invite(strictAdmin, email, 'Erin Moss');
    await stack.db.updateTable('workspaces').set({ require_two_factor: true }).where('id', '=', strict.id).execute();

    const accepted = await anonymous().request(
      'POST',
      '/auth/invitation/accept',
      JSON.stringify({ token: await token(), name: 'Erin Moss', password: strongPassword }),
      { 'user-agent': 'Erin Browser', 'x-forwarded-for': '198.51.100.23' },
    );

    expect(accepted.status).toBe(200);
    const erin = new ApiClient(stack.baseUrl, { cookie: cookieOf(accepted) });
    expect((await erin.get('/me')).body).toMatchObject({ member: { email }, twoFactorEnrolmentRequired: true });
    const handovers = await erin.get('/handovers');
    expect([handovers.status, handovers.body.error.code]).toEqual([403, 'two_factor_enrolment_required']);
    const sessions = await erin.get('/me/sessions');
    expect(sessions.body.sessions).toEqual([expect.objectContaining({ current: true, userAgent: 'Erin Browser', clientAddress: '198.51.100.23' })]);
  });

  it('refuses the link of a revoked invitation, and of an expired one until it is sent again', async () => {
    const revokedEmail = freshEmail('rev');
    const revoked = await invite(admin, revokedEmail);
    const revokedToken = await revoked.token();
    const expiredEmail = freshEmail('exp');
    const expired = await invite(admin, expiredEmail);
    const expiredToken = await expired.token();

    const revoke = await admin.request('DELETE', `/invitations/${revoked.answer.body.invitation.id}`);
    await stack.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', expired.answer.body.invitation.id).execute();

    expect(revoke.body.invitation.status).toBe('revoked');
    for (const token of [revokedToken, expiredToken]) {
      expect((await anonymous().post('/auth/invitation', { token })).status).toBe(410);
      const accept = await anonymous().post('/auth/invitation/accept', { token, name: 'Someone', password: strongPassword });
      expect(accept.status).toBe(410);
    }
    expect((await signIn(revokedEmail, strongPassword)).status).toBe(401);
    const listed = (await admin.get('/invitations')).body.invitations as { email: string; status: string }[];
    expect(listed.find((entry) => entry.email === revokedEmail)).toBeUndefined();
    expect(listed.find((entry) => entry.email === expiredEmail)?.status).toBe('expired');
    // A revoked invitation cannot be sent again.
    expect((await admin.post(`/invitations/${revoked.answer.body.invitation.id}/resend`)).status).toBe(409);

    const resent = await admin.post(`/invitations/${expired.answer.body.invitation.id}/resend`);
    expect(resent.body.invitation.status).toBe('pending');
    const newToken = linkToken(await inbox.nth(expiredEmail, 2), 'invite');
    const accept = await anonymous().post('/auth/invitation/accept', { token: newToken, name: 'Exp Ired', password: strongPassword });
    expect(accept.status).toBe(200);
  });

  it('revokes the open invitations of an admin who is demoted or deactivated, and no other admin’s', async () => {
    const own = await createWorkspace(stack.db);
    const owner = await ApiClient.signIn(stack.baseUrl, own.admin);
    for (const member of [own.ana, own.ben]) expect((await owner.request('PATCH', `/members/${member.id}`, JSON.stringify({ role: 'admin' }))).status).toBe(200);
    const [ana, ben] = [await ApiClient.signIn(stack.baseUrl, own.ana), await ApiClient.signIn(stack.baseUrl, own.ben)];
    const byAna = await invite(ana, freshEmail('by-ana'));
    const byBen = await invite(ben, freshEmail('by-ben'));
    const byOwner = await invite(owner, freshEmail('by-owner'));

    expect((await owner.request('PATCH', `/members/${own.ana.id}`, JSON.stringify({ role: 'agent' }))).status).toBe(200);
    expect((await owner.request('PATCH', `/members/${own.ben.id}`, JSON.stringify({ active: false }))).status).toBe(200);

    expect((await anonymous().post('/auth/invitation', { token: await byAna.token() })).status).toBe(410);
    expect((await anonymous().post('/auth/invitation', { token: await byBen.token() })).status).toBe(410);
    expect((await anonymous().post('/auth/invitation', { token: await byOwner.token() })).status).toBe(200);
    const listed = (await owner.get('/invitations')).body.invitations as { id: string }[];
    expect(listed.map((entry) => entry.id)).toEqual([byOwner.answer.body.invitation.id]);
  });

  it('voids the previous link when an invitation is sent again', async () => {
    const email = freshEmail('resend');
    const first = await invite(admin, email);
    const oldToken = await first.token();

    const resent = await admin.post(`/invitations/${first.answer.body.invitation.id}/resend`);
    const newToken = linkToken(await inbox.nth(email, 2), 'invite');

    expect(resent.status).toBe(200);
    expect(newToken).not.toBe(oldToken);
    expect((await anonymous().post('/auth/invitation/accept', { token: oldToken, name: 'Old', password: strongPassword })).status).toBe(410);
    expect((await anonymous().post('/auth/invitation/accept', { token: newToken, name: 'New', password: strongPassword })).status).toBe(200);
  });

  it('answers 409 for a member of this workspace or an address invited already, as before', async () => {
    const email = freshEmail('twice');
    await invite(admin, email);

    const member = await admin.post('/members', { email: workspace.cara.email, name: 'Cara', role: 'agent' });
    const twice = await admin.post('/members', { email, name: 'Dana', role: 'agent' });

    expect([member.status, member.body.error.code]).toEqual([409, 'conflict']);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'conflict']);
  });

  it('refuses a common password, or the email, when the invitee chooses one, and the link still works after', async () => {
    const email = freshEmail('weak');
    const { token } = await invite(admin, email);
    const secret = await token();

    const answers = await Promise.all(
      ['qwerty123456', 'Password2024!', email].map((password) => anonymous().post('/auth/invitation/accept', { token: secret, name: 'Weak', password })),
    );

    for (const answer of answers) {
      expect(answer.status).toBe(422);
      expect(answer.body.error.details.issues).toEqual([{ path: ['password'], message: expect.stringMatching(/common passwords|email address/), code: 'custom' }]);
    }
    expect((await anonymous().post('/auth/invitation/accept', { token: secret, name: 'Weak', password: strongPassword })).status).toBe(200);
  });
});

describe('inviting an address that has an account in another workspace (issue 12, item 7)', () => {
  it('answers the admin exactly as for a fresh address, and emails the owner a notice without a link', async () => {
    const [workspace, other] = await Promise.all([createWorkspace(stack.db), createWorkspace(stack.db)]);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const fresh = freshEmail('fresh');

    const answers = [await admin.post('/members', { email: fresh, name: 'Dana Park', role: 'agent' }), await admin.post('/members', { email: other.ana.email, name: 'Dana Park', role: 'agent' })];

    // The same status and shape, down to every field but the id, the address and the times.
    const shape = (answer: HttpAnswer) => ({
      status: answer.status,
      body: { invitation: { ...answer.body.invitation, id: 'id', email: 'email', createdAt: 't', sentAt: 't', expiresAt: 't' } },
    });
    expect(shape(answers[1]!)).toEqual(shape(answers[0]!));
    const listed = (await admin.get('/invitations')).body.invitations.map((entry: Record<string, unknown>) => ({ email: entry.email, status: entry.status }));
    expect(listed).toEqual(expect.arrayContaining([{ email: fresh, status: 'pending' }, { email: other.ana.email, status: 'pending' }]));
    // The resend and the revoke answer alike too.
    const resent = await admin.post(`/invitations/${answers[1]!.body.invitation.id}/resend`);
    expect(resent.status).toBe(200);

    const notices = [await inbox.nth(other.ana.email, 1), await inbox.nth(other.ana.email, 2)];
    for (const notice of notices) {
      expect(notice.text).toContain('already belongs to a Handover account');
      expect(notice.text).not.toMatch(/\/invite\//);
      expect(notice.secrets).toBeUndefined();
    }
    expect(linkToken(await inbox.nth(fresh, 1), 'invite')).not.toBeNull();
    // The owner's account is as it was, in its own workspace.
    expect((await signIn(other.ana.email, testPassword)).body.member.workspaceId).toBe(other.id);
    expect((await admin.get('/members')).body.members.map((member: { email: string }) => member.email)).not.toContain(other.ana.email);
  });
});

describe('POST /me/password', () => {
  it('refuses a wrong current password, then changes it: other sessions end with their streams, this one stays', async () => {
    const workspace = await createWorkspace(stack.db);
    const [hereCookie, elsewhereCookie] = [cookieOf(await signIn(workspace.ben.email, testPassword)), cookieOf(await signIn(workspace.ben.email, testPassword))];
    const [here, elsewhere] = [new ApiClient(stack.baseUrl, { cookie: hereCookie }), new ApiClient(stack.baseUrl, { cookie: elsewhereCookie })];
    const [hereStream, elsewhereStream] = [await EventStream.open(stack.baseUrl, { cookie: hereCookie }), await EventStream.open(stack.baseUrl, { cookie: elsewhereCookie })];

    const wrong = await here.post('/me/password', { currentPassword: 'not-my-password', newPassword: strongPassword });
    const common = await here.post('/me/password', { currentPassword: testPassword, newPassword: 'qwerty123456' });
    expect([wrong.status, wrong.body.error]).toEqual([403, { code: 'forbidden', message: 'That is not your current password', details: { field: 'currentPassword' } }]);
    expect(common.status).toBe(422);
    expect(common.body.error.details.issues[0].path).toEqual(['newPassword']);
    expect((await elsewhere.get('/me')).status).toBe(200);
    expect((await signIn(workspace.ben.email, testPassword)).status).toBe(200);

    const changed = await here.post('/me/password', { currentPassword: testPassword, newPassword: strongPassword });

    expect(changed).toMatchObject({ status: 200, body: { ok: true } });
    await streamEnded(elsewhereStream, "the other session's stream to end");
    expect(hereStream.endedByServer).toBe(false);
    expect((await here.get('/me')).status).toBe(200);
    expect((await elsewhere.get('/me')).status).toBe(401);
    expect(await hashCostOf(workspace.ben.id)).toBe(configuredCost);
    expect((await signIn(workspace.ben.email, testPassword)).status).toBe(401);
    expect((await signIn(workspace.ben.email, strongPassword)).status).toBe(200);
    await hereStream.close();
  });

  it('makes wrong current passwords wait as wrong sign-ins do', async () => {
    const workspace = await createWorkspace(stack.db);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);

    const statuses = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      statuses.push((await cara.post('/me/password', { currentPassword: `guess-${attempt}`, newPassword: strongPassword })).status);
    }

    expect(statuses).toEqual([...Array.from({ length: 10 }, () => 403), 429]);
  });

  it("counts only wrong current passwords, not the refusals of a workspace's two-factor requirement", async () => {
    const workspace = await createWorkspace(stack.db);
    const cara = await ApiClient.signIn(stack.baseUrl, workspace.cara);
    await stack.db.updateTable('workspaces').set({ require_two_factor: true }).where('id', '=', workspace.id).execute();

    const codes = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      codes.push((await cara.post('/me/password', { currentPassword: testPassword, newPassword: strongPassword })).body.error.code);
    }
    await stack.db.updateTable('workspaces').set({ require_two_factor: false }).where('id', '=', workspace.id).execute();

    expect(codes).toEqual(Array.from({ length: 11 }, () => 'two_factor_enrolment_required'));
    expect((await cara.post('/me/password', { currentPassword: testPassword, newPassword: strongPassword })).status).toBe(200);
  });
});

describe('forgotten password', () => {
  it('answers the same for an unknown email; a known one gets a link that works once and ends every session', async () => {
    const workspace = await createWorkspace(stack.db);
    const unknown = freshEmail('nobody');
    const beforeCookie = cookieOf(await signIn(workspace.ana.email, testPassword));
    const before = new ApiClient(stack.baseUrl, { cookie: beforeCookie });
    const beforeStream = await EventStream.open(stack.baseUrl, { cookie: beforeCookie });

    const answers = [await anonymous().post('/auth/password-reset', { email: unknown }), await anonymous().post('/auth/password-reset', { email: workspace.ana.email })];

    expect(answers.map((answer) => [answer.status, answer.body])).toEqual([
      [202, { ok: true }],
      [202, { ok: true }],
    ]);
    const token = await resetLink(workspace.ana.email, 1);
    // The unknown email's lookup began first and does less: by now it has sent nothing, and never will.
    expect(inbox.to(unknown)).toEqual([]);
    const reset = await stack.db.selectFrom('password_resets').selectAll().where('member_id', '=', workspace.ana.id).execute();
    expect(reset.map((row) => row.token_hash)).toEqual([hashToken(token)]);
    const minutes = (reset[0]!.expires_at.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(55);
    expect(minutes).toBeLessThanOrEqual(60);

    const weak = await anonymous().post('/auth/password-reset/complete', { token, password: 'Password2024!' });
    expect(weak.status).toBe(422);
    const done = await anonymous().post('/auth/password-reset/complete', { token, password: strongPassword });
    const again = await anonymous().post('/auth/password-reset/complete', { token, password: 'yet another long passphrase' });

    expect(done).toMatchObject({ status: 200, body: { ok: true } });
    await streamEnded(beforeStream, 'the stream of the session held before the reset to end');
    expect([again.status, again.body.error.code]).toEqual([410, 'invalid_link']);
    expect((await before.get('/me')).status).toBe(401);
    expect(await hashCostOf(workspace.ana.id)).toBe(configuredCost);
    expect((await signIn(workspace.ana.email, testPassword)).status).toBe(401);
    expect((await signIn(workspace.ana.email, strongPassword)).status).toBe(200);
  });

  it('voids the previous link when a new one is asked for, and limits requests per email', async () => {
    const workspace = await createWorkspace(stack.db);
    const email = workspace.ben.email;

    await anonymous().post('/auth/password-reset', { email });
    const first = await resetLink(email, 1);
    await anonymous().post('/auth/password-reset', { email });
    const second = await resetLink(email, 2);

    expect((await anonymous().post('/auth/password-reset/complete', { token: first, password: strongPassword })).status).toBe(410);
    expect((await anonymous().post('/auth/password-reset/complete', { token: second, password: strongPassword })).status).toBe(200);

    // The limit counts known and unknown emails alike (3 an hour here).
    const unknown = freshEmail('flood');
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await anonymous().post('/auth/password-reset', { email: unknown })).status);
    const known = await anonymous().post('/auth/password-reset', { email });
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(known.status).toBe(202);
    expect((await anonymous().post('/auth/password-reset', { email })).status).toBe(429);
  });

  it('sends nothing to a deactivated member', async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    await admin.request('PATCH', `/members/${workspace.cara.id}`, JSON.stringify({ active: false }));

    await anonymous().post('/auth/password-reset', { email: workspace.cara.email });
    await anonymous().post('/auth/password-reset', { email: workspace.ben.email });
    await resetLink(workspace.ben.email, 1);

    expect(inbox.to(workspace.cara.email)).toEqual([]);
  });
});

describe('the first password an admin sets (older clients)', () => {
  it('is still taken, and refused when it is a common one', async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);

    const common = await admin.post('/members', { email: freshEmail('old'), name: 'Old Client', role: 'agent', password: 'password1234' });
    const taken = await admin.post('/members', { email: freshEmail('old'), name: 'Old Client', role: 'agent', password: strongPassword });

    expect(common.status).toBe(422);
    expect(common.body.error.details.issues[0]).toMatchObject({ path: ['password'], message: expect.stringMatching(/common passwords/) });
    expect(taken.status).toBe(201);
    expect(taken.body.member).toMatchObject({ name: 'Old Client', active: true });
    expect(await hashCostOf(taken.body.member.id)).toBe(configuredCost);
  });

  it('racing the invitee who accepts their invitation answers 409, never 500', async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
    const seen: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      const email = freshEmail(`dual${round}`);
      await admin.post('/members', { email, name: 'Dual', role: 'agent' });
      const token = linkToken(await inbox.nth(email, 1), 'invite')!;
      const [accept, create] = await Promise.all([
        anonymous().post('/auth/invitation/accept', { token, name: 'A', password: strongPassword }),
        admin.post('/members', { email, name: 'Dual', role: 'agent', password: strongPassword }),
      ]);
      seen.push(accept.status, create.status);
    }
    expect(seen).not.toContain(500);
  });
});
