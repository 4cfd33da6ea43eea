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

/** Returns to typing (after a stop) let through at once before the throttle holds them back, */
export const typingChangeBurst = 4;
/** … and how often one more is allowed after that: a client flipping the state on every request gains nothing. */
export const typingChangeRefillMs = 1_000;

/**
 * Lets a report through when it says something new: a change (typing, then stopped) at once, though a return to
 * typing only `typingChangeBurst` times in a row and then once per `typingChangeRefillMs`; the same state again once `intervalMs` has
 * passed since the last one let through. Kept per process and per key; entries older than the interval are dropped
 * as the map is used, so it stays small (a dropped key starts again with a full burst).
 */
export class TypingThrottle {
  // In the order they were last let through (delete, then set), so the oldest are first.
  private readonly last = new Map<string, { typing: boolean; at: number; changes: number }>();

  constructor(private readonly intervalMs = typingIntervalMs) {}

  admit(key: string, typing: boolean, now = Date.now()): boolean {
    const previous = this.last.get(key);
    // Changes left to spend: the burst, refilled by the time since the last report let through.
    const changes = previous ? Math.min(typingChangeBurst, previous.changes + (now - previous.at) / typingChangeRefillMs) : typingChangeBurst;
    if (previous && previous.typing === typing && now - previous.at < this.intervalMs) return false;
    // Only a change to "typing" spends one: a "stopped" always goes through (each follows a "typing" let through),
    // so an indicator never stays up after the person stopped.
    const startsTyping = previous !== undefined && !previous.typing && typing;
    if (startsTyping && changes < 1) return false;
    this.last.delete(key);
    this.last.set(key, { typing, at: now, changes: startsTyping ? changes - 1 : changes });
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
