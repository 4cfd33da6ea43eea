// Search across a workspace's handovers: which handovers a search text matches (a condition for the list's query),
// and, for the page's rows only, where each matched, with a highlighted snippet (ts_headline is too costly to run
// on every match). The indexes: handovers_words_idx (migrations/0014_handover_words.ts) over each handover's words,
// handovers_customer_trgm_idx (0009) whose expression customerText repeats exactly, or PostgreSQL would not use it.
import { sql, type RawBuilder } from 'kysely';
import type { SearchMatch } from '../domain/schemas/handovers.ts';
import type { Db } from './connect.ts';
import type { ElementShares } from './element-shares.ts';
import { ownText, wordShares } from './handover-words.ts';
import { passesPhraseFilter, phraseFiltersComplete, requiredPairs } from './phrase-filters.ts';
import { estimatePairShare, pairHashes, phraseCandidates, phrasePairsComplete } from './phrase-pairs.ts';
import { queryTokens } from './tsquery-text.ts';

/** The handover's own words, with positions (its words column has none). */
const handoverWords = (alias: string) => sql`to_tsvector('simple'::regconfig, ${ownText(alias)})`;
/** The customer's name and email, lowered: the expression of handovers_customer_trgm_idx. */
const customerText = (alias: string) =>
  sql`lower(coalesce(${sql.ref(`${alias}.customer`)} ->> 'name', '') || ' ' || coalesce(${sql.ref(`${alias}.customer`)} ->> 'email', ''))`;
/** A message's words, with positions. */
const messageWords = (alias: string) => sql`to_tsvector('simple'::regconfig, ${sql.ref(`${alias}.body`)})`;

/**
 * The text as a query. websearch_to_tsquery never fails on what a person types (quotes, OR, -word; any other
 * punctuation is a separator), where to_tsquery would raise a syntax error on `!&|:*()`.
 */
const wordsOf = (q: string) => sql`websearch_to_tsquery('simple'::regconfig, ${q})`;

/** Trigrams need 3 characters: a shorter part would read the whole trigram index. */
const minimumPartLength = 3;

