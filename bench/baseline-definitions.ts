// The raw-Temporal baseline's names, shared by its workflow (bench/baseline-workflow.ts) and the benchmark that
// drives it. Kept apart from the workflow code, as workflows/**/definitions.ts are.
import { defineSignal, defineUpdate } from '@temporalio/workflow';

export const baselineWorkflowType = 'baselineHandoverWorkflow';

/** One message, either way: the baseline stores both sides alike. */
export interface BaselineMessage {
  id: string;
  sender: 'customer' | 'agent';
  body: string;
}

export const baselineMessageSignal = defineSignal<[BaselineMessage]>('message');
export const baselineClaimUpdate = defineUpdate<string, [string]>('claim');
export const baselineEndUpdate = defineUpdate<number, []>('end');

/** The activities of the baseline worker (bench/baseline-process.ts): no PostgreSQL, no HTTP, no stream. */
export interface BaselineActivities {
  /** A lifecycle step (request, claim, end): does nothing, as a write of the read model would take its place. */
  recordStep(step: string): Promise<void>;
  /** A batch of messages, in arrival order: reported to the benchmark as stored. */
  storeBatch(messages: BaselineMessage[]): Promise<number>;
}
