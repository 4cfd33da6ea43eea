// Work done once per workspace in the background, for history stored before a migration added what the writes now
// keep (the analytics rollups, the phrase filters and pairs): each API process runs it at its start and hourly, and
// a workspace reads the new structure only once it is complete.
import { sql } from 'kysely';
import type { Db } from './connect.ts';

/**
 * Runs `complete` for each waiting workspace, in order. `complete` marks it done, and answers null where another
 * process was already at it. One workspace failing does not hold up the others; it is tried again at the next pass.
 */
export async function completeWaitingWorkspaces(
  waiting: string[],
  complete: (workspaceId: string) => Promise<number | null>,
  what: string,
  onWorkspace?: (workspaceId: string, units: number, seconds: number) => void,
): Promise<void> {
  const failures: unknown[] = [];
  for (const id of waiting) {
    const started = performance.now();
    try {
      const units = await complete(id);
      if (units !== null) onWorkspace?.(id, units, (performance.now() - started) / 1000);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} workspaces' ${what} could not be completed`);
}

/** Runs a transaction's work again when PostgreSQL aborted it for a deadlock or a serialization failure, up to 5 times. */
export async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

/**
 * A backfill that walks each waiting workspace's conversations in the order of their ids: its table (a row per
 * waiting workspace, `workspace_id` and `after`, the last conversation done) and the SQL function that fills a
 * batch of conversations, given their ids.
 */
export interface ConversationBackfill {
  table: 'phrase_filter_backfills' | 'phrase_pair_set_backfills';
  fill: 'phrase_filters_fill' | 'phrase_pair_sets_fill';
  /** For the log: "phrase filters". */
  what: string;
}

/** Conversations a backfill transaction covers: their messages are read, and what they fill written, at once. */
const batchSize = 500;

/**
 * Fills a workspace's stored conversations, a batch per transaction while the service runs, from where the last
 * batch ended; then marks the workspace complete and answers how many conversations it filled. Each batch holds the
 * workspace's backfill row, so a second process skips the workspace rather than repeat the work, and answers null,
 * as does one that another took over from between two batches.
 */
export async function fillConversations(db: Db, workspaceId: string, backfill: ConversationBackfill): Promise<number | null> {
  const table = sql.table(backfill.table);
  let conversations = 0;
  for (;;) {
    const filled = await retryOnConflict(() =>
      db.transaction().execute(async (tx) => {
        const waiting = await sql<{ after: string | null }>`select after from ${table} where workspace_id = ${workspaceId} for update skip locked`.execute(tx);
        if (waiting.rows.length === 0) return null;
        const after = waiting.rows[0]!.after;
        const batch = (
          await tx
            .selectFrom('conversations')
            .select('id')
            .where('workspace_id', '=', workspaceId)
            .$if(after !== null, (query) => query.where('id', '>', after!))
            .orderBy('id')
            .limit(batchSize)
            .execute()
        ).map((row) => row.id);
        if (batch.length === 0) {
          await sql`delete from ${table} where workspace_id = ${workspaceId}`.execute(tx);
          return 0;
        }
        await sql`select ${sql.raw(backfill.fill)}(${batch}::uuid[])`.execute(tx);
        await sql`update ${table} set after = ${batch.at(-1)!} where workspace_id = ${workspaceId}`.execute(tx);
        return batch.length;
      }),
    );
    // Another process is at it (or it was complete): it marks the workspace complete, not this one.
    if (filled === null) return null;
    if (filled === 0) return conversations;
    conversations += filled;
  }
}

/** Fills every waiting workspace (fillConversations), at each API start and hourly. */
export async function completeConversationBackfill(
  db: Db,
  backfill: ConversationBackfill,
  onWorkspace?: (workspaceId: string, conversations: number, seconds: number) => void,
): Promise<void> {
  const { rows } = await sql<{ workspace_id: string }>`select workspace_id from ${sql.table(backfill.table)} order by workspace_id`.execute(db);
  await completeWaitingWorkspaces(
    rows.map((row) => row.workspace_id),
    (workspaceId) => fillConversations(db, workspaceId, backfill),
    backfill.what,
    onWorkspace,
  );
}
