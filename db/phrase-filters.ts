// Each conversation's phrase filter (migrations/0021_phrase_filters.ts): a Bloom filter of the adjacent word pairs
// of its messages, kept by a trigger on messages. A phrase search lets a handover's messages be read only where its
// conversation's filter holds every pair of the phrase (db/handover-search.ts). Here: the pairs a search requires,
// that condition, and the backfill of the messages stored before the filters existed.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { queryTokens } from './tsquery-text.ts';
import { completeConversationBackfill, fillConversations, type ConversationBackfill } from './workspace-backfill.ts';

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

/**
 * The fill of the filters of the messages stored before them (migrations/0021), in the background. The trigger adds
 * the pairs of every message stored meanwhile; both OR into the filters, so neither loses the other's bits.
 */
const phraseFiltersBackfill: ConversationBackfill = { table: 'phrase_filter_backfills', fill: 'phrase_filters_fill', what: 'phrase filters' };

/** Fills a workspace's filters: see fillConversations. */
export const fillPhraseFilters = (db: Db, workspaceId: string) => fillConversations(db, workspaceId, phraseFiltersBackfill);

/** Fills the filters of the workspaces whose messages predate them, at each API start and hourly. */
export const completePhraseFilters = (db: Db, onWorkspace?: (workspaceId: string, conversations: number, seconds: number) => void) =>
  completeConversationBackfill(db, phraseFiltersBackfill, onWorkspace);
