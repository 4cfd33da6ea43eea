// What must hold after a fault, once the system has settled: every acknowledged message stored exactly once and
// (the agents') delivered by webhook exactly once after dropping duplicates by `webhook-id`, in seq order; every
// handover in the state the load's acknowledged actions imply, none stuck; every request answered with 2xx or 503
// `unavailable`, within 10 s; the analytics equal to what the load did.
import { handoverWorkflowType } from '../../workflows/handover/definitions.ts';
import { ApiClient } from '../../test/support/http.ts';
import type { Attempt } from './client.ts';
import type { Cluster } from './cluster.ts';
import type { Load, LoadHandover, SentMessage } from './load.ts';
import type { ChaosReceiver } from './receiver.ts';

export interface CheckResult {
  name: string;
  passed: boolean;
  /** One line: what was checked, on how much. */
  summary: string;
  /** What failed (empty when it passed), at most a few dozen lines. */
  details: string[];
}

/** Where an episode's attempts may meet a refused or reset connection: the API process a fault killed. */
export interface ConnectionAllowance {
  api: number;
  from: number;
  to: number;
}

export interface CheckContext {
  cluster: Cluster;
  receiver: ChaosReceiver;
  load: Load;
  attempts: Attempt[];
  workspaceId: string;
  apiKey: string;
  adminCookie: string;
  /** The analytics period: from before the run's first handover to after its last. */
  runStartedAt: Date;
  /** Handover id → its ended state when last seen: an ended handover must stay so. */
  ended: Map<string, { status: string; outcome: string | null; endedAt: string }>;
  /** The episode's window, in ms since the run began. */
  window: { from: number; to: number };
  /** The episode's name: the load's records carry it. */
  episode: string;
  /** Transcripts read back through the API: those with a message acknowledged since then. */
  transcriptsFrom: number;
  connectionAllowance: ConnectionAllowance | null;
  slowLimitMs: number;
  settleTimeoutMs: number;
  clock: () => number;
}

interface HandoverRow {
  id: string;
  conversation: string;
  status: string;
  outcome: string | null;
  escalation_level: number;
  assignee_id: string | null;
  ended_at: Date | null;
}

interface MessageRow {
  conversation: string;
  sender: string;
  client_message_id: string | null;
  body: string;
  handover_id: string | null;
  seq: number;
}

interface Snapshot {
  handovers: HandoverRow[];
  messages: MessageRow[];
  runningWorkflows: number;
}

async function snapshot(context: CheckContext): Promise<Snapshot> {
  const { db, temporal } = context.cluster;
  const handovers = (await db
    .selectFrom('handovers')
    .innerJoin('conversations', 'conversations.id', 'handovers.conversation_id')
    .select([
      'handovers.id',
      'conversations.external_id as conversation',
      'handovers.status',
      'handovers.outcome',
      'handovers.escalation_level',
      'handovers.assignee_id',
      'handovers.ended_at',
    ])
    .where('handovers.workspace_id', '=', context.workspaceId)
    .execute()) as HandoverRow[];
  const messages = (await db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select(['conversations.external_id as conversation', 'messages.sender', 'messages.client_message_id', 'messages.body', 'messages.handover_id', 'messages.seq'])
    .where('messages.workspace_id', '=', context.workspaceId)
    .execute()) as MessageRow[];
  const runningWorkflows = (
    await temporal.workflow.count(`WorkspaceId = '${context.workspaceId}' AND WorkflowType = '${handoverWorkflowType}' AND ExecutionStatus = 'Running'`)
  ).count;
  return { handovers, messages, runningWorkflows };
}

const key = (conversation: string, sender: string, clientMessageId: string | null) => `${conversation} ${sender} ${clientMessageId}`;

