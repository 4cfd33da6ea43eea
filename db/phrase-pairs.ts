// The phrase pairs (migrations/0022_phrase_pairs.ts, 0023): the hashes of the adjacent word pairs of each write, a
// row of phrase_pair_sets per statement and conversation, under a GIN index. A phrase whose pairs are rare together
// is found through it: the conversations where one row holds every pair of the phrase, looked up before any
// handover is read (db/handover-search.ts). Here: the pairs' hashes, that look-up, the estimate that spares it for
// a phrase known to be common, and the background fill of what was stored before the rows existed.
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { elementShares } from './element-shares.ts';
import { completeConversationBackfill, fillConversations, type ConversationBackfill } from './workspace-backfill.ts';

/** The hashes of these word pairs in the workspace, as the triggers store them (phrase_pair_hash). */
export async function pairHashes(db: Db, workspaceId: string, pairs: Array<[string, string]>): Promise<number[]> {
  const { rows } = await sql<{ hash: number }>`
    select phrase_pair_hash(${workspaceId}::uuid, first, second) as hash
    from unnest(${pairs.map(([first]) => first)}::text[], ${pairs.map(([, second]) => second)}::text[]) t(first, second)`.execute(db);
  return rows.map((row) => row.hash);
}

/**
 * At most this many conversations are looked up through the pairs' index; a phrase in more reads in the list's
 * order. Through the index each candidate's handovers cost their phrase check (~0.1 ms a handover here, its
 * messages read); in order a page costs ~10 µs a handover for 50 ÷ the phrase's share of them: the two meet near
 * 2,000 candidates at a million handovers, of about one handover each.
 */
export const maxCandidates = 2_000;
/** Rows read to find them: a conversation has a row a write, and a phrase may be in several of its messages. */
const maxCandidateRows = 4 * maxCandidates;
/**
 * How long the look-up may take. PostgreSQL reads each pair's entries whole before the limit applies, which for
 * pairs in most conversations is a share of a 1.4 GB index: a look-up past this finds too many to be worth it.
 */
const lookUpTimeoutMs = 1_000;

/**
 * The conversations with a row holding all these pairs (hashed with the workspace: its own, but for a 32-bit
 * collision, which the caller's condition on the handovers' workspace removes), through the GIN index; or null
 * where there are more than `maxCandidates`, rows past `maxCandidateRows`, or the look-up outlasts its time. A
 * bounded look, not an estimate: a phrase's pairs come together, so no product of their shares says how many
 * conversations hold them all.
 */
export async function phraseCandidates(db: Db, hashes: number[]): Promise<string[] | null> {
  const found = await db
    .transaction()
    .execute(async (tx) => {
      await sql.raw(`set local statement_timeout = ${lookUpTimeoutMs}`).execute(tx);
      const { rows } = await sql<{ ids: string[] | null; n: number }>`
        select array_agg(distinct s.conversation_id) as ids, count(*)::int as n
        from (select conversation_id from phrase_pair_sets where pairs @> ${hashes}::int[] limit ${maxCandidateRows + 1}) s`.execute(tx);
      return rows[0]!;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '57014') return null;
      throw error;
    });
  if (!found || found.n > maxCandidateRows || (found.ids?.length ?? 0) > maxCandidates) return null;
  return found.ids ?? [];
}

/**
 * The share of handovers whose conversation holds this pair: its share of the rows, as ANALYZE last sampled them,
 * times the rows there are for each handover. For a phrase of two words, that is the phrase's own share: at
 * `inOrderShare` or above, the list's order fills a page at once, and the look-up is spared. Not for a longer phrase:
 * rows holding each of its pairs say nothing of rows holding them side by side. A pair not in the statistics counts
 * as none; null before the rows were first analyzed.
 */
export async function estimatePairShare(db: Db, hash: number): Promise<number | null> {
  const [pairs, words] = await Promise.all([
    elementShares(db, { table: 'phrase_pair_sets', column: 'pairs' }),
    elementShares(db, { table: 'handovers', column: 'words' }),
  ]);
  if (!pairs || !words || words.rows <= 0) return null;
  return Math.min(1, ((pairs.shares.get(String(hash)) ?? 0) * pairs.rows) / words.rows);
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
