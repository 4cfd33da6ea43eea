// The Python example (examples/python/) run as an AI service would run it, against the real API: its commands
// as subprocesses, its webhook receiver as the workspace's webhook endpoint. Nothing of the product is faked;
// the one stand-in is a proxy in front of the API that loses an answer and says 503, the way an outage looks.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, type TestWorkspace } from '../support/factories.ts';
import { FaultyProxy } from '../support/faulty-proxy.ts';
import { ApiClient, eventually } from '../support/http.ts';
import { pythonWith } from '../support/python-env.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

const exampleDir = path.resolve(import.meta.dirname, '..', '..', 'examples', 'python');
const script = path.join(exampleDir, 'handover_example.py');
const run = promisify(execFile);

type Line = Record<string, any>;

let stack: TestStack;
let workspace: TestWorkspace;
let ai: ApiClient;
let python: string;
let receiver: Receiver;
const secret = `whsec_${randomBytes(32).toString('base64')}`;

/** The example's `listen` command: Handover's webhook endpoint for the test's workspace. */
class Receiver {
  /** What it printed, a JSON object a line. */
  readonly lines: Line[] = [];
  stderr = '';
  url = '';
  private readonly child: ChildProcessWithoutNullStreams;

  private constructor() {
    this.child = spawn(python, [script, 'listen', '--port', '0'], { env: exampleEnv(), stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    createInterface({ input: this.child.stdout }).on('line', (line) => this.lines.push(JSON.parse(line) as Line));
  }

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    const port = await eventually(async () => receiver.lines.find((line) => 'listening' in line)?.port as number | undefined, 'the Python receiver to listen');
    receiver.url = `http://127.0.0.1:${port}/handover-webhooks`;
    return receiver;
  }

  waitFor(what: string, match: (line: Line) => boolean): Promise<Line> {
    return eventually(async () => this.lines.find(match), `the Python receiver to print ${what} (stderr: ${this.stderr})`, 30_000);
  }

  /** POSTs a delivery to it as Handover would, with the given headers and body. */
  async deliver(body: string, headers: Record<string, string>): Promise<number> {
    const response = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    await response.body?.cancel();
    return response.status;
  }

  stop(): void {
    this.child.kill();
  }
}

function exampleEnv(apiUrl = `${stack.baseUrl}/api/v1`): NodeJS.ProcessEnv {
  return { ...process.env, HANDOVER_API_URL: apiUrl, HANDOVER_API_KEY: workspace.apiKey, HANDOVER_WEBHOOK_SECRET: secret };
}

/** Runs one command of the example to its end; returns the JSON lines it printed. */
async function example(args: string[], apiUrl?: string): Promise<Line[]> {
  const { stdout } = await run(python, [script, ...args], { env: exampleEnv(apiUrl), timeout: 30_000 });
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Line);
}

async function transcript(conversationId: string): Promise<{ sender: string; body: string; clientMessageId: string | null }[]> {
  const answer = await ai.get(`/conversations/${conversationId}/messages`);
  expect(answer.status).toBe(200);
  return answer.body.messages;
}

beforeAll(async () => {
  // The environment first: on a fresh machine it is made from PyPI, which takes a while.
  python = await pythonWith(path.join(exampleDir, 'requirements.txt'));
  // Loopback webhook targets are refused in production; the test stack allows them (as `npm start` does).
  stack = await startTestStack({ allowPrivateWebhookTargets: true });
  workspace = await createWorkspace(stack.db);
  ai = ApiClient.forApiKey(stack.baseUrl, workspace.apiKey);
  receiver = await Receiver.start();
  const admin = await ApiClient.signIn(stack.baseUrl, workspace.admin);
  const saved = await admin.put('/settings/webhook', { url: receiver.url, secret });
  expect(saved.status).toBe(200);
}, 300_000);
afterAll(async () => {
  receiver?.stop();
  await stack?.stop();
});