/** What is still on its way: empty once everything acknowledged has arrived where it must. */
function outstanding(context: CheckContext, now: Snapshot): string[] {
  const missing: string[] = [];
  const stored = new Set(now.messages.map((row) => key(row.conversation, row.sender, row.client_message_id)));
  for (const message of context.load.messages) {
    if (!stored.has(key(message.conversationId, message.sender, message.clientMessageId))) missing.push(`message ${message.clientMessageId} not stored yet`);
  }
  const active = now.handovers.filter((row) => row.status === 'pending' || row.status === 'in_progress');
  for (const row of active) missing.push(`handover ${row.id} (${row.conversation}) still ${row.status}`);
  if (now.runningWorkflows > 0) missing.push(`${now.runningWorkflows} handover workflows still running`);
  const delivered = new Set(
    context.receiver.deliveries.filter((d) => d.answer === 'acknowledged' && d.message).map((d) => `${d.handoverId} ${d.message!.sender} ${d.message!.clientMessageId}`),
  );
  for (const message of context.load.messages.filter((m) => m.sender === 'agent')) {
    if (!delivered.has(`${message.handoverId} agent ${message.clientMessageId}`)) missing.push(`agent message ${message.clientMessageId} not delivered yet`);
  }
  const endedDelivered = new Set(context.receiver.deliveries.filter((d) => d.answer === 'acknowledged' && d.type === 'handover.ended').map((d) => d.handoverId));
  for (const row of now.handovers.filter((r) => r.ended_at !== null)) {
    if (!endedDelivered.has(row.id)) missing.push(`handover.ended of ${row.id} not delivered yet`);
  }
  return missing;
}

/** Waits until nothing acknowledged is still on its way (or the settle time is up), then checks everything. */
export async function settleAndCheck(context: CheckContext): Promise<{ settledAfterMs: number; checks: CheckResult[] }> {
  const started = context.clock();
  let now = await snapshot(context);
  let missing = outstanding(context, now);
  while (missing.length > 0 && context.clock() - started < context.settleTimeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    now = await snapshot(context);
    missing = outstanding(context, now);
  }
  const settledAfterMs = context.clock() - started;
  const checks: CheckResult[] = [
    {
      name: 'settled',
      passed: missing.length === 0,
      summary: `everything acknowledged arrived within ${Math.round(settledAfterMs / 1000)} s of the load's last request (limit ${context.settleTimeoutMs / 1000} s)`,
      details: cap(missing),
    },
    checkStored(context, now),
    await checkTranscripts(context),
    checkWebhooks(context, now),
    checkHandovers(context, now),
    checkResponses(context),
    await checkAnalytics(context),
  ];
  return { settledAfterMs, checks };
}

/** In PostgreSQL: each acknowledged message once (by its client id and by its unique body), in its handover. */
function checkStored(context: CheckContext, now: Snapshot): CheckResult {
  const problems: string[] = [];
  const byKey = countBy(now.messages, (row) => key(row.conversation, row.sender, row.client_message_id));
  const byBody = countBy(now.messages, (row) => row.body);
  const rowByKey = new Map(now.messages.map((row) => [key(row.conversation, row.sender, row.client_message_id), row]));
  for (const message of context.load.messages) {
    const k = key(message.conversationId, message.sender, message.clientMessageId);
    const copies = byKey.get(k) ?? 0;
    const bodies = byBody.get(message.body) ?? 0;
    if (copies !== 1 || bodies !== 1) problems.push(`${message.sender} message ${message.clientMessageId}: stored ${copies} times by its id, ${bodies} times by its body`);
    const row = rowByKey.get(k);
    if (row && message.handoverId !== null && row.handover_id !== message.handoverId) {
      problems.push(`${message.sender} message ${message.clientMessageId} was acknowledged for handover ${message.handoverId} but stored in ${row.handover_id ?? 'no handover'}`);
    }
  }
  return {
    name: 'stored exactly once',
    passed: problems.length === 0,
    summary: `${context.load.messages.length} acknowledged messages (${context.load.messages.filter((m) => m.sender === 'agent').length} from agents) looked up in PostgreSQL by client id and by body`,
    details: cap(problems),
  };
}

