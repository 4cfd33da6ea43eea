// `npm run migrate`: brings the database named by DATABASE_URL to the newest schema.
import { createDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadConfig } from '../platform/config.ts';

const config = loadConfig();
if (!config.DATABASE_URL) {
  console.error('Set DATABASE_URL to the database to migrate (npm start migrates its embedded database by itself).');
  process.exit(1);
}
const db = createDb(config.DATABASE_URL, { max: 1 });
try {
  const result = await migrateToLatest(db, { log: console.log });
  const applied = result.results?.filter((entry) => entry.status === 'Success').map((entry) => entry.migrationName) ?? [];
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The schema is up to date');
} finally {
  await db.destroy();
}
