// The phrase pairs (migrations/0022_phrase_pairs.ts, 0023): the hashes of the adjacent word pairs of each write, a
// row of phrase_pair_sets per statement and conversation, under a GIN index. A phrase whose pairs are rare together
// is found through it: the conversations where one row holds every pair of the phrase, before any handover is read
// (db/handover-search.ts). Here: the pairs' hashes, that condition, the share estimate that decides whether to use
// it, and the background fill of what was stored before the rows existed.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { elementShares } from './element-shares.ts';
import { completeConversationBackfill, fillConversations, type ConversationBackfill } from './workspace-backfill.ts';

/** The hashes of these word pairs, as the triggers store them (phrase_pair_hash). */
export async function pairHashes(db: Db, pairs: Array<[string, string]>): Promise<number[]> {
  const { rows } = await sql<{ hash: number }>`
    select phrase_pair_hash(first, second) as hash
    from unnest(${pairs.map(([first]) => first)}::text[], ${pairs.map(([, second]) => second)}::text[]) t(first, second)`.execute(db);
  return rows.map((row) => row.hash);
}

/**
 * The conversations (of every workspace: the caller scopes the handovers) with a row holding all these pairs,
 * through the GIN index; computed once, before the handovers are read.
 */
export function holdingPhrasePairs(hashes: number[]): RawBuilder<string[]> {
  return sql<string[]>`array(select distinct s.conversation_id from phrase_pair_sets s where s.pairs @> ${hashes}::int[])`;
}

/**
 * The share of handovers whose conversation holds all these pairs in one row, as if pairs came independently: the
 * product of their shares of the rows, times the rows there are for each handover. A pair too rare to be in the
 * statistics counts as none (the index reads no more than its few rows). Null before the rows were first analyzed.
 */
export async function estimatePairsShare(db: Db, hashes: number[]): Promise<number | null> {
  const [pairs, words] = await Promise.all([
    elementShares(db, { table: 'phrase_pair_sets', column: 'pairs' }),
    elementShares(db, { table: 'handovers', column: 'words' }),
  ]);
  if (!pairs || !words || words.rows === 0) return null;
  const share = hashes.reduce((product, hash) => product * (pairs.shares.get(String(hash)) ?? 0), 1);
  return Math.min(1, (share * pairs.rows) / words.rows);
}

/** Whether the workspace's rows hold all its messages and handovers, so that a search may use them. */
export const phrasePairsComplete = (workspaceId: string) =>
  sql<boolean>`not exists (select 1 from phrase_pair_set_backfills b where b.workspace_id = ${workspaceId})`;

/**
 * The fill of the rows of what was stored before them, in the background: a row for each conversation, of all its
 * messages and handovers. The triggers add a row for each write meanwhile; rows are only ever inserted, so neither
 * loses the other's, and a write the fill reads too is only there twice.
 */
const phrasePairsBackfill: ConversationBackfill = { table: 'phrase_pair_set_backfills', fill: 'phrase_pair_sets_fill', what: 'phrase pairs' };

/** Fills a workspace's rows: see fillConversations. */
export const fillPhrasePairs = (db: Db, workspaceId: string) => fillConversations(db, workspaceId, phrasePairsBackfill);

/** Fills the rows of the workspaces whose messages predate them, at each API start and hourly. */
export const completePhrasePairs = (db: Db, onWorkspace?: (workspaceId: string, conversations: number, seconds: number) => void) =>
  completeConversationBackfill(db, phrasePairsBackfill, onWorkspace);