/** Through the API, as a polling channel reads it: the episode's transcripts, each acknowledged message once, seq in order. */
async function checkTranscripts(context: CheckContext): Promise<CheckResult> {
  const problems: string[] = [];
  const ai = ApiClient.forApiKey(context.cluster.apiUrls[0]!, context.apiKey);
  const episode = context.load.messages.filter((message) => message.ackedAt >= context.transcriptsFrom);
  const conversations = [...new Set(episode.map((message) => message.conversationId))];
  for (const conversation of conversations) {
    const listed: { seq: number; sender: string; clientMessageId: string | null }[] = [];
    let afterSeq = 0;
    for (;;) {
      const page = await ai.get(`/conversations/${conversation}/messages?afterSeq=${afterSeq}&limit=500`);
      if (page.status !== 200) {
        problems.push(`GET /conversations/${conversation}/messages answered ${page.status}`);
        break;
      }
      const messages = page.body.messages as { seq: number; sender: string; clientMessageId: string | null }[];
      listed.push(...messages);
      if (messages.length < 500) break;
      afterSeq = messages.at(-1)!.seq;
    }
    for (let index = 1; index < listed.length; index += 1) {
      if (listed[index]!.seq <= listed[index - 1]!.seq) problems.push(`${conversation}: seq ${listed[index]!.seq} after ${listed[index - 1]!.seq}`);
    }
    const counts = countBy(listed, (message) => `${message.sender} ${message.clientMessageId}`);
    const mine = context.load.messages.filter((message) => message.conversationId === conversation);
    for (const message of mine) {
      const copies = counts.get(`${message.sender} ${message.clientMessageId}`) ?? 0;
      if (copies !== 1) problems.push(`${conversation}: ${message.sender} message ${message.clientMessageId} listed ${copies} times`);
    }
    // The agent's messages were sent one at a time, each after the previous one was acknowledged.
    const agentOrder = listed.filter((message) => message.sender === 'agent').map((message) => message.clientMessageId);
    const sentOrder = mine.filter((message) => message.sender === 'agent').map((message) => message.clientMessageId);
    if (agentOrder.join() !== sentOrder.join()) problems.push(`${conversation}: agent messages listed as ${agentOrder.join(', ')}, sent as ${sentOrder.join(', ')}`);
  }
  return {
    name: 'transcripts read back',
    passed: problems.length === 0,
    summary: `${conversations.length} conversations of this episode read through GET /conversations/:id/messages: each acknowledged message once, seq increasing, agent messages in the order sent`,
    details: cap(problems),
  };
}

/**
 * At the receiver: each acknowledged agent message acknowledged at least once (settling waits for that) and, once
 * repeats of a `webhook-id` are dropped, processed exactly once; per handover, first arrivals in seq order.
 */
function checkWebhooks(context: CheckContext, now: Snapshot): CheckResult {
  const problems: string[] = [];
  const { receiver } = context;
  const once = receiver.processedOnce();
  const storedSeq = new Map(now.messages.map((row) => [key(row.conversation, row.sender, row.client_message_id), row.seq]));
  const idsByMessage = new Map<string, Set<string>>();
  for (const delivery of once) {
    if (!delivery.message) continue;
    const k = `${delivery.handoverId} ${delivery.message.sender} ${delivery.message.clientMessageId}`;
    let ids = idsByMessage.get(k);
    if (!ids) idsByMessage.set(k, (ids = new Set()));
    ids.add(delivery.webhookId);
  }
  const acknowledged = new Set(
    receiver.deliveries.filter((d) => d.answer === 'acknowledged' && d.message).map((d) => `${d.handoverId} ${d.message!.sender} ${d.message!.clientMessageId}`),
  );
  const agentMessages = context.load.messages.filter((message) => message.sender === 'agent');
  for (const message of agentMessages) {
    const ids = idsByMessage.get(`${message.handoverId} agent ${message.clientMessageId}`);
    if (!acknowledged.has(`${message.handoverId} agent ${message.clientMessageId}`)) {
      problems.push(`agent message ${message.clientMessageId} of handover ${message.handoverId}: never delivered with a 2xx from the receiver`);
    }
    if (!ids) continue;
    else if (ids.size !== 1) problems.push(`agent message ${message.clientMessageId}: delivered under ${ids.size} different webhook-ids (${[...ids].join(', ')})`);
  }
  // Per handover, the messages as first acknowledged: seq must increase, and match the stored seq.
  const byHandover = new Map<string, { seq: number; clientMessageId: string | null; sender: string }[]>();
  for (const delivery of once) {
    if (!delivery.message || !delivery.handoverId) continue;
    let list = byHandover.get(delivery.handoverId);
    if (!list) byHandover.set(delivery.handoverId, (list = []));
    list.push(delivery.message);
  }
  const conversationOf = new Map(now.handovers.map((row) => [row.id, row.conversation]));
  for (const [handoverId, list] of byHandover) {
    for (let index = 1; index < list.length; index += 1) {
      if (list[index]!.seq <= list[index - 1]!.seq) {
        problems.push(`handover ${handoverId}: message seq ${list[index]!.seq} (${list[index]!.clientMessageId}) arrived after seq ${list[index - 1]!.seq}`);
      }
    }
    for (const message of list) {
      const stored = storedSeq.get(key(conversationOf.get(handoverId) ?? '?', message.sender, message.clientMessageId));
      if (message.sender === 'agent' && stored !== message.seq) problems.push(`handover ${handoverId}: webhook seq ${message.seq} of ${message.clientMessageId}, stored as ${stored}`);
    }
  }
  // Each ended handover: handover.ended once.
  const endedIds = countDistinct(once.filter((d) => d.type === 'handover.ended'), (d) => d.handoverId ?? '', (d) => d.webhookId);
  for (const row of now.handovers.filter((r) => r.ended_at !== null)) {
    const count = endedIds.get(row.id) ?? 0;
    if (count !== 1) problems.push(`handover ${row.id}: handover.ended delivered under ${count} webhook-ids`);
  }
  if (receiver.rejected.length > 0) problems.push(`${receiver.rejected.length} deliveries failed signature verification: ${receiver.rejected[0]}`);
  const attempts = receiver.deliveries.length;
  const duplicates = receiver.deliveries.filter((d) => d.answer !== 'unavailable').length - once.length;
  return {
    name: 'webhooks exactly once, in order',
    passed: problems.length === 0,
    summary:
      `${agentMessages.length} acknowledged agent messages each under one webhook-id; per handover, first arrivals in seq order; handover.ended once per ended handover ` +
      `(${attempts} delivery attempts seen, ${duplicates} repeats of a processed webhook-id dropped)`,
    details: cap(problems),
  };
}

