import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashToken, newSessionToken } from '../../api/auth/secrets.ts';
import { replacePasswordReset } from '../../db/password-resets.ts';
import { insertSession } from '../../db/sessions.ts';
import { enableTwoFactor, findTwoFactor, insertTwoFactorChallenge, startTwoFactorEnrolment } from '../../db/two-factor.ts';
import { createWorkspace, testPassword, type TestMember } from '../support/factories.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { EventStream } from '../support/sse.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

// Account security: the sessions a member sees and ends, the idle timeout, the TOTP second factor and a
// workspace's requirement of it, and passwords rehashed at today's cost on sign-in.

let stack: TestStack;

beforeAll(async () => {
  // Streams re-check their session every second besides when told, so one ended shows within the test's wait.
  stack = await startTestStack({ streams: { recheckMs: 1000 } });
});
afterAll(async () => {
  await stack?.stop();
});

interface SignIn {
  status: number;
  body: any;
  /** The cookies the answer set, by name ('' for one it cleared). */
  cookies: Record<string, string>;
}

/** POSTs to a sign-in step as a browser would, from `address` (the API trusts loopback's X-Forwarded-For). */
async function signInStep(path: string, body: unknown, options: { cookie?: string; address?: string; userAgent?: string } = {}): Promise<SignIn> {
  const response = await fetch(`${stack.baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.address ? { 'x-forwarded-for': options.address } : {}),
      ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
    },
    body: JSON.stringify(body),
  });
  const cookies = Object.fromEntries(
    response.headers.getSetCookie().map((line) => {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      return [pair.slice(0, separator), pair.slice(separator + 1)];
    }),
  );
  return { status: response.status, body: await response.json(), cookies };
}

const password = (member: TestMember, options: { address?: string; userAgent?: string } = {}) =>
  signInStep('/auth/login', { email: member.email, password: testPassword }, options);

/** A session client from a sign-in's cookie. */
function clientOf(signIn: SignIn): ApiClient {
  expect(signIn.cookies.handover_session, JSON.stringify(signIn.body)).toBeTruthy();
  return new ApiClient(stack.baseUrl, { cookie: `handover_session=${signIn.cookies.handover_session}` });
}

/** The code an authenticator app with this secret shows `steps` periods from now. */
function codeOf(secret: string, steps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });
}

/** Turns two-factor on for a signed-in member; answers the secret and the recovery codes. */
async function enrol(client: ApiClient): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await client.post('/me/two-factor');
  expect(started.status).toBe(200);
  const confirmed = await client.post('/me/two-factor/confirm', { code: codeOf(started.body.secret) });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

/** Password, then the code: a whole sign-in of a member with two-factor. */
async function signInWithCode(member: TestMember, code: string, address?: string): Promise<SignIn> {
  const first = await password(member, { ...(address ? { address } : {}) });
  expect(first.body).toEqual({ twoFactorRequired: true, expiresAt: expect.any(String) });
  return signInStep('/auth/login/two-factor', { code }, { cookie: `handover_two_factor=${first.cookies.handover_two_factor}`, ...(address ? { address } : {}) });
}

const ended = (stream: EventStream, why: string) => eventually(async () => (stream.endedByServer ? true : undefined), why, 10_000);

describe('sessions, listed and ended by their member', () => {
  it('lists my sessions with this one marked, its browser and address, and never a token', async () => {
    const own = await createWorkspace(stack.db);
    const laptop = await password(own.ana, { userAgent: 'Laptop Firefox', address: '198.51.100.7' });
    await password(own.ana, { userAgent: `Phone ${'x'.repeat(400)}` });
    await password(own.ben);

    const answer = await clientOf(laptop).get('/me/sessions');

    expect(answer.status).toBe(200);
    expect(answer.body.sessions).toHaveLength(2);
    const [current, other] = [answer.body.sessions.find((s: any) => s.current), answer.body.sessions.find((s: any) => !s.current)];
    expect(current).toMatchObject({ userAgent: 'Laptop Firefox', clientAddress: '198.51.100.7', id: expect.any(String), lastSeenAt: expect.any(String) });
    expect(other.userAgent).toHaveLength(200);
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(laptop.cookies.handover_session);
    const hashes = await stack.db.selectFrom('sessions').select('token_hash').where('member_id', '=', own.ana.id).execute();
    for (const { token_hash } of hashes) expect(text).not.toContain(token_hash);
  });

  it('ends one session: its cookie is refused after and its open stream ends; another member\u2019s session is 404', async () => {
    const own = await createWorkspace(stack.db);
    const desk = clientOf(await password(own.ana));
    const phoneSignIn = await password(own.ana);
    const phone = clientOf(phoneSignIn);
    const stream = await EventStream.open(stack.baseUrl, { cookie: `handover_session=${phoneSignIn.cookies.handover_session}` });
    expect(stream.status).toBe(200);
    const phoneId = (await phone.get('/me/sessions')).body.sessions.find((s: any) => s.current).id;

    const ben = clientOf(await password(own.ben));
    const byBen = await ben.delete(`/me/sessions/${phoneId}`);
    expect(byBen.status).toBe(404);
    expect(byBen.body.error.code).toBe('not_found');
    expect((await phone.get('/me')).status).toBe(200);

    const revoked = await desk.delete(`/me/sessions/${phoneId}`);

    expect(revoked.status).toBe(200);
    expect(revoked.body.sessions.map((s: any) => s.current)).toEqual([true]);
    expect((await phone.get('/me')).status).toBe(401);
    await ended(stream, 'the ended session\u2019s stream to end');
    expect((await desk.get('/me')).status).toBe(200);
    expect((await desk.delete(`/me/sessions/${phoneId}`)).status).toBe(404);
  });

  it('signs out every other session of mine, and no one else\u2019s', async () => {
    const own = await createWorkspace(stack.db);
    const [here, there, elsewhere] = [clientOf(await password(own.ana)), clientOf(await password(own.ana)), clientOf(await password(own.ana))];
    const ben = clientOf(await password(own.ben));

    const answer = await here.post('/me/sessions/revoke-others');

    expect(answer.status).toBe(200);
    expect(answer.body.revoked).toBe(2);
    expect(answer.body.sessions).toEqual([expect.objectContaining({ current: true })]);
    expect([(await there.get('/me')).status, (await elsewhere.get('/me')).status, (await here.get('/me')).status, (await ben.get('/me')).status]).toEqual([401, 401, 200, 200]);
  });

  it('refuses and deletes a session unused for the idle timeout, and marks use at most once a minute', async () => {
    const own = await createWorkspace(stack.db);
    const ana = clientOf(await password(own.ana));
    const lastSeen = () => stack.db.selectFrom('sessions').select('last_seen_at').where('member_id', '=', own.ana.id).executeTakeFirst();
    const setLastSeen = (secondsAgo: number) =>
      stack.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - secondsAgo * 1000) }).where('member_id', '=', own.ana.id).execute();

    // Used 30 s ago: this request writes nothing.
    await setLastSeen(30);
    const marked = (await lastSeen())!.last_seen_at;
    expect((await ana.get('/me')).status).toBe(200);
    expect((await lastSeen())!.last_seen_at).toEqual(marked);

    // Used 11 hours ago: still in force, and marked used now.
    await setLastSeen(11 * 3600);
    expect((await ana.get('/me')).status).toBe(200);
    expect(Date.now() - (await lastSeen())!.last_seen_at.getTime()).toBeLessThan(10 * 60_000);

    // Unused for 12 hours and more: refused, and gone.
    await setLastSeen(12 * 3600 + 60);
    const refused = await ana.get('/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
    expect(await lastSeen()).toBeUndefined();
  });

  it('does not mark a session used by a reload the console made on its own, and still signs an idle one out', async () => {
    const own = await createWorkspace(stack.db);
    const signIn = await password(own.ana);
    const ana = clientOf(signIn);
    // As the console's server sends a reload it made on its own (live stream, polling).
    const inBackground = async (path: string) =>
      (await fetch(`${stack.baseUrl}/api/v1${path}`, { headers: { cookie: `handover_session=${signIn.cookies.handover_session}`, 'x-handover-background': '1' } })).status;
    const lastSeen = async () => (await stack.db.selectFrom('sessions').select('last_seen_at').where('member_id', '=', own.ana.id).executeTakeFirst())?.last_seen_at;
    const setLastSeen = (secondsAgo: number) =>
      stack.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - secondsAgo * 1000) }).where('member_id', '=', own.ana.id).execute();

    // Used 11 hours ago: a background reload is answered but leaves the last use where it was.
    await setLastSeen(11 * 3600);
    const marked = await lastSeen();
    expect(await inBackground('/me')).toBe(200);
    expect(await inBackground('/handovers')).toBe(200);
    expect(await lastSeen()).toEqual(marked);

    // The member's own request still counts.
    expect((await ana.get('/me')).status).toBe(200);
    expect(Date.now() - (await lastSeen())!.getTime()).toBeLessThan(10 * 60_000);

    // Unused for the idle timeout: refused with the header too, and gone.
    await setLastSeen(12 * 3600 + 60);
    expect(await inBackground('/me')).toBe(401);
    expect(await lastSeen()).toBeUndefined();
  });
});

describe('two-factor sign-in', () => {
  it('enrols only with a current code of the app, gives recovery codes once, and never shows the secret again', async () => {
    const own = await createWorkspace(stack.db);
    const ana = clientOf(await password(own.ana));

    const started = await ana.post('/me/two-factor');
    expect(started.status).toBe(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.uri).toBe(`otpauth://totp/Handover:${encodeURIComponent(own.ana.email)}?issuer=Handover&secret=${started.body.secret}&algorithm=SHA1&digits=6&period=30`);

    const wrong = await ana.post('/me/two-factor/confirm', { code: String((Number(codeOf(started.body.secret)) + 1) % 1_000_000).padStart(6, '0') });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.issues[0].path).toEqual(['code']);
    expect((await ana.get('/me/two-factor')).body.twoFactor.enabled).toBe(false);
    expect((await password(own.ana)).body.member?.id).toBe(own.ana.id);

    const confirmed = await ana.post('/me/two-factor/confirm', { code: codeOf(started.body.secret) });

    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    const status = await ana.get('/me/two-factor');
    expect(status.body.twoFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 10, requiredByWorkspace: false });
    expect(JSON.stringify(status.body)).not.toContain(started.body.secret);
    expect((await ana.post('/me/two-factor')).status).toBe(409);
    const stored = await stack.db.selectFrom('two_factor_recovery_codes').select('code_hash').where('member_id', '=', own.ana.id).execute();
    expect(stored.map((row) => row.code_hash)).not.toContain(confirmed.body.recoveryCodes[0]);
  });

  it('does not turn on with a code of an enrolment started again since the code was matched', async () => {
    const own = await createWorkspace(stack.db);
    const first = new Secret().base32;
    await startTwoFactorEnrolment(stack.db, own.id, own.ana.id, first);
    await startTwoFactorEnrolment(stack.db, own.id, own.ana.id, new Secret().base32);

    const enabled = await enableTwoFactor(stack.db, own.id, own.ana.id, first, 1, [hashToken('recovery')]);

    expect(enabled).toBe(false);
    expect((await findTwoFactor(stack.db, own.id, own.ana.id))?.enabledAt).toBeNull();
  });

  it('asks for the code after the right password, takes each code once, and a recovery code once', async () => {
    const own = await createWorkspace(stack.db);
    const { secret, recoveryCodes } = await enrol(clientOf(await password(own.ana)));

    const first = await password(own.ana);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ twoFactorRequired: true, expiresAt: expect.any(String) });
    expect(first.cookies.handover_session).toBeUndefined();
    // The code of the next period: the one that confirmed enrolment is used up.
    const code = codeOf(secret, 1);
    const completed = await signInStep('/auth/login/two-factor', { code }, { cookie: `handover_two_factor=${first.cookies.handover_two_factor}` });
    expect(completed.status).toBe(200);
    expect(completed.body.member.id).toBe(own.ana.id);
    expect(completed.cookies.handover_two_factor).toBe('');
    expect((await clientOf(completed).get('/me')).status).toBe(200);

    // The pending sign-in was single-use; and the same code again, on a new one, is a replay.
    const reused = await signInStep('/auth/login/two-factor', { code }, { cookie: `handover_two_factor=${first.cookies.handover_two_factor}` });
    expect(reused.status).toBe(401);
    const replayed = await signInWithCode(own.ana, code);
    expect(replayed.status).toBe(401);
    expect(replayed.cookies.handover_session).toBeUndefined();

    const recovered = await signInWithCode(own.ana, recoveryCodes[0]!.toUpperCase());
    expect(recovered.status).toBe(200);
    expect((await signInWithCode(own.ana, recoveryCodes[0]!)).status).toBe(401);
    expect((await clientOf(recovered).get('/me/two-factor')).body.twoFactor.recoveryCodesLeft).toBe(9);
  });

  it('counts wrong codes like wrong passwords: five end the sign-in, and a right password does not clear the count', async () => {
    const own = await createWorkspace(stack.db);
    const { secret } = await enrol(clientOf(await password(own.cara)));
    const address = '203.0.113.42';
    const wrongCode = String((Number(codeOf(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    const guessFive = async () => {
      const first = await password(own.cara, { address });
      expect(first.status).toBe(200);
      const cookie = `handover_two_factor=${first.cookies.handover_two_factor}`;
      const answers = [];
      for (let guess = 0; guess < 5; guess += 1) answers.push(await signInStep('/auth/login/two-factor', { code: wrongCode }, { cookie, address }));
      return { answers, cookie };
    };

    const round = await guessFive();
    expect(round.answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
    expect(round.answers[4]!.cookies.handover_two_factor).toBe('');
    const afterFive = await signInStep('/auth/login/two-factor', { code: codeOf(secret, 1) }, { cookie: round.cookie, address });
    expect(afterFive.status).toBe(401);
    expect(afterFive.cookies.handover_session).toBeUndefined();

    // Ten failures of this email from this address (the sign-in limit) across two rounds: then it must wait.
    await guessFive();
    const waiting = await password(own.cara, { address });
    expect(waiting.status).toBe(429);
    expect(waiting.body.error.code).toBe('rate_limited');
    // Elsewhere, the owner still signs in.
    expect((await signInWithCode(own.cara, codeOf(secret, 1), '198.51.100.9')).status).toBe(200);
  });

  it('judges at most five codes of one sign-in, even sent all at once from many addresses', async () => {
    const own = await createWorkspace(stack.db);
    const { secret } = await enrol(clientOf(await password(own.cara)));
    const first = await password(own.cara);
    const cookie = `handover_two_factor=${first.cookies.handover_two_factor}`;
    const wrongCode = String((Number(codeOf(secret)) + 500_000) % 1_000_000).padStart(6, '0');

    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) => signInStep('/auth/login/two-factor', { code: wrongCode }, { cookie, address: `198.18.0.${index + 1}` })),
    );

    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(401));
    // A code judged says it was wrong (the fifth, that there were too many); one past the limit was not judged.
    const judged = answers.filter((answer) => /not right|Too many wrong codes/.test(answer.body.error.message));
    expect(judged.length).toBeLessThanOrEqual(5);
  });

  it('turns off only with the password and a code, and sign-in is one step again', async () => {
    const own = await createWorkspace(stack.db);
    const ana = clientOf(await password(own.ana));
    const { secret, recoveryCodes } = await enrol(ana);

    const wrongPassword = await ana.post('/me/two-factor/disable', { password: 'not-my-password', code: recoveryCodes[0] });
    expect(wrongPassword.status).toBe(422);
    expect(wrongPassword.body.error.details.issues[0].path).toEqual(['password']);
    const wrongCode = await ana.post('/me/two-factor/disable', { password: testPassword, code: 'aaaaa-aaaaa' });
    expect(wrongCode.status).toBe(422);
    expect(wrongCode.body.error.details.issues[0].path).toEqual(['code']);
    expect((await ana.get('/me/two-factor')).body.twoFactor.enabled).toBe(true);

    const off = await ana.post('/me/two-factor/disable', { password: testPassword, code: codeOf(secret, 1) });

    expect(off.status).toBe(200);
    expect(off.body.twoFactor).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, requiredByWorkspace: false });
    expect((await password(own.ana)).body.member.id).toBe(own.ana.id);
    expect((await ana.post('/me/two-factor/disable', { password: testPassword, code: codeOf(secret, 1) })).status).toBe(409);
  });

  it('ends a sign-in still waiting for its code when the password is reset: the password it began with is void', async () => {
    const own = await createWorkspace(stack.db);
    const { secret } = await enrol(clientOf(await password(own.ana)));
    const pending = await password(own.ana);
    expect(pending.body.twoFactorRequired).toBe(true);
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + 3_600_000);
    await replacePasswordReset(stack.db, { memberId: own.ana.id, workspaceId: own.id, tokenHash: hashToken(token), expiresAt });
    expect((await signInStep('/auth/password-reset/complete', { token, password: 'violet kettle across the harbour' })).status).toBe(200);

    const code = await signInStep('/auth/login/two-factor', { code: codeOf(secret, 1) }, { cookie: `handover_two_factor=${pending.cookies.handover_two_factor}` });

    expect([code.status, code.body.error.message]).toEqual([401, expect.stringMatching(/timed out/)]);
  });

  it('makes no session or pending sign-in from a password checked before a reset committed', async () => {
    // A sign-in checks the hash, then makes its session; a reset can commit between the two. Its insert is
    // conditional on the hash it checked, so the old password yields nothing.
    const own = await createWorkspace(stack.db);
    const checked = (await stack.db.selectFrom('members').select('password_hash').where('id', '=', own.ana.id).executeTakeFirstOrThrow()).password_hash;
    const token = newSessionToken();
    await replacePasswordReset(stack.db, { memberId: own.ana.id, workspaceId: own.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await signInStep('/auth/password-reset/complete', { token, password: 'violet kettle across the harbour' })).status).toBe(200);
    const later = { memberId: own.ana.id, workspaceId: own.id, expiresAt: new Date(Date.now() + 3_600_000), passwordHash: checked };

    const session = await insertSession(stack.db, { ...later, tokenHash: hashToken(newSessionToken()), userAgent: null, clientAddress: null });
    const challenge = await insertTwoFactorChallenge(stack.db, { ...later, tokenHash: hashToken(newSessionToken()) });

    expect([session, challenge]).toEqual([false, false]);
    expect(await stack.db.selectFrom('sessions').select('token_hash').where('member_id', '=', own.ana.id).execute()).toEqual([]);
    expect(await stack.db.selectFrom('two_factor_challenges').select('token_hash').where('member_id', '=', own.ana.id).execute()).toEqual([]);
  });

  it('sends a member of a workspace that requires it to enrol before anything else', async () => {
    const own = await createWorkspace(stack.db);
    const admin = clientOf(await password(own.admin));
    const benSignIn = await password(own.ben);
    const ben = clientOf(benSignIn);
    const benStream = await EventStream.open(stack.baseUrl, { cookie: `handover_session=${benSignIn.cookies.handover_session}` });
    expect(benStream.status).toBe(200);

    // Not before the admin has it: the requirement would shut them out first.
    const early = await admin.put('/settings/security', { requireTwoFactor: true });
    expect(early.status).toBe(409);
    await enrol(admin);
    const required = await admin.put('/settings/security', { requireTwoFactor: true });
    expect(required.body).toEqual({ security: { requireTwoFactor: true } });

    await ended(benStream, "Ben's stream to end when two-factor is required of him");
    const refused = await ben.get('/handovers?view=queue');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('two_factor_enrolment_required');
    expect((await EventStream.open(stack.baseUrl, { cookie: `handover_session=${benSignIn.cookies.handover_session}` })).status).toBe(403);
    expect((await ben.get('/me')).body).toMatchObject({ member: { id: own.ben.id }, twoFactorEnrolmentRequired: true });
    // A fresh sign-in is the same: a session that may only enrol.
    const again = clientOf(await password(own.ben));
    expect((await again.get('/settings/handover')).body.error.code).toBe('two_factor_enrolment_required');

    await enrol(ben);

    expect((await ben.get('/handovers?view=queue')).status).toBe(200);
    expect((await ben.get('/me')).body.twoFactorEnrolmentRequired).toBe(false);
    expect((await admin.get('/handovers?view=queue')).status).toBe(200);
  });
});

