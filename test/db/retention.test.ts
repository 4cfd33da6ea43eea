import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../db/connect.ts';
import { purgeExpired } from '../../db/retention.ts';
import { hashToken, newSessionToken } from '../../api/auth/secrets.ts';
import { insertSession } from '../../db/sessions.ts';
import { replacePasswordReset } from '../../db/password-resets.ts';
import { createWorkspace } from '../support/factories.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db?.destroy();
});

describe('purging what has expired', () => {
  it('deletes expired and idle sessions, expired password reset links, invitations over for 30 days and live events older than the stream replays, and keeps the rest', async () => {
    const workspace = await createWorkspace(db);
    const session = async (expiresAt: Date, lastSeenHoursAgo = 0) => {
      const tokenHash = hashToken(newSessionToken());
      await insertSession(db, { tokenHash, memberId: workspace.ana.id, workspaceId: workspace.id, expiresAt, userAgent: null, clientAddress: null });
      await db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - lastSeenHoursAgo * 3_600_000) }).where('token_hash', '=', tokenHash).execute();
      return tokenHash;
    };
    const expired = await session(new Date(Date.now() - 60_000));
    const idle = await session(new Date(Date.now() + 3_600_000), 13);
    const live = await session(new Date(Date.now() + 3_600_000), 11);
    const event = async (ageHours: number) =>
      (
        await db
          .insertInto('live_events')
          .values({ workspace_id: workspace.id, type: 'handover.updated', handover_id: null, payload: JSON.stringify({}), created_at: new Date(Date.now() - ageHours * 3_600_000) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const reset = async (memberId: string, expiresAt: Date) => {
      const tokenHash = hashToken(newSessionToken());
      await replacePasswordReset(db, { memberId, workspaceId: workspace.id, tokenHash, expiresAt });
      return tokenHash;
    };
    const expiredReset = await reset(workspace.ana.id, new Date(Date.now() - 60_000));
    const liveReset = await reset(workspace.ben.id, new Date(Date.now() + 3_600_000));
    const invitation = async (dates: { expiresDaysAgo: number; acceptedDaysAgo?: number; revokedDaysAgo?: number }) => {
      const ago = (days: number | undefined) => (days === undefined ? null : new Date(Date.now() - days * 86_400_000));
      return (
        await db
          .insertInto('invitations')
          .values({
            workspace_id: workspace.id,
            email: `${newSessionToken().slice(0, 12)}@example.test`,
            name: 'Invitee',
            role: 'agent',
            token_hash: hashToken(newSessionToken()),
            invited_by: workspace.admin.id,
            expires_at: ago(dates.expiresDaysAgo)!,
            accepted_at: ago(dates.acceptedDaysAgo),
            revoked_at: ago(dates.revokedDaysAgo),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    };
    const invitationsGone = [
      await invitation({ expiresDaysAgo: 31 }),
      await invitation({ expiresDaysAgo: -2, acceptedDaysAgo: 31 }),
      await invitation({ expiresDaysAgo: -2, revokedDaysAgo: 31 }),
    ];
    const invitationsKept = [
      await invitation({ expiresDaysAgo: -2 }),
      await invitation({ expiresDaysAgo: 29 }),
      await invitation({ expiresDaysAgo: 31, acceptedDaysAgo: 29 }),
      await invitation({ expiresDaysAgo: 31, revokedDaysAgo: 29 }),
    ];
    const old = [await event(30), await event(25)];
    const recent = await event(1);

    await purgeExpired(db, { sessionIdleSeconds: 12 * 3600, liveEventsKeptHours: 24, invitationsKeptDays: 30, batchSize: 1 });

    const sessions = await db.selectFrom('sessions').select('token_hash').where('token_hash', 'in', [expired, idle, live]).execute();
    expect(sessions.map((row) => row.token_hash)).toEqual([live]);
    const events = await db.selectFrom('live_events').select('id').where('id', 'in', [...old, recent]).execute();
    expect(events.map((row) => row.id)).toEqual([recent]);
    const resets = await db.selectFrom('password_resets').select('token_hash').where('token_hash', 'in', [expiredReset, liveReset]).execute();
    expect(resets.map((row) => row.token_hash)).toEqual([liveReset]);
    const invitations = await db.selectFrom('invitations').select('id').where('id', 'in', [...invitationsGone, ...invitationsKept]).execute();
    expect(invitations.map((row) => row.id).sort()).toEqual([...invitationsKept].sort());
  });
});
