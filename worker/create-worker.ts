import { Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.ts';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle: WorkflowBundle;
  deps: ActivityDeps;
}

/** The worker that runs handover workflows and their activities on one task queue. */
export async function createHandoverWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    activities: createActivities(options.deps),
    // Let in-flight activities finish on shutdown before the worker exits.
    shutdownGraceTime: '10 seconds',
  });
}
