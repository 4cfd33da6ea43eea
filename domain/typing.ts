/**
 * Typing indicators, both ways: the customer's (reported by the AI service, shown in the console) and the
 * agent's (reported by the console, sent to the AI service as a webhook). Typing is news only for a moment: it
 * is never stored, never replayed, and an indicator ends by itself, so a lost "stopped typing" leaves nothing stuck.
 */

/** How long an indicator shows after the last report that someone is typing. */
export const typingTtlMs = 6_000;

/**
 * At most one "typing" per conversation this often, from the console to the API and from the API onwards (the
 * stream, the webhook): well inside `typingTtlMs`, so an indicator fed by steady typing never blinks out.
 */
export const typingIntervalMs = 3_000;

/** The console reports a stop after this long without a key pressed. */
export const typingIdleMs = 5_000;

/**
 * Lets a report through when it says something new: a change (typing, then stopped) always, the same state
 * again once `intervalMs` has passed since the last one let through. Kept per process and per key; entries
 * older than the interval change no answer, so they are dropped as the map is used and it stays small.
 */
export class TypingThrottle {
  // In the order they were last let through (delete, then set), so the oldest are first.
  private readonly last = new Map<string, { typing: boolean; at: number }>();

  constructor(private readonly intervalMs = typingIntervalMs) {}

  admit(key: string, typing: boolean, now = Date.now()): boolean {
    const previous = this.last.get(key);
    if (previous && previous.typing === typing && now - previous.at < this.intervalMs) return false;
    this.last.delete(key);
    this.last.set(key, { typing, at: now });
    for (const [oldKey, entry] of this.last) {
      if (now - entry.at < this.intervalMs) break;
      this.last.delete(oldKey);
    }
    return true;
  }

  /** When a report for this key was last let through, while that still holds reports back. */
  lastAdmitted(key: string): number | undefined {
    return this.last.get(key)?.at;
  }

  get size(): number {
    return this.last.size;
  }
}
