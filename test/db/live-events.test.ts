import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type Db } from '../../db/connect.ts';
import { insertLiveEvents, liveEventsChannel } from '../../db/live-events.ts';
import { createWorkspace } from '../support/factories.ts';
import { eventually } from '../support/http.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db?.destroy();
});

describe('live events written together', () => {
  // Ids are compared as numbers everywhere (Last-Event-ID, the hub's newest): a batch whose ids straddle a power
  // of ten (999, 1000) must not be notified in text order.
  it('are notified in id order, also when their ids gain a digit', async () => {
    const workspace = await createWorkspace(db);

    const listener = new pg.Client({ connectionString: inject('databaseUrl') });
    await listener.connect();
    const notified: string[] = [];
    listener.on('notification', (message) => {
      const payload = JSON.parse(message.payload ?? '{}') as { id: string; workspaceId: string };
      if (payload.workspaceId === workspace.id) notified.push(payload.id);
    });
    await listener.query(`listen ${liveEventsChannel}`);
    try {
      const events = ['first', 'second', 'third'].map((body) => ({ type: 'note.created' as const, handoverId: null, payload: { note: { body } } }));
      const ids = await db.transaction().execute(async (tx) => {
        // Other test files write live events meanwhile: they wait for this table lock, so the ids are these.
        await sql`lock table live_events in exclusive mode`.execute(tx);
        const { rows } = await sql<{ last_value: string }>`select last_value from live_events_id_seq`.execute(tx);
        // The next power of ten with room for one id below it: the batch takes its last id before and two after.
        const digits = String(BigInt(rows[0]!.last_value) + 2n).length;
        await sql`select setval('live_events_id_seq', ${10n ** BigInt(digits) - 2n})`.execute(tx);
        return insertLiveEvents(tx, workspace.id, events);
      });
      const inIdOrder = [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      expect(ids, 'the ids in the order of the events').toEqual(inIdOrder);
      expect(Math.min(...ids.map((id) => id.length)), 'the batch straddles a power of ten').toBeLessThan(Math.max(...ids.map((id) => id.length)));
      await eventually(async () => (notified.length === 3 ? true : undefined), 'three notifications');
      expect(notified).toEqual(inIdOrder);
    } finally {
      await listener.end();
    }
  });
});
