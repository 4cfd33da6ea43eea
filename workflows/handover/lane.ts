// Runs in the workflow sandbox: deterministic code only.

/**
 * The handover's state-changing writes, one at a time in the order they were asked for (Temporal's "safe
 * message handlers" pattern): a claim recorded while a requeue's write is still being retried waits for it,
 * so the timeline and the webhooks tell the changes in the order the workflow made them.
 */
export class Lane {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** @param serial false only for runs that began before the lane existed, which recorded side by side. */
  constructor(private readonly serial: boolean) {}

  /** True when no write is running or waiting its turn. */
  get idle(): boolean {
    return this.waiting === 0;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.waiting += 1;
    try {
      if (!this.serial) return await work();
      const turn = this.tail.then(work);
      this.tail = turn.catch(() => undefined);
      return await turn;
    } finally {
      this.waiting -= 1;
    }
  }
}
