// Each conversation's phrase filter (migrations/0021_phrase_filters.ts): a Bloom filter of the adjacent word pairs
// of its messages, kept by a trigger on messages. A phrase search lets a handover's messages be read only where its
// conversation's filter holds every pair of the phrase (db/handover-search.ts). Here: the pairs a search requires,
// that condition, and the backfill of the messages stored before the filters existed.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { queryTokens } from './tsquery-text.ts';
import { completeWaitingWorkspaces, retryOnConflict } from './workspace-backfill.ts';

/**
 * The pairs of adjacent words a query (querytree's text) requires in one message: each `'a' <-> 'b'` standing
 * directly side by side, where `<->` binds tighter than anything around it. None for a query with OR or NOT (a
 * phrase under them is not required): a pair left out only lets more handovers through to the check, a pair
 * wrongly required would hide a match.
 */
export function requiredPairs(query: string): Array<[string, string]> {
  const tokens = queryTokens(query);
  // querytree has already dropped what NOT excluded, with its operator; a prefix (`:*`) or a weight (`:A`) would
  // be dropped by the token pattern and leave a pair that is not one. websearch_to_tsquery makes none of these.
  if (query.includes(':') || tokens.some((piece) => piece === '|' || piece === '!')) return [];
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 2 < tokens.length; index += 1) {
    const [first, operator, second] = [tokens[index], tokens[index + 1], tokens[index + 2]];
    if (typeof first === 'object' && operator === '<->' && typeof second === 'object') pairs.push([first.word, second.word]);
  }
  return pairs;
}

/**
 * True unless the conversation's filter lacks one of the pairs: its messages cannot then hold the phrase. A
 * conversation without a filter (no message with two words yet) passes. The pairs' mask is a constant PostgreSQL
 * folds when it plans the query; the lookup runs per handover row that gets this far.
 */
export function passesPhraseFilter(conversationId: RawBuilder<string>, pairs: Array<[string, string]>): RawBuilder<boolean> {
  const mask = sql.join(
    pairs.map(([first, second]) => sql`phrase_pair_bits(${first}, ${second})`),
    sql` | `,
  );
  return sql<boolean>`coalesce((select (f.bits & (${mask})) = (${mask}) from conversation_phrase_filters f where f.conversation_id = ${conversationId}), true)`;
}

/** Whether the workspace's filters hold all its messages, so that a search may read them. */
export const phraseFiltersComplete = (workspaceId: string) =>
  sql<boolean>`not exists (select 1 from phrase_filter_backfills b where b.workspace_id = ${workspaceId})`;

/** Conversations a backfill transaction covers: their messages are read, and their filters written, at once. */
const batchSize = 500;

/**
 * Adds the pairs of a workspace's stored messages to its conversations' filters, a batch of conversations per
 * transaction while the service runs, from where the last batch ended; then marks the workspace complete and
 * answers how many conversations it filled. Each batch holds the workspace's backfill row, so a second process
 * skips the workspace rather than repeat the work, and answers null, as does one that another took over from
 * between two batches. The trigger adds the pairs of every message stored meanwhile; both OR into the filters, so
 * neither loses the other's bits.
 */
export async function fillPhraseFilters(db: Db, workspaceId: string): Promise<number | null> {
  let conversations = 0;
  for (;;) {
    const filled = await retryOnConflict(() =>
      db.transaction().execute(async (tx) => {
        const backfill = await sql<{ after: string | null }>`
          select after from phrase_filter_backfills where workspace_id = ${workspaceId} for update skip locked`.execute(tx);
        if (backfill.rows.length === 0) return null;
        const after = backfill.rows[0]!.after;
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
          await tx.deleteFrom('phrase_filter_backfills').where('workspace_id', '=', workspaceId).execute();
          return 0;
        }
        await sql`select phrase_filters_fill(${batch}::uuid[])`.execute(tx);
        await tx.updateTable('phrase_filter_backfills').set({ after: batch.at(-1)! }).where('workspace_id', '=', workspaceId).execute();
        return batch.length;
      }),
    );
    // Another process is at it (or it was complete): it marks the workspace complete, not this one.
    if (filled === null) return null;
    if (filled === 0) return conversations;
    conversations += filled;
  }
}

/** Fills the filters of the workspaces whose messages predate them (migrations/0021), at each API start and hourly. */
export async function completePhraseFilters(db: Db, onWorkspace?: (workspaceId: string, conversations: number, seconds: number) => void): Promise<void> {
  const waiting = await db.selectFrom('phrase_filter_backfills').select('workspace_id').orderBy('workspace_id').execute();
  await completeWaitingWorkspaces(
    waiting.map((row) => row.workspace_id),
    (workspaceId) => fillPhraseFilters(db, workspaceId),
    'phrase filters',
    onWorkspace,
  );
}