/** In PostgreSQL and Temporal: each handover as the load's acknowledged actions imply, none left active or running. */
function checkHandovers(context: CheckContext, now: Snapshot): CheckResult {
  const problems: string[] = [];
  const rowsByConversation = new Map<string, HandoverRow[]>();
  for (const row of now.handovers) {
    let rows = rowsByConversation.get(row.conversation);
    if (!rows) rowsByConversation.set(row.conversation, (rows = []));
    rows.push(row);
  }
  const counts = { completed: 0, missed: 0, escalated: 0 };
  for (const handover of context.load.handovers) {
    const rows = rowsByConversation.get(handover.conversationId) ?? [];
    if (handover.handoverId === null) {
      // The request was never acknowledged (the load gave up on it): at most one handover may exist.
      if (rows.length > 1) problems.push(`${handover.conversationId}: ${rows.length} handovers for one unacknowledged request`);
      continue;
    }
    // The load requests one handover per conversation (retries included): there must be exactly one.
    if (rows.length !== 1 || rows[0]!.id !== handover.handoverId) {
      problems.push(`${handover.conversationId}: ${rows.length} handovers (${rows.map((r) => `${r.id} ${r.status}`).join(', ')}), acknowledged ${handover.handoverId}`);
      continue;
    }
    const row = rows[0]!;
    const expected = expectedState(handover);
    if (!expected) {
      problems.push(`${handover.conversationId}: the load did not finish it (claim ${handover.claim}, end ${handover.end}); now ${row.status}`);
      continue;
    }
    if (row.status !== expected.status || (expected.outcome && row.outcome !== expected.outcome)) {
      problems.push(`handover ${row.id}: ${row.status}/${row.outcome}, expected ${expected.status}/${expected.outcome ?? 'any'} (${describeHandover(handover)})`);
    }
    if (expected.status === 'missed') {
      counts.missed += 1;
      // A handover nobody took must have climbed the ladder before falling back.
      if (row.escalation_level < 1) problems.push(`handover ${row.id}: missed without escalating (level ${row.escalation_level})`);
      else counts.escalated += 1;
    } else {
      counts.completed += 1;
    }
    // What the API answered against its own earlier answers: reported in the episode it happened in.
    if (handover.episode === context.episode) for (const anomaly of handover.anomalies) problems.push(`${handover.conversationId}: ${anomaly}`);
  }
  for (const row of now.handovers) {
    const before = context.ended.get(row.id);
    const endedAt = row.ended_at?.toISOString() ?? null;
    if (before && (before.status !== row.status || before.outcome !== row.outcome || before.endedAt !== endedAt)) {
      problems.push(`handover ${row.id} was ${before.status}/${before.outcome} ended ${before.endedAt}, is now ${row.status}/${row.outcome} ended ${endedAt}`);
    }
    if (endedAt && !before) context.ended.set(row.id, { status: row.status, outcome: row.outcome, endedAt });
  }
  const active = now.handovers.filter((row) => row.status === 'pending' || row.status === 'in_progress');
  if (active.length > 0) problems.push(`${active.length} handovers still active after the load drained: ${active.slice(0, 5).map((r) => `${r.id} ${r.status}`).join(', ')}`);
  const activePerConversation = [...rowsByConversation.values()].filter((rows) => rows.filter((r) => r.status === 'pending' || r.status === 'in_progress').length > 1);
  if (activePerConversation.length > 0) problems.push(`${activePerConversation.length} conversations with two active handovers`);
  if (now.runningWorkflows > 0) problems.push(`${now.runningWorkflows} handover workflows still running in Temporal with no active handover left`);
  return {
    name: 'handover states',
    passed: problems.length === 0,
    summary:
      `${now.handovers.length} handovers: ${counts.completed} completed by their agent, ${counts.missed} missed (${counts.escalated} of them escalated first), ` +
      `one per conversation, none active or running in Temporal, ${context.ended.size} ended ones unchanged since first seen ended`,
    details: cap(problems),
  };
}

