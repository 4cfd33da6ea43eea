/**
 * Tells the API while this agent types to the customer, for the AI service's `handover.typing` webhook: a
 * "typing" as the text changes, at most once every `typingIntervalMs` (the API throttles too), then a "stopped"
 * after `typingIdleMs` without a change, when the box is emptied, on send, or when the chat box goes away. Best
 * effort throughout: a report that fails is not worth a retry, nor a word to the agent.
 */
import { typingIdleMs, typingIntervalMs } from '$domain/typing.ts';

export function reportAgentTyping(send: (typing: boolean) => Promise<unknown>, text: () => string) {
  let isTyping = false;
  let lastSentAt = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const report = (typing: boolean) => void send(typing).catch(() => {});

  const stop = () => {
    clearTimeout(idleTimer);
    if (!isTyping) return;
    isTyping = false;
    report(false);
  };

  const changed = (value: string) => {
    if (value.trim() === '') return stop();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(stop, typingIdleMs);
    if (isTyping && Date.now() - lastSentAt < typingIntervalMs) return;
    isTyping = true;
    lastSentAt = Date.now();
    report(true);
  };

  // Only a change after the box appeared is typing: what it shows on arrival was not typed just now.
  let previous: string | null = null;
  $effect(() => {
    const value = text();
    if (previous !== null && value !== previous) changed(value);
    previous = value;
  });
  $effect(() => stop);

  return { stop };
}
