// The workspace the benchmark works in, set up as an AI service and a team would: members who handle handovers,
// their console sessions reading the live stream, and the webhook endpoint (set through the API).
import { randomUUID } from 'node:crypto';
import { addHandoverAgents, createWorkspace, type TestMember, type TestWorkspace } from '../test/support/factories.ts';
import { ApiClient } from '../test/support/http.ts';
import { sessionCookie } from '../test/support/sse.ts';
import type { Environment } from './environment.ts';
import { Arrivals } from './observers.ts';
import type { BenchOptions } from './options.ts';

export interface Agent {
  member: TestMember;
  client: ApiClient;
}

export interface Bench {
  env: Environment;
  options: BenchOptions;
  arrivals: Arrivals;
  workspace: TestWorkspace;
  /** The AI service: the workspace's API key. */
  ai: ApiClient;
  /** Every agent; the first `options.streamAgents` read the live stream and take the live handovers. */
  agents: Agent[];
  /** Short, unique per run: conversation and message ids carry it. */
  runId: string;
  say(line: string): void;
}

/** Nothing escalates while the benchmark runs: the ladder's first step is an hour away (the default is 2 minutes). */
const quietLadder = {
  levels: [{ afterSeconds: 3600, notify: 'everyone' as const }],
  fallback: { afterSeconds: 7200, action: 'return_to_ai' as const, customerMessage: 'Back to the assistant.' },
};

export async function setUpBench(env: Environment, options: BenchOptions, say: (line: string) => void): Promise<Bench> {
  const workspace = await createWorkspace(env.db, { escalation: quietLadder });
  const members = await addHandoverAgents(env.db, workspace, Math.max(options.contenders, options.streamAgents));
  const agents: Agent[] = [];
  const cookies: string[] = [];
  for (const member of members) {
    const cookie = await sessionCookie(env.baseUrl, member);
    cookies.push(cookie);
    agents.push({ member, client: new ApiClient(env.baseUrl, { cookie }) });
  }
  const arrivals = new Arrivals();
  await arrivals.startReceiver();
  const admin = await ApiClient.signIn(env.baseUrl, workspace.admin);
  const saved = await admin.put('/settings/webhook', { url: arrivals.receiver.url, secret: arrivals.receiver.secret });
  if (saved.status !== 200) throw new Error(`PUT /settings/webhook answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  for (let index = 0; index < options.streamAgents; index += 1) {
    await arrivals.openStream(env.baseUrl, members[index]!.id, cookies[index]!);
  }
  return {
    env,
    options,
    arrivals,
    workspace,
    ai: ApiClient.forApiKey(env.baseUrl, workspace.apiKey),
    agents,
    runId: randomUUID().slice(0, 8),
    say,
  };
}

export interface StartedHandover {
  id: string;
  conversationId: string;
}

/** POST /handovers for a new conversation; throws unless it answers 201. */
export async function requestHandover(bench: Bench, conversationId: string): Promise<StartedHandover> {
  const answer = await bench.ai.post('/handovers', { conversationId, reason: 'Benchmark', trigger: 'other', customer: { name: 'Bench Customer' } });
  if (answer.status !== 201) throw new Error(`POST /handovers answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return { id: answer.body.handover.id as string, conversationId };
}

export async function claim(agent: Agent, handoverId: string): Promise<void> {
  const answer = await agent.client.post(`/handovers/${handoverId}/claim`);
  if (answer.status !== 200) throw new Error(`claim answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** A customer message through the AI service; null once accepted for the human (202), else what went wrong. */
export async function sendCustomerMessage(bench: Bench, conversationId: string, clientMessageId: string): Promise<string | null> {
  const answer = await bench.ai.post(`/conversations/${conversationId}/messages`, { body: `customer ${clientMessageId}`, clientMessageId });
  if (answer.status === 202 && answer.body.routedTo === 'human') return null;
  return answer.status === 202 ? 'routed to the AI' : `HTTP ${answer.status} ${answer.body?.error?.code ?? ''}`.trim();
}

/** The assignee's message for the customer, from the console; null once accepted (202), else what went wrong. */
export async function sendAgentMessage(agent: Agent, handoverId: string, clientMessageId: string): Promise<string | null> {
  const answer = await agent.client.post(`/handovers/${handoverId}/messages`, { body: `agent ${clientMessageId}`, clientMessageId });
  return answer.status === 202 ? null : `HTTP ${answer.status} ${answer.body?.error?.code ?? ''}`.trim();
}
