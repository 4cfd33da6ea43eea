import pg from 'pg';
import type { Db } from '../db/connect.ts';
import { latestLiveEventId, listLiveEventsAfter, liveEventsChannel, type LiveEvent } from '../db/live-events.ts';
import type { Logger } from '../runtime/logger.ts';

type Listener = (event: LiveEvent) => void;

/**
 * Fans live events out to this process's streams. Any process (worker or API) publishes through Postgres
 * NOTIFY; every API process LISTENs, so a stream sees events raised behind any other instance.
 */
export interface LiveEventHub {
  subscribe(workspaceId: string, listener: Listener): Promise<() => void>;
  close(): Promise<void>;
}

export async function startLiveEventHub(connectionString: string, db: Db, logger: Logger): Promise<LiveEventHub> {
  const listeners = new Map<string, Set<Listener>>();
  // Per workspace, the newest event id handed out, so a burst of notifications is read in one query, in order.
  const cursors = new Map<string, string>();
  const reading = new Map<string, Promise<void>>();
  let client: pg.Client | null = null;
  let closed = false;

  async function readNew(workspaceId: string): Promise<void> {
    const subscribers = listeners.get(workspaceId);
    if (!subscribers?.size) return;
    const after = cursors.get(workspaceId) ?? '0';
    const events = await listLiveEventsAfter(db, workspaceId, after);
    for (const event of events) {
      cursors.set(workspaceId, event.id);
      for (const listener of subscribers) listener(event);
    }
  }

  function onNotification(workspaceId: string): void {
    const previous = reading.get(workspaceId) ?? Promise.resolve();
    const next = previous.then(() => readNew(workspaceId)).catch((error: unknown) => logger.warn({ err: error }, 'live events read failed'));
    reading.set(workspaceId, next);
  }

  async function connect(): Promise<void> {
    while (!closed) {
      try {
        const next = new pg.Client({ connectionString });
        next.on('notification', (message) => {
          try {
            const { workspaceId } = JSON.parse(message.payload ?? '{}') as { workspaceId?: string };
            if (workspaceId) onNotification(workspaceId);
          } catch {
            // Not ours: ignore.
          }
        });
        next.on('error', () => {
          client = null;
          if (!closed) setTimeout(() => void connect(), 1000);
        });
        await next.connect();
        await next.query(`listen ${liveEventsChannel}`);
        client = next;
        // Catch up on what was published while we were not listening.
        for (const workspaceId of listeners.keys()) onNotification(workspaceId);
        return;
      } catch (error) {
        logger.warn({ err: error }, 'live events: cannot listen yet, retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  await connect();

  return {
    async subscribe(workspaceId, listener) {
      if (!cursors.has(workspaceId)) cursors.set(workspaceId, await latestLiveEventId(db, workspaceId));
      let set = listeners.get(workspaceId);
      if (!set) {
        set = new Set();
        listeners.set(workspaceId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
