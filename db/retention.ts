import { sql } from 'kysely';
import type { Db } from './connect.ts';

export interface RetentionOptions {
  /** A session unused this long is over (the idle timeout), as one past its expiry. */
  sessionIdleSeconds: number;
  /** How long the live stream can replay what a reconnecting console missed (Last-Event-ID). */
  liveEventsKeptHours: number;
  /** Days an accepted, revoked or expired invitation is kept (listed as Expired, if it expired) before it goes. */
  invitationsKeptDays?: number;
  /** Rows deleted per statement, so a large backlog never holds locks or bloats one transaction. */
  batchSize?: number;
}

/** An invitation over (accepted, revoked or expired) is kept this long by default: the admin still sees an expired one. */
export const invitationsKeptDays = 30;

/**
 * Deletes expired and idle sessions, expired sign-ins waiting for a second factor, expired password reset links,
 * invitations over for longer than they are kept (their email address and name with them), and live events older
 * than the stream replays. Returns how many sessions, reset links, invitations and live events went.
 */
export async function purgeExpired(
  db: Db,
  options: RetentionOptions,
): Promise<{ sessions: number; passwordResets: number; invitations: number; liveEvents: number }> {
  const batchSize = options.batchSize ?? 10_000;
  const keptDays = options.invitationsKeptDays ?? invitationsKeptDays;
  const sessions = await inBatches(
    (limit) =>
      sql`delete from sessions where token_hash in (select token_hash from sessions
        where expires_at < now() or last_seen_at < now() - make_interval(secs => ${options.sessionIdleSeconds}) limit ${limit})`,
    db,
    batchSize,
  );
  await inBatches(
    (limit) => sql`delete from two_factor_challenges where token_hash in (select token_hash from two_factor_challenges where expires_at < now() limit ${limit})`,
    db,
    batchSize,
  );
  const passwordResets = await inBatches(
    (limit) => sql`delete from password_resets where token_hash in (select token_hash from password_resets where expires_at < now() limit ${limit})`,
    db,
    batchSize,
  );
  const invitations = await inBatches(
    (limit) =>
      sql`delete from invitations where id in (select id from invitations
        where coalesce(accepted_at, revoked_at, expires_at) < now() - make_interval(days => ${keptDays}) limit ${limit})`,
    db,
    batchSize,
  );
  // Ids grow with time: the oldest rows come first along the primary key, so no index on created_at is needed.
  const liveEvents = await inBatches(
    (limit) =>
      sql`delete from live_events where id in (select id from live_events
        where created_at < now() - make_interval(hours => ${options.liveEventsKeptHours}) order by id limit ${limit})`,
    db,
    batchSize,
  );
  return { sessions, passwordResets, invitations, liveEvents };
}

async function inBatches(statement: (limit: number) => ReturnType<typeof sql>, db: Db, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { numAffectedRows } = await statement(batchSize).execute(db);
    const deleted = Number(numAffectedRows ?? 0);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
