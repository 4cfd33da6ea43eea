// The product as `npm start` runs it: the API and the worker in one Node process (test/support/stack.ts, the
// same parts the tests use), on the PostgreSQL and Temporal dev server the benchmark started. Forked by run.ts,
// so its CPU time and memory are its own and not the load generator's.
import { startStack } from '../test/support/stack.ts';
import { ownUsage, serveParent } from './ipc.ts';

const stack = await startStack({
  databaseUrl: required('BENCH_DATABASE_URL'),
  temporalAddress: required('BENCH_TEMPORAL_ADDRESS'),
  workflowBundlePath: required('BENCH_WORKFLOW_BUNDLE'),
  // As RATE_LIMIT_PER_MINUTE=1000000 would: the load comes from one API key and a few sessions.
  rateLimits: { perMinute: 1_000_000, loginFailures: 10 },
  allowPrivateWebhookTargets: true,
});

serveParent(
  { baseUrl: stack.baseUrl, taskQueue: stack.taskQueue, pid: process.pid },
  {
    usage: () => ownUsage(),
    /** After a full collection, when the process was started with --expose-gc: what stays in use. */
    settledUsage: () => {
      (globalThis as { gc?: () => void }).gc?.();
      return ownUsage();
    },
    stop: async () => {
      await stack.stop();
      // Exit once the answer is out; --cpu-prof writes its profile on the way out.
      setTimeout(() => process.exit(0), 50);
      return true;
    },
  },
);

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
