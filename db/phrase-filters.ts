// Each conversation's phrase filter (migrations/0021_phrase_filters.ts): a Bloom filter of the adjacent word pairs
// of its messages, kept by a trigger on messages. A phrase search lets a handover's messages be read only where its
// conversation's filter holds every pair of the phrase (db/handover-search.ts). Here: the pairs a search requires,
// that condition, and the backfill of the messages stored before the filters existed.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect.ts';
import { completeWaitingWorkspaces, retryOnConflict } from './workspace-backfill.ts';

/** A tsquery's lexemes (quoted, a quote or backslash in one doubled) and operators, as PostgreSQL prints it. */
const token = /'((?:[^'\\]|''|\\\\)*)'|<->|<\d+>|[&|!()]/g;

/**
 * The pairs of adjacent words a query (querytree's text) requires in one message: each `'a' <-> 'b'` standing
 * directly side by side, where `<->` binds tighter than anything around it. None for a query with OR or NOT (a
 * phrase under them is not required): a pair left out only lets more handovers through to the check, a pair
 * wrongly required would hide a match.
 */
export function requiredPairs(query: string): Array<[string, string]> {
  const tokens = [...query.matchAll(token)].map(([text, lexeme]) => (lexeme === undefined ? text : { word: lexeme.replaceAll("''", "'").replaceAll('\\\\', '\\') }));
  if (tokens.some((piece) => piece === '|' || piece === '!')) return [];
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 2 < tokens.length; index += 1) {
    const [first, operator, second] = [tokens[index], tokens[index + 1], tokens[index + 2]];
    if (typeof first === 'object' && operator === '<->' && typeof second === 'object') pairs.push([first.word, second.word]);
  }
  return pairs;
}

/**
 * True unless the conversation's filter lacks one of the pairs: its messages cannot then hold the phrase. A
 * conversation without a filter (no message with two words yet) passes. A scalar subquery, which PostgreSQL runs per
 * row as the list reads it, where `not exists` could become a join over every filter.
 */
export function passesPhraseFilter(conversationId: RawBuilder<string>, pairs: Array<[string, string]>): RawBuilder<boolean> {
  const mask = sql.join(
    pairs.map(([first, second]) => sql`phrase_pair_bits(${first}, ${second})`),
    sql` | `,
  );
  return sql<boolean>`coalesce((select (f.bits & (${mask})) = (${mask}) from conversation_phrase_filters f where f.conversation_id = ${conversationId}), true)`;
}

/** Conversations a backfill transaction covers: their messages are read, and their filters written, at once. */
const batchSize = 1_000;

/**
 * Adds the pairs of a workspace's stored messages to its conversations' filters, a batch of conversations per
 * transaction while the service runs, then marks its filters complete. The trigger adds the pairs of every message
 * stored meanwhile; both OR into the filter, so neither loses the other's bits. A deadlock with a message write
 * (which locks its filter) retries the batch.
 */
export async function fillPhraseFilters(db: Db, workspaceId: string): Promise<number> {
  let after: string | null = null;
  let conversations = 0;
  for (;;) {
    const batch: string[] = (
      await db
        .selectFrom('conversations')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .$if(after !== null, (query) => query.where('id', '>', after!))
        .orderBy('id')
        .limit(batchSize)
        .execute()
    ).map((row) => row.id);
    if (batch.length === 0) break;
    await retryOnConflict(() =>
      sql`
        insert into conversation_phrase_filters as f (conversation_id, bits)
        select m.conversation_id, bit_or(phrase_pair_bits(p.first, p.second))
        from messages m cross join lateral phrase_pairs(m.body) p
        where m.conversation_id = any(${batch}::uuid[])
        group by m.conversation_id
        order by m.conversation_id
        on conflict (conversation_id) do update set bits = f.bits | excluded.bits
          where f.bits | excluded.bits <> f.bits`.execute(db),
    );
    conversations += batch.length;
    after = batch.at(-1)!;
  }
  await db.updateTable('workspaces').set({ phrase_filters_ready_at: new Date() }).where('id', '=', workspaceId).execute();
  return conversations;
}

/** Fills the filters of the workspaces whose messages predate them (migrations/0021), at each API start and hourly. */
export function completePhraseFilters(db: Db, onWorkspace?: (workspaceId: string, conversations: number, seconds: number) => void): Promise<void> {
  return completeWaitingWorkspaces(db, 'phrase_filters_ready_at', (workspaceId) => fillPhraseFilters(db, workspaceId), onWorkspace);
}