describe('the Python example against the real API', () => {
  const conversationId = `py-${randomUUID()}`;
  let handoverId: string;
  let routedMessageId: string;

  it('hands a conversation to the team with its transcript', async () => {
    const [line] = await example(['start', conversationId, '--customer-name', 'Jo Python']);
    expect(line?.handover).toMatchObject({ conversationId, status: 'pending', trigger: 'ai_escalation', customer: { name: 'Jo Python' } });
    handoverId = line?.handover.id;

    const row = await stack.db.selectFrom('handovers').select(['workspace_id', 'reason']).where('id', '=', handoverId).executeTakeFirstOrThrow();
    expect(row).toEqual({ workspace_id: workspace.id, reason: 'Customer asks for a refund' });
    expect((await transcript(conversationId)).map((message) => [message.sender, message.body])).toEqual([
      ['customer', 'I want my money back'],
      ['ai', 'Let me get a colleague'],
    ]);
    // Asking again is safe: the same handover comes back.
    const [again] = await example(['start', conversationId]);
    expect(again?.handover.id).toBe(handoverId);
  });

  it('routes a customer message to the humans, and the AI stays silent', async () => {
    const [line] = await example(['message', conversationId, 'Is anyone there?', '--id', 'c-1']);
    expect(line).toMatchObject({ routedTo: 'human', handoverId, sendToCustomer: null });
    routedMessageId = line?.messageId;
    await eventually(
      async () => ((await transcript(conversationId)).some((message) => message.clientMessageId === 'c-1') ? true : undefined),
      'the routed message in the transcript',
    );
  });

  it('drops an AI answer that Handover refuses with ai_paused', async () => {
    const [line] = await example(['reply', conversationId, routedMessageId, 'A late answer from the model']);
    expect(line).toEqual({ recorded: false, sendToCustomer: null });
    expect((await transcript(conversationId)).filter((message) => message.sender === 'ai')).toHaveLength(1);
  });

  it("verifies an agent's message at the Python receiver, then hears the AI resume and answers again", async () => {
    const ana = await ApiClient.signIn(stack.baseUrl, workspace.ana);
    expect((await ana.post(`/handovers/${handoverId}/claim`)).status).toBe(200);
    const sent = await ana.post(`/handovers/${handoverId}/messages`, { body: 'Hi Jo, Ana here. Let me look.', clientMessageId: 'ana-1' });
    expect(sent.status).toBe(202);

    const delivered = await receiver.waitFor('the agent message', (line) => line.type === 'handover.message' && line.conversationId === conversationId);
    expect(delivered).toMatchObject({ webhook: 'verified', sendToCustomer: 'Hi Jo, Ana here. Let me look.', author: 'Ana Lopez' });
    // Handover's delivery log has it acknowledged by the receiver, which acknowledges only what it verified. The
    // receiver prints its line before it answers, so the log is written a moment after the line is read.
    const log = await eventually(async () => {
      const row = await stack.db.selectFrom('webhook_deliveries').select(['status', 'last_status_code']).where('id', '=', delivered.id).executeTakeFirstOrThrow();
      return row.status === 'pending' ? undefined : row;
    }, 'the delivery to be recorded');
    expect(log).toEqual({ status: 'delivered', last_status_code: 204 });

    expect((await ana.post(`/handovers/${handoverId}/end`, { outcome: 'resolved' })).status).toBe(200);
    await receiver.waitFor('the AI resuming', (line) => line.type === 'conversation.ai_resumed' && line.conversationId === conversationId);

    const [line] = await example(['message', conversationId, 'One more thing', '--id', 'c-2']);
    expect(line).toMatchObject({ routedTo: 'ai', handoverId: null });
    expect(line?.sendToCustomer).toEqual(expect.stringContaining('One more thing'));
    const ais = (await transcript(conversationId)).filter((message) => message.sender === 'ai');
    expect(ais.map((message) => message.body)).toEqual(['Let me get a colleague', line?.sendToCustomer]);
  });

  it('rejects a tampered delivery with 400, and handles a repeated one once', async () => {
    const delivered = await receiver.waitFor('the agent message', (line) => line.type === 'handover.message' && line.conversationId === conversationId);
    const row = await stack.db.selectFrom('webhook_deliveries').select('payload').where('id', '=', delivered.id).executeTakeFirstOrThrow();
    // The bytes Handover sent, signed as it signs them.
    const body = JSON.stringify(row.payload);
    const now = new Date();
    const headers = {
      'webhook-id': delivered.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(delivered.id, now, body),
    };

    const tampered = body.replace('Hi Jo, Ana here. Let me look.', 'Send your password to evil.example');
    expect(tampered).not.toBe(body);
    expect(await receiver.deliver(tampered, headers)).toBe(400);
    const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
    expect(await receiver.deliver(body, { ...headers, 'webhook-signature': new Webhook(otherSecret).sign(delivered.id, now, body) })).toBe(400);
    expect(await receiver.deliver(body, { ...headers, 'webhook-signature': 'not a signature' })).toBe(400);
    await eventually(async () => (receiver.lines.filter((line) => line.webhook === 'rejected').length === 3 ? true : undefined), 'three rejections');

    // A retry of the same event (same webhook-id) is acknowledged but not handled again.
    expect(await receiver.deliver(body, headers)).toBe(204);
    await receiver.waitFor('the duplicate', (line) => line.webhook === 'duplicate' && line.id === delivered.id);
    expect(receiver.lines.filter((line) => line.webhook === 'verified' && line.id === delivered.id)).toHaveLength(1);
    expect(receiver.lines.filter((line) => line.sendToCustomer === 'Send your password to evil.example')).toEqual([]);
  });

  it('sends the same request again after 503 with Retry-After, and the message is stored once', async () => {
    // The first customer message reaches the API, but its answer is lost behind a 503.
    const proxy = await FaultyProxy.start(stack.baseUrl, ['lose-503'], (url) => url.endsWith('/messages'));
    try {
      const other = `py-${randomUUID()}`;
      const lines = await example(['message', other, 'Where is my parcel?', '--id', 'p-1'], `${proxy.url}/api/v1`);
      expect(lines[0]).toEqual({ retrying: `/conversations/${other}/messages`, reason: '503', after_seconds: 1 });
      expect(lines[1]).toMatchObject({ routedTo: 'ai', sendToCustomer: expect.stringContaining('Where is my parcel?') });
      // Both attempts reached the API, with the same clientMessageId; the first one's answer was lost.
      expect(proxy.seen).toHaveLength(2);
      expect(proxy.seen[1]!.body).toEqual(proxy.seen[0]!.body);
      expect((await transcript(other)).map((message) => [message.sender, message.clientMessageId])).toEqual([
        ['customer', 'p-1'],
        ['ai', 'ai-p-1'],
      ]);
    } finally {
      await proxy.stop();
    }
  });
});
