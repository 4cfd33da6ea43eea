import { Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { createActivities, createFirstAttempts, type ActivityDeps } from '../activities/index.ts';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle: WorkflowBundle;
  deps: ActivityDeps;
}

/** The worker that runs handover workflows and their activities on one task queue. */
export async function createHandoverWorker(options: WorkerOptions): Promise<Worker> {
  const firstAttempts = createFirstAttempts(options.deps);
  const worker = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: createActivities(options.deps, firstAttempts),
    // Let in-flight activities finish on shutdown before the worker exits.
    shutdownGraceTime: '10 seconds',
  });
  // run() resolves once shutdown has drained the activities; the first webhook attempts they began run on past
  // them, and are waited for too, before whoever ran the worker closes the database.
  const run = worker.run.bind(worker);
  worker.run = async () => {
    try {
      await run();
    } finally {
      await firstAttempts.drain();
    }
  };
  return worker;
}
