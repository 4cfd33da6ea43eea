// Runs in the workflow sandbox: deterministic code only.
import { condition } from '@temporalio/workflow';
import type { HandoverState, RelayMessage } from './definitions.ts';

const seenMessageIdsSize = 2000;
const relayBatchSize = 100;

export type PersistBatch = (messages: RelayMessage[]) => Promise<{ firstResponseAt: string | null }>;

/**
 * The messages of both sides, kept in arrival order and stored in batches by one loop. A message leaves the
 * inbox only once stored, so a continue-as-new in between carries it over; a message id seen before (a
 * client's retried signal) is dropped.
 */
export class Relay {
  readonly inbox: RelayMessage[];
  readonly seenMessageIds: string[];
  private storing = false;

  constructor(
    carried: { inbox: RelayMessage[]; seenMessageIds: string[] } | undefined,
    private readonly state: HandoverState,
    private readonly persist: PersistBatch,
    /** True while the run wants to continue as new: the relay then stops between batches. */
    private readonly paused: () => boolean,
  ) {
    this.inbox = carried?.inbox ?? [];
    this.seenMessageIds = carried?.seenMessageIds ?? [];
  }

  /** No batch is being stored. */
  get idle(): boolean {
    return !this.storing;
  }

  /** Takes a message in; false when it was seen before. */
  accept(message: RelayMessage): boolean {
    if (this.seenMessageIds.includes(message.messageId)) return false;
    this.seenMessageIds.push(message.messageId);
    this.seenMessageIds.splice(0, Math.max(0, this.seenMessageIds.length - seenMessageIdsSize));
    this.inbox.push(message);
    return true;
  }

  /** Stores messages as they come until `finished`; what arrives after that is left to `drain`. */
  async run(finished: () => boolean): Promise<void> {
    for (;;) {
      await condition(() => (this.inbox.length > 0 && !this.paused()) || finished());
      if (this.inbox.length === 0) return;
      await this.drain();
    }
  }

  async drain(): Promise<void> {
    while (this.inbox.length > 0 && !this.paused()) {
      const batch = this.inbox.slice(0, relayBatchSize);
      this.storing = true;
      try {
        const stored = await this.persist(batch);
        this.inbox.splice(0, batch.length);
        this.state.messagesRelayed += batch.length;
        this.state.firstResponseAt ??= stored.firstResponseAt;
      } finally {
        this.storing = false;
      }
    }
  }
}
