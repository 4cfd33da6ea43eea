// The raw-Temporal baseline's worker, in a process of its own like the product's: bench/baseline-workflow.ts bundled
// by itself, on its own task queue of the same dev server. Its activity tells the benchmark which messages it
// stored (over IPC), where the product's would write PostgreSQL and push to a stream.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { installTemporalRuntime } from '../worker/temporal-runtime.ts';
import type { BaselineActivities, BaselineMessage } from './baseline-definitions.ts';
import { emitToParent, ownUsage, serveParent } from './ipc.ts';

const taskQueue = process.env.BENCH_BASELINE_TASK_QUEUE ?? 'bench-baseline';
installTemporalRuntime('ERROR');
const workflowBundle = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('./baseline-workflow.ts', import.meta.url)),
  logger: { trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: (message) => console.error(message), log: () => {} },
});
const activities: BaselineActivities = {
  async recordStep() {},
  async storeBatch(messages: BaselineMessage[]) {
    emitToParent('stored', messages.map((message) => message.id));
    return messages.length;
  },
};
const connection = await NativeConnection.connect({ address: process.env.BENCH_TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
// The product's worker options (worker/create-worker.ts): the SDK's defaults and a shutdown grace time.
const worker = await Worker.create({ connection, namespace: 'default', taskQueue, workflowBundle, activities, shutdownGraceTime: '10 seconds' });
const running = worker.run();

serveParent(
  { taskQueue, pid: process.pid, bundleBytes: workflowBundle.code.length },
  {
    usage: () => ownUsage(),
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
      setTimeout(() => process.exit(0), 50);
      return true;
    },
  },
);
