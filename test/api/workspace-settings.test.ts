import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTimeZoneKnownToDatabase } from '../../db/workspaces.ts';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { ApiClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** The workspace row as stored, to check the state after each answer. */
async function storedWorkspace(workspaceId: string) {
  return stack.db.selectFrom('workspaces').select(['name', 'time_zone']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
}

async function signedIn(workspace: TestWorkspace, who: 'admin' | 'supervisor' | 'ana' | 'cara') {
  return ApiClient.signIn(stack.baseUrl, workspace[who]);
}

describe('GET /settings/workspace', () => {
  it("answers any member the workspace's name and time zone, UTC until an admin sets one", async () => {
    const workspace = await createWorkspace(stack.db);
    const { name } = await storedWorkspace(workspace.id);

    for (const who of ['cara', 'ana', 'supervisor', 'admin'] as const) {
      const answer = await (await signedIn(workspace, who)).get('/settings/workspace');
      expect(answer.status, who).toBe(200);
      expect(answer.body, who).toEqual({ workspace: { name, timeZone: 'UTC' } });
      expect(answer.headers.get('cache-control'), who).toBe('no-store');
    }
  });
});

describe('PUT /settings/workspace', () => {
  it('lets an admin rename the workspace and set its time zone, trimmed and under the canonical name', async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await signedIn(workspace, 'admin');

    const answer = await admin.put('/settings/workspace', { name: '  Acme Support  ', timeZone: 'europe/paris' });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ workspace: { name: 'Acme Support', timeZone: 'Europe/Paris' } });
    expect(await storedWorkspace(workspace.id)).toEqual({ name: 'Acme Support', time_zone: 'Europe/Paris' });
    // Every member reads the new settings.
    expect((await (await signedIn(workspace, 'ana')).get('/settings/workspace')).body).toEqual({ workspace: { name: 'Acme Support', timeZone: 'Europe/Paris' } });
  });

  it('changes only what is sent', async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await signedIn(workspace, 'admin');
    await admin.put('/settings/workspace', { name: 'Acme Support', timeZone: 'Europe/Paris' });

    expect((await admin.put('/settings/workspace', { timeZone: 'America/New_York' })).body).toEqual({
      workspace: { name: 'Acme Support', timeZone: 'America/New_York' },
    });
    expect((await admin.put('/settings/workspace', { name: 'Acme Help' })).body).toEqual({ workspace: { name: 'Acme Help', timeZone: 'America/New_York' } });
    expect(await storedWorkspace(workspace.id)).toEqual({ name: 'Acme Help', time_zone: 'America/New_York' });
  });

  it('answers 422 validation_failed naming timeZone for a zone that does not exist, and keeps the zone it had', async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await signedIn(workspace, 'admin');
    await admin.put('/settings/workspace', { timeZone: 'Asia/Tokyo' });

    const answer = await admin.put('/settings/workspace', { name: 'Renamed', timeZone: 'Mars/Olympus_Mons' });

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: {
        code: 'validation_failed',
        message: expect.any(String),
        details: { issues: [{ path: ['timeZone'], message: 'Enter a time zone by its IANA name, like Europe/Paris or America/New_York', code: 'custom' }] },
      },
    });
    // Nothing of a refused request is saved, not even its valid name.
    expect(await storedWorkspace(workspace.id)).toMatchObject({ time_zone: 'Asia/Tokyo' });
    expect((await storedWorkspace(workspace.id)).name).not.toBe('Renamed');
  });

  it('answers 422 naming the field for a blank or too long name, an empty body and an unknown field', async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await signedIn(workspace, 'admin');
    const before = await storedWorkspace(workspace.id);

    const refusals: [unknown, (string | number)[], string][] = [
      [{ name: '   ' }, ['name'], 'Enter a name for the workspace'],
      [{ name: 'x'.repeat(101) }, ['name'], 'Enter at most 100 characters'],
      [{}, [], 'Send a name, a timeZone, or both'],
      [{ timeZone: 'UTC', locale: 'fr' }, [], expect.any(String)],
      [{ timeZone: 42 }, ['timeZone'], 'Enter text'],
    ];
    for (const [body, path, message] of refusals) {
      const answer = await admin.put('/settings/workspace', body);
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(answer.body.error.code, JSON.stringify(body)).toBe('validation_failed');
      expect(answer.body.error.details.issues, JSON.stringify(body)).toEqual([expect.objectContaining({ path, message })]);
    }
    expect(await storedWorkspace(workspace.id)).toEqual(before);
  });

  it('refuses agents and the supervisor with 403 forbidden and changes nothing', async () => {
    const workspace = await createWorkspace(stack.db);
    const before = await storedWorkspace(workspace.id);

    for (const who of ['cara', 'ana', 'supervisor'] as const) {
      const answer = await (await signedIn(workspace, who)).put('/settings/workspace', { name: 'Taken over', timeZone: 'Asia/Tokyo' });
      expect(answer.status, who).toBe(403);
      expect(answer.body, who).toEqual({ error: { code: 'forbidden', message: expect.any(String), details: {} } });
    }
    expect(await storedWorkspace(workspace.id)).toEqual(before);
  });

  it("changes the admin's own workspace only", async () => {
    const [workspace, other] = await Promise.all([createWorkspace(stack.db), createWorkspace(stack.db)]);
    const otherBefore = await storedWorkspace(other.id);

    await (await signedIn(workspace, 'admin')).put('/settings/workspace', { name: 'Acme Support', timeZone: 'Asia/Tokyo' });

    expect(await storedWorkspace(other.id)).toEqual(otherBefore);
    expect((await (await signedIn(other, 'admin')).get('/settings/workspace')).body).toEqual({
      workspace: { name: otherBefore.name, timeZone: 'UTC' },
    });
  });
});

describe('the time zone check against the database', () => {
  // Node and PostgreSQL carry their own tz data; no zone of this machine's Node is missing from its PostgreSQL
  // (so the route's refusal cannot be reached over HTTP here), and the check itself is what keeps a later one out.
  it('knows the zones PostgreSQL knows and refuses one it does not', async () => {
    expect(await isTimeZoneKnownToDatabase(stack.db, 'Europe/Paris')).toBe(true);
    expect(await isTimeZoneKnownToDatabase(stack.db, 'UTC')).toBe(true);
    expect(await isTimeZoneKnownToDatabase(stack.db, 'Mars/Olympus_Mons')).toBe(false);
  });
});

describe('GET /analytics/handover', () => {
  it("counts in the workspace's time zone when the request names none, and in the one it names otherwise", async () => {
    const workspace = await createWorkspace(stack.db);
    const admin = await signedIn(workspace, 'admin');
    await admin.put('/settings/workspace', { timeZone: 'asia/tokyo' });

    const inWorkspaceZone = await admin.get('/analytics/handover?from=2026-01-10&to=2026-01-11');
    expect(inWorkspaceZone.status).toBe(200);
    expect(inWorkspaceZone.body.timeZone).toBe('Asia/Tokyo');
    // Midnight in Tokyo (UTC+9) is 15:00 UTC the day before.
    expect(new Date(inWorkspaceZone.body.from).toISOString()).toBe('2026-01-09T15:00:00.000Z');

    const named = await admin.get('/analytics/handover?from=2026-01-10&to=2026-01-11&tz=UTC');
    expect(named.body.timeZone).toBe('UTC');
    expect(new Date(named.body.from).toISOString()).toBe('2026-01-10T00:00:00.000Z');
  });
});
