import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiBrain, parseDecision } from './openai-brain.ts';
import { FALLBACK_REPLIES, HANDOVER_REPLIES } from './replies.ts';
import type { Brain, Turn } from './types.ts';

// A tiny local server plays the chat endpoint: no test needs the network.
interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[] };
}
type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let received: Received[];
let handler: Handler;

const chat = (content: string): Handler => (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(raw) });
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  handler = chat('{"handover": false, "reply": "We ship worldwide."}');
});

const history: Turn[] = [
  { from: 'customer', text: 'Hi' },
  { from: 'ai', text: 'Hi! How can I help?' },
];

describe('the OpenAI-compatible brain', () => {
  it('posts the model and the conversation to /chat/completions, with the API key as a bearer token', async () => {
    const brain = createOpenAiBrain({ baseUrl: `${baseUrl}/`, apiKey: 'sk-test', model: 'small-model' });
    expect(await brain.decide(history, 'Do you ship to Japan?')).toEqual({ kind: 'answer', text: 'We ship worldwide.' });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/chat/completions', authorization: 'Bearer sk-test' });
    expect(request!.body.model).toBe('small-model');
    expect(request!.body.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(request!.body.messages[0]!.content).toMatch(/Fernhill Outfitters/);
    expect(request!.body.messages[2]!.content).toBe('{"handover":false,"reply":"Hi! How can I help?"}');
    expect(request!.body.messages[3]!.content).toBe('Do you ship to Japan?');
  });

  it('sends no Authorization header without an API key', async () => {
    await createOpenAiBrain({ baseUrl, model: 'm' }).decide([], 'Hello');
    expect(received[0]!.authorization).toBeUndefined();
  });

  it('hands over when the model says so', async () => {
    handler = chat('```json\n{"handover": true, "trigger": "sentiment", "reason": "Angry about a late parcel", "reply": "I am sorry, a colleague will help."}\n```');
    expect(await createOpenAiBrain({ baseUrl, model: 'm' }).decide([], 'My parcel is late again.')).toEqual({
      kind: 'handover',
      trigger: 'sentiment',
      reason: 'Angry about a late parcel',
      reply: 'I am sorry, a colleague will help.',
    });
  });

  it('detects an explicit request for a person by the rules, without calling the model', async () => {
    const decision = await createOpenAiBrain({ baseUrl, model: 'm' }).decide([], 'I want to talk to a human');
    expect(decision).toMatchObject({ kind: 'handover', trigger: 'user_request', reply: HANDOVER_REPLIES.user_request });
    expect(received).toHaveLength(0);
  });

  it('sends only the latest turns', async () => {
    const long = Array.from({ length: 30 }, (_, index): Turn => ({ from: index % 2 ? 'ai' : 'customer', text: `turn ${index}` }));
    await createOpenAiBrain({ baseUrl, model: 'm', maxTurns: 4 }).decide(long, 'and?');
    expect(received[0]!.body.messages.map((message) => message.content).slice(1)).toEqual([
      'turn 26',
      '{"handover":false,"reply":"turn 27"}',
      'turn 28',
      '{"handover":false,"reply":"turn 29"}',
      'and?',
    ]);
  });

  describe('falls back to the rules', () => {
    const fellBack = async (options: Partial<Parameters<typeof createOpenAiBrain>[0]> = {}) => {
      const errors: unknown[] = [];
      const brain = createOpenAiBrain({ baseUrl, model: 'm', onError: (error) => errors.push(error), ...options });
      // The rule brain answers this from its FAQ; the model (when it answers) says something else.
      const decision = await brain.decide([], 'How long does shipping take?');
      return { decision, errors };
    };
    const ruleAnswer = { kind: 'answer', text: expect.stringMatching(/business days/) };

    it('on an answer that is not JSON', async () => {
      handler = chat('Shipping takes about a week.');
      const { decision, errors } = await fellBack();
      expect(decision).toEqual(ruleAnswer);
      expect(String(errors[0])).toMatch(/did not answer JSON/);
    });

    it('on JSON of another shape', async () => {
      handler = chat('{"answer": "a week"}');
      expect((await fellBack()).decision).toEqual(ruleAnswer);
    });

    it('on a trigger it does not know', async () => {
      handler = chat('{"handover": true, "trigger": "keyword", "reply": "One moment"}');
      expect((await fellBack()).decision).toEqual(ruleAnswer);
    });

    it('on a response without choices', async () => {
      handler = (_request, response) => response.end('{"error": {"message": "model not found"}}');
      expect((await fellBack()).decision).toEqual(ruleAnswer);
    });

    it('on an error status', async () => {
      handler = (_request, response) => {
        response.writeHead(500);
        response.end('oops');
      };
      const { decision, errors } = await fellBack();
      expect(decision).toEqual(ruleAnswer);
      expect(String(errors[0])).toMatch(/answered 500/);
    });

    it('on a timeout', async () => {
      handler = () => {}; // never answers
      const started = Date.now();
      const { decision, errors } = await fellBack({ timeoutMs: 200 });
      expect(decision).toEqual(ruleAnswer);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((errors[0] as Error).name).toBe('TimeoutError');
    });

    it('when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      expect((await fellBack({ baseUrl: `http://127.0.0.1:${port}/v1` })).decision).toEqual(ruleAnswer);
    });

    it('or to the fallback it is given', async () => {
      handler = chat('not json');
      const fallback: Brain = { decide: () => Promise.resolve({ kind: 'answer', text: 'from the fallback' }) };
      expect((await fellBack({ fallback })).decision).toEqual({ kind: 'answer', text: 'from the fallback' });
    });

    it('whose two-in-a-row rule still holds', async () => {
      handler = chat('???');
      const brain = createOpenAiBrain({ baseUrl, model: 'm' });
      const decision = await brain.decide([{ from: 'customer', text: 'bikes?' }, { from: 'ai', text: FALLBACK_REPLIES[0]! }], 'unicycles?');
      expect(decision).toMatchObject({ kind: 'handover', trigger: 'ai_escalation' });
    });
  });
});

describe('parseDecision', () => {
  it('takes a handover without a trigger as the model giving up', () => {
    expect(parseDecision('{"handover": true, "reply": "One moment."}')).toEqual({
      kind: 'handover',
      trigger: 'ai_escalation',
      reason: 'The AI model handed over (ai_escalation)',
      reply: 'One moment.',
    });
  });

  it('gives a handover without a reply the standard one', () => {
    expect(parseDecision('{"handover": true, "trigger": "user_request", "reason": "asked"}')).toMatchObject({ reply: HANDOVER_REPLIES.user_request });
  });

  it('cuts a reason longer than the API takes (500 characters)', () => {
    const decision = parseDecision(JSON.stringify({ handover: true, trigger: 'sentiment', reason: 'x'.repeat(600), reply: 'One moment.' }));
    expect(decision.kind === 'handover' && decision.reason.length).toBe(500);
  });

  it.each([
    ['nothing', ''],
    ['an array', '[]'],
    ['null', 'null'],
    ['a handover that is not a boolean', '{"handover": "yes", "reply": "x"}'],
    ['a blank reply', '{"handover": false, "reply": "  "}'],
    ['no reply', '{"handover": false}'],
    ['a reply longer than a message may be', JSON.stringify({ handover: false, reply: 'x'.repeat(4001) })],
  ])('refuses %s', (_label, content) => {
    expect(() => parseDecision(content)).toThrow();
  });
});