function expectedState(handover: LoadHandover): { status: string; outcome: string | null } | null {
  if (handover.plan === 'ladder' || handover.claim === 'lost_to_ladder') return { status: 'missed', outcome: null };
  if (handover.end) return { status: 'completed', outcome: 'resolved' };
  return null;
}

function describeHandover(handover: LoadHandover): string {
  return `plan ${handover.plan}, claim ${handover.claim ?? 'none'}, end ${handover.end ?? 'none'}`;
}

/** Every answer a 2xx or a 503 `unavailable` in the envelope, within the limit; a dead process only where a fault killed it. */
function checkResponses(context: CheckContext): CheckResult {
  const problems: string[] = [];
  const { from, to } = context.window;
  const attempts = context.attempts.filter((attempt) => attempt.at >= from && attempt.at < to);
  for (const attempt of attempts) {
    const where = `${attempt.op} at ${(attempt.at / 1000).toFixed(1)} s on api-${attempt.api + 1}`;
    if (attempt.kind === 'server_error') problems.push(`${where}: HTTP ${attempt.status} ${attempt.code ?? ''} ${attempt.detail ?? ''}`.trim());
    if (attempt.kind === 'hang') problems.push(`${where}: no answer within ${Math.round(attempt.latencyMs / 1000)} s`);
    if (attempt.kind !== 'hang' && attempt.kind !== 'connection' && attempt.latencyMs > context.slowLimitMs) {
      problems.push(`${where}: answered ${attempt.status} after ${(attempt.latencyMs / 1000).toFixed(1)} s (limit ${context.slowLimitMs / 1000} s)`);
    }
    if (attempt.kind === 'connection') {
      const allowance = context.connectionAllowance;
      // It failed when it ended: a request in flight when the process died fails at that moment.
      const failedAt = attempt.at + attempt.latencyMs;
      const allowed = allowance && attempt.api === allowance.api && failedAt >= allowance.from && failedAt <= allowance.to;
      if (!allowed) problems.push(`${where}: connection failed (${attempt.detail}) while no fault had stopped that process`);
    }
    if (attempt.kind === 'client_error' && !expectedClientError(attempt)) problems.push(`${where}: HTTP ${attempt.status} ${attempt.code}`);
  }
  const problemsOfLoad = context.load.problems.filter((line) => line);
  for (const problem of problemsOfLoad) problems.push(`the load: ${problem}`);
  context.load.problems.length = 0;
  const stats = attemptStats(attempts);
  return {
    name: 'answers: 2xx or 503, within 10 s',
    passed: problems.length === 0,
    summary:
      `${stats.requests} requests in the episode: ${stats.acknowledged} 2xx, ${stats.unavailable} 503 unavailable, ${stats.connection} connection errors, ` +
      `${stats.clientErrors} 4xx, ${stats.serverErrors} other 5xx, ${stats.hangs} hangs; slowest answer ${(stats.slowestMs / 1000).toFixed(1)} s`,
    details: cap(problems),
  };
}

