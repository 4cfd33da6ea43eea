import pg from 'pg';
import type { Db } from '../db/connect.ts';
import {
  ephemeralEventTypes,
  findLiveEvent,
  latestLiveEventId,
  listLiveEventsAfter,
  liveEventsChannel,
  liveEventTypes,
  type EphemeralEvent,
  type LiveEvent,
} from '../db/live-events.ts';
import type { Logger } from '../platform/logger.ts';

type Listener = (event: LiveEvent | EphemeralEvent) => void;

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
  // Per workspace, the newest event id delivered: where to catch up from after the listening connection drops.
  const newest = new Map<string, bigint>();
  const queues = new Map<string, Promise<void>>();
  let client: pg.Client | null = null;
  let closed = false;

  function deliver(workspaceId: string, event: LiveEvent): void {
    const current = newest.get(workspaceId) ?? BigInt(0);
    if (BigInt(event.id) > current) newest.set(workspaceId, BigInt(event.id));
    for (const listener of listeners.get(workspaceId) ?? []) listener(event);
  }

  /** Runs reads for one workspace one after another, so its events go out in the order they were notified. */
  function enqueue(workspaceId: string, work: () => Promise<void>): void {
    const next = (queues.get(workspaceId) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => logger.warn({ err: error }, 'live events read failed'));
    queues.set(workspaceId, next);
  }

  // NOTIFY arrives in commit order; ids are taken in insert order. Reading "after the newest id" would skip
  // an event whose transaction commits after a later one, so each notified event is read by its own id, unless
  // the notification carries it whole (insertLiveEvents). Both go through the queue, so the order holds.
  function onNotification(workspaceId: string, id: string, carried: LiveEvent | null): void {
    if (!listeners.get(workspaceId)?.size) return;
    enqueue(workspaceId, async () => {
      const event = carried ?? (await findLiveEvent(db, workspaceId, id));
      if (event) deliver(workspaceId, event);
    });
  }

  /** After the listening connection came back: what was published meanwhile. */
  function catchUp(workspaceId: string): void {
    enqueue(workspaceId, async () => {
      const after = String(newest.get(workspaceId) ?? (await latestLiveEventId(db, workspaceId)));
      for (const event of await listLiveEventsAfter(db, workspaceId, after)) deliver(workspaceId, event);
    });
  }

  async function connect(): Promise<void> {
    while (!closed) {
      try {
        const next = new pg.Client({ connectionString });
        next.on('notification', (message) => {
          try {
            const notified: unknown = JSON.parse(message.payload ?? '{}');
            const ephemeral = ephemeralEvent(notified);
            if (ephemeral) {
              // Nothing to read back and no id to keep, but through the workspace's queue all the same: a typing
              // report must not overtake the message or the handover update notified before it.
              const { workspaceId } = ephemeral;
              if (listeners.get(workspaceId)?.size) {
                enqueue(workspaceId, async () => {
                  for (const listener of listeners.get(workspaceId) ?? []) listener(ephemeral);
                });
              }
            } else if (isRecord(notified) && typeof notified.workspaceId === 'string' && typeof notified.id === 'string') {
              onNotification(notified.workspaceId, notified.id, carriedEvent(notified.id, notified.workspaceId, notified));
            }
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
        for (const workspaceId of listeners.keys()) catchUp(workspaceId);
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
      if (!newest.has(workspaceId)) newest.set(workspaceId, BigInt(await latestLiveEventId(db, workspaceId)));
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ephemeral event (notifyEphemeralEvent) a notification is, or null when it is a stored one's. */
function ephemeralEvent(notified: unknown): EphemeralEvent | null {
  if (!isRecord(notified) || notified.ephemeral !== true) return null;
  const { workspaceId, type, handoverId, payload } = notified;
  const known = ephemeralEventTypes.find((name) => name === type);
  if (!known || typeof workspaceId !== 'string' || !(typeof handoverId === 'string' || handoverId === null) || !isRecord(payload)) return null;
  return { ephemeral: true, workspaceId, type: known, handoverId, payload };
}

/** The event a notification carries whole, or null when it names only the id (then it is read back). */
function carriedEvent(id: string, workspaceId: string, notified: Record<string, unknown>): LiveEvent | null {
  const { type, handoverId, payload } = notified;
  const known = liveEventTypes.find((name) => name === type);
  if (!known || !isRecord(payload)) return null;
  return { id, workspaceId, type: known, handoverId: typeof handoverId === 'string' ? handoverId : null, payload };
}