/** `%text%` for LIKE, the text's own % _ and \ taken literally. */
function containing(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** A phrase operator of a tsquery (`"exact phrase"`, and hyphenated words such as `e-mail`). */
const phraseOperator = /<(?:-|\d+)>/g;

/**
 * A condition on `handovers` (the list query's table) alone: the handover is one the text matches, and the share
 * of handovers it is estimated to match, by which listHandovers reads them. Its words (db/handover-words.ts) by
 * the GIN index or row by row in the list's order, as their statistics say how common they are; a part of the
 * customer's name or email by the trigram index; the conversation id found first, by the conversations' unique
 * index, so that no branch joins another table.
 *
 * The words are stripped of positions, which a phrase needs: for a phrase they find the handovers holding all its
 * words, and only those are then checked for the phrase itself, in their own text and messages. A phrase of common
 * words that is rare as a phrase is narrowed first to the few conversations its word pairs were written in
 * (db/phrase-pairs.ts), looked up before the condition is built.
 */
export async function matchesSearch(db: Db, workspaceId: string, q: string): Promise<SearchCondition> {
  const { rows } = await sql<{ conversation_ids: string[] | null; query: string; indexable: string; filters_ready: boolean; pairs_ready: boolean }>`
    select (select array_agg(c.id) from conversations c where c.workspace_id = ${workspaceId} and c.external_id = ${q}) as conversation_ids,
      ${wordsOf(q)}::text as query, querytree(${wordsOf(q)}) as indexable,
      ${phraseFiltersComplete(workspaceId)} as filters_ready, ${phrasePairsComplete(workspaceId)} as pairs_ready`.execute(db);
  const { conversation_ids: conversationIds, query, indexable, filters_ready: filtersReady, pairs_ready: pairsReady } = rows[0]!;
  const phrase = query.match(phraseOperator) !== null;
  // For a phrase the words column can only narrow the handovers down: what the query requires, with its excluded
  // parts left out (querytree; excluding a phrase must not exclude its words standing apart) and in any order.
  // 'T' is querytree's "nothing to narrow by".
  const narrowing = phrase ? indexable.replace(phraseOperator, '&') : query;
  const wordsShare = query.includes('|') ? null : estimateShare(indexable, await wordShares(db));
  // The word pairs the phrase requires; none for a query with OR.
  const pairs = phrase ? requiredPairs(indexable) : [];
  // A phrase of common words that is rare as a phrase is found through the pairs' index (db/phrase-pairs.ts), once
  // the workspace's pairs hold all it stored: the few conversations where one write held all its pairs, looked up
  // first, and only their handovers read. Not where the words are rare (their own index is as good), nor for a
  // phrase of two words the pair's statistics show common (the list's order fills a page at once).
  const candidates =
    pairs.length > 0 && pairsReady && !(wordsShare !== null && wordsShare < inOrderShare)
      ? await candidatesOf(db, await pairHashes(db, workspaceId, pairs))
      : null;
  // The words then only check the rows found, written as a call (ts_match_vq is @@) so that PostgreSQL cannot also
  // read the words index for them: it would AND the two, and for common words the words index's part is most of
  // the table.
  const byWords =
    narrowing === 'T'
      ? sql`true`
      : candidates
        ? sql`handovers.conversation_id = any(${candidates}::uuid[]) and ts_match_vq(handovers.words, ${narrowing}::tsquery)`
        : sql`handovers.words @@ ${narrowing}::tsquery`;
  // Parsing a message's words is what a phrase check costs; a message lacking one of the words as text cannot hold
  // the phrase (a 'simple' word is its text lowercased), and `like` on the text is far cheaper. Not with OR, where
  // a message may match without some of the words.
  const required = query.includes('|') ? [] : requiredWords(indexable);
  const mayHoldPhrase = required.length > 0 ? sql` and lower(m.body) like all(${required.map(containing)}::text[])` : sql``;
  // A conversation whose phrase filter lacks one of the phrase's word pairs has no message holding it
  // (db/phrase-filters.ts): its messages are not read. Only once the workspace's filters hold all its messages.
  const mayHoldPairs = pairs.length > 0 && filtersReady ? passesPhraseFilter(sql`handovers.conversation_id`, pairs) : sql<boolean>`true`;
  // The phrase itself, in the handover's own text or one of its messages (a message outside any handover counts).
  const inOrder = phrase
    ? sql` and (${handoverWords('handovers')} @@ ${wordsOf(q)} or (${mayHoldPairs} and exists (
        select 1 from messages m where m.workspace_id = handovers.workspace_id and m.conversation_id = handovers.conversation_id
          and (m.handover_id = handovers.id or m.handover_id is null)${mayHoldPhrase}
          and ${messageWords('m')} @@ ${wordsOf(q)}
        -- The limit keeps this a lookup per handover by the conversation's index: without it PostgreSQL may turn it
        -- into one hash of every matching message of every workspace (a scan of all 10M, measured).
        limit 1)))`
    : sql``;
  const byPart = q.length >= minimumPartLength ? sql` or ${customerText('handovers')} like ${containing(q)}` : sql``;
  const byConversation = conversationIds?.length ? sql` or handovers.conversation_id = any(${conversationIds}::uuid[])` : sql``;
  return {
    condition: sql<boolean>`((${byWords}${inOrder})${byPart}${byConversation})`,
    // A few thousand candidates at most: read through the index.
    share: candidates ? 0 : wordsShare,
  };
}

/** The conversations that may hold a phrase of these pairs, unless the phrase is known or found to be in too many. */
async function candidatesOf(db: Db, hashes: number[]): Promise<string[] | null> {
  const common = hashes.length === 1 && ((await estimatePairShare(db, hashes[0]!)) ?? 0) >= inOrderShare;
  return common ? null : phraseCandidates(db, hashes);
}

/**
 * A search whose handovers are estimated at this share or more reads them in the list's order; below it, through
 * an index (see listHandovers). Handovers lie on disk about in the order they were requested, so reading in order
 * is cheap per row (~5 µs here), and through an index each match is a page of its own (~20 µs): the two cost the
 * same near 0.35 % at a million.
 */
export const inOrderShare = 0.004;

/** The words a tsquery (as text, without OR) requires: all but those it excludes (`!'word'`). */
function requiredWords(query: string): string[] {
  const tokens = queryTokens(query);
  return tokens.flatMap((piece, index) => (typeof piece === 'object' && tokens[index - 1] !== '!' ? [piece.word] : []));
}

/** A search's condition on `handovers`, and the share of handovers its words are estimated to be in (null: unknown). */
export interface SearchCondition {
  condition: RawBuilder<boolean>;
  share: number | null;
}

/**
 * The share of handovers holding all the query's words, as if words came independently (as PostgreSQL assumes):
 * the product of their shares. A word too rare to be kept in the statistics counts as none: its share is anywhere
 * below the smallest kept one, and the index reads no more than its few matches, where reading in order could read
 * every handover (PostgreSQL takes such a word at half the smallest share, which in a small vocabulary reads in
 * order). Unknown for a query with OR, or with no word it requires.
 */
export function estimateShare(query: string, shares: ElementShares | null): number | null {
  if (!shares || query.includes('|')) return null;
  const required = requiredWords(query);
  if (required.length === 0) return null;
  return required.reduce((share, word) => share * (shares.shares.get(word) ?? 0), 1);
}

// Marks around the matched words: private-use characters, taken out of the text first so they can only be ours.
const startMark = '\uE000';
const stopMark = '\uE001';
const marks = new RegExp(`[${startMark}${stopMark}]`, 'g');
const headlineOptions = `StartSel="${startMark}", StopSel="${stopMark}", MinWords=8, MaxWords=20, ShortWord=2`;
const headline = (text: RawBuilder<unknown>, q: string) =>
  sql<string>`ts_headline('simple'::regconfig, translate(${text}, ${startMark + stopMark}, ''), ${wordsOf(q)}, ${headlineOptions})`;

/**
 * Where the text matched each of these handovers (the page's rows), most telling first: a message (the row does
 * not show it), the reason, the customer, the conversation id. Handovers it did not match are left out.
 */
export async function findSearchMatches(db: Db, workspaceId: string, handoverIds: string[], q: string): Promise<Map<string, SearchMatch>> {
  if (handoverIds.length === 0) return new Map();
  const { rows } = await sql<{
    id: string;
    message: string | null;
    reason_matched: boolean;
    reason: string;
    customer_matched: boolean;
    customer: string;
    conversation_matched: boolean;
    external_id: string;
  }>`
    select h.id,
      (select ${headline(sql.ref('m.body'), q)} from messages m
        where m.conversation_id = h.conversation_id and ${messageWords('m')} @@ ${wordsOf(q)}
        order by m.seq desc limit 1) as message,
      to_tsvector('simple'::regconfig, h.reason) @@ ${wordsOf(q)} as reason_matched,
      ${headline(sql.ref('h.reason'), q)} as reason,
      (${handoverWords('h')} @@ ${wordsOf(q)} or ${customerText('h')} like ${containing(q)}) as customer_matched,
      trim(coalesce(h.customer ->> 'name', '') || ' ' || coalesce(h.customer ->> 'email', '')) as customer,
      c.external_id = ${q} as conversation_matched,
      c.external_id
    from handovers h join conversations c on c.id = h.conversation_id
    where h.workspace_id = ${workspaceId} and h.id = any(${handoverIds}::uuid[])
  `.execute(db);
  const matches = new Map<string, SearchMatch>();
  for (const row of rows) {
    const match = row.message
      ? fromMarked('message', row.message)
      : row.reason_matched
        ? fromMarked('reason', row.reason)
        : row.customer_matched
          ? withPart('customer', row.customer, q)
          : row.conversation_matched
            ? { field: 'conversationId' as const, snippet: row.external_id, highlights: [{ start: 0, length: row.external_id.length }] }
            : null;
    if (match) matches.set(row.id, match);
  }
  return matches;
}

/** ts_headline's marked text as plain text and the ranges between the marks. */
export function fromMarked(field: SearchMatch['field'], marked: string): SearchMatch {
  const highlights: SearchMatch['highlights'] = [];
  let snippet = '';
  let start: number | null = null;
  for (const piece of marked.split(/([\uE000\uE001])/)) {
    if (piece === startMark) start = snippet.length;
    else if (piece === stopMark) {
      if (start !== null && snippet.length > start) highlights.push({ start, length: snippet.length - start });
      start = null;
    } else snippet += piece;
  }
  return { field, snippet: snippet.replace(marks, ''), highlights };
}

/** The customer's name and email, with the searched part highlighted where it appears as typed. */
function withPart(field: SearchMatch['field'], text: string, q: string): SearchMatch {
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  // Lowering can change a string's length (İ): highlight only where it did not.
  const safe = at >= 0 && text.toLowerCase().length === text.length;
  return { field, snippet: text, highlights: safe ? [{ start: at, length: q.length }] : [] };
}
