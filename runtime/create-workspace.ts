// `npm run create-workspace -- --name Acme --admin-email you@acme.com --admin-name "Your Name"`:
// the first workspace and its admin on a production database (demo data is off there). The password comes
// from HANDOVER_ADMIN_PASSWORD so it never lands in shell history; the workspace's first API key is printed once.
import { parseArgs } from 'node:util';
import { hashPassword, hashToken, newApiKey } from '../api/auth/secrets.ts';
import { insertApiKey } from '../db/api-keys.ts';
import { createDb } from '../db/connect.ts';
import { insertMember } from '../db/members.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadConfig } from '../platform/config.ts';

const { values } = parseArgs({
  options: { name: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' } },
});
const password = process.env.HANDOVER_ADMIN_PASSWORD ?? '';
const config = loadConfig();
if (!config.DATABASE_URL || !values.name || !values['admin-email'] || !values['admin-name'] || password.length < 12) {
  console.error(
    'Usage: DATABASE_URL=… HANDOVER_ADMIN_PASSWORD=<12+ characters> npm run create-workspace -- --name <workspace> --admin-email <email> --admin-name <name>',
  );
  process.exit(1);
}
const db = createDb(config.DATABASE_URL, { max: 1 });
try {
  await migrateToLatest(db);
  const { key, prefix } = newApiKey();
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const workspace = await tx.insertInto('workspaces').values({ name: values.name as string }).returning('id').executeTakeFirstOrThrow();
    await insertMember(tx, {
      workspaceId: workspace.id,
      email: values['admin-email'] as string,
      name: values['admin-name'] as string,
      role: 'admin',
      passwordHash,
    });
    await insertApiKey(tx, { workspaceId: workspace.id, name: 'First key', prefix, keyHash: hashToken(key), createdBy: null });
  });
  console.log(`Created workspace "${values.name}" with admin ${values['admin-email']}.\nAPI key (shown once): ${key}`);
} finally {
  await db.destroy();
}
