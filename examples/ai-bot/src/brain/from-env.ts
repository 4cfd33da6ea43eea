/**
 * Which brain the bot runs, from its environment. The rules by default: the LLM adapter only when both
 * AI_BOT_LLM_BASE_URL and AI_BOT_LLM_MODEL are set, so nothing calls a model (or costs money) unless asked to.
 *
 *   AI_BOT_LLM_BASE_URL     an OpenAI-compatible endpoint up to its version, e.g. https://api.openai.com/v1
 *   AI_BOT_LLM_MODEL        the model name, e.g. gpt-4o-mini
 *   AI_BOT_LLM_API_KEY      sent as a bearer token (optional: local servers often need none)
 *   AI_BOT_LLM_TIMEOUT_MS   how long to wait for the model before the rules answer (default 10000)
 *   AI_BOT_HANDOVER_PHRASES comma-separated phrases that name a person, replacing the default list
 *   AI_BOT_SHOP_NAME        the shop's name in the bot's replies
 */
import { createOpenAiBrain } from './openai-brain.ts';
import { createRuleBrain } from './rule-brain.ts';
import type { Brain } from './types.ts';

export function brainFromEnv(env: NodeJS.ProcessEnv, extras: { fetch?: typeof fetch; onError?: (error: unknown) => void } = {}): Brain {
  const handoverPhrases = env.AI_BOT_HANDOVER_PHRASES?.split(',')
    .map((phrase) => phrase.trim())
    .filter((phrase) => phrase.length > 0);
  const shopName = env.AI_BOT_SHOP_NAME?.trim() || undefined;
  const ruleOptions = { ...(handoverPhrases?.length ? { handoverPhrases } : {}), ...(shopName ? { shopName } : {}) };

  const baseUrl = env.AI_BOT_LLM_BASE_URL?.trim();
  const model = env.AI_BOT_LLM_MODEL?.trim();
  if (!baseUrl && !model) return createRuleBrain(ruleOptions);
  // Half a configuration is a mistake to report at start, not to paper over with the rules.
  if (!baseUrl || !model) throw new Error('Set both AI_BOT_LLM_BASE_URL and AI_BOT_LLM_MODEL to use an LLM, or neither to use the rules');

  const timeoutMs = env.AI_BOT_LLM_TIMEOUT_MS ? Number(env.AI_BOT_LLM_TIMEOUT_MS) : undefined;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new Error(`AI_BOT_LLM_TIMEOUT_MS must be a positive whole number of milliseconds, not ${env.AI_BOT_LLM_TIMEOUT_MS}`);
  }
  return createOpenAiBrain({
    baseUrl,
    model,
    ...(env.AI_BOT_LLM_API_KEY ? { apiKey: env.AI_BOT_LLM_API_KEY } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...ruleOptions,
    ...extras,
  });
}
