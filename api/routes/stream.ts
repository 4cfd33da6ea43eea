import type { Request, Response } from 'express';
import { isActive, mayHandleHandover, mayHandleHandovers } from '../../domain/handover.ts';
import type { Handover } from '../../domain/schemas/handovers.ts';
import type { Member } from '../../domain/schemas/members.ts';
import { AppError } from '../../domain/errors.ts';
import { listActiveHandoverIdsOpenTo } from '../../db/handovers.ts';
import { listLiveEventsAfter, type EphemeralEvent, type LiveEvent } from '../../db/live-events.ts';
import { findSessionMember } from '../../db/members.ts';
import { hashToken } from '../auth/secrets.ts';
import type { ApiDeps } from '../deps.ts';
import { authenticate, sessionIdleSeconds, sessionToken } from '../middleware/authenticate.ts';

const heartbeatMs = 15_000;

export interface StreamLimits {
  /** How often an open stream re-checks its session and member, besides when told their access changed. */
  recheckMs: number;
  /** Open streams per member (tabs, devices), and per API process. */
  perMember: number;
  perProcess: number;
}

export const defaultStreamLimits: StreamLimits = { recheckMs: 60_000, perMember: 20, perProcess: 5000 };

/** The streams open in this process, counted per member, within the limits. */
export function streamCounter(limits: StreamLimits) {
  const byMember = new Map<string, number>();
  let total = 0;
  return {
    /** Takes a place for the member's new stream, or refuses; the returned function gives it back. */
    open(memberId: string): () => void {
      if (total >= limits.perProcess) throw new AppError('unavailable', 'Too many live streams on this server; retry in a moment', { retryAfterSeconds: 5 });
      const held = byMember.get(memberId) ?? 0;
      if (held >= limits.perMember) {
        throw new AppError('rate_limited', `At most ${limits.perMember} live streams per member: close another tab first`, { retryAfterSeconds: 5 });
      }
      byMember.set(memberId, held + 1);
      total += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        const left = (byMember.get(memberId) ?? 1) - 1;
        if (left > 0) byMember.set(memberId, left);
        else byMember.delete(memberId);
      };
    },
  };
}

/**
 * GET /stream: Server-Sent Events of what this member may see; Last-Event-ID replays what was missed. The stream
 * re-checks its listener when told their access changed and every `recheckMs`: it ends when the session has (sign
 * out, a session ended from another, expiry, the idle timeout, deactivation, a two-factor requirement), and re-reads what the member may see when their role or team changed.
 */
