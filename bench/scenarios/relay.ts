// The message relay at N live handovers: open-loop at a fixed rate (latency), and with many in flight
// (saturation throughput), for the product and for the raw-Temporal baseline on the same dev server.
import type { BaselineDriver } from '../baseline-driver.ts';
import { claim, requestHandover, sendAgentMessage, sendCustomerMessage, type Agent, type Bench } from '../setup.ts';
import { pool, sleep, summarize, waitUntil, type Summary } from '../stats.ts';

export interface LiveHandover {
  id: string;
  conversationId: string;
  agent: Agent;
}

export interface Arrived {
  /** Sent → arrived, from the moment the message was due (open loop) or sent. */
  latency: Summary;
  sent: number;
  /** Accepted (202, or the signal call returned) but not arrived within the drain time. */
  neverArrived: number;
  /** Not accepted: the answer was not 202, or the request failed. */
  refused: number;
  refusals: string[];
}

export interface OpenLoopResults {
  rate: number;
  seconds: number;
  handovers: number;
  /** How late the load generator fired its worst message (its own event loop). */
  maxLagMs: number;
  /** Customer message → `message.created` on the assignee's stream (ours); signal → activity (baseline). */
  customer: Arrived;
  /** Agent message → signed `handover.message` at the receiver (ours); signal → activity (baseline). */
  agent: Arrived;
  /** Sent → 202 (ours), or → the signal call's return (baseline). */
  accept: Summary;
}

export interface SaturationResults {
  messages: number;
  inFlight: number;
  /** First send → the last message arrived. */
  seconds: number;
  perSecond: number;
  acceptedPerSecond: number;
  neverArrived: number;
  refused: number;
}

interface Sent {
  kind: 'customer' | 'agent';
  key: string;
  dueAt: number;
  acceptedAt: number | null;
  refusal: string | null;
}

/** N handovers, requested and claimed by the stream agents in turn; returns once their webhooks are quiet. */
export async function openLiveHandovers(bench: Bench, count: number, tag: string): Promise<LiveHandover[]> {
  const live: LiveHandover[] = [];
  await pool(count, 8, async (index) => {
    const agent = bench.agents[index % bench.options.streamAgents] as Agent;
    const handover = await requestHandover(bench, `bench-${bench.runId}-${tag}-${index}`);
    await claim(agent, handover.id);
    live[index] = { ...handover, agent };
  });
  await waitUntil(() => live.every((handover) => bench.arrivals.webhookByHandover.get(handover.id)?.has('handover.claimed')), bench.options.drainMs);
  return live;
}

export async function startBaselineLive(bench: Bench, driver: BaselineDriver, count: number, tag: string): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `bench-${bench.runId}-${tag}-${index}`);
  await pool(count, 8, async (index) => {
    const id = ids[index] as string;
    await driver.start(id);
    await driver.claim(id, bench.agents[index % bench.options.streamAgents]!.member.id);
  });
  return ids;
}

/** Message `index` goes to handover index mod N, customer and agent by turns (each handover gets both). */
function plan(index: number, handovers: number): { target: number; kind: 'customer' | 'agent' } {
  const target = index % handovers;
  return { target, kind: (Math.floor(index / handovers) + target) % 2 === 0 ? 'customer' : 'agent' };
}

/** Fires `send(index, dueAt)` at `rate` a second without waiting for answers (open loop). */
async function openLoop(count: number, rate: number, send: (index: number, dueAt: number) => Promise<void>): Promise<number> {
  const interval = 1000 / rate;
  const begin = performance.now() + 20;
  let maxLag = 0;
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < count; index += 1) {
    const dueAt = begin + index * interval;
    const wait = dueAt - performance.now();
    if (wait > 0) await sleep(wait);
    maxLag = Math.max(maxLag, performance.now() - dueAt);
    inFlight.push(send(index, dueAt));
  }
  await Promise.all(inFlight);
  return maxLag;
}

