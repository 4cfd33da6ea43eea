// The API process for production and `npm run api`: connect, listen, and on SIGTERM drain, then exit.
import { createDb } from '../db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { connectTemporalClient } from '../platform/temporal-connection.ts';
import { startApiServer } from './server.ts';
import { untilAbandonedCallsEnd } from './temporal.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'api');
if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
  logger.fatal('DATABASE_URL and TEMPORAL_ADDRESS must be set for a standalone API (npm start runs everything locally)');
  process.exit(1);
}
const db = createDb(config.DATABASE_URL);
const temporal = await connectTemporalClient({ ...config, address: config.TEMPORAL_ADDRESS }, config.TEMPORAL_NAMESPACE);
const server = await startApiServer({ config, databaseUrl: config.DATABASE_URL, db, temporal, logger });
logger.info({ url: server.url }, 'api listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'api shutting down');
    await server.close();
    await untilAbandonedCallsEnd();
    await temporal.connection.close();
    await db.destroy();
    process.exit(0);
  });
}
