// Runs in the workflow sandbox: deterministic code only. The raw-Temporal baseline of the benchmark: the same shape
// as the handover workflow (a recorded request, a claim Update, one signal per message batched into one activity, an
// End Update), with nothing else: no lane, no ladder, no read model, no webhooks. Bundled on its own by
// bench/baseline-process.ts and run by a worker of its own task queue.
import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  baselineClaimUpdate,
  baselineEndUpdate,
  baselineMessageSignal,
  type BaselineActivities,
  type BaselineMessage,
} from './baseline-definitions.ts';

// The same activity options as the handover workflow's database writes.
const activities = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const batchSize = 100;

export async function baselineHandoverWorkflow(): Promise<number> {
  const inbox: BaselineMessage[] = [];
  let assignee: string | null = null;
  let ending = false;
  let stored = 0;
  let requested = false;
  let storing = false;

  setHandler(baselineMessageSignal, (message) => {
    inbox.push(message);
  });
  // As the handover's claim: a validator turns the losers away before anything is written to the history.
  setHandler(
    baselineClaimUpdate,
    async (member) => {
      assignee = member;
      await condition(() => requested);
      await activities.recordStep('claim');
      return member;
    },
    {
      validator: (_member: string) => {
        if (assignee !== null) throw ApplicationFailure.create({ type: 'already_claimed', message: 'claimed already', nonRetryable: true });
      },
    },
  );
  setHandler(baselineEndUpdate, async () => {
    ending = true;
    await condition(() => inbox.length === 0 && !storing);
    await activities.recordStep('end');
    return stored;
  });

  async function storeNextBatch(): Promise<void> {
    const batch = inbox.slice(0, batchSize);
    storing = true;
    await activities.storeBatch(batch);
    storing = false;
    inbox.splice(0, batch.length);
    stored += batch.length;
  }

  await activities.recordStep('request');
  requested = true;
  for (;;) {
    await condition(() => inbox.length > 0 || ending);
    if (inbox.length === 0) break;
    await storeNextBatch();
  }
  await condition(allHandlersFinished);
  // A message that came with the End is stored too.
  while (inbox.length > 0) await storeNextBatch();
  return stored;
}
