import type { Request, Response } from 'express';
import { mayHandleHandover, mayHandleHandovers } from '../../domain/handover.ts';
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
  // Events can commit out of id order, so duplicates (replay meeting live) are dropped by id, not by order.
  const sent = new Set<string>();
  const maySee = await visibility(deps, member, workspaceId);
  const send = (event: LiveEvent | EphemeralEvent) => {
    if (!maySee(event)) return;
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
  // Subscribe before replaying, so nothing falls between the two; `send` drops what was already sent.
  const buffered: (LiveEvent | EphemeralEvent)[] = [];
  let replaying = true;
  const unsubscribe = await deps.liveEvents.subscribe(workspaceId, (event) => (replaying ? buffered.push(event) : send(event)));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
  const lastEventId = req.get('last-event-id');
  if (lastEventId && /^\d{1,18}$/.test(lastEventId)) {
    for (const event of await listLiveEventsAfter(deps.db, workspaceId, lastEventId)) send(event);
  }
  replaying = false;
  for (const event of buffered) send(event);
}

/**
 * Which events a member may receive. The team sees everything. Anyone else follows the handovers assigned to them
 * or opened to everyone by an escalation: known at connect time, then learnt from each handover's own updates,
 * so that a conversation's messages and notes reach them while they may see it, and stop when they no longer may.
 */
async function visibility(deps: ApiDeps, member: Member, workspaceId: string): Promise<(event: LiveEvent | EphemeralEvent) => boolean> {
  if (mayHandleHandovers(member.role, member.isHandoverMember)) return () => true;
  const following = new Set(await listActiveHandoverIdsOpenTo(deps.db, workspaceId, member.id));
  return (event) => {
    if (event.type === 'handover.updated') {
      const handover = event.payload.handover as Handover;
      if (mayHandleHandover(member, handover)) following.add(handover.id);
      else following.delete(handover.id);
    }
    return event.handoverId !== null && following.has(event.handoverId);
  };
}
