// The demo data `npm start` seeds, and the demo API key it prints: a key named by HANDOVER_DEMO_API_KEY is
// printed on every start, so it must open workspace Demo on every start, not only on the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newApiKey } from '../../api/auth/secrets.ts';
import { revokeApiKey, useApiKey } from '../../db/api-keys.ts';
import type { Db } from '../../db/connect.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { demoHistory, seedDemoData } from '../../runtime/demo-data.ts';

// Seeding happens on an empty database only, so this file has one of its own on the run's server.
let db: Db;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, drop } = await createScratchDatabase('handover_demo'));
  await migrateToLatest(db);
});

afterAll(async () => {
  await drop?.();
});

const password = 'demo-password';

/** The workspace an API request with this key would act in (as the API's authentication looks it up), if any. */
async function workspaceOf(key: string): Promise<string | undefined> {
  return (await useApiKey(db, hashToken(key)))?.workspaceId;
}

describe('the demo API key', () => {
  let demoId: string;
  const firstKey = newApiKey().key;

  it('on the first start, is the one HANDOVER_DEMO_API_KEY names, and opens workspace Demo', async () => {
    const seed = await seedDemoData(db, { password, apiKey: firstKey });
    expect(seed).toMatchObject({ apiKey: firstKey, created: true });
    demoId = (await db.selectFrom('workspaces').select('id').where('name', '=', 'Demo').executeTakeFirstOrThrow()).id;
    expect(await workspaceOf(firstKey)).toBe(demoId);
  });

  it('named differently on a later start, opens workspace Demo too, and the earlier key still does', async () => {
    const laterKey = 'hk_chosen-on-a-later-start-0123456789';
    const seed = await seedDemoData(db, { password, apiKey: laterKey });
    expect(seed).toMatchObject({ apiKey: laterKey, created: false });
    expect(await workspaceOf(laterKey)).toBe(demoId);
    expect(await workspaceOf(firstKey)).toBe(demoId);

    // Named again on the next start: the same key, stored once.
    expect(await seedDemoData(db, { password, apiKey: laterKey })).toMatchObject({ apiKey: laterKey, created: false });
    const stored = await db.selectFrom('api_keys').select('id').where('key_hash', '=', hashToken(laterKey)).execute();
    expect(stored).toHaveLength(1);
  });

  it('is not shown on a later start that names none (only its hash is stored)', async () => {
    expect(await seedDemoData(db, { password })).toMatchObject({ apiKey: null, created: false });
  });

  it('stays revoked once revoked in the console, and is then not shown as if it worked', async () => {
    const key = (await db.selectFrom('api_keys').select('id').where('key_hash', '=', hashToken(firstKey)).executeTakeFirstOrThrow()).id;
    await revokeApiKey(db, demoId, key);
    expect(await seedDemoData(db, { password, apiKey: firstKey })).toMatchObject({ apiKey: null, created: false });
    expect(await workspaceOf(firstKey)).toBeUndefined();
  });

  it('seeds nothing into a database that has workspaces but no Demo, and shows no key', async () => {
    await db.updateTable('workspaces').set({ name: 'Renamed' }).where('id', '=', demoId).execute();
    try {
      const key = newApiKey().key;
      expect(await seedDemoData(db, { password, apiKey: key })).toMatchObject({ apiKey: null, created: false });
      expect(await workspaceOf(key)).toBeUndefined();
    } finally {
      await db.updateTable('workspaces').set({ name: 'Demo' }).where('id', '=', demoId).execute();
    }
  });
});

describe('the demo history', () => {
  it('is a month of closed handovers of Ana and Ben, with messages, timelines, ratings and search words, seeded once', async () => {
    // The starts above seeded the demo once and then ran again four times.
    const demoId = (await db.selectFrom('workspaces').select('id').where('name', '=', 'Demo').executeTakeFirstOrThrow()).id;
    const handovers = await db
      .selectFrom('handovers')
      .innerJoin('members', 'members.id', 'handovers.assignee_id')
      .select(['handovers.status', 'handovers.requested_at', 'handovers.ended_at', 'handovers.rating_score', 'handovers.words', 'members.email'])
      .where('handovers.workspace_id', '=', demoId)
      .execute();
    const all = await db.selectFrom('handovers').select(['status', 'requested_at', 'ended_at']).where('workspace_id', '=', demoId).execute();
    expect(all).toHaveLength(demoHistory.handovers);
    const monthAgo = Date.now() - demoHistory.days * 86_400_000;
    for (const handover of all) {
      expect(['completed', 'missed']).toContain(handover.status);
      expect(handover.requested_at.getTime()).toBeGreaterThan(monthAgo);
      expect(handover.ended_at!.getTime()).toBeLessThan(Date.now());
    }
    // The claimed ones were Ana's and Ben's, the team the demo selects.
    expect(new Set(handovers.map((handover) => handover.email))).toEqual(new Set(['ana@demo.test', 'ben@demo.test']));
    expect(handovers.some((handover) => handover.rating_score !== null)).toBe(true);
    expect(handovers.every((handover) => handover.words !== '')).toBe(true);
    const counts = await db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', demoId)
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBeGreaterThan(demoHistory.handovers * 5);
    const events = await db
      .selectFrom('handover_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', demoId)
      .where('type', '=', 'requested')
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(demoHistory.handovers);
    // Nothing waits or is under way: no conversation is paused for a person, so the demo chat starts clean.
    const paused = await db.selectFrom('conversations').select('id').where('workspace_id', '=', demoId).where('ai_paused', '=', true).execute();
    expect(paused).toHaveLength(0);
  });
});
