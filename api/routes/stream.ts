import type { Request, Response } from 'express';
import { isActive, mayHandleHandover, mayHandleHandovers } from '../../domain/handover.ts';
import type { Handover } from '../../domain/schemas/handovers.ts';
import type { Member } from '../../domain/schemas/members.ts';
import { listActiveHandoverIdsOpenTo } from '../../db/handovers.ts';
import { listLiveEventsAfter, type EphemeralEvent, type LiveEvent } from '../../db/live-events.ts';
import type { ApiDeps } from '../deps.ts';
import { authenticate } from '../middleware/authenticate.ts';

const heartbeatMs = 15_000;

/** GET /stream: Server-Sent Events of what this member may see; Last-Event-ID replays what was missed. */
export async function streamHandler(deps: ApiDeps, req: Request, res: Response): Promise<void> {
  const { member, workspaceId } = await authenticate(deps, req, 'member');
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  // Set up before any wait: a client gone while we subscribe must not leave its listener and heartbeat behind.
  let isClosed = false;
  const cleanups: (() => void)[] = [];
  req.on('close', () => {
    isClosed = true;
    for (const cleanup of cleanups) cleanup();
  });
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
  const buffered: (LiveEvent | EphemeralEvent)[] = [];
  let replaying = true;
  const unsubscribe = await deps.liveEvents.subscribe(workspaceId, (event) => (replaying ? buffered.push(event) : send(event, true)));
  cleanups.push(unsubscribe);
  if (isClosed) {
    unsubscribe();
    return;
  }
  audience = await audienceOf(deps, member, workspaceId);
  const lastEventId = req.get('last-event-id');
  if (lastEventId && /^\d{1,18}$/.test(lastEventId)) {
    for (const event of await listLiveEventsAfter(deps.db, workspaceId, lastEventId)) send(event, false);
  }
  replaying = false;
  for (const event of buffered) send(event, true);
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
