export { AiBot, type AiBotOptions } from './bot.ts';
export { chatRouter } from './http.ts';
export type { ChatEvent, ChatMessage, ChatState, ChatStatus } from './chat-events.ts';
export { brainFromEnv, createRuleBrain, type Brain, type Decision, type Turn } from './brain/index.ts';
