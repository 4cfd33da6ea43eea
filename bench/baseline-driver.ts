// Drives the raw-Temporal baseline straight through the Temporal client of the benchmark: no HTTP, no PostgreSQL,
// no stream. A message has arrived when the baseline worker's activity reports it stored.
import { WorkflowIdReusePolicy, type WorkflowHandle } from '@temporalio/client';
import {
  baselineClaimUpdate,
  baselineEndUpdate,
  baselineMessageSignal,
  baselineWorkflowType,
  type BaselineMessage,
} from './baseline-definitions.ts';
import type { Environment } from './environment.ts';

export class BaselineDriver {
  /** Message id → when the baseline's activity reported it stored. */
  readonly stored = new Map<string, number>();
  duplicates = 0;

  constructor(private readonly env: Environment) {
    env.baseline.onEvent((name, data) => {
      if (name !== 'stored') return;
      const at = performance.now();
      for (const id of data as string[]) {
        if (this.stored.has(id)) this.duplicates += 1;
        else this.stored.set(id, at);
      }
    });
  }

  async start(workflowId: string): Promise<WorkflowHandle> {
    return this.env.client.workflow.start(baselineWorkflowType, {
      taskQueue: this.env.baselineTaskQueue,
      workflowId,
      args: [],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
  }

  async claim(workflowId: string, memberId: string): Promise<void> {
    await this.env.client.workflow.getHandle(workflowId).executeUpdate(baselineClaimUpdate, { args: [memberId] });
  }

  async send(workflowId: string, message: BaselineMessage): Promise<void> {
    await this.env.client.workflow.getHandle(workflowId).signal(baselineMessageSignal, message);
  }

  /** End: waits until every message is stored and the end recorded, then the workflow completes. */
  async end(workflowId: string): Promise<number> {
    const handle = this.env.client.workflow.getHandle(workflowId);
    await handle.executeUpdate(baselineEndUpdate);
    return (await handle.result()) as number;
  }
}
