import pg from 'pg';

/**
 * Holds a handover's row locked from a connection of the test's own, so the activities that write it wait:
 * the way a slow or stuck database statement looks to the workflow. Also finds and cancels the statements
 * waiting on it, which makes their activity attempt fail and be retried.
 */
export class HandoverRowLock {
  private client: pg.Client | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly handoverId: string,
  ) {}

  async lock(): Promise<void> {
    this.client = new pg.Client({ connectionString: this.databaseUrl });
    await this.client.connect();
    await this.client.query('begin');
    await this.client.query('select id from handovers where id = $1 for no key update', [this.handoverId]);
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    await client.query('commit');
    await client.end();
  }

  /** Backends of other connections waiting for this lock to go, each with the start of its statement. */
  async waiting(): Promise<{ pid: number; query: string }[]> {
    if (!this.client) return [];
    // Statistics views are a snapshot per transaction, and this one stays open: take a fresh one.
    await this.client.query('select pg_stat_clear_snapshot()');
    const { rows } = await this.client.query<{ pid: number; query: string }>(
      "select pid, left(query, 60) || ' ' || state || ' ' || coalesce(wait_event_type,'') || ' ' || coalesce(wait_event,'') as query from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))",
    );
    return rows;
  }

  /** Cancels the given backends' statements: each fails (57014), as a write that timed out would. */
  async cancel(pids: number[]): Promise<void> {
    if (!this.client) return;
    for (const pid of pids) await this.client.query('select pg_cancel_backend($1)', [pid]);
  }
}
