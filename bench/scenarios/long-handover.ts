// One handover with thousands of messages, one in `longAgentEvery` from the agent, `inFlight` at a time: its history grows past the point
// where the server suggests continue-as-new, so the relay crosses runs. Afterwards every message must be stored
// exactly once with seq unbroken (read back through the API), and every agent message delivered by webhook.
import { handoverWorkflowId } from '../../domain/handover.ts';
import { stateQuery } from '../../workflows/handover/definitions.ts';
import { claim, requestHandover, sendAgentMessage, sendCustomerMessage, type Agent, type Bench } from '../setup.ts';
import { pool, sleep, waitUntil } from '../stats.ts';

const maxAttempts = 5;

export interface LongHandoverResults {
  messages: number;
  agentMessages: number;
  inFlight: number;
  /** Requests answered otherwise than 202 (then sent again, as the API asks of a 503 with Retry-After). */
  retried: number;
  retryReasons: string[];
  /** Messages still not accepted after `maxAttempts`. */
  refused: number;
  /** First send → the last message on the stream or at the receiver. */
  seconds: number;
  perSecond: number;
  /** First send → the last 202; → the last customer message on the stream; → the last agent message's webhook. */
  acceptedSeconds: number;
  lastOnStreamSeconds: number;
  lastWebhookSeconds: number;
  /** Read back with GET /conversations/:id/messages; `missing` counts accepted messages not stored. */
  stored: number;
  storedOnce: number;
  duplicates: number;
  missing: number;
  /** Seq runs 1, 2, 3, ... with no gap and no repeat. */
  seqContinuous: boolean;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Accepted messages that never showed: customer messages on the stream, agent messages at the receiver. */
  neverOnStream: number;
  neverWebhook: number;
  /** The workflow's own count of runs (its `state` query): above 1 once it continued as new. */
  runs: number | null;
  messagesRelayed: number | null;
}

export async function measureLongHandover(bench: Bench): Promise<LongHandoverResults> {
  const { options, arrivals } = bench;
  const agent = bench.agents[0] as Agent;
  const handover = await requestHandover(bench, `bench-${bench.runId}-long`);
  await claim(agent, handover.id);
  const refusals: string[] = [];
  const retryReasons: string[] = [];
  const accepted = new Set<number>();
  const clientIds: string[] = [];
  const isAgent = (index: number) => index % options.longAgentEvery === options.longAgentEvery - 1;
  const begin = performance.now();
  await pool(options.longMessages, options.longInFlight, async (index) => {
    const clientMessageId = `${bench.runId}-long-${index}`;
    clientIds[index] = clientMessageId;
    // A 503 (or a dropped connection) means "send the same request again": the API says so, with Retry-After.
    for (let attempt = 1; ; attempt += 1) {
      let refused: string | null;
      try {
        refused = isAgent(index)
          ? await sendAgentMessage(agent, handover.id, clientMessageId)
          : await sendCustomerMessage(bench, handover.conversationId, clientMessageId);
      } catch (error) {
        refused = String(error);
      }
      if (refused === null) {
        accepted.add(index);
        return;
      }
      if (attempt === maxAttempts || !/^HTTP 503|TypeError|ECONN/.test(refused)) {
        refusals.push(refused);
        return;
      }
      retryReasons.push(refused);
      await sleep(2000);
    }
  });
  const acceptedSeconds = (performance.now() - begin) / 1000;
  const arrived = (index: number) =>
    isAgent(index) ? arrivals.webhookMessage.get(clientIds[index] as string) : arrivals.onStream.get(`${agent.member.id} ${clientIds[index]}`);
  await waitUntil(() => [...accepted].every((index) => arrived(index) !== undefined), Math.max(options.drainMs, 120_000));
  const times = clientIds.flatMap((_, index) => arrived(index) ?? []);
  const seconds = (Math.max(...times) - begin) / 1000;
  const lastOf = (agentSide: boolean) =>
    (Math.max(...clientIds.flatMap((_, index) => (isAgent(index) === agentSide ? (arrived(index) ?? []) : []))) - begin) / 1000;

  // Read the transcript back as a polling channel would.
  const seqs: number[] = [];
  const counts = new Map<string, number>();
  for (let afterSeq = 0; ; ) {
    const page = await bench.ai.get(`/conversations/${handover.conversationId}/messages?afterSeq=${afterSeq}&limit=500`);
    const messages = page.body.messages as { seq: number; clientMessageId: string | null }[];
    if (messages.length === 0) break;
    for (const message of messages) {
      seqs.push(message.seq);
      if (message.clientMessageId) counts.set(message.clientMessageId, (counts.get(message.clientMessageId) ?? 0) + 1);
    }
    afterSeq = messages.at(-1)!.seq;
  }
  const ours = clientIds.map((id) => counts.get(id) ?? 0);
  const state = await bench.env.client.workflow
    .getHandle(handoverWorkflowId(handover.id))
    .query(stateQuery)
    .catch(() => null);
  return {
    messages: options.longMessages,
    agentMessages: clientIds.filter((_, index) => isAgent(index)).length,
    inFlight: options.longInFlight,
    retried: retryReasons.length,
    retryReasons: [...new Set(retryReasons)].slice(0, 5),
    refused: refusals.length,
    seconds,
    perSecond: times.length / seconds,
    acceptedSeconds,
    lastOnStreamSeconds: lastOf(false),
    lastWebhookSeconds: lastOf(true),
    stored: seqs.length,
    storedOnce: ours.filter((count) => count === 1).length,
    duplicates: ours.filter((count) => count > 1).length,
    missing: [...accepted].filter((index) => (counts.get(clientIds[index] as string) ?? 0) === 0).length,
    seqContinuous: seqs.every((seq, index) => seq === index + 1),
    firstSeq: seqs[0] ?? null,
    lastSeq: seqs.at(-1) ?? null,
    neverOnStream: [...accepted].filter((index) => !isAgent(index) && arrived(index) === undefined).length,
    neverWebhook: [...accepted].filter((index) => isAgent(index) && arrived(index) === undefined).length,
    runs: state?.runs ?? null,
    messagesRelayed: state?.messagesRelayed ?? null,
  };
}