/** The 4xx a client meets in a correct run: a claim the ladder beat, and an End that an unanswered attempt already applied. */
function expectedClientError(attempt: Attempt): boolean {
  return attempt.status === 409 && attempt.code === 'handover_ended' && (attempt.op === 'claim' || attempt.op === 'end');
}

export interface AttemptStats {
  requests: number;
  acknowledged: number;
  unavailable: number;
  connection: number;
  clientErrors: number;
  serverErrors: number;
  hangs: number;
  slowestMs: number;
  p50Ms: number;
  p99Ms: number;
}

export function attemptStats(attempts: Attempt[]): AttemptStats {
  const answered = attempts.filter((a) => a.kind !== 'connection' && a.kind !== 'hang').map((a) => a.latencyMs).sort((a, b) => a - b);
  const pick = (q: number) => (answered.length ? answered[Math.min(answered.length - 1, Math.floor(q * answered.length))]! : 0);
  return {
    requests: attempts.length,
    acknowledged: attempts.filter((a) => a.kind === 'ok').length,
    unavailable: attempts.filter((a) => a.kind === 'unavailable').length,
    connection: attempts.filter((a) => a.kind === 'connection').length,
    clientErrors: attempts.filter((a) => a.kind === 'client_error').length,
    serverErrors: attempts.filter((a) => a.kind === 'server_error').length,
    hangs: attempts.filter((a) => a.kind === 'hang').length,
    slowestMs: Math.max(0, ...attempts.filter((a) => a.kind !== 'connection').map((a) => a.latencyMs)),
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
  };
}

/** GET /analytics/handover as the workspace's admin: the totals equal what the load did. */
async function checkAnalytics(context: CheckContext): Promise<CheckResult> {
  const problems: string[] = [];
  const admin = new ApiClient(context.cluster.apiUrls[1] ?? context.cluster.apiUrls[0]!, { cookie: context.adminCookie });
  const from = new Date(context.runStartedAt.getTime() - 3600_000).toISOString();
  const to = new Date(Date.now() + 3600_000).toISOString();
  const answer = await admin.get(`/analytics/handover?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&bucket=hour`);
  const handovers = context.load.handovers.filter((handover) => handover.handoverId !== null);
  const expected = {
    total: new Set(handovers.map((handover) => handover.handoverId)).size,
    completed: handovers.filter((handover) => handover.end !== null).length,
    missed: handovers.filter((handover) => handover.plan === 'ladder' || handover.claim === 'lost_to_ladder').length,
    pending: 0,
    inProgress: 0,
    handled: handovers.filter((handover) => handover.claim === 'acked').length,
  };
  let actual: Record<string, number> = {};
  if (answer.status !== 200) {
    problems.push(`GET /analytics/handover answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  } else {
    const { totals, agents } = answer.body as { totals: Record<string, number>; agents: { handled: number }[] };
    actual = { ...totals, handled: agents.reduce((sum, agent) => sum + agent.handled, 0) };
    for (const [name, value] of Object.entries(expected)) {
      if (actual[name] !== value) problems.push(`${name}: analytics say ${actual[name]}, the load did ${value}`);
    }
  }
  return {
    name: 'analytics equal the load',
    passed: problems.length === 0,
    summary: `GET /analytics/handover: total ${actual.total ?? '?'}/${expected.total}, completed ${actual.completed ?? '?'}/${expected.completed}, missed ${actual.missed ?? '?'}/${expected.missed}, pending ${actual.pending ?? '?'}, in progress ${actual.inProgress ?? '?'}, handled by agents ${actual.handled ?? '?'}/${expected.handled} (analytics/load)`,
    details: cap(problems),
  };
}

function countBy<T>(items: T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

function countDistinct<T>(items: T[], keyOf: (item: T) => string, valueOf: (item: T) => string): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const item of items) {
    let set = sets.get(keyOf(item));
    if (!set) sets.set(keyOf(item), (set = new Set()));
    set.add(valueOf(item));
  }
  return new Map([...sets].map(([k, set]) => [k, set.size]));
}

function cap(lines: string[], max = 30): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `… and ${lines.length - max} more`];
}

export type { SentMessage };