describe('password hashes at an older cost', () => {
  it('still sign in, and are rehashed at today\u2019s cost as they do', async () => {
    const own = await createWorkspace(stack.db);
    const older = await hashPassword(testPassword, { N: 2 ** 10, r: 8, p: 1 });
    await stack.db.updateTable('members').set({ password_hash: older }).where('id', '=', own.ana.id).execute();

    expect((await password(own.ana)).status).toBe(200);

    const stored = await stack.db.selectFrom('members').select('password_hash').where('id', '=', own.ana.id).executeTakeFirstOrThrow();
    // The stack's cost (a cheap one for tests; the product's is N = 2^17, see api/auth/secrets.test.ts).
    expect(stored.password_hash).toMatch(/^scrypt\$4096\$8\$1\$/);
    expect((await password(own.ana)).status).toBe(200);
    expect((await password(own.ben)).status).toBe(200);
  });

  it('are rehashed too when the password is given again to turn two-factor off', async () => {
    const own = await createWorkspace(stack.db);
    const ana = clientOf(await password(own.ana));
    await enrol(ana);
    await stack.db.updateTable('members').set({ password_hash: await hashPassword(testPassword, { N: 2 ** 10, r: 8, p: 1 }) }).where('id', '=', own.ana.id).execute();

    const wrongCode = await ana.post('/me/two-factor/disable', { password: testPassword, code: 'aaaaa-aaaaa' });

    expect(wrongCode.body.error.details.issues[0].path).toEqual(['code']);
    const stored = await stack.db.selectFrom('members').select('password_hash').where('id', '=', own.ana.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$4096\$8\$1\$/);
  });
});