async function attempt(call: () => Promise<string | null>): Promise<string | null> {
  try {
    return await call();
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

function arrivedSummary(sent: Sent[], arrivedAt: (entry: Sent) => number | undefined): Arrived {
  const latencies: number[] = [];
  let neverArrived = 0;
  for (const entry of sent) {
    if (entry.refusal !== null) continue;
    const at = arrivedAt(entry);
    if (at === undefined) neverArrived += 1;
    else latencies.push(at - entry.dueAt);
  }
  const refusals = sent.flatMap((entry) => (entry.refusal === null ? [] : [entry.refusal]));
  return { latency: summarize(latencies), sent: sent.length, neverArrived, refused: refusals.length, refusals: [...new Set(refusals)].slice(0, 5) };
}

function oursArrival(bench: Bench) {
  return (entry: Sent): number | undefined =>
    entry.kind === 'customer' ? bench.arrivals.onStream.get(entry.key) : bench.arrivals.webhookMessage.get(entry.key);
}

export async function relayOpenLoopOurs(bench: Bench, live: LiveHandover[]): Promise<OpenLoopResults> {
  const { options } = bench;
  const count = Math.round(options.rate * options.relaySeconds);
  const sent: Sent[] = [];
  const maxLagMs = await openLoop(count, options.rate, async (index, dueAt) => {
    const { target, kind } = plan(index, live.length);
    const handover = live[target] as LiveHandover;
    const clientMessageId = `${bench.runId}-r-${index}`;
    const entry: Sent = {
      kind,
      // Customer messages are looked for on the assignee's stream, agent messages at the webhook receiver.
      key: kind === 'customer' ? `${handover.agent.member.id} ${clientMessageId}` : clientMessageId,
      dueAt,
      acceptedAt: null,
      refusal: null,
    };
    sent.push(entry);
    entry.refusal = await attempt(() =>
      kind === 'customer'
        ? sendCustomerMessage(bench, handover.conversationId, clientMessageId)
        : sendAgentMessage(handover.agent, handover.id, clientMessageId),
    );
    entry.acceptedAt = performance.now();
  });
  return openLoopResults(bench, live.length, maxLagMs, sent, oursArrival(bench));
}

export async function relayOpenLoopBaseline(bench: Bench, driver: BaselineDriver, workflowIds: string[]): Promise<OpenLoopResults> {
  const { options } = bench;
  const count = Math.round(options.rate * options.relaySeconds);
  const sent: Sent[] = [];
  const maxLagMs = await openLoop(count, options.rate, async (index, dueAt) => {
    const { target, kind } = plan(index, workflowIds.length);
    const id = `${bench.runId}-br-${index}`;
    const entry: Sent = { kind, key: id, dueAt, acceptedAt: null, refusal: null };
    sent.push(entry);
    entry.refusal = await attempt(async () => {
      await driver.send(workflowIds[target] as string, { id, sender: kind, body: `${kind} ${id}` });
      return null;
    });
    entry.acceptedAt = performance.now();
  });
  return openLoopResults(bench, workflowIds.length, maxLagMs, sent, (entry) => driver.stored.get(entry.key));
}

/** Waits until every accepted message arrived (or the drain time ran out), then summarizes both sides. */
async function openLoopResults(
  bench: Bench,
  handovers: number,
  maxLagMs: number,
  sent: Sent[],
  arrival: (entry: Sent) => number | undefined,
): Promise<OpenLoopResults> {
  const { options } = bench;
  await waitUntil(() => sent.every((entry) => entry.refusal !== null || arrival(entry) !== undefined), options.drainMs);
  return {
    rate: options.rate,
    seconds: options.relaySeconds,
    handovers,
    maxLagMs,
    customer: arrivedSummary(sent.filter((entry) => entry.kind === 'customer'), arrival),
    agent: arrivedSummary(sent.filter((entry) => entry.kind === 'agent'), arrival),
    accept: summarize(sent.flatMap((entry) => (entry.refusal === null && entry.acceptedAt !== null ? [entry.acceptedAt - entry.dueAt] : []))),
  };
}

/** Customer messages spread over the live handovers, `inFlight` at a time, until every one is on its agent's stream. */
export async function saturateOurs(bench: Bench, live: LiveHandover[]): Promise<SaturationResults> {
  const { options } = bench;
  const sent: Sent[] = [];
  const begin = performance.now();
  await pool(options.saturationMessages, options.saturationInFlight, async (index) => {
    const handover = live[index % live.length] as LiveHandover;
    const clientMessageId = `${bench.runId}-s-${index}`;
    const entry: Sent = { kind: 'customer', key: `${handover.agent.member.id} ${clientMessageId}`, dueAt: performance.now(), acceptedAt: null, refusal: null };
    sent.push(entry);
    entry.refusal = await attempt(() => sendCustomerMessage(bench, handover.conversationId, clientMessageId));
    entry.acceptedAt = performance.now();
  });
  const acceptedAll = performance.now();
  const arrival = oursArrival(bench);
  await waitUntil(() => sent.every((entry) => entry.refusal !== null || arrival(entry) !== undefined), options.drainMs);
  return saturation(sent, begin, acceptedAll, arrival, options.saturationInFlight);
}

export async function saturateBaseline(bench: Bench, driver: BaselineDriver, workflowIds: string[]): Promise<SaturationResults> {
  const { options } = bench;
  const sent: Sent[] = [];
  const begin = performance.now();
  await pool(options.saturationMessages, options.saturationInFlight, async (index) => {
    const id = `${bench.runId}-bs-${index}`;
    const entry: Sent = { kind: 'customer', key: id, dueAt: performance.now(), acceptedAt: null, refusal: null };
    sent.push(entry);
    entry.refusal = await attempt(async () => {
      await driver.send(workflowIds[index % workflowIds.length] as string, { id, sender: 'customer', body: `customer ${id}` });
      return null;
    });
    entry.acceptedAt = performance.now();
  });
  const acceptedAll = performance.now();
  const arrival = (entry: Sent) => driver.stored.get(entry.key);
  await waitUntil(() => sent.every((entry) => entry.refusal !== null || arrival(entry) !== undefined), options.drainMs);
  return saturation(sent, begin, acceptedAll, arrival, options.saturationInFlight);
}

function saturation(sent: Sent[], begin: number, acceptedAll: number, arrival: (entry: Sent) => number | undefined, inFlight: number): SaturationResults {
  const accepted = sent.filter((entry) => entry.refusal === null);
  const times = accepted.flatMap((entry) => {
    const at = arrival(entry);
    return at === undefined ? [] : [at];
  });
  const seconds = (Math.max(...times) - begin) / 1000;
  return {
    messages: sent.length,
    inFlight,
    seconds,
    perSecond: times.length / seconds,
    acceptedPerSecond: accepted.length / ((acceptedAll - begin) / 1000),
    neverArrived: accepted.length - times.length,
    refused: sent.length - accepted.length,
  };
}
