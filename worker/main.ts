// The worker process for production and `npm run worker`: connect, run until SIGTERM/SIGINT, drain, exit.
import { notificationDepsFromConfig } from '../activities/notifications.ts';
import { createDb } from '../db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { connectWorkerConnection } from '../platform/temporal-connection.ts';
import { loadWorkflowBundle } from './bundle.ts';
import { createHandoverWorker } from './create-worker.ts';
import { installTemporalRuntime } from './temporal-runtime.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'worker');
if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
  logger.fatal('DATABASE_URL and TEMPORAL_ADDRESS must be set for a standalone worker (npm start runs everything locally)');
  process.exit(1);
}
installTemporalRuntime(config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'INFO');
const db = createDb(config.DATABASE_URL);
const connection = await connectWorkerConnection({ ...config, address: config.TEMPORAL_ADDRESS });
const worker = await createHandoverWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowBundle: await loadWorkflowBundle(config.NODE_ENV === 'production'),
  deps: { db, logger, allowPrivateWebhookTargets: config.allowPrivateWebhookTargets, requireHttpsTargets: config.requireHttpsTargets, notifications: notificationDepsFromConfig(config, logger) },
});
// SIGINT/SIGTERM: stop polling, let activities in flight finish (drain), then run() resolves.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker started');
await worker.run();
await connection.close();
await db.destroy();
logger.info('worker stopped');
