// Each conversation's phrase pairs (migrations/0022_phrase_pairs.ts): the hashes of the adjacent word pairs of its
// messages and its handovers' own text, kept by triggers, under a GIN index. A phrase search checks only the
// handovers whose conversation holds every pair of the phrase (db/handover-search.ts): found through the index when
// the pairs are rare together, looked up one conversation at a time when they are common. Here: the pairs a search
// requires, those two conditions and the share estimate that chooses between them, and the backfill of what was
// stored before the pairs existed.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { elementShares } from './element-shares.ts';
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

/** The hashes of these pairs, as the triggers store them (phrase_pair_hash). */
export async function pairHashes(db: Db, pairs: Array<[string, string]>): Promise<number[]> {
  const { rows } = await sql<{ hash: number }>`
    select phrase_pair_hash(first, second) as hash
    from unnest(${pairs.map(([first]) => first)}::text[], ${pairs.map(([, second]) => second)}::text[]) t(first, second)`.execute(db);
  return rows.map((row) => row.hash);
}

/**
 * True unless the conversation's pairs lack one of these: its messages cannot then hold the phrase. A conversation
 * without pairs (no message with two words yet) passes, as does one with too many to keep (null). A lookup per
 * handover row that gets this far.
 */
export function passesPhrasePairs(conversationId: RawBuilder<string>, hashes: number[]): RawBuilder<boolean> {
  return sql<boolean>`coalesce((select f.pairs is null or f.pairs @> ${hashes}::int[] from conversation_phrase_pairs f where f.conversation_id = ${conversationId}), true)`;
}

/**
 * The conversations (of every workspace: the caller scopes the handovers) that may hold all these pairs: those
 * holding each, through the GIN index, and those holding too many to keep. Computed once, before the handovers
 * are read.
 */
export function holdingPhrasePairs(hashes: number[]): RawBuilder<string[]> {
  return sql<string[]>`array(select f.conversation_id from conversation_phrase_pairs f where f.pairs @> ${hashes}::int[] or f.pairs is null)`;
}

/**
 * The share of conversations holding all these pairs, as if pairs came independently: the product of their
 * shares, plus the conversations that may hold any. A pair too rare to be in the statistics counts as none (the
 * index reads no more than its few). Null before the pairs were first analyzed.
 */
export async function estimatePairsShare(db: Db, hashes: number[]): Promise<number | null> {
  const shares = await elementShares(db, { table: 'conversation_phrase_pairs', column: 'pairs' });
  if (!shares) return null;
  return shares.nullShare + hashes.reduce((share, hash) => share * (shares.shares.get(String(hash)) ?? 0), 1);
}

/** Whether the workspace's pairs hold all its messages, so that a search may read them. */
export const phrasePairsComplete = (workspaceId: string) =>
  sql<boolean>`not exists (select 1 from phrase_pair_backfills b where b.workspace_id = ${workspaceId})`;

/** Conversations a backfill transaction covers: their messages and handovers are read, and their pairs written, at once. */
const batchSize = 500;

/**
 * Adds the pairs of a workspace's stored messages and handovers to its conversations', a batch of conversations per
 * transaction while the service runs, from where the last batch ended; then marks the workspace complete and
 * answers how many conversations it filled. Each batch holds the workspace's backfill row, so a second process
 * skips the workspace rather than repeat the work, and answers null, as does one that another took over from
 * between two batches. The triggers add the pairs of every message and handover stored meanwhile; both add to the
 * pairs (a union), so neither loses the other's.
 */
export async function fillPhrasePairs(db: Db, workspaceId: string): Promise<number | null> {
  let conversations = 0;
  for (;;) {
    const filled = await retryOnConflict(() =>
      db.transaction().execute(async (tx) => {
        const backfill = await sql<{ after: string | null }>`
          select after from phrase_pair_backfills where workspace_id = ${workspaceId} for update skip locked`.execute(tx);
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
          await tx.deleteFrom('phrase_pair_backfills').where('workspace_id', '=', workspaceId).execute();
          return 0;
        }
        await sql`select phrase_pairs_fill(${batch}::uuid[])`.execute(tx);
        await tx.updateTable('phrase_pair_backfills').set({ after: batch.at(-1)! }).where('workspace_id', '=', workspaceId).execute();
        return batch.length;
      }),
    );
    // Another process is at it (or it was complete): it marks the workspace complete, not this one.
    if (filled === null) return null;
    if (filled === 0) return conversations;
    conversations += filled;
  }
}

/** Fills the pairs of the workspaces whose messages predate them (migrations/0022), at each API start and hourly. */
export async function completePhrasePairs(db: Db, onWorkspace?: (workspaceId: string, conversations: number, seconds: number) => void): Promise<void> {
  const waiting = await db.selectFrom('phrase_pair_backfills').select('workspace_id').orderBy('workspace_id').execute();
  await completeWaitingWorkspaces(
    waiting.map((row) => row.workspace_id),
    (workspaceId) => fillPhrasePairs(db, workspaceId),
    'phrase pairs',
    onWorkspace,
  );
}
