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

/** `call` for each index, `inFlight` at a time, each timed into `times`; a failure is noted, not timed. */
async function timedPool(times: number[], failures: string[], count: number, inFlight: number, call: (index: number) => Promise<void>): Promise<void> {
  await pool(count, inFlight, async (index) => {
    const begin = performance.now();
    try {
      await call(index);
      times.push(performance.now() - begin);
    } catch (error) {
      failures.push(String(error));
    }
  });
}

export async function operationsOurs(bench: Bench, step: OperationStep): Promise<OperationResults> {
  const { options, arrivals } = bench;
  const count = options.operations;
  const inFlight = options.operationsInFlight;
  const times: Record<OperationType, number[]> = { start: [], claim: [], end: [] };
  const failures: string[] = [];
  const handovers: (StartedHandover | undefined)[] = [];
  // Each request type's webhooks (the last thing each request sets going) are let arrive before the next type, so
  // each is timed on its own; a type that never settles is reported.
  const settled = async (type: string) => {
    const arrived = await waitUntil(() => handovers.every((handover) => !handover || arrivals.webhookByHandover.get(handover.id)?.has(type)), options.drainMs);
    if (!arrived) failures.push(`not every ${type} webhook arrived within ${options.drainMs} ms`);
  };
  // The handovers whose request was answered (a failed one is noted already), each with the agent who takes it.
  const taken = () =>
    handovers.flatMap((handover, index) => (handover ? [{ handover, agent: bench.agents[index % options.streamAgents] as Agent }] : []));

  await step('start', async () => {
    await timedPool(times.start, failures, count, inFlight, async (index) => {
      handovers[index] = await requestHandover(bench, `bench-${bench.runId}-op-${index}`);
    });
    await settled('handover.requested');
  });
  await step('claim', async () => {
    const each = taken();
    await timedPool(times.claim, failures, each.length, inFlight, (index) => claim(each[index]!.agent, each[index]!.handover.id));
    await settled('handover.claimed');
  });
  await step('end', async () => {
    const each = taken();
    await timedPool(times.end, failures, each.length, inFlight, async (index) => {
      const { agent, handover } = each[index]!;
      const answer = await agent.client.post(`/handovers/${handover.id}/end`, { outcome: 'resolved' });
      if (answer.status !== 200) throw new Error(`end answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    });
    await settled('handover.ended');
  });
  return results(count, inFlight, times, failures);
}

export async function operationsBaseline(bench: Bench, driver: BaselineDriver, step: OperationStep): Promise<OperationResults> {
  const { options } = bench;
  const count = options.operations;
  const inFlight = options.operationsInFlight;
  const times: Record<OperationType, number[]> = { start: [], claim: [], end: [] };
  const failures: string[] = [];
  const ids = Array.from({ length: count }, (_, index) => `bench-${bench.runId}-baseline-op-${index}`);
  await step('start', () => timedPool(times.start, failures, count, inFlight, async (index) => void (await driver.start(ids[index]!))));
  await step('claim', () =>
    timedPool(times.claim, failures, count, inFlight, (index) => driver.claim(ids[index]!, bench.agents[index % options.streamAgents]!.member.id)),
  );
  await step('end', () =>
    timedPool(times.end, failures, count, inFlight, async (index) => {
      const stored = await driver.end(ids[index]!);
      if (stored !== 0) throw new Error(`stored ${stored} messages`);
    }),
  );
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
