import { describe, expect, it } from 'vitest';
import { brainFromEnv } from './from-env.ts';
import { FALLBACK_REPLIES } from './replies.ts';

/** A fetch that records its calls and answers as a chat endpoint would. */
function fakeFetch(content: string) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return Promise.resolve(Response.json({ choices: [{ message: { role: 'assistant', content } }] }));
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('brainFromEnv', () => {
  it('gives the rule brain by default, which calls nothing', async () => {
    const { calls, fetch } = fakeFetch('{"handover": false, "reply": "from the model"}');
    const brain = brainFromEnv({}, { fetch });
    expect(await brain.decide([], 'Do you sell bicycles?')).toEqual({ kind: 'answer', text: FALLBACK_REPLIES[0] });
    expect(calls).toHaveLength(0);
  });

  it('gives the LLM brain when both the base URL and the model are set', async () => {
    const { calls, fetch } = fakeFetch('{"handover": false, "reply": "from the model"}');
    const env = { AI_BOT_LLM_BASE_URL: 'http://llm.invalid/v1', AI_BOT_LLM_MODEL: 'small', AI_BOT_LLM_API_KEY: 'sk-1' };
    expect(await brainFromEnv(env, { fetch }).decide([], 'Do you sell bicycles?')).toEqual({ kind: 'answer', text: 'from the model' });
    expect(calls.map((call) => call.url)).toEqual(['http://llm.invalid/v1/chat/completions']);
    expect(new Headers(calls[0]!.init?.headers).get('authorization')).toBe('Bearer sk-1');
    expect(JSON.parse(String(calls[0]!.init?.body)).model).toBe('small');
  });

  it('refuses half a configuration rather than quietly using the rules', () => {
    expect(() => brainFromEnv({ AI_BOT_LLM_BASE_URL: 'http://llm.invalid/v1' })).toThrow(/AI_BOT_LLM_MODEL/);
    expect(() => brainFromEnv({ AI_BOT_LLM_MODEL: 'small' })).toThrow(/AI_BOT_LLM_BASE_URL/);
    expect(() => brainFromEnv({ AI_BOT_LLM_BASE_URL: 'http://llm.invalid/v1', AI_BOT_LLM_MODEL: 'm', AI_BOT_LLM_TIMEOUT_MS: 'soon' })).toThrow(/TIMEOUT/);
  });

  it('takes the handover phrases and the shop name', async () => {
    const brain = brainFromEnv({ AI_BOT_HANDOVER_PHRASES: ' store manager , mitarbeiter ', AI_BOT_SHOP_NAME: 'Acme' });
    expect(await brain.decide([], 'I want the store manager')).toMatchObject({ kind: 'handover', trigger: 'user_request' });
    expect(await brain.decide([], 'I want an agent')).toMatchObject({ kind: 'answer' });
    expect(await brain.decide([], 'are you a bot?')).toMatchObject({ text: expect.stringMatching(/^I'm Acme's/) });
  });
});
