/**
 * The seam where an LLM replaces the rules: a brain that asks an OpenAI-compatible chat endpoint
 * (POST `${baseUrl}/chat/completions` with `{ model, messages }`, as OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp
 * and LM Studio serve it).
 *
 * The model is told the shop's facts (the FAQ) and to answer with one JSON object:
 *   {"handover": false, "reply": "..."}
 *   {"handover": true, "trigger": "user_request" | "ai_escalation" | "sentiment", "reason": "...", "reply": "..."}
 * JSON in a ```json fence is accepted too, since models add one unasked.
 *
 * Two things stay with the rules:
 *   - an explicit request for a person is detected before the model is called: it is cheap, predictable, and
 *     must not depend on the model following instructions;
 *   - on any failure (network, timeout, a status other than 2xx, an answer that is not the JSON above) the
 *     fallback brain decides, the rule brain by default, so a customer always gets an answer.
 */
import { DEFAULT_SHOP_NAME, FAQ } from './faq.ts';
import { DEFAULT_HANDOVER_PHRASES, detectPersonRequest } from './person-request.ts';
import { handoverDecision } from './replies.ts';
import { createRuleBrain } from './rule-brain.ts';
import type { Brain, BrainTrigger, Decision, Turn } from './types.ts';

export interface OpenAiBrainOptions {
  /** Up to the version, without /chat/completions: "https://api.openai.com/v1", "http://localhost:11434/v1". */
  baseUrl: string;
  /** Sent as a bearer token when set; local servers often need none. */
  apiKey?: string;
  model: string;
  /** For tests and proxies; the global fetch by default. */
  fetch?: typeof fetch;
  /** Decides when the model cannot: the rule brain (with the same phrases and shop name) by default. */
  fallback?: Brain;
  /** How long to wait for the model's whole answer; 10 s by default. */
  timeoutMs?: number;
  /** The phrases the rules detect before the model is called; DEFAULT_HANDOVER_PHRASES by default. */
  handoverPhrases?: string[];
  shopName?: string;
  /** How many of the latest turns the model sees; 20 by default, so long conversations stay within its context. */
  maxTurns?: number;
  /** Told why the fallback decided (the brain itself logs nothing). */
  onError?: (error: unknown) => void;
}

const triggers: readonly BrainTrigger[] = ['user_request', 'ai_escalation', 'sentiment'];
// The product's limits: a handover's reason is at most 500 characters, a message (and transcript entry) 4000.
const maxReason = 500;
const maxReply = 4000;

export function createOpenAiBrain(options: OpenAiBrainOptions): Brain {
  const phrases: readonly string[] = options.handoverPhrases ? [...options.handoverPhrases] : DEFAULT_HANDOVER_PHRASES;
  const shopName = options.shopName ?? DEFAULT_SHOP_NAME;
  const fallback = options.fallback ?? createRuleBrain({ handoverPhrases: options.handoverPhrases, shopName });
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const systemPrompt = buildSystemPrompt(shopName);

  return {
    async decide(history, message) {
      const request = detectPersonRequest(message, phrases);
      if (request.kind === 'request') return handoverDecision('user_request', `Customer asked for a person ("${request.phrase}")`);
      try {
        const doFetch = options.fetch ?? fetch;
        const response = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify({ model: options.model, messages: toMessages(systemPrompt, history.slice(-(options.maxTurns ?? 20)), message) }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        if (!response.ok) throw new Error(`The chat endpoint answered ${response.status}`);
        const body: unknown = await response.json();
        return parseDecision(contentOf(body));
      } catch (error) {
        options.onError?.(error);
        return fallback.decide(history, message);
      }
    },
  };
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export function buildSystemPrompt(shopName: string): string {
  return [
    `You are the customer chat assistant of ${shopName}, an online clothing shop. Be friendly and brief: one or two sentences.`,
    'Answer only from these facts; never invent orders, prices or policies:',
    ...FAQ.map((entry) => `- ${entry.topic}: ${entry.answer(shopName)}`),
    '',
    'Hand the conversation over to a person from the team when:',
    '- the customer asks for a person (trigger "user_request");',
    '- the customer is clearly angry or upset (trigger "sentiment");',
    '- you cannot answer from the facts above and you already could not answer the previous message (trigger "ai_escalation"). The first time, say that you did not understand and list what you can help with.',
    'Earlier assistant turns may come from human agents of the team.',
    '',
    'Answer with one JSON object and nothing else:',
    '{"handover": false, "reply": "<your answer to the customer>"}',
    'or, to hand over:',
    '{"handover": true, "trigger": "user_request" | "ai_escalation" | "sentiment", "reason": "<one line for the agent>", "reply": "<what to tell the customer while a person is found>"}',
  ].join('\n');
}

/** Earlier assistant turns are sent in the JSON they would have been answered in, so the model keeps to it. */
export function toMessages(systemPrompt: string, history: readonly Turn[], message: string): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt },
    ...history.map((turn): ChatMessage =>
      turn.from === 'customer' ? { role: 'user', content: turn.text } : { role: 'assistant', content: JSON.stringify({ handover: false, reply: turn.text }) },
    ),
    { role: 'user', content: message },
  ];
}

function contentOf(body: unknown): string {
  const content = (body as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new Error('The chat endpoint answered without choices[0].message.content');
  return content;
}

/** The model's JSON answer as a Decision; throws on anything else, so the fallback decides. */
export function parseDecision(content: string): Decision {
  const unfenced = content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(unfenced);
  } catch {
    throw new Error(`The model did not answer JSON: ${content.slice(0, 200)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('The model did not answer a JSON object');
  const { handover, trigger, reason, reply } = parsed as Record<string, unknown>;
  const text = typeof reply === 'string' ? reply.trim() : '';
  if (text.length > maxReply) throw new Error(`The model's reply is longer than ${maxReply} characters`);
  if (handover === false) {
    if (!text) throw new Error('The model answered without a reply');
    return { kind: 'answer', text };
  }
  if (handover !== true) throw new Error('The model answered without "handover": true or false');
  // A handover without a trigger is the model giving up on the question; a trigger we do not know is a malformed answer.
  const chosen = trigger === undefined || trigger === null ? 'ai_escalation' : trigger;
  if (!triggers.includes(chosen as BrainTrigger)) throw new Error(`The model answered an unknown trigger: ${String(trigger)}`);
  // The reason is for the agent only: a long one is cut rather than thrown away with the model's decision.
  const given = typeof reason === 'string' ? reason.trim() : '';
  const why = !given ? `The AI model handed over (${String(chosen)})` : given.length > maxReason ? `${given.slice(0, maxReason - 1)}…` : given;
  return handoverDecision(chosen as BrainTrigger, why, text || undefined);
}
