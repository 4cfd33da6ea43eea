// The demo data `npm start` seeds, and the demo API key it prints: a key named by HANDOVER_DEMO_API_KEY is
// printed on every start, so it must open workspace Demo on every start, not only on the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newApiKey } from '../../api/auth/secrets.ts';
import { revokeApiKey, useApiKey } from '../../db/api-keys.ts';
import type { Db } from '../../db/connect.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { seedDemoData } from '../../runtime/demo-data.ts';

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
