// Each lifecycle request on its own, `inFlight` at a time and nothing else running: `count` handovers requested,
// then (once their webhooks are out) each claimed by one member, then each ended. This is "start, claim and End
// with 10 requests in flight" as an AI service and a team meet it; the lifecycles phase times the same requests
// while messages flow too. The baseline: `count` workflow starts, then a claim Update on each, then an End Update
// and the result, `inFlight` at a time. Its start answers once the server has the workflow, before its first task;
// ours once the handover is stored and its workflow started.
import type { BaselineDriver } from '../baseline-driver.ts';
import { claim, requestHandover, type Agent, type Bench, type StartedHandover } from '../setup.ts';
import { pool, summarize, waitUntil, type Summary } from '../stats.ts';

export type OperationType = 'start' | 'claim' | 'end';
/** Runs one request type's part (run.ts books each part's CPU as a phase of its own). */
export type OperationStep = (type: OperationType, work: () => Promise<void>) => Promise<void>;

export interface OperationResults {
  count: number;
  inFlight: number;
  start: Summary;
  claim: Summary;
  end: Summary;
  /** Requests that were not answered as they should have been (their times are left out). */
  failures: string[];
}

/** Times `call` into `times`; a failure is noted, not timed. */
function timer(times: number[], failures: string[]) {
  return async (call: () => Promise<void>): Promise<boolean> => {
    const begin = performance.now();
    try {
      await call();
      times.push(performance.now() - begin);
      return true;
    } catch (error) {
      failures.push(String(error));
      return false;
    }
  };
}

export async function operationsOurs(bench: Bench, step: OperationStep): Promise<OperationResults> {
  const { options, arrivals } = bench;
  const count = options.operations;
  const inFlight = options.operationsInFlight;
  const times = { start: [] as number[], claim: [] as number[], end: [] as number[] };
  const failures: string[] = [];
  const handovers: (StartedHandover | undefined)[] = [];
  const agentOf = (index: number) => bench.agents[index % options.streamAgents] as Agent;
  // Each request type's webhooks (the last thing each request sets going) are let arrive before the next type, so
  // each is timed on its own; a type that never settles is reported.
  const settled = async (type: string) => {
    const arrived = await waitUntil(() => handovers.every((handover) => !handover || arrivals.webhookByHandover.get(handover.id)?.has(type)), options.drainMs);
    if (!arrived) failures.push(`not every ${type} webhook arrived within ${options.drainMs} ms`);
  };

  await step('start', async () => {
    const startTimer = timer(times.start, failures);
    await pool(count, inFlight, async (index) => {
      await startTimer(async () => {
        handovers[index] = await requestHandover(bench, `bench-${bench.runId}-op-${index}`);
      });
    });
    await settled('handover.requested');
  });
  await step('claim', async () => {
    const claimTimer = timer(times.claim, failures);
    await pool(count, inFlight, async (index) => {
      const handover = handovers[index];
      if (handover) await claimTimer(() => claim(agentOf(index), handover.id));
    });
    await settled('handover.claimed');
  });
  await step('end', async () => {
    const endTimer = timer(times.end, failures);
    await pool(count, inFlight, async (index) => {
      const handover = handovers[index];
      if (!handover) return;
      await endTimer(async () => {
        const answer = await agentOf(index).client.post(`/handovers/${handover.id}/end`, { outcome: 'resolved' });
        if (answer.status !== 200) throw new Error(`end answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      });
    });
    await settled('handover.ended');
  });
  return results(count, inFlight, times, failures);
}

export async function operationsBaseline(bench: Bench, driver: BaselineDriver, step: OperationStep): Promise<OperationResults> {
  const { options } = bench;
  const count = options.operations;
  const inFlight = options.operationsInFlight;
  const times = { start: [] as number[], claim: [] as number[], end: [] as number[] };
  const failures: string[] = [];
  const ids = Array.from({ length: count }, (_, index) => `bench-${bench.runId}-baseline-op-${index}`);
  await step('start', async () => {
    const startTimer = timer(times.start, failures);
    await pool(count, inFlight, async (index) => {
      await startTimer(async () => void (await driver.start(ids[index] as string)));
    });
  });
  await step('claim', async () => {
    const claimTimer = timer(times.claim, failures);
    await pool(count, inFlight, async (index) => {
      await claimTimer(() => driver.claim(ids[index] as string, bench.agents[index % options.streamAgents]!.member.id));
    });
  });
  await step('end', async () => {
    const endTimer = timer(times.end, failures);
    await pool(count, inFlight, async (index) => {
      await endTimer(async () => {
        const stored = await driver.end(ids[index] as string);
        if (stored !== 0) throw new Error(`stored ${stored} messages`);
      });
    });
  });
  return results(count, inFlight, times, failures);
}

function results(count: number, inFlight: number, times: Record<OperationType, number[]>, failures: string[]): OperationResults {
  return {
    count,
    inFlight,
    start: summarize(times.start),
    claim: summarize(times.claim),
    end: summarize(times.end),
    failures: [...new Set(failures)].slice(0, 5),
  };
}
