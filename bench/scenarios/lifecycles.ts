// Whole handovers back to back, `inFlight` at a time: request -> claim -> k messages each way (each answered before
// the next) -> End -> the customer's rating. One is complete when the rating is recorded and every message of it
// has arrived (customer messages on the assignee's stream, agent messages at the webhook receiver).
// The baseline's: start -> claim Update -> k signals each way -> End Update -> the workflow's result.
import type { BaselineDriver } from '../baseline-driver.ts';
import { claim, requestHandover, sendAgentMessage, sendCustomerMessage, type Agent, type Bench } from '../setup.ts';
import { pool, summarize, waitUntil, type Summary } from '../stats.ts';

export interface LifecycleResults {
  completed: number;
  inFlight: number;
  messagesEachWay: number;
  seconds: number;
  perSecond: number;
  duration: Summary;
  /** Each request of the lifecycles, timed while `inFlight` lifecycles run at once. */
  requests: { start: Summary; claim: Summary; end: Summary };
  failures: string[];
}

type RequestTimes = Record<keyof LifecycleResults['requests'], number[]>;

async function timed<T>(times: number[], call: () => Promise<T>): Promise<T> {
  const begin = performance.now();
  const value = await call();
  times.push(performance.now() - begin);
  return value;
}

export async function lifecyclesOurs(bench: Bench): Promise<LifecycleResults> {
  const { options, arrivals } = bench;
  const durations: number[] = [];
  const failures: string[] = [];
  const times: RequestTimes = { start: [], claim: [], end: [] };
  const begin = performance.now();
  await pool(options.lifecycles, options.lifecycleInFlight, async (index) => {
    const start = performance.now();
    try {
      const agent = bench.agents[index % options.streamAgents] as Agent;
      const handover = await timed(times.start, () => requestHandover(bench, `bench-${bench.runId}-life-${index}`));
      await timed(times.claim, () => claim(agent, handover.id));
      const keys: { stream?: string; webhook?: string }[] = [];
      for (let turn = 0; turn < options.lifecycleMessages; turn += 1) {
        const customerId = `${bench.runId}-l-${index}-c${turn}`;
        const agentId = `${bench.runId}-l-${index}-a${turn}`;
        const refusedCustomer = await sendCustomerMessage(bench, handover.conversationId, customerId);
        if (refusedCustomer) throw new Error(`customer message: ${refusedCustomer}`);
        const refusedAgent = await sendAgentMessage(agent, handover.id, agentId);
        if (refusedAgent) throw new Error(`agent message: ${refusedAgent}`);
        keys.push({ stream: `${agent.member.id} ${customerId}` }, { webhook: agentId });
      }
      const ended = await timed(times.end, () => agent.client.post(`/handovers/${handover.id}/end`, { outcome: 'resolved' }));
      if (ended.status !== 200) throw new Error(`end answered ${ended.status}`);
      const rated = await bench.ai.post(`/handovers/${handover.id}/rating`, { score: 5 });
      if (rated.status !== 200) throw new Error(`rating answered ${rated.status}`);
      const arrived = await waitUntil(
        () => keys.every((key) => (key.stream ? arrivals.onStream.has(key.stream) : arrivals.webhookMessage.has(key.webhook as string))),
        options.drainMs,
        5,
      );
      if (!arrived) throw new Error('messages never arrived');
      durations.push(performance.now() - start);
    } catch (error) {
      failures.push(String(error));
    }
  });
  return result(durations, times, failures, begin, options);
}

export async function lifecyclesBaseline(bench: Bench, driver: BaselineDriver): Promise<LifecycleResults> {
  const { options } = bench;
  const durations: number[] = [];
  const failures: string[] = [];
  const times: RequestTimes = { start: [], claim: [], end: [] };
  const begin = performance.now();
  await pool(options.lifecycles, options.lifecycleInFlight, async (index) => {
    const start = performance.now();
    try {
      const workflowId = `bench-${bench.runId}-baseline-life-${index}`;
      await timed(times.start, () => driver.start(workflowId));
      await timed(times.claim, () => driver.claim(workflowId, bench.agents[index % options.streamAgents]!.member.id));
      for (let turn = 0; turn < options.lifecycleMessages; turn += 1) {
        for (const sender of ['customer', 'agent'] as const) {
          const id = `${bench.runId}-bl-${index}-${sender}${turn}`;
          await driver.send(workflowId, { id, sender, body: `${sender} ${id}` });
        }
      }
      const stored = await timed(times.end, () => driver.end(workflowId));
      if (stored !== 2 * options.lifecycleMessages) throw new Error(`stored ${stored} messages`);
      durations.push(performance.now() - start);
    } catch (error) {
      failures.push(String(error));
    }
  });
  return result(durations, times, failures, begin, options);
}

function result(durations: number[], times: RequestTimes, failures: string[], begin: number, options: Bench['options']): LifecycleResults {
  const seconds = (performance.now() - begin) / 1000;
  return {
    completed: durations.length,
    inFlight: options.lifecycleInFlight,
    messagesEachWay: options.lifecycleMessages,
    seconds,
    perSecond: durations.length / seconds,
    duration: summarize(durations),
    requests: { start: summarize(times.start), claim: summarize(times.claim), end: summarize(times.end) },
    failures: [...new Set(failures)].slice(0, 5),
  };
}