export async function streamHandler(
  deps: ApiDeps,
  limits: StreamLimits,
  counter: ReturnType<typeof streamCounter>,
  req: Request,
  res: Response,
): Promise<void> {
  const caller = await authenticate(deps, req, 'member');
  if (caller.session.mustEnrolTwoFactor) {
    throw new AppError('two_factor_enrolment_required', 'Your workspace requires two-factor authentication: set it up under Account > Two-factor first');
  }
  const { workspaceId } = caller;
  let member = caller.member;
  const tokenHash = hashToken(sessionToken(deps, req) ?? '');
  const release = counter.open(member.id);
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  // Set up before any wait: a client gone while we subscribe must not leave its listener and heartbeat behind.
  let isClosed = false;
  const cleanups: (() => void)[] = [release];
  const close = () => {
    if (isClosed) return;
    isClosed = true;
    for (const cleanup of cleanups) cleanup();
  };
  req.on('close', close);
  res.on('close', close);
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  cleanups.push(() => clearInterval(heartbeat));

  // Events can commit out of id order, so duplicates (replay meeting live) are dropped by id, not by order.
  const sent = new Set<string>();
  let audience: Audience | null = null;
  const send = (event: LiveEvent | EphemeralEvent, isLive: boolean) => {
    if (!audience) return;
    // Only live events, in the order they were committed, move who sees what; a replayed one is history.
    if (isLive) audience.learn(event);
    if (!audience.maySee(event)) return;
    if ('ephemeral' in event) {
      // No id: an ephemeral event (typing) is never replayed, and the browser's Last-Event-ID stays on the last stored one.
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`);
      return;
    }
    if (sent.has(event.id)) return;
    sent.add(event.id);
    if (sent.size > 5000) sent.delete(sent.values().next().value as string);
    res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`);
  };
  // Subscribe before reading who sees what and before replaying, so nothing falls between; `send` drops repeats.
  // While the audience is (re)read, live events wait in `buffered`, then go through the new audience in order.
  const buffered: (LiveEvent | EphemeralEvent)[] = [];
  let replaying = true;
  const drain = () => {
    while (buffered.length > 0) send(buffered.shift()!, true);
    replaying = false;
  };
  let recheck: (() => void) | null = null;
  const unsubscribe = await deps.liveEvents.subscribe(workspaceId, (event) => {
    if (event.type === 'access.changed') {
      const about = event.payload.memberId;
      if (about === undefined || about === member.id) recheck?.();
      return;
    }
    if (replaying) buffered.push(event);
    else send(event, true);
  });
  cleanups.push(unsubscribe);
  if (isClosed) return;
  audience = await audienceOf(deps, member, workspaceId);
  const lastEventId = req.get('last-event-id');
  if (lastEventId && /^\d{1,18}$/.test(lastEventId)) {
    for (const event of await listLiveEventsAfter(deps.db, workspaceId, lastEventId)) send(event, false);
  }
  drain();

  // One check at a time; a check asked for while one runs runs again after it, so no change is missed.
  let checking = false;
  let again = false;
  recheck = () => {
    if (isClosed) return;
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    void (async () => {
      do {
        again = false;
        try {
          // Not marked used: an open tab is no use of the console, so it does not hold the idle timeout off.
          const found = await findSessionMember(deps.db, tokenHash, sessionIdleSeconds(deps));
          const current = found && !found.isIdle && !found.mustEnrolTwoFactor ? found.member : undefined;
          if (!current || current.workspaceId !== workspaceId) {
            res.end();
            close();
            return;
          }
          if (current.role !== member.role || current.isHandoverMember !== member.isHandoverMember) {
            replaying = true;
            member = current;
            audience = await audienceOf(deps, current, workspaceId);
            drain();
          }
        } catch {
          // The database is away: keep the stream as it is, and look again at the next check.
          drain();
        }
      } while (again && !isClosed);
      checking = false;
    })();
  };
  const rechecks = setInterval(() => recheck?.(), limits.recheckMs);
  cleanups.push(() => clearInterval(rechecks));
}

interface Audience {
  /** Takes in a live event, in commit order: a handover's update says whether this member may follow it now. */
  learn(event: LiveEvent | EphemeralEvent): void;
  maySee(event: LiveEvent | EphemeralEvent): boolean;
}

/**
 * Which events a member may receive. The team sees everything. Anyone else follows the active handovers assigned to
 * them or opened to everyone by an escalation: read once subscribed, then kept current by each handover's own live
 * updates, so that a conversation's messages, notes and typing reach them while they may see it, and stop after.
 */
async function audienceOf(deps: ApiDeps, member: Member, workspaceId: string): Promise<Audience> {
  if (mayHandleHandovers(member.role, member.isHandoverMember)) return { learn: () => {}, maySee: () => true };
  const following = new Set(await listActiveHandoverIdsOpenTo(deps.db, workspaceId, member.id));
  return {
    learn(event) {
      if (event.type !== 'handover.updated') return;
      const handover = event.payload.handover as Handover;
      // An ended handover's last update still goes out (below); the set keeps only what is live.
      if (isActive(handover.status) && mayHandleHandover(member, handover)) following.add(handover.id);
      else following.delete(handover.id);
    },
    maySee(event) {
      if (event.type === 'handover.updated') return mayHandleHandover(member, event.payload.handover as Handover);
      return event.handoverId !== null && following.has(event.handoverId);
    },
  };
}
