// The product process's memory with many handovers open at once (pending: each a running workflow that the worker
// keeps in its cache, waiting on its escalation timer). Measured in a fresh product process, so the memory the
// load phases before it left behind (V8 and malloc keep what they grew to) is not counted: its RSS idle, then with
// the handovers open, both after a full collection of the main thread's heap.
import { ApiClient } from '../../test/support/http.ts';
import type { Usage } from '../ipc.ts';
import { requestHandover, type Bench } from '../setup.ts';
import { pool, sleep, waitUntil } from '../stats.ts';
import { serverCpu } from '../system.ts';

export interface OpenHandoverResults {
  open: number;
  idle: Usage;
  withOpen: Usage;
  perHandoverKiB: number;
  /** Requests a second while opening them, 8 at a time. */
  requestedPerSecond: number;
  temporalRssBytes: number;
  postgresRssBytes: number;
  /** RSS of the product process that ran the load phases, just before it was replaced. */
  loadedProcess: Usage;
  restartSeconds: number;
  /** The last request answered → every handover's `handover.requested` webhook delivered (or the drain time ran out). */
  settleSeconds: number;
  /** Handovers whose `handover.requested` webhook had arrived when memory was read. */
  settled: number;
}

export async function measureOpenHandovers(bench: Bench): Promise<OpenHandoverResults> {
  const { env, options, arrivals } = bench;
  const loadedProcess = await env.product.request<Usage>('settledUsage');
  // The streams were connected to the process that is going away.
  await arrivals.closeStreams();
  const restartBegin = performance.now();
  await env.restartProduct();
  const restartSeconds = (performance.now() - restartBegin) / 1000;
  const fresh = { ...bench, ai: ApiClient.forApiKey(env.baseUrl, bench.workspace.apiKey) };
  await sleep(1000);
  const idle = await env.product.request<Usage>('settledUsage');
  const ids: string[] = [];
  const begin = performance.now();
  await pool(options.openHandovers, 8, async (index) => {
    ids.push((await requestHandover(fresh, `bench-${bench.runId}-open-${index}`)).id);
  });
  const requested = performance.now();
  const requestedPerSecond = ids.length / ((requested - begin) / 1000);
  // Settled: each one's request recorded and told (its webhooks delivered), so nothing is in flight.
  await waitUntil(() => ids.every((id) => arrivals.webhookByHandover.get(id)?.has('handover.requested')), options.drainMs);
  const settleSeconds = (performance.now() - requested) / 1000;
  await sleep(1000);
  const withOpen = await env.product.request<Usage>('settledUsage');
  const servers = serverCpu();
  return {
    open: ids.length,
    idle,
    withOpen,
    perHandoverKiB: ids.length ? (withOpen.rssBytes - idle.rssBytes) / ids.length / 1024 : 0,
    requestedPerSecond,
    temporalRssBytes: servers.temporalRssBytes,
    postgresRssBytes: servers.postgresRssBytes,
    loadedProcess,
    restartSeconds,
    settleSeconds,
    settled: ids.filter((id) => arrivals.webhookByHandover.get(id)?.has('handover.requested')).length,
  };
}
